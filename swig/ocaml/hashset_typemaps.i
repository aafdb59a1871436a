// OCaml: what must precede the API (typemaps, renames, per-method exceptions).
//
// SWIG's OCaml module is untyped: every argument is a Swig.c_obj, and its
// default typemaps coerce anything to anything (C_double 1.5 -> 1, a
// C_string -> its address). The typemaps below accept exactly:
//   int64 (in)   C_int, C_int32, C_int64, C_short, C_ushort; anything else
//                (C_double, C_float, C_string, C_bool, C_void, ...) raises
//                Invalid_argument before the set is touched. OCaml has no
//                integer beyond int64, so "out of range" cannot be expressed.
//   int64 (out)  C_int64 (bit-exact).
//   size_t       C_int (OCaml's 63-bit int), non-negative on the way in.
//   lists        C_list or C_array of the integers above -> every element is
//                validated before the call; collect() returns a C_list of C_int64.
//   bytes        C_string both ways (OCaml strings are byte strings).
// The typed module ocaml/hashset.ml (module Hashset) sits on top of this.
//
// Handles. SWIG's OCaml objects carry a raw C pointer (C_ptr (address, type))
// that any caller can forge, and its GC finaliser deletes whatever the pointer
// names. Here the first field is instead a handle number, never reused, looked
// up in a table of live objects: a closed set, a forged or stale handle, or a
// second delete (close, then the GC finaliser) raises Hashset_swig.Closed or
// does nothing, never touches freed memory.
//
// OCaml raises by longjmp, which skips C++ destructors and catch-block exits.
// Every raise below happens with no C++ object alive in the frames it
// unwinds: arguments are validated before anything is allocated, and C++
// exceptions are caught, recorded as plain data, and raised after the catch.

%fragment("hashset_ocaml", "header") %{
#include <cstring>
#include <exception>
#include <new>
#include <unordered_map>
#include <vector>

// The OCaml headers' macros (Field, CAMLlocal, ...) spell the type `value`,
// which SWIG's runtime renames to caml_value_t and then #undefs.
#define value caml_value_t

namespace hashset_ocaml {

// ---- Raising OCaml exceptions (Hashset_swig.Closed etc. are registered by
// the module's OCaml code, see hashset_protocol.i).
[[noreturn]] void raise_named(const char* name, const char* message) {
  const CAML_VALUE* exn = caml_named_value(name);
  if (exn == nullptr) caml_failwith(message);
  caml_raise_with_string(*exn, message);
}

enum Kind { kNone, kConcurrent, kFormat, kNotFound, kInvalid, kOutOfMemory, kFailure };

// A C++ exception turned into plain data, to be raised outside the catch.
struct Failure {
  Kind kind = kNone;
  char message[256] = {0};
};

// Called inside a catch block: describes the exception in flight.
Failure current_failure() noexcept {
  Failure failure;
  failure.kind = kFailure;
  const char* message = "unknown C++ exception";
  try {
    throw;
  } catch (const hashset::ConcurrentModificationError& e) {
    failure.kind = kConcurrent;
    message = "HashSet changed during iteration";
  } catch (const hashset::FormatError& e) {
    failure.kind = kFormat;
    message = e.what();
  } catch (const std::out_of_range& e) {  // pop() on an empty set, next() past the end
    failure.kind = kNotFound;
    message = e.what();
  } catch (const std::bad_alloc&) {
    failure.kind = kOutOfMemory;
    message = "out of memory";
  } catch (const std::length_error& e) {  // reserve() beyond what can be allocated
    failure.kind = kInvalid;
    message = e.what();
  } catch (const std::logic_error& e) {  // invalid_argument, remove() without next()
    failure.kind = kInvalid;
    message = e.what();
  } catch (const std::exception& e) {
    message = e.what();
  } catch (...) {
  }
  std::strncpy(failure.message, message, sizeof failure.message - 1);
  return failure;
}

[[noreturn]] void raise(const Failure& failure) {
  switch (failure.kind) {
    case kConcurrent: raise_named("hashset_swig.Concurrent_modification", failure.message);
    case kFormat: raise_named("hashset_swig.Format_error", failure.message);
    // Not Not_found: SWIG's method dispatch (invoke) catches Not_found
    // and reports a missing method instead. The typed Hashset.pop raises Not_found.
    case kNotFound: raise_named("hashset_swig.Empty", failure.message);
    case kInvalid: caml_invalid_argument(failure.message);
    case kOutOfMemory: caml_raise_out_of_memory();
    default: caml_failwith(failure.message);
  }
}

// ---- Reading c_obj values, strictly.
const char* tag_name(CAML_VALUE v) {
  if (!Is_block(v)) return "C_void";
  static const char* const names[] = {
      "C_bool", "C_char", "C_uchar", "C_short", "C_ushort", "C_int", "C_uint",
      "C_int32", "C_int64", "C_float", "C_double", "C_ptr", "C_array", "C_list",
      "C_obj", "C_string", "C_enum", "C_director_core"};
  const unsigned tag = SWIG_Tag_val(v);
  return tag < sizeof names / sizeof names[0] ? names[tag] : "an unknown value";
}

[[noreturn]] void wrong_type(const char* what, CAML_VALUE v) {
  char message[160];
  std::snprintf(message, sizeof message, "HashSet: %s must be an integer (C_int, C_int32 or C_int64), not %s",
                what, tag_name(v));
  caml_invalid_argument(message);
}

// True (and *out set) when v is one of the exact integer variants.
bool read_int64(CAML_VALUE v, std::int64_t* out) {
  if (!Is_block(v)) return false;
  switch (SWIG_Tag_val(v)) {
    case C_short:
    case C_ushort:
    case C_int: *out = Long_val(Field(v, 0)); return true;
    case C_int32: *out = Int32_val(Field(v, 0)); return true;
    case C_int64: *out = Int64_val(Field(v, 0)); return true;
    default: return false;
  }
}

std::int64_t to_int64(CAML_VALUE v) {
  std::int64_t result = 0;
  if (!read_int64(v, &result)) wrong_type("an element", v);
  return result;
}

// A non-negative count.
std::size_t to_size(CAML_VALUE v) {
  std::int64_t number = 0;
  if (!read_int64(v, &number)) wrong_type("a count", v);
  if (number < 0) caml_invalid_argument("HashSet: a count must not be negative");
  return static_cast<std::size_t>(number);
}

// reserve()'s count. abseil aborts the process (not an exception) on a
// count above the table's max_size(), so that is refused here first.
std::size_t to_capacity(CAML_VALUE v) {
  const std::size_t count = to_size(v);
  if (count > absl::flat_hash_set<std::int64_t>().max_size())
    caml_invalid_argument("HashSet.reserve: count too large for a HashSet");
  return count;
}

// The elements of a C_list or C_array, validated (raising) before anything
// is allocated, then copied into a reused buffer: nothing can leak when an
// element is refused, and the buffer is never freed while in use (the OCaml
// runtime runs one thread at a time and no OCaml code runs during the call).
const std::int64_t* read_values(CAML_VALUE v, std::size_t* count) {
  static std::vector<std::int64_t> buffer;
  std::int64_t element = 0;
  std::size_t length = 0;
  bool is_list = false;
  if (Is_block(v) && SWIG_Tag_val(v) == C_list) {
    is_list = true;
    for (CAML_VALUE cell = Field(v, 0); cell != Val_emptylist; cell = Field(cell, 1)) {
      if (!read_int64(Field(cell, 0), &element)) wrong_type("every element of the list", Field(cell, 0));
      ++length;
    }
  } else if (Is_block(v) && SWIG_Tag_val(v) == C_array) {
    const CAML_VALUE array = Field(v, 0);
    length = Wosize_val(array);
    for (std::size_t i = 0; i < length; ++i)
      if (!read_int64(Field(array, i), &element)) wrong_type("every element of the array", Field(array, i));
  } else {
    char message[128];
    std::snprintf(message, sizeof message, "HashSet: expected a C_list or C_array of integers, not %s", tag_name(v));
    caml_invalid_argument(message);
  }
  // Validated: from here on nothing raises an OCaml exception.
  try {
    if (buffer.capacity() > 4 * length + 4096) std::vector<std::int64_t>().swap(buffer);
    buffer.resize(length);
  } catch (...) {
    caml_raise_out_of_memory();  // no C++ object is alive here
  }
  if (is_list) {
    std::size_t i = 0;
    for (CAML_VALUE cell = Field(v, 0); cell != Val_emptylist; cell = Field(cell, 1)) read_int64(Field(cell, 0), &buffer[i++]);
  } else {
    for (std::size_t i = 0; i < length; ++i) read_int64(Field(Field(v, 0), i), &buffer[i]);
  }
  *count = length;
  return buffer.data();
}

// ---- Building c_obj values.
CAML_VALUE make_int64(std::int64_t number) {
  CAMLparam0();
  CAMLlocal2(result, boxed);
  boxed = caml_copy_int64(number);
  result = caml_alloc(1, C_int64);
  Store_field(result, 0, boxed);
  CAMLreturn(result);
}

CAML_VALUE make_size(std::size_t number) {
  CAMLparam0();
  CAMLlocal1(result);
  result = caml_alloc(1, C_int);
  Store_field(result, 0, Val_long(static_cast<long>(number)));
  CAMLreturn(result);
}

// A C_list of C_int64, in the vector's order.
CAML_VALUE make_list(const std::vector<std::int64_t>& values) {
  CAMLparam0();
  CAMLlocal4(list, cell, item, result);
  list = Val_emptylist;
  for (std::size_t i = values.size(); i-- > 0;) {
    item = make_int64(values[i]);
    cell = caml_alloc(2, 0);
    Store_field(cell, 0, item);
    Store_field(cell, 1, list);
    list = cell;
  }
  result = caml_alloc(1, C_list);
  Store_field(result, 0, list);
  CAMLreturn(result);
}

CAML_VALUE make_bytes(const std::vector<std::uint8_t>& bytes) {
  CAMLparam0();
  CAMLlocal2(result, text);
  text = caml_alloc_string(bytes.size());
  if (!bytes.empty()) std::memcpy(Bytes_val(text), bytes.data(), bytes.size());
  result = caml_alloc(1, C_string);
  Store_field(result, 0, text);
  CAMLreturn(result);
}

// ---- Handles: C_ptr (handle number, type) naming a live object.
template <class T>
struct Registry {
  std::unordered_map<std::uint64_t, T*> by_handle;
  std::unordered_map<const T*, std::uint64_t> by_pointer;
  std::uint64_t next_handle = 1;

  // Takes ownership of `object` (deletes it if the table cannot grow).
  std::uint64_t add(T* object) noexcept {
    try {
      const std::uint64_t handle = next_handle++;
      by_handle.emplace(handle, object);
      try {
        by_pointer.emplace(object, handle);
      } catch (...) {
        by_handle.erase(handle);
        throw;
      }
      return handle;
    } catch (...) {
      delete object;
      return 0;
    }
  }
  T* find(std::uint64_t handle) const {
    auto found = by_handle.find(handle);
    return found == by_handle.end() ? nullptr : found->second;
  }
  // Deletes `object` if it is live; a no-op for null or an unknown object.
  void release(T* object) noexcept {
    if (object == nullptr) return;
    auto found = by_pointer.find(object);
    if (found == by_pointer.end()) return;
    by_handle.erase(found->second);
    by_pointer.erase(found);
    delete object;
  }
};

Registry<hashset::HashSet>& sets() {
  static Registry<hashset::HashSet>* registry = new Registry<hashset::HashSet>();
  return *registry;
}
Registry<hashset::HashSetIterator>& iterators() {
  static Registry<hashset::HashSetIterator>* registry = new Registry<hashset::HashSetIterator>();
  return *registry;
}

// The C_ptr of a c_obj (a C_obj asks its "&" method), or 0 for anything else.
CAML_VALUE pointer_value(CAML_VALUE v) {
  CAMLparam1(v);
  CAMLlocal1(result);
  result = Val_unit;
  if (Is_block(v) && SWIG_Tag_val(v) == C_obj) {
    static const CAML_VALUE* obj_ptr = nullptr;
    if (obj_ptr == nullptr) obj_ptr = caml_named_value("caml_obj_ptr");
    if (obj_ptr != nullptr) v = caml_callback(*obj_ptr, v);
  }
  if (Is_block(v) && SWIG_Tag_val(v) == C_ptr) result = v;
  CAMLreturn(result);
}

// The live object named by `v`. Raises Invalid_argument for a value that is
// not an object of this type, Hashset_swig.Closed for a closed (or forged)
// one; returns null instead of raising Closed when `allow_closed`.
template <class T>
T* object_of(CAML_VALUE v, Registry<T>& registry, swig_type_info* type, const char* what, bool allow_closed) {
  const CAML_VALUE pointer = pointer_value(v);
  if (pointer == Val_unit || reinterpret_cast<swig_type_info*>(Int64_val(Field(pointer, 1))) != type) {
    char message[128];
    std::snprintf(message, sizeof message, "HashSet: expected %s, not %s", what, tag_name(v));
    caml_invalid_argument(message);
  }
  T* object = registry.find(static_cast<std::uint64_t>(Int64_val(Field(pointer, 0))));
  if (object == nullptr && !allow_closed)
    raise_named("hashset_swig.Closed", "HashSet: the set is closed (or was never created)");
  return object;
}

hashset::HashSet* set_of(CAML_VALUE v, bool allow_closed = false) {
  return object_of(v, sets(), SWIGTYPE_p_hashset__HashSet, "a HashSet", allow_closed);
}
hashset::HashSetIterator* iterator_of(CAML_VALUE v, bool allow_closed = false) {
  return object_of(v, iterators(), SWIGTYPE_p_hashset__HashSetIterator, "a HashSetIterator", allow_closed);
}

// The OCaml object of a new set or iterator (already owned by the table).
CAML_VALUE wrap_set(hashset::HashSet* set) {
  const std::uint64_t handle = sets().add(set);
  if (handle == 0) caml_raise_out_of_memory();
  return SWIG_Ocaml_ptr_to_val("create_hashset::HashSet_from_ptr", reinterpret_cast<void*>(handle),
                               SWIGTYPE_p_hashset__HashSet);
}
CAML_VALUE wrap_iterator(hashset::HashSetIterator* iterator) {
  const std::uint64_t handle = iterators().add(iterator);
  if (handle == 0) caml_raise_out_of_memory();
  return SWIG_Ocaml_ptr_to_val("create_hashset::HashSetIterator_from_ptr", reinterpret_cast<void*>(handle),
                               SWIGTYPE_p_hashset__HashSetIterator);
}

// True when v names a set (open or closed): for overload dispatch.
bool is_set(CAML_VALUE v) {
  const CAML_VALUE pointer = pointer_value(v);
  return pointer != Val_unit &&
         reinterpret_cast<swig_type_info*>(Int64_val(Field(pointer, 1))) == SWIGTYPE_p_hashset__HashSet;
}

// The bytes of a C_string, without copying (no OCaml allocation happens
// before the call reads them).
const std::uint8_t* read_bytes(CAML_VALUE v, std::size_t* size) {
  if (!Is_block(v) || SWIG_Tag_val(v) != C_string) {
    char message[128];
    std::snprintf(message, sizeof message, "HashSet.deserialize: expected a C_string, not %s", tag_name(v));
    caml_invalid_argument(message);
  }
  *size = caml_string_length(Field(v, 0));
  return reinterpret_cast<const std::uint8_t*>(String_val(Field(v, 0)));
}

}  // namespace hashset_ocaml

#undef value
%}

// ---- Objects: handles checked against the tables. The destructor (the GC
// finaliser's "~", or close) accepts a closed set and does nothing.
%typemap(in, fragment="hashset_ocaml") hashset::HashSet* self, hashset::HashSet const* self
  "$1 = hashset_ocaml::set_of($input, std::strcmp(\"$symname\", \"delete_HashSet\") == 0);"
%typemap(in, fragment="hashset_ocaml") const hashset::HashSet&
  "$1 = hashset_ocaml::set_of($input);"
%typemap(typecheck, precedence=SWIG_TYPECHECK_POINTER, fragment="hashset_ocaml") const hashset::HashSet&
  "$1 = hashset_ocaml::is_set($input);"
%typemap(in, fragment="hashset_ocaml") hashset::HashSetIterator* self
  "$1 = hashset_ocaml::iterator_of($input, std::strcmp(\"$symname\", \"delete_HashSetIterator\") == 0);"

// New objects (constructors, %newobject methods) enter the tables.
%typemap(out, fragment="hashset_ocaml") hashset::HashSet* "$result = hashset_ocaml::wrap_set($1);"
%typemap(out, fragment="hashset_ocaml") hashset::HashSetIterator* "$result = hashset_ocaml::wrap_iterator($1);"

// ---- Integers.
%typemap(in, fragment="hashset_ocaml") std::int64_t "$1 = hashset_ocaml::to_int64($input);"
%typemap(out, fragment="hashset_ocaml") std::int64_t "$result = hashset_ocaml::make_int64($1);"
%typemap(in, fragment="hashset_ocaml") std::size_t "$1 = hashset_ocaml::to_size($input);"
%typemap(in, fragment="hashset_ocaml") std::size_t count "$1 = hashset_ocaml::to_capacity($input);"
%typemap(out, fragment="hashset_ocaml") std::size_t "$result = hashset_ocaml::make_size($1);"

// collect(): a C_list of C_int64.
%typemap(out, fragment="hashset_ocaml") std::vector<std::int64_t> "$result = hashset_ocaml::make_list($1);"

// Bulk calls: a C_list or C_array of integers, all validated first.
%typemap(in, fragment="hashset_ocaml") (const std::int64_t* values, std::size_t count)
  "$1 = const_cast<$1_ltype>(hashset_ocaml::read_values($input, &$2));"

// Serialized form: a C_string both ways.
%typemap(out, fragment="hashset_ocaml") std::vector<std::uint8_t> "$result = hashset_ocaml::make_bytes($1);"
%typemap(in, fragment="hashset_ocaml") (const std::uint8_t* data, std::size_t size)
  "$1 = const_cast<$1_ltype>(hashset_ocaml::read_bytes($input, &$2));"

// Methods returning a new set by value would construct their result (a
// C++ object) before the arguments are checked, and a raise would skip its
// destructor: hashset_protocol.i offers pointer-returning versions under the
// same names.
%ignore hashset::HashSet::union_with;
%ignore hashset::HashSet::intersection_with;
%ignore hashset::HashSet::difference_with;
%ignore hashset::HashSet::symmetric_difference_with;
%ignore hashset::HashSet::deserialize;
%rename("union_with") hashset::HashSet::union_of;
%rename("intersection_with") hashset::HashSet::intersection_of;
%rename("difference_with") hashset::HashSet::difference_of;
%rename("symmetric_difference_with") hashset::HashSet::symmetric_difference_of;
%rename("deserialize") hashset::HashSet::deserialize_bytes;
%newobject hashset::HashSet::union_of;
%newobject hashset::HashSet::intersection_of;
%newobject hashset::HashSet::difference_of;
%newobject hashset::HashSet::symmetric_difference_of;
%newobject hashset::HashSet::deserialize_bytes;

// Close (the "~" method) and the GC finaliser both delete through the tables:
// an object that is already gone (self is null then) is left alone, so
// closing twice, or closing before the finaliser runs, is harmless.
%feature("action") hashset::HashSet::~HashSet "hashset_ocaml::sets().release(arg1);"
%feature("action") hashset::HashSetIterator::~HashSetIterator "hashset_ocaml::iterators().release(arg1);"

// C++ exceptions: caught, then raised as OCaml exceptions once the catch is over.
%define HASHSET_OCAML_CATCH(NAME)
%exception NAME {
  hashset_ocaml::Failure failure_;
  try {
    $action
  } catch (...) {
    failure_ = hashset_ocaml::current_failure();
  }
  if (failure_.kind != hashset_ocaml::kNone) hashset_ocaml::raise(failure_);
}
%enddef
HASHSET_OCAML_CATCH(hashset::HashSet::HashSet)
HASHSET_OCAML_CATCH(hashset::HashSet::insert)
HASHSET_OCAML_CATCH(hashset::HashSet::contains)
HASHSET_OCAML_CATCH(hashset::HashSet::erase)
HASHSET_OCAML_CATCH(hashset::HashSet::pop)
HASHSET_OCAML_CATCH(hashset::HashSet::size)
HASHSET_OCAML_CATCH(hashset::HashSet::empty)
HASHSET_OCAML_CATCH(hashset::HashSet::clear)
HASHSET_OCAML_CATCH(hashset::HashSet::reserve)
HASHSET_OCAML_CATCH(hashset::HashSet::collect)
HASHSET_OCAML_CATCH(hashset::HashSet::insert_many)
HASHSET_OCAML_CATCH(hashset::HashSet::erase_many)
HASHSET_OCAML_CATCH(hashset::HashSet::equals)
HASHSET_OCAML_CATCH(hashset::HashSet::is_subset)
HASHSET_OCAML_CATCH(hashset::HashSet::is_superset)
HASHSET_OCAML_CATCH(hashset::HashSet::is_disjoint)
HASHSET_OCAML_CATCH(hashset::HashSet::update)
HASHSET_OCAML_CATCH(hashset::HashSet::intersection_update)
HASHSET_OCAML_CATCH(hashset::HashSet::difference_update)
HASHSET_OCAML_CATCH(hashset::HashSet::symmetric_difference_update)
HASHSET_OCAML_CATCH(hashset::HashSet::serialize)
HASHSET_OCAML_CATCH(hashset::HashSet::union_of)
HASHSET_OCAML_CATCH(hashset::HashSet::intersection_of)
HASHSET_OCAML_CATCH(hashset::HashSet::difference_of)
HASHSET_OCAML_CATCH(hashset::HashSet::symmetric_difference_of)
HASHSET_OCAML_CATCH(hashset::HashSet::deserialize_bytes)
HASHSET_OCAML_CATCH(hashset::HashSet::~HashSet)
HASHSET_OCAML_CATCH(hashset::HashSetIterator::HashSetIterator)
HASHSET_OCAML_CATCH(hashset::HashSetIterator::has_next)
HASHSET_OCAML_CATCH(hashset::HashSetIterator::next)
HASHSET_OCAML_CATCH(hashset::HashSetIterator::remove)
HASHSET_OCAML_CATCH(hashset::HashSetIterator::remaining)
HASHSET_OCAML_CATCH(hashset::HashSetIterator::~HashSetIterator)

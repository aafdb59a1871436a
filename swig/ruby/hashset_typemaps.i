// Ruby: what must precede the API (typemaps, renames, per-method exceptions).
//
// Integers are exact: an Integer in [-2**63, 2**63) and nothing else. A
// bigger Integer raises RangeError; a Float (even 1.0), String, nil or any
// other object raises TypeError, in both cases before the set is touched.
//
// Ruby raises by longjmp, which skips C++ destructors and catch-block exits.
// Every raise below therefore happens with no C++ object alive in the frames
// it unwinds: values are validated into Ruby-owned buffers, and C++
// exceptions are caught, recorded as plain data, and raised after the catch.

%fragment("hashset_ruby", "header") %{
#include <cstring>
#include <exception>
#include <new>

namespace hashset_ruby {

// Hashset::ConcurrentModificationError, Hashset::FormatError and
// Hashset::ClosedError, made by %init (see hashset_protocol.i).
static VALUE concurrent_error = Qnil;
static VALUE format_error = Qnil;
static VALUE closed_error = Qnil;

// A C++ exception turned into plain data, to be raised outside the catch.
struct Failure {
  VALUE klass;
  char message[256];
};

// Called inside a catch block: describes the exception in flight.
Failure current_failure() noexcept {
  Failure failure;
  failure.klass = rb_eRuntimeError;
  const char* message = "unknown C++ exception";
  try {
    throw;
  } catch (const hashset::ConcurrentModificationError& e) {
    failure.klass = concurrent_error;
    message = "HashSet changed during iteration";
  } catch (const hashset::FormatError& e) {
    failure.klass = format_error;
    message = e.what();
  } catch (const std::out_of_range& e) {  // pop() on an empty set
    failure.klass = rb_eKeyError;
    message = e.what();
  } catch (const std::bad_alloc&) {
    failure.klass = rb_eNoMemError;
    message = "out of memory";
  } catch (const std::length_error& e) {  // reserve() beyond what can be allocated
    failure.klass = rb_eNoMemError;
    message = e.what();
  } catch (const std::invalid_argument& e) {
    failure.klass = rb_eArgError;
    message = e.what();
  } catch (const std::exception& e) {
    message = e.what();
  } catch (...) {
  }
  std::strncpy(failure.message, message, sizeof failure.message - 1);
  failure.message[sizeof failure.message - 1] = '\0';
  return failure;
}

[[noreturn]] void raise(const Failure& failure) {
  rb_raise(failure.klass, "%s", failure.message);
}

// True when a Bignum is in [-2**63, 2**63).
bool bignum_fits_int64(VALUE value) {
  int leading_zero_bits = 0;
  const size_t bytes = rb_absint_size(value, &leading_zero_bits);
  // |value| < 2**63, or value == -2**63.
  return bytes < 8 || (bytes == 8 && leading_zero_bits >= 1) ||
         (!rb_big_sign(value) && bytes == 8 && rb_absint_singlebit_p(value));
}

// Reads an Integer as int64. Raises TypeError or RangeError otherwise: no
// implicit conversion (to_int would truncate a Float).
std::int64_t to_int64(VALUE value) {
  if (RB_FIXNUM_P(value)) return FIX2LONG(value);
  if (RB_TYPE_P(value, T_BIGNUM)) {
    if (!bignum_fits_int64(value)) rb_raise(rb_eRangeError, "HashSet elements must be in [-2**63, 2**63)");
    return NUM2LL(value);
  }
  rb_raise(rb_eTypeError, "HashSet elements are Integers, not %s",
           NIL_P(value) ? "nil" : rb_obj_classname(value));
}

// Like to_int64, for membership tests: a value that cannot be an element
// (wrong type, out of range) is absent, as in Ruby's Set.
bool to_int64_for_lookup(VALUE value, std::int64_t* out) {
  if (RB_FIXNUM_P(value)) {
    *out = FIX2LONG(value);
    return true;
  }
  if (!RB_TYPE_P(value, T_BIGNUM) || !bignum_fits_int64(value)) return false;
  *out = NUM2LL(value);
  return true;
}

// A non-negative Integer that fits in size_t.
std::size_t to_size(VALUE value) {
  if (RB_FIXNUM_P(value)) {
    const long number = FIX2LONG(value);
    if (number < 0) rb_raise(rb_eArgError, "negative count %ld", number);
    return static_cast<std::size_t>(number);
  }
  if (!RB_TYPE_P(value, T_BIGNUM))
    rb_raise(rb_eTypeError, "expected an Integer, not %s", NIL_P(value) ? "nil" : rb_obj_classname(value));
  if (!rb_big_sign(value)) rb_raise(rb_eArgError, "negative count");
  if (rb_absint_size(value, nullptr) > sizeof(std::size_t)) rb_raise(rb_eArgError, "count too large");
  return static_cast<std::size_t>(NUM2ULL(value));
}

// reserve()'s count. abseil aborts the process (not an exception) on a
// count above the table's max_size(), so that is refused here first.
std::size_t to_capacity(VALUE value) {
  const std::size_t count = to_size(value);
  if (count > absl::flat_hash_set<std::int64_t>().max_size())
    rb_raise(rb_eArgError, "count too large for a HashSet");
  return count;
}

// The elements of an Array, or of anything with `each` (Set, Range,
// HashSet, Enumerator, ...), as a Ruby Array.
VALUE to_array(VALUE source) {
  if (RB_TYPE_P(source, T_ARRAY)) return source;
  VALUE array = rb_check_array_type(source);
  if (!NIL_P(array)) return array;
  if (rb_respond_to(source, rb_intern("each")) && rb_respond_to(source, rb_intern("to_a"))) {
    array = rb_funcall(source, rb_intern("to_a"), 0);
    if (RB_TYPE_P(array, T_ARRAY)) return array;
  }
  rb_raise(rb_eTypeError, "expected an Array or Enumerable of Integers, not %s",
           NIL_P(source) ? "nil" : rb_obj_classname(source));
}

// Validates every element of `source` into a binary String of int64s (owned
// by Ruby's GC, so a raise in the middle leaks nothing).
VALUE read_values(VALUE source, std::size_t* count) {
  VALUE array = to_array(source);
  const long length = RARRAY_LEN(array);
  VALUE buffer = rb_str_new(nullptr, length * static_cast<long>(sizeof(std::int64_t)));
  auto* values = reinterpret_cast<std::int64_t*>(RSTRING_PTR(buffer));
  for (long i = 0; i < length; ++i) values[i] = to_int64(RARRAY_AREF(array, i));
  *count = static_cast<std::size_t>(length);
  RB_GC_GUARD(array);
  return buffer;
}

VALUE hashset_class() {
  return static_cast<swig_class*>(SWIGTYPE_p_hashset__HashSet->clientdata)->klass;
}

// The C++ set of a HashSet object, or null for any other object. Raises
// ClosedError for a HashSet that was closed (or never initialised).
hashset::HashSet* set_of(VALUE object) {
  if (!RB_TYPE_P(object, T_DATA) || !RTEST(rb_obj_is_kind_of(object, hashset_class()))) return nullptr;
  void* pointer = DATA_PTR(object);
  if (pointer == nullptr) rb_raise(closed_error, "HashSet is closed (or was never initialised)");
  return static_cast<hashset::HashSet*>(pointer);
}

}  // namespace hashset_ruby
%}

// Helpers of the Set protocol (hashset_protocol.i), pulled in before the
// %extend code by the `VALUE rb_self` typemap.
%fragment("hashset_ruby_protocol", "header", fragment="hashset_ruby") %{
namespace hashset_ruby {

// Adds the Integers of an Array or Enumerable, all validated first.
void insert_all(hashset::HashSet* set, VALUE values) {
  if (const hashset::HashSet* other = set_of(values)) return set->update(*other);
  std::size_t count = 0;
  VALUE buffer = read_values(values, &count);
  set->insert_many(reinterpret_cast<const std::int64_t*>(RSTRING_PTR(buffer)), count);
  RB_GC_GUARD(buffer);
}

// `other` as a C++ set: a HashSet as it is, any other enumerable copied into
// a new HashSet kept alive by *holder.
const hashset::HashSet* as_set(VALUE other, VALUE* holder) {
  if (const hashset::HashSet* set = set_of(other)) return set;
  if (!RB_TYPE_P(other, T_ARRAY) && !rb_respond_to(other, rb_intern("each")))
    rb_raise(rb_eArgError, "value must be enumerable");
  auto* set = new hashset::HashSet();
  *holder = SWIG_NewPointerObj(set, SWIGTYPE_p_hashset__HashSet, SWIG_POINTER_OWN);
  insert_all(set, other);
  return set;
}

VALUE wrap_new(hashset::HashSet* set) {
  return SWIG_NewPointerObj(set, SWIGTYPE_p_hashset__HashSet, SWIG_POINTER_OWN);
}

// One step of an iteration, without letting a C++ exception out.
enum Step { kValue, kDone, kChanged };
Step next(hashset::HashSetIterator* iterator, std::int64_t* value) noexcept {
  if (!iterator->has_next()) return kDone;
  try {
    *value = iterator->next();
    return kValue;
  } catch (const hashset::ConcurrentModificationError&) {
    return kChanged;
  } catch (...) {
    return kDone;
  }
}

bool remove_last(hashset::HashSetIterator* iterator) noexcept {
  try {
    iterator->remove();
    return true;
  } catch (...) {
    return false;
  }
}

void free_iterator(void* iterator) { delete static_cast<hashset::HashSetIterator*>(iterator); }

// A fail-fast iterator owned by a hidden Ruby object, so that a block that
// breaks or raises (a longjmp) still lets the GC free it.
hashset::HashSetIterator* start(const hashset::HashSet& set, VALUE* holder) {
  *holder = rb_data_object_wrap(rb_cObject, nullptr, nullptr, free_iterator);
  auto* iterator = new hashset::HashSetIterator(set);
  DATA_PTR(*holder) = iterator;
  return iterator;
}

// The next element for a block, or false at the end. Raises
// ConcurrentModificationError when the set changed and ClosedError when it
// was closed.
bool next_for_block(VALUE self, hashset::HashSetIterator* iterator, std::int64_t* value) {
  if (DATA_PTR(self) == nullptr) rb_raise(closed_error, "HashSet closed during iteration");
  switch (next(iterator, value)) {
    case kValue: return true;
    case kDone: return false;
    case kChanged: break;
  }
  rb_raise(concurrent_error, "HashSet changed during iteration");
}

VALUE enumerator_size(VALUE self, VALUE, VALUE) {
  const hashset::HashSet* set = set_of(self);
  return ULL2NUM(set ? set->size() : 0);
}

// Removes the elements for which the block's truth equals `remove_when`;
// returns how many were removed.
std::size_t remove_where(VALUE self, hashset::HashSet* set, bool remove_when) {
  VALUE holder = Qnil;
  hashset::HashSetIterator* iterator = start(*set, &holder);
  std::size_t removed = 0;
  std::int64_t value;
  while (next_for_block(self, iterator, &value)) {
    if (RTEST(rb_yield(LL2NUM(value))) == remove_when) {
      if (!remove_last(iterator)) rb_raise(concurrent_error, "HashSet changed during iteration");
      ++removed;
    }
  }
  RB_GC_GUARD(holder);
  return removed;
}

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Object#dup and #clone: the copy gets its own C++ set.
VALUE initialize_copy(VALUE self, VALUE original) {
  if (self == original) return self;
  rb_check_frozen(self);
  const hashset::HashSet* source = set_of(original);
  if (source == nullptr) rb_raise(rb_eTypeError, "initialize_copy needs a Hashset::HashSet");
  hashset::HashSet* copy = nullptr;
  try {
    copy = new hashset::HashSet(*source);
  } catch (...) {
  }
  if (copy == nullptr) rb_raise(rb_eNoMemError, "out of memory");
  auto* previous = static_cast<hashset::HashSet*>(DATA_PTR(self));
  DATA_PTR(self) = copy;
  delete previous;
  return self;
}

// HashSet#close: frees the C++ set now; any later use raises ClosedError.
// Closing twice is harmless, like IO#close.
VALUE close(VALUE self) {
  auto* set = static_cast<hashset::HashSet*>(DATA_PTR(self));
  DATA_PTR(self) = nullptr;
  delete set;
  return Qnil;
}

VALUE is_closed(VALUE self) { return DATA_PTR(self) == nullptr ? Qtrue : Qfalse; }

// HashSet[1, 2, 3], like Set[1, 2, 3].
VALUE create(int argc, VALUE* argv, VALUE klass) {
  VALUE values = rb_ary_new_from_values(argc, argv);
  return rb_class_new_instance(1, &values, klass);
}

}  // namespace hashset_ruby
%}

// The receiver: closed sets raise ClosedError, frozen ones refuse changes
// (SWIG types the receiver of a const method as `HashSet const *`).
%typemap(in, fragment="hashset_ruby") hashset::HashSet* self {
  $1 = hashset_ruby::set_of($input);
  if ($1 == nullptr) rb_raise(rb_eTypeError, "expected a Hashset::HashSet");
  rb_check_frozen($input);
}
%typemap(in, fragment="hashset_ruby") hashset::HashSet const* self {
  $1 = hashset_ruby::set_of($input);
  if ($1 == nullptr) rb_raise(rb_eTypeError, "expected a Hashset::HashSet");
}
// Other sets passed as arguments.
%typemap(in, fragment="hashset_ruby") const hashset::HashSet& {
  $1 = hashset_ruby::set_of($input);
  if ($1 == nullptr) rb_raise(rb_eTypeError, "expected a Hashset::HashSet, not %s", rb_obj_classname($input));
}

// The Ruby receiver itself, for methods that return self.
%typemap(in, numinputs=0, fragment="hashset_ruby_protocol") VALUE rb_self "$1 = self;"

%typemap(in, fragment="hashset_ruby") std::int64_t "$1 = hashset_ruby::to_int64($input);"
%typemap(typecheck, precedence=SWIG_TYPECHECK_INT64) std::int64_t {
  $1 = RB_INTEGER_TYPE_P($input);
}
%typemap(out) std::int64_t "$result = LL2NUM($1);"
%typemap(in, fragment="hashset_ruby") std::size_t "$1 = hashset_ruby::to_size($input);"
%typemap(in, fragment="hashset_ruby") std::size_t count "$1 = hashset_ruby::to_capacity($input);"
%typemap(out) std::size_t "$result = ULL2NUM($1);"

// collect() (to_a in Ruby): an Array of Integers.
%typemap(out) std::vector<std::int64_t> {
  $result = rb_ary_new_capa(static_cast<long>($1.size()));
  for (std::int64_t value : $1) rb_ary_push($result, LL2NUM(value));
}

// Bulk calls: an Array or any Enumerable of Integers, all validated first.
%typemap(in, fragment="hashset_ruby") (const std::int64_t* values, std::size_t count) (VALUE buffer = Qnil) {
  buffer = hashset_ruby::read_values($input, &$2);
  $1 = reinterpret_cast<$1_ltype>(RSTRING_PTR(buffer));
}
%typemap(freearg) (const std::int64_t* values, std::size_t count) "RB_GC_GUARD(buffer$argnum);"

// Serialized form: a binary (ASCII-8BIT) String both ways.
%typemap(out) std::vector<std::uint8_t> {
  $result = rb_str_new(reinterpret_cast<const char*>($1.data()), static_cast<long>($1.size()));
}
%typemap(in) (const std::uint8_t* data, std::size_t size) {
  StringValue($input);
  $1 = reinterpret_cast<$1_ltype>(RSTRING_PTR($input));
  $2 = static_cast<std::size_t>(RSTRING_LEN($input));
}

// Set#clear returns self: hashset_protocol.i defines clear(VALUE rb_self).
%ignore hashset::HashSet::clear();

// C++ exceptions: caught, then raised as Ruby errors once the catch is over.
%define HASHSET_RUBY_CATCH(NAME)
%exception NAME {
  hashset_ruby::Failure failure_;
  failure_.klass = Qnil;
  try {
    $action
  } catch (...) {
    failure_ = hashset_ruby::current_failure();
  }
  if (!NIL_P(failure_.klass)) hashset_ruby::raise(failure_);
}
%enddef
HASHSET_RUBY_CATCH(hashset::HashSet::HashSet)
HASHSET_RUBY_CATCH(hashset::HashSet::insert)
HASHSET_RUBY_CATCH(hashset::HashSet::erase)
HASHSET_RUBY_CATCH(hashset::HashSet::pop)
HASHSET_RUBY_CATCH(hashset::HashSet::reserve)
HASHSET_RUBY_CATCH(hashset::HashSet::collect)
HASHSET_RUBY_CATCH(hashset::HashSet::insert_many)
HASHSET_RUBY_CATCH(hashset::HashSet::erase_many)
HASHSET_RUBY_CATCH(hashset::HashSet::update)
HASHSET_RUBY_CATCH(hashset::HashSet::intersection_update)
HASHSET_RUBY_CATCH(hashset::HashSet::difference_update)
HASHSET_RUBY_CATCH(hashset::HashSet::symmetric_difference_update)
HASHSET_RUBY_CATCH(hashset::HashSet::serialize)

// A C++ object held by value in a wrapper would be skipped by a raise (a
// HashSet result is default-constructed before the arguments are checked):
// the methods that return a new set are in hashset_protocol.i, returning a
// pointer (union, intersection, difference, symmetric_difference, deserialize).
%ignore hashset::HashSet::union_with;
%ignore hashset::HashSet::intersection_with;
%ignore hashset::HashSet::difference_with;
%ignore hashset::HashSet::symmetric_difference_with;
%ignore hashset::HashSet::deserialize;

// Ruby's names. Iteration is HashSet#each (an Enumerator without a block),
// so the C++ iterator class stays out of the Ruby API.
%ignore hashset::HashSetIterator;
%rename("empty?") hashset::HashSet::empty;
%rename(to_a) hashset::HashSet::collect;
%alias hashset::HashSet::size "length";
%mixin hashset::HashSet "Enumerable";

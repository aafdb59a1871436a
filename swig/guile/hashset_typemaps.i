// Guile 3.0: what must precede the API (typemaps, renames, per-method exceptions).
//
// Integers are exact: an exact integer in [-2^63, 2^63) and nothing else. A
// bigger exact integer throws `out-of-range`; an inexact number (1.5, and 1.0
// too: Scheme keeps exactness apart), a string, #f, '() or any other object
// throws `wrong-type-arg`, in both cases before the set is touched. (SWIG's
// default scm_to_long_long would throw too, but its uint64 cousin segfaults
// on out-of-range values in Guile 3.0: every conversion here is checked first.)
//
// Threads: Guile's threads run in parallel, and the C++ set is not
// thread-safe. Every primitive that reads or changes a set or an iterator
// holds one process-wide recursive lock from before its first set argument is
// looked up until it returns; a raise releases it as it unwinds (dynwind). A
// set closed by another thread is therefore either whole or already closed,
// and two-set calls need no lock order. See docs/threads.md.
//
// Guile raises by longjmp, which skips C++ destructors and catch-block exits.
// Every raise below therefore happens with no C++ object alive in the frames
// it unwinds: values are validated into GC-owned buffers, and C++ exceptions
// are caught, recorded as plain data, and raised after the catch.
//
// The renames at the end give the primitives their Scheme names
// (hashset-add!, ...); the Scheme module (hashset) in guile/hashset.scm loads
// the extension, exports them and adds the procedures written in Scheme
// (constructors, hashset-fold, hashset-for-each, hashset-generator, ...).

// Simple linkage exports SWIG_init: name it as load-extension expects, and
// export it although the module is built with hidden visibility.
%begin %{
#define SWIG_init scm_init_hashset_module
extern "C" __attribute__((visibility("default"))) void scm_init_hashset_module(void);
%}

%fragment("hashset_guile", "header") %{
#include <cstring>
#include <exception>
#include <limits>
#include <mutex>
#include <new>

namespace hashset_guile {

// Recursive: a primitive with two set arguments takes it once for each.
std::recursive_mutex& call_lock() {
  static std::recursive_mutex lock;
  return lock;
}
void unlock_call(void*) { call_lock().unlock(); }

// Holds the lock until the matching scm_dynwind_end(), or until a raise
// unwinds past it.
void lock_for_call() {
  scm_dynwind_begin(static_cast<scm_t_dynwind_flags>(0));
  call_lock().lock();
  scm_dynwind_unwind_handler(unlock_call, nullptr, SCM_F_WIND_EXPLICITLY);
}

// The error keys of the binding, besides Guile's own wrong-type-arg,
// out-of-range and out-of-memory.
const char* const kEmpty = "hashset-empty";
const char* const kConcurrent = "hashset-concurrent-modification";
const char* const kFormat = "hashset-format-error";
const char* const kClosed = "hashset-closed";

[[noreturn]] void throw_error(const char* key, const char* subr, const char* message) {
  scm_error(scm_from_utf8_symbol(key), subr, "~A", scm_list_1(scm_from_utf8_string(message)),
            SCM_BOOL_F);
  abort();  // not reached: scm_error does not return
}

// A C++ exception turned into plain data, to be raised outside the catch.
struct Failure {
  const char* key;  // null: no failure
  char message[256];
};

// Called inside a catch block: describes the exception in flight.
Failure current_failure() noexcept {
  Failure failure;
  failure.key = "misc-error";
  const char* message = "unknown C++ exception";
  try {
    throw;
  } catch (const hashset::ConcurrentModificationError&) {
    failure.key = kConcurrent;
    message = "hashset changed during iteration";
  } catch (const hashset::FormatError& e) {
    failure.key = kFormat;
    message = e.what();
  } catch (const std::out_of_range&) {  // pop() on an empty set
    failure.key = kEmpty;
    message = "hashset is empty";
  } catch (const std::bad_alloc&) {
    failure.key = "out-of-memory";
    message = "out of memory";
  } catch (const std::length_error& e) {  // reserve() beyond what can be allocated
    failure.key = "out-of-memory";
    message = e.what();
  } catch (const std::exception& e) {
    message = e.what();
  } catch (...) {
  }
  std::strncpy(failure.message, message, sizeof failure.message - 1);
  failure.message[sizeof failure.message - 1] = '\0';
  return failure;
}

[[noreturn]] void raise(const Failure& failure, const char* subr) {
  throw_error(failure.key, subr, failure.message);
}

// Reads an exact integer as int64; anything else throws before any change.
std::int64_t to_int64(SCM value, const char* subr, int position) {
  if (!scm_is_exact_integer(value))
    scm_wrong_type_arg_msg(subr, position, value, "exact integer");
  if (!scm_is_signed_integer(value, std::numeric_limits<std::int64_t>::min(),
                             std::numeric_limits<std::int64_t>::max()))
    scm_out_of_range_pos(subr, value, scm_from_int(position));
  return scm_to_int64(value);
}

// reserve()'s count: a non-negative exact integer. abseil aborts the process
// (not an exception) on a count above the table's max_size(): refused first.
std::size_t to_capacity(SCM value, const char* subr, int position) {
  if (!scm_is_exact_integer(value))
    scm_wrong_type_arg_msg(subr, position, value, "non-negative exact integer");
  const std::size_t limit = absl::flat_hash_set<std::int64_t>().max_size();
  if (!scm_is_unsigned_integer(value, 0, limit)) scm_out_of_range_pos(subr, value, scm_from_int(position));
  return scm_to_size_t(value);
}

// The elements of a list or vector, every one validated, in a GC-owned
// buffer (a raise in the middle leaks nothing).
std::int64_t* read_values(SCM source, std::size_t* count, const char* subr, int position) {
  std::int64_t* values = nullptr;
  if (scm_is_vector(source)) {
    const std::size_t length = scm_c_vector_length(source);
    values = static_cast<std::int64_t*>(
        scm_gc_malloc_pointerless((length ? length : 1) * sizeof(std::int64_t), "hashset values"));
    for (std::size_t i = 0; i < length; ++i) values[i] = to_int64(scm_c_vector_ref(source, i), subr, position);
    *count = length;
    return values;
  }
  const long length = scm_ilength(source);  // -1 for anything but a proper list
  if (length < 0) scm_wrong_type_arg_msg(subr, position, source, "list or vector of exact integers");
  values = static_cast<std::int64_t*>(
      scm_gc_malloc_pointerless((length ? length : 1) * sizeof(std::int64_t), "hashset values"));
  SCM rest = source;
  for (long i = 0; i < length; ++i, rest = scm_cdr(rest)) values[i] = to_int64(scm_car(rest), subr, position);
  *count = static_cast<std::size_t>(length);
  return values;
}

bool is_live_smob(SCM object) {
  return SCM_SMOB_PREDICATE(swig_collectable_tag, object) || SCM_SMOB_PREDICATE(swig_tag, object) ||
         SCM_SMOB_PREDICATE(swig_finalized_tag, object);
}

bool is_closed_set(SCM object) {
  return SCM_SMOB_PREDICATE(swig_destroyed_tag, object) &&
         reinterpret_cast<swig_type_info*>(SCM_CELL_WORD_2(object)) == SWIGTYPE_p_hashset__HashSet;
}

// The C++ set of a hashset object. Throws hashset-closed for a closed set and
// wrong-type-arg for anything else (including '(), SWIG's null pointer, and
// raw foreign pointers, which SWIG would otherwise accept).
hashset::HashSet* set_of(SCM object, const char* subr, int position) {
  if (is_closed_set(object)) throw_error(kClosed, subr, "hashset is closed");
  if (!is_live_smob(object) ||
      reinterpret_cast<swig_type_info*>(SCM_CELL_WORD_2(object)) != SWIGTYPE_p_hashset__HashSet ||
      SCM_CELL_WORD_1(object) == 0)
    scm_wrong_type_arg_msg(subr, position, object, "hashset");
  return reinterpret_cast<hashset::HashSet*>(SCM_CELL_WORD_1(object));
}

// (%hashset? obj): #t for an open or closed hashset.
SCM is_hashset(SCM object) {
  return scm_from_bool(is_closed_set(object) ||
                       (is_live_smob(object) &&
                        reinterpret_cast<swig_type_info*>(SCM_CELL_WORD_2(object)) ==
                            SWIGTYPE_p_hashset__HashSet));
}

// (%hashset-closed? set)
SCM is_closed(SCM object) {
  lock_for_call();
  const bool closed = is_closed_set(object);
  if (!closed) set_of(object, "hashset-closed?", 1);
  scm_dynwind_end();
  return scm_from_bool(closed);
}

// (%hashset-close! set): frees the C++ set now, after a call running in
// another thread; any later use throws hashset-closed. Closing twice is
// harmless, like close-port.
SCM close(SCM object) {
  lock_for_call();
  if (!is_closed_set(object)) {
    hashset::HashSet* set = set_of(object, "hashset-close!", 1);
    const bool owned = SCM_SMOB_PREDICATE(swig_collectable_tag, object);
    SWIG_Guile_MarkPointerDestroyed(object);  // the GC will not free it again
    if (owned) delete set;
  }
  scm_dynwind_end();
  return SCM_UNSPECIFIED;
}

}  // namespace hashset_guile
%}
%fragment("hashset_guile");

// Sets: the receiver and set arguments, each taking the call lock (released
// by freearg at the end of the call). Closed sets throw hashset-closed.
%typemap(in, fragment="hashset_guile") hashset::HashSet* self, hashset::HashSet const* self,
    const hashset::HashSet& {
  hashset_guile::lock_for_call();
  $1 = hashset_guile::set_of($input, FUNC_NAME, $argnum);
}
%typemap(freearg) hashset::HashSet* self, hashset::HashSet const* self, const hashset::HashSet&,
    hashset::HashSetIterator* self "scm_dynwind_end();"

// The iterator behind hashset-generator (never handed out raw, but checked);
// it reads its set's table, so it takes the call lock too.
%typemap(in, fragment="hashset_guile") hashset::HashSetIterator* self {
  hashset_guile::lock_for_call();
  if (!hashset_guile::is_live_smob($input) ||
      reinterpret_cast<swig_type_info*>(SCM_CELL_WORD_2($input)) != $descriptor(hashset::HashSetIterator*) ||
      SCM_CELL_WORD_1($input) == 0)
    scm_wrong_type_arg_msg(FUNC_NAME, $argnum, $input, "hashset iterator");
  $1 = reinterpret_cast<$1_ltype>(SCM_CELL_WORD_1($input));
}

%typemap(in, fragment="hashset_guile") std::int64_t
  "$1 = hashset_guile::to_int64($input, FUNC_NAME, $argnum);"
%typemap(typecheck, precedence=SWIG_TYPECHECK_INT64) std::int64_t
  "$1 = scm_is_exact_integer($input);"
%typemap(out) std::int64_t "$result = scm_from_int64($1);"
%typemap(out) std::size_t "$result = scm_from_size_t($1);"
%typemap(in, fragment="hashset_guile") std::size_t count
  "$1 = hashset_guile::to_capacity($input, FUNC_NAME, $argnum);"

// Bulk calls: a list or vector of exact integers, all validated first.
%typemap(in, fragment="hashset_guile") (const std::int64_t* values, std::size_t count)
  "$1 = hashset_guile::read_values($input, &$2, FUNC_NAME, $argnum);"

// Serialized form: a bytevector.
%typemap(in) (const std::uint8_t* data, std::size_t size) {
  if (!scm_is_bytevector($input)) scm_wrong_type_arg_msg(FUNC_NAME, $argnum, $input, "bytevector");
  $1 = reinterpret_cast<$1_ltype>(SCM_BYTEVECTOR_CONTENTS($input));
  $2 = SCM_BYTEVECTOR_LENGTH($input);
}

// C++ exceptions: caught, then raised as Scheme errors once the catch is over.
%define HASHSET_GUILE_CATCH(NAME)
%exception NAME {
  hashset_guile::Failure failure_;
  failure_.key = nullptr;
  try {
    $action
  } catch (...) {
    failure_ = hashset_guile::current_failure();
  }
  if (failure_.key != nullptr) hashset_guile::raise(failure_, FUNC_NAME);
}
%enddef
HASHSET_GUILE_CATCH(hashset::HashSet::HashSet)
HASHSET_GUILE_CATCH(hashset::HashSet::insert)
HASHSET_GUILE_CATCH(hashset::HashSet::contains)
HASHSET_GUILE_CATCH(hashset::HashSet::erase)
HASHSET_GUILE_CATCH(hashset::HashSet::pop)
HASHSET_GUILE_CATCH(hashset::HashSet::size)
HASHSET_GUILE_CATCH(hashset::HashSet::empty)
HASHSET_GUILE_CATCH(hashset::HashSet::clear)
HASHSET_GUILE_CATCH(hashset::HashSet::reserve)
HASHSET_GUILE_CATCH(hashset::HashSet::insert_many)
HASHSET_GUILE_CATCH(hashset::HashSet::erase_many)
HASHSET_GUILE_CATCH(hashset::HashSet::equals)
HASHSET_GUILE_CATCH(hashset::HashSet::is_subset)
HASHSET_GUILE_CATCH(hashset::HashSet::is_superset)
HASHSET_GUILE_CATCH(hashset::HashSet::is_disjoint)
HASHSET_GUILE_CATCH(hashset::HashSet::update)
HASHSET_GUILE_CATCH(hashset::HashSet::intersection_update)
HASHSET_GUILE_CATCH(hashset::HashSet::difference_update)
HASHSET_GUILE_CATCH(hashset::HashSet::symmetric_difference_update)
HASHSET_GUILE_CATCH(hashset::HashSetIterator::HashSetIterator)

// Copies are made by %extend HashSet::copy (hashset_protocol.i), which takes
// its argument through the checked set typemap without overload dispatch.
%ignore hashset::HashSet::HashSet(const HashSet&);

// A C++ object held by value in a wrapper would be skipped by a raise (a
// HashSet or vector result is constructed before the arguments are checked):
// these are in hashset_protocol.i, returning a pointer or a Scheme object
// (union_of, ..., from_bytes, to_list, to_bytevector).
%ignore hashset::HashSet::collect;
%ignore hashset::HashSet::serialize;
%ignore hashset::HashSet::union_with;
%ignore hashset::HashSet::intersection_with;
%ignore hashset::HashSet::difference_with;
%ignore hashset::HashSet::symmetric_difference_with;
%ignore hashset::HashSet::deserialize;

// Iteration is a generator (a thunk returning elements, then the eof object)
// built on HashSetIterator::next_value (hashset_protocol.i).
%ignore hashset::HashSetIterator::has_next;
%ignore hashset::HashSetIterator::next;
%ignore hashset::HashSetIterator::remove;
%ignore hashset::HashSetIterator::remaining;

// Scheme names: SWIG calls a member `<class>-<method>`, so the class named
// `hashset` gives hashset-add!, hashset-contains?, ... directly.
%rename(hashset) hashset::HashSet;
%rename("add!") hashset::HashSet::insert;
%rename("contains?") hashset::HashSet::contains;
%rename("remove!") hashset::HashSet::erase;
%rename("pop!") hashset::HashSet::pop;
%rename("empty?") hashset::HashSet::empty;
%rename("clear!") hashset::HashSet::clear;
%rename("reserve!") hashset::HashSet::reserve;
%rename("add-all!") hashset::HashSet::insert_many;
%rename("remove-all!") hashset::HashSet::erase_many;
%rename("equal?") hashset::HashSet::equals;
%rename("subset?") hashset::HashSet::is_subset;
%rename("superset?") hashset::HashSet::is_superset;
%rename("disjoint?") hashset::HashSet::is_disjoint;
%rename("union!") hashset::HashSet::update;
%rename("intersection!") hashset::HashSet::intersection_update;
%rename("difference!") hashset::HashSet::difference_update;
%rename("xor!") hashset::HashSet::symmetric_difference_update;
%rename("union") hashset::HashSet::union_of;
%rename("intersection") hashset::HashSet::intersection_of;
%rename("difference") hashset::HashSet::difference_of;
%rename("xor") hashset::HashSet::symmetric_difference_of;
%rename("hashset-iterator") hashset::HashSetIterator;

// Octave: what must precede the API (typemaps, renames, per-method exceptions).
//
// Elements are exact: an int64 scalar as it is, any other integer-class
// scalar (int8 ... uint64) when it fits, and a real double that is an exact
// integer within +-(2^53 - 1) (single: +-(2^24 - 1)), so that s.insert(5)
// works with Octave's default numbers. Larger doubles are refused with
// hashset:range even when they are integral: a literal like
// 9007199254740993 or -9223372036854775809 has already been rounded by the
// parser, and accepting it would store a value the user never wrote (use
// int64(...) or uint64(...) for those). Fractional doubles, NaN, strings,
// logicals, complex numbers, [] and non-scalars raise hashset:type; a value
// outside [-2^63, 2^63) and +-Inf raise hashset:range. Every error is an
// Octave error() with an identifier "hashset:<kind>", raised before the set
// is touched.
//
// Octave's error() throws octave::execution_exception (a C++ exception, not a
// longjmp, since Octave 4.4), so raising from a wrapper runs the destructors
// of its locals. The core's exceptions are still caught and re-raised as
// Octave errors with identifiers by the per-method %exception below.

%fragment("hashset_octave", "header") %{
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include <octave/parse.h>
#include <octave/quit.h>

namespace hashset_octave {

const double kExactDouble = 9007199254740991.0;  // 2^53 - 1
const float kExactSingle = 16777215.0f;          // 2^24 - 1

[[noreturn]] void raise(const char* id, const std::string& message) {
  error_with_id(id, "%s", message.c_str());
}

std::string describe(const octave_value& value) {
  if (!value.is_defined()) return "an undefined value";
  return "a " + value.class_name() + " value";
}

// Reads `value` as an int64 the way every element argument is read (see the
// top of this file); raises hashset:type or hashset:range.
std::int64_t to_int64(const octave_value& value, const char* what = "a HashSet element") {
  if (!value.is_defined() || value.iscell() || value.isstruct() || value.isobject() ||
      value.is_string() || value.is_sq_string() || value.islogical() || value.iscomplex() ||
      !value.isnumeric())
    raise("hashset:type", std::string(what) + " must be an integer, not " + describe(value));
  if (value.numel() != 1)
    raise("hashset:type", std::string(what) + " must be a scalar integer, not a " +
                              value.dims().str() + " array");
  switch (value.builtin_type()) {
    case btyp_int64:
      return value.int64_scalar_value().value();
    case btyp_uint64: {
      const std::uint64_t number = value.uint64_scalar_value().value();
      if (number > static_cast<std::uint64_t>(INT64_MAX))
        raise("hashset:range", std::to_string(number) + " is outside the int64 range");
      return static_cast<std::int64_t>(number);
    }
    case btyp_int8:
    case btyp_int16:
    case btyp_int32:
    case btyp_uint8:
    case btyp_uint16:
    case btyp_uint32:
      return value.int64_scalar_value().value();  // always exact
    case btyp_double:
    case btyp_float: {
      const bool single = value.builtin_type() == btyp_float;
      const double number = single ? value.float_value() : value.double_value();
      if (std::isnan(number))
        raise("hashset:type", std::string(what) + " must be an integer, not NaN");
      if (std::isinf(number))
        raise("hashset:range", std::string(what) + " must be finite");
      if (number != std::trunc(number))
        raise("hashset:type", std::string(what) + " must be an integer, not " + std::to_string(number));
      const double limit = single ? kExactSingle : kExactDouble;
      if (std::fabs(number) > limit)
        raise("hashset:range", std::string(single ? "single" : "double") + " values beyond +-" +
                                   (single ? "(2^24-1)" : "(2^53-1)") +
                                   " are not exact integers: pass int64(...) or uint64(...)");
      return static_cast<std::int64_t>(number);
    }
    default:
      raise("hashset:type", std::string(what) + " must be an integer, not " + describe(value));
  }
}

// Like to_int64, for membership tests (ismember): a value no element can be
// (fractional, NaN, Inf, outside the int64 range) is simply absent. Integral
// doubles of any size are compared by their exact value.
bool to_int64_for_lookup(double number, std::int64_t* out) {
  if (!(number >= -9223372036854775808.0 && number < 9223372036854775808.0)) return false;
  if (number != std::trunc(number)) return false;
  *out = static_cast<std::int64_t>(number);
  return true;
}

// A count (reserve): a non-negative integer that a table can hold. abseil
// aborts the process (no exception) above max_size(), so that is refused here.
std::size_t to_capacity(const octave_value& value) {
  const std::int64_t count = to_int64(value, "a count");
  if (count < 0) raise("hashset:range", "a count must not be negative");
  if (static_cast<std::uint64_t>(count) > absl::flat_hash_set<std::int64_t>().max_size())
    raise("hashset:memory", "count too large for a HashSet");
  return static_cast<std::size_t>(count);
}

// The values of a bulk call: a numeric array of any shape (read in column
// order) or a cell array of scalars, every value checked like to_int64.
// [] and {} hold no values.
void read_values(const octave_value& source, std::vector<std::int64_t>* out) {
  out->clear();
  if (source.iscell()) {
    const Cell cell = source.cell_value();
    out->reserve(static_cast<std::size_t>(cell.numel()));
    for (octave_idx_type i = 0; i < cell.numel(); ++i) out->push_back(to_int64(cell(i)));
    return;
  }
  if (source.isnumeric() && !source.iscomplex() && source.isempty()) return;
  if (!source.is_defined() || !source.isnumeric() || source.iscomplex() || source.is_string() ||
      source.islogical())
    raise("hashset:type", "expected a numeric array or a cell array of integers, not " +
                              describe(source));
  const octave_idx_type count = source.numel();
  out->resize(static_cast<std::size_t>(count));
  switch (source.builtin_type()) {
    case btyp_int64: {
      const int64NDArray array = source.int64_array_value();
      for (octave_idx_type i = 0; i < count; ++i) (*out)[i] = array(i).value();
      return;
    }
    case btyp_uint64: {
      const uint64NDArray array = source.uint64_array_value();
      for (octave_idx_type i = 0; i < count; ++i) {
        const std::uint64_t number = array(i).value();
        if (number > static_cast<std::uint64_t>(INT64_MAX))
          raise("hashset:range", std::to_string(number) + " is outside the int64 range");
        (*out)[i] = static_cast<std::int64_t>(number);
      }
      return;
    }
    case btyp_int8:
    case btyp_int16:
    case btyp_int32:
    case btyp_uint8:
    case btyp_uint16:
    case btyp_uint32: {
      const int64NDArray array = source.int64_array_value();  // always exact
      for (octave_idx_type i = 0; i < count; ++i) (*out)[i] = array(i).value();
      return;
    }
    case btyp_double: {
      const NDArray array = source.array_value();
      for (octave_idx_type i = 0; i < count; ++i) (*out)[i] = to_int64(octave_value(array(i)));
      return;
    }
    case btyp_float: {
      const FloatNDArray array = source.float_array_value();
      for (octave_idx_type i = 0; i < count; ++i) (*out)[i] = to_int64(octave_value(array(i)));
      return;
    }
    default:
      raise("hashset:type", "expected an array of integers, not " + describe(source));
  }
}

// ismember of one numeric scalar (never an error for a number).
bool is_element(const hashset::HashSet& set, const octave_value& value) {
  if (value.is_uint64_type()) {
    const std::uint64_t number = value.uint64_scalar_value().value();
    return number <= static_cast<std::uint64_t>(INT64_MAX) && set.contains(static_cast<std::int64_t>(number));
  }
  if (value.is_double_type() || value.is_single_type()) {
    std::int64_t key;
    return to_int64_for_lookup(value.double_value(), &key) && set.contains(key);
  }
  return set.contains(value.int64_scalar_value().value());
}

octave_value int64_row(const std::vector<std::int64_t>& values) {
  int64NDArray array(dim_vector(1, static_cast<octave_idx_type>(values.size())));
  for (std::size_t i = 0; i < values.size(); ++i) array(i) = octave_int64(values[i]);
  return octave_value(array);
}

// The C++ exception being handled, raised as an Octave error with an identifier.
[[noreturn]] void raise_current() {
  try {
    throw;
  } catch (const octave::execution_exception&) {
    throw;  // already an Octave error
  } catch (const octave::interrupt_exception&) {
    throw;  // Ctrl-C
  } catch (const hashset::ConcurrentModificationError& e) {
    raise("hashset:concurrent", e.what());
  } catch (const hashset::FormatError& e) {
    raise("hashset:format", e.what());
  } catch (const std::out_of_range& e) {
    raise("hashset:empty", e.what());
  } catch (const std::length_error& e) {
    raise("hashset:memory", e.what());
  } catch (const std::bad_alloc&) {
    raise("hashset:memory", "out of memory");
  } catch (const std::logic_error& e) {
    raise("hashset:state", e.what());
  } catch (const std::exception& e) {
    raise("hashset:error", e.what());
  } catch (...) {
    raise("hashset:error", "unknown C++ exception");
  }
}

// True once s.delete() released the set held by `set` (an Octave object).
bool is_deleted(const octave_value& set) {
  void* pointer = nullptr;
  return SWIG_IsOK(SWIG_ConvertPtr(set, &pointer, SWIGTYPE_p_hashset__HashSet, 0)) && pointer == nullptr;
}

// s.iterator() and s.foreach(): the core's fail-fast iterator plus the set's
// Octave object, so that a step after s.delete() raises hashset:closed (the
// core iterator keeps the elements alive and would go on).
class SetIterator {
 public:
  SetIterator(const octave_value& owner, const hashset::HashSet& set) : owner_(owner), cursor_(set) {}
  bool has_next() const {
    check_open();
    return cursor_.has_next();
  }
  std::int64_t next() {
    check_open();
    return cursor_.next();
  }
  void remove() {
    check_open();
    cursor_.remove();
  }
  std::size_t remaining() const {
    check_open();
    return cursor_.remaining();
  }

 private:
  void check_open() const {
    if (is_deleted(owner_)) raise("hashset:closed", "HashSet was deleted during iteration");
  }

  octave_value owner_;
  hashset::HashSetIterator cursor_;
};

}  // namespace hashset_octave
%}

// Sets and iterators: s.delete() frees a set at once (SWIG_POINTER_RELEASE
// clears the object's pointer), so every later use, as the receiver or as an
// argument, raises hashset:closed instead of reading freed memory; only
// delete itself accepts a deleted set (deleting twice is harmless, as for
// Octave's handle objects). A value that is not a set raises hashset:type
// (SWIG would turn [] into a null reference).
%define HASHSET_OCTAVE_OBJECT(TYPE, NAME)
%typemap(in, fragment="hashset_octave") TYPE* self (void* argp = nullptr),
                                         const TYPE* self (void* argp = nullptr),
                                         const TYPE& (void* argp = nullptr) {
  if (!$input.is_defined() || $input.type_id() != octave_swig_ref::static_type_id() ||
      !SWIG_IsOK(SWIG_ConvertPtr($input, &argp, $descriptor(TYPE*), 0)))
    hashset_octave::raise("hashset:type", "expected a " NAME ", not " + hashset_octave::describe($input));
  if (argp == nullptr && std::strcmp("$symname", "HashSet_delete") != 0)
    hashset_octave::raise("hashset:closed", NAME " was deleted");
  $1 = static_cast<$1_ltype>(argp);
}
%typemap(typecheck, precedence=SWIG_TYPECHECK_POINTER) const TYPE& {
  void* argp = nullptr;
  const octave_value value = $input;
  $1 = value.is_defined() && value.type_id() == octave_swig_ref::static_type_id() &&
       SWIG_IsOK(SWIG_ConvertPtr(value, &argp, $descriptor(TYPE*), 0)) && argp != nullptr;
}
%enddef
HASHSET_OCTAVE_OBJECT(hashset::HashSet, "HashSet")
HASHSET_OCTAVE_OBJECT(hashset_octave::SetIterator, "HashSetIterator")
// The core iterator stays hidden: s.iterator() hands out a
// hashset_octave::SetIterator (declared in hashset_protocol.i) built on it.
%ignore hashset::HashSetIterator;

// The Octave object of the receiver itself (args(0)), for delete().
%typemap(in, numinputs=0) octave_value receiver "$1 = args(0);"

// Element arguments (insert, contains, erase).
%typemap(in, fragment="hashset_octave") std::int64_t "$1 = hashset_octave::to_int64($input);"
%typemap(typecheck, precedence=SWIG_TYPECHECK_INT64) std::int64_t {
  const octave_value value = $input;
  $1 = value.isnumeric() && !value.islogical() && value.numel() == 1;
}
// Elements out (pop, iterator next): an int64 scalar.
%typemap(out) std::int64_t "$result = octave_value(octave_int64($1));"
// Counts out: Octave's natural number is a double (like numel); counts are
// far below 2^53, so they are exact.
%typemap(out) std::size_t "$result = octave_value(static_cast<double>($1));"
%typemap(in, fragment="hashset_octave") std::size_t count "$1 = hashset_octave::to_capacity($input);"

// collect(): an int64 row vector (1x0 when empty).
%typemap(out, fragment="hashset_octave") std::vector<std::int64_t> "$result = hashset_octave::int64_row($1);"

// Bulk calls: a numeric array or a cell array, all validated first.
%typemap(in, fragment="hashset_octave") (const std::int64_t* values, std::size_t count)
    (std::vector<std::int64_t> buffer) {
  hashset_octave::read_values($input, &buffer);
  $1 = buffer.data();
  $2 = buffer.size();
}

// Serialized form: a uint8 row vector both ways.
%typemap(out) std::vector<std::uint8_t> {
  uint8NDArray bytes(dim_vector(1, static_cast<octave_idx_type>($1.size())));
  for (std::size_t i = 0; i < $1.size(); ++i) bytes(i) = octave_uint8($1[i]);
  $result = octave_value(bytes);
}
%typemap(in, fragment="hashset_octave") (const std::uint8_t* data, std::size_t size)
    (std::vector<std::uint8_t> buffer) {
  if (!$input.is_uint8_type())
    hashset_octave::raise("hashset:type", "serialized bytes must be a uint8 array, not " +
                                              hashset_octave::describe($input));
  const uint8NDArray bytes = $input.uint8_array_value();
  buffer.resize(static_cast<std::size_t>(bytes.numel()));
  for (std::size_t i = 0; i < buffer.size(); ++i) buffer[i] = bytes(i).value();
  $1 = buffer.data();
  $2 = buffer.size();
}

// C++ exceptions become Octave errors with an identifier (hashset:empty,
// hashset:concurrent, hashset:format, hashset:memory, hashset:state).
%define HASHSET_OCTAVE_CATCH(NAME)
%exception NAME {
  try {
    $action
  } catch (...) {
    hashset_octave::raise_current();
  }
}
%enddef
HASHSET_OCTAVE_CATCH(hashset::HashSet::HashSet)
HASHSET_OCTAVE_CATCH(hashset::HashSet::insert)
HASHSET_OCTAVE_CATCH(hashset::HashSet::contains)
HASHSET_OCTAVE_CATCH(hashset::HashSet::erase)
HASHSET_OCTAVE_CATCH(hashset::HashSet::pop)
HASHSET_OCTAVE_CATCH(hashset::HashSet::reserve)
HASHSET_OCTAVE_CATCH(hashset::HashSet::collect)
HASHSET_OCTAVE_CATCH(hashset::HashSet::insert_many)
HASHSET_OCTAVE_CATCH(hashset::HashSet::erase_many)
HASHSET_OCTAVE_CATCH(hashset::HashSet::union_with)
HASHSET_OCTAVE_CATCH(hashset::HashSet::intersection_with)
HASHSET_OCTAVE_CATCH(hashset::HashSet::difference_with)
HASHSET_OCTAVE_CATCH(hashset::HashSet::symmetric_difference_with)
HASHSET_OCTAVE_CATCH(hashset::HashSet::update)
HASHSET_OCTAVE_CATCH(hashset::HashSet::intersection_update)
HASHSET_OCTAVE_CATCH(hashset::HashSet::difference_update)
HASHSET_OCTAVE_CATCH(hashset::HashSet::symmetric_difference_update)
HASHSET_OCTAVE_CATCH(hashset::HashSet::serialize)
HASHSET_OCTAVE_CATCH(hashset::HashSet::deserialize)

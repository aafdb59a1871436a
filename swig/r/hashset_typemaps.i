// R: what must precede the API (typemaps, renames, per-method exceptions).
//
// R has no 64-bit integer in base; bit64::integer64 (a double vector whose
// bits are an int64, class "integer64") is the exact one. An element may be:
//   - an integer64 (its bits, exactly; bit64's NA_integer64_ *is* INT64_MIN),
//   - an R integer that is not NA,
//   - an R double that is an exact integer within [-2^53, 2^53].
// NA, NaN, fractional doubles, strings, logicals, factors, NULL and vectors
// of length != 1 raise a `hashset_type_error`; doubles beyond 2^53 (Inf too)
// raise a `hashset_range_error` ("use bit64::integer64 ..."). Every check
// happens before the set is touched. Results are exact: int64 values come
// back as integer64, counts as R integers (doubles above .Machine$integer.max).
//
// Errors: SWIG's R wrappers record an error (SWIG_Error) and jump to the end
// of the wrapper, where every C++ local has been destroyed, before calling
// Rf_error (a longjmp). This file keeps that discipline (typemaps and
// %exceptions only record and SWIG_fail) and redirects that final Rf_error to
// hashset_r::raise_last_error(), which signals a classed R condition:
//   hashset_<kind>_error / hashset_error / error / condition, where kind is
//   type, range, empty, concurrent, format, closed, value, memory or runtime.

%fragment("hashset_r", "header") %{
#include <cmath>
#include <cstring>
#include <new>

namespace hashset_r {

// Error codes beyond SWIG's own (which are negative and small).
enum : int { kConcurrent = -100, kFormat = -101, kClosed = -102, kEmpty = -103 };

// Signals the condition of class c("hashset_<kind>_error", "hashset_error",
// "error", "condition"). Never returns (stop() longjmps).
[[noreturn]] void signal(const char* kind, const char* message) {
  SEXP condition = PROTECT(Rf_allocVector(VECSXP, 2));
  SET_VECTOR_ELT(condition, 0, Rf_mkString(message));
  SEXP names = PROTECT(Rf_allocVector(STRSXP, 2));
  SET_STRING_ELT(names, 0, Rf_mkChar("message"));
  SET_STRING_ELT(names, 1, Rf_mkChar("call"));
  Rf_setAttrib(condition, R_NamesSymbol, names);
  char klass[64];
  std::snprintf(klass, sizeof klass, "hashset_%s_error", kind);
  SEXP classes = PROTECT(Rf_allocVector(STRSXP, 4));
  SET_STRING_ELT(classes, 0, Rf_mkChar(klass));
  SET_STRING_ELT(classes, 1, Rf_mkChar("hashset_error"));
  SET_STRING_ELT(classes, 2, Rf_mkChar("error"));
  SET_STRING_ELT(classes, 3, Rf_mkChar("condition"));
  Rf_setAttrib(condition, R_ClassSymbol, classes);
  SEXP call = PROTECT(Rf_lang2(Rf_install("stop"), condition));
  Rf_eval(call, R_BaseEnv);
  UNPROTECT(4);
  Rf_error("%s", message);  // not reached: stop() does not return
}

// The error a wrapper recorded with SWIG_Error, as an R condition.
[[noreturn]] void raise_last_error() {
  const char* kind = "runtime";
  switch (SWIG_lasterror_code) {
    case SWIG_TypeError: case SWIG_NullReferenceError: kind = "type"; break;
    case SWIG_OverflowError: kind = "range"; break;
    case SWIG_IndexError: case kEmpty: kind = "empty"; break;
    case SWIG_ValueError: kind = "value"; break;
    case SWIG_MemoryError: kind = "memory"; break;
    case kConcurrent: kind = "concurrent"; break;
    case kFormat: kind = "format"; break;
    case kClosed: kind = "closed"; break;
    default: break;
  }
  signal(kind, SWIG_lasterror_msg);
}

bool is_integer64(SEXP x) { return TYPEOF(x) == REALSXP && Rf_inherits(x, "integer64"); }

// One element of a vector as int64; on failure records the error (for
// SWIG_fail) and returns false.
bool element_to_int64(SEXP x, R_xlen_t i, std::int64_t* out) {
  switch (TYPEOF(x)) {
    case INTSXP: {
      if (Rf_isFactor(x)) break;
      const int value = INTEGER(x)[i];
      if (value == NA_INTEGER) {
        SWIG_Error(SWIG_TypeError, "HashSet elements cannot be NA");
        return false;
      }
      *out = value;
      return true;
    }
    case REALSXP: {
      if (is_integer64(x)) {
        std::memcpy(out, &REAL(x)[i], sizeof *out);  // the bits are the int64
        return true;
      }
      const double value = REAL(x)[i];
      if (std::isnan(value)) {
        SWIG_Error(SWIG_TypeError, "HashSet elements cannot be NA or NaN");
        return false;
      }
      if (!(value >= -9007199254740992.0 && value <= 9007199254740992.0)) {
        SWIG_Error(SWIG_OverflowError,
                   "%.17g is beyond the exact range of doubles: use bit64::integer64 for values beyond 2^53",
                   value);
        return false;
      }
      if (value != std::floor(value)) {
        SWIG_Error(SWIG_TypeError, "HashSet elements are integers, not %.17g", value);
        return false;
      }
      *out = static_cast<std::int64_t>(value);
      return true;
    }
    default:
      break;
  }
  SWIG_Error(SWIG_TypeError, "HashSet elements are integers (integer, double or integer64), not %s",
             Rf_isFactor(x) ? "a factor" : Rf_type2char(TYPEOF(x)));
  return false;
}

// A single value (a vector of length 1) as int64.
bool to_int64(SEXP x, std::int64_t* out) {
  if (x == R_NilValue) {
    SWIG_Error(SWIG_TypeError, "HashSet elements are integers, not NULL");
    return false;
  }
  if ((TYPEOF(x) == INTSXP || TYPEOF(x) == REALSXP) && XLENGTH(x) != 1) {
    SWIG_Error(SWIG_TypeError, "expected a single value, not a vector of length %lld",
               static_cast<long long>(XLENGTH(x)));
    return false;
  }
  return element_to_int64(x, 0, out);
}

// The values of a bulk call: an integer64, integer or double vector, a list
// of single values, or NULL (R's empty vector). Every element is validated
// before the call; the copy lives in R_alloc memory, which R reclaims even
// when the call fails.
bool to_values(SEXP x, const std::int64_t** data, std::size_t* count) {
  if (x == R_NilValue) {
    *data = nullptr;
    *count = 0;
    return true;
  }
  const R_xlen_t length = Rf_xlength(x);
  if (is_integer64(x)) {
    *data = reinterpret_cast<const std::int64_t*>(REAL(x));
    *count = static_cast<std::size_t>(length);
    return true;
  }
  if (TYPEOF(x) != INTSXP && TYPEOF(x) != REALSXP && TYPEOF(x) != VECSXP) {
    SWIG_Error(SWIG_TypeError, "expected a vector or list of integers, not %s", Rf_type2char(TYPEOF(x)));
    return false;
  }
  auto* values = reinterpret_cast<std::int64_t*>(R_alloc(static_cast<std::size_t>(length), sizeof(std::int64_t)));
  for (R_xlen_t i = 0; i < length; ++i) {
    const bool ok = TYPEOF(x) == VECSXP ? to_int64(VECTOR_ELT(x, i), &values[i]) : element_to_int64(x, i, &values[i]);
    if (!ok) return false;
  }
  *data = values;
  *count = static_cast<std::size_t>(length);
  return true;
}

// A count (reserve): a non-negative whole number no table can refuse to
// consider (abseil aborts the process above max_size(), so that is refused).
bool to_capacity(SEXP x, std::size_t* out) {
  std::int64_t value;
  if (!to_int64(x, &value)) return false;
  if (value < 0) {
    SWIG_Error(SWIG_ValueError, "a count cannot be negative");
    return false;
  }
  if (static_cast<std::uint64_t>(value) > absl::flat_hash_set<std::int64_t>().max_size()) {
    SWIG_Error(SWIG_MemoryError, "count too large for a HashSet");
    return false;
  }
  *out = static_cast<std::size_t>(value);
  return true;
}

SEXP integer64_vector(const std::int64_t* values, std::size_t count) {
  SEXP result = PROTECT(Rf_allocVector(REALSXP, static_cast<R_xlen_t>(count)));
  if (count != 0) std::memcpy(REAL(result), values, count * sizeof(std::int64_t));
  Rf_setAttrib(result, R_ClassSymbol, Rf_mkString("integer64"));
  UNPROTECT(1);
  return result;
}

SEXP count_value(std::size_t count) {
  if (count <= static_cast<std::size_t>(INT_MAX)) return Rf_ScalarInteger(static_cast<int>(count));
  return Rf_ScalarReal(static_cast<double>(count));
}

// The C++ object behind an external pointer made by this module for `type`.
// SWIG_R_ConvertPtr trusts any external pointer (one without a SWIG tag
// crashes it, one of another type is reinterpreted): check both first.
// NULL, and a pointer cleared by close() (or never set), give null.
bool pointer_of(SEXP x, swig_type_info* type, void** out) {
  *out = nullptr;
  if (x == R_NilValue) return true;
  if (TYPEOF(x) != EXTPTRSXP) return false;
  void* address = R_ExternalPtrAddr(x);
  SEXP tag = R_ExternalPtrTag(x);
  if (TYPEOF(tag) != EXTPTRSXP) return address == nullptr;
  if (R_ExternalPtrAddr(tag) != static_cast<void*>(type)) return false;
  *out = address;
  return true;
}

// Symbols whose receiver may be null: the destructor (run by close() and by
// the finaliser, which may both happen).
bool may_be_closed(const char* symbol) {
  return std::strncmp(symbol, "delete_", 7) == 0;
}

}  // namespace hashset_r
%}

// Every wrapper ends with `Rf_error("%s %s", SWIG_ErrorType(...), msg)` after
// its C++ scope has closed: raise a classed condition there instead.
// SWIG's R SWIG_exception (used by hashset.i's shared %exception) returns NA
// for SWIG_IndexError, silently and skipping the wrapper's unprotect: make
// every code record the error and leave through `fail` like the others.
%fragment("hashset_r_errors", "header", fragment="hashset_r") %{
#define Rf_error(...) hashset_r::raise_last_error()
#undef SWIG_exception
#define SWIG_exception(code, msg) do { SWIG_Error(code, "%s", msg); SWIG_fail; } while (0)
%}
%fragment("hashset_r_errors");

// SWIG 4.1's SWIG_R_NewPointerObj makes the type tag, then the pointer object,
// without protecting the tag in between: a collection at the second allocation
// frees the tag, and the new set or iterator later fails the type check (or
// reads a recycled cell). The wrappers call this version instead.
%fragment("hashset_r_pointers", "header") %{
namespace hashset_r {
SEXP new_pointer_object(void* pointer, swig_type_info* type) {
  if (pointer == nullptr) return R_NilValue;
  SEXP tag = PROTECT(R_MakeExternalPtr(type, R_NilValue, R_NilValue));
  SEXP object = R_MakeExternalPtr(pointer, tag, R_NilValue);
  SET_S4_OBJECT(object);
  UNPROTECT(1);
  return object;
}
}  // namespace hashset_r
#define SWIG_R_NewPointerObj(pointer, type, flags) hashset_r::new_pointer_object(pointer, type)
%}
%fragment("hashset_r_pointers");

// The receiver: a closed set (or NULL) raises hashset_closed_error. (SWIG's R
// module emits no `check` typemaps, so this is the `in` typemap.)
%typemap(in, fragment="hashset_r") hashset::HashSet* self (void* pointer = nullptr),
    hashset::HashSet const* self (void* pointer = nullptr),
    hashset::HashSetIterator* self (void* pointer = nullptr),
    hashset::HashSetIterator const* self (void* pointer = nullptr) {
  if (!hashset_r::pointer_of($input, $descriptor, &pointer)) {
    SWIG_Error(SWIG_TypeError, "expected a $*1_type");
    SWIG_fail;
  }
  if (pointer == nullptr && !hashset_r::may_be_closed("$symname")) {
    SWIG_Error(hashset_r::kClosed, "the HashSet is closed (or the object was never initialised)");
    SWIG_fail;
  }
  $1 = static_cast<$1_ltype>(pointer);
}
// Other sets passed as arguments (SWIG's default calls a closed one a null reference).
%typemap(in, fragment="hashset_r") const hashset::HashSet& (void* pointer = nullptr) {
  if (!hashset_r::pointer_of($input, $descriptor, &pointer) || $input == R_NilValue) {
    SWIG_Error(SWIG_TypeError, "expected a HashSet");
    SWIG_fail;
  }
  if (pointer == nullptr) {
    SWIG_Error(hashset_r::kClosed, "the other HashSet is closed");
    SWIG_fail;
  }
  $1 = static_cast<$1_ltype>(pointer);
}

%typemap(in, fragment="hashset_r") std::int64_t {
  if (!hashset_r::to_int64($input, &$1)) SWIG_fail;
}
%typemap(scoercein) std::int64_t ""
%typemap(scheck) std::int64_t ""
%typemap(rtype) std::int64_t "numeric"
%typemap(out, fragment="hashset_r") std::int64_t {
  $result = hashset_r::integer64_vector(&$1, 1);
}
%typemap(scoerceout) std::int64_t ""

%typemap(in, fragment="hashset_r") std::size_t count {
  if (!hashset_r::to_capacity($input, &$1)) SWIG_fail;
}
%typemap(scoercein) std::size_t ""
%typemap(scheck) std::size_t ""
%typemap(rtype) std::size_t "numeric"
%typemap(out, fragment="hashset_r") std::size_t "$result = hashset_r::count_value($1);"
%typemap(scoerceout) std::size_t ""

// collect(): an integer64 vector.
%typemap(out, fragment="hashset_r") std::vector<std::int64_t> {
  $result = hashset_r::integer64_vector($1.data(), $1.size());
}
%typemap(scoerceout) std::vector<std::int64_t> ""
%typemap(rtype) std::vector<std::int64_t> "integer64"

// Bulk calls: one R argument, validated whole before the call.
%typemap(in, fragment="hashset_r") (const std::int64_t* values, std::size_t count) {
  const std::int64_t* data_ = nullptr;
  if (!hashset_r::to_values($input, &data_, &$2)) SWIG_fail;
  $1 = const_cast<std::int64_t*>(data_);
}
%typemap(scoercein) (const std::int64_t* values, std::size_t count) ""
%typemap(scheck) (const std::int64_t* values, std::size_t count) ""
%typemap(rtype) (const std::int64_t* values, std::size_t count) "numeric"

// Serialized form: a raw vector both ways.
%typemap(out) std::vector<std::uint8_t> {
  $result = Rf_allocVector(RAWSXP, static_cast<R_xlen_t>($1.size()));
  if (!$1.empty()) std::memcpy(RAW($result), $1.data(), $1.size());
}
%typemap(scoerceout) std::vector<std::uint8_t> ""
%typemap(rtype) std::vector<std::uint8_t> "raw"
%typemap(in) (const std::uint8_t* data, std::size_t size) {
  if (TYPEOF($input) != RAWSXP) {
    SWIG_Error(SWIG_TypeError, "deserialize() needs a raw vector");
    SWIG_fail;
  }
  $1 = RAW($input);
  $2 = static_cast<std::size_t>(XLENGTH($input));
}
%typemap(scoercein) (const std::uint8_t* data, std::size_t size) ""
%typemap(scheck) (const std::uint8_t* data, std::size_t size) ""
%typemap(rtype) (const std::uint8_t* data, std::size_t size) "raw"

// Errors with their own R condition class.
%exception hashset::HashSet::pop {
  try {
    $action
  } catch (const std::out_of_range& e) {
    SWIG_Error(hashset_r::kEmpty, "pop from an empty HashSet");
    SWIG_fail;
  }
}
%exception hashset::HashSet::deserialize {
  try {
    $action
  } catch (const hashset::FormatError& e) {
    SWIG_Error(hashset_r::kFormat, "%s", e.what());
    SWIG_fail;
  } catch (const std::bad_alloc&) {
    SWIG_Error(SWIG_MemoryError, "out of memory");
    SWIG_fail;
  }
}
%define HASHSET_R_ITERATOR_EXCEPTION(NAME)
%exception NAME {
  try {
    $action
  } catch (const hashset::ConcurrentModificationError&) {
    SWIG_Error(hashset_r::kConcurrent, "the HashSet changed during iteration");
    SWIG_fail;
  } catch (const std::out_of_range&) {
    SWIG_Error(hashset_r::kEmpty, "the iteration is over");
    SWIG_fail;
  } catch (const std::exception& e) {
    SWIG_Error(SWIG_RuntimeError, "%s", e.what());
    SWIG_fail;
  }
}
%enddef
HASHSET_R_ITERATOR_EXCEPTION(hashset::HashSetIterator::next)
HASHSET_R_ITERATOR_EXCEPTION(hashset::HashSetIterator::remove)

// The SWIG layer is the engine under the HashSet reference class of
// hashset_protocol.i: its names say so, and `next` is an R keyword.
%rename(NativeHashSet) hashset::HashSet;
%rename(NativeHashSetIterator) hashset::HashSetIterator;
%rename(next_value) hashset::HashSetIterator::next;

// R objects passed through as they are (the %extend helpers below).
%typemap(in) SEXP "$1 = $input;"
%typemap(out) SEXP "$result = $1;"
%typemap(scoercein) SEXP ""
%typemap(scheck) SEXP ""
%typemap(rtype) SEXP "ANY"

// Helpers of the R protocol (hashset_protocol.i); %extend code must precede
// the class declaration.
%extend hashset::HashSet {
  // Vectorised, lenient membership for `x %in% s`: one logical per element of
  // `values`; anything that cannot be an element (NA, fractional, string,
  // out of range) is simply absent, as with base R's %in%.
  SEXP contains_each(SEXP values) const {
    const bool is_list = TYPEOF(values) == VECSXP;
    const bool numeric = (TYPEOF(values) == INTSXP && !Rf_isFactor(values)) || TYPEOF(values) == REALSXP;
    const R_xlen_t length = values == R_NilValue ? 0 : Rf_xlength(values);
    SEXP found = PROTECT(Rf_allocVector(LGLSXP, length));
    for (R_xlen_t i = 0; i < length; ++i) {
      SEXP vector = is_list ? VECTOR_ELT(values, i) : values;
      const R_xlen_t index = is_list ? 0 : i;
      bool hit = false;
      if ((numeric || is_list) && (TYPEOF(vector) == INTSXP || TYPEOF(vector) == REALSXP) &&
          !Rf_isFactor(vector) && Rf_xlength(vector) > index && (!is_list || Rf_xlength(vector) == 1)) {
        std::int64_t key = 0;
        bool valid = false;
        if (TYPEOF(vector) == INTSXP) {
          valid = INTEGER(vector)[index] != NA_INTEGER;
          key = INTEGER(vector)[index];
        } else if (hashset_r::is_integer64(vector)) {
          std::memcpy(&key, &REAL(vector)[index], sizeof key);
          valid = true;
        } else {
          const double value = REAL(vector)[index];
          valid = value >= -9223372036854775808.0 && value < 9223372036854775808.0 && value == std::floor(value);
          if (valid) key = static_cast<std::int64_t>(value);
        }
        hit = valid && $self->contains(key);
      }
      LOGICAL(found)[i] = hit ? TRUE : FALSE;
    }
    UNPROTECT(1);
    return found;
  }

  // The elements as exact decimal strings (bit64 prints INT64_MIN as NA).
  SEXP format_elements() const {
    const std::vector<std::int64_t> values = $self->collect();
    SEXP text = PROTECT(Rf_allocVector(STRSXP, static_cast<R_xlen_t>(values.size())));
    char buffer[32];
    for (std::size_t i = 0; i < values.size(); ++i) {
      std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(values[i]));
      SET_STRING_ELT(text, static_cast<R_xlen_t>(i), Rf_mkChar(buffer));
    }
    UNPROTECT(1);
    return text;
  }
}

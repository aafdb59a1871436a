// Perl: what must precede the API (typemaps, renames, per-method exceptions).
//
// Integers are exact. An element is accepted when its value is an exact
// int64: an integer scalar (IV, or UV <= 2**63-1), a number (NV) that is a
// whole number in [-2**63, 2**63), a string that is a plain decimal integer
// literal ("42", "-7", "+3"; no spaces, no "1.0", no "1e3", no "0x10"), or an
// object overloading "" into such a literal (Math::BigInt). Anything else
// dies before the set is touched (contains() and erase() as strictly as
// insert(): a bad value is a bug in the caller, not an absent element):
//   "hashset: ... is outside the int64 range [-2**63, 2**63)"  (range)
//   "hashset: ... is not an integer"                           (type: undef,
//                                 fractional, non-numeric string, reference)
// Other errors die with "hashset: the set is empty" (pop), "hashset: the set
// changed during iteration" and "hashset: not a serialized set (...)".
// collect() returns an array reference, insert_many/erase_many take one, and
// serialize/deserialize use byte strings; size() is a plain Perl integer.

// perl.h defines macros (New, Copy, ...) that break abseil's headers: the
// core header goes first, before SWIG's Perl runtime includes perl.h.
%begin %{
#include <hashset/hash_set.hpp>
%}

%fragment("hashset_perl", "header") %{
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

namespace hashset_perl {

// Sets $@ to a "hashset: ..." message; the wrapper then croaks with it (and
// Perl appends the caller's " at FILE line N.").
void set_error(pTHX_ const std::string& message) {
  sv_setpvn(get_sv("@", GV_ADD), message.data(), message.size());
}

// How a rejected value is shown in a message (strings quoted, shortened).
std::string describe(pTHX_ SV* sv) {
  if (!SvOK(sv)) return "undef";
  if (SvROK(sv) && !SvAMAGIC(sv)) return std::string("a reference (") + sv_reftype(SvRV(sv), 1) + ")";
  STRLEN length = 0;
  const char* text = SvPV_nomg(sv, length);
  std::string shown(text, length > 40 ? 40 : length);
  if (length > 40) shown += "...";
  return SvPOK(sv) && !SvIOK(sv) && !SvNOK(sv) ? "'" + shown + "'" : shown;
}

enum class Status { ok, type, range };

// Reads a plain decimal integer literal: [+-]?[0-9]+ and nothing else.
Status parse_literal(const char* text, STRLEN length, std::int64_t* out) {
  STRLEN i = 0;
  bool negative = false;
  if (i < length && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  if (i == length) return Status::type;
  // Accumulate the magnitude as unsigned: 2**63 itself is a valid negative.
  const std::uint64_t limit = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
  std::uint64_t magnitude = 0;
  bool too_big = false;
  for (; i < length; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return Status::type;
    const std::uint64_t digit = static_cast<std::uint64_t>(c - '0');
    if (magnitude > (limit - digit) / 10) too_big = true;  // keep scanning: "9...9x" is a type error
    if (!too_big) magnitude = magnitude * 10 + digit;
  }
  if (too_big) return Status::range;
  *out = negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
  return Status::ok;
}

// Reads an SV as an int64 (see the rules at the top of this file).
Status read_int64(pTHX_ SV* sv, std::int64_t* out) {
  SvGETMAGIC(sv);
  if (!SvOK(sv)) return Status::type;
  if (SvROK(sv)) {
    if (!SvAMAGIC(sv)) return Status::type;  // only objects that stringify (Math::BigInt)
    STRLEN length = 0;
    const char* text = SvPV_nomg(sv, length);
    return parse_literal(text, length, out);
  }
  // Public numeric flags only: a string like "abc" or "1.5" that was once
  // used as a number has private flags, never these.
  if (SvIOK(sv)) {
    if (SvIsUV(sv)) {
      const UV value = SvUVX(sv);
      if (value > static_cast<UV>(INT64_MAX)) return Status::range;
      *out = static_cast<std::int64_t>(value);
    } else {
      *out = static_cast<std::int64_t>(SvIVX(sv));
    }
    return Status::ok;
  }
  if (SvNOK(sv)) {
    const NV value = SvNVX(sv);
    if (std::isnan(value)) return Status::type;
    if (!(value >= -9223372036854775808.0 && value < 9223372036854775808.0)) return Status::range;
    if (value != std::floor(value)) return Status::type;
    *out = static_cast<std::int64_t>(value);
    return Status::ok;
  }
  if (SvPOK(sv)) {
    STRLEN length = 0;
    const char* text = SvPV_nomg(sv, length);
    return parse_literal(text, length, out);
  }
  return Status::type;
}

// read_int64, with $@ set on failure. `what` prefixes the message.
bool to_int64(pTHX_ SV* sv, std::int64_t* out, const std::string& what = "") {
  const Status status = read_int64(aTHX_ sv, out);
  if (status == Status::ok) return true;
  if (status == Status::range) {
    set_error(aTHX_ "hashset: " + what + describe(aTHX_ sv) +
                        " is outside the int64 range [-2**63, 2**63)");
  } else {
    set_error(aTHX_ "hashset: " + what + describe(aTHX_ sv) + " is not an integer");
  }
  return false;
}

// The values of a bulk call: an array reference, every element validated
// before the C++ call so that a bad one leaves the set unchanged.
bool to_values(pTHX_ SV* sv, std::vector<std::int64_t>* values) {
  SvGETMAGIC(sv);
  if (!SvROK(sv) || SvTYPE(SvRV(sv)) != SVt_PVAV) {
    set_error(aTHX_ "hashset: expected an array reference of integers, not " + describe(aTHX_ sv));
    return false;
  }
  AV* array = reinterpret_cast<AV*>(SvRV(sv));
  const SSize_t count = av_count(array);
  values->resize(static_cast<std::size_t>(count));
  for (SSize_t i = 0; i < count; ++i) {
    SV** item = av_fetch(array, i, 0);
    const std::string what = "element " + std::to_string(i) + ": ";
    if (item == nullptr) {
      set_error(aTHX_ "hashset: " + what + "undef is not an integer");
      return false;
    }
    if (!to_int64(aTHX_ *item, &(*values)[static_cast<std::size_t>(i)], what)) return false;
  }
  return true;
}

}  // namespace hashset_perl
%}

// hashset::HashSet::size(undef) would reach C++ with a null pointer.
%typemap(check, fragment="hashset_perl") SWIGTYPE* self {
  if ($1 == nullptr) {
    hashset_perl::set_error(aTHX_ "hashset: a method was called without an object");
    SWIG_fail;
  }
}

%typemap(in, fragment="hashset_perl") std::int64_t {
  if (!hashset_perl::to_int64(aTHX_ $input, &$1)) SWIG_fail;
}
%typemap(typecheck, precedence=SWIG_TYPECHECK_INT64, fragment="hashset_perl") std::int64_t {
  std::int64_t ignored;
  $1 = hashset_perl::read_int64(aTHX_ $input, &ignored) == hashset_perl::Status::ok;
}
%typemap(out) std::int64_t "$result = sv_2mortal(newSViv(static_cast<IV>($1))); argvi++;"
%typemap(out) std::size_t "$result = sv_2mortal(newSVuv(static_cast<UV>($1))); argvi++;"

// reserve(): a non-negative integer.
%typemap(in, fragment="hashset_perl") std::size_t (std::int64_t value) {
  if (!hashset_perl::to_int64(aTHX_ $input, &value)) SWIG_fail;
  if (value < 0) {
    hashset_perl::set_error(aTHX_ "hashset: a count cannot be negative");
    SWIG_fail;
  }
  $1 = static_cast<std::size_t>(value);
}

// collect(): a new array reference of integers.
%typemap(out) std::vector<std::int64_t> {
  AV* array = newAV();
  av_extend(array, static_cast<SSize_t>($1.size()));
  for (std::size_t i = 0; i < $1.size(); ++i) av_push(array, newSViv(static_cast<IV>($1[i])));
  $result = sv_2mortal(newRV_noinc(reinterpret_cast<SV*>(array)));
  argvi++;
}

// Bulk calls: an array reference of integers.
%typemap(in, fragment="hashset_perl") (const std::int64_t* values, std::size_t count)
    (std::vector<std::int64_t> values) {
  if (!hashset_perl::to_values(aTHX_ $input, &values)) SWIG_fail;
  $1 = values.data();
  $2 = values.size();
}
// Perl reports errors by croak (a longjmp past C++ destructors): the buffer
// is released here, on the success and on the error path alike.
%typemap(freearg) (const std::int64_t* values, std::size_t count) {
  std::vector<std::int64_t>().swap(values$argnum);
}
// The constructor's array reference (see hashset_protocol.i): a type of its
// own, as SWIG would spell `const std::int64_t*` of an %extend as `long long`.
%{
namespace hashset_perl {
struct Values {
  std::vector<std::int64_t> items;
};
}  // namespace hashset_perl
%}
namespace hashset_perl {
struct Values;
}
%typemap(in, fragment="hashset_perl") const hashset_perl::Values& (hashset_perl::Values values) {
  if (!hashset_perl::to_values(aTHX_ $input, &values.items)) SWIG_fail;
  $1 = &values;
}
%typemap(freearg) const hashset_perl::Values& {
  std::vector<std::int64_t>().swap(values$argnum.items);
}
%typemap(typecheck, precedence=SWIG_TYPECHECK_INT64_ARRAY) const hashset_perl::Values& {
  $1 = SvROK($input) && SvTYPE(SvRV($input)) == SVt_PVAV;
}

// Serialized form: a byte string both ways.
%typemap(out) std::vector<std::uint8_t> {
  $result = sv_2mortal(newSVpvn(reinterpret_cast<const char*>($1.data()), $1.size()));
  argvi++;
}
%typemap(in, fragment="hashset_perl") (const std::uint8_t* data, std::size_t size) {
  SvGETMAGIC($input);
  if (!SvOK($input) || (SvROK($input) && !SvAMAGIC($input))) {
    hashset_perl::set_error(aTHX_ "hashset: expected a byte string, not " + hashset_perl::describe(aTHX_ $input));
    SWIG_fail;
  }
  STRLEN length = 0;
  // Dies ("Wide character") for a string that is not bytes.
  const char* bytes = SvPVbyte_nomg($input, length);
  $1 = reinterpret_cast<$1_ltype>(const_cast<char*>(bytes));
  $2 = static_cast<std::size_t>(length);
}

// New sets (union(), deserialize(), ...): held by pointer until the call
// returns, so a croak on a bad argument leaks no default-constructed set, and
// moved (not copied) into the Perl object.
%feature("valuewrapper") hashset::HashSet;
%typemap(out) hashset::HashSet {
  $result = SWIG_NewPointerObj(new hashset::HashSet(static_cast<hashset::HashSet&&>($1)),
                               $&descriptor, SWIG_POINTER_OWN | SWIG_SHADOW);
  argvi++;
}

// Perl's names and errors.
%rename("union") hashset::HashSet::union_with;
%rename(intersection) hashset::HashSet::intersection_with;
%rename(difference) hashset::HashSet::difference_with;
%rename(symmetric_difference) hashset::HashSet::symmetric_difference_with;
// A class method in Perl: hashset::HashSet->deserialize($bytes) (protocol file).
%rename(_deserialize) hashset::HashSet::deserialize;

%exception hashset::HashSet::pop {
  try {
    $action
  } catch (const std::out_of_range&) {
    hashset_perl::set_error(aTHX_ "hashset: the set is empty");
    SWIG_fail;
  } catch (const std::exception& e) {
    hashset_perl::set_error(aTHX_ std::string("hashset: ") + e.what());
    SWIG_fail;
  }
}
%exception hashset::HashSet::deserialize {
  try {
    $action
  } catch (const std::invalid_argument& e) {
    hashset_perl::set_error(aTHX_ std::string("hashset: not a serialized set (") + e.what() + ")");
    SWIG_fail;
  } catch (const std::exception& e) {
    hashset_perl::set_error(aTHX_ std::string("hashset: ") + e.what());
    SWIG_fail;
  }
}

// Iterators: `while (defined(my $x = $it->next)) {...}`: next() returns undef
// once exhausted and dies when the set changed.
// `next` is a Perl keyword but a fine method name ($it->next, as in DBI).
%warnfilter(SWIGWARN_PARSE_KEYWORD) hashset::HashSetIterator::next;
%exception hashset::HashSetIterator::next {
  try {
    $action
  } catch (const hashset::ConcurrentModificationError&) {
    hashset_perl::set_error(aTHX_ "hashset: the set changed during iteration");
    SWIG_fail;
  } catch (const std::out_of_range&) {
    ST(0) = &PL_sv_undef;
    XSRETURN(1);
  } catch (const std::exception& e) {
    hashset_perl::set_error(aTHX_ std::string("hashset: ") + e.what());
    SWIG_fail;
  }
}
%exception hashset::HashSetIterator::remove {
  try {
    $action
  } catch (const hashset::ConcurrentModificationError&) {
    hashset_perl::set_error(aTHX_ "hashset: the set changed during iteration");
    SWIG_fail;
  } catch (const std::exception& e) {
    hashset_perl::set_error(aTHX_ std::string("hashset: ") + e.what());
    SWIG_fail;
  }
}

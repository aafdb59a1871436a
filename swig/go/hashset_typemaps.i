// Go: what must precede the API (typemaps, renames, per-method exceptions).
//
// SWIG generates the internal package hashset/internal/native (-cgo
// -intgosize 64 -package native); the public, idiomatic package is the
// hand-written go/hashset, which wraps it, frees native memory and turns the
// panics raised here into Go errors.
//
// Integers: std::int64_t is Go's int64 both ways (exact, and the compiler
// rejects anything else at the call site); std::size_t is Go's int.

%fragment("hashset_go", "header") %{
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>
#include <utility>
#include <vector>

namespace hashset_go {

// A C++ exception reaches Go as a panic whose value is the string
// "hashset:<kind>:<what>"; the Go package maps <kind> to its errors.
constexpr std::size_t kErrorSize = 512;

inline void describe(char (&buffer)[kErrorSize], const char* kind, const char* what) {
  std::snprintf(buffer, kErrorSize, "hashset:%s:%s", kind, what);
}

// Copies `count` elements into C memory that the Go side copies and frees.
inline _goslice_ to_goslice(const void* data, std::size_t count, std::size_t width) {
  _goslice_ slice;
  slice.array = nullptr;
  slice.len = 0;
  slice.cap = 0;
  if (count == 0) return slice;
  slice.array = std::malloc(count * width);
  if (slice.array == nullptr) _swig_gopanic("hashset:memory:out of memory");
  std::memcpy(slice.array, data, count * width);
  slice.len = static_cast<intgo>(count);
  slice.cap = slice.len;
  return slice;
}

}  // namespace hashset_go
%}

// The methods that throw in normal use get their own handler: SWIG's Go
// SWIG_exception panics inside the catch block, which never runs
// __cxa_end_catch and so leaks the exception object; this one leaves the
// catch block first. (The generic handler of hashset.i stays for the other
// methods, which can only throw std::bad_alloc.)
%define HASHSET_GO_EXCEPTION(METHOD)
%exception METHOD {
  char hashset_go_error[hashset_go::kErrorSize] = "";
  try {
    $action
  } catch (const hashset::ConcurrentModificationError& e) {
    hashset_go::describe(hashset_go_error, "concurrent", e.what());
  } catch (const hashset::FormatError& e) {
    hashset_go::describe(hashset_go_error, "format", e.what());
  } catch (const std::out_of_range& e) {
    hashset_go::describe(hashset_go_error, "range", e.what());
  } catch (const std::length_error& e) {
    hashset_go::describe(hashset_go_error, "length", e.what());
  } catch (const std::logic_error& e) {
    hashset_go::describe(hashset_go_error, "logic", e.what());
  } catch (const std::bad_alloc&) {
    hashset_go::describe(hashset_go_error, "memory", "out of memory");
  } catch (const std::exception& e) {
    hashset_go::describe(hashset_go_error, "error", e.what());
  }
  if (hashset_go_error[0] != '\0') _swig_gopanic(hashset_go_error);
}
%enddef
HASHSET_GO_EXCEPTION(hashset::HashSet::pop)
HASHSET_GO_EXCEPTION(hashset::HashSet::reserve)
HASHSET_GO_EXCEPTION(hashset::HashSet::load_serialized)
HASHSET_GO_EXCEPTION(hashset::HashSetIterator::next)
HASHSET_GO_EXCEPTION(hashset::HashSetIterator::remove)

// A nil object reaching C++ panics instead of crashing. The Go package never
// passes one (it checks for nil and closed sets first); this guards the
// internal package itself.
%typemap(check) SWIGTYPE* self, const hashset::HashSet& %{
  if ($1 == nullptr) _swig_gopanic("hashset:nil:nil or deleted native object");
%}

// Exact 64-bit integers: SWIG's long long mapping, stated explicitly.
%typemap(gotype) std::int64_t, const std::int64_t& "int64"

// Sizes and counts are Go's int (64-bit with -intgosize 64); a negative count
// panics before it can wrap to a huge size_t.
%typemap(gotype) std::size_t "int"
%typemap(goin) std::size_t %{
  if $input < 0 {
    panic("hashset:negative:count must not be negative")
  }
  $result = $input
%}
%typemap(in) std::size_t %{ $1 = static_cast<std::size_t>($input); %}
%typemap(out) std::size_t %{ $result = static_cast<intgo>($1); %}

// collect(): a Go []int64 in Go memory; the C copy is freed at once.
%typemap(gotype) std::vector<std::int64_t> "[]int64"
%typemap(out, fragment="hashset_go") std::vector<std::int64_t> %{
  $result = hashset_go::to_goslice($1.data(), $1.size(), sizeof(std::int64_t));
%}
%typemap(goout) std::vector<std::int64_t> %{
  $result = make([]int64, len($1))
  if len($1) > 0 {
    copy($result, $1)
    Swig_free(uintptr(unsafe.Pointer(&$1[0])))
  }
%}

// serialize(): a Go []byte, likewise.
%typemap(gotype) std::vector<std::uint8_t> "[]byte"
%typemap(out, fragment="hashset_go") std::vector<std::uint8_t> %{
  $result = hashset_go::to_goslice($1.data(), $1.size(), 1);
%}
%typemap(goout) std::vector<std::uint8_t> %{
  $result = make([]byte, len($1))
  if len($1) > 0 {
    copy($result, $1)
    Swig_free(uintptr(unsafe.Pointer(&$1[0])))
  }
%}

// Bulk calls read a Go []int64 in place (cgo keeps it alive for the call).
%typemap(gotype) (const std::int64_t* values, std::size_t count) "[]int64"
%typemap(in) (const std::int64_t* values, std::size_t count) %{
  $1 = static_cast<$1_ltype>($input.array);
  $2 = static_cast<$2_ltype>($input.len);
%}

// next_batch_into writes into a Go []int64 in place.
%typemap(gotype) (std::int64_t* out, std::size_t capacity) "[]int64"
%typemap(in) (std::int64_t* out, std::size_t capacity) %{
  $1 = static_cast<$1_ltype>($input.array);
  $2 = static_cast<$2_ltype>($input.len);
%}

// contains_into's answers are written into a Go []bool in place.
%typemap(gotype) bool* found "[]bool"
%typemap(in) bool* found %{ $1 = static_cast<bool*>($input.array); %}

// Serialized bytes are read from a Go []byte in place.
%typemap(gotype) (const std::uint8_t* data, std::size_t size) "[]byte"
%typemap(in) (const std::uint8_t* data, std::size_t size) %{
  $1 = static_cast<$1_ltype>($input.array);
  $2 = static_cast<$2_ltype>($input.len);
%}

// A set returned by value is moved, not copied, into the new Go-owned object.
%typemap(out) hashset::HashSet %{
  *(hashset::HashSet**)&$result = new hashset::HashSet(std::move($1));
%}

// Go's names: InsertMany, IsSubset, UnionWith, HasNext, ...
%rename("%(camelcase)s", %$isfunction) "";

// Go builds deserialized sets in place (Set.UnmarshalBinary), with
// load_serialized from hashset_protocol.i: no C++ temporary is left behind
// when the bytes are rejected.
%ignore hashset::HashSet::deserialize;

// Lua 5.4: what must precede the API (typemaps, renames, per-method exceptions).
//
// Integers are exact: SWIG's defaults send every integer through lua_Number
// (a double); here int64 is lua_Integer both ways. An argument is accepted
// when it is a Lua integer, or a float with an exact integer value in range
// (what luaL_checkinteger accepts, and what a Lua table key normalises: t[2.0]
// is t[2]). A float outside [-2^63, 2^63) raises "... out of the int64
// range"; a fractional float raises "number has no integer representation";
// strings (even "1"), nil, booleans, tables raise "integer expected, got X".
// Every error is a Lua error raised before the set is touched.
//
// Lua raises by longjmp, which skips C++ destructors and catch-block exits.
// The raises below happen with no C++ object alive in the frames they unwind:
// arguments are validated into Lua-owned buffers, and C++ exceptions are
// caught, recorded as plain data, and raised after the catch block (SWIG's
// `fail:` label calls lua_error outside it).

%fragment("hashset_lua", "header") %{
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <stdexcept>

namespace hashset_lua {

// Why a Lua value is not an int64.
enum Status { kOk, kNotNumber, kFraction, kRange };

Status to_int64(lua_State* L, int index, std::int64_t* out) {
  if (lua_type(L, index) != LUA_TNUMBER) return kNotNumber;  // no string coercion
  int exact = 0;
  const lua_Integer value = lua_tointegerx(L, index, &exact);
  if (exact) {
    *out = static_cast<std::int64_t>(value);
    return kOk;
  }
  const lua_Number number = lua_tonumber(L, index);
  if (std::isnan(number)) return kFraction;
  if (std::isinf(number) || std::floor(number) == number) return kRange;
  return kFraction;
}

// The message of a bad value, pushed on the stack (prefix: "" or "element N: ").
const char* describe(lua_State* L, int index, Status status, const char* prefix) {
  switch (status) {
    case kNotNumber:
      return lua_pushfstring(L, "%sinteger expected, got %s", prefix, luaL_typename(L, index));
    case kFraction:
      return lua_pushfstring(L, "%snumber %f has no integer representation", prefix, lua_tonumber(L, index));
    default:
      return lua_pushfstring(L, "%snumber %f is out of the int64 range [-2^63, 2^63)", prefix,
                             lua_tonumber(L, index));
  }
}

// Argument `index` as an int64, or a Lua error ("bad argument #N to 'insert' (...)").
std::int64_t check_int64(lua_State* L, int index) {
  std::int64_t value = 0;
  const Status status = to_int64(L, index, &value);
  if (status != kOk) luaL_argerror(L, index, describe(L, index, status, ""));
  return value;
}

// A non-negative count that fits in size_t (reserve).
std::size_t check_count(lua_State* L, int index) {
  const std::int64_t value = check_int64(L, index);
  if (value < 0) luaL_argerror(L, index, "count must not be negative");
  if (static_cast<std::uint64_t>(value) > absl::flat_hash_set<std::int64_t>().max_size())
    luaL_argerror(L, index, "count too large for a set");  // abseil would abort, not throw
  return static_cast<std::size_t>(value);
}

// The elements of a sequence table (its length is the field `n` when that is
// an integer, as table.pack makes, else #t), every one validated into a
// Lua-owned buffer left on the stack: a bad element raises before the call.
const std::int64_t* check_values(lua_State* L, int index, std::size_t* count) {
  index = lua_absindex(L, index);
  luaL_checktype(L, index, LUA_TTABLE);
  lua_Integer length = 0;
  if (lua_getfield(L, index, "n") == LUA_TNUMBER && lua_isinteger(L, -1)) {
    length = lua_tointeger(L, -1);
  } else {
    length = luaL_len(L, index);
  }
  lua_pop(L, 1);
  if (length < 0 || static_cast<std::uint64_t>(length) > (std::uint64_t{1} << 40))
    luaL_argerror(L, index, "bad sequence length");
  auto* values = static_cast<std::int64_t*>(
      lua_newuserdatauv(L, static_cast<std::size_t>(length) * sizeof(std::int64_t), 0));
  for (lua_Integer i = 1; i <= length; ++i) {
    lua_geti(L, index, i);
    const Status status = to_int64(L, -1, &values[i - 1]);
    if (status != kOk) {
      const char* prefix = lua_pushfstring(L, "element %I: ", static_cast<LUAI_UACINT>(i));
      luaL_argerror(L, index, describe(L, -2, status, prefix));
    }
    lua_pop(L, 1);
  }
  *count = static_cast<std::size_t>(length);
  return values;
}

// The registry key of SWIG's class metatable of HashSet (set by %init).
char class_metatable_key;

// True when the value at `index` is a HashSet object (open or closed). SWIG's
// own check reads any full userdata (io.stdout...) as one of its objects: the
// metatable is compared first.
bool is_set(lua_State* L, int index) {
  if (lua_type(L, index) != LUA_TUSERDATA || !lua_getmetatable(L, index)) return false;
  lua_rawgetp(L, LUA_REGISTRYINDEX, &class_metatable_key);
  const bool same = lua_rawequal(L, -1, -2);
  lua_pop(L, 2);
  return same;
}

// The C++ set of a HashSet argument; raises for anything else and for a
// closed set.
hashset::HashSet* check_set(lua_State* L, int index) {
  if (!is_set(L, index)) luaL_typeerror(L, index, "hashset.HashSet");
  void* pointer = static_cast<swig_lua_userdata*>(lua_touserdata(L, index))->ptr;
  if (pointer == nullptr) luaL_argerror(L, index, "the set is closed");
  return static_cast<hashset::HashSet*>(pointer);
}

// A C++ exception turned into plain data, to be raised outside the catch.
struct Failure {
  bool failed = false;
  char message[256] = {0};
};

// Called inside a catch block: describes the exception in flight.
void record(Failure* failure) noexcept {
  const char* message = "hashset: unknown C++ exception";
  try {
    throw;
  } catch (const hashset::ConcurrentModificationError&) {
    message = "hashset: set changed during iteration";
  } catch (const hashset::FormatError& e) {
    std::snprintf(failure->message, sizeof failure->message, "hashset: not a serialized set (%s)", e.what());
    failure->failed = true;
    return;
  } catch (const std::out_of_range&) {  // pop() on an empty set
    message = "hashset: pop from an empty set";
  } catch (const std::bad_alloc&) {
    message = "hashset: not enough memory";
  } catch (const std::length_error&) {  // reserve() beyond what can be allocated
    message = "hashset: not enough memory";
  } catch (const std::exception& e) {
    message = e.what();
  } catch (...) {
  }
  failure->failed = true;
  std::strncpy(failure->message, message, sizeof failure->message - 1);
}

}  // namespace hashset_lua
%}

// The receiver: a HashSet that is open (a closed one raises).
%typemap(in, fragment="hashset_lua") hashset::HashSet* self, hashset::HashSet const* self
  "$1 = hashset_lua::check_set(L, $input);"
// Other sets passed as arguments.
%typemap(in, fragment="hashset_lua") const hashset::HashSet&
  "$1 = hashset_lua::check_set(L, $input);"
%typemap(typecheck, precedence=SWIG_TYPECHECK_POINTER, fragment="hashset_lua") const hashset::HashSet&
  "$1 = hashset_lua::is_set(L, $input);"

%typemap(in, fragment="hashset_lua") std::int64_t "$1 = hashset_lua::check_int64(L, $input);"
%typemap(typecheck, precedence=SWIG_TYPECHECK_INT64) std::int64_t "$1 = lua_type(L, $input) == LUA_TNUMBER;"
%typemap(out) std::int64_t "lua_pushinteger(L, static_cast<lua_Integer>($1)); SWIG_arg++;"
%typemap(in, fragment="hashset_lua") std::size_t count "$1 = hashset_lua::check_count(L, $input);"
%typemap(out) std::size_t "lua_pushinteger(L, static_cast<lua_Integer>($1)); SWIG_arg++;"

// collect(): a sequence table of integers. (Only a Lua memory error, a
// longjmp, could skip the vector's destructor here.)
%typemap(out) std::vector<std::int64_t> {
  lua_createtable(L, static_cast<int>($1.size()), 0);
  lua_Integer i = 0;
  for (std::int64_t value : $1) {
    lua_pushinteger(L, static_cast<lua_Integer>(value));
    lua_rawseti(L, -2, ++i);
  }
  SWIG_arg++;
}

// Bulk calls and the constructor: a sequence table of integers, all validated first.
%typemap(in, fragment="hashset_lua") (const std::int64_t* values, std::size_t count)
  "$1 = ($1_ltype)hashset_lua::check_values(L, $input, &$2);"
%typemap(typecheck, precedence=SWIG_TYPECHECK_INT64_ARRAY) (const std::int64_t* values, std::size_t count)
  "$1 = lua_istable(L, $input);"

// The constructor's values (SWIG's int64_t is long long, glibc's is long).
%apply (const std::int64_t* values, std::size_t count) { (const void* int64_values, std::size_t count) };

// Serialized form: a Lua string both ways (strings are byte strings).
%typemap(out) std::vector<std::uint8_t> {
  lua_pushlstring(L, reinterpret_cast<const char*>($1.data()), $1.size());
  SWIG_arg++;
}
%typemap(in) (const std::uint8_t* data, std::size_t size) {
  luaL_checktype(L, $input, LUA_TSTRING);
  {
    std::size_t length = 0;
    $1 = ($1_ltype)lua_tolstring(L, $input, &length);
    $2 = length;
  }
}

// C++ exceptions: caught, recorded, and raised once the catch is over.
%define HASHSET_LUA_CATCH(NAME)
%exception NAME {
  hashset_lua::Failure failure_;
  try {
    $action
  } catch (...) {
    hashset_lua::record(&failure_);
  }
  if (failure_.failed) {
    lua_pushstring(L, failure_.message);
    SWIG_fail;
  }
}
%enddef
HASHSET_LUA_CATCH(hashset::HashSet::HashSet)
HASHSET_LUA_CATCH(hashset::HashSet::insert)
HASHSET_LUA_CATCH(hashset::HashSet::erase)
HASHSET_LUA_CATCH(hashset::HashSet::pop)
HASHSET_LUA_CATCH(hashset::HashSet::reserve)
HASHSET_LUA_CATCH(hashset::HashSet::insert_many)
HASHSET_LUA_CATCH(hashset::HashSet::erase_many)
HASHSET_LUA_CATCH(hashset::HashSet::update)
HASHSET_LUA_CATCH(hashset::HashSet::intersection_update)
HASHSET_LUA_CATCH(hashset::HashSet::difference_update)
HASHSET_LUA_CATCH(hashset::HashSet::symmetric_difference_update)
HASHSET_LUA_CATCH(hashset::HashSet::serialize)
HASHSET_LUA_CATCH(hashset::HashSet::copy)
HASHSET_LUA_CATCH(hashset::HashSet::union_of)
HASHSET_LUA_CATCH(hashset::HashSet::intersection_of)
HASHSET_LUA_CATCH(hashset::HashSet::difference_of)
HASHSET_LUA_CATCH(hashset::HashSet::symmetric_difference_of)
HASHSET_LUA_CATCH(hashset::HashSet::deserialize_bytes)

// A HashSet held by value in a wrapper (the result of union_with, ...) is
// constructed before the arguments are checked, and a raise would skip its
// destructor: hashset_protocol.i offers pointer-returning versions.
%ignore hashset::HashSet::union_with;
%ignore hashset::HashSet::intersection_with;
%ignore hashset::HashSet::difference_with;
%ignore hashset::HashSet::symmetric_difference_with;
%ignore hashset::HashSet::deserialize;
%rename("union") hashset::HashSet::union_of;
%rename("intersection") hashset::HashSet::intersection_of;
%rename("difference") hashset::HashSet::difference_of;
%rename("symmetric_difference") hashset::HashSet::symmetric_difference_of;
%rename("deserialize") hashset::HashSet::deserialize_bytes;
%newobject hashset::HashSet::union_of;
%newobject hashset::HashSet::intersection_of;
%newobject hashset::HashSet::difference_of;
%newobject hashset::HashSet::symmetric_difference_of;
%newobject hashset::HashSet::deserialize_bytes;
%newobject hashset::HashSet::copy;

// collect() is a plain lua_CFunction (hashset_protocol.i) that makes its
// table before the C++ vector exists; the typemap above serves any other
// vector result.
%ignore hashset::HashSet::collect;

// Iteration is `for x in s:iter() do` and pairs(s) (hashset_protocol.i):
// the C++ iterator class stays out of the Lua API.
%ignore hashset::HashSetIterator;

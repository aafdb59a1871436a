// Lua 5.4: the set protocol of hashset.HashSet.
//
//   local hashset = require "hashset"
//   local s = hashset.HashSet{1, 2, 3}       -- or HashSet(), HashSet(other)
//   s:insert(4); print(#s, s:contains(2), s)  -- 4  true  hashset.HashSet{1, 2, 3, 4}
//   for x in s:iter() do ... end             -- or: for x in pairs(s) do ... end
//   local u = s | t; local i = s & t; local d = s - t; local x = s ~ t
//   s == t (same elements), s <= t (subset), s < t (proper subset)
//   s:close()  -- or `local s <close> = ...`; otherwise the GC frees it
//
// Iteration raises "hashset: set changed during iteration" when the set
// changes during the loop, and "... closed during iteration" when it is
// closed meanwhile; a `break` frees the C++ iterator at once (the loop's
// closing value). Metamethods and the
// iterator are plain lua_CFunctions added to SWIG's class metatable by %init:
// SWIG's own wrappers check their argument count, and Lua calls __len and
// the binary operators with two arguments.

%extend hashset::HashSet {
  /// A set of the integers of a sequence table (all validated first).
  HashSet(const void* int64_values, std::size_t count) {
    auto* set = new hashset::HashSet();
    try {
      set->insert_many(static_cast<const std::int64_t*>(int64_values), count);
    } catch (...) {
      delete set;
      throw;
    }
    return set;
  }
  /// A new set with the same elements.
  hashset::HashSet* copy() const { return new hashset::HashSet(*$self); }
  hashset::HashSet* union_of(const hashset::HashSet& other) const {
    return new hashset::HashSet($self->union_with(other));
  }
  hashset::HashSet* intersection_of(const hashset::HashSet& other) const {
    return new hashset::HashSet($self->intersection_with(other));
  }
  hashset::HashSet* difference_of(const hashset::HashSet& other) const {
    return new hashset::HashSet($self->difference_with(other));
  }
  hashset::HashSet* symmetric_difference_of(const hashset::HashSet& other) const {
    return new hashset::HashSet($self->symmetric_difference_with(other));
  }
  /// Reads a set written by serialize() from a Lua string; raises
  /// "hashset: ..." for any other bytes.
  static hashset::HashSet* deserialize_bytes(const std::uint8_t* data, std::size_t size) {
    return new hashset::HashSet(hashset::HashSet::deserialize(data, size));
  }
}

%wrapper %{
namespace hashset_lua {

const char* const kIteratorType = "hashset.Iterator";

// A new HashSet object owning `set` (nullptr for now: the object exists
// before any C++ allocation, so a raise while making it leaks nothing).
swig_lua_userdata* new_set_object(lua_State* L) {
  static char placeholder;  // SWIG makes no object for a null pointer
  SWIG_NewPointerObj(L, &placeholder, SWIGTYPE_p_hashset__HashSet, 0);
  auto* object = static_cast<swig_lua_userdata*>(lua_touserdata(L, -1));
  object->ptr = nullptr;  // the GC's `delete nullptr` is harmless
  object->own = 1;
  return object;
}

// The operation of a binary operator, on two open sets.
enum Operation { kUnion, kIntersection, kDifference, kSymmetricDifference };

int binary(lua_State* L, Operation operation) {
  const hashset::HashSet* a = check_set(L, 1);
  const hashset::HashSet* b = check_set(L, 2);
  swig_lua_userdata* object = new_set_object(L);
  Failure failure;
  try {
    switch (operation) {
      case kUnion: object->ptr = new hashset::HashSet(a->union_with(*b)); break;
      case kIntersection: object->ptr = new hashset::HashSet(a->intersection_with(*b)); break;
      case kDifference: object->ptr = new hashset::HashSet(a->difference_with(*b)); break;
      case kSymmetricDifference:
        object->ptr = new hashset::HashSet(a->symmetric_difference_with(*b));
        break;
    }
  } catch (...) {
    record(&failure);
  }
  if (failure.failed) luaL_error(L, "%s", failure.message);
  return 1;
}

int bor(lua_State* L) { return binary(L, kUnion); }
int band(lua_State* L) { return binary(L, kIntersection); }
int sub(lua_State* L) { return binary(L, kDifference); }
int bxor(lua_State* L) { return binary(L, kSymmetricDifference); }

// #s (Lua passes the operand twice).
int len(lua_State* L) {
  lua_pushinteger(L, static_cast<lua_Integer>(check_set(L, 1)->size()));
  return 1;
}

// s == t: same elements. Lua only asks when both are userdata.
int eq(lua_State* L) {
  if (!is_set(L, 1) || !is_set(L, 2)) {
    lua_pushboolean(L, 0);
    return 1;
  }
  lua_pushboolean(L, check_set(L, 1)->equals(*check_set(L, 2)));
  return 1;
}

// s <= t: subset; s < t: proper subset.
int le(lua_State* L) {
  const hashset::HashSet* a = check_set(L, 1);
  lua_pushboolean(L, a->is_subset(*check_set(L, 2)));
  return 1;
}
int lt(lua_State* L) {
  const hashset::HashSet* a = check_set(L, 1);
  const hashset::HashSet* b = check_set(L, 2);
  lua_pushboolean(L, a->size() < b->size() && a->is_subset(*b));
  return 1;
}

// The elements as a sequence table, made before any C++ object exists: the
// stores into its preallocated slots never raise.
int push_elements(lua_State* L, const hashset::HashSet* set) {
  const std::size_t size = set->size();
  lua_createtable(L, static_cast<int>(size), 0);
  Failure failure;
  try {
    lua_Integer i = 0;
    for (std::int64_t value : set->collect()) {
      lua_pushinteger(L, static_cast<lua_Integer>(value));
      lua_rawseti(L, -2, ++i);
    }
  } catch (...) {
    record(&failure);
  }
  if (failure.failed) luaL_error(L, "%s", failure.message);
  return 1;
}

// tostring(s): "hashset.HashSet{1, 2, 3}", elements in ascending order.
int tostring(lua_State* L) {
  if (is_set(L, 1) && static_cast<swig_lua_userdata*>(lua_touserdata(L, 1))->ptr == nullptr) {
    lua_pushliteral(L, "hashset.HashSet (closed)");
    return 1;
  }
  push_elements(L, check_set(L, 1));
  const int elements = lua_gettop(L);
  lua_getglobal(L, "table");
  if (lua_getfield(L, -1, "sort") == LUA_TFUNCTION) {
    lua_pushvalue(L, elements);
    lua_call(L, 1, 0);
  } else {
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  luaL_Buffer buffer;
  luaL_buffinit(L, &buffer);
  luaL_addstring(&buffer, "hashset.HashSet{");
  const lua_Integer count = luaL_len(L, elements);
  for (lua_Integer i = 1; i <= count; ++i) {
    if (i > 1) luaL_addstring(&buffer, ", ");
    lua_geti(L, elements, i);
    luaL_addvalue(&buffer);
  }
  luaL_addchar(&buffer, '}');
  luaL_pushresult(&buffer);
  return 1;
}

// s:close() and `local s <close>`: frees the C++ set now; any later use
// raises "the set is closed". Closing twice is harmless.
int close(lua_State* L) {
  if (!is_set(L, 1)) luaL_typeerror(L, 1, "hashset.HashSet");
  auto* object = static_cast<swig_lua_userdata*>(lua_touserdata(L, 1));
  auto* set = static_cast<hashset::HashSet*>(object->ptr);
  const bool owned = object->own != 0;
  object->ptr = nullptr;
  object->own = 0;
  if (owned) delete set;
  return 0;
}

int is_closed(lua_State* L) {
  if (!is_set(L, 1)) luaL_typeerror(L, 1, "hashset.HashSet");
  lua_pushboolean(L, static_cast<swig_lua_userdata*>(lua_touserdata(L, 1))->ptr == nullptr);
  return 1;
}

// s:collect(): the elements as a sequence table (order unspecified).
int collect(lua_State* L) { return push_elements(L, check_set(L, 1)); }

// An iteration: a userdata owning a fail-fast C++ iterator, its user value
// the set object (to notice a close).
struct Iteration {
  hashset::HashSetIterator* iterator;
};

void finish(Iteration* iteration) {
  delete iteration->iterator;
  iteration->iterator = nullptr;
}

int iteration_gc(lua_State* L) {
  finish(static_cast<Iteration*>(luaL_checkudata(L, 1, kIteratorType)));
  return 0;
}

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

// The iterator function of the generic for: the next element (and `true`
// after it for pairs, like a table used as a set), or nil at the end.
int step(lua_State* L, bool with_true) {
  auto* iteration = static_cast<Iteration*>(luaL_checkudata(L, 1, kIteratorType));
  if (iteration->iterator == nullptr) return 0;
  lua_getiuservalue(L, 1, 1);  // the set object, which start() checked
  const void* pointer = static_cast<swig_lua_userdata*>(lua_touserdata(L, -1))->ptr;
  lua_pop(L, 1);
  if (pointer == nullptr) {
    finish(iteration);
    return luaL_error(L, "hashset: the set was closed during iteration");
  }
  std::int64_t value = 0;
  switch (next(iteration->iterator, &value)) {
    case kValue:
      lua_pushinteger(L, static_cast<lua_Integer>(value));
      if (!with_true) return 1;
      lua_pushboolean(L, 1);
      return 2;
    case kDone:
      finish(iteration);
      return 0;
    case kChanged:
      break;
  }
  finish(iteration);
  return luaL_error(L, "hashset: set changed during iteration");
}
int step_value(lua_State* L) { return step(L, false); }
int step_pair(lua_State* L) { return step(L, true); }

// Pushes step function, state (the iteration), nil, and the iteration again
// as the for loop's closing value (a `break` frees the C++ iterator at once).
int start(lua_State* L, lua_CFunction function) {
  const hashset::HashSet* set = check_set(L, 1);
  lua_pushcfunction(L, function);
  auto* iteration = static_cast<Iteration*>(lua_newuserdatauv(L, sizeof(Iteration), 1));
  iteration->iterator = nullptr;
  luaL_setmetatable(L, kIteratorType);
  lua_pushvalue(L, 1);
  lua_setiuservalue(L, -2, 1);
  Failure failure;
  try {
    iteration->iterator = new hashset::HashSetIterator(*set);
  } catch (...) {
    record(&failure);
  }
  if (failure.failed) luaL_error(L, "%s", failure.message);
  lua_pushnil(L);
  lua_pushvalue(L, -2);
  return 4;
}
// for x in s:iter() do ... end
int iter(lua_State* L) { return start(L, step_value); }
// for x, present in pairs(s) do ... end (Lua 5.4 still honours __pairs; it keeps 3 values)
int pairs(lua_State* L) { return start(L, step_pair); }

const luaL_Reg metamethods[] = {
    {"__len", len},   {"__eq", eq},     {"__le", le},     {"__lt", lt},
    {"__bor", bor},   {"__band", band}, {"__sub", sub},   {"__bxor", bxor},
    {"__tostring", tostring},           {"__close", close},
    {"__pairs", pairs},
    {nullptr, nullptr}};

const luaL_Reg methods[] = {
    {"close", close}, {"is_closed", is_closed}, {"iter", iter}, {"collect", collect},
    {nullptr, nullptr}};

const luaL_Reg iteration_methods[] = {
    {"__gc", iteration_gc}, {"__close", iteration_gc}, {nullptr, nullptr}};

}  // namespace hashset_lua
%}

%init %{
  {
    // SWIG's class metatable of HashSet: add the metamethods, and the
    // methods to its `.fn` table (where SWIG's __index finds methods).
    auto* klass = static_cast<swig_lua_class*>(SWIGTYPE_p_hashset__HashSet->clientdata);
    SWIG_Lua_get_class_metatable(L, klass->fqname);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &hashset_lua::class_metatable_key);
    luaL_setfuncs(L, hashset_lua::metamethods, 0);
    lua_pushliteral(L, "hashset.HashSet");
    lua_setfield(L, -2, "__name");
    lua_getfield(L, -1, ".fn");
    luaL_setfuncs(L, hashset_lua::methods, 0);
    lua_pop(L, 2);
    luaL_newmetatable(L, hashset_lua::kIteratorType);
    luaL_setfuncs(L, hashset_lua::iteration_methods, 0);
    lua_pop(L, 1);
  }
%}

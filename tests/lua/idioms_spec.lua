-- The Lua protocol of hashset.HashSet, checked against a Lua table used as a
-- set ({[x] = true}) as the oracle.
package.cpath = assert(os.getenv("HASHSET_LUA_PATH"), "HASHSET_LUA_PATH is not set") .. "/?.so;" .. package.cpath
local hashset = require "hashset"
local HashSet = hashset.HashSet

-- The oracle: a table used as a set.
local function keys(t)
  local list = {}
  for k in pairs(t) do list[#list + 1] = k end
  table.sort(list)
  return list
end

local function sorted(list)
  local copy = table.move(list, 1, #list, 1, {})
  table.sort(copy)
  return copy
end

local function oracle_of(list)
  local t = {}
  for _, v in ipairs(list) do t[v] = true end
  return t
end

local function count(t)
  local n = 0
  for _ in pairs(t) do n = n + 1 end
  return n
end

-- The set's elements, sorted, checked to be Lua integers.
local function contents(set)
  local list = set:collect()
  for _, v in ipairs(list) do assert.are.equal("integer", math.type(v)) end
  return sorted(list)
end

local edges = { math.mininteger, math.maxinteger, -1, 0, 1, (1 << 53) - 1, (1 << 53) + 1, -(1 << 53) - 1 }

describe("integers", function()
  it("round-trip every int64 edge bit-exactly, as Lua integers", function()
    local set = HashSet(edges)
    assert.are.same(keys(oracle_of(edges)), contents(set))
    for _, v in ipairs(edges) do
      assert.is_true(set:contains(v))
      assert.are.equal(oracle_of(edges)[v ~ 2] ~= nil, set:contains(v ~ 2))
    end
    assert.is_false(set:contains(1 << 53))
    local popped = {}
    while not set:empty() do
      local v = set:pop()
      assert.are.equal("integer", math.type(v))
      popped[#popped + 1] = v
    end
    assert.are.same(sorted(edges), sorted(popped))
  end)

  it("size and # are integers", function()
    local set = HashSet{ 1, 2 }
    assert.are.equal("integer", math.type(set:size()))
    assert.are.equal("integer", math.type(#set))
    assert.are.equal(2, #set)
  end)

  it("accept floats with an exact integer value, like a table key does", function()
    local set, oracle = HashSet(), {}
    for _, v in ipairs{ 2.0, -0.0, 2.0 ^ 62, -2.0 ^ 63 } do
      set:insert(v)
      oracle[v] = true
    end
    assert.are.same(keys(oracle), contents(set))
    assert.is_true(set:contains(math.mininteger))
    assert.is_true(set:contains(1 << 62))
  end)

  local bad = {
    { 1.5, "has no integer representation" },
    { -0.5, "has no integer representation" },
    { 0 / 0, "has no integer representation" },
    { 2.0 ^ 63, "out of the int64 range" },
    { -2.0 ^ 64, "out of the int64 range" },
    { math.huge, "out of the int64 range" },
    { -math.huge, "out of the int64 range" },
    { "abc", "integer expected, got string" },
    { "1", "integer expected, got string" },
    { true, "integer expected, got boolean" },
    { {}, "integer expected, got table" },
    { print, "integer expected, got function" },
  }
  for _, case in ipairs(bad) do
    local value, message = case[1], case[2]
    it("reject " .. tostring(value) .. " with a Lua error, set unchanged", function()
      local set = HashSet{ 1, 2 }
      for _, method in ipairs{ "insert", "contains", "erase" } do
        local ok, err = pcall(set[method], set, value)
        assert.is_false(ok)
        assert.are.equal("string", type(err))
        assert.is_truthy(err:find(message, 1, true), err)
      end
      for _, method in ipairs{ "insert_many", "erase_many" } do
        local ok, err = pcall(set[method], set, { 7, 1, value, 8 })
        assert.is_false(ok)
        assert.is_truthy(err:find("element 3: ", 1, true), err)
        assert.is_truthy(err:find(message, 1, true), err)
      end
      assert.has_error(function() HashSet{ 5, value } end)
      assert.are.same({ 1, 2 }, contents(set))
    end)
  end

  it("reject nil, also inside a packed list", function()
    local set = HashSet{ 1 }
    assert.has_error(function() set:insert(nil) end, "bad argument #1 to 'insert' (integer expected, got nil)")
    assert.has_error(function() set:insert() end)
    local ok, err = pcall(set.insert_many, set, table.pack(3, nil))
    assert.is_false(ok)
    assert.is_truthy(err:find("element 2: integer expected, got nil", 1, true), err)
    assert.are.same({ 1 }, contents(set))
  end)

  it("reject bad counts for reserve", function()
    local set = HashSet{ 1 }
    assert.has_error(function() set:reserve(-1) end)
    assert.has_error(function() set:reserve(1.5) end)
    assert.has_error(function() set:reserve(math.maxinteger) end)
    set:reserve(1000)
    assert.are.same({ 1 }, contents(set))
  end)
end)

describe("against a table-as-set oracle", function()
  it("agrees over a random sequence of operations", function()
    local rng_state = 12345
    local function random(n)
      rng_state = (rng_state * 6364136223846793005 + 1442695040888963407)
      return ((rng_state >> 33) % n) + 1
    end
    local set, oracle = HashSet(), {}
    for _ = 1, 3000 do
      local v = random(200) - 100
      if v == 7 then v = math.mininteger elseif v == 8 then v = math.maxinteger end
      local op = random(6)
      if op <= 2 then
        assert.are.equal(oracle[v] == nil, set:insert(v))
        oracle[v] = true
      elseif op == 3 then
        assert.are.equal(oracle[v] ~= nil, set:erase(v))
        oracle[v] = nil
      elseif op == 4 then
        assert.are.equal(oracle[v] ~= nil, set:contains(v))
      elseif op == 5 then
        local values = { v, v + 1, v - 1, v }
        local new = {}
        for _, w in ipairs(values) do if not oracle[w] then new[w] = true end end
        assert.are.equal(count(new), set:insert_many(values))
        for _, w in ipairs(values) do oracle[w] = true end
      else
        local values = { v, v + 2 }
        local present = {}
        for _, w in ipairs(values) do if oracle[w] then present[w] = true end end
        assert.are.equal(count(present), set:erase_many(values))
        for _, w in ipairs(values) do oracle[w] = nil end
      end
      assert.are.equal(count(oracle), #set)
    end
    assert.are.same(keys(oracle), contents(set))
    local seen = {}
    for x in set:iter() do
      assert.is_nil(seen[x])
      seen[x] = true
    end
    assert.are.same(keys(oracle), keys(seen))
  end)

  it("set algebra methods and operators agree with the oracle", function()
    local a_list, b_list = { 1, 2, 3, 4, math.mininteger }, { 3, 4, 5, math.maxinteger }
    local a, b = HashSet(a_list), HashSet(b_list)
    local oa, ob = oracle_of(a_list), oracle_of(b_list)
    local union, inter, diff, sym = {}, {}, {}, {}
    for k in pairs(oa) do union[k] = true; if ob[k] then inter[k] = true else diff[k] = true; sym[k] = true end end
    for k in pairs(ob) do union[k] = true; if not oa[k] then sym[k] = true end end
    assert.are.same(keys(union), contents(a:union(b)))
    assert.are.same(keys(union), contents(a | b))
    assert.are.same(keys(inter), contents(a:intersection(b)))
    assert.are.same(keys(inter), contents(a & b))
    assert.are.same(keys(diff), contents(a:difference(b)))
    assert.are.same(keys(diff), contents(a - b))
    assert.are.same(keys(sym), contents(a:symmetric_difference(b)))
    assert.are.same(keys(sym), contents(a ~ b))
    assert.are.same(keys(oa), contents(a))  -- operands unchanged
    assert.are.same(keys(ob), contents(b))
    local x = a:copy(); x:update(b); assert.are.same(keys(union), contents(x))
    x = a:copy(); x:intersection_update(b); assert.are.same(keys(inter), contents(x))
    x = a:copy(); x:difference_update(b); assert.are.same(keys(diff), contents(x))
    x = a:copy(); x:symmetric_difference_update(b); assert.are.same(keys(sym), contents(x))
    assert.has_error(function() return a | { 1 } end)
    assert.has_error(function() return 1 & a end)
  end)

  it("== compares contents; <= and < are subset and proper subset", function()
    local a, b = HashSet{ 1, 2 }, HashSet{ 2, 1 }
    assert.is_true(a == b)
    assert.is_false(rawequal(a, b))
    assert.is_false(a ~= b)
    b:insert(3)
    assert.is_false(a == b)
    assert.is_true(a <= b and a < b and b >= a and b > a)
    assert.is_false(b <= a or a < a)
    assert.is_true(a <= a)
    assert.is_false(a == io.stdout)
    assert.is_true(a:is_subset(b) and b:is_superset(a) and not a:is_disjoint(b))
  end)

  it("tostring lists the elements in order", function()
    assert.are.equal("hashset.HashSet{}", tostring(HashSet()))
    assert.are.equal("hashset.HashSet{-9223372036854775808, -1, 3}", tostring(HashSet{ 3, -1, math.mininteger }))
  end)

  it("constructs from a table, another set, or nothing", function()
    local a = HashSet{ 1, 2, 2 }
    local b = HashSet(a)
    b:insert(9)
    assert.are.same({ 1, 2 }, contents(a))
    assert.are.same({ 1, 2, 9 }, contents(b))
    assert.are.equal(0, #HashSet())
    assert.are.equal(2, #HashSet(table.pack(5, 6)))
  end)

  it("serializes to a Lua string and back", function()
    local set = HashSet(edges)
    local bytes = set:serialize()
    assert.are.equal("string", type(bytes))
    assert.are.equal("HSET", bytes:sub(1, 4))
    assert.is_true(HashSet.deserialize(bytes) == set)
    assert.has_error(function() HashSet.deserialize(bytes:sub(1, -2)) end)
    assert.has_error(function() HashSet.deserialize(42) end)
  end)

  it("pop on an empty set raises and changes nothing", function()
    local set = HashSet()
    assert.has_error(function() set:pop() end, "hashset: pop from an empty set")
    assert.are.equal(0, #set)
  end)
end)

describe("iteration", function()
  it("for x in s:iter() and pairs(s) yield every element once", function()
    local list = { 5, -5, math.maxinteger, 0 }
    local set = HashSet(list)
    local seen = {}
    for x in set:iter() do seen[#seen + 1] = x end
    assert.are.same(sorted(list), sorted(seen))
    local as_table = {}
    for x, present in pairs(set) do
      assert.is_true(present)
      as_table[x] = present
    end
    assert.are.same(oracle_of(list), as_table)
  end)

  for _, mutation in ipairs{ "insert", "erase", "clear", "update" } do
    it("raises when the set changes (" .. mutation .. ") during the loop", function()
      local set = HashSet{ 1, 2, 3 }
      local other = HashSet{ 10 }
      local steps = 0
      local ok, err = pcall(function()
        for x in set:iter() do
          steps = steps + 1
          if mutation == "insert" then set:insert(100)
          elseif mutation == "erase" then set:erase(x)
          elseif mutation == "clear" then set:clear()
          else set:update(other) end
        end
      end)
      assert.is_false(ok)
      assert.is_truthy(tostring(err):find("set changed during iteration", 1, true), err)
      assert.are.equal(1, steps)
    end)
  end

  it("a change that does nothing (inserting an element) is no change", function()
    local set = HashSet{ 1, 2, 3 }
    local n = 0
    for x in set:iter() do set:insert(x); n = n + 1 end
    assert.are.equal(3, n)
  end)

  it("pairs raises too", function()
    local set = HashSet{ 1, 2 }
    assert.has_error(function() for x in pairs(set) do set:erase(x == 1 and 2 or 1) end end)
  end)

  it("raises when the set is closed during the loop", function()
    local set = HashSet{ 1, 2, 3 }
    local ok, err = pcall(function() for _ in set:iter() do set:close() end end)
    assert.is_false(ok)
    assert.is_truthy(tostring(err):find("closed", 1, true), err)
  end)

  it("an exhausted iterator stays exhausted; break is fine", function()
    local set = HashSet{ 1, 2 }
    local step, state = set:iter()
    assert.is_not_nil(step(state))
    assert.is_not_nil(step(state))
    assert.is_nil(step(state))
    set:insert(3)
    assert.is_nil(step(state))
    for _ in set:iter() do break end
    collectgarbage()
    assert.are.equal(3, #set)
  end)
end)

describe("lifetime", function()
  it("close frees the set; any later use raises, never crashes", function()
    local set = HashSet{ 1, 2 }
    assert.is_false(set:is_closed())
    set:close()
    assert.is_true(set:is_closed())
    set:close()  -- harmless twice
    for _, call in ipairs{
      function() return set:insert(1) end,
      function() return set:contains(1) end,
      function() return set:size() end,
      function() return #set end,
      function() return set:collect() end,
      function() return set:pop() end,
      function() return set:serialize() end,
      function() return set:copy() end,
      function() return set | HashSet() end,
      function() return HashSet() & set end,
      function() return set:iter() end,
      function() return HashSet{ 1 }:update(set) end,
      function() return HashSet(set) end,
      function() return set == HashSet() end,
    } do
      local ok, err = pcall(call)
      assert.is_false(ok)
      assert.is_truthy(tostring(err):find("closed", 1, true), err)
    end
    assert.are.equal("hashset.HashSet (closed)", tostring(set))
  end)

  it("local s <close> closes at the end of the block", function()
    local kept
    do
      local set <close> = HashSet{ 1 }
      kept = set
      assert.is_false(set:is_closed())
    end
    assert.is_true(kept:is_closed())
  end)

  it("wrong receivers raise", function()
    local set = HashSet{ 1 }
    assert.has_error(function() set.insert(nil, 1) end)
    assert.has_error(function() set.insert({}, 1) end)
    assert.has_error(function() set.union(set, { 1 }) end)
  end)

  it("the garbage collector frees sets and iterators", function()
    collectgarbage()
    local before = collectgarbage("count")
    for _ = 1, 200 do
      local set = HashSet{ 1, 2, 3 }
      for _ in set:iter() do end
      local _ = set | set
    end
    collectgarbage()
    collectgarbage()
    assert.is_true(collectgarbage("count") < before + 64)
  end)

  it("dropping the last reference mid-loop finishes the loop", function()
    local values = {}
    for i = 1, 1000 do values[i] = i * 7919 - 3000 end
    for _, start in ipairs{ "iter", "pairs" } do
      local set = HashSet(values)
      local step, state
      if start == "iter" then step, state = set:iter() else step, state = pairs(set) end
      local rest = oracle_of(values)
      local first = step(state)
      assert.is_true(rest[first])
      rest[first] = nil
      set = nil
      collectgarbage()
      collectgarbage()
      local seen = {}
      for value in step, state do seen[#seen + 1] = value end
      assert.are.equal(count(rest), #seen, start .. ": each remaining element once")
      assert.are.same(keys(rest), sorted(seen))
    end
  end)

  it("the process exits cleanly with live sets", function()
    -- The interpreter that runs busted (arg[-1]), with this test's environment;
    -- -W turns on warnings, where Lua reports an error raised in a finalizer.
    local interpreter = assert(arg[-1], "no interpreter in arg[-1]")
    local script, stderr = os.tmpname(), os.tmpname()
    local file = assert(io.open(script, "w"))
    file:write([[
      package.cpath = os.getenv("HASHSET_LUA_PATH") .. "/?.so;" .. package.cpath
      local HashSet = require("hashset").HashSet
      live = {}
      for i = 0, 49 do
        local values = {}
        for j = 1, i * 100 do values[j] = j end
        local set = HashSet(values)
        local step, state = set:iter()
        step(state)
        live[#live + 1] = { set, step, state }
      end
      local large = HashSet()
      for j = 1, 1000000 do large:insert(j) end
      local step, state = pairs(large)
      step(state)
      live[#live + 1] = { step, state }
      local closed = HashSet{ 1, 2, 3 }
      live[#live + 1] = { closed:iter() }
      closed:close()
      local cycle = { HashSet{ 7 } }
      cycle[2] = cycle
      -- Finalized at exit before its set (reverse order of creation): the set is still usable.
      setmetatable(cycle, { __gc = function(t) assert(t[1]:contains(7)) end })
      print("live sets left at exit")
    ]])
    file:close()
    local output = io.popen(string.format("%q -W %q 2>%q", interpreter, script, stderr))
    local stdout = output:read("a")
    local ok, how, status = output:close()
    local errors = io.open(stderr):read("a")
    os.remove(script)
    os.remove(stderr)
    assert.are.equal("", errors)
    assert.are.same({ true, "exit", 0 }, { ok, how, status })
    assert.are.equal("live sets left at exit\n", stdout)
  end)
end)

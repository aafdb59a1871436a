-- Replays tests/conformance/spec.txt (path in HASHSET_SPEC) against the Lua
-- binding: one busted test per case, every statement checked in order.
--
-- Not applicable in Lua: a `big:N` token whose nearest Lua number (the float
-- a literal N becomes) is an exact int64, e.g. -9223372036854775809 rounds to
-- -2^63, a valid element. Lua cannot express that value at all.
package.cpath = assert(os.getenv("HASHSET_LUA_PATH"), "HASHSET_LUA_PATH is not set") .. "/?.so;" .. package.cpath
local hashset = require "hashset"
local HashSet = hashset.HashSet

local spec_path = assert(os.getenv("HASHSET_SPEC"), "HASHSET_SPEC is not set")

-- What each error:KIND message must contain.
local error_patterns = {
  range = { "out of the int64 range" },
  type = { "integer expected", "has no integer representation" },
  empty = { "pop from an empty set" },
  concurrent = { "set changed during iteration" },
  format = { "not a serialized set" },
  closed = { "the set is closed", "the set was closed during iteration" },
}

local NOT_APPLICABLE = {}

-- A token as a Lua value (NOT_APPLICABLE when Lua has no such value).
local function value_of(token)
  local text = token:match("^big:(.*)$")
  if text then
    local number = tonumber(text)
    assert(math.type(number) == "float", "big value parsed as an integer: " .. token)
    if math.tointeger(number) ~= nil then return NOT_APPLICABLE end
    return number
  end
  text = token:match("^float:(.*)$")
  if text then return assert(tonumber(text) + 0.0) end
  text = token:match("^str:(.*)$")
  if text then return text end
  if token == "null" then return nil end
  local integer = math.tointeger(tonumber(token))
  assert(integer ~= nil, "not an integer token: " .. token)
  return integer
end

-- Parses a statement: words before `->`, list arguments as packed tables.
local function parse(line)
  local words, expected = {}, nil
  local tokens = {}
  for token in line:gmatch("%S+") do tokens[#tokens + 1] = token end
  local i = 1
  while i <= #tokens do
    local token = tokens[i]
    if token == "->" then
      local rest = {}
      for j = i + 1, #tokens do rest[#rest + 1] = tokens[j] end
      expected = rest
      break
    elseif token == "[" then
      local list = { n = 0, tokens = {} }
      i = i + 1
      while tokens[i] ~= "]" do
        list.n = list.n + 1
        list.tokens[list.n] = tokens[i]
        i = i + 1
      end
      words[#words + 1] = list
    else
      words[#words + 1] = token
    end
    i = i + 1
  end
  return words, expected
end

-- A packed table of the list's values, or NOT_APPLICABLE.
local function list_values(list)
  local values = { n = list.n }
  for i = 1, list.n do
    local value = value_of(list.tokens[i])
    if value == NOT_APPLICABLE then return NOT_APPLICABLE end
    values[i] = value
  end
  return values
end

local function to_hex(bytes)
  return (bytes:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end

local function from_hex(hex)
  return (hex:gsub("%x%x", function(pair) return string.char(tonumber(pair, 16)) end))
end

local function sorted(list)
  local copy = {}
  for i, v in ipairs(list) do
    assert(math.type(v) == "integer", "element is not a Lua integer: " .. tostring(v))
    copy[i] = v
  end
  table.sort(copy)
  return copy
end

local function elements_of(set)
  local list = {}
  for x in set:iter() do list[#list + 1] = x end
  return list
end

local function run(sets, op, name, argument)
  local set = sets[name]
  if op == "insert" or op == "contains" or op == "erase" or op == "reserve" then
    if argument == NOT_APPLICABLE then return NOT_APPLICABLE end
    return set[op](set, argument)
  elseif op == "insert_many" or op == "erase_many" then
    local values = list_values(argument)
    if values == NOT_APPLICABLE then return NOT_APPLICABLE end
    return set[op](set, values)
  elseif op == "size" then
    local size = set:size()
    assert.are.equal(size, #set)
    return size
  elseif op == "empty" or op == "clear" or op == "pop" or op == "collect" then
    return set[op](set)
  elseif op == "iterate" then
    return elements_of(set)
  elseif op == "iterate_then_insert" then
    local step, state, control = set:iter()
    assert.is_not_nil(step(state, control))
    set:insert(argument)
    return step(state, control)
  elseif op == "iterate_then_close" then
    local step, state, control = set:iter()
    assert.is_not_nil(step(state, control))
    set:close()
    return step(state, control)
  elseif op == "close" then
    return set:close()
  elseif op == "copy" then
    sets[argument] = set:copy()
    return nil
  elseif op == "equals" or op == "is_subset" or op == "is_superset" or op == "is_disjoint" then
    return set[op](set, sets[argument])
  elseif op == "union" or op == "intersection" or op == "difference" or op == "symmetric_difference" then
    return set[op](set, sets[argument]):collect()
  elseif op == "update" or op == "intersection_update" or op == "difference_update"
      or op == "symmetric_difference_update" then
    return set[op](set, sets[argument])
  elseif op == "serialize" then
    return "hex:" .. to_hex(set:serialize())
  end
  error("unknown operation " .. op)
end

local function check_result(expected, result, where)
  local first = expected[1]
  if first == "true" or first == "false" then
    assert.are.equal(first == "true", result, where)
  elseif first == "[" then
    local want = {}
    for i = 2, #expected - 1 do want[#want + 1] = value_of(expected[i]) end
    assert.are.same(sorted(want), sorted(result), where)
  elseif first:match("^hex:") then
    assert.are.equal(first, result, where)
  else
    local want = value_of(first)
    assert.are.equal("integer", math.type(result), where)
    assert.are.equal(want, result, where)
  end
end

-- The cases of the spec, in order.
local cases = {}
local line_number = 0
for line in io.lines(spec_path) do
  line_number = line_number + 1
  line = line:gsub("#.*$", "")
  if line:match("%S") then
    local name = line:match("^case%s+(%S+)")
    if name then
      cases[#cases + 1] = { name = name, statements = {} }
    else
      local statements = assert(cases[#cases], "statement before any case").statements
      statements[#statements + 1] = { line = line, number = line_number }
    end
  end
end

local totals = { run = 0, not_applicable = 0 }

describe("conformance spec " .. spec_path, function()
  for _, case in ipairs(cases) do
    it(case.name, function()
      local sets = {}
      for _, statement in ipairs(case.statements) do
        local where = ("spec line %d: %s"):format(statement.number, statement.line)
        local words, expected = parse(statement.line)
        local op = words[1]
        if op == "new" then
          if words[3] then
            sets[words[2]] = HashSet(list_values(words[3]))
          else
            sets[words[2]] = HashSet()
          end
          totals.run = totals.run + 1
        elseif op == "deserialize" then
          local hex = assert(words[3]:match("^hex:(%x*)$"), where)
          local ok, result = pcall(HashSet.deserialize, from_hex(hex))
          if expected then
            local kind = expected[1]:match("^error:(%w+)$")
            assert.is_false(ok, where)
            assert.is_truthy(kind, where)
            local matched = false
            for _, pattern in ipairs(error_patterns[kind]) do
              matched = matched or tostring(result):find(pattern, 1, true) ~= nil
            end
            assert.is_true(matched, where .. " raised: " .. tostring(result))
          else
            assert.is_true(ok, where .. " raised: " .. tostring(result))
            sets[words[2]] = result
          end
          totals.run = totals.run + 1
        else
          local name = words[2]
          assert.is_not_nil(sets[name], where)
          local argument = words[3]
          if type(argument) == "string" and op ~= "copy" and not sets[argument] then
            argument = value_of(argument)
          end
          local kind = expected and expected[1]:match("^error:(%w+)$")
          local ok, result = pcall(run, sets, op, name, argument)
          if ok and result == NOT_APPLICABLE then
            totals.not_applicable = totals.not_applicable + 1
          elseif kind then
            assert.is_false(ok, where .. " did not raise")
            local matched = false
            for _, pattern in ipairs(error_patterns[kind]) do
              matched = matched or tostring(result):find(pattern, 1, true) ~= nil
            end
            assert.is_true(matched, where .. " raised: " .. tostring(result))
            totals.run = totals.run + 1
          else
            assert.is_true(ok, where .. " raised: " .. tostring(result))
            if expected then check_result(expected, result, where) end
            totals.run = totals.run + 1
          end
        end
      end
    end)
  end

  it("ran every statement (or counted it as not applicable)", function()
    local statements = 0
    for _, case in ipairs(cases) do statements = statements + #case.statements end
    print(("# spec: %d statements run, %d not applicable in Lua"):format(totals.run, totals.not_applicable))
    assert.are.equal(statements, totals.run + totals.not_applicable)
    assert.is_true(totals.run > 100)
  end)
end)

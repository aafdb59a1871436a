-- Leaks over time (docs/reliability.md): many create/fill/iterate/destroy
-- cycles, half the sets closed and half left to the garbage collector, with
-- the error paths taken; resident memory must stay flat.
-- HASHSET_LONG=1 selects the long profile.
package.cpath = assert(os.getenv("HASHSET_LUA_PATH"), "HASHSET_LUA_PATH is not set") .. "/?.so;" .. package.cpath
local hashset = require "hashset"
local HashSet = hashset.HashSet

local LONG = os.getenv("HASHSET_LONG") == "1"

local function rss_bytes()
  local statm = assert(io.open("/proc/self/statm"))
  local _, resident = statm:read("n", "n")
  statm:close()
  return resident * 4096
end

-- The error a call raises, or fails when it raises none.
local function fails(f, ...)
  local ok, err = pcall(f, ...)
  assert(not ok, "no error")
  return tostring(err)
end

-- One cycle: sets built every way, iterated fully, partly and past a change,
-- every error path taken; the sets of odd cycles and the partial iterator are
-- left to the GC.
local function cycle(i)
  local set = HashSet{ i, i + 1, i + 2, i + 3 }
  set:insert_many{ -i, i % 64, i % 64 }
  local sum = 0
  for v in set:iter() do sum = sum + v end
  local copy = set:copy()
  copy:update(set)
  local union = set | HashSet{ i + 100 }
  local restored = HashSet.deserialize(union:serialize())
  assert(copy == set and restored == union and math.type(sum) == "integer", "cycle " .. i)
  for _ in restored:iter() do break end -- a partial iteration
  local step, state = copy:iter()
  step(state)
  assert(fails(function() copy:insert(i + 200); step(state) end):find("changed during iteration", 1, true))
  fails(HashSet.deserialize, "\1\2\3")
  local empty = HashSet{}
  assert(fails(empty.pop, empty):find("empty", 1, true))
  empty:close()
  assert(fails(empty.pop, empty):find("closed", 1, true))
  if i % 2 == 0 then
    set:close()
    copy:close()
    union:close()
    restored:close()
  end
end

describe("leaks over time", function()
  it("create/fill/iterate/destroy cycles keep resident memory flat", function()
    -- One leaked set per cycle (of six) would cost about 10 MiB even in the
    -- short profile.
    local bound = 8 << 20
    local warm_up, cycles = 10000, 50000
    if LONG then warm_up, cycles = 100000, 1000000 end
    for i = 1, warm_up do cycle(i) end
    collectgarbage("collect")
    local before = rss_bytes()
    local began = os.clock()
    local checkpoints = {}
    for i = 1, cycles do
      cycle(i)
      if i % (cycles // 5) == 0 then checkpoints[#checkpoints + 1] = (rss_bytes() - before) // 1024 end
    end
    collectgarbage("collect")
    local growth = rss_bytes() - before
    print(string.format("leaks: %d cycles in %.1f s (CPU), resident growth %d KiB (checkpoints, KiB: %s)",
                        cycles, os.clock() - began, growth // 1024, table.concat(checkpoints, " ")))
    assert.is_true(growth < bound, "resident memory grew by " .. growth // 1024 .. " KiB")
  end)
end)

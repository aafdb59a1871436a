// libFuzzer harness: the core API driven by the fuzz input, checked step by
// step against std::unordered_set. Two sets (so that set algebra, aliasing
// and comparisons are exercised) and one fail-fast iterator at a time.
//
// What is checked, after every operation: contents, size, return values,
// exceptions (pop on empty, iterator errors), serialize/deserialize round
// trips, and the iterator contract: an iterator whose set's contents changed
// must throw ConcurrentModificationError; one whose set did not change must
// not (calls that only may reorganise the table, such as reserve or copy
// assignment, are allowed either way); an iterator stays valid after its set
// is destroyed; next() and next_batch() never repeat an element nor invent
// one; remove_returned() removes an element already returned and refuses
// any other value, leaving the set unchanged.
#include <hashset/hash_set.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <unordered_set>
#include <utility>
#include <vector>

namespace {

using hashset::HashSet;
using hashset::HashSetIterator;
using Oracle = std::unordered_set<std::int64_t>;

#define CHECK(condition)                                                          \
  do {                                                                            \
    if (!(condition)) {                                                           \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                               \
    }                                                                             \
  } while (0)

std::vector<std::int64_t> sorted(std::vector<std::int64_t> values) {
  std::sort(values.begin(), values.end());
  return values;
}
std::vector<std::int64_t> sorted(const Oracle& oracle) {
  return sorted(std::vector<std::int64_t>(oracle.begin(), oracle.end()));
}

// Mostly small values (so that sets collide), sometimes edges or any int64.
std::int64_t value(FuzzedDataProvider& input) {
  switch (input.ConsumeIntegralInRange<int>(0, 7)) {
    case 0:
      return input.ConsumeIntegral<std::int64_t>();
    case 1: {
      static constexpr std::int64_t edges[] = {std::numeric_limits<std::int64_t>::min(),
                                               std::numeric_limits<std::int64_t>::min() + 1, -1, 0,
                                               1, std::numeric_limits<std::int64_t>::max() - 1,
                                               std::numeric_limits<std::int64_t>::max()};
      return edges[input.ConsumeIntegralInRange<int>(0, 6)];
    }
    default:
      return input.ConsumeIntegralInRange<std::int64_t>(-40, 40);
  }
}

std::vector<std::int64_t> values(FuzzedDataProvider& input) {
  std::vector<std::int64_t> result(input.ConsumeIntegralInRange<std::size_t>(0, 24));
  for (auto& v : result) v = value(input);
  return result;
}

enum class Stale { no, may, must };

struct Iteration {
  std::unique_ptr<HashSetIterator> iterator;
  int set = -1;        // index of its set, -1 once that set was destroyed
  Oracle expected;     // elements it may still return (a snapshot, kept by remove())
  Oracle seen;
  Stale stale = Stale::no;
  bool exhausted = false;
  bool broken = false;  // threw ConcurrentModificationError once
  bool can_remove = false;
  std::int64_t last = 0;  // the element last returned
};

struct World {
  std::unique_ptr<HashSet> sets[2] = {std::make_unique<HashSet>(), std::make_unique<HashSet>()};
  Oracle oracles[2];
  std::optional<Iteration> iteration;

  void check(int i) const {
    CHECK(sets[i]->size() == oracles[i].size());
    CHECK(sets[i]->empty() == oracles[i].empty());
    CHECK(sorted(sets[i]->collect()) == sorted(oracles[i]));
  }

  // Records that set `i` was possibly changed: `before` is its oracle before the call.
  void changed(int i, const Oracle& before, bool conservative = false) {
    if (!iteration || iteration->set != i || iteration->exhausted) return;
    if (before != oracles[i]) {
      iteration->stale = Stale::must;
    } else if (conservative && iteration->stale == Stale::no) {
      iteration->stale = Stale::may;
    }
  }
};

void step_iterator(World& world, FuzzedDataProvider& input) {
  auto& it = world.iteration;
  switch (input.ConsumeIntegralInRange<int>(0, 6)) {
    case 0: {  // a new iterator
      const int i = input.ConsumeBool() ? 1 : 0;
      it.emplace();
      it->iterator = std::make_unique<HashSetIterator>(*world.sets[i]);
      it->set = i;
      it->expected = world.oracles[i];
      CHECK(it->iterator->remaining() == world.oracles[i].size());
      return;
    }
    case 1:
    case 2: {  // next()
      if (!it) return;
      if (it->exhausted) {
        bool finished = false;
        try {
          it->iterator->next();
        } catch (const std::out_of_range&) {
          finished = true;
        }
        CHECK(finished);
        CHECK(!it->iterator->has_next());
        return;
      }
      try {
        const bool has_next = it->iterator->has_next();
        const std::int64_t v = it->iterator->next();
        CHECK(has_next);
        CHECK(it->stale != Stale::must && !it->broken);
        CHECK(it->expected.count(v) == 1 && it->seen.count(v) == 0);
        it->seen.insert(v);
        it->can_remove = true;
        it->last = v;
        if (it->stale == Stale::no) {
          CHECK(it->iterator->remaining() == it->expected.size() - it->seen.size());
        }
      } catch (const hashset::ConcurrentModificationError&) {
        CHECK(it->stale != Stale::no);
        it->broken = true;
        CHECK(it->iterator->remaining() == 0);
      } catch (const std::out_of_range&) {
        CHECK(it->stale != Stale::must && !it->broken);
        CHECK(it->seen.size() == it->expected.size());
        it->exhausted = true;
        CHECK(!it->iterator->has_next());
      }
      return;
    }
    case 3: {  // remove() the element last returned
      if (!it) return;
      bool removed = false;
      try {
        it->iterator->remove();
        removed = true;
      } catch (const hashset::ConcurrentModificationError&) {
        CHECK(it->can_remove && it->stale != Stale::no);
        it->broken = true;
        return;
      } catch (const std::logic_error&) {
        CHECK(!it->can_remove || it->exhausted);
        return;
      }
      CHECK(removed && it->can_remove && it->stale != Stale::must && !it->broken);
      it->can_remove = false;
      it->expected.erase(it->last);
      it->seen.erase(it->last);
      if (it->set >= 0) {
        CHECK(world.oracles[it->set].erase(it->last) == 1);
        world.check(it->set);
      }
      return;
    }
    case 4: {  // next_batch(): up to `capacity` elements at once (0: only the staleness check)
      if (!it) return;
      const std::size_t capacity = input.ConsumeIntegralInRange<std::size_t>(0, 9);
      std::vector<std::int64_t> batch(capacity + 1, 0x5a5a);
      std::size_t count = 0;
      try {
        count = it->iterator->next_batch(batch.data(), capacity);
      } catch (const hashset::ConcurrentModificationError&) {
        CHECK(it->stale != Stale::no && !it->exhausted);
        it->broken = true;
        return;
      }
      CHECK(count <= capacity && batch[capacity] == 0x5a5a);
      if (it->exhausted) {
        CHECK(count == 0);
        return;
      }
      CHECK(it->stale != Stale::must && !it->broken);
      for (std::size_t k = 0; k < count; ++k) {
        CHECK(it->expected.count(batch[k]) == 1 && it->seen.count(batch[k]) == 0);
        it->seen.insert(batch[k]);
      }
      if (capacity > 0 && count < capacity) CHECK(it->seen.size() == it->expected.size());
      it->can_remove = false;
      if (it->stale == Stale::no) {
        CHECK(it->iterator->remaining() == it->expected.size() - it->seen.size());
      }
      return;
    }
    case 5: {  // remove_returned(): an element already returned, one not yet, or any value
      if (!it) return;
      const int pick = input.ConsumeIntegralInRange<int>(0, 2);
      const Oracle& pool = pick == 0 ? it->seen : it->expected;
      const std::int64_t v =
          pick < 2 && !pool.empty()
              ? *std::next(pool.begin(), input.ConsumeIntegralInRange<std::size_t>(0, pool.size() - 1))
              : value(input);
      const bool returned = it->seen.count(v) == 1;
      try {
        it->iterator->remove_returned(v);
      } catch (const hashset::ConcurrentModificationError&) {
        CHECK(!it->exhausted && it->stale != Stale::no);
        it->broken = true;
        return;
      } catch (const std::logic_error&) {
        CHECK(it->exhausted || !returned);
        if (it->set >= 0) world.check(it->set);
        return;
      }
      CHECK(!it->exhausted && returned && it->stale != Stale::must && !it->broken);
      it->can_remove = false;
      it->expected.erase(v);
      it->seen.erase(v);
      if (it->set >= 0) {
        CHECK(world.oracles[it->set].erase(v) == 1);
        world.check(it->set);
      }
      return;
    }
    default:  // drop the iterator
      it.reset();
      return;
  }
}

void step(World& world, FuzzedDataProvider& input) {
  const int i = input.ConsumeBool() ? 1 : 0;
  const int j = input.ConsumeBool() ? 1 : 0;  // may equal i: aliasing
  HashSet& set = *world.sets[i];
  Oracle& oracle = world.oracles[i];
  const Oracle before = oracle;
  bool conservative = false;
  switch (input.ConsumeIntegralInRange<int>(0, 26)) {
    case 0: case 1: case 2: {
      const std::int64_t v = value(input);
      CHECK(set.insert(v) == oracle.insert(v).second);
      break;
    }
    case 3: {
      const std::int64_t v = value(input);
      CHECK(set.contains(v) == (oracle.count(v) == 1));
      break;
    }
    case 4: case 5: {
      const std::int64_t v = value(input);
      CHECK(set.erase(v) == (oracle.erase(v) == 1));
      break;
    }
    case 6: {
      if (oracle.empty()) {
        bool threw = false;
        try {
          set.pop();
        } catch (const std::out_of_range&) {
          threw = true;
        }
        CHECK(threw);
      } else {
        const std::int64_t v = set.pop();
        CHECK(oracle.erase(v) == 1);
      }
      break;
    }
    case 7:
      if (input.ConsumeIntegralInRange<int>(0, 3) == 0) {
        set.clear();
        oracle.clear();
      }
      break;
    case 8: {
      const std::size_t count = input.ConsumeIntegralInRange<std::size_t>(0, 300);
      set.reserve(count);
      conservative = true;
      break;
    }
    case 9: {
      bool threw = false;
      try {
        set.reserve(std::numeric_limits<std::size_t>::max() - input.ConsumeIntegralInRange<std::size_t>(0, 64));
      } catch (const std::length_error&) {
        threw = true;
      }
      CHECK(threw);
      break;
    }
    case 10: case 11: {
      const auto vs = values(input);
      std::size_t added = 0;
      for (auto v : vs) added += oracle.insert(v).second;
      CHECK(set.insert_many(vs.data(), vs.size()) == added);
      break;
    }
    case 12: {
      const auto vs = values(input);
      std::size_t removed = 0;
      for (auto v : vs) removed += oracle.erase(v);
      CHECK(set.erase_many(vs.data(), vs.size()) == removed);
      break;
    }
    case 13: {
      const auto vs = values(input);
      std::vector<std::uint8_t> found(vs.size() + 1, 7);
      set.contains_many(vs.data(), vs.size(), found.data());
      for (std::size_t k = 0; k < vs.size(); ++k) CHECK(found[k] == oracle.count(vs[k]));
      CHECK(found[vs.size()] == 7);
      break;
    }
    case 14: {
      const Oracle& other = world.oracles[j];
      const HashSet& o = *world.sets[j];
      auto subset = [](const Oracle& a, const Oracle& b) {
        return std::all_of(a.begin(), a.end(), [&](std::int64_t v) { return b.count(v) == 1; });
      };
      CHECK(set.equals(o) == (oracle == other));
      CHECK((set == o) == (oracle == other) && (set != o) == (oracle != other));
      CHECK(set.is_subset(o) == subset(oracle, other));
      CHECK(set.is_superset(o) == subset(other, oracle));
      CHECK(set.is_disjoint(o) ==
            std::none_of(oracle.begin(), oracle.end(), [&](std::int64_t v) { return other.count(v) == 1; }));
      break;
    }
    case 15: {  // the operations returning new sets
      const Oracle& other = world.oracles[j];
      const HashSet& o = *world.sets[j];
      Oracle u = oracle, n, d, x;
      u.insert(other.begin(), other.end());
      for (auto v : oracle) (other.count(v) ? n : d).insert(v);
      for (auto v : oracle) if (!other.count(v)) x.insert(v);
      for (auto v : other) if (!oracle.count(v)) x.insert(v);
      CHECK(sorted(set.union_with(o).collect()) == sorted(u));
      CHECK(sorted(set.intersection_with(o).collect()) == sorted(n));
      CHECK(sorted(set.difference_with(o).collect()) == sorted(d));
      CHECK(sorted(set.symmetric_difference_with(o).collect()) == sorted(x));
      CHECK(set.union_with(o).size() == u.size());
      break;
    }
    case 16: {
      const Oracle other = world.oracles[j];
      set.update(*world.sets[j]);
      oracle.insert(other.begin(), other.end());
      break;
    }
    case 17: {
      const Oracle other = world.oracles[j];
      set.intersection_update(*world.sets[j]);
      for (auto v = oracle.begin(); v != oracle.end();) v = other.count(*v) ? std::next(v) : oracle.erase(v);
      break;
    }
    case 18: {
      const Oracle other = world.oracles[j];
      set.difference_update(*world.sets[j]);
      for (auto v : other) oracle.erase(v);
      break;
    }
    case 19: {
      const Oracle other = world.oracles[j];
      set.symmetric_difference_update(*world.sets[j]);
      for (auto v : other) {
        if (!oracle.erase(v)) oracle.insert(v);
      }
      break;
    }
    case 20: {  // copy assignment (possibly self-assignment)
      const Oracle other = world.oracles[j];
      set = *world.sets[j];
      oracle = other;
      conservative = true;
      break;
    }
    case 21: {  // move assignment: the source is left empty
      if (i == j) break;
      const Oracle other_before = world.oracles[j];
      set = std::move(*world.sets[j]);
      oracle = other_before;
      world.oracles[j].clear();
      world.changed(j, other_before, true);
      world.check(j);
      conservative = true;
      break;
    }
    case 22: {  // copy and move construction leave the original alone
      HashSet copy(set);
      CHECK(sorted(copy.collect()) == sorted(oracle));
      HashSet moved(std::move(copy));
      CHECK(sorted(moved.collect()) == sorted(oracle) && copy.empty());
      moved.insert(value(input));
      break;
    }
    case 23: {  // the serialized form round-trips and is canonical
      const auto bytes = set.serialize();
      CHECK(bytes.size() == 24 + 8 * oracle.size());
      const HashSet back = HashSet::deserialize(bytes.data(), bytes.size());
      CHECK(sorted(back.collect()) == sorted(oracle));
      CHECK(back.serialize() == bytes);
      break;
    }
    case 24: {  // destroy the set and make a new one; an iterator over it stays usable
      if (world.iteration && world.iteration->set == i) world.iteration->set = -1;
      world.sets[i] = std::make_unique<HashSet>();
      oracle.clear();
      world.check(i);
      return;
    }
    default:
      step_iterator(world, input);
      return;
  }
  world.changed(i, before, conservative);
  world.check(i);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider input(data, size);
  World world;
  while (input.remaining_bytes() > 0) step(world, input);
  world.check(0);
  world.check(1);
  return 0;
}

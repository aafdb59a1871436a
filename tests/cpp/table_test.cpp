// The open-addressing table under removals: deletion shifts later elements of
// a probe run back, so iteration with removal, pop() and lookups after erase
// are checked against std::unordered_set, also on runs that wrap around the
// end of the slot array (keys chosen by their home slot).
#include <gtest/gtest.h>

#include <cstddef>
#include <map>

#include "oracle.hpp"

namespace hashset::testing {
namespace {

// `count` distinct non-zero keys whose home slot in a table of `capacity`
// slots is one of `homes`.
std::vector<std::int64_t> keys_with_home(std::size_t capacity, const std::vector<std::size_t>& homes,
                                         std::size_t count, std::mt19937_64& random) {
  detail::FlatTable probe;
  probe.reserve(capacity / 4 * 3);
  EXPECT_EQ(probe.capacity(), capacity);
  Oracle seen;
  std::vector<std::int64_t> keys;
  while (keys.size() < count) {
    const auto key = static_cast<std::int64_t>(random());
    if (key == 0 || !seen.insert(key).second) continue;
    const std::size_t home = probe.home(static_cast<std::uint64_t>(key));
    if (std::find(homes.begin(), homes.end(), home) != homes.end()) keys.push_back(key);
  }
  return keys;
}

// A set in a table of 64 slots whose longest run wraps around the end.
Oracle wrapping_oracle(std::mt19937_64& random, bool with_zero) {
  Oracle oracle;
  for (std::int64_t key : keys_with_home(64, {61, 62, 63}, 14, random)) oracle.insert(key);
  for (std::int64_t key : keys_with_home(64, {0, 1, 2, 30}, 12, random)) oracle.insert(key);
  if (with_zero) oracle.insert(0);
  return oracle;
}

HashSet in_table_of_64(const Oracle& oracle) {
  HashSet set;
  set.reserve(40);  // 64 slots: 48 elements at most
  for (std::int64_t value : oracle) set.insert(value);
  return set;
}

// Iterates `set` removing, through remove(), the elements `drop` selects;
// checks every element comes exactly once and the rest stays.
void check_remove_while_iterating(HashSet& set, const Oracle& oracle,
                                  const std::function<bool(std::int64_t, std::size_t)>& drop) {
  Oracle returned, kept = oracle;
  HashSetIterator iterator(set);
  std::size_t position = 0;
  while (iterator.has_next()) {
    const std::int64_t value = iterator.next();
    ASSERT_TRUE(returned.insert(value).second) << "returned twice: " << value;
    ASSERT_EQ(iterator.remaining(), oracle.size() - returned.size());
    if (drop(value, position++)) {
      iterator.remove();
      kept.erase(value);
    }
  }
  EXPECT_EQ(sorted(returned), sorted(oracle));
  EXPECT_EQ(sorted(set.collect()), sorted(kept));
  for (std::int64_t value : oracle) EXPECT_EQ(set.contains(value), kept.count(value) == 1);
}

TEST(FlatTable, RemoveEveryOrOddElementWhileIteratingAtManySizes) {
  std::mt19937_64 random(5);
  for (std::size_t size : {0, 1, 2, 3, 7, 12, 13, 24, 25, 48, 49, 100, 767, 768, 769, 5000, 100000}) {
    const Oracle oracle = random_oracle(random, size, size % 2 == 0 ? 1 << 30 : 4 * size + 8);
    {
      HashSet set = from_oracle(oracle);
      check_remove_while_iterating(set, oracle, [](std::int64_t, std::size_t) { return true; });
      EXPECT_TRUE(set.empty());
    }
    {
      HashSet set = from_oracle(oracle);
      check_remove_while_iterating(set, oracle, [](std::int64_t, std::size_t i) { return i % 2 == 1; });
    }
    {
      HashSet set = from_oracle(oracle);
      check_remove_while_iterating(set, oracle, [](std::int64_t v, std::size_t) { return v % 3 == 0; });
    }
  }
}

TEST(FlatTable, RemoveWhileIteratingOverRunsThatWrapAround) {
  std::mt19937_64 random(6);
  for (int round = 0; round < 200; ++round) {
    const Oracle oracle = wrapping_oracle(random, round % 2 == 0);
    const std::uint64_t pattern = random();
    HashSet set = in_table_of_64(oracle);
    check_remove_while_iterating(set, oracle, [&](std::int64_t, std::size_t i) {
      return round % 3 == 0 || ((pattern >> (i % 64)) & 1) != 0;
    });
  }
}

// Removes earlier returned elements (as a caller handing out batches does)
// at random points, mixing next(), next_batch(), remove() and
// remove_returned().
void check_mixed_removals(HashSet& set, const Oracle& oracle, std::mt19937_64& random) {
  Oracle returned, kept = oracle;
  std::vector<std::int64_t> removable;  // returned and still elements
  HashSetIterator iterator(set);
  bool can_remove = false;
  std::int64_t last = 0;
  std::int64_t batch[5];
  for (;;) {
    const auto action = random() % 6;
    if (action == 0 && can_remove) {
      iterator.remove();
      kept.erase(last);
      removable.erase(std::find(removable.begin(), removable.end(), last));
      can_remove = false;
    } else if (action == 1 && !removable.empty()) {
      const std::size_t pick = random() % removable.size();
      const std::int64_t value = removable[pick];
      iterator.remove_returned(value);
      kept.erase(value);
      removable.erase(removable.begin() + static_cast<std::ptrdiff_t>(pick));
      can_remove = false;
    } else if (action == 2) {
      const std::size_t count = iterator.next_batch(batch, 1 + random() % 5);
      for (std::size_t i = 0; i < count; ++i) {
        ASSERT_TRUE(returned.insert(batch[i]).second) << "returned twice: " << batch[i];
        removable.push_back(batch[i]);
      }
      can_remove = false;
      if (count == 0) break;
    } else {
      if (!iterator.has_next()) break;
      last = iterator.next();
      ASSERT_TRUE(returned.insert(last).second) << "returned twice: " << last;
      removable.push_back(last);
      can_remove = true;
    }
    ASSERT_EQ(iterator.remaining(), oracle.size() - returned.size());
  }
  EXPECT_EQ(sorted(returned), sorted(oracle));
  EXPECT_EQ(sorted(set.collect()), sorted(kept));
  for (std::int64_t value : oracle) EXPECT_EQ(set.contains(value), kept.count(value) == 1);
}

TEST(FlatTable, MixedRemovalsWhileIterating) {
  std::mt19937_64 random(7);
  for (int round = 0; round < 300; ++round) {
    const Oracle oracle = round % 2 == 0 ? wrapping_oracle(random, round % 4 == 0)
                                         : random_oracle(random, random() % 300, 1000);
    HashSet set = round % 2 == 0 ? in_table_of_64(oracle) : from_oracle(oracle);
    check_mixed_removals(set, oracle, random);
  }
}

TEST(FlatTable, RemoveReturnedRefusesElementsNotYetReturned) {
  std::mt19937_64 random(8);
  const Oracle oracle = wrapping_oracle(random, true);
  HashSet set = in_table_of_64(oracle);
  HashSetIterator iterator(set);
  Oracle returned;
  for (int i = 0; i < 10; ++i) returned.insert(iterator.next());
  for (std::int64_t value : oracle) {
    if (returned.count(value) == 0) {
      EXPECT_THROW(iterator.remove_returned(value), std::logic_error);
    }
  }
  EXPECT_EQ(set.size(), oracle.size());  // nothing removed
  EXPECT_THROW(iterator.remove_returned(123456789), std::logic_error);
}

TEST(FlatTable, PopDrainsRunsThatWrapAround) {
  std::mt19937_64 random(9);
  for (int round = 0; round < 100; ++round) {
    const Oracle oracle = wrapping_oracle(random, round % 2 == 0);
    HashSet set = in_table_of_64(oracle);
    Oracle popped;
    while (!set.empty()) {
      const std::int64_t value = set.pop();
      ASSERT_TRUE(popped.insert(value).second);
      ASSERT_FALSE(set.contains(value));
      if (round % 3 == 0 && popped.size() % 5 == 0) set.insert(value + 1000003);  // hint invalidated
    }
    for (std::int64_t value : oracle) EXPECT_EQ(popped.count(value), 1u);
  }
}

TEST(FlatTable, CollidingKeysMatchTheOracle) {
  std::mt19937_64 random(10);
  // Many keys of few homes: long runs, many of them wrapping around.
  const std::vector<std::int64_t> pool = keys_with_home(64, {0, 5, 6, 62, 63}, 40, random);
  for (int round = 0; round < 50; ++round) {
    HashSet set;
    set.reserve(40);
    Oracle oracle;
    for (int step = 0; step < 400; ++step) {
      const std::int64_t value = step % 17 == 0 ? 0 : pool[random() % pool.size()];
      switch (random() % 3) {
        case 0:
          if (oracle.size() < 40) {
            ASSERT_EQ(set.insert(value), oracle.insert(value).second);
          }
          break;
        case 1:
          ASSERT_EQ(set.erase(value), oracle.erase(value) == 1);
          break;
        default:
          ASSERT_EQ(set.contains(value), oracle.count(value) == 1);
      }
      ASSERT_EQ(set.size(), oracle.size());
    }
    for (std::int64_t value : pool) ASSERT_EQ(set.contains(value), oracle.count(value) == 1);
    EXPECT_EQ(sorted(set.collect()), sorted(oracle));
  }
}

TEST(FlatTable, ReserveFailureLeavesTheSetIntact) {
  HashSet set = from_oracle({1, 2, 3, 0});
  HashSetIterator iterator(set);
  EXPECT_THROW(set.reserve(std::numeric_limits<std::size_t>::max()), std::length_error);
  EXPECT_THROW(set.reserve(detail::FlatTable::max_size()), std::bad_alloc);
  EXPECT_EQ(sorted(set.collect()), (std::vector<std::int64_t>{0, 1, 2, 3}));
  EXPECT_EQ(iterator.remaining(), 4u);  // not a change
}

TEST(FlatTable, MemoryIsAtMost20BytesPerElementAt10Million) {
  detail::FlatTable table;
  table.reserve(10000000);
  EXPECT_LE(table.capacity() * sizeof(std::int64_t), 20u * 10000000u);
}

}  // namespace
}  // namespace hashset::testing

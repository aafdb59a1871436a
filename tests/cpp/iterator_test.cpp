#include <gtest/gtest.h>

#include <memory>

#include "oracle.hpp"

namespace hashset::testing {
namespace {

std::vector<std::int64_t> drain(HashSetIterator& iterator) {
  std::vector<std::int64_t> values;
  while (iterator.has_next()) values.push_back(iterator.next());
  return values;
}

TEST(HashSetIterator, VisitsEveryElementOnce) {
  std::mt19937_64 random(11);
  const Oracle oracle = random_oracle(random, 20000, 1 << 20);
  const HashSet set = from_oracle(oracle);
  HashSetIterator iterator(set);
  EXPECT_EQ(iterator.remaining(), oracle.size());
  EXPECT_EQ(sorted(drain(iterator)), sorted(oracle));
  EXPECT_EQ(iterator.remaining(), 0u);
}

TEST(HashSetIterator, ExhaustedStaysExhausted) {
  HashSet set = from_oracle({5});
  HashSetIterator iterator(set);
  EXPECT_EQ(iterator.next(), 5);
  EXPECT_THROW(iterator.next(), std::out_of_range);
  set.insert(6);  // a change after exhaustion is not an error
  EXPECT_FALSE(iterator.has_next());
  EXPECT_THROW(iterator.next(), std::out_of_range);
}

TEST(HashSetIterator, EveryKindOfChangeIsDetected) {
  const std::function<void(HashSet&)> changes[] = {
      [](HashSet& s) { s.insert(100); },
      [](HashSet& s) { s.erase(1); },
      [](HashSet& s) { s.pop(); },
      [](HashSet& s) { s.clear(); },
      [](HashSet& s) { s.reserve(100000); },
      [](HashSet& s) { s.update(from_oracle({200})); },
      [](HashSet& s) { s.intersection_update(from_oracle({1})); },
      [](HashSet& s) { s.difference_update(from_oracle({1})); },
      [](HashSet& s) { s.symmetric_difference_update(from_oracle({1})); },
      [](HashSet& s) { s = from_oracle({7}); },
      [](HashSet& s) { const std::int64_t v[] = {300}; s.insert_many(v, 1); },
      [](HashSet& s) { const std::int64_t v[] = {2}; s.erase_many(v, 1); },
  };
  for (const auto& change : changes) {
    HashSet set = from_oracle({1, 2, 3});
    HashSetIterator iterator(set);
    iterator.next();
    change(set);
    EXPECT_TRUE(iterator.has_next());
    EXPECT_EQ(iterator.remaining(), 0u);
    EXPECT_THROW(iterator.next(), ConcurrentModificationError);
    EXPECT_THROW(iterator.next(), ConcurrentModificationError);  // sticky
  }
}

TEST(HashSetIterator, NoOpCallsAreNotChanges) {
  HashSet set = from_oracle({1, 2, 3});
  HashSetIterator iterator(set);
  set.insert(1);
  set.erase(42);
  set.update(from_oracle({2}));
  set.difference_update(from_oracle({99}));
  // More values than the table has room for, all present: no resize either.
  set.update(from_oracle({1, 2, 3}));
  const std::int64_t present[] = {3, 2, 1, 1, 2, 3};
  set.insert_many(present, 6);
  EXPECT_EQ(drain(iterator).size(), 3u);
}

// insert() grows the table early, when it is full and the value is new: a
// value already present must never grow it (a growth stops live iterators).
TEST(HashSetIterator, InsertingAPresentValueIntoAFullTableIsNotAChange) {
  HashSet set;
  for (std::int64_t value = 0; value < 70000; ++value) {  // past every growth step
    set.insert(value);
    HashSetIterator iterator(set);
    EXPECT_FALSE(set.insert(value));
    EXPECT_FALSE(set.insert(0));
    ASSERT_EQ(iterator.remaining(), set.size()) << "after " << value + 1 << " inserts";
  }
}

TEST(HashSetIterator, OutlivesItsSet) {
  auto set = std::make_unique<HashSet>(from_oracle({1, 2, 3}));
  HashSetIterator iterator(*set);
  iterator.next();
  set.reset();
  EXPECT_EQ(drain(iterator).size(), 2u);
}

TEST(HashSetIterator, RemoveDeletesTheLastReturnedElement) {
  std::mt19937_64 random(5);
  const Oracle oracle = random_oracle(random, 5000, 1 << 20);
  HashSet set = from_oracle(oracle);
  HashSetIterator iterator(set);
  EXPECT_THROW(iterator.remove(), std::logic_error);
  Oracle kept;
  while (iterator.has_next()) {
    const std::int64_t value = iterator.next();
    if (value % 2 == 0) {
      iterator.remove();
      EXPECT_THROW(iterator.remove(), std::logic_error);
    } else {
      kept.insert(value);
    }
  }
  EXPECT_EQ(sorted(set.collect()), sorted(kept));
}

std::vector<std::int64_t> drain_in_batches(HashSetIterator& iterator, std::size_t capacity) {
  std::vector<std::int64_t> values;
  std::vector<std::int64_t> batch(capacity);
  while (const std::size_t count = iterator.next_batch(batch.data(), capacity)) {
    EXPECT_LE(count, capacity);
    values.insert(values.end(), batch.begin(), batch.begin() + count);
  }
  return values;
}

TEST(HashSetIterator, BatchesVisitEveryElementOnce) {
  std::mt19937_64 random(17);
  const Oracle oracle = random_oracle(random, 3000, 1 << 20);
  const HashSet set = from_oracle(oracle);
  for (const std::size_t capacity : {std::size_t{1}, std::size_t{3}, oracle.size() + 10}) {
    HashSetIterator iterator(set);
    EXPECT_EQ(sorted(drain_in_batches(iterator, capacity)), sorted(oracle));
    EXPECT_EQ(iterator.remaining(), 0u);
    EXPECT_FALSE(iterator.has_next());
  }
}

// Batches walk 16 control bytes at a time from wherever the last step
// stopped: every table size (copies are sized to fit, capacities 1, 3, 7
// too), every batch size around a group's 16, batches mixed with next().
TEST(HashSetIterator, BatchesFromAnyPositionVisitEveryElementOnce) {
  std::mt19937_64 random(19);
  Oracle oracle;
  for (std::size_t size = 0; size <= 600; size += size < 40 ? 1 : 37) {
    while (oracle.size() < size) oracle.insert(static_cast<std::int64_t>(random()));
    const HashSet set(from_oracle(oracle));  // the copy's table fits its size
    for (const std::size_t batch : {1, 2, 15, 16, 17, 256}) {
      HashSetIterator iterator(set);
      std::vector<std::int64_t> seen;
      std::int64_t buffer[256];
      for (bool single = false; iterator.has_next(); single = !single) {
        if (single) {
          seen.push_back(iterator.next());
        } else {
          const std::size_t count = iterator.next_batch(buffer, batch);
          ASSERT_TRUE(count == batch || !iterator.has_next()) << "a short batch before the end";
          seen.insert(seen.end(), buffer, buffer + count);
        }
        ASSERT_EQ(iterator.remaining(), size - seen.size());
      }
      ASSERT_EQ(sorted(seen), sorted(oracle)) << "size " << size << ", batch " << batch;
    }
  }
}

TEST(HashSetIterator, BatchOfAnEmptySetIsEmpty) {
  const HashSet set;
  HashSetIterator iterator(set);
  std::int64_t out[4];
  EXPECT_EQ(iterator.next_batch(out, 4), 0u);
  EXPECT_EQ(iterator.next_batch(out, 4), 0u);
  EXPECT_THROW(iterator.next(), std::out_of_range);
}

TEST(HashSetIterator, ChangeAfterTheLastBatchIsDetected) {
  HashSet set = from_oracle({1, 2});
  HashSetIterator iterator(set);
  std::int64_t out[4];
  ASSERT_EQ(iterator.next_batch(out, 4), 2u);
  EXPECT_EQ(iterator.next_batch(out, 4), 0u);
  set.insert(3);
  EXPECT_THROW(iterator.next_batch(out, 4), ConcurrentModificationError);
}

TEST(HashSetIterator, ChangeBetweenBatchesIsDetected) {
  const Oracle oracle = {1, 2, 3, 4, 5};
  HashSet set = from_oracle(oracle);
  HashSetIterator iterator(set);
  std::int64_t out[2];
  ASSERT_EQ(iterator.next_batch(out, 2), 2u);
  set.insert(6);
  EXPECT_THROW(iterator.next_batch(out, 2), ConcurrentModificationError);
  EXPECT_THROW(iterator.next_batch(out, 0), ConcurrentModificationError);
  EXPECT_EQ(iterator.remaining(), 0u);
  Oracle expected = oracle;
  expected.insert(6);
  EXPECT_EQ(sorted(set.collect()), sorted(expected));
}

TEST(HashSetIterator, RemoveReturnedDeletesEarlierElementsOfABatch) {
  std::mt19937_64 random(23);
  const Oracle oracle = random_oracle(random, 2000, 1 << 20);
  HashSet set = from_oracle(oracle);
  HashSetIterator iterator(set);
  Oracle kept;
  std::vector<std::int64_t> visited;
  std::int64_t batch[7];
  while (const std::size_t count = iterator.next_batch(batch, 7)) {
    for (std::size_t i = 0; i < count; ++i) {
      visited.push_back(batch[i]);
      if (batch[i] % 2 == 0) {
        iterator.remove_returned(batch[i]);
        EXPECT_THROW(iterator.remove_returned(batch[i]), std::logic_error);
      } else {
        kept.insert(batch[i]);
      }
    }
  }
  EXPECT_EQ(sorted(visited), sorted(oracle));
  EXPECT_EQ(sorted(set.collect()), sorted(kept));
}

TEST(HashSetIterator, RemoveReturnedRefusesAnElementNotYetReturned) {
  HashSet set = from_oracle({1, 2, 3});
  HashSetIterator iterator(set);
  std::int64_t first;
  ASSERT_EQ(iterator.next_batch(&first, 1), 1u);
  HashSetIterator probe(set);
  probe.next();
  const std::int64_t upcoming = probe.next();  // the same table order: the element under the cursor
  const std::int64_t later = probe.next();     // and one further on
  EXPECT_THROW(iterator.remove_returned(upcoming), std::logic_error);
  EXPECT_THROW(iterator.remove_returned(later), std::logic_error);
  EXPECT_EQ(sorted(set.collect()), sorted(Oracle{1, 2, 3}));
  EXPECT_EQ(iterator.remaining(), 2u);
  set.insert(4);
  EXPECT_THROW(iterator.remove_returned(first), ConcurrentModificationError);
  EXPECT_EQ(sorted(set.collect()), sorted(Oracle{1, 2, 3, 4}));
}

}  // namespace
}  // namespace hashset::testing

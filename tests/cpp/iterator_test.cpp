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

}  // namespace
}  // namespace hashset::testing

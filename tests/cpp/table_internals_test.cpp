// The loops over abseil's internals (src/abseil_internals.hpp) against
// std::unordered_set, on tables of every size, including the full tiny ones
// that HashSet's own growth policy never lets them meet.
#include <gtest/gtest.h>

#include <absl/container/flat_hash_set.h>

#include "abseil_internals.hpp"
#include "oracle.hpp"

namespace hashset::testing {
namespace {

#ifdef HASHSET_ABSEIL_INTERNALS
using Table = absl::flat_hash_set<std::int64_t>;
using Internals = detail::TableInternals;

// Inserts as HashSet does (insert_in_first_group, abseil's insert when it
// is undecided), but without growing the table first; returns whether the
// value was new.
bool insert_without_growing_first(Table& table, std::int64_t value) {
  const auto insertion = Internals::insert_in_first_group(table, value);
  if (insertion == Internals::Insertion::kUndecided) return table.insert(value).second;
  return insertion == Internals::Insertion::kAdded;
}

// Inserts `value`, then checks the table against the oracle.
void insert_and_check(Table& table, Oracle& oracle, std::int64_t value) {
  ASSERT_EQ(insert_without_growing_first(table, value), oracle.insert(value).second) << "value " << value;
  ASSERT_EQ(table.size(), oracle.size());
  ASSERT_LE(table.size(), table.capacity());
  for (std::int64_t element : oracle) ASSERT_TRUE(table.contains(element)) << "lost " << element;
}

TEST(TableInternals, InsertInFirstGroupLeavesAFullTableToAbseilsGrowth) {
  std::mt19937_64 random(29);
  for (int trial = 0; trial < 200; ++trial) {
    Table table;
    Oracle oracle;
    for (int i = 0; i < 40; ++i) {
      insert_and_check(table, oracle, static_cast<std::int64_t>(random() % 64));
      if (::testing::Test::HasFatalFailure()) return;
    }
  }
}

TEST(TableInternals, InsertInFirstGroupMatchesTheOracleThroughErasesAndGrowth) {
  std::mt19937_64 random(31);
  Table table;
  Oracle oracle;
  for (int i = 0; i < 20000; ++i) {
    const auto value = static_cast<std::int64_t>(random() % 4096);
    if (random() % 3 == 0) {
      EXPECT_EQ(table.erase(value), oracle.erase(value));
    } else {
      ASSERT_EQ(insert_without_growing_first(table, value), oracle.insert(value).second) << "value " << value;
    }
  }
  ASSERT_EQ(table.size(), oracle.size());
  for (std::int64_t element : oracle) EXPECT_TRUE(table.contains(element));
  EXPECT_EQ(sorted(std::vector<std::int64_t>(table.begin(), table.end())), sorted(oracle));
}
#else
TEST(TableInternals, NotUsedWithThisAbseil) { GTEST_SKIP() << "abseil's internals are not used with this release"; }
#endif

}  // namespace
}  // namespace hashset::testing

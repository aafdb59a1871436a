#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "oracle.hpp"

namespace hashset::testing {
namespace {

TEST(HashSet, OriginalExample) {
  HashSet s;
  EXPECT_FALSE(s.contains(0));
  EXPECT_TRUE(s.insert(0));
  EXPECT_TRUE(s.contains(0));
  EXPECT_FALSE(s.insert(0));
  EXPECT_TRUE(s.insert(1));
  EXPECT_EQ(s.size(), 2u);
  EXPECT_EQ(sorted(s.collect()), (std::vector<std::int64_t>{0, 1}));
}

TEST(HashSet, EdgeValuesRoundTrip) {
  HashSet s;
  for (std::int64_t value : kEdgeValues) EXPECT_TRUE(s.insert(value));
  for (std::int64_t value : kEdgeValues) EXPECT_TRUE(s.contains(value));
  EXPECT_EQ(sorted(s.collect()), sorted(std::vector<std::int64_t>(std::begin(kEdgeValues),
                                                                  std::end(kEdgeValues))));
  for (std::int64_t value : kEdgeValues) EXPECT_TRUE(s.erase(value));
  EXPECT_TRUE(s.empty());
}

// Random single-element operations applied to both sets, compared after each.
TEST(HashSet, RandomOperationsMatchUnorderedSet) {
  std::mt19937_64 random(20261124);
  HashSet set;
  Oracle oracle;
  for (int step = 0; step < 200000; ++step) {
    const std::int64_t value = random_value(random, 4096);
    switch (random() % 10) {
      case 0: case 1: case 2: case 3:
        ASSERT_EQ(set.insert(value), oracle.insert(value).second);
        break;
      case 4: case 5:
        ASSERT_EQ(set.erase(value), oracle.erase(value) == 1);
        break;
      case 6: case 7: case 8:
        ASSERT_EQ(set.contains(value), oracle.count(value) == 1);
        break;
      default:
        if (!oracle.empty() && random() % 4 == 0) {
          const std::int64_t popped = set.pop();
          ASSERT_EQ(oracle.erase(popped), 1u) << popped;
        }
    }
    ASSERT_EQ(set.size(), oracle.size());
    ASSERT_EQ(set.empty(), oracle.empty());
  }
  EXPECT_EQ(sorted(set.collect()), sorted(oracle));
}

TEST(HashSet, PopDrainsEverySetExactlyOnce) {
  std::mt19937_64 random(7);
  Oracle oracle = random_oracle(random, 50000, 1 << 30);
  HashSet set = from_oracle(oracle);
  Oracle popped;
  while (!set.empty()) ASSERT_TRUE(popped.insert(set.pop()).second);
  EXPECT_EQ(popped, oracle);
  EXPECT_THROW(set.pop(), std::out_of_range);
}

TEST(HashSet, ClearReserveAndCopies) {
  HashSet set;
  set.reserve(1000);
  for (std::int64_t v = 0; v < 100; ++v) set.insert(v);
  HashSet copy(set);
  set.clear();
  EXPECT_TRUE(set.empty());
  EXPECT_EQ(copy.size(), 100u);
  HashSet moved(std::move(copy));
  EXPECT_EQ(moved.size(), 100u);
  EXPECT_TRUE(copy.empty());  // NOLINT(bugprone-use-after-move): documented as empty
  set = moved;
  EXPECT_TRUE(set == moved);
  set.insert(1000);
  EXPECT_TRUE(set != moved);
}

TEST(HashSet, ImpossibleReserveThrowsInsteadOfAborting) {
  HashSet set = from_oracle({1, 2});
  EXPECT_THROW(set.reserve(std::numeric_limits<std::size_t>::max()), std::length_error);
  EXPECT_THROW(set.reserve(std::size_t{1} << 62), std::length_error);
  EXPECT_THROW(set.reserve(std::size_t{1} << 58), std::bad_alloc);  // 2.6 EB: never allocatable
  EXPECT_EQ(sorted(set.collect()), (std::vector<std::int64_t>{1, 2}));
}

// 300000 values take the tables past the size where bulk calls prefetch.
class BulkCalls : public ::testing::TestWithParam<int> {};

TEST_P(BulkCalls, MatchScalarCalls) {
  const int count = GetParam();
  std::mt19937_64 random(3);
  std::vector<std::int64_t> values;
  for (int i = 0; i < count; ++i) values.push_back(random_value(random, count / 2));
  HashSet set;
  Oracle oracle;
  std::size_t added = 0;
  for (std::int64_t v : values) added += oracle.insert(v).second ? 1 : 0;
  EXPECT_EQ(set.insert_many(values.data(), values.size()), added);
  EXPECT_EQ(sorted(set.collect()), sorted(oracle));

  std::vector<std::int64_t> queries;
  for (int i = 0; i < count; ++i) queries.push_back(random_value(random, count));
  std::vector<std::uint8_t> found(queries.size());
  set.contains_many(queries.data(), queries.size(), found.data());
  for (std::size_t i = 0; i < queries.size(); ++i) {
    ASSERT_EQ(found[i] == 1, oracle.count(queries[i]) == 1) << queries[i];
  }
  std::size_t removed = 0;
  for (std::int64_t v : queries) removed += oracle.erase(v);
  EXPECT_EQ(set.erase_many(queries.data(), queries.size()), removed);
  EXPECT_EQ(sorted(set.collect()), sorted(oracle));
}

INSTANTIATE_TEST_SUITE_P(Sizes, BulkCalls, ::testing::Values(10000, 300000));

// collect() walks the control bytes 16 at a time: every table size (the
// small ones keep copies of their control bytes after the last slot), also
// after erases.
TEST(HashSet, CollectMatchesTheOracleAtEverySize) {
  std::mt19937_64 random(7);
  HashSet set;
  Oracle oracle;
  for (std::size_t size = 0; size <= 2100; ++size) {
    ASSERT_EQ(sorted(set.collect()), sorted(oracle)) << "size " << size;
    // A copy's table is sized to fit: capacities 1, 3 and 7 too.
    ASSERT_EQ(sorted(HashSet(set).collect()), sorted(oracle)) << "copy, size " << size;
    const std::int64_t value = random_value(random, 1 << 30);
    set.insert(value);
    oracle.insert(value);
  }
  while (!oracle.empty()) {
    const std::int64_t value = *oracle.begin();
    set.erase(value);
    oracle.erase(value);
    if (oracle.size() % 7 == 0) {
      ASSERT_EQ(sorted(set.collect()), sorted(oracle)) << "size " << oracle.size();
    }
  }
  EXPECT_TRUE(set.collect().empty());
}

// contains_many() looks up eight values at once where the CPU has AVX-512,
// unless HASHSET_DISABLE_AVX512 rules it out: ctest runs the bulk tests both
// ways (tests/cpp/CMakeLists.txt), and this test shows which way each went.
TEST(HashSet, BulkLookupInstructionsFollowTheCpuAndTheEnvironment) {
  const char* disabled = std::getenv("HASHSET_DISABLE_AVX512");
  const bool ruled_out = disabled != nullptr && std::string(disabled) != "" && std::string(disabled) != "0";
  __builtin_cpu_init();
  const bool cpu_has_avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                              __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512cd") &&
                              __builtin_cpu_supports("avx512vl");
  EXPECT_EQ(std::string(bulk_lookup_instructions()) == "avx512", cpu_has_avx512 && !ruled_out)
      << bulk_lookup_instructions();
}

// contains_many() decides most queries from the first group of control bytes
// and switches, chunk by chunk, between two kinds of lookup by the share of
// hits: every fill of the table (just grown, nearly full, with the tombstones
// erases leave) against every mix of hits and misses.
TEST(HashSet, ContainsManyMatchesTheOracleAtEveryFillAndMix) {
  std::mt19937_64 random(5);
  HashSet set;
  Oracle oracle;
  const auto check_mixes = [&](std::size_t count) {
    std::vector<std::int64_t> members(oracle.begin(), oracle.end());
    const auto member = [&] { return members.empty() ? 0 : members[random() % members.size()]; };
    const auto any = [&] { return static_cast<std::int64_t>(random()); };
    for (int mix = 0; mix < 4; ++mix) {
      std::vector<std::int64_t> queries;
      for (std::size_t i = 0; i < count; ++i) {
        const bool hit = mix == 0 || (mix == 2 && random() % 2 == 0) || (mix == 3 && i / 300 % 2 == 0);
        queries.push_back(hit ? member() : any());
      }
      std::vector<std::uint8_t> found(count, 7);
      set.contains_many(queries.data(), count, found.data());
      for (std::size_t i = 0; i < count; ++i) {
        ASSERT_EQ(found[i], oracle.count(queries[i])) << "size " << oracle.size() << ", mix " << mix;
      }
    }
  };
  check_mixes(1000);  // the empty set
  for (std::size_t size = 1; size <= 80000; ++size) {
    const std::int64_t value = static_cast<std::int64_t>(random());
    set.insert(value);
    oracle.insert(value);
    if (size < 64 || size % 1009 == 0) check_mixes(std::max<std::size_t>(1000, size / 4));
  }
  // Erase two thirds: tombstones stay in full groups, where lookups go on.
  for (std::size_t round = 0; round < 3; ++round) {
    std::vector<std::int64_t> erased;
    for (std::int64_t value : oracle) {
      if (random() % 3 != 0) erased.push_back(value);
    }
    for (std::int64_t value : erased) {
      set.erase(value);
      oracle.erase(value);
    }
    check_mixes(20000);
    for (std::size_t i = 0; i < erased.size(); ++i) {
      const std::int64_t value = static_cast<std::int64_t>(random());
      set.insert(value);
      oracle.insert(value);
    }
    check_mixes(20000);
  }
}

Oracle oracle_union(const Oracle& a, const Oracle& b) {
  Oracle result = a;
  result.insert(b.begin(), b.end());
  return result;
}

Oracle oracle_intersection(const Oracle& a, const Oracle& b) {
  Oracle result;
  for (std::int64_t v : a) if (b.count(v)) result.insert(v);
  return result;
}

Oracle oracle_difference(const Oracle& a, const Oracle& b) {
  Oracle result;
  for (std::int64_t v : a) if (!b.count(v)) result.insert(v);
  return result;
}

Oracle oracle_symmetric_difference(const Oracle& a, const Oracle& b) {
  return oracle_union(oracle_difference(a, b), oracle_difference(b, a));
}

bool oracle_subset(const Oracle& a, const Oracle& b) {
  return std::all_of(a.begin(), a.end(), [&](std::int64_t v) { return b.count(v) == 1; });
}

// Pairs of random sets of varied sizes, including empty and equal ones.
class SetAlgebra : public ::testing::TestWithParam<int> {};

TEST_P(SetAlgebra, MatchesUnorderedSet) {
  std::mt19937_64 random(GetParam());
  const std::size_t sizes[] = {0, 1, 10, 300, 5000};
  for (std::size_t size_a : sizes) {
    for (std::size_t size_b : sizes) {
      const std::int64_t range = static_cast<std::int64_t>(2 * (size_a + size_b) + 8);
      const Oracle a = random_oracle(random, size_a, range);
      const Oracle b = random() % 5 == 0 ? a : random_oracle(random, size_b, range);
      const HashSet x = from_oracle(a);
      const HashSet y = from_oracle(b);
      SCOPED_TRACE(::testing::Message() << "sizes " << a.size() << ", " << b.size());

      EXPECT_EQ(sorted(x.union_with(y).collect()), sorted(oracle_union(a, b)));
      EXPECT_EQ(sorted(x.intersection_with(y).collect()), sorted(oracle_intersection(a, b)));
      EXPECT_EQ(sorted(x.difference_with(y).collect()), sorted(oracle_difference(a, b)));
      EXPECT_EQ(sorted(x.symmetric_difference_with(y).collect()),
                sorted(oracle_symmetric_difference(a, b)));
      EXPECT_EQ(x.equals(y), a == b);
      EXPECT_EQ(x.is_subset(y), oracle_subset(a, b));
      EXPECT_EQ(x.is_superset(y), oracle_subset(b, a));
      EXPECT_EQ(x.is_disjoint(y), oracle_intersection(a, b).empty());

      HashSet in_place = x;
      in_place.update(y);
      EXPECT_EQ(sorted(in_place.collect()), sorted(oracle_union(a, b)));
      in_place = x;
      in_place.intersection_update(y);
      EXPECT_EQ(sorted(in_place.collect()), sorted(oracle_intersection(a, b)));
      in_place = x;
      in_place.difference_update(y);
      EXPECT_EQ(sorted(in_place.collect()), sorted(oracle_difference(a, b)));
      in_place = x;
      in_place.symmetric_difference_update(y);
      EXPECT_EQ(sorted(in_place.collect()), sorted(oracle_symmetric_difference(a, b)));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, SetAlgebra, ::testing::Values(1, 2, 3));

TEST(HashSet, InPlaceOperationsWithItself) {
  const HashSet original = from_oracle({1, 2, 3});
  HashSet s = original;
  s.update(s);
  EXPECT_EQ(s, original);
  s.intersection_update(s);
  EXPECT_EQ(s, original);
  s.difference_update(s);
  EXPECT_TRUE(s.empty());
  s = original;
  s.symmetric_difference_update(s);
  EXPECT_TRUE(s.empty());
}

}  // namespace
}  // namespace hashset::testing

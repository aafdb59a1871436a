// Helpers that compare a HashSet with std::unordered_set, the tests' oracle.
#pragma once

#include <hashset/hash_set.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <unordered_set>
#include <vector>

namespace hashset::testing {

using Oracle = std::unordered_set<std::int64_t>;

inline constexpr std::int64_t kEdgeValues[] = {
    std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::min() + 1,
    -1, 0, 1, std::numeric_limits<std::int64_t>::max() - 1,
    std::numeric_limits<std::int64_t>::max()};

inline std::vector<std::int64_t> sorted(std::vector<std::int64_t> values) {
  std::sort(values.begin(), values.end());
  return values;
}

inline std::vector<std::int64_t> sorted(const Oracle& oracle) {
  return sorted(std::vector<std::int64_t>(oracle.begin(), oracle.end()));
}

inline HashSet from_oracle(const Oracle& oracle) {
  HashSet set;
  for (std::int64_t value : oracle) set.insert(value);
  return set;
}

// Random values from a small range (many collisions between sets) mixed with
// edge values and full-range values.
inline std::int64_t random_value(std::mt19937_64& random, std::int64_t range) {
  switch (random() % 8) {
    case 0:
      return kEdgeValues[random() % std::size(kEdgeValues)];
    case 1:
      return static_cast<std::int64_t>(random());
    default:
      return static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(range)) - range / 2;
  }
}

inline Oracle random_oracle(std::mt19937_64& random, std::size_t count, std::int64_t range) {
  Oracle oracle;
  for (std::size_t i = 0; i < count; ++i) oracle.insert(random_value(random, range));
  return oracle;
}

}  // namespace hashset::testing

#include <gtest/gtest.h>

#include "oracle.hpp"

namespace hashset::testing {
namespace {

HashSet read(const std::vector<std::uint8_t>& bytes) {
  return HashSet::deserialize(bytes.data(), bytes.size());
}

TEST(Serialization, RoundTripsAndIsCanonical) {
  std::mt19937_64 random(13);
  const Oracle oracle = random_oracle(random, 3000, 1 << 16);
  const HashSet set = from_oracle(oracle);
  const std::vector<std::uint8_t> bytes = set.serialize();
  EXPECT_EQ(bytes.size(), 16 + 8 * oracle.size() + 8);
  EXPECT_EQ(read(bytes), set);

  HashSet rebuilt;  // same elements, another insertion history
  for (std::int64_t value : sorted(oracle)) rebuilt.insert(value);
  rebuilt.insert(123456789);
  rebuilt.erase(123456789);
  EXPECT_EQ(rebuilt.serialize(), bytes);
}

TEST(Serialization, KnownBytesOfASmallSet) {
  const std::vector<std::uint8_t> expected = {
      'H', 'S', 'E', 'T', 1, 0, 0, 0,  // magic, version 1
      2, 0, 0, 0, 0, 0, 0, 0,          // two elements
      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,  // -1
      2, 0, 0, 0, 0, 0, 0, 0,                          // 2
  };
  std::vector<std::uint8_t> bytes = from_oracle({2, -1}).serialize();
  ASSERT_EQ(bytes.size(), expected.size() + 8);
  EXPECT_TRUE(std::equal(expected.begin(), expected.end(), bytes.begin()));
}

TEST(Serialization, RejectsEveryDamagedForm) {
  const std::vector<std::uint8_t> good = from_oracle({1, 2, 3}).serialize();
  for (std::size_t length = 0; length < good.size(); ++length) {
    EXPECT_THROW(read(std::vector<std::uint8_t>(good.begin(), good.begin() + length)),
                 FormatError) << length;
  }
  for (std::size_t i = 0; i < good.size(); ++i) {
    std::vector<std::uint8_t> flipped = good;
    flipped[i] ^= 0x40;
    EXPECT_THROW(read(flipped), FormatError) << i;
  }
  std::vector<std::uint8_t> huge_count = good;
  for (std::size_t i = 8; i < 16; ++i) huge_count[i] = 0xff;
  EXPECT_THROW(read(huge_count), FormatError);
}

}  // namespace
}  // namespace hashset::testing

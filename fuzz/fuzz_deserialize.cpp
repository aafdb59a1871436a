// libFuzzer harness: HashSet::deserialize on arbitrary bytes.
//
// Any input must either give hashset::FormatError or a set whose serialize()
// gives back exactly the same bytes (the format is canonical); never a crash,
// another exception, or a large allocation (run with -malloc_limit_mb).
//
// Random bytes rarely get past the magic and the checksum, so the first input
// byte chooses a mode: 0 (and odd values) feed the rest as is; 2 writes a valid
// magic and version; 4 does that and also a valid checksum, so the fuzzer
// reaches the count and ordering checks; 6 does that and sets the count field
// from the next 8 input bytes (huge, mismatched counts).
#include <hashset/hash_set.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

#define CHECK(condition)                                                          \
  do {                                                                            \
    if (!(condition)) {                                                           \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                               \
    }                                                                             \
  } while (0)

std::uint64_t fnv1a(const std::uint8_t* data, std::size_t size) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (std::size_t i = 0; i < size; ++i) {
    hash ^= data[i];
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

void put_le(std::uint8_t* out, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) out[i] = static_cast<std::uint8_t>(value >> (8 * i));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::uint8_t mode = 0;
  if (size > 0) {
    mode = data[0];
    ++data;
    --size;
  }
  std::vector<std::uint8_t> bytes(data, data + size);  // an exact-size heap copy: ASan sees overreads
  if (mode % 2 == 0 && mode >= 2 && bytes.size() >= 8) {
    std::memcpy(bytes.data(), "HSET\x01\x00\x00\x00", 8);
  }
  if (mode % 2 == 0 && mode >= 6 && bytes.size() >= 24) {
    std::uint64_t count;
    std::memcpy(&count, bytes.data() + 8, 8);  // fuzz-chosen, written back little-endian
    put_le(bytes.data() + 8, count);
  }
  if (mode % 2 == 0 && mode >= 4 && bytes.size() >= 8) {
    put_le(bytes.data() + bytes.size() - 8, fnv1a(bytes.data(), bytes.size() - 8));
  }
  try {
    const hashset::HashSet set = hashset::HashSet::deserialize(bytes.data(), bytes.size());
    // Accepted: the input must be exactly the canonical form of the set.
    CHECK(bytes.size() == 24 + 8 * set.size());
    CHECK(set.serialize() == bytes);
    std::vector<std::int64_t> elements = set.collect();
    std::sort(elements.begin(), elements.end());
    CHECK(std::adjacent_find(elements.begin(), elements.end()) == elements.end());
  } catch (const hashset::FormatError&) {
    // The expected outcome for almost every input.
  }
  return 0;
}

#include "hashset/hash_set.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <limits>
#include <new>
#include <utility>

#include <sys/mman.h>

#include "abseil_internals.hpp"

namespace hashset {
namespace {

// Serialized layout (docs/serialization.md): magic, format version, element
// count, the elements in ascending order, then an FNV-1a checksum of all
// preceding bytes. Every integer is little-endian.
constexpr char kMagic[4] = {'H', 'S', 'E', 'T'};
constexpr std::uint32_t kFormatVersion = 1;
constexpr std::size_t kHeaderSize = 4 + 4 + 8;
constexpr std::size_t kChecksumSize = 8;

std::uint64_t fnv1a(const std::uint8_t* data, std::size_t size) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (std::size_t i = 0; i < size; ++i) {
    hash ^= data[i];
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

void put_le(std::uint8_t* out, std::uint64_t value, std::size_t width) {
  for (std::size_t i = 0; i < width; ++i) out[i] = static_cast<std::uint8_t>(value >> (8 * i));
}

std::uint64_t get_le(const std::uint8_t* in, std::size_t width) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < width; ++i) value |= std::uint64_t{in[i]} << (8 * i);
  return value;
}

// abseil's rehash is not exception-safe: a failed allocation leaves the table
// inconsistent and its destructor then frees an invalid pointer. Before a
// large reserve, check that an allocation of the table's size succeeds, so an
// impossible request becomes std::bad_alloc with the set intact.
void ensure_allocatable(std::size_t count) {
  std::size_t slots = 1;
  while (slots < count + count / 7 + 1) slots *= 2;  // abseil's capacity: 7/8 full at most
  const std::size_t bytes = slots * (sizeof(std::int64_t) + 1) + 64;
  void* trial = ::operator new(bytes, std::nothrow);
  if (trial == nullptr) throw std::bad_alloc();
  ::operator delete(trial);
}

// Loops over many values on a table larger than the caches overlap their
// memory stalls: the slot of the value kPrefetchDistance ahead is prefetched
// while the current one is probed. Small tables skip it (it costs a second
// hash). 32 ahead, not 16: bulk insert and discard of 10^6 random keys 8-10 %
// faster, lookups and set algebra unchanged (bench/python, alternating runs).
constexpr std::size_t kPrefetchDistance = 32;
constexpr std::size_t kPrefetchMinCapacity = std::size_t{1} << 16;

// Asks for the lines that a lookup, insert or erase of `value` reads first:
// those of its first group (abseil_internals.hpp says which), or abseil's
// guess where this abseil's internals are not used.
template <class Table>
[[gnu::always_inline]] inline void prefetch_probe(const Table& table, std::int64_t value) {
#ifdef HASHSET_ABSEIL_INTERNALS
  detail::TableInternals::prefetch(table, detail::TableInternals::hash(table, value));
#else
  table.prefetch(value);
#endif
}

// For one-value calls on a large table: prefetch_probe(), so that the slot
// lines are asked for together with the control bytes, and the lookup (and
// an insert's write, an erase's compare) waits for one memory access, not two
// in a row.
// A caller making one call per value (a Python loop) cannot overlap that wait
// with its next call. Measured in Python, alternating runs: s.contains(x) hit
// at 10^6 0.34x -> 0.24x of set's; s.add at 10^6 0.65-0.70x -> 0.60-0.62x of
// set.add, s.insert at 10^7 181-186 -> 95-151 ns; s.discard of present values
// at 10^6 185-187 -> 134-143 ns, at 10^7 307-308 -> 179-186.
//
// Always inlined: GCC finds a function that only reads and prefetches "pure",
// and deletes a call to a pure function whose result goes unused, prefetches
// and all (C++ hits at 10^7 took 44 ns instead of 33).
template <class Table>
[[gnu::always_inline]] inline void prefetch_probe_if_large(const Table& table, std::int64_t value) {
  if (table.capacity() >= kPrefetchMinCapacity) prefetch_probe(table, value);
}

// Inserts `value` into `table`; returns whether it was new.
template <class Table>
[[gnu::always_inline]] inline bool insert_value(Table& table, std::int64_t value) {
#ifdef HASHSET_ABSEIL_INTERNALS
  using Insertion = detail::TableInternals::Insertion;
  const Insertion insertion = detail::TableInternals::insert_in_first_group(table, value);
  if (insertion != Insertion::kUndecided) return insertion == Insertion::kAdded;
#endif
  return table.insert(value).second;
}

// insert() grows a small table 4-fold, not 2-fold as abseil does: the
// rehashes cost more than the inserts (one at a time into a fresh set: 14 ->
// 10.6 ns per element at 10^3, 15.9 -> 10.8 at 10^5). Python's set does the
// same below 50,000 elements. Larger tables double, to keep memory low.
constexpr std::size_t kQuadrupleGrowthMaxCapacity = std::size_t{1} << 16;

// Calls visit(value) for each value in [first, last) (an array or another
// table), prefetching ahead in `probed`, the table that visit() looks up or
// changes. `probed` must not be the table being iterated.
template <class Table, class Iterator, class Visit>
void for_each_prefetched(const Table& probed, Iterator first, Iterator last, Visit visit) {
  if (probed.capacity() < kPrefetchMinCapacity) {
    for (; first != last; ++first) visit(*first);
    return;
  }
  Iterator ahead = first;
  for (std::size_t i = 0; i < kPrefetchDistance && ahead != last; ++i, ++ahead) prefetch_probe(probed, *ahead);
  for (; first != last; ++first) {
    if (ahead != last) {
      prefetch_probe(probed, *ahead);
      ++ahead;
    }
    visit(*first);
  }
}

template <class Table, class Visit>
void for_each_prefetched(const Table& probed, const Table& source, Visit visit) {
  for_each_prefetched(probed, source.begin(), source.end(), visit);
}

// Inserts the `count` values of [first, last) into `set`, whose table is
// `elements`, growing the table at most once, before the first insert.
//
// Growing on the way is not only slower: abseil grows a table when it is
// 7/8 full over all, but values read from another table (or from its
// collect()) arrive in that table's slot order, sorted by probe position, so
// the region they fill first overflows long before that point and every
// later insert walks one ever longer probe run (measured: 2 us per insert
// when adding 10^7 such values to a set of 10^7).
template <class Table, class Iterator>
void insert_all(HashSet& set, Table& elements, Iterator first, Iterator last, std::size_t count) {
  const auto insert = [&](std::int64_t value) { insert_value(elements, value); };
  const std::size_t capacity = elements.capacity();
  if (elements.size() + count <= capacity - capacity / 8) {  // abseil's maximum load
    for_each_prefetched(elements, first, last, insert);
    return;
  }
  if (elements.empty()) {
    // Size it for every value; when most were duplicates, shrink it to fit.
    set.reserve(count);
    for_each_prefetched(elements, first, last, insert);
    if (elements.size() < count / 2) {
      ensure_allocatable(elements.size());
      elements.rehash(0);
    }
    return;
  }
  // Find the values that are new first: the room they need, and no rehash
  // (which would stop live iterators) when none is.
  std::vector<std::int64_t> fresh;
  for_each_prefetched(elements, first, last, [&](std::int64_t value) {
    if (!elements.contains(value)) fresh.push_back(value);
  });
  if (fresh.empty()) return;
  set.reserve(elements.size() + fresh.size());
  for_each_prefetched(elements, fresh.begin(), fresh.end(), insert);
}

#ifdef HASHSET_AVX512_LOOKUP
// Whether this CPU (and the OS, which must save the registers) has the
// extensions of first_group_lookup_x8(), and the user has not turned it off.
bool avx512_lookup_enabled() {
  static const bool enabled = [] {
    const char* disabled = std::getenv("HASHSET_DISABLE_AVX512");
    if (disabled != nullptr && *disabled != '\0' && std::strcmp(disabled, "0") != 0) return false;
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512cd") &&
           __builtin_cpu_supports("avx512vl");
  }();
  return enabled;
}
#endif

#ifdef HASHSET_ABSEIL_INTERNALS
// contains_many() over a table with slots. Each value's hash is computed
// kPrefetchDistance values ahead, when its lines are prefetched, and kept
// until its lookup.
//
// The values go in chunks, each looked up either with abseil's find() or
// with the branch-free first-group lookup (abseil_internals.hpp), chosen by the
// previous chunk's share of hits: find() is faster when its branch is
// predictable (3.5 against about 5.5 ns per value on misses only, 10^6
// elements), and a misprediction costs about 9 ns, so find() is used when
// fewer than 1 value in 8 takes the less likely outcome. With AVX-512, the
// branch-free lookup goes eight values at a time.
template <class Table>
class BulkContains {
 public:
  BulkContains(const Table& elements, const std::int64_t* values, std::size_t count, std::uint8_t* found)
      : elements_(elements), values_(values), count_(count), found_(found) {}

  void run() {
    for (std::size_t i = 0; i < std::min(count_, kPrefetchDistance); ++i) hash_ahead(i);
    bool branch_free = true;
    for (std::size_t begin = 0; begin < count_; begin += kChunk) {
      const std::size_t end = std::min(count_, begin + kChunk);
      const std::size_t hits = !branch_free ? look_up<false>(begin, end) : look_up_branch_free(begin, end);
      const std::size_t looked_up = end - begin;
      branch_free = 8 * hits > looked_up && 8 * hits < 7 * looked_up;
    }
  }

 private:
  using Probe = detail::TableInternals;
  static constexpr std::size_t kChunk = 256;

  void hash_ahead(std::size_t i) {
    std::size_t& hash = hashes_[i % kPrefetchDistance];
    hash = Probe::hash(elements_, values_[i]);
    Probe::prefetch(elements_, hash);
  }

  std::uint8_t contains(std::size_t hash, std::int64_t value) const {
    return elements_.find(value, hash) != elements_.end();
  }

  std::size_t look_up_branch_free(std::size_t begin, std::size_t end) {
#ifdef HASHSET_AVX512_LOOKUP
    if (avx512_lookup_enabled()) return look_up_8_at_once(begin, end);
#endif
    return look_up<true>(begin, end);
  }

#ifdef HASHSET_AVX512_LOOKUP
  // look_up<true>(begin, end), eight values at a time.
  HASHSET_AVX512_TARGET std::size_t look_up_8_at_once(std::size_t begin, std::size_t end) {
    std::size_t hits = 0;
    std::size_t i = begin;
    for (; i + 8 <= end; i += 8) {
      // kPrefetchDistance is a multiple of 8: the eight hashes are adjacent.
      std::size_t hashes[8];
      std::memcpy(hashes, &hashes_[i % kPrefetchDistance], sizeof hashes);
      for (std::size_t ahead = i + kPrefetchDistance; ahead < std::min(count_, i + 8 + kPrefetchDistance); ++ahead) {
        hash_ahead(ahead);
      }
      const auto outcomes = Probe::first_group_lookup_x8(elements_, hashes, values_ + i, found_ + i);
      hits += static_cast<std::size_t>(__builtin_popcount(outcomes.present));
      for (unsigned undecided = outcomes.undecided; undecided != 0; undecided &= undecided - 1) {
        const int lane = __builtin_ctz(undecided);
        const std::uint8_t present = contains(hashes[lane], values_[i + lane]);
        found_[i + lane] = present;
        hits += present;
      }
    }
    return hits + look_up<true>(i, end);
  }
  static_assert(kPrefetchDistance % 8 == 0);
#endif

  // Looks up values [begin, end); returns how many are elements.
  template <bool kBranchFree>
  std::size_t look_up(std::size_t begin, std::size_t end) {
    std::size_t hits = 0;
    for (std::size_t i = begin; i < end; ++i) {
      const std::size_t hash = hashes_[i % kPrefetchDistance];
      if (i + kPrefetchDistance < count_) hash_ahead(i + kPrefetchDistance);
      const std::int64_t value = values_[i];
      std::uint8_t present;
      if constexpr (kBranchFree) {
        const Probe::Outcome outcome = Probe::first_group_lookup(elements_, hash, value);
        present = outcome == Probe::kUndecided ? contains(hash, value) : std::uint8_t{outcome};
      } else {
        present = contains(hash, value);
      }
      found_[i] = present;
      hits += present;
    }
    return hits;
  }

  const Table& elements_;
  const std::int64_t* const values_;
  const std::size_t count_;
  std::uint8_t* const found_;
  std::size_t hashes_[kPrefetchDistance];
};
#endif

constexpr std::size_t kHugePage = std::size_t{2} << 20;

// A new set of `values`, collected first so that its table is sized once.
HashSet set_of(const std::vector<std::int64_t>& values) {
  HashSet result;
  result.insert_many(values.data(), values.size());
  return result;
}

}  // namespace

namespace detail {

void* allocate_table_bytes(std::size_t bytes) {
  if (bytes < kHugePage) return ::operator new(bytes);
  const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* pointer = std::aligned_alloc(kHugePage, rounded);
  if (pointer == nullptr) throw std::bad_alloc();
  madvise(pointer, rounded, MADV_HUGEPAGE);  // a hint: failure only costs speed
  return pointer;
}

void deallocate_table_bytes(void* pointer, std::size_t bytes) noexcept {
  if (bytes < kHugePage) {
    ::operator delete(pointer);
  } else {
    std::free(pointer);
  }
}

}  // namespace detail

HashSet::HashSet() : state_(std::make_shared<State>()) {}

HashSet::HashSet(const HashSet& other) : HashSet() { state_->elements = other.state_->elements; }

HashSet::HashSet(HashSet&& other) : HashSet() { *this = std::move(other); }

HashSet& HashSet::operator=(const HashSet& other) {
  if (this != &other) {
    state_->elements = other.state_->elements;
    mark_changed();
  }
  return *this;
}

HashSet& HashSet::operator=(HashSet&& other) {
  if (this != &other) {
    state_->elements = std::move(other.state_->elements);
    other.state_->elements.clear();
    mark_changed();
    other.mark_changed();
  }
  return *this;
}

HashSet::~HashSet() = default;

void HashSet::mark_changed() { ++state_->version; }

std::uint64_t HashSet::version() const { return state_->version; }

bool HashSet::insert(std::int64_t value) {
  Table& elements = state_->elements;
  const std::size_t capacity = elements.capacity();
  prefetch_probe_if_large(elements, value);
  // abseil's maximum load is 7/8: at it, a new value would make it double.
  if (capacity < kQuadrupleGrowthMaxCapacity && elements.size() >= capacity - capacity / 8 &&
      !elements.contains(value)) {
    reserve(std::max<std::size_t>(4 * elements.size(), 14));
  }
  const bool added = insert_value(elements, value);
  if (added) mark_changed();
  return added;
}

bool HashSet::contains(std::int64_t value) const {
  const Table& elements = state_->elements;
  prefetch_probe_if_large(elements, value);
  return elements.contains(value);
}

bool HashSet::erase(std::int64_t value) {
  Table& elements = state_->elements;
  prefetch_probe_if_large(elements, value);
  const bool removed = elements.erase(value) != 0;
  if (removed) mark_changed();
  return removed;
}

std::int64_t HashSet::pop() {
  Table& elements = state_->elements;
  if (elements.empty()) throw std::out_of_range("pop from an empty set");
  auto position = state_->pop_hint_version == state_->version ? state_->pop_hint : elements.begin();
  if (position == elements.end()) position = elements.begin();
  const std::int64_t value = *position;
  const auto following = std::next(position);
  elements.erase(position);  // leaves other iterators valid: no rehash on erase
  mark_changed();
  state_->pop_hint = following;
  state_->pop_hint_version = state_->version;
  return value;
}

std::size_t HashSet::size() const { return state_->elements.size(); }

bool HashSet::empty() const { return state_->elements.empty(); }

void HashSet::clear() {
  if (state_->elements.empty()) return;
  state_->elements.clear();
  mark_changed();
}

void HashSet::reserve(std::size_t count) {
  // abseil aborts the process on sizes whose table size overflows; no table
  // of more than SIZE_MAX / 32 elements (8 bytes and a control byte each, at
  // most 7/8 full) fits in memory anyway, and this bound keeps the size
  // arithmetic of ensure_allocatable() from overflowing.
  if (count > std::numeric_limits<std::size_t>::max() / 32) {
    throw std::length_error("reserve: more elements than a set can hold");
  }
  const std::size_t capacity = state_->elements.capacity();
  if (count > capacity) ensure_allocatable(count);
  state_->elements.reserve(count);
  // A rehash moves every element: live iterators must notice.
  if (state_->elements.capacity() != capacity) mark_changed();
}

std::vector<std::int64_t> HashSet::collect() const {
  // One walk of the table: the vector's range constructor would walk it
  // twice, first to count the elements (std::distance of forward iterators).
  std::vector<std::int64_t> values;
  values.reserve(size());
  const auto append = [&](std::int64_t value) { values.push_back(value); };
#ifdef HASHSET_ABSEIL_INTERNALS
  detail::TableInternals::for_each_full(state_->elements, append);
#else
  for_each(append);
#endif
  return values;
}

std::size_t HashSet::insert_many(const std::int64_t* values, std::size_t count) {
  Table& elements = state_->elements;
  const std::size_t before = elements.size();
  insert_all(*this, elements, values, values + count, count);
  const std::size_t added = elements.size() - before;
  if (added != 0) mark_changed();
  return added;
}

std::size_t HashSet::erase_many(const std::int64_t* values, std::size_t count) {
  Table& elements = state_->elements;
  const std::size_t before = elements.size();
  for_each_prefetched(elements, values, values + count, [&](std::int64_t value) { elements.erase(value); });
  const std::size_t removed = before - elements.size();
  if (removed != 0) mark_changed();
  return removed;
}

void HashSet::contains_many(const std::int64_t* values, std::size_t count,
                            std::uint8_t* found) const {
  const Table& elements = state_->elements;
  std::uint8_t* out = found;  // visited in order
#ifdef HASHSET_ABSEIL_INTERNALS
  if (elements.capacity() != 0) {  // an empty table has no slots to read
    BulkContains<Table>(elements, values, count, found).run();
    return;
  }
#endif
  for_each_prefetched(elements, values, values + count,
                      [&](std::int64_t value) { *out++ = elements.contains(value) ? 1 : 0; });
}

const char* bulk_lookup_instructions() {
#ifdef HASHSET_AVX512_LOOKUP
  if (avx512_lookup_enabled()) return "avx512";
#endif
#ifdef HASHSET_ABSEIL_INTERNALS
  return "sse2";
#else
  return "abseil";
#endif
}

bool HashSet::equals(const HashSet& other) const {
  return size() == other.size() && is_subset(other);
}

bool HashSet::is_subset(const HashSet& other) const {
  if (size() > other.size()) return false;
  const Table& others = other.state_->elements;
  return std::all_of(state_->elements.begin(), state_->elements.end(),
                     [&](std::int64_t value) { return others.contains(value); });
}

bool HashSet::is_superset(const HashSet& other) const { return other.is_subset(*this); }

bool HashSet::is_disjoint(const HashSet& other) const {
  const bool this_is_smaller = size() <= other.size();
  const Table& small = (this_is_smaller ? *this : other).state_->elements;
  const Table& large = (this_is_smaller ? other : *this).state_->elements;
  return std::none_of(small.begin(), small.end(),
                      [&](std::int64_t value) { return large.contains(value); });
}

HashSet HashSet::union_with(const HashSet& other) const {
  const bool this_is_larger = size() >= other.size();
  HashSet result(this_is_larger ? *this : other);
  result.update(this_is_larger ? other : *this);
  return result;
}

HashSet HashSet::intersection_with(const HashSet& other) const {
  const bool this_is_smaller = size() <= other.size();
  const Table& small = (this_is_smaller ? *this : other).state_->elements;
  const Table& large = (this_is_smaller ? other : *this).state_->elements;
  std::vector<std::int64_t> common;
  common.reserve(small.size());
  // No prefetching: lookups walking another table overlap without it, and it
  // would hash each value twice (10^6 values, half of them common: 16.6-17.6
  // -> 15.1-15.6 ns per value, C++, alternating runs; likewise is_subset()
  // and is_disjoint()). Inserts and erases keep it: without it they took
  // 1.5-3.5x as long.
  for (const std::int64_t value : small) {
    if (large.contains(value)) common.push_back(value);
  }
  return set_of(common);
}

HashSet HashSet::difference_with(const HashSet& other) const {
  const Table& others = other.state_->elements;
  std::vector<std::int64_t> kept;
  kept.reserve(size());
  // Not prefetched, as in intersection_with() (10^6 values, half of them in
  // `other`: 17.7-17.9 -> 14.5-14.8 ns per value, C++, alternating runs).
  for (const std::int64_t value : state_->elements) {
    if (!others.contains(value)) kept.push_back(value);
  }
  return set_of(kept);
}

HashSet HashSet::symmetric_difference_with(const HashSet& other) const {
  HashSet result(*this);
  result.symmetric_difference_update(other);
  return result;
}

void HashSet::update(const HashSet& other) {
  if (this == &other || other.empty()) return;
  if (empty()) {
    // A copy: abseil places each element without first probing for it.
    state_->elements = other.state_->elements;
    mark_changed();
    return;
  }
  const std::size_t before = size();
  const Table& others = other.state_->elements;
  insert_all(*this, state_->elements, others.begin(), others.end(), others.size());
  if (size() != before) mark_changed();
}

void HashSet::intersection_update(const HashSet& other) {
  if (this == &other) return;
  const std::size_t before = size();
  if (other.size() < before) {
    // Probing the smaller side is cheaper; rebuild from it.
    state_->elements = std::move(intersection_with(other).state_->elements);
  } else {
    absl::erase_if(state_->elements,
                   [&](std::int64_t value) { return !other.state_->elements.contains(value); });
  }
  if (size() != before) mark_changed();
}

void HashSet::difference_update(const HashSet& other) {
  if (this == &other) {
    clear();
    return;
  }
  const std::size_t before = size();
  Table& elements = state_->elements;
  const Table& others = other.state_->elements;
  if (others.size() < elements.size()) {
    for_each_prefetched(elements, others, [&](std::int64_t value) { elements.erase(value); });
  } else {
    absl::erase_if(elements, [&](std::int64_t value) { return others.contains(value); });
  }
  if (size() != before) mark_changed();
}

void HashSet::symmetric_difference_update(const HashSet& other) {
  if (this == &other) {
    clear();
    return;
  }
  Table& elements = state_->elements;
  std::vector<std::int64_t> fresh;
  for_each_prefetched(elements, other.state_->elements, [&](std::int64_t value) {
    if (elements.erase(value) == 0) fresh.push_back(value);
  });
  insert_all(*this, elements, fresh.begin(), fresh.end(), fresh.size());
  if (!other.empty()) mark_changed();
}

std::vector<std::uint8_t> HashSet::serialize() const {
  std::vector<std::int64_t> sorted = collect();
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::uint8_t> bytes(kHeaderSize + 8 * sorted.size() + kChecksumSize);
  std::memcpy(bytes.data(), kMagic, sizeof kMagic);
  put_le(bytes.data() + 4, kFormatVersion, 4);
  put_le(bytes.data() + 8, sorted.size(), 8);
  std::uint8_t* out = bytes.data() + kHeaderSize;
  for (std::int64_t value : sorted) {
    put_le(out, static_cast<std::uint64_t>(value), 8);
    out += 8;
  }
  put_le(out, fnv1a(bytes.data(), bytes.size() - kChecksumSize), 8);
  return bytes;
}

HashSet HashSet::deserialize(const std::uint8_t* data, std::size_t size) {
  if (size < kHeaderSize + kChecksumSize) throw FormatError("serialized set: truncated header");
  if (std::memcmp(data, kMagic, sizeof kMagic) != 0) throw FormatError("serialized set: bad magic");
  if (get_le(data + 4, 4) != kFormatVersion) {
    throw FormatError("serialized set: unsupported format version");
  }
  const std::uint64_t count = get_le(data + 8, 8);
  // Compare through the byte count actually present, so a huge count field
  // can neither overflow nor trigger a large allocation.
  if (count != (size - kHeaderSize - kChecksumSize) / 8 ||
      (size - kHeaderSize - kChecksumSize) % 8 != 0) {
    throw FormatError("serialized set: length does not match element count");
  }
  if (get_le(data + size - kChecksumSize, 8) != fnv1a(data, size - kChecksumSize)) {
    throw FormatError("serialized set: checksum mismatch");
  }
  HashSet result;
  result.reserve(count);
  const std::uint8_t* in = data + kHeaderSize;
  for (std::uint64_t i = 0; i < count; ++i, in += 8) {
    const auto value = static_cast<std::int64_t>(get_le(in, 8));
    if (i > 0 && value <= static_cast<std::int64_t>(get_le(in - 8, 8))) {
      throw FormatError("serialized set: elements not in strictly ascending order");
    }
    insert_value(result.state_->elements, value);
  }
  return result;
}

bool operator==(const HashSet& a, const HashSet& b) { return a.equals(b); }

bool operator!=(const HashSet& a, const HashSet& b) { return !a.equals(b); }

HashSetIterator::HashSetIterator(const HashSet& set)
    : state_(set.state_),
      expected_version_(set.state_->version),
      position_(set.state_->elements.begin()),
      remaining_(set.state_->elements.size()) {}

bool HashSetIterator::is_stale() const { return state_->version != expected_version_; }

bool HashSetIterator::has_next() const {
  if (!state_) return false;
  // A stale iterator reports more so that next() gets to throw.
  return is_stale() || position_ != state_->elements.end();
}

std::int64_t HashSetIterator::next() {
  if (!state_) throw std::out_of_range("iteration finished");
  if (is_stale()) throw ConcurrentModificationError();
  if (position_ == state_->elements.end()) {
    state_.reset();  // exhausted stays exhausted, and the elements are released
    can_remove_ = false;
    throw std::out_of_range("iteration finished");
  }
  last_returned_ = *position_;
  ++position_;
  --remaining_;
  can_remove_ = true;
  return last_returned_;
}

void HashSetIterator::remove() {
  if (!can_remove_) throw std::logic_error("remove() needs a preceding next()");
  if (is_stale()) throw ConcurrentModificationError();
  // Erasing never moves other elements, so position_ stays valid.
  state_->elements.erase(last_returned_);
  expected_version_ = ++state_->version;
  can_remove_ = false;
}

std::size_t HashSetIterator::next_batch(std::int64_t* out, std::size_t capacity) {
  if (!state_) return 0;
  if (is_stale()) throw ConcurrentModificationError();
#ifdef HASHSET_ABSEIL_INTERNALS
  const std::size_t count = detail::TableInternals::copy_from(state_->elements, position_, out, capacity);
#else
  const auto end = state_->elements.end();
  std::size_t count = 0;
  for (; count < capacity && position_ != end; ++position_) out[count++] = *position_;
#endif
  remaining_ -= count;
  can_remove_ = false;  // remove() removes only the element last returned by next()
  return count;
}

void HashSetIterator::remove_returned(std::int64_t value) {
  if (!state_) throw std::logic_error("remove_returned() after the iteration finished");
  if (is_stale()) throw ConcurrentModificationError();
  HashSet::Table& elements = state_->elements;
  const auto found = elements.find(value);
  if (found == elements.end()) throw std::logic_error("remove_returned() needs an element of the set");
  // The iterator walks the slot array upwards: what lies below position_ was
  // returned. (Erasing the element under position_ would leave it on an empty
  // slot; one further on would never be returned.)
  if (position_ != elements.end() && &*found >= &*position_) {
    throw std::logic_error("remove_returned() needs an element already returned");
  }
  elements.erase(found);
  expected_version_ = ++state_->version;
  can_remove_ = false;
}

std::size_t HashSetIterator::remaining() const {
  return state_ && !is_stale() ? remaining_ : 0;
}

}  // namespace hashset

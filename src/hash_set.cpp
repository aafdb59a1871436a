#include "hashset/hash_set.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <limits>
#include <new>
#include <utility>

#include <sys/mman.h>
#include <sys/random.h>

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

// Loops over many values on a table larger than the caches overlap their
// memory stalls: the slot of the value kPrefetchDistance ahead is prefetched
// while the current one is probed. Small tables skip it (it costs a second
// hash).
constexpr std::size_t kPrefetchDistance = 16;
constexpr std::size_t kPrefetchMinCapacity = std::size_t{1} << 16;

using detail::FlatTable;

// Calls visit(value) for each value in [first, last), prefetching ahead in
// `probed`, the table that visit() looks up or changes.
template <class Visit>
void for_each_prefetched(const FlatTable& probed, const std::int64_t* first, const std::int64_t* last,
                         Visit visit) {
  if (probed.capacity() < kPrefetchMinCapacity) {
    for (; first != last; ++first) visit(*first);
    return;
  }
  const std::int64_t* ahead = first;
  for (std::size_t i = 0; i < kPrefetchDistance && ahead != last; ++i, ++ahead) probed.prefetch(*ahead);
  for (; first != last; ++first) {
    if (ahead != last) {
      probed.prefetch(*ahead);
      ++ahead;
    }
    visit(*first);
  }
}

// The same over the elements of the table `source` (which must not be `probed`).
template <class Visit>
void for_each_prefetched(const FlatTable& probed, const FlatTable& source, Visit visit) {
  if (source.has_zero()) visit(std::int64_t{0});
  const std::uint64_t* slots = source.slots();
  const std::size_t capacity = source.capacity();
  if (probed.capacity() < kPrefetchMinCapacity) {
    for (std::size_t i = 0; i < capacity; ++i) {
      if (slots[i] != 0) visit(static_cast<std::int64_t>(slots[i]));
    }
    return;
  }
  for (std::size_t i = 0; i < capacity; ++i) {
    if (i + kPrefetchDistance < capacity && slots[i + kPrefetchDistance] != 0) {
      probed.prefetch(static_cast<std::int64_t>(slots[i + kPrefetchDistance]));
    }
    if (slots[i] != 0) visit(static_cast<std::int64_t>(slots[i]));
  }
}

// Inserts the `count` values that each(visit) visits (prefetching in
// `elements`) into `set`, whose table is `elements`, growing the table at
// most once, before the first insert.
template <class Each>
void insert_all(HashSet& set, FlatTable& elements, Each each, std::size_t count) {
  const auto insert = [&](std::int64_t value) { elements.insert(value); };
  if (elements.size() + count <= elements.capacity() / 4 * 3) {  // no growth possible
    each(insert);
    return;
  }
  if (elements.empty()) {
    // Size it for every value; when most were duplicates, shrink it to fit.
    set.reserve(count);
    each(insert);
    if (elements.size() < count / 2) elements.shrink_to_fit();
    return;
  }
  // Find the values that are new first: the room they need, and no rehash
  // (which would stop live iterators) when none is.
  std::vector<std::int64_t> fresh;
  each([&](std::int64_t value) {
    if (!elements.contains(value)) fresh.push_back(value);
  });
  if (fresh.empty()) return;
  set.reserve(elements.size() + fresh.size());
  for_each_prefetched(elements, fresh.data(), fresh.data() + fresh.size(), insert);
}

constexpr std::size_t kHugePage = std::size_t{2} << 20;

// A new set of `values`, collected first so that its table is sized once.
HashSet set_of(const std::vector<std::int64_t>& values) {
  HashSet result;
  result.insert_many(values.data(), values.size());
  return result;
}

}  // namespace

namespace detail {

// Fresh anonymous pages are zero, so neither branch writes the table. Large
// tables ask for transparent huge pages: first touch of fresh 4 KiB pages
// dominates building a large table on virtualised machines; 2 MiB pages cut
// those faults 512-fold.
void* allocate_zeroed_table(std::size_t bytes) {
  if (bytes < kHugePage) {
    void* pointer = std::calloc(bytes, 1);
    if (pointer == nullptr) throw std::bad_alloc();
    return pointer;
  }
  if (bytes > std::numeric_limits<std::size_t>::max() / 2) throw std::bad_alloc();
  const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  // Map one huge page more, then trim both ends to a 2 MiB-aligned range.
  void* mapped = mmap(nullptr, rounded + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) throw std::bad_alloc();
  const auto address = reinterpret_cast<std::uintptr_t>(mapped);
  const std::uintptr_t aligned = (address + kHugePage - 1) & ~(std::uintptr_t{kHugePage} - 1);
  if (aligned != address) munmap(mapped, aligned - address);
  const std::size_t tail = kHugePage - (aligned - address);
  if (tail != 0) munmap(reinterpret_cast<void*>(aligned + rounded), tail);
  madvise(reinterpret_cast<void*>(aligned), rounded, MADV_HUGEPAGE);  // a hint: failure only costs speed
  return reinterpret_cast<void*>(aligned);
}

void free_table(void* pointer, std::size_t bytes) noexcept {
  if (pointer == nullptr) return;
  if (bytes < kHugePage) {
    std::free(pointer);
  } else {
    munmap(pointer, (bytes + kHugePage - 1) / kHugePage * kHugePage);
  }
}

std::uint64_t hash_seed() noexcept {
  static const std::uint64_t seed = [] {
    std::uint64_t value = 0;
    if (getrandom(&value, sizeof value, GRND_NONBLOCK) != static_cast<ssize_t>(sizeof value)) {
      // No entropy yet (early boot): the clock and this library's address.
      value = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
              reinterpret_cast<std::uintptr_t>(&value);
    }
    return value;
  }();
  return seed;
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
  const bool added = state_->elements.insert(value);
  if (added) mark_changed();
  return added;
}

bool HashSet::contains(std::int64_t value) const { return state_->elements.contains(value); }

bool HashSet::erase(std::int64_t value) {
  const bool removed = state_->elements.erase(value);
  if (removed) mark_changed();
  return removed;
}

std::int64_t HashSet::pop() {
  Table& elements = state_->elements;
  if (elements.empty()) throw std::out_of_range("pop from an empty set");
  if (elements.has_zero()) {
    elements.erase(0);
    mark_changed();
    return 0;
  }
  // Scan on, cyclically, from where the last pop() stopped: a removal only
  // pulls elements back into the slot it emptied or later ones, so repeated
  // pops do not rescan the emptied slots before it.
  std::size_t index = state_->pop_hint_version == state_->version ? state_->pop_hint : 0;
  const std::uint64_t* slots = elements.slots();
  const std::size_t mask = elements.mask();
  index &= mask;
  while (slots[index] == 0) index = (index + 1) & mask;
  const auto value = static_cast<std::int64_t>(slots[index]);
  elements.erase_slot(index, [](std::size_t, std::size_t, std::uint64_t) {});
  mark_changed();
  state_->pop_hint = index;  // examined again next time: a later element may have moved in
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
  // A rehash moves every element: live iterators must notice.
  if (state_->elements.reserve(count)) mark_changed();
}

std::vector<std::int64_t> HashSet::collect() const {
  std::vector<std::int64_t> values;
  values.reserve(size());
  state_->elements.for_each([&](std::int64_t value) { values.push_back(value); });
  return values;
}

std::size_t HashSet::insert_many(const std::int64_t* values, std::size_t count) {
  Table& elements = state_->elements;
  const std::size_t before = elements.size();
  insert_all(
      *this, elements,
      [&](auto visit) { for_each_prefetched(elements, values, values + count, visit); }, count);
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
  if (elements.capacity() < kPrefetchMinCapacity) {
    for (std::size_t i = 0; i < count; ++i) found[i] = elements.contains(values[i]) ? 1 : 0;
    return;
  }
  // In batches: hash and prefetch a batch's home slots, then probe them, so
  // that the batch's memory accesses overlap and each value is hashed once.
  constexpr std::size_t kBatch = 32;
  std::size_t homes[kBatch];
  for (std::size_t first = 0; first < count; first += kBatch) {
    const std::size_t size = std::min(kBatch, count - first);
    for (std::size_t i = 0; i < size; ++i) {
      homes[i] = elements.home(static_cast<std::uint64_t>(values[first + i]));
      __builtin_prefetch(elements.slots() + homes[i]);
    }
    for (std::size_t i = 0; i < size; ++i) {
      const std::int64_t value = values[first + i];
      found[first + i] = (value == 0 ? elements.has_zero() : elements.contains_from(homes[i], value)) ? 1 : 0;
    }
  }
}

bool HashSet::equals(const HashSet& other) const {
  return size() == other.size() && is_subset(other);
}

bool HashSet::is_subset(const HashSet& other) const {
  if (size() > other.size()) return false;
  const Table& others = other.state_->elements;
  bool all = true;
  for_each_prefetched(others, state_->elements, [&](std::int64_t value) {
    all = all && others.contains(value);
  });
  return all;
}

bool HashSet::is_superset(const HashSet& other) const { return other.is_subset(*this); }

bool HashSet::is_disjoint(const HashSet& other) const {
  const bool this_is_smaller = size() <= other.size();
  const Table& small = (this_is_smaller ? *this : other).state_->elements;
  const Table& large = (this_is_smaller ? other : *this).state_->elements;
  bool none = true;
  for_each_prefetched(large, small, [&](std::int64_t value) { none = none && !large.contains(value); });
  return none;
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
  for_each_prefetched(large, small, [&](std::int64_t value) {
    if (large.contains(value)) common.push_back(value);
  });
  return set_of(common);
}

HashSet HashSet::difference_with(const HashSet& other) const {
  const Table& others = other.state_->elements;
  std::vector<std::int64_t> kept;
  kept.reserve(size());
  for_each_prefetched(others, state_->elements, [&](std::int64_t value) {
    if (!others.contains(value)) kept.push_back(value);
  });
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
    // A copy of the slot array: no element is probed for.
    state_->elements = other.state_->elements;
    mark_changed();
    return;
  }
  const std::size_t before = size();
  Table& elements = state_->elements;
  const Table& others = other.state_->elements;
  insert_all(
      *this, elements, [&](auto visit) { for_each_prefetched(elements, others, visit); }, others.size());
  if (size() != before) mark_changed();
}

void HashSet::intersection_update(const HashSet& other) {
  if (this == &other) return;
  const std::size_t before = size();
  if (other.size() < before) {
    // Probing the smaller side is cheaper; rebuild from it.
    state_->elements = std::move(intersection_with(other).state_->elements);
  } else {
    const Table& others = other.state_->elements;
    state_->elements.erase_if([&](std::int64_t value) { return !others.contains(value); });
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
    elements.erase_if([&](std::int64_t value) { return others.contains(value); });
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
    if (!elements.erase(value)) fresh.push_back(value);
  });
  insert_all(
      *this, elements,
      [&](auto visit) { for_each_prefetched(elements, fresh.data(), fresh.data() + fresh.size(), visit); },
      fresh.size());
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
    result.state_->elements.insert(value);
  }
  return result;
}

bool operator==(const HashSet& a, const HashSet& b) { return a.equals(b); }

bool operator!=(const HashSet& a, const HashSet& b) { return !a.equals(b); }

HashSetIterator::HashSetIterator(const HashSet& set)
    : state_(set.state_),
      expected_version_(set.state_->version),
      start_(set.state_->elements.capacity() == 0 ? 0 : set.state_->elements.empty_slot()),
      zero_pending_(set.state_->elements.has_zero()),
      remaining_(set.state_->elements.size()) {}

bool HashSetIterator::is_stale() const { return state_->version != expected_version_; }

bool HashSetIterator::walked(std::size_t index) const {
  return ((index - start_ - 1) & state_->elements.mask()) < offset_;
}

std::int64_t HashSetIterator::advance() {
  --remaining_;
  last_was_walked_ = false;
  if (zero_pending_) {
    zero_pending_ = false;
    return 0;
  }
  if (!carried_.empty()) {
    const std::int64_t value = carried_.back();
    carried_.pop_back();
    return value;
  }
  const HashSet::Table& elements = state_->elements;
  const std::uint64_t* slots = elements.slots();
  const std::size_t mask = elements.mask();
  for (;;) {  // remaining_ was not 0: an element lies ahead
    const std::uint64_t slot = slots[(start_ + 1 + offset_) & mask];
    ++offset_;
    if (slot != 0) {
      last_was_walked_ = true;
      return static_cast<std::int64_t>(slot);
    }
  }
}

void HashSetIterator::erase_at(std::size_t index) {
  state_->elements.erase_slot(index, [&](std::size_t from, std::size_t to, std::uint64_t key) {
    // An element pulled back over the walk's front would be skipped: keep it.
    if (!walked(from) && walked(to)) carried_.push_back(static_cast<std::int64_t>(key));
  });
}

bool HashSetIterator::has_next() const {
  if (!state_) return false;
  // A stale iterator reports more so that next() gets to throw.
  return is_stale() || remaining_ != 0;
}

std::int64_t HashSetIterator::next() {
  if (!state_) throw std::out_of_range("iteration finished");
  if (is_stale()) throw ConcurrentModificationError();
  if (remaining_ == 0) {
    state_.reset();  // exhausted stays exhausted, and the elements are released
    can_remove_ = false;
    throw std::out_of_range("iteration finished");
  }
  last_returned_ = advance();
  can_remove_ = true;
  return last_returned_;
}

void HashSetIterator::remove() {
  if (!can_remove_) throw std::logic_error("remove() needs a preceding next()");
  if (is_stale()) throw ConcurrentModificationError();
  HashSet::Table& elements = state_->elements;
  if (last_returned_ == 0) {
    elements.erase(0);
  } else if (last_was_walked_) {
    // The slot the walk just passed: step back onto it, so that an element
    // the removal pulls into it is still returned.
    --offset_;
    erase_at((start_ + 1 + offset_) & elements.mask());
  } else {
    erase_at(elements.find(last_returned_));
  }
  expected_version_ = ++state_->version;
  can_remove_ = false;
  last_was_walked_ = false;
}

std::size_t HashSetIterator::next_batch(std::int64_t* out, std::size_t capacity) {
  if (!state_) return 0;
  if (is_stale()) throw ConcurrentModificationError();
  std::size_t count = 0;
  for (; count < capacity && remaining_ != 0; ++count) out[count] = advance();
  can_remove_ = false;  // remove() removes only the element last returned by next()
  last_was_walked_ = false;
  return count;
}

void HashSetIterator::remove_returned(std::int64_t value) {
  if (!state_) throw std::logic_error("remove_returned() after the iteration finished");
  if (is_stale()) throw ConcurrentModificationError();
  HashSet::Table& elements = state_->elements;
  if (value == 0) {
    if (!elements.has_zero()) throw std::logic_error("remove_returned() needs an element of the set");
    if (zero_pending_) throw std::logic_error("remove_returned() needs an element already returned");
    elements.erase(0);
  } else {
    const std::size_t index = elements.find(value);
    if (elements.capacity() == 0 || index > elements.mask()) {
      throw std::logic_error("remove_returned() needs an element of the set");
    }
    if (!walked(index) || std::find(carried_.begin(), carried_.end(), value) != carried_.end()) {
      throw std::logic_error("remove_returned() needs an element already returned");
    }
    if (last_was_walked_ && index == ((start_ + offset_) & elements.mask())) {
      // The element next() just returned: as remove() does.
      --offset_;
      erase_at(index);
    } else {
      erase_at(index);
    }
  }
  expected_version_ = ++state_->version;
  can_remove_ = false;
  last_was_walked_ = false;
}

std::size_t HashSetIterator::remaining() const {
  return state_ && !is_stale() ? remaining_ : 0;
}

}  // namespace hashset

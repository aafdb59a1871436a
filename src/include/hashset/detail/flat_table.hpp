// HashSet's table: open addressing over signed 64-bit keys stored inline.
//
// - One array of 2^k slots, each a key; 0 marks an empty slot, and the key 0
//   itself is a separate flag. Fresh memory from the allocator is zero, so a
//   new table needs no fill pass.
// - Linear probing from the key's home slot, at most 3/4 full. A lookup hit
//   usually waits for one cache line (abseil's SwissTable reads its control
//   bytes, then the slot).
// - Ordered (Amble & Knuth, 1974): along every probe run, keys seen as
//   unsigned decrease, the empty slot (0) being the smallest. A lookup stops
//   at the first slot not greater than its key, so a miss costs about what a
//   hit costs rather than a walk to the end of the run.
// - Deletion shifts the following keys of the run back (no tombstones): keys
//   only ever move backwards within their run, never across an empty slot.
// - The hash is a 64x64->128-bit multiply folded to 64 bits, of the key
//   xor-ed with a random per-process seed (hash flooding), its top bits
//   giving the home slot.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <utility>

namespace hashset::detail {

/// Zero-filled memory for a table of `bytes` (huge pages when large); throws
/// std::bad_alloc.
void* allocate_zeroed_table(std::size_t bytes);
void free_table(void* pointer, std::size_t bytes) noexcept;
/// The process's random hash seed.
std::uint64_t hash_seed() noexcept;

class FlatTable {
 public:
  /// The most elements reserve() accepts (larger counts: std::length_error).
  static constexpr std::size_t max_size() { return std::numeric_limits<std::size_t>::max() / 32; }
  static constexpr std::size_t kMinCapacity = 16;

  FlatTable() noexcept : seed_(hash_seed()) {}
  FlatTable(const FlatTable& other) : seed_(other.seed_) { copy_from(other); }
  FlatTable(FlatTable&& other) noexcept { steal(other); }
  FlatTable& operator=(const FlatTable& other) {
    if (this != &other) {
      FlatTable copy(other);  // strong guarantee: *this unchanged when the copy throws
      *this = std::move(copy);
    }
    return *this;
  }
  FlatTable& operator=(FlatTable&& other) noexcept {
    if (this != &other) {
      release();
      steal(other);
    }
    return *this;
  }
  ~FlatTable() { release(); }

  std::size_t size() const noexcept { return count_ + (has_zero_ ? 1 : 0); }
  bool empty() const noexcept { return count_ == 0 && !has_zero_; }
  /// Slots in the array (0 before the first non-zero insert).
  std::size_t capacity() const noexcept { return slots_ == nullptr ? 0 : mask_ + 1; }
  bool has_zero() const noexcept { return has_zero_; }
  /// The slot array (capacity() entries, 0 = empty) for iteration.
  const std::uint64_t* slots() const noexcept { return slots_; }
  std::size_t mask() const noexcept { return mask_; }

  /// The home slot of a non-zero `key` (only when capacity() != 0).
  std::size_t home(std::uint64_t key) const noexcept {
    __extension__ using Wide = unsigned __int128;
    const Wide product = static_cast<Wide>(key ^ seed_) * 0x9E3779B97F4A7C15ULL;
    const std::uint64_t hash =
        static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64);
    return static_cast<std::size_t>(hash >> shift_);
  }

  void prefetch(std::int64_t key) const noexcept {
    if (slots_ != nullptr) __builtin_prefetch(slots_ + home(static_cast<std::uint64_t>(key)));
  }

  bool contains(std::int64_t key) const noexcept {
    if (key == 0) return has_zero_;
    if (slots_ == nullptr) return false;
    return contains_from(home(static_cast<std::uint64_t>(key)), key);
  }
  /// contains() with the home slot computed beforehand.
  bool contains_from(std::size_t index, std::int64_t key) const noexcept {
    const auto wanted = static_cast<std::uint64_t>(key);
    for (;; index = (index + 1) & mask_) {
      const std::uint64_t slot = slots_[index];
      if (slot <= wanted) return slot == wanted;
    }
  }
  /// The slot holding the non-zero `key`, or capacity() when absent.
  std::size_t find(std::int64_t key) const noexcept {
    if (slots_ == nullptr) return 0;
    const auto wanted = static_cast<std::uint64_t>(key);
    for (std::size_t index = home(wanted);; index = (index + 1) & mask_) {
      const std::uint64_t slot = slots_[index];
      if (slot <= wanted) return slot == wanted ? index : mask_ + 1;
    }
  }

  /// Adds `key`; returns true when it was new. Grows only for a new key
  /// (std::bad_alloc leaves the table unchanged).
  bool insert(std::int64_t key) {
    if (key == 0) {
      if (has_zero_) return false;
      has_zero_ = true;
      return true;
    }
    if (count_ >= growth_limit_) {
      if (contains(key)) return false;
      rehash(capacity_for(count_ + 1));
    }
    return insert_nonzero(static_cast<std::uint64_t>(key));
  }

  /// Removes `key`; returns true when it was an element.
  bool erase(std::int64_t key) noexcept {
    if (key == 0) {
      const bool had = has_zero_;
      has_zero_ = false;
      return had;
    }
    if (slots_ == nullptr) return false;
    const std::size_t index = find(key);
    if (index > mask_) return false;
    erase_slot(index, [](std::size_t, std::size_t, std::uint64_t) {});
    return true;
  }

  /// Empties the slot `index` and shifts the rest of its run back, calling
  /// moved(from, to, key) for every key moved.
  template <class Moved>
  void erase_slot(std::size_t index, Moved moved) noexcept {
    std::size_t hole = index;
    for (std::size_t next = (index + 1) & mask_;; next = (next + 1) & mask_) {
      const std::uint64_t key = slots_[next];
      if (key == 0) break;
      // The key may fill the hole unless its home lies in (hole, next].
      if (((next - home(key)) & mask_) >= ((next - hole) & mask_)) {
        slots_[hole] = key;
        moved(next, hole, key);
        hole = next;
      }
    }
    slots_[hole] = 0;
    --count_;
  }

  /// Removes every element for which keep(key) is false; returns how many.
  template <class Pred>
  std::size_t erase_if(Pred remove) {
    const std::size_t before = size();
    if (has_zero_ && remove(std::int64_t{0})) has_zero_ = false;
    if (count_ != 0) {
      // Walk forward from an empty slot: a removal pulls later keys of the run
      // back into the current slot, which is then examined again.
      const std::size_t start = empty_slot();
      for (std::size_t offset = 1; offset <= mask_ + 1; ++offset) {
        const std::size_t index = (start + offset) & mask_;
        while (slots_[index] != 0 && remove(static_cast<std::int64_t>(slots_[index]))) {
          erase_slot(index, [](std::size_t, std::size_t, std::uint64_t) {});
        }
      }
    }
    return before - size();
  }

  /// An empty slot (one exists whenever capacity() != 0).
  std::size_t empty_slot() const noexcept {
    std::size_t index = 0;
    while (slots_[index] != 0) ++index;
    return index;
  }

  /// Removes every element; keeps a small array, frees a large one.
  void clear() noexcept {
    has_zero_ = false;
    if (slots_ == nullptr) return;
    if (mask_ + 1 <= 128) {
      std::memset(slots_, 0, (mask_ + 1) * sizeof(std::uint64_t));
      count_ = 0;
    } else {
      release();
    }
  }

  /// Makes room for `count` elements without growing; throws
  /// std::length_error above max_size(), std::bad_alloc when out of memory,
  /// leaving the table unchanged. Returns true when the array was replaced.
  bool reserve(std::size_t count) {
    if (count > max_size()) throw std::length_error("reserve: more elements than a set can hold");
    const std::size_t wanted = capacity_for(count);
    if (wanted <= capacity()) return false;
    rehash(wanted);
    return true;
  }

  /// Shrinks the array to the smallest that holds the elements; a failed
  /// allocation keeps the current one.
  void shrink_to_fit() noexcept {
    if (slots_ == nullptr) return;
    const std::size_t wanted = capacity_for(count_);
    if (wanted >= capacity()) return;
    try {
      rehash(wanted);
    } catch (const std::bad_alloc&) {
    }
  }

  template <class Visit>
  void for_each(Visit&& visit) const {
    if (has_zero_) visit(std::int64_t{0});
    if (slots_ == nullptr) return;
    for (std::size_t index = 0; index <= mask_; ++index) {
      if (slots_[index] != 0) visit(static_cast<std::int64_t>(slots_[index]));
    }
  }

  /// The array size that holds `count` non-zero keys at most 3/4 full.
  static std::size_t capacity_for(std::size_t count) noexcept {
    if (count == 0) return 0;
    std::size_t capacity = kMinCapacity;
    while (capacity / 4 * 3 < count) capacity *= 2;
    return capacity;
  }

 private:
  bool insert_nonzero(std::uint64_t key) noexcept {
    for (std::size_t index = home(key);; index = (index + 1) & mask_) {
      const std::uint64_t slot = slots_[index];
      if (slot <= key) {
        if (slot == key) return false;
        ++count_;
        place_from(index, key);
        return true;
      }
    }
  }
  // Puts `key` at `index` (where the run holds a smaller key or is empty) and
  // carries each displaced key on to its own place further along.
  void place_from(std::size_t index, std::uint64_t key) noexcept {
    for (;;) {
      const std::uint64_t slot = slots_[index];
      if (slot < key) {
        slots_[index] = key;
        if (slot == 0) return;
        key = slot;
      }
      index = (index + 1) & mask_;
    }
  }
  void place(std::uint64_t key) noexcept { place_from(home(key), key); }

  void rehash(std::size_t capacity) {
    std::uint64_t* old = slots_;
    const std::size_t old_capacity = this->capacity();
    if (capacity == 0) {
      release_array();
      return;
    }
    slots_ = static_cast<std::uint64_t*>(allocate_zeroed_table(capacity * sizeof(std::uint64_t)));
    set_capacity(capacity);
    for (std::size_t index = 0; index < old_capacity; ++index) {
      if (old[index] != 0) place(old[index]);
    }
    free_table(old, old_capacity * sizeof(std::uint64_t));
  }
  void set_capacity(std::size_t capacity) noexcept {
    mask_ = capacity - 1;
    shift_ = 64 - static_cast<unsigned>(__builtin_ctzll(capacity));
    growth_limit_ = capacity / 4 * 3;
  }
  void copy_from(const FlatTable& other) {
    has_zero_ = other.has_zero_;
    if (other.count_ == 0) return;
    const std::size_t capacity = other.capacity();
    slots_ = static_cast<std::uint64_t*>(allocate_zeroed_table(capacity * sizeof(std::uint64_t)));
    std::memcpy(slots_, other.slots_, capacity * sizeof(std::uint64_t));
    set_capacity(capacity);
    count_ = other.count_;
  }
  void steal(FlatTable& other) noexcept {
    slots_ = other.slots_;
    mask_ = other.mask_;
    shift_ = other.shift_;
    count_ = other.count_;
    growth_limit_ = other.growth_limit_;
    has_zero_ = other.has_zero_;
    seed_ = other.seed_;
    other.slots_ = nullptr;
    other.mask_ = 0;
    other.shift_ = 64;
    other.count_ = 0;
    other.growth_limit_ = 0;
    other.has_zero_ = false;
  }
  void release_array() noexcept {
    free_table(slots_, capacity() * sizeof(std::uint64_t));
    slots_ = nullptr;
    mask_ = 0;
    shift_ = 64;
    count_ = 0;
    growth_limit_ = 0;
  }
  void release() noexcept {
    release_array();
    has_zero_ = false;
  }

  std::uint64_t* slots_ = nullptr;
  std::size_t mask_ = 0;
  unsigned shift_ = 64;
  std::size_t count_ = 0;         // non-zero keys in slots_
  std::size_t growth_limit_ = 0;  // count_ at which an insert grows the array
  bool has_zero_ = false;
  std::uint64_t seed_ = 0;
};

}  // namespace hashset::detail

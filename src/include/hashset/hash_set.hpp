// hashset: a set of signed 64-bit integers over abseil's SwissTable.
//
// The core knows nothing of SWIG or of any host language. Bindings rely on
// three properties documented here: every mutation that changes the contents
// bumps a version counter; iterators share ownership of the elements, so an
// iterator that outlives its set never reads freed memory; and every error is
// a standard exception type (see the class comments).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <absl/container/flat_hash_set.h>

#include "hashset/detail/table_allocator.hpp"

namespace hashset {

/// Thrown by HashSetIterator when its set changed after the iterator was made.
class ConcurrentModificationError : public std::runtime_error {
 public:
  ConcurrentModificationError() : std::runtime_error("set changed during iteration") {}
};

/// Thrown by HashSet::deserialize for bytes that are not a valid serialized set.
class FormatError : public std::invalid_argument {
 public:
  explicit FormatError(const std::string& what) : std::invalid_argument(what) {}
};

class HashSetIterator;

/// A set of signed 64-bit integers.
///
/// Not thread-safe: concurrent calls on one set need external locking.
/// Iteration order is unspecified and may change after any mutation.
class HashSet {
 public:
  /// Creates an empty set.
  HashSet();
  /// Creates a set holding the same elements as `other`.
  HashSet(const HashSet& other);
  /// Creates a set holding the elements of `other`, leaving `other` empty.
  HashSet(HashSet&& other);
  /// Replaces the elements with those of `other`.
  HashSet& operator=(const HashSet& other);
  /// Replaces the elements with those of `other`, leaving `other` empty.
  HashSet& operator=(HashSet&& other);
  ~HashSet();

  /// Adds `value`; returns true when it was not yet an element.
  bool insert(std::int64_t value);
  /// Returns true when `value` is an element.
  bool contains(std::int64_t value) const;
  /// Removes `value`; returns true when it was an element.
  bool erase(std::int64_t value);
  /// Removes and returns an arbitrary element; throws std::out_of_range when empty.
  std::int64_t pop();
  /// Returns the number of elements.
  std::size_t size() const;
  /// Returns true when the set has no elements.
  bool empty() const;
  /// Removes every element.
  void clear();
  /// Makes room for `count` elements in total without rehashing; throws
  /// std::length_error for counts no table can hold, std::bad_alloc when out of memory.
  void reserve(std::size_t count);
  /// Returns all elements in unspecified order.
  std::vector<std::int64_t> collect() const;
  /// Calls `visit(value)` for every element, in unspecified order, without
  /// copying them first; `visit` must not change the set.
  template <class Visit>
  void for_each(Visit&& visit) const {
    for (std::int64_t value : state_->elements) visit(value);
  }

  /// Adds `count` values read from `values`; returns how many were new.
  std::size_t insert_many(const std::int64_t* values, std::size_t count);
  /// Removes `count` values read from `values`; returns how many were elements.
  std::size_t erase_many(const std::int64_t* values, std::size_t count);
  /// Writes 1 to `found[i]` when `values[i]` is an element and 0 otherwise.
  void contains_many(const std::int64_t* values, std::size_t count, std::uint8_t* found) const;

  /// Returns true when both sets hold the same elements.
  bool equals(const HashSet& other) const;
  /// Returns true when every element of this set is in `other`.
  bool is_subset(const HashSet& other) const;
  /// Returns true when every element of `other` is in this set.
  bool is_superset(const HashSet& other) const;
  /// Returns true when the sets have no element in common.
  bool is_disjoint(const HashSet& other) const;

  /// Returns a new set with the elements of both sets.
  HashSet union_with(const HashSet& other) const;
  /// Returns a new set with the elements common to both sets.
  HashSet intersection_with(const HashSet& other) const;
  /// Returns a new set with the elements of this set that are not in `other`.
  HashSet difference_with(const HashSet& other) const;
  /// Returns a new set with the elements in exactly one of the two sets.
  HashSet symmetric_difference_with(const HashSet& other) const;

  /// Adds every element of `other`.
  void update(const HashSet& other);
  /// Keeps only the elements that are also in `other`.
  void intersection_update(const HashSet& other);
  /// Removes every element of `other`.
  void difference_update(const HashSet& other);
  /// Keeps the elements in exactly one of the two sets.
  void symmetric_difference_update(const HashSet& other);

  /// Returns the set in the portable binary format of docs/serialization.md:
  /// equal sets give identical bytes.
  std::vector<std::uint8_t> serialize() const;
  /// Reads a set written by serialize(); throws FormatError for any other bytes.
  static HashSet deserialize(const std::uint8_t* data, std::size_t size);

  /// Counts the mutations that changed the contents; iterators compare it.
  std::uint64_t version() const;

 private:
  friend class HashSetIterator;
  using Table = absl::flat_hash_set<std::int64_t, absl::Hash<std::int64_t>,
                                    std::equal_to<std::int64_t>,
                                    detail::TableAllocator<std::int64_t>>;
  struct State {
    Table elements;
    std::uint64_t version = 0;
    // Where the last pop() stopped, so repeated pops do not rescan deleted slots.
    Table::iterator pop_hint;
    std::uint64_t pop_hint_version = ~std::uint64_t{0};
  };

  void mark_changed();
  // Iterators share the state: one that outlives its set keeps the elements alive.
  std::shared_ptr<State> state_;
};

/// Equality of contents.
bool operator==(const HashSet& a, const HashSet& b);
/// Inequality of contents.
bool operator!=(const HashSet& a, const HashSet& b);

/// A fail-fast cursor over a HashSet.
///
/// Once made, any change to the set makes next() throw
/// ConcurrentModificationError (except a change made through this iterator's
/// remove() or remove_returned()). The iterator keeps the elements alive, so
/// it stays safe even after its set is destroyed. Once exhausted it stays
/// exhausted.
class HashSetIterator {
 public:
  /// Starts an iteration over `set`.
  explicit HashSetIterator(const HashSet& set);
  /// Returns true while there are elements left (never throws).
  bool has_next() const;
  /// Returns the next element; throws std::out_of_range when exhausted and
  /// ConcurrentModificationError when the set changed.
  std::int64_t next();
  /// Removes the element last returned by next(); throws std::logic_error when
  /// there is none, ConcurrentModificationError when the set changed.
  void remove();
  /// Copies up to `capacity` next elements into `out` and returns how many:
  /// fewer than `capacity` only at the end. Throws ConcurrentModificationError
  /// when the set changed, also at the end (as has_next() reports it) and when
  /// `capacity` is 0 (a check without copying).
  std::size_t next_batch(std::int64_t* out, std::size_t capacity);
  /// Removes `value`, an element that next() or next_batch() already returned
  /// (a caller handing out a batch removes earlier than the batch's last one);
  /// throws std::logic_error when it is not an element or not returned yet,
  /// ConcurrentModificationError when the set changed.
  void remove_returned(std::int64_t value);
  /// Returns the number of elements not yet returned (0 once the set changed).
  std::size_t remaining() const;

 private:
  bool is_stale() const;

  std::shared_ptr<HashSet::State> state_;  // null once exhausted
  std::uint64_t expected_version_;
  HashSet::Table::iterator position_;
  std::size_t remaining_;
  bool can_remove_ = false;
  std::int64_t last_returned_ = 0;
};

/// The instructions HashSet::contains_many() uses on this machine: "avx512"
/// (eight lookups at once, where the CPU has AVX-512 F/BW/DQ/CD/VL), "sse2",
/// or "abseil" (abseil's own lookup, with an abseil release other than the one
/// the faster lookups were written for). HASHSET_DISABLE_AVX512=1 in the
/// environment, read at the first call, rules out "avx512".
const char* bulk_lookup_instructions();

}  // namespace hashset

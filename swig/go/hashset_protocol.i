// Go: methods that only the Go package needs. The idiomatic API (Set,
// Iterator, errors, Close and finalizers) is plain Go in go/hashset/.

%extend hashset::HashSet {
  /// Replaces the elements with those of a set serialized by serialize();
  /// leaves them unchanged when the bytes are rejected.
  void load_serialized(const std::uint8_t* data, std::size_t size) {
    *$self = hashset::HashSet::deserialize(data, size);
  }
}

// Stores in found[i] whether values[i] is an element of set. found holds at
// least count bools: the Go package passes a []bool as long as values (cgo's
// Go bool is C's one-byte bool, so the core writes its 0/1 flags in place).
// SWIG spells the values' type `long long` in calls to anything but a member
// of the class (and that is not std::int64_t on Linux): the definition takes
// what SWIG passes, the declaration names std::int64_t for the typemap.
%{
namespace hashset_go {
void contains_into(const hashset::HashSet& set, const long long* values, std::size_t count,
                   bool* found) {
  static_assert(sizeof(long long) == sizeof(std::int64_t), "long long must be 64-bit");
  static_assert(sizeof(bool) == sizeof(std::uint8_t), "bool must be one byte");
  set.contains_many(reinterpret_cast<const std::int64_t*>(values), count,
                    reinterpret_cast<std::uint8_t*>(found));
}
}  // namespace hashset_go
%}
namespace hashset_go {
void contains_into(const hashset::HashSet& set, const std::int64_t* values, std::size_t count,
                   bool* found);
}

// The iterator's next elements, written into a Go []int64 in place (the Go
// Iterator hands them out: one cgo call per batch, not per element), and the
// removal of an element it handed out, which may precede the batch's last.
%{
namespace hashset_go {
std::size_t next_batch_into(hashset::HashSetIterator& iterator, std::int64_t* out,
                            std::size_t capacity) {
  return iterator.next_batch(out, capacity);
}

void remove_returned(hashset::HashSetIterator& iterator, std::int64_t value) {
  iterator.remove_returned(value);
}
}  // namespace hashset_go
%}
HASHSET_GO_EXCEPTION(hashset_go::next_batch_into)
HASHSET_GO_EXCEPTION(hashset_go::remove_returned)
namespace hashset_go {
std::size_t next_batch_into(hashset::HashSetIterator& iterator, std::int64_t* out,
                            std::size_t capacity);
void remove_returned(hashset::HashSetIterator& iterator, std::int64_t value);
}

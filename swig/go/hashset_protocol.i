// Go: methods that only the Go package needs. The idiomatic API (Set,
// Iterator, errors, Close and finalizers) is plain Go in go/hashset/.

%extend hashset::HashSet {
  /// Replaces the elements with those of a set serialized by serialize();
  /// leaves them unchanged when the bytes are rejected.
  void load_serialized(const std::uint8_t* data, std::size_t size) {
    *$self = hashset::HashSet::deserialize(data, size);
  }
}

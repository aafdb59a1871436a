// Python: methods that only Python's set protocol needs. The rest of the
// Python API (operators, repr, pickle) is plain Python in python/hashset/.

%extend hashset::HashSet {
  /// Adds `value`; like set.add it returns None.
  void add(std::int64_t value) { $self->insert(value); }
  /// Removes `value` when present; like set.discard it returns None.
  void discard(std::int64_t value) { $self->erase(value); }
  // The original API spells it s.len(); the clash with builtins.len is harmless.
  %warnfilter(SWIGWARN_PARSE_BUILTIN_NAME) len;
  /// Returns the number of elements (same as len(s)).
  std::size_t len() const { return $self->size(); }

  /// Replaces the elements with those of a set serialized by serialize().
  void _load_serialized(const std::uint8_t* data, std::size_t size) {
    *$self = hashset::HashSet::deserialize(data, size);
  }

  %newobject __iter__;
  %feature("python:slot", "tp_iter", functype="getiterfunc") __iter__;
  /// Returns a fail-fast iterator over the elements.
  hashset::HashSetIterator* __iter__() const { return new hashset::HashSetIterator(*$self); }
}


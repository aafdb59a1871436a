// Guile 3.0: the primitives beyond the core API (copies, set algebra returning
// new sets, lists, bytevectors, the iterator step, close).
//
// guile/hashset.scm loads this extension and exports the Scheme API, adding
// what is easier in Scheme (hashset-fold, hashset-for-each, ...); the helpers
// used below are the fragment "hashset_guile" of hashset_typemaps.i.

// Every method below: C++ exceptions become Scheme errors after the catch.
%exception {
  hashset_guile::Failure failure_;
  failure_.key = nullptr;
  try {
    $action
  } catch (...) {
    failure_ = hashset_guile::current_failure();
  }
  if (failure_.key != nullptr) hashset_guile::raise(failure_, FUNC_NAME);
}

%newobject hashset::HashSet::copy;
%newobject hashset::HashSet::union_of;
%newobject hashset::HashSet::intersection_of;
%newobject hashset::HashSet::difference_of;
%newobject hashset::HashSet::symmetric_difference_of;
%newobject bytevector_to_hashset;

// The arguments are converted by the typemaps before these bodies run, so a
// raise never skips a C++ object; within a body, no Scheme call runs while a
// C++ object is alive.
%extend hashset::HashSet {
  /// A new set with the same elements.
  hashset::HashSet* copy() const { return new hashset::HashSet(*$self); }
  hashset::HashSet* union_of(const hashset::HashSet& other) const {
    return new hashset::HashSet($self->union_with(other));
  }
  hashset::HashSet* intersection_of(const hashset::HashSet& other) const {
    return new hashset::HashSet($self->intersection_with(other));
  }
  hashset::HashSet* difference_of(const hashset::HashSet& other) const {
    return new hashset::HashSet($self->difference_with(other));
  }
  hashset::HashSet* symmetric_difference_of(const hashset::HashSet& other) const {
    return new hashset::HashSet($self->symmetric_difference_with(other));
  }
}

%extend hashset::HashSetIterator {
  /// The next element, or the eof object (for good) once every element was
  /// returned.
  /// `owner` is the iterated set: a closed set throws hashset-closed, and a
  /// changed one hashset-concurrent-modification.
  SCM next_value(const hashset::HashSet& owner) {
    static_cast<void>(owner);
    if (!$self->has_next()) {
      // Stepping past the end marks the iterator exhausted (it stays so,
      // even if the set changes later) and releases its hold on the elements.
      try {
        $self->next();
      } catch (const std::out_of_range&) {
      }
      return SCM_EOF_VAL;
    }
    return scm_from_int64($self->next());
  }
}

// Procedures whose Scheme names do not start with `hashset-`.
%rename("hashset->list") hashset_to_list;
%rename("hashset->bytevector") hashset_to_bytevector;
%rename("bytevector->hashset") bytevector_to_hashset;
%inline %{
/// The elements as a fresh list of exact integers (collect()).
SCM hashset_to_list(const hashset::HashSet& set) {
  const std::size_t count = set.size();
  // GC-owned and allocated before any C++ object exists.
  auto* values = static_cast<std::int64_t*>(
      scm_gc_malloc_pointerless((count ? count : 1) * sizeof(std::int64_t), "hashset elements"));
  {
    const std::vector<std::int64_t> elements = set.collect();
    std::memcpy(values, elements.data(), count * sizeof(std::int64_t));
  }
  SCM list = SCM_EOL;
  for (std::size_t i = count; i > 0; --i) list = scm_cons(scm_from_int64(values[i - 1]), list);
  return list;
}
/// The portable serialized form (docs/serialization.md) as a bytevector.
SCM hashset_to_bytevector(const hashset::HashSet& set) {
  std::size_t length = 0;
  void* buffer = nullptr;
  {
    const std::vector<std::uint8_t> bytes = set.serialize();
    length = bytes.size();
    buffer = std::malloc(length ? length : 1);
    if (buffer == nullptr) throw std::bad_alloc();
    std::memcpy(buffer, bytes.data(), length);
  }
  // The buffer is freed however the allocation below exits.
  scm_dynwind_begin(static_cast<scm_t_dynwind_flags>(0));
  scm_dynwind_free(buffer);
  SCM result = scm_c_make_bytevector(length);
  std::memcpy(SCM_BYTEVECTOR_CONTENTS(result), buffer, length);
  scm_dynwind_end();
  return result;
}
/// Reads a set written by hashset->bytevector; throws hashset-format-error
/// for any other bytes.
hashset::HashSet* bytevector_to_hashset(const std::uint8_t* data, std::size_t size) {
  return new hashset::HashSet(hashset::HashSet::deserialize(data, size));
}
%}

%init %{
  scm_c_define_gsubr("%hashset?", 1, 0, 0, reinterpret_cast<scm_t_subr>(hashset_guile::is_hashset));
  scm_c_define_gsubr("%hashset-closed?", 1, 0, 0, reinterpret_cast<scm_t_subr>(hashset_guile::is_closed));
  scm_c_define_gsubr("%hashset-close!", 1, 0, 0, reinterpret_cast<scm_t_subr>(hashset_guile::close));
%}

// Octave: the protocol an Octave user expects, on top of the core API.
//
//   hashset;                          % loads the module
//   s = hashset.HashSet([3 1 2]);     % any numeric array or cell array
//   s.numel(), s.isempty(), s.ismember([1 5]), s.union(t), s | t, s == t
//   s.foreach(@(v) disp(v)), it = s.iterator(); while it.has_next() ... end
//   s.delete()                        % frees now; any later use is an error
//
// The set's element type is int64: collect(), pop() and iterators give int64.

// Every method below: C++ exceptions become Octave errors after the catch.
%exception {
  try {
    $action
  } catch (...) {
    hashset_octave::raise_current();
  }
}

// The iterator, as Octave sees it (s.iterator() makes one; the class is in
// the "hashset_octave" fragment of hashset_typemaps.i).
%rename(HashSetIterator) hashset_octave::SetIterator;
%nodefaultctor hashset_octave::SetIterator;
namespace hashset_octave {
class SetIterator {
 public:
  /// True while elements remain.
  bool has_next() const;
  /// The next element (an int64); hashset:concurrent once the set changed,
  /// hashset:empty past the end.
  std::int64_t next();
  /// Removes the element next() returned last.
  void remove();
  /// The number of elements not yet returned.
  std::size_t remaining() const;
};
}

%rename("delete") hashset::HashSet::delete_set;
%rename("union") hashset::HashSet::union_of;  // a C++ keyword
%rename("__str__") hashset::HashSet::to_string;
%rename("__el_or__") hashset::HashSet::operator_or;
%rename("__el_and__") hashset::HashSet::operator_and;
%rename("__sub__") hashset::HashSet::operator_minus;
%rename("__eq__") hashset::HashSet::operator_eq;
%rename("__ne__") hashset::HashSet::operator_ne;
%rename("__le__") hashset::HashSet::operator_le;
%rename("__ge__") hashset::HashSet::operator_ge;
%newobject hashset::HashSet::copy;
%newobject hashset::HashSet::iterator;
%newobject hashset::HashSet::union_of;
%newobject hashset::HashSet::intersect;
%newobject hashset::HashSet::setdiff;
%newobject hashset::HashSet::setxor;
%newobject hashset::HashSet::operator_or;
%newobject hashset::HashSet::operator_and;
%newobject hashset::HashSet::operator_minus;

%extend hashset::HashSet {
  /// A set of the values of a numeric array or cell array (each checked).
  HashSet(octave_value values) {
    void* other = nullptr;
    if (values.type_id() == octave_swig_ref::static_type_id() &&
        SWIG_IsOK(SWIG_ConvertPtr(values, &other, SWIGTYPE_p_hashset__HashSet, 0)) && other == nullptr)
      hashset_octave::raise("hashset:closed", "HashSet was deleted");
    std::vector<std::int64_t> buffer;
    hashset_octave::read_values(values, &buffer);
    auto set = std::make_unique<hashset::HashSet>();
    set->insert_many(buffer.data(), buffer.size());
    return set.release();
  }

  /// Number of elements (a double, like numel of an array).
  double numel() const { return static_cast<double>($self->size()); }
  /// numel(s), size(s), length(s), isempty(s) through Octave's dims (1 x n).
  octave_value __dims__() const {
    RowVector dims(2);
    dims(0) = 1;
    dims(1) = static_cast<double>($self->size());
    return octave_value(dims);
  }
  /// Same as numel().
  double length() const { return static_cast<double>($self->size()); }
  /// True when the set has no elements.
  bool isempty() const { return $self->empty(); }

  /// A logical array of the shape of `values`: true where the value is an
  /// element. Like Octave's ismember, a value no element can be (fractional,
  /// NaN, beyond the int64 range) is false; a non-numeric argument is an error.
  octave_value ismember(octave_value values) const {
    if (values.iscell()) {
      const Cell cell = values.cell_value();
      boolNDArray found(cell.dims(), false);
      for (octave_idx_type i = 0; i < cell.numel(); ++i) {
        const octave_value item = cell(i);
        if (item.numel() != 1 || !item.isnumeric() || item.iscomplex())
          hashset_octave::raise("hashset:type", "ismember needs numbers, not " + hashset_octave::describe(item));
        found(i) = hashset_octave::is_element(*$self, item);
      }
      return octave_value(found);
    }
    if (!values.isnumeric() || values.iscomplex())
      hashset_octave::raise("hashset:type", "ismember needs a numeric array, not " + hashset_octave::describe(values));
    boolNDArray found(values.dims(), false);
    switch (values.builtin_type()) {
      case btyp_int64: {
        const int64NDArray array = values.int64_array_value();
        for (octave_idx_type i = 0; i < array.numel(); ++i) found(i) = $self->contains(array(i).value());
        break;
      }
      case btyp_uint64: {
        const uint64NDArray array = values.uint64_array_value();
        for (octave_idx_type i = 0; i < array.numel(); ++i)
          found(i) = array(i).value() <= static_cast<std::uint64_t>(INT64_MAX) &&
                     $self->contains(static_cast<std::int64_t>(array(i).value()));
        break;
      }
      case btyp_double:
      case btyp_float: {
        const NDArray array = values.array_value();  // single -> double is exact
        std::int64_t key;
        for (octave_idx_type i = 0; i < array.numel(); ++i)
          found(i) = hashset_octave::to_int64_for_lookup(array(i), &key) && $self->contains(key);
        break;
      }
      default: {  // the smaller integer classes: always exact
        const int64NDArray array = values.int64_array_value();
        for (octave_idx_type i = 0; i < array.numel(); ++i) found(i) = $self->contains(array(i).value());
      }
    }
    return octave_value(found);
  }

  /// A new set with the same elements.
  hashset::HashSet* copy() const { return new hashset::HashSet(*$self); }
  /// Octave's set-function names; each returns a new set.
  hashset::HashSet* union_of(const hashset::HashSet& other) const {
    return new hashset::HashSet($self->union_with(other));
  }
  hashset::HashSet* intersect(const hashset::HashSet& other) const {
    return new hashset::HashSet($self->intersection_with(other));
  }
  hashset::HashSet* setdiff(const hashset::HashSet& other) const {
    return new hashset::HashSet($self->difference_with(other));
  }
  hashset::HashSet* setxor(const hashset::HashSet& other) const {
    return new hashset::HashSet($self->symmetric_difference_with(other));
  }
  /// s | t, s & t, s - t: union, intersection, difference.
  hashset::HashSet* operator_or(const hashset::HashSet& other) const {
    return new hashset::HashSet($self->union_with(other));
  }
  hashset::HashSet* operator_and(const hashset::HashSet& other) const {
    return new hashset::HashSet($self->intersection_with(other));
  }
  hashset::HashSet* operator_minus(const hashset::HashSet& other) const {
    return new hashset::HashSet($self->difference_with(other));
  }
  /// s == t, s != t (contents), s <= t (subset), s >= t (superset).
  bool operator_eq(const hashset::HashSet& other) const { return $self->equals(other); }
  bool operator_ne(const hashset::HashSet& other) const { return !$self->equals(other); }
  bool operator_le(const hashset::HashSet& other) const { return $self->is_subset(other); }
  bool operator_ge(const hashset::HashSet& other) const { return $self->is_superset(other); }

  /// A fail-fast iterator: it.has_next(), it.next() (an int64), it.remove().
  hashset_octave::SetIterator* iterator(octave_value receiver) const {
    return new hashset_octave::SetIterator(receiver, *$self);
  }

  /// Calls fcn(value) for each element (an int64); raises hashset:concurrent
  /// when the set changes meanwhile, hashset:closed when it is deleted.
  void foreach(octave_value receiver, octave_value fcn) const {
    if (!fcn.is_function_handle() && !fcn.is_inline_function())
      hashset_octave::raise("hashset:type", "foreach needs a function handle, not " + hashset_octave::describe(fcn));
    hashset_octave::SetIterator iterator(receiver, *$self);
    while (iterator.has_next()) {
      const std::int64_t value = iterator.next();
      octave::feval(fcn, octave_value_list(octave_value(octave_int64(value))), 0);
    }
  }

  /// "HashSet {1, 2, 3}" (disp, display; elements in unspecified order).
  octave_value to_string() const {
    std::string text = "HashSet {";
    bool first = true;
    for (std::int64_t value : $self->collect()) {
      if (!first) text += ", ";
      text += std::to_string(value);
      first = false;
    }
    return octave_value(text + "}\n");
  }

  /// Frees the set now; any later use raises hashset:closed (deleting it
  /// again is harmless). Without it, Octave frees the set with its last reference.
  void delete_set(octave_value receiver) {
    void* pointer = nullptr;
    SWIG_ConvertPtr(receiver, &pointer, SWIGTYPE_p_hashset__HashSet, SWIG_POINTER_RELEASE);
    delete static_cast<hashset::HashSet*>(pointer);
  }
}

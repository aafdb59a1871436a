// Ruby: the protocol of Ruby's Set, on top of the core API.
//
// Hashset::HashSet includes Enumerable and offers Set's methods and operators;
// wherever Set takes any enumerable (merge, |, &, -, ^, subset?, ...) so does
// HashSet, and a HashSet argument takes the C++ fast path.

// The helpers these methods call are the fragment "hashset_ruby_protocol" of
// hashset_typemaps.i: SWIG emits %extend code at the class, so helper code
// defined here, after the class, would come too late.

// Every method below: C++ exceptions become Ruby errors after the catch.
%exception {
  hashset_ruby::Failure failure_;
  failure_.klass = Qnil;
  try {
    $action
  } catch (...) {
    failure_ = hashset_ruby::current_failure();
  }
  if (!NIL_P(failure_.klass)) hashset_ruby::raise(failure_);
}

%rename("delete") hashset::HashSet::delete_value;
%alias hashset::HashSet::add "<<";
%rename("add?") hashset::HashSet::add_if_new;
%rename("delete?") hashset::HashSet::delete_if_present;
%rename("include?") hashset::HashSet::includes;
%alias hashset::HashSet::includes "member?,===";
%rename("==") hashset::HashSet::equal_to;
%alias hashset::HashSet::equal_to "eql?";
%rename("subset?") hashset::HashSet::subset_of;
%alias hashset::HashSet::subset_of "<=";
%rename("superset?") hashset::HashSet::superset_of;
%alias hashset::HashSet::superset_of ">=";
%rename("proper_subset?") hashset::HashSet::proper_subset_of;
%alias hashset::HashSet::proper_subset_of "<";
%rename("proper_superset?") hashset::HashSet::proper_superset_of;
%alias hashset::HashSet::proper_superset_of ">";
%rename("disjoint?") hashset::HashSet::disjoint_with;
%rename("intersect?") hashset::HashSet::intersects;
%rename("union") hashset::HashSet::union_of;
%alias hashset::HashSet::union_of "|,+";
%rename("intersection") hashset::HashSet::intersection_of;
%alias hashset::HashSet::intersection_of "&";
%rename("difference") hashset::HashSet::difference_of;
%alias hashset::HashSet::difference_of "-";
%rename("symmetric_difference") hashset::HashSet::symmetric_difference_of;
%alias hashset::HashSet::symmetric_difference_of "^";
%rename("collect") hashset::HashSet::collect_or_map;
%rename("select!") hashset::HashSet::select_bang;
%alias hashset::HashSet::select_bang "filter!";
%rename("reject!") hashset::HashSet::reject_bang;
%alias hashset::HashSet::inspect "to_s";
%rename("deserialize") hashset::HashSet::deserialize_bytes;
%rename("_dump") hashset::HashSet::marshal_dump;
%rename("_load") hashset::HashSet::marshal_load;
%newobject hashset::HashSet::marshal_load;
%newobject hashset::HashSet::deserialize_bytes;
%newobject hashset::HashSet::union_of;
%newobject hashset::HashSet::intersection_of;
%newobject hashset::HashSet::difference_of;
%newobject hashset::HashSet::symmetric_difference_of;

%extend hashset::HashSet {
  /// Removes every element; returns self (Set#clear).
  VALUE clear(VALUE rb_self) {
    $self->clear();
    return rb_self;
  }
  /// Adds `value`; returns self (Set#add).
  VALUE add(VALUE rb_self, std::int64_t value) {
    $self->insert(value);
    return rb_self;
  }
  /// Adds `value`; returns self when it was new, nil otherwise (Set#add?).
  VALUE add_if_new(VALUE rb_self, std::int64_t value) {
    return $self->insert(value) ? rb_self : Qnil;
  }
  /// Removes `value` if present; returns self (Set#delete).
  VALUE delete_value(VALUE rb_self, std::int64_t value) {
    $self->erase(value);
    return rb_self;
  }
  /// Removes `value`; returns self when it was an element, nil otherwise (Set#delete?).
  VALUE delete_if_present(VALUE rb_self, std::int64_t value) {
    return $self->erase(value) ? rb_self : Qnil;
  }
  /// True when `value` is an element; false for anything that cannot be one (Set#include?).
  bool includes(VALUE value) const {
    std::int64_t key;
    return hashset_ruby::to_int64_for_lookup(value, &key) && $self->contains(key);
  }
  /// Adds every Integer of an Array or Enumerable; returns self (Set#merge).
  VALUE merge(VALUE rb_self, VALUE values) {
    hashset_ruby::insert_all($self, values);
    return rb_self;
  }
  /// Removes every Integer of an Array or Enumerable; returns self (Set#subtract).
  VALUE subtract(VALUE rb_self, VALUE values) {
    if (const hashset::HashSet* other = hashset_ruby::set_of(values)) {
      $self->difference_update(*other);
      return rb_self;
    }
    std::size_t count = 0;
    VALUE buffer = hashset_ruby::read_values(values, &count);
    $self->erase_many(reinterpret_cast<const std::int64_t*>(RSTRING_PTR(buffer)), count);
    RB_GC_GUARD(buffer);
    return rb_self;
  }

  /// Yields each element; without a block returns an Enumerator. Raises
  /// Hashset::ConcurrentModificationError when the set changes meanwhile.
  VALUE each(VALUE rb_self) const {
    if (!rb_block_given_p())
      return rb_enumeratorize_with_size(rb_self, ID2SYM(rb_intern("each")), 0, nullptr,
                                        hashset_ruby::enumerator_size);
    VALUE holder = Qnil;
    hashset::HashSetIterator* iterator = hashset_ruby::start(*$self, &holder);
    std::int64_t value;
    while (hashset_ruby::next_for_block(rb_self, iterator, &value)) rb_yield(LL2NUM(value));
    RB_GC_GUARD(holder);
    return rb_self;
  }
  /// With a block, Enumerable#collect (an Array of the block's results);
  /// without one, an Array of the elements (the core API's collect()).
  VALUE collect_or_map(VALUE rb_self) const {
    VALUE result = rb_ary_new_capa(static_cast<long>($self->size()));
    const bool mapping = rb_block_given_p();
    VALUE holder = Qnil;
    hashset::HashSetIterator* iterator = hashset_ruby::start(*$self, &holder);
    std::int64_t value;
    while (hashset_ruby::next_for_block(rb_self, iterator, &value))
      rb_ary_push(result, mapping ? rb_yield(LL2NUM(value)) : LL2NUM(value));
    RB_GC_GUARD(holder);
    return result;
  }
  /// Removes the elements for which the block is true; returns self.
  VALUE delete_if(VALUE rb_self) {
    if (!rb_block_given_p())
      return rb_enumeratorize_with_size(rb_self, ID2SYM(rb_intern("delete_if")), 0, nullptr,
                                        hashset_ruby::enumerator_size);
    hashset_ruby::remove_where(rb_self, $self, true);
    return rb_self;
  }
  /// Keeps the elements for which the block is true; returns self.
  VALUE keep_if(VALUE rb_self) {
    if (!rb_block_given_p())
      return rb_enumeratorize_with_size(rb_self, ID2SYM(rb_intern("keep_if")), 0, nullptr,
                                        hashset_ruby::enumerator_size);
    hashset_ruby::remove_where(rb_self, $self, false);
    return rb_self;
  }
  /// Like delete_if, but returns nil when nothing was removed.
  VALUE reject_bang(VALUE rb_self) {
    if (!rb_block_given_p())
      return rb_enumeratorize_with_size(rb_self, ID2SYM(rb_intern("reject!")), 0, nullptr,
                                        hashset_ruby::enumerator_size);
    return hashset_ruby::remove_where(rb_self, $self, true) ? rb_self : Qnil;
  }
  /// Like keep_if, but returns nil when nothing was removed.
  VALUE select_bang(VALUE rb_self) {
    if (!rb_block_given_p())
      return rb_enumeratorize_with_size(rb_self, ID2SYM(rb_intern("select!")), 0, nullptr,
                                        hashset_ruby::enumerator_size);
    return hashset_ruby::remove_where(rb_self, $self, false) ? rb_self : Qnil;
  }

  /// True when `other` is a HashSet with the same elements.
  bool equal_to(VALUE other) const {
    const hashset::HashSet* set = hashset_ruby::set_of(other);
    return set != nullptr && $self->equals(*set);
  }
  /// A hash code of the contents: equal sets hash alike (Set#hash).
  VALUE hash() const {
    std::uint64_t sum = 0;
    for (std::int64_t value : $self->collect()) sum += hashset_ruby::mix(static_cast<std::uint64_t>(value));
    return LONG2FIX(static_cast<long>(hashset_ruby::mix(sum) >> 2));
  }
  /// "#<Hashset::HashSet: {1, 2, 3}>", like Set#inspect.
  VALUE inspect(VALUE rb_self) const {
    std::string text = "#<";
    text += rb_obj_classname(rb_self);
    text += ": {";
    bool first = true;
    for (std::int64_t value : $self->collect()) {
      if (!first) text += ", ";
      text += std::to_string(value);
      first = false;
    }
    text += "}>";
    return rb_utf8_str_new(text.data(), static_cast<long>(text.size()));
  }

  bool subset_of(VALUE other) const {
    VALUE holder = Qnil;
    bool result = $self->is_subset(*hashset_ruby::as_set(other, &holder));
    RB_GC_GUARD(holder);
    return result;
  }
  bool superset_of(VALUE other) const {
    VALUE holder = Qnil;
    bool result = $self->is_superset(*hashset_ruby::as_set(other, &holder));
    RB_GC_GUARD(holder);
    return result;
  }
  bool proper_subset_of(VALUE other) const {
    VALUE holder = Qnil;
    const hashset::HashSet* set = hashset_ruby::as_set(other, &holder);
    bool result = $self->size() < set->size() && $self->is_subset(*set);
    RB_GC_GUARD(holder);
    return result;
  }
  bool proper_superset_of(VALUE other) const {
    VALUE holder = Qnil;
    const hashset::HashSet* set = hashset_ruby::as_set(other, &holder);
    bool result = $self->size() > set->size() && $self->is_superset(*set);
    RB_GC_GUARD(holder);
    return result;
  }
  bool disjoint_with(VALUE other) const {
    VALUE holder = Qnil;
    bool result = $self->is_disjoint(*hashset_ruby::as_set(other, &holder));
    RB_GC_GUARD(holder);
    return result;
  }
  bool intersects(VALUE other) const {
    VALUE holder = Qnil;
    bool result = !$self->is_disjoint(*hashset_ruby::as_set(other, &holder));
    RB_GC_GUARD(holder);
    return result;
  }

  // `other` is converted first: a raise must not skip C++ objects or
  // allocations (in C++17, `new` allocates before evaluating its arguments).
  hashset::HashSet* union_of(VALUE other) const {
    VALUE holder = Qnil;
    const hashset::HashSet* set = hashset_ruby::as_set(other, &holder);
    auto* result = new hashset::HashSet($self->union_with(*set));
    RB_GC_GUARD(holder);
    return result;
  }
  hashset::HashSet* intersection_of(VALUE other) const {
    VALUE holder = Qnil;
    const hashset::HashSet* set = hashset_ruby::as_set(other, &holder);
    auto* result = new hashset::HashSet($self->intersection_with(*set));
    RB_GC_GUARD(holder);
    return result;
  }
  hashset::HashSet* difference_of(VALUE other) const {
    VALUE holder = Qnil;
    const hashset::HashSet* set = hashset_ruby::as_set(other, &holder);
    auto* result = new hashset::HashSet($self->difference_with(*set));
    RB_GC_GUARD(holder);
    return result;
  }
  hashset::HashSet* symmetric_difference_of(VALUE other) const {
    VALUE holder = Qnil;
    const hashset::HashSet* set = hashset_ruby::as_set(other, &holder);
    auto* result = new hashset::HashSet($self->symmetric_difference_with(*set));
    RB_GC_GUARD(holder);
    return result;
  }

  /// Reads a set written by serialize() from a binary String; raises
  /// Hashset::FormatError (an ArgumentError) for any other bytes.
  static hashset::HashSet* deserialize_bytes(const std::uint8_t* data, std::size_t size) {
    return new hashset::HashSet(hashset::HashSet::deserialize(data, size));
  }

  /// Marshal support: Marshal.dump(set) stores serialize()'s bytes.
  std::vector<std::uint8_t> marshal_dump(VALUE level) const {
    static_cast<void>(level);
    return $self->serialize();
  }
  /// Marshal support: the set of Marshal.load.
  static hashset::HashSet* marshal_load(const std::uint8_t* data, std::size_t size) {
    return new hashset::HashSet(hashset::HashSet::deserialize(data, size));
  }

  /// A set of the given Integers (an Array or any Enumerable; nil for none,
  /// like Set.new).
  HashSet(VALUE values) {
    // The elements are validated before the C++ set exists: nothing leaks
    // when they raise.
    std::size_t count = 0;
    VALUE buffer = NIL_P(values) ? rb_str_new(nullptr, 0) : hashset_ruby::read_values(values, &count);
    auto* set = new hashset::HashSet();
    try {
      set->insert_many(reinterpret_cast<const std::int64_t*>(RSTRING_PTR(buffer)), count);
    } catch (...) {
      delete set;
      throw;
    }
    RB_GC_GUARD(buffer);
    return set;
  }
}

%init %{
  {
    VALUE module = rb_const_get(rb_cObject, rb_intern("Hashset"));
    hashset_ruby::concurrent_error =
        rb_define_class_under(module, "ConcurrentModificationError", rb_eRuntimeError);
    hashset_ruby::format_error = rb_define_class_under(module, "FormatError", rb_eArgError);
    hashset_ruby::closed_error = rb_define_class_under(module, "ClosedError", rb_eRuntimeError);
    VALUE klass = hashset_ruby::hashset_class();
    rb_define_method(klass, "initialize_copy", RUBY_METHOD_FUNC(hashset_ruby::initialize_copy), 1);
    rb_define_method(klass, "close", RUBY_METHOD_FUNC(hashset_ruby::close), 0);
    rb_define_method(klass, "closed?", RUBY_METHOD_FUNC(hashset_ruby::is_closed), 0);
    rb_define_singleton_method(klass, "[]", RUBY_METHOD_FUNC(hashset_ruby::create), -1);
  }
%}

// PHP: the class protocol. HashSet implements Countable (count($s)) and
// IteratorAggregate (foreach); clone $s copies; serialize()/unserialize() of
// PHP itself go through __serialize()/__unserialize().

%typemap("phpinterfaces") hashset_php::SetIterator "Iterator";

// The C++ side (SetIterator, SerializedState, the clone handler) is the
// "hashset_php" fragment of hashset_typemaps.i: %extend code is emitted with
// the class, before anything in this file.

// %init code runs before SWIG registers the classes; RINIT runs after (once
// per request: install_handlers is idempotent).
%rinit %{
  hashset_php::install_handlers(SWIG_Php_ce_HashSet, &HashSet_object_handlers,
                                SWIG_Php_ce_HashSetIterator);
%}

// The iterator, as PHP sees it (only getIterator() makes one).
%rename(HashSetIterator) hashset_php::SetIterator;
%define %hashset_php_iterator_method(NAME, CATCH)
%exception hashset_php::SetIterator::NAME {
  if (arg1 == nullptr) {
    zend_throw_error(nullptr, "HashSetIterator object is not initialised");
    SWIG_fail;
  }
  try {
    $action
  } CATCH
}
%enddef
%hashset_php_iterator_method(valid, catch (const std::exception& e) {
    zend_throw_exception(spl_ce_RuntimeException, e.what(), 0);
    SWIG_fail;
  })
%hashset_php_iterator_method(next, catch (const hashset::ConcurrentModificationError&) {
    zend_throw_exception(spl_ce_RuntimeException, "HashSet changed during iteration", 0);
    SWIG_fail;
  })
%hashset_php_iterator_method(rewind, catch (const std::logic_error& e) {
    zend_throw_exception(spl_ce_LogicException, e.what(), 0);
    SWIG_fail;
  })
%hashset_php_iterator_method(current, catch (const std::out_of_range& e) {
    zend_throw_exception(spl_ce_OutOfBoundsException, e.what(), 0);
    SWIG_fail;
  })
%hashset_php_iterator_method(key, catch (const std::out_of_range& e) {
    zend_throw_exception(spl_ce_OutOfBoundsException, e.what(), 0);
    SWIG_fail;
  })
%nodefaultctor hashset_php::SetIterator;
namespace hashset_php {
class SetIterator {
 public:
  bool valid() const;
  std::int64_t current() const;
  std::int64_t key() const;
  void next();
  void rewind();
};
}

%newobject hashset::HashSet::copy;
%newobject hashset::HashSet::getIterator;
%extend hashset::HashSet {
  /// new HashSet([1, 2, 3]): a set of the values of a PHP array.
  HashSet(hashset_php::Values values) {
    auto* set = new hashset::HashSet();
    set->insert_many(values.items.data(), values.items.size());
    return set;
  }
  /// Returns a new set with the same elements (same as clone $s).
  hashset::HashSet* copy() const { return new hashset::HashSet(*$self); }
  /// IteratorAggregate: a fail-fast Iterator over the elements.
  hashset_php::SetIterator* getIterator() const { return new hashset_php::SetIterator(*$self); }
  /// serialize($s) support: ['bytes' => $s->serialize()].
  hashset_php::SerializedState __serialize() const { return hashset_php::SerializedState{$self->serialize()}; }
}

// unserialize() makes the object without its constructor (no C++ set), then
// calls __unserialize() on it: that one method accepts and fills such an
// object. It relies on SWIG's wrapper names (arg1, the type descriptor).
%exception hashset::HashSet::__unserialize {
  if (arg1 == nullptr) {
    try {
      arg1 = new hashset::HashSet();
    } catch (const std::bad_alloc&) {
      zend_throw_error(nullptr, "HashSet: out of memory");
      SWIG_fail;
    }
    swig_object_wrapper* wrapper = SWIG_Z_FETCH_OBJ_P(ZEND_THIS);
    wrapper->ptr = arg1;
    wrapper->newobject = 1;
    wrapper->type = SWIGTYPE_p_hashset__HashSet;
  }
  %hashset_php_catch
}
%extend hashset::HashSet {
  void __unserialize(hashset_php::SerializedState data) {
    *$self = hashset::HashSet::deserialize(data.bytes.data(), data.bytes.size());
  }
}

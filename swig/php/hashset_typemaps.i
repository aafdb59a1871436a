// PHP: what must precede the API (typemaps, renames, per-method exceptions).
//
// Integers are exact and strict (like declare(strict_types=1)): only a PHP int
// is an element. A float whose magnitude is 2**63 or more (how PHP represents
// an integer literal beyond PHP_INT_MAX/PHP_INT_MIN) raises ValueError; every
// other non-int (any other float, numeric string, bool, null, array, object)
// raises TypeError. Both are raised before the set is touched.

%fragment("hashset_php", "header") %{
#include <cmath>
#include <vector>
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "ext/spl/spl_exceptions.h"

namespace hashset_php {

// Reads a PHP int as int64. On failure throws TypeError or ValueError (what)
// and returns false.
bool to_int64(zval* value, std::int64_t* out, const char* what) {
  ZVAL_DEREF(value);
  if (Z_TYPE_P(value) == IS_LONG) {
    *out = static_cast<std::int64_t>(Z_LVAL_P(value));
    return true;
  }
  if (Z_TYPE_P(value) == IS_DOUBLE) {
    const double number = Z_DVAL_P(value);
    if (!std::isnan(number) && !(std::fabs(number) < 9223372036854775808.0)) {
      zend_value_error("%s must be in [-2**63, 2**63), %.17G given", what, number);
      return false;
    }
  }
  zend_type_error("%s must be of type int, %s given", what, zend_zval_type_name(value));
  return false;
}

// The values of insertMany()/eraseMany()/the constructor: every element of a
// PHP array (keys are ignored), all validated before the C++ call.
bool read_values(zval* input, std::vector<std::int64_t>* values) {
  ZVAL_DEREF(input);
  if (Z_TYPE_P(input) != IS_ARRAY) {
    zend_type_error("HashSet values must be of type array, %s given", zend_zval_type_name(input));
    return false;
  }
  values->reserve(zend_hash_num_elements(Z_ARRVAL_P(input)));
  zval* item;
  ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(input), item) {
    std::int64_t value;
    if (!to_int64(item, &value, "HashSet element")) return false;
    values->push_back(value);
  } ZEND_HASH_FOREACH_END();
  return true;
}


// The PHP side of foreach: PHP's Iterator protocol (rewind, valid, current,
// key, next) over the core's fail-fast iterator. The current element is read
// ahead, so the first next() after a change of the set throws.
class SetIterator {
 public:
  explicit SetIterator(const hashset::HashSet& set) : cursor_(set) { advance(); }
  bool valid() const { return has_current_; }
  std::int64_t current() const {
    if (!has_current_) throw std::out_of_range("HashSetIterator: the iteration is finished");
    return current_;
  }
  std::int64_t key() const {
    if (!has_current_) throw std::out_of_range("HashSetIterator: the iteration is finished");
    return index_;
  }
  void next() {
    if (!has_current_) return;
    ++index_;
    advance();
  }
  void rewind() {
    if (index_ != 0) throw std::logic_error("HashSetIterator: cannot rewind an iteration that has started");
  }

 private:
  void advance() {
    try {
      current_ = cursor_.next();
      has_current_ = true;
    } catch (const std::out_of_range&) {
      has_current_ = false;
    }
  }

  hashset::HashSetIterator cursor_;
  std::int64_t current_ = 0;
  std::int64_t index_ = 0;
  bool has_current_ = false;
};

// What __serialize() returns and __unserialize() takes: ['bytes' => string].
struct SerializedState {
  std::vector<std::uint8_t> bytes;
};

// SWIG 4.1's create_object leaves the wrapper's pointer and type
// uninitialised; an object made without its constructor (unserialize(),
// ReflectionClass::newInstanceWithoutConstructor) must hold null, which the
// methods check and the free handler skips.
zend_object* (*create_set_object)(zend_class_entry*) = nullptr;
zend_object* (*create_iterator_object)(zend_class_entry*) = nullptr;

zend_object* create_set_object_zeroed(zend_class_entry* ce) {
  zend_object* object = create_set_object(ce);
  swig_php_fetch_object(object)->ptr = nullptr;
  swig_php_fetch_object(object)->type = SWIGTYPE_p_hashset__HashSet;
  return object;
}

zend_object* create_iterator_object_zeroed(zend_class_entry* ce) {
  zend_object* object = create_iterator_object(ce);
  swig_php_fetch_object(object)->ptr = nullptr;
  swig_php_fetch_object(object)->type = SWIGTYPE_p_hashset_php__SetIterator;
  return object;
}

// clone $s: a new C++ set with the same elements.
zend_object* clone_set_object(zend_object* old_object) {
  zend_object* object = old_object->ce->create_object(old_object->ce);
  zend_objects_clone_members(object, old_object);
  swig_object_wrapper* from = swig_php_fetch_object(old_object);
  swig_object_wrapper* to = swig_php_fetch_object(object);
  to->type = from->type;
  to->newobject = 1;
  if (from->ptr != nullptr) {
    try {
      to->ptr = new hashset::HashSet(*static_cast<hashset::HashSet*>(from->ptr));
    } catch (const std::bad_alloc&) {
      zend_throw_error(nullptr, "HashSet: out of memory");
    }
  }
  return object;
}

void install_handlers(zend_class_entry* set_ce, zend_object_handlers* set_handlers,
                      zend_class_entry* iterator_ce) {
  if (set_ce->create_object == create_set_object_zeroed) return;
  create_set_object = set_ce->create_object;
  set_ce->create_object = create_set_object_zeroed;
  set_handlers->clone_obj = clone_set_object;
  create_iterator_object = iterator_ce->create_object;
  iterator_ce->create_object = create_iterator_object_zeroed;
}

// The values of new HashSet($array).
struct Values {
  std::vector<std::int64_t> items;
};

}  // namespace hashset_php
%}
// Always emitted: the exception classes are used by the %exception blocks.
%fragment("hashset_php");

%typemap(in, phptype="int", fragment="hashset_php") std::int64_t {
  if (!hashset_php::to_int64(&$input, &$1, "HashSet element")) SWIG_fail;
}
%typemap(typecheck, precedence=SWIG_TYPECHECK_INT64) std::int64_t {
  $1 = Z_TYPE($input) == IS_LONG;
}
%typemap(out, phptype="int") std::int64_t "RETVAL_LONG(static_cast<zend_long>($1));"
// A set never holds 2**63 elements: size_t always fits a PHP int.
%typemap(out, phptype="int") std::size_t "RETVAL_LONG(static_cast<zend_long>($1));"
%typemap(in, phptype="int", fragment="hashset_php") std::size_t {
  {
    std::int64_t count;
    if (!hashset_php::to_int64(&$input, &count, "HashSet capacity")) SWIG_fail;
    if (count < 0) {
      zend_value_error("HashSet capacity must be greater than or equal to 0");
      SWIG_fail;
    }
    $1 = static_cast<std::size_t>(count);
  }
}

// toArray(): a PHP list of ints.
%typemap(out, phptype="array") std::vector<std::int64_t> {
  array_init_size(return_value, static_cast<uint32_t>($1.size()));
  for (const std::int64_t value : $1) add_next_index_long(return_value, static_cast<zend_long>(value));
}

// Bulk calls: a PHP array of ints.
%typemap(in, phptype="array", fragment="hashset_php") (const std::int64_t* values, std::size_t count)
    (std::vector<std::int64_t> storage) {
  if (!hashset_php::read_values(&$input, &storage)) SWIG_fail;
  $1 = storage.data();
  $2 = storage.size();
}
%typemap(in, phptype="array", fragment="hashset_php") hashset_php::Values {
  if (!hashset_php::read_values(&$input, &$1.items)) SWIG_fail;
}
%typemap(typecheck, precedence=SWIG_TYPECHECK_INT64_ARRAY) hashset_php::Values {
  $1 = Z_TYPE($input) == IS_ARRAY;
}

// Serialized form: a binary PHP string both ways.
%typemap(out, phptype="string") std::vector<std::uint8_t> {
  RETVAL_STRINGL(reinterpret_cast<const char*>($1.data()), $1.size());
}
%typemap(in, phptype="string") (const std::uint8_t* data, std::size_t size) {
  if (Z_TYPE($input) != IS_STRING) {
    zend_type_error("HashSet::deserialize(): Argument #1 ($data) must be of type string, %s given",
                    zend_zval_type_name(&$input));
    SWIG_fail;
  }
  $1 = reinterpret_cast<$1_ltype>(Z_STRVAL($input));
  $2 = Z_STRLEN($input);
}

// __serialize() returns and __unserialize() takes ['bytes' => string]. (Typemaps
// of %extend methods must precede the class: they are generated with it.)
%typemap(out, phptype="array") hashset_php::SerializedState {
  array_init_size(return_value, 1);
  add_assoc_stringl(return_value, "bytes", reinterpret_cast<char*>($1.bytes.data()), $1.bytes.size());
}
%typemap(in, phptype="array") hashset_php::SerializedState {
  {
    zval* bytes = Z_TYPE($input) == IS_ARRAY ? zend_hash_str_find(Z_ARRVAL($input), "bytes", 5) : nullptr;
    if (bytes == nullptr || Z_TYPE_P(bytes) != IS_STRING) {
      zend_throw_exception(spl_ce_UnexpectedValueException,
                           "HashSet::__unserialize(): the data holds no 'bytes' string", 0);
      SWIG_fail;
    }
    const auto* begin = reinterpret_cast<const std::uint8_t*>(Z_STRVAL_P(bytes));
    $1.bytes.assign(begin, begin + Z_STRLEN_P(bytes));
  }
}

// getIterator() and copy() never return null: declared so, as
// IteratorAggregate::getIterator(): Traversable requires. (HashSetIterator
// is registered after HashSet: a return type may not name it.)
%typemap(out, phptype="Iterator") hashset_php::SetIterator*
  "SWIG_SetPointerZval($result, (void*)$1, $1_descriptor, $owner);"
%typemap(out, phptype="SWIGTYPE") hashset::HashSet* copy
  "SWIG_SetPointerZval($result, (void*)$1, $1_descriptor, $owner);"

// HashSet is Countable (count($s)) and IteratorAggregate (foreach).
%include <phpinterfaces.i>
%typemap("phpinterfaces") hashset::HashSet "Countable,IteratorAggregate";

// PHP's names (camelCase, Ds\Set-like) and errors.
%ignore hashset::HashSet::HashSet(const HashSet&);  // clone $s or $s->copy()
%rename(add) hashset::HashSet::insert;
%rename(remove) hashset::HashSet::erase;
%rename(count) hashset::HashSet::size;
%rename(isEmpty) hashset::HashSet::empty;
%rename(toArray) hashset::HashSet::collect;
%rename(insertMany) hashset::HashSet::insert_many;
%rename(eraseMany) hashset::HashSet::erase_many;
%rename(isSubset) hashset::HashSet::is_subset;
%rename(isSuperset) hashset::HashSet::is_superset;
%rename(isDisjoint) hashset::HashSet::is_disjoint;
%rename("union") hashset::HashSet::union_with;
%rename(intersection) hashset::HashSet::intersection_with;
%rename(difference) hashset::HashSet::difference_with;
%rename(symmetricDifference) hashset::HashSet::symmetric_difference_with;
%rename(intersectionUpdate) hashset::HashSet::intersection_update;
%rename(differenceUpdate) hashset::HashSet::difference_update;
%rename(symmetricDifferenceUpdate) hashset::HashSet::symmetric_difference_update;

// Errors, one %exception per method (each replaces hashset.i's default):
// - pop() on an empty set: SPL's UnderflowException, as Ds\Set and SplStack do;
// - bytes that are not a serialized set are bad data, not a bad call: SPL's
//   UnexpectedValueException (a RuntimeException; PharData uses it for corrupt
//   archives);
// - out of memory: Error; anything else: RuntimeException.
// And SWIG 4.1 fetches $this without a check (no typemap applies to it): an
// object made without its constructor (ReflectionClass::
// newInstanceWithoutConstructor, a subclass constructor that skipped
// parent::__construct) has no C++ set, which each method checks first.
%define %hashset_php_catch
  try {
    $action
  } catch (const std::out_of_range&) {
    zend_throw_exception(spl_ce_UnderflowException, "HashSet::pop(): the set is empty", 0);
    SWIG_fail;
  } catch (const std::invalid_argument& e) {
    zend_throw_exception(spl_ce_UnexpectedValueException, e.what(), 0);
    SWIG_fail;
  } catch (const std::bad_alloc&) {
    zend_throw_error(nullptr, "HashSet: out of memory");
    SWIG_fail;
  } catch (const std::exception& e) {
    zend_throw_exception(spl_ce_RuntimeException, e.what(), 0);
    SWIG_fail;
  }
%enddef
%define %hashset_php_method(NAME)
%exception hashset::HashSet::NAME {
  if (arg1 == nullptr) {
    zend_throw_error(nullptr, "HashSet object is not initialised");
    SWIG_fail;
  }
  %hashset_php_catch
}
%enddef
%exception hashset::HashSet::HashSet { %hashset_php_catch }
%exception hashset::HashSet::deserialize { %hashset_php_catch }
%hashset_php_method(insert)
%hashset_php_method(contains)
%hashset_php_method(erase)
%hashset_php_method(pop)
%hashset_php_method(size)
%hashset_php_method(empty)
%hashset_php_method(clear)
%hashset_php_method(reserve)
%hashset_php_method(collect)
%hashset_php_method(insert_many)
%hashset_php_method(erase_many)
%hashset_php_method(equals)
%hashset_php_method(is_subset)
%hashset_php_method(is_superset)
%hashset_php_method(is_disjoint)
%hashset_php_method(union_with)
%hashset_php_method(intersection_with)
%hashset_php_method(difference_with)
%hashset_php_method(symmetric_difference_with)
%hashset_php_method(update)
%hashset_php_method(intersection_update)
%hashset_php_method(difference_update)
%hashset_php_method(symmetric_difference_update)
%hashset_php_method(serialize)
%hashset_php_method(copy)
%hashset_php_method(getIterator)
%hashset_php_method(__serialize)

// The core iterator stays hidden: getIterator() hands out a PHP Iterator
// (hashset_php::SetIterator in hashset_protocol.i) built on it.
%ignore hashset::HashSetIterator;

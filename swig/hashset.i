// The hashset API, described once for every target language.
//
// Each language build puts swig/<lang>/ on SWIG's include path; that folder
// supplies the two files included below (see swig/README.md for what they
// must provide). Nothing language-specific belongs in this file.
%module hashset

%{
#include <hashset/hash_set.hpp>
%}

%include <exception.i>

// The header spells its integer types with std::; make SWIG see them as the
// fixed-width types they are.
%include <stdint.i>
namespace std {
typedef ::int64_t int64_t;
typedef ::uint8_t uint8_t;
typedef ::size_t size_t;
}

// Integer, list and byte typemaps of the target language.
%include "hashset_typemaps.i"

// Default mapping of the core's standard exceptions; a language file may give
// a method its own %exception (it takes precedence over this one).
%exception {
  try {
    $action
  } catch (const hashset::ConcurrentModificationError& e) {
    SWIG_exception(SWIG_RuntimeError, e.what());
  } catch (const std::out_of_range& e) {
    SWIG_exception(SWIG_IndexError, e.what());
  } catch (const std::invalid_argument& e) {
    SWIG_exception(SWIG_ValueError, e.what());
  } catch (const std::length_error& e) {
    SWIG_exception(SWIG_MemoryError, e.what());
  } catch (const std::bad_alloc&) {
    SWIG_exception(SWIG_MemoryError, "out of memory");
  } catch (const std::exception& e) {
    SWIG_exception(SWIG_RuntimeError, e.what());
  }
}

// Operators and moves have no portable spelling: equals() covers equality,
// and the copy constructor is the only way to duplicate a set.
%ignore hashset::operator==;
%ignore hashset::operator!=;
%ignore hashset::HashSet::operator=;
%ignore hashset::HashSet::HashSet(HashSet&&);
%ignore hashset::HashSet::version;
%ignore hashset::ConcurrentModificationError;
%ignore hashset::FormatError;
// Their output buffers are the caller's: each language exposes them its own way.
%ignore hashset::HashSet::contains_many;
%ignore hashset::HashSetIterator::next_batch;
// For proxies that hand out a batch: only those that let an iterator remove use it.
%ignore hashset::HashSetIterator::remove_returned;
// A C++ template taking a callback: for the language files' own C++ code.
%ignore hashset::HashSet::for_each;
// A diagnostic of the C++ build (which instructions bulk lookups use).
%ignore hashset::bulk_lookup_instructions;

%newobject hashset::HashSet::union_with;
%newobject hashset::HashSet::intersection_with;
%newobject hashset::HashSet::difference_with;
%newobject hashset::HashSet::symmetric_difference_with;
%newobject hashset::HashSet::deserialize;

%include <hashset/hash_set.hpp>

// Protocol methods and naming of the target language.
%include "hashset_protocol.i"

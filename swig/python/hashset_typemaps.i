// Python: what must precede the API (typemaps, renames, per-method exceptions).

// A runtime of its own: hashset_protocol.i edits SWIG's base type, which must
// not be shared with other SWIG modules loaded in the same process. (A module
// built from these files under another name, as the benchmarks' floor
// module, names its own table with -DSWIG_TYPE_TABLE.)
%begin %{
#ifndef SWIG_TYPE_TABLE
#define SWIG_TYPE_TABLE hashset_python
#endif
%}
//
// Integers are exact: any int or object with __index__ in [-2**63, 2**63);
// anything else raises OverflowError or TypeError before the set is touched.

%fragment("hashset_python", "header") %{
#include <cmath>
#include <vector>

namespace hashset_python {

// Where `long` is 64 bits wide, CPython's `long` conversions are used: they
// are the ones its own hot paths use, and in Debian's profile-optimised
// build they are measurably faster than the `long long` ones.
constexpr bool kLongIs64Bits = sizeof(long) == sizeof(std::int64_t);

PyObject* from_int64(std::int64_t value) {
  if constexpr (kLongIs64Bits) return PyLong_FromLong(static_cast<long>(value));
  return PyLong_FromLongLong(value);
}

std::int64_t int_as_int64(PyObject* integer, int* overflow) {
  if constexpr (kLongIs64Bits) return PyLong_AsLongAndOverflow(integer, overflow);
  return PyLong_AsLongLongAndOverflow(integer, overflow);
}

// Reads an int, or an object with __index__, as int64. On failure sets
// TypeError or OverflowError and returns false.
bool to_int64(PyObject* object, std::int64_t* out) {
  int overflow = 0;
  std::int64_t value;
  if (PyLong_Check(object)) {
    value = int_as_int64(object, &overflow);
  } else if (PyIndex_Check(object)) {
    PyObject* index = PyNumber_Index(object);
    if (index == nullptr) return false;
    value = int_as_int64(index, &overflow);
    Py_DECREF(index);
  } else {
    PyErr_Format(PyExc_TypeError, "HashSet elements are integers, not '%.200s'",
                 Py_TYPE(object)->tp_name);
    return false;
  }
  if (overflow != 0) {
    PyErr_SetString(PyExc_OverflowError, "HashSet elements must be in [-2**63, 2**63)");
    return false;
  }
  if (value == -1 && PyErr_Occurred()) return false;
  *out = value;
  return true;
}

// Like to_int64, but for membership tests: a value that cannot be an element
// (wrong type, out of range, fractional float) is reported as absent, never
// as an error. Integral floats match, as they do in Python's set.
bool to_int64_for_lookup(PyObject* object, std::int64_t* out) {
  if (PyFloat_Check(object)) {
    const double value = PyFloat_AS_DOUBLE(object);
    if (!(value >= -9223372036854775808.0 && value < 9223372036854775808.0)) return false;
    if (value != std::floor(value)) return false;
    *out = static_cast<std::int64_t>(value);
    return true;
  }
  if (!PyLong_Check(object) && !PyIndex_Check(object)) return false;
  if (to_int64(object, out)) return true;
  PyErr_Clear();
  return false;
}

// The values of a bulk call: a one-dimensional buffer of integers is read in
// place (or converted once when its item type is not int64), any other
// iterable is converted element by element. Everything is validated before
// the C++ call, so a bad value leaves the set unchanged.
class Values {
 public:
  Values() = default;
  Values(const Values&) = delete;
  Values& operator=(const Values&) = delete;
  ~Values() {
    if (have_view_) PyBuffer_Release(&view_);
  }

  bool read(PyObject* source) {
    if (PyObject_CheckBuffer(source) && !PyUnicode_Check(source)) {
      if (PyObject_GetBuffer(source, &view_, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) == 0) {
        have_view_ = true;
        if (view_.ndim <= 1) return read_buffer();
        PyBuffer_Release(&view_);
        have_view_ = false;
      } else {
        PyErr_Clear();  // not contiguous: read it as an iterable
      }
    }
    return read_iterable(source);
  }

  const std::int64_t* data() const { return data_; }
  std::size_t size() const { return size_; }

 private:
  template <typename Item>
  bool convert_items() {
    const auto* items = static_cast<const Item*>(view_.buf);
    storage_.resize(size_);
    for (std::size_t i = 0; i < size_; ++i) {
      if constexpr (std::is_unsigned_v<Item> && sizeof(Item) == 8) {
        if (items[i] > static_cast<Item>(INT64_MAX)) {
          PyErr_SetString(PyExc_OverflowError, "HashSet elements must be in [-2**63, 2**63)");
          return false;
        }
      }
      storage_[i] = static_cast<std::int64_t>(items[i]);
    }
    data_ = storage_.data();
    return true;
  }

  bool read_buffer() {
    const char* format = view_.format != nullptr ? view_.format : "B";
    if (*format == '@' || *format == '=' || *format == '<') ++format;
    size_ = static_cast<std::size_t>(view_.len / (view_.itemsize > 0 ? view_.itemsize : 1));
    const bool one_char = format[0] != '\0' && format[1] == '\0';
    const char code = one_char ? format[0] : '\0';
    const Py_ssize_t width = view_.itemsize;
    if ((code == 'q' || code == 'l' || code == 'n') && width == 8) {
      data_ = static_cast<const std::int64_t*>(view_.buf);  // no copy
      return true;
    }
    if ((code == 'Q' || code == 'L' || code == 'N') && width == 8) return convert_items<std::uint64_t>();
    if ((code == 'i' || code == 'l') && width == 4) return convert_items<std::int32_t>();
    if ((code == 'I' || code == 'L') && width == 4) return convert_items<std::uint32_t>();
    if (code == 'h' && width == 2) return convert_items<std::int16_t>();
    if (code == 'H' && width == 2) return convert_items<std::uint16_t>();
    if (code == 'b' && width == 1) return convert_items<std::int8_t>();
    if ((code == 'B' || code == 'c' || code == '?') && width == 1) return convert_items<std::uint8_t>();
    PyErr_Format(PyExc_TypeError, "HashSet needs a buffer of integers, not of format '%s'",
                 view_.format != nullptr ? view_.format : "");
    return false;
  }

  bool read_iterable(PyObject* source) {
    PyObject* iterator = PyObject_GetIter(source);
    if (iterator == nullptr) return false;
    const Py_ssize_t hint = PyObject_LengthHint(source, 0);
    if (hint < 0) {
      Py_DECREF(iterator);
      return false;
    }
    storage_.reserve(static_cast<std::size_t>(hint));
    while (PyObject* item = PyIter_Next(iterator)) {
      std::int64_t value;
      const bool ok = to_int64(item, &value);
      Py_DECREF(item);
      if (!ok) {
        Py_DECREF(iterator);
        return false;
      }
      storage_.push_back(value);
    }
    Py_DECREF(iterator);
    if (PyErr_Occurred()) return false;
    data_ = storage_.data();
    size_ = storage_.size();
    return true;
  }

  Py_buffer view_{};
  bool have_view_ = false;
  std::vector<std::int64_t> storage_;
  const std::int64_t* data_ = nullptr;
  std::size_t size_ = 0;
};

// The C++ object behind `self` of one of our builtin types, or null with
// TypeError set when the object was never initialised.
template <class T>
T* pointer_of(PyObject* self) {
  void* pointer = reinterpret_cast<SwigPyObject*>(self)->ptr;
  if (pointer == nullptr) {
    PyErr_Format(PyExc_TypeError, "%.200s object is not initialised", Py_TYPE(self)->tp_name);
  }
  return static_cast<T*>(pointer);
}

hashset::HashSet* set_of(PyObject* self) { return pointer_of<hashset::HashSet>(self); }

// sq_contains: `x in s` without going through SWIG's generic dispatch.
int contains_slot(PyObject* self, PyObject* value) {
  hashset::HashSet* set = set_of(self);
  if (set == nullptr) return -1;
  std::int64_t key;
  return to_int64_for_lookup(value, &key) && set->contains(key) ? 1 : 0;
}

// sq_length: `len(s)`.
Py_ssize_t length_slot(PyObject* self) {
  hashset::HashSet* set = set_of(self);
  return set == nullptr ? -1 : static_cast<Py_ssize_t>(set->size());
}

}  // namespace hashset_python
%}

// `self` of a HashSet method: the method descriptor has already checked that
// it is a HashSet, so SWIG's generic conversion (a subtype walk and a type
// comparison, about 65 instructions a call) is skipped for the pointer itself.
%typemap(in, fragment="hashset_python") hashset::HashSet* self, const hashset::HashSet* self,
    hashset::HashSetIterator* self, const hashset::HashSetIterator* self {
  $1 = hashset_python::pointer_of<$*1_ltype>($input);
  if ($1 == nullptr) SWIG_fail;
}

%typemap(in, fragment="hashset_python") std::int64_t {
  if (!hashset_python::to_int64($input, &$1)) SWIG_fail;
}
%typemap(typecheck, precedence=SWIG_TYPECHECK_INT64) std::int64_t {
  $1 = PyLong_Check($input) || PyIndex_Check($input);
}
%typemap(out, fragment="hashset_python") std::int64_t "$result = hashset_python::from_int64($1);"
// Inline, not a call into libpython: after a lookup that waits on memory, a
// shorter path to the next call lets the processor start that one sooner.
%typemap(out) bool "$result = $1 ? Py_True : Py_False; Py_INCREF($result);"
%typemap(out) std::size_t "$result = PyLong_FromSize_t($1);"

// Bulk calls: any buffer of integers or any iterable of ints.
%typemap(in, fragment="hashset_python") (const std::int64_t* values, std::size_t count)
    (hashset_python::Values values) {
  if (!values.read($input)) SWIG_fail;
  $1 = const_cast<$1_ltype>(values.data());  // SWIG drops const from locals
  $2 = values.size();
}

// Serialized form: bytes out, any contiguous bytes-like object in.
%typemap(out) std::vector<std::uint8_t> {
  $result = PyBytes_FromStringAndSize(reinterpret_cast<const char*>($1.data()),
                                      static_cast<Py_ssize_t>($1.size()));
  if ($result == nullptr) SWIG_fail;
}
%typemap(in) (const std::uint8_t* data, std::size_t size) (Py_buffer view, bool have_view = false) {
  if (PyObject_GetBuffer($input, &view, PyBUF_SIMPLE) != 0) SWIG_fail;
  have_view = true;
  $1 = static_cast<$1_ltype>(view.buf);
  $2 = static_cast<std::size_t>(view.len);
}
%typemap(freearg) (const std::uint8_t* data, std::size_t size) {
  if (have_view$argnum) PyBuffer_Release(&view$argnum);
}

// Python's names and errors.
//
// python/hashset/__init__.py completes HashSet as a Python subclass of this
// builtin type; C++ functions that return a new set would hand back the base
// type, so Python builds its results in place instead (union(), copy(), ...).
%ignore hashset::HashSet::union_with;
%ignore hashset::HashSet::intersection_with;
%ignore hashset::HashSet::difference_with;
%ignore hashset::HashSet::symmetric_difference_with;
%ignore hashset::HashSet::deserialize;
// collect() builds its list straight from the table (hashset_protocol.i),
// without the core's intermediate vector.
%ignore hashset::HashSet::collect;
%rename(collect) hashset::HashSet::collect_list;
%rename(discard_many) hashset::HashSet::erase_many;
%exception hashset::HashSet::pop {
  try {
    $action
  } catch (const std::out_of_range& e) {
    PyErr_SetString(PyExc_KeyError, e.what());
    SWIG_fail;
  }
}

%feature("python:sq_contains") hashset::HashSet "hashset_python::contains_slot";
%feature("python:sq_length") hashset::HashSet "hashset_python::length_slot";

// Iterators come only from iter(s) and speak Python's iterator protocol.
%ignore hashset::HashSetIterator::HashSetIterator;
%ignore hashset::HashSetIterator::has_next;
%ignore hashset::HashSetIterator::remove;
%rename(__length_hint__) hashset::HashSetIterator::remaining;
%rename(__next__) hashset::HashSetIterator::next;
%feature("python:tp_iter") hashset::HashSetIterator "PyObject_SelfIter";
%feature("python:slot", "tp_iternext", functype="iternextfunc") hashset::HashSetIterator::next;
%exception hashset::HashSetIterator::next {
  try {
    $action
  } catch (const hashset::ConcurrentModificationError&) {
    PyErr_SetString(PyExc_RuntimeError, "Set changed during iteration");
    SWIG_fail;
  } catch (const std::out_of_range&) {
    PyErr_SetNone(PyExc_StopIteration);
    SWIG_fail;
  }
}

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

  /// For each value, 1 when it is an element and 0 otherwise, as bytes
  /// (HashSet.contains_many views them as bools without a copy).
  // (A PyObject* parameter, not the (values, count) typemap: SWIG would spell
  // the pointer's type `long long` in this helper's prototype.)
  PyObject* _contains_many_bytes(PyObject* source) const {
    hashset_python::Values values;
    if (!values.read(source)) return nullptr;
    PyObject* found = PyBytes_FromStringAndSize(nullptr, static_cast<Py_ssize_t>(values.size()));
    if (found == nullptr) return nullptr;
    $self->contains_many(values.data(), values.size(),
                         reinterpret_cast<std::uint8_t*>(PyBytes_AS_STRING(found)));
    return found;
  }

  /// Returns all elements in unspecified order, as a list.
  PyObject* collect_list() const {
    PyObject* list = PyList_New(static_cast<Py_ssize_t>($self->size()));
    if (list == nullptr) return nullptr;
    Py_ssize_t filled = 0;
    bool failed = false;
    $self->for_each([&](std::int64_t value) {
      PyObject* item = failed ? nullptr : hashset_python::from_int64(value);
      if (item == nullptr) {
        failed = true;
        return;
      }
      PyList_SET_ITEM(list, filled++, item);
    });
    if (failed) {
      Py_DECREF(list);  // the slots not yet filled are null, which a list may hold
      return nullptr;
    }
    return list;
  }

  /// Replaces the elements with those common to `a` and `b`, in one C++ pass
  /// over the smaller set (HashSet.intersection builds its result this way).
  void _assign_intersection(const hashset::HashSet& a, const hashset::HashSet& b) {
    *$self = a.intersection_with(b);
  }

  /// All elements as native int64 bytes (HashSet.to_array views them as 'q').
  PyObject* _elements_bytes() const {
    const std::vector<std::int64_t> elements = $self->collect();
    return PyBytes_FromStringAndSize(reinterpret_cast<const char*>(elements.data()),
                                     static_cast<Py_ssize_t>(elements.size() * sizeof(std::int64_t)));
  }

  %newobject __iter__;
  %feature("python:slot", "tp_iter", functype="getiterfunc") __iter__;
  /// Returns a fail-fast iterator over the elements.
  hashset::HashSetIterator* __iter__() const { return new hashset::HashSetIterator(*$self); }
}


// SWIG's builtin base type gives every object ownership handles (thisown,
// own, disown, acquire, append, next, this) with which Python code could leak
// the C++ object or chain objects together. A HashSet always owns its set:
// remove them. The module has its own SWIG type table (hashset_typemaps.i),
// so no other SWIG module shares the base type changed here.
%init %{
  {
    PyTypeObject* base = SwigPyObject_type();
    for (const char* name : {"own", "disown", "acquire", "append", "next"}) {
      if (PyDict_DelItemString(base->tp_dict, name) != 0) PyErr_Clear();
    }
    PyType_Modified(base);
    for (const char* type_name : {"HashSet", "HashSetIterator"}) {
      PyObject* type = PyObject_GetAttrString(m, type_name);
      if (type == nullptr) return NULL;
      for (const char* name : {"this", "thisown"}) {
        if (PyDict_DelItemString(reinterpret_cast<PyTypeObject*>(type)->tp_dict, name) != 0) {
          PyErr_Clear();
        }
      }
      PyType_Modified(reinterpret_cast<PyTypeObject*>(type));
      Py_DECREF(type);
    }
  }
%}

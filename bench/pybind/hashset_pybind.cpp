// A pybind11 binding of hashset::HashSet, written the usual pybind11 way
// (py::array_t for the bulk calls), to compare with the SWIG one.
#include <cstdint>
#include <string>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <hashset/hash_set.hpp>

namespace py = pybind11;
using hashset::HashSet;
using Array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

PYBIND11_MODULE(hashset_pybind, m) {
  // The fail-fast cursor, as the SWIG binding's iterator.
  py::class_<hashset::HashSetIterator>(m, "HashSetIterator")
      .def("__iter__", [](hashset::HashSetIterator& it) -> hashset::HashSetIterator& { return it; })
      .def("__next__", [](hashset::HashSetIterator& it) {
        if (!it.has_next()) throw py::stop_iteration();
        return it.next();
      });
  py::class_<HashSet>(m, "HashSet")
      .def(py::init<>())
      .def("insert", &HashSet::insert)
      .def("add", [](HashSet& s, std::int64_t v) { s.insert(v); })
      .def("contains", &HashSet::contains)
      .def("__contains__", &HashSet::contains)
      .def("discard", [](HashSet& s, std::int64_t v) { s.erase(v); })
      .def("noop", [](const HashSet&, std::int64_t) {})
      .def("__len__", &HashSet::size)
      .def("len", &HashSet::size)
      .def("collect", &HashSet::collect)  // std::vector -> list
      .def("__iter__", [](const HashSet& s) { return hashset::HashSetIterator(s); })
      .def("insert_many",
           [](HashSet& s, const Array& a) { return s.insert_many(a.data(), static_cast<std::size_t>(a.size())); })
      .def("discard_many",
           [](HashSet& s, const Array& a) { return s.erase_many(a.data(), static_cast<std::size_t>(a.size())); })
      .def("contains_many",
           [](const HashSet& s, const Array& a) {
             py::array_t<bool> out(a.size());
             s.contains_many(a.data(), static_cast<std::size_t>(a.size()),
                             reinterpret_cast<std::uint8_t*>(out.mutable_data()));
             return out;
           })
      .def("to_array",
           [](const HashSet& s) {
             std::vector<std::int64_t> all = s.collect();
             Array out(static_cast<py::ssize_t>(all.size()));
             std::memcpy(out.mutable_data(), all.data(), all.size() * sizeof(std::int64_t));
             return out;
           })
      .def("__or__", &HashSet::union_with)
      .def("__and__", &HashSet::intersection_with)
      .def(py::pickle(
          [](const HashSet& s) {
            std::vector<std::uint8_t> b = s.serialize();
            return py::bytes(reinterpret_cast<const char*>(b.data()), b.size());
          },
          [](const py::bytes& b) {
            std::string data = b;
            return HashSet::deserialize(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
          }));
}

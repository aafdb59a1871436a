// Bench only: the real Python typemaps, plus a `x in s` slot that converts
// the value exactly as the real one does but looks nothing up: the floor of
// the sq_contains path (`x in s` on this bench type costs only the call).
%include "python/hashset_typemaps.i"

%fragment("bench_floor", "header", fragment="hashset_python") %{
namespace bench_floor {
int contains_slot(PyObject* self, PyObject* value) {
  if (hashset_python::set_of(self) == nullptr) return -1;
  std::int64_t key;
  return hashset_python::to_int64_for_lookup(value, &key) && key == 0x5a5a5a5a ? 1 : 0;
}
}  // namespace bench_floor
%}
%fragment("bench_floor");
%feature("python:sq_contains") hashset::HashSet "bench_floor::contains_slot";

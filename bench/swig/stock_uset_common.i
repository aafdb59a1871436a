// SWIG's stock binding of std::unordered_set<long long>: what a user gets
// from %template alone, with no hand-written typemaps.
%include <std_unordered_set.i>
%template(UnorderedSet) std::unordered_set<long long>;
%extend std::unordered_set<long long> {
  void noop(long long value) const { (void)value; }
}

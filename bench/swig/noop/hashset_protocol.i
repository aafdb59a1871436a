// Bench only: the real Python protocol, plus an empty method taking one
// int64 through the real typemap, i.e. the per-call floor of this type.
%include "python/hashset_protocol.i"

%extend hashset::HashSet {
  void noop(std::int64_t value) const { (void)value; }
}

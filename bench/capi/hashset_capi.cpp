// A C API over hashset::HashSet, the way a hand-made ctypes wrapper binds a
// C++ class. The bench also uses its bulk entries as "the C++ core's own loop"
// over a numpy buffer (one foreign call per bulk operation).
#include <cstdint>
#include <cstring>
#include <vector>

#include <hashset/hash_set.hpp>

#define API extern "C" __attribute__((visibility("default")))

using hashset::HashSet;

API void* hs_new() { return new HashSet(); }
API const char* hs_bulk_lookup_instructions() { return hashset::bulk_lookup_instructions(); }
API void hs_free(void* s) { delete static_cast<HashSet*>(s); }
API int hs_insert(void* s, std::int64_t v) { return static_cast<HashSet*>(s)->insert(v); }
API int hs_contains(void* s, std::int64_t v) { return static_cast<HashSet*>(s)->contains(v); }
API int hs_erase(void* s, std::int64_t v) { return static_cast<HashSet*>(s)->erase(v); }
API void hs_noop(void*, std::int64_t) {}
API std::size_t hs_size(void* s) { return static_cast<HashSet*>(s)->size(); }
API void hs_reserve(void* s, std::size_t n) { static_cast<HashSet*>(s)->reserve(n); }
API std::size_t hs_insert_many(void* s, const std::int64_t* v, std::size_t n) {
  return static_cast<HashSet*>(s)->insert_many(v, n);
}
API std::size_t hs_erase_many(void* s, const std::int64_t* v, std::size_t n) {
  return static_cast<HashSet*>(s)->erase_many(v, n);
}
API void hs_contains_many(void* s, const std::int64_t* v, std::size_t n, std::uint8_t* out) {
  static_cast<HashSet*>(s)->contains_many(v, n, out);
}
// The scalar calls in a C++ loop: what a Python loop of s.add(x) / s.contains(x)
// costs without the per-call overhead.
API std::size_t hs_insert_each(void* s, const std::int64_t* v, std::size_t n) {
  std::size_t added = 0;
  for (std::size_t i = 0; i < n; ++i) added += static_cast<HashSet*>(s)->insert(v[i]);
  return added;
}
API std::size_t hs_contains_each(void* s, const std::int64_t* v, std::size_t n) {
  std::size_t found = 0;
  for (std::size_t i = 0; i < n; ++i) found += static_cast<HashSet*>(s)->contains(v[i]);
  return found;
}
// Copies the elements into out (room for hs_size() values); returns the count.
API std::size_t hs_collect(void* s, std::int64_t* out) {
  std::vector<std::int64_t> all = static_cast<HashSet*>(s)->collect();
  std::memcpy(out, all.data(), all.size() * sizeof(std::int64_t));
  return all.size();
}
API void* hs_union(void* a, void* b) {
  return new HashSet(static_cast<HashSet*>(a)->union_with(*static_cast<HashSet*>(b)));
}
API void* hs_intersection(void* a, void* b) {
  return new HashSet(static_cast<HashSet*>(a)->intersection_with(*static_cast<HashSet*>(b)));
}
// serialize: returns a malloc'd buffer the caller frees with hs_free_bytes.
API std::uint8_t* hs_serialize(void* s, std::size_t* size) {
  std::vector<std::uint8_t> bytes = static_cast<HashSet*>(s)->serialize();
  auto* out = new std::uint8_t[bytes.size()];
  std::memcpy(out, bytes.data(), bytes.size());
  *size = bytes.size();
  return out;
}
API void hs_free_bytes(std::uint8_t* p) { delete[] p; }
API void* hs_deserialize(const std::uint8_t* data, std::size_t size) {
  try {
    return new HashSet(HashSet::deserialize(data, size));
  } catch (...) {
    return nullptr;
  }
}

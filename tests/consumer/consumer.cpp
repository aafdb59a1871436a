// Built against an installed hashset; exits non-zero if the set misbehaves.
#include <hashset/hash_set.hpp>

#include <cstdio>

int main() {
  hashset::HashSet set;
  const bool added = set.insert(41) && set.insert(42) && !set.insert(42);
  const hashset::HashSet copy = hashset::HashSet::deserialize(set.serialize().data(),
                                                              set.serialize().size());
  const bool ok = added && set.size() == 2 && set.contains(41) && copy == set;
  std::puts(ok ? "consumer: ok" : "consumer: FAILED");
  return ok ? 0 : 1;
}

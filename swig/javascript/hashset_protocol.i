// JavaScript: methods the public class in javascript/hashset.js needs from
// the native layer. The Set protocol itself (size, has, add, delete,
// iteration, set-likes) is plain JavaScript there.

%extend hashset::HashSet {
  /// Deletes the C++ set now (close()); any later use of it throws
  /// ERR_HASHSET_CLOSED. Sets that are never closed are freed by the GC.
  static void dispose(hashset::HashSet* RELEASED) { delete RELEASED; }
}

// For each value, 1 when it is an element of set and 0 otherwise (a Buffer;
// HashSet.containsMany views it as a Uint8Array). SWIG spells the values'
// type `long long` in calls to anything but a member of the class (and that
// is not std::int64_t on Linux): the definition takes what SWIG passes, the
// declaration names std::int64_t for the typemap.
%{
namespace hashset_javascript {
std::vector<std::uint8_t> contains_flags(const hashset::HashSet& set, const long long* values,
                                         std::size_t count) {
  static_assert(sizeof(long long) == sizeof(std::int64_t), "long long must be 64-bit");
  std::vector<std::uint8_t> found(count);
  set.contains_many(reinterpret_cast<const std::int64_t*>(values), count, found.data());
  return found;
}
}  // namespace hashset_javascript
%}
namespace hashset_javascript {
std::vector<std::uint8_t> contains_flags(const hashset::HashSet& set, const std::int64_t* values,
                                         std::size_t count);
}

// Fills numbers with the iterator's next elements and returns how many; an
// element beyond the safe integers is NaN there and exact in exact[i]. With
// no room, it only checks that the set did not change.
%{
namespace hashset_javascript {
std::size_t next_batch_numbers(hashset::HashSetIterator& iterator, double* numbers,
                               std::int64_t* exact, std::size_t capacity) {
  const std::size_t count = iterator.next_batch(exact, capacity);
  for (std::size_t i = 0; i < count; ++i) {
    numbers[i] = is_safe_integer(exact[i]) ? static_cast<double>(exact[i])
                                           : std::numeric_limits<double>::quiet_NaN();
  }
  return count;
}
}  // namespace hashset_javascript
%}
namespace hashset_javascript {
std::size_t next_batch_numbers(hashset::HashSetIterator& iterator, double* numbers,
                               std::int64_t* exact, std::size_t capacity);
}

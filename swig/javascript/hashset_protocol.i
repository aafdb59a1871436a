// JavaScript: methods the public class in javascript/hashset.js needs from
// the native layer. The Set protocol itself (size, has, add, delete,
// iteration, set-likes) is plain JavaScript there.

%extend hashset::HashSet {
  /// Deletes the C++ set now (close()); any later use of it throws
  /// ERR_HASHSET_CLOSED. Sets that are never closed are freed by the GC.
  static void dispose(hashset::HashSet* RELEASED) { delete RELEASED; }
}

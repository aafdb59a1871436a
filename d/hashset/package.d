/**
 * hashset: a set of 64-bit integers (`long`) over a native C++ SwissTable.
 *
 * ---
 * import hashset;
 * auto s = new HashSet([1, 2, 3]);
 * assert(2 in s && s.length == 3);
 * ---
 *
 * The class and its exceptions live in the module hashset.hashset, generated
 * by SWIG from swig/hashset.i with swig/d/; this module only re-exports it.
 */
module hashset;

public import hashset.hashset;

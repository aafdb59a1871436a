// D: what must precede the API (typemaps, renames, per-method exceptions).
//
// Integers: std::int64_t is D's `long` (exact by construction) and std::size_t
// D's `size_t`. A D `ulong` would convert to `long` silently (ulong.max -> -1),
// so the public insert/contains/remove/insertMany/removeMany are templates in
// hashset_protocol.i over private native methods: any integer type or BigInt,
// range-checked (std.conv.ConvOverflowException); floats, strings, bool, char
// and null do not compile.
// Lists and bytes are D slices: `const(long)[]` / `const(ubyte)[]` are read in
// place for the call, results come back as new GC-owned `long[]` / `ubyte[]`.
// Errors are HashSetException and its subclasses, thrown in D.

// The private HashSet::State::version member is never wrapped, but SWIG still
// checks its name against D's keywords while parsing the header.
%warnfilter(SWIGWARN_PARSE_KEYWORD) hashset::HashSet::State::version;

%fragment("hashset_d", "header") %{
#include <cstdlib>
#include <cstring>
#include <vector>

// A D slice as its (length, pointer) pair: the layout of the D struct
// HashsetSlice in the intermediary module.
struct hashset_d_slice {
  size_t length = 0;
  void* ptr = nullptr;

  hashset_d_slice() = default;
  // SWIG's D wrappers `return 0;` after raising: that is an empty slice.
  hashset_d_slice(int) {}
};

// Copies a result into malloc'd memory that the D side copies into a GC
// array and frees; when out of memory it is empty and an exception pending.
template <typename T>
void hashset_d_give(const std::vector<T>& values, hashset_d_slice* out) {
  out->length = 0;
  out->ptr = nullptr;
  if (values.empty()) return;
  out->ptr = std::malloc(values.size() * sizeof(T));
  if (out->ptr == nullptr) {
    SWIG_DSetPendingException(SWIG_DException, "out of memory");
    return;
  }
  std::memcpy(out->ptr, values.data(), values.size() * sizeof(T));
  out->length = values.size();
}
%}

%pragma(d) imdmodulecode=%{
// The C struct hashset_d_slice.
struct HashsetSlice {
  size_t length;
  void* ptr;
}

HashsetSlice hashsetSliceOf(T)(const(T)[] values) {
  return HashsetSlice(values.length, cast(void*) values.ptr);
}

// Copies a native result into a new GC array and frees the native copy.
T[] hashsetTake(T)(HashsetSlice slice) {
  static import core.stdc.stdlib;
  scope(exit) core.stdc.stdlib.free(slice.ptr);
  return slice.length == 0 ? [] : (cast(T*) slice.ptr)[0 .. slice.length].dup;
}

// Replaces SWIG's callbacks (registered by the static constructor above,
// which runs first: a module's static constructors run in lexical order) so
// that each code the C++ side raises becomes its own exception class:
// SWIG_DException -> HashSetException, SWIG_DIllegalArgumentException ->
// ClosedSetException (a null set reached C++), SWIG_DIllegalElementException
// -> ConcurrentModificationException, SWIG_DIOException ->
// SerializationException, SWIG_DNoSuchElementException -> EmptySetException.
private class HashsetExceptionCallbacks {
  static this() {
    swigRegisterExceptionCallbackshashset(
      &raise!(hashset.hashset.HashSetException),
      &raise!(hashset.hashset.ClosedSetException),
      &raise!(hashset.hashset.ConcurrentModificationException),
      &raise!(hashset.hashset.SerializationException),
      &raise!(hashset.hashset.EmptySetException));
  }

  static void raise(E)(const char* message) {
    SwigPendingException.set(new E(std.conv.to!string(message)));
  }
}

// SWIG binds the C functions in thread-local variables, each thread in its
// own static constructor. The GC runs finalizers on whichever thread
// collects, also inside a new thread's constructor before that thread bound
// anything (its allocations can start a collection): a destructor calling
// delete_HashSet there called null. The destructors call these process-wide
// copies instead, set by the first thread (the main one, before any other
// thread exists, so later threads only read them).
__gshared typeof(delete_HashSet) deleteHashSetOnAnyThread;
__gshared typeof(delete_HashSetIterator) deleteHashSetIteratorOnAnyThread;

private class HashsetDeletersForFinalizers {
  static this() {
    if (deleteHashSetOnAnyThread is null) {
      deleteHashSetOnAnyThread = delete_HashSet;
      deleteHashSetIteratorOnAnyThread = delete_HashSetIterator;
    }
  }
}
%}

// The exception classes, in the proxy module hashset.hashset (the
// intermediary module imports it for the callbacks above; only the
// intermediary module has static constructors, so the import cycle is fine).
%pragma(d) imdmoduleimports=%{
static import hashset.hashset;
%}
%pragma(d) proxydmodulecode=%{
/// The base of every error the hashset binding throws.
class HashSetException : object.Exception {
  this(string message, string file = __FILE__, size_t line = __LINE__, Throwable next = null) pure nothrow @safe {
    super(message, file, line, next);
  }
}

/// pop() on an empty set.
class EmptySetException : HashSetException {
  this(string message, string file = __FILE__, size_t line = __LINE__, Throwable next = null) pure nothrow @safe {
    super(message, file, line, next);
  }
}

/// The set changed while a range or foreach was iterating over it.
class ConcurrentModificationException : HashSetException {
  this(string message, string file = __FILE__, size_t line = __LINE__, Throwable next = null) pure nothrow @safe {
    super(message, file, line, next);
  }
}

/// deserialize() was given bytes that are not a serialized set.
class SerializationException : HashSetException {
  this(string message, string file = __FILE__, size_t line = __LINE__, Throwable next = null) pure nothrow @safe {
    super(message, file, line, next);
  }
}

/// A set was used after close()/dispose().
class ClosedSetException : HashSetException {
  this(string message, string file = __FILE__, size_t line = __LINE__, Throwable next = null) pure nothrow @safe {
    super(message, file, line, next);
  }
}
%}

// std::int64_t and std::size_t keep SWIG's exact mappings to long / size_t.

// A set whose C++ object is gone never reaches C++ (the D proxy throws
// ClosedSetException first); this is the backstop.
%typemap(check) SWIGTYPE* self %{
  if (!$1) {
    SWIG_DSetPendingException(SWIG_DIllegalArgumentException, "the HashSet is closed");
    return $null;
  }
%}

// collect(): a new long[]; serialize(): a new ubyte[].
%define HASHSET_D_ARRAY_OUT(CTYPE, DTYPE)
%typemap(ctype) std::vector<CTYPE> "hashset_d_slice"
%typemap(imtype) std::vector<CTYPE> "$imdmodule.HashsetSlice"
%typemap(dtype) std::vector<CTYPE> "DTYPE[]"
%typemap(out, fragment="hashset_d") std::vector<CTYPE> %{
  hashset_d_give($1, &$result);  // on failure: empty, and an exception pending
%}
%typemap(dout, excode=SWIGEXCODE) std::vector<CTYPE> {
  typeof($imcall) slice;
  synchronized (cast(Object) this) {
    slice = $imcall;$excode
  }
  return $imdmodule.hashsetTake!(DTYPE)(slice);
}
%enddef
HASHSET_D_ARRAY_OUT(std::int64_t, long)
HASHSET_D_ARRAY_OUT(std::uint8_t, ubyte)

// insert_many / erase_many take a const(long)[], deserialize a const(ubyte)[]:
// the slice is read in place for the call (a null slice is an empty one).
%define HASHSET_D_ARRAY_IN(DTYPE, POINTER, SIZE)
%typemap(ctype) (POINTER, SIZE) "hashset_d_slice"
%typemap(imtype) (POINTER, SIZE) "$imdmodule.HashsetSlice"
// SWIG's D module looks up the proxy's typemaps by the first parameter alone.
%typemap(dtype) POINTER "const(DTYPE)[]"
%typemap(din) POINTER "$imdmodule.hashsetSliceOf($dinput)"
%typemap(in, fragment="hashset_d") (POINTER, SIZE) %{
  $1 = static_cast<$1_ltype>($input.ptr);
  $2 = $input.length;
%}
%enddef
HASHSET_D_ARRAY_IN(long, const std::int64_t* values, std::size_t count)
HASHSET_D_ARRAY_IN(ubyte, const std::uint8_t* data, std::size_t size)

// Another set as an argument: null or closed throws in D before any native call.
%typemap(din) const hashset::HashSet& "$dclassname.swigGetCPtrChecked($dinput)"

// The proxy reads its native pointer through a property that refuses a
// closed set, so every method of a closed HashSet throws ClosedSetException
// instead of handing C++ a null pointer. (No SwigOperatorDefinitions mixin:
// hashset_protocol.i defines the operators itself.)
%typemap(dbody) hashset::HashSet %{
private void* swigCPtrField;
protected bool swigCMemOwn;

// Two-set methods take both sets' monitors, lower lockOrder first.
private immutable ulong lockOrder;
private static shared ulong lastLockOrder;

public this(void* cObject, bool ownCObject) {
  static import core.atomic;
  swigCPtrField = cObject;
  swigCMemOwn = ownCObject;
  lockOrder = core.atomic.atomicOp!"+="(lastLockOrder, 1);
}

private @property void* swigCPtr() const {
  if (swigCPtrField is null) throw new ClosedSetException("the HashSet is closed");
  return cast(void*) swigCPtrField;
}

public static void* swigGetCPtr(typeof(this) obj) {
  return (obj is null) ? null : obj.swigCPtrField;
}

// The pointer of a set argument: null or closed throws.
public static void* swigGetCPtrChecked(const typeof(this) obj) {
  if (obj is null) throw new HashSetException("the HashSet argument is null");
  return obj.swigCPtr;
}

public static void* swigRelease(typeof(this) obj) {
  if (obj is null) return null;
  if (!obj.swigCMemOwn) throw new HashSetException("Cannot release ownership as memory is not owned");
  void* ptr = obj.swigCPtr;
  obj.swigCMemOwn = false;
  obj.dispose();
  return ptr;
}
%}
// As the default (dclassgen.swg), through the process-wide delete function.
%typemap(ddispose, methodname="dispose", methodmodifiers="public", parameters="") hashset::HashSetIterator {
  synchronized(this) {
    if (swigCPtr !is null) {
      if (swigCMemOwn) {
        swigCMemOwn = false;
        hashset.hashset_im.deleteHashSetIteratorOnAnyThread(swigCPtr);
      }
      swigCPtr = null;
    }
  }
}
%typemap(ddispose, methodname="dispose", methodmodifiers="public", parameters="") hashset::HashSet {
  synchronized(this) {
    if (swigCPtrField !is null) {
      if (swigCMemOwn) {
        swigCMemOwn = false;
        hashset.hashset_im.deleteHashSetOnAnyThread(swigCPtrField);  // see its declaration
      }
      swigCPtrField = null;
    }
  }
}

// Threads (docs/threads.md): every wrapped method's body holds its object's
// monitor, as dispose() does (so close waits for a running call; the
// out typemaps below); the two-set methods are private native ones under
// public wrappers in hashset_protocol.i that first take both monitors in
// lockOrder.
%typemap(dout, excode=SWIGEXCODE) bool {
  synchronized (cast(Object) this) {
    bool ret = $imcall ? true : false;$excode
    return ret;
  }
}
%typemap(dout, excode=SWIGEXCODE) std::int64_t, std::size_t {
  synchronized (cast(Object) this) {
    auto ret = $imcall;$excode
    return ret;
  }
}
%typemap(dout, excode=SWIGEXCODE) void {
  synchronized (cast(Object) this) {
    $imcall;$excode
  }
}
%typemap(dout, excode=SWIGEXCODE) hashset::HashSet {
  synchronized (cast(Object) this) {
    $&dclassname ret = new $&dclassname($imcall, true);$excode
    return ret;
  }
}
// Static: reads no set.
%typemap(dout, excode=SWIGEXCODE) hashset::HashSet deserialize {
  $&dclassname ret = new $&dclassname($imcall, true);$excode
  return ret;
}
%define HASHSET_D_TWO_SET(NAME, NATIVE)
%rename(NATIVE) hashset::HashSet::NAME;
%dmethodmodifiers hashset::HashSet::NAME "private";
%enddef
HASHSET_D_TWO_SET(equals, nativeEquals)
HASHSET_D_TWO_SET(is_subset, nativeIsSubset)
HASHSET_D_TWO_SET(is_superset, nativeIsSuperset)
HASHSET_D_TWO_SET(is_disjoint, nativeIsDisjoint)
HASHSET_D_TWO_SET(union_with, nativeUnionWith)
HASHSET_D_TWO_SET(intersection_with, nativeIntersectionWith)
HASHSET_D_TWO_SET(difference_with, nativeDifferenceWith)
HASHSET_D_TWO_SET(symmetric_difference_with, nativeSymmetricDifferenceWith)
HASHSET_D_TWO_SET(update, nativeUpdate)
HASHSET_D_TWO_SET(intersection_update, nativeIntersectionUpdate)
HASHSET_D_TWO_SET(difference_update, nativeDifferenceUpdate)
HASHSET_D_TWO_SET(symmetric_difference_update, nativeSymmetricDifferenceUpdate)
// A copy reads the other set: the proxy's this(HashSet) copies through update().
%ignore hashset::HashSet::HashSet(const HashSet&);

// D's names: camelCase, and the names of D's associative arrays where they
// exist (remove, length).
// insert/contains/remove are templates in hashset_protocol.i: D prefers a
// non-template overload even when it needs a wrapping ulong -> long
// conversion, so the checked forms must be the only public ones.
%rename(nativeInsert) hashset::HashSet::insert;
%rename(nativeContains) hashset::HashSet::contains;
%rename(nativeRemove) hashset::HashSet::erase;
%dmethodmodifiers hashset::HashSet::insert "private";
%dmethodmodifiers hashset::HashSet::contains "private";
%dmethodmodifiers hashset::HashSet::erase "private";
// Likewise insertMany/removeMany: an array literal of ulongs would convert
// element by element to a const(long)[] parameter.
%rename(nativeInsertMany) hashset::HashSet::insert_many;
%rename(nativeRemoveMany) hashset::HashSet::erase_many;
%dmethodmodifiers hashset::HashSet::insert_many "private";
%dmethodmodifiers hashset::HashSet::erase_many "private";
%rename(length) hashset::HashSet::size;

// Errors as D exceptions (the codes map to classes as listed above).
%exception hashset::HashSet::pop {
  try {
    $action
  } catch (const std::out_of_range&) {
    SWIG_DSetPendingException(SWIG_DNoSuchElementException, "pop from an empty HashSet");
    return $null;
  }
}
%exception hashset::HashSet::deserialize {
  try {
    $action
  } catch (const std::bad_alloc&) {
    SWIG_DSetPendingException(SWIG_DException, "out of memory");
    return $null;
  } catch (const std::invalid_argument& e) {
    SWIG_DSetPendingException(SWIG_DIOException, e.what());
    return $null;
  } catch (const std::exception& e) {
    SWIG_DSetPendingException(SWIG_DException, e.what());
    return $null;
  }
}

// The iterator only backs HashSet's ranges and foreach: package-private.
%typemap(dclassmodifiers) hashset::HashSetIterator "package class"
%rename(hasNext) hashset::HashSetIterator::has_next;
%ignore hashset::HashSetIterator::remove;
%ignore hashset::HashSetIterator::remaining;
%exception hashset::HashSetIterator::next {
  try {
    $action
  } catch (const hashset::ConcurrentModificationError&) {
    SWIG_DSetPendingException(SWIG_DIllegalElementException, "the HashSet changed during iteration");
    return $null;
  } catch (const std::out_of_range&) {
    SWIG_DSetPendingException(SWIG_DException, "the iteration is finished");
    return $null;
  }
}

// C#: what must precede the API (typemaps, renames, per-method exceptions).
//
// Integers: std::int64_t is C#'s `long` (exact by construction: a value that is
// not an int64 cannot reach a `long` parameter); std::size_t is a `long` too
// (SWIG's default is a 32-bit `uint`), checked non-negative on the way in.
// Lists and bytes are plain `long[]` / `byte[]`: arrays are pinned for the call,
// serialize()'s bytes are copied into a new managed array and the native copy
// is freed; Collect() has the core write straight into its array (hashset_protocol.i).

%fragment("hashset_csharp", "header") %{
#include <algorithm>
#include <new>
#include <vector>

// A managed array pinned by the proxy for the duration of one call.
struct hashset_csharp_span {
  const void* data;
  long long count;
};

// Native bytes handed to C# once: it asks for the size, then the bytes are
// copied into its own array and the native vector is deleted.
extern "C" {
SWIGEXPORT long long SWIGSTDCALL hashset_csharp_bytes_size(void* vector) {
  return static_cast<long long>(static_cast<std::vector<std::uint8_t>*>(vector)->size());
}
SWIGEXPORT void SWIGSTDCALL hashset_csharp_bytes_take(void* vector, unsigned char* out) {
  auto* bytes = static_cast<std::vector<std::uint8_t>*>(vector);
  std::copy(bytes->begin(), bytes->end(), out);
  delete bytes;
}
}
%}

%pragma(csharp) imclasscode=%{
  // The (pointer, count) pair of a pinned managed array, as the C side reads it.
  [global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential)]
  internal struct NativeSpan {
    public global::System.IntPtr data;
    public long count;
  }

  // Pins an array for one native call; Free() must follow (the proxies do it in a finally).
  internal struct PinnedArray {
    private global::System.Runtime.InteropServices.GCHandle handle;
    internal NativeSpan span;

    internal static PinnedArray Of(global::System.Array array, string parameter) {
      if (array == null) throw new global::System.ArgumentNullException(parameter);
      PinnedArray pin = new PinnedArray();
      pin.handle = global::System.Runtime.InteropServices.GCHandle.Alloc(
          array, global::System.Runtime.InteropServices.GCHandleType.Pinned);
      pin.span.data = pin.handle.AddrOfPinnedObject();
      pin.span.count = array.LongLength;
      return pin;
    }

    internal void Free() {
      if (handle.IsAllocated) handle.Free();
    }
  }

  [global::System.Runtime.InteropServices.DllImport("$dllimport", EntryPoint="hashset_csharp_bytes_size")]
  private static extern long BytesSize(global::System.IntPtr vector);
  [global::System.Runtime.InteropServices.DllImport("$dllimport", EntryPoint="hashset_csharp_bytes_take")]
  private static extern void BytesTake(global::System.IntPtr vector,
      [global::System.Runtime.InteropServices.Out] byte[] destination);

  // Copies a native std::vector<uint8_t> into a new array and frees it.
  internal static byte[] TakeBytes(global::System.IntPtr vector) {
    byte[] bytes = new byte[BytesSize(vector)];
    BytesTake(vector, bytes);
    return bytes;
  }
%}

// std::int64_t keeps SWIG's mapping to `long` (exact, both ways).

// std::size_t: a 64-bit `long` both ways; negative counts are rejected.
%typemap(ctype) std::size_t "long long"
%typemap(imtype) std::size_t "long"
%typemap(cstype) std::size_t "long"
%typemap(csin) std::size_t "$csinput"
%typemap(in, canthrow=1) std::size_t %{
  if ($input < 0) {
    SWIG_CSharpSetPendingExceptionArgument(SWIG_CSharpArgumentOutOfRangeException,
                                           "must not be negative", "$1_name");
    return $null;
  }
  $1 = static_cast<std::size_t>($input);
%}
%typemap(out) std::size_t %{ $result = static_cast<long long>($1); %}
%typemap(csout, excode=SWIGEXCODE) std::size_t {
    long ret = $imcall;$excode
    return ret;
  }

// serialize(): a new byte[] owned by the caller.
%typemap(ctype) std::vector<std::uint8_t> "void*"
%typemap(imtype) std::vector<std::uint8_t> "global::System.IntPtr"
%typemap(cstype) std::vector<std::uint8_t> "byte[]"
%typemap(out, fragment="hashset_csharp", canthrow=1) std::vector<std::uint8_t> %{
  try {
    $result = new std::vector<std::uint8_t>(std::move(static_cast<std::vector<std::uint8_t>&>($1)));
  } catch (const std::bad_alloc&) {
    SWIG_CSharpSetPendingException(SWIG_CSharpOutOfMemoryException, "out of memory");
    return $null;
  }
%}
%typemap(csout, excode=SWIGEXCODE) std::vector<std::uint8_t> {
    global::System.IntPtr bytes = $imcall;$excode
    return $imclassname.TakeBytes(bytes);
  }

// Bulk calls take a long[], deserialize a byte[]: pinned, read in place, and a
// null array raises ArgumentNullException before the set is touched.
%define HASHSET_CSHARP_ARRAY_IN(CSTYPE, POINTER, SIZE)
%typemap(ctype) (POINTER, SIZE) "hashset_csharp_span"
%typemap(imtype) (POINTER, SIZE) "NativeSpan"
%typemap(cstype) (POINTER, SIZE) "CSTYPE"
%typemap(csin,
         pre="    $imclassname.PinnedArray pinned_$csinput = $imclassname.PinnedArray.Of($csinput, \"$csinput\");",
         post="      pinned_$csinput.Free();") (POINTER, SIZE) "pinned_$csinput.span"
%typemap(in, fragment="hashset_csharp") (POINTER, SIZE) %{
  $1 = const_cast<$1_ltype>(static_cast<const $*1_ltype*>($input.data));
  $2 = static_cast<std::size_t>($input.count);
%}
%enddef
HASHSET_CSHARP_ARRAY_IN(long[], const std::int64_t* values, std::size_t count)
HASHSET_CSHARP_ARRAY_IN(long[], const long long* values, std::size_t count)
HASHSET_CSHARP_ARRAY_IN(byte[], const std::uint8_t* data, std::size_t size)
// NativeContainsMany (hashset_protocol.i) writes into a pinned byte[],
// NativeNextBatch into a pinned long[].
HASHSET_CSHARP_ARRAY_IN(byte[], std::uint8_t* found, std::size_t found_count)
HASHSET_CSHARP_ARRAY_IN(long[], std::int64_t* out, std::size_t capacity)

// Another set as an argument: null raises ArgumentNullException and a
// disposed one ObjectDisposedException, in C#, before any native call.
%typemap(csin) const hashset::HashSet& "$csclassname.getCPtrChecked($csinput, \"$csinput\")"

// The proxy reads its native pointer through a property that refuses a
// disposed set, so every method of a disposed HashSet throws
// ObjectDisposedException instead of handing C++ a null pointer.
%typemap(csbody) hashset::HashSet %{
  private global::System.Runtime.InteropServices.HandleRef swigCPtrField;
  protected bool swigCMemOwn;

  internal $csclassname(global::System.IntPtr cPtr, bool cMemoryOwn) {
    swigCMemOwn = cMemoryOwn;
    swigCPtrField = new global::System.Runtime.InteropServices.HandleRef(this, cPtr);
    // The count starts from the native set adopted (no other thread sees either yet).
    count = cPtr == global::System.IntPtr.Zero ? 0 : $imclassname.HashSet_NativeLongCount(swigCPtrField);
  }

  private global::System.Runtime.InteropServices.HandleRef swigCPtr {
    get {
      if (swigCPtrField.Handle == global::System.IntPtr.Zero)
        throw new global::System.ObjectDisposedException(GetType().FullName, "The HashSet has been disposed.");
      return swigCPtrField;
    }
  }

  internal static global::System.Runtime.InteropServices.HandleRef getCPtr($csclassname obj) {
    return (obj == null) ? new global::System.Runtime.InteropServices.HandleRef(null, global::System.IntPtr.Zero) : obj.swigCPtrField;
  }

  internal static global::System.Runtime.InteropServices.HandleRef getCPtrChecked($csclassname obj, string parameter) {
    if (obj == null) throw new global::System.ArgumentNullException(parameter);
    return obj.swigCPtr;
  }

  internal static global::System.Runtime.InteropServices.HandleRef swigRelease($csclassname obj) {
    if (obj == null) return new global::System.Runtime.InteropServices.HandleRef(null, global::System.IntPtr.Zero);
    if (!obj.swigCMemOwn)
      throw new global::System.ApplicationException("Cannot release ownership as memory is not owned");
    global::System.Runtime.InteropServices.HandleRef ptr = obj.swigCPtr;
    obj.swigCMemOwn = false;
    obj.Dispose();
    return ptr;
  }

  /// <summary>Throws ObjectDisposedException once Dispose() has run.</summary>
  internal void ThrowIfDisposed() {
    global::System.GC.KeepAlive(swigCPtr);
  }
%}
%typemap(csdisposing, methodname="Dispose", methodmodifiers="protected", parameters="bool disposing") hashset::HashSet {
    lock(this) {
      if (swigCPtrField.Handle != global::System.IntPtr.Zero) {
        if (swigCMemOwn) {
          swigCMemOwn = false;
          $imcall;
        }
        swigCPtrField = new global::System.Runtime.InteropServices.HandleRef(null, global::System.IntPtr.Zero);
        Changed(-1);
      }
    }
  }

// The public class: ISet<long> (its members in hashset_protocol.i).
%typemap(csimports) hashset::HashSet %{
using System;
using System.Collections;
using System.Collections.Generic;
%}

%typemap(csinterfaces) hashset::HashSet
  "global::System.IDisposable, global::System.Collections.Generic.ISet<long>, global::System.Collections.Generic.IReadOnlyCollection<long>"

// C#'s names (the ISet<long> members and the rest in PascalCase).
%rename(Add) hashset::HashSet::insert;
%rename(Contains) hashset::HashSet::contains;
%rename(Remove) hashset::HashSet::erase;
%rename(Pop) hashset::HashSet::pop;
%rename(NativeLongCount) hashset::HashSet::size;
%csmethodmodifiers hashset::HashSet::size "private";
%rename(NativeEmpty) hashset::HashSet::empty;
%csmethodmodifiers hashset::HashSet::empty "private";
%rename(Clear) hashset::HashSet::clear;
%rename(Reserve) hashset::HashSet::reserve;
// Collect() is written in C# (hashset_protocol.i): one copy, into its own array.
%ignore hashset::HashSet::collect;
%rename(InsertMany) hashset::HashSet::insert_many;
%rename(EraseMany) hashset::HashSet::erase_many;
%rename(Serialize) hashset::HashSet::serialize;
%rename(Deserialize) hashset::HashSet::deserialize;

// Threads: every call on a set holds the set's monitor (lock(this)), so calls
// from several threads are atomic and never race on the native table, and
// Dispose (which takes the same lock) waits for a running call. Methods of one
// set are [MethodImpl(Synchronized)]; methods reading a second set are private
// natives (Native*) whose public wrappers (hashset_protocol.i) lock both sets
// in a global order, so a.UnionWith(b) racing b.UnionWith(a) cannot deadlock.
%define HASHSET_CSHARP_SYNCHRONIZED(METHOD)
%csattributes hashset::HashSet::METHOD
  "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.Synchronized)]";
%enddef
HASHSET_CSHARP_SYNCHRONIZED(insert)
HASHSET_CSHARP_SYNCHRONIZED(contains)
HASHSET_CSHARP_SYNCHRONIZED(erase)
HASHSET_CSHARP_SYNCHRONIZED(pop)
HASHSET_CSHARP_SYNCHRONIZED(size)
HASHSET_CSHARP_SYNCHRONIZED(empty)
HASHSET_CSHARP_SYNCHRONIZED(clear)
HASHSET_CSHARP_SYNCHRONIZED(reserve)
HASHSET_CSHARP_SYNCHRONIZED(insert_many)
HASHSET_CSHARP_SYNCHRONIZED(erase_many)
HASHSET_CSHARP_SYNCHRONIZED(serialize)
HASHSET_CSHARP_SYNCHRONIZED(NativeContainsMany)
%csmethodmodifiers hashset::HashSet::NativeContainsMany "private";

// Size: the proxy keeps the element count (LongCount() reads it without the
// lock or a native call), updated under the lock from what each mutation
// returns; an in-place two-set operation asks the native set after it runs.
%typemap(csout, excode=SWIGEXCODE) bool hashset::HashSet::insert {
    bool added = $imcall;$excode
    if (added) Changed(count + 1);
    return added;
  }
%typemap(csout, excode=SWIGEXCODE) bool hashset::HashSet::erase {
    bool removed = $imcall;$excode
    if (removed) Changed(count - 1);
    return removed;
  }
%typemap(csout, excode=SWIGEXCODE) std::int64_t hashset::HashSet::pop {
    long value = $imcall;$excode
    Changed(count - 1);
    return value;
  }
%typemap(csout, excode=SWIGEXCODE) void hashset::HashSet::clear {
    $imcall;$excode
    Changed(0);
  }
%typemap(csout, excode=SWIGEXCODE) std::size_t hashset::HashSet::insert_many {
    long added = $imcall;$excode
    if (added != 0) Changed(count + added);
    return added;
  }
%typemap(csout, excode=SWIGEXCODE) std::size_t hashset::HashSet::erase_many {
    long removed = $imcall;$excode
    if (removed != 0) Changed(count - removed);
    return removed;
  }
%define HASHSET_CSHARP_RECOUNTED(METHOD)
%typemap(csout, excode=SWIGEXCODE) void hashset::HashSet::METHOD {
    $imcall;$excode
    Changed(NativeLongCount());
  }
%enddef
HASHSET_CSHARP_RECOUNTED(update)
HASHSET_CSHARP_RECOUNTED(intersection_update)
HASHSET_CSHARP_RECOUNTED(difference_update)
HASHSET_CSHARP_RECOUNTED(symmetric_difference_update)
// A rehash moves the elements: enumerators must notice (Changed counts it).
%typemap(csout, excode=SWIGEXCODE) void hashset::HashSet::reserve {
    $imcall;$excode
    Changed(this.count);
  }

%define HASHSET_CSHARP_TWO_SETS(METHOD, NAME)
%rename(NAME) hashset::HashSet::METHOD;
%csmethodmodifiers hashset::HashSet::METHOD "private";
%enddef
HASHSET_CSHARP_TWO_SETS(equals, NativeSetEquals)
HASHSET_CSHARP_TWO_SETS(is_subset, NativeIsSubsetOf)
HASHSET_CSHARP_TWO_SETS(is_superset, NativeIsSupersetOf)
HASHSET_CSHARP_TWO_SETS(is_disjoint, NativeIsDisjoint)
HASHSET_CSHARP_TWO_SETS(union_with, NativeUnion)
HASHSET_CSHARP_TWO_SETS(intersection_with, NativeIntersection)
HASHSET_CSHARP_TWO_SETS(difference_with, NativeDifference)
HASHSET_CSHARP_TWO_SETS(symmetric_difference_with, NativeSymmetricDifference)
HASHSET_CSHARP_TWO_SETS(update, NativeUnionWith)
HASHSET_CSHARP_TWO_SETS(intersection_update, NativeIntersectWith)
HASHSET_CSHARP_TWO_SETS(difference_update, NativeExceptWith)
HASHSET_CSHARP_TWO_SETS(symmetric_difference_update, NativeSymmetricExceptWith)
// The copy constructor reads the other set under its lock: it is written in
// C# (hashset_protocol.i) over NativeCopy, which returns the new pointer.
%ignore hashset::HashSet::HashSet(const HashSet&);
%csmethodmodifiers hashset::HashSet::NativeCopy "private";

// Errors as .NET collections raise them.
%exception hashset::HashSet::pop {
  try {
    $action
  } catch (const std::out_of_range&) {
    SWIG_CSharpSetPendingException(SWIG_CSharpInvalidOperationException, "The set is empty.");
    return $null;
  }
}
%exception hashset::HashSet::deserialize {
  try {
    $action
  } catch (const std::bad_alloc&) {
    SWIG_CSharpSetPendingException(SWIG_CSharpOutOfMemoryException, "out of memory");
    return $null;
  } catch (const std::invalid_argument& e) {
    SWIG_CSharpSetPendingExceptionArgument(SWIG_CSharpArgumentException, e.what(), "data");
    return $null;
  } catch (const std::exception& e) {
    SWIG_CSharpSetPendingException(SWIG_CSharpApplicationException, e.what());
    return $null;
  }
}

// The iterator only backs HashSet.GetEnumerator(): internal, fail-fast, read
// a batch at a time through NativeNextBatch (hashset_protocol.i).
%typemap(csclassmodifiers) hashset::HashSetIterator "internal class"
%ignore hashset::HashSetIterator::has_next;
%ignore hashset::HashSetIterator::next;
%ignore hashset::HashSetIterator::remaining;
%ignore hashset::HashSetIterator::remove;
%exception hashset::HashSetIterator::NativeNextBatch {
  try {
    $action
  } catch (const hashset::ConcurrentModificationError&) {
    SWIG_CSharpSetPendingException(SWIG_CSharpInvalidOperationException,
                                   "Collection was modified; enumeration operation may not execute.");
    return $null;
  }
}

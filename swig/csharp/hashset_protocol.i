// C#: the proxy class HashSet is the public class. It implements ISet<long>
// (so ICollection<long>, IEnumerable<long>), IReadOnlyCollection<long> and
// IDisposable (declared in hashset_typemaps.i, as class typemaps must precede
// the class); the ISet members that take any IEnumerable<long> are written
// here, the HashSet overloads are the native methods themselves.

%extend hashset::HashSet {
// A new set copied from `other`, as a pointer the C# constructor adopts.
static std::int64_t NativeCopy(const hashset::HashSet& other) {
  return static_cast<std::int64_t>(reinterpret_cast<std::intptr_t>(new hashset::HashSet(other)));
}

// Stores in found[i] whether values[i] is an element (ContainsMany). The
// values are `long long`, as SWIG spells them in calls to %extend helpers
// (hashset_typemaps.i maps them like std::int64_t).
void NativeContainsMany(const long long* values, std::size_t count, std::uint8_t* found,
                        std::size_t found_count) const {
  static_assert(sizeof(long long) == sizeof(std::int64_t), "long long must be 64-bit");
  if (found_count != count) throw std::invalid_argument("found must be as long as values");
  $self->contains_many(reinterpret_cast<const std::int64_t*>(values), count, found);
}

%proxycode %{
  /// <summary>A set holding the same values as other.</summary>
  public HashSet(HashSet other) : this(CopyOf(other), true) {
  }

  private static IntPtr CopyOf(HashSet other) {
    if (other == null) throw new ArgumentNullException("other");
    lock (other) {
      return new IntPtr(NativeCopy(other));
    }
  }

  private static long lockOrders;
  // Two sets' monitors are taken lower lockOrder first: no deadlock between a.F(b) and b.F(a).
  private readonly long lockOrder = System.Threading.Interlocked.Increment(ref lockOrders);

  // Runs body holding the monitors of this set and other.
  private T WithBoth<T>(HashSet other, Func<T> body) {
    if (other == null) throw new ArgumentNullException("other");
    HashSet first = lockOrder <= other.lockOrder ? this : other;
    HashSet second = first == this ? other : this;
    lock (first) {
      lock (second) {
        return body();
      }
    }
  }

  /// <summary>For each value, whether it is an element.</summary>
  public bool[] ContainsMany(long[] values) {
    if (values == null) throw new ArgumentNullException("values");
    byte[] flags = new byte[values.Length];
    NativeContainsMany(values, flags);
    bool[] found = new bool[flags.Length];
    Buffer.BlockCopy(flags, 0, found, 0, flags.Length);
    return found;
  }

  /// <summary>True when both hold the same values.</summary>
  public bool SetEquals(HashSet other) {
    return WithBoth(other, () => NativeSetEquals(other));
  }

  /// <summary>True when every value of this set is in other.</summary>
  public bool IsSubsetOf(HashSet other) {
    return WithBoth(other, () => NativeIsSubsetOf(other));
  }

  /// <summary>True when every value of other is in this set.</summary>
  public bool IsSupersetOf(HashSet other) {
    return WithBoth(other, () => NativeIsSupersetOf(other));
  }

  /// <summary>True when the sets have no value in common.</summary>
  public bool IsDisjoint(HashSet other) {
    return WithBoth(other, () => NativeIsDisjoint(other));
  }

  /// <summary>A new set with the values of both sets.</summary>
  public HashSet Union(HashSet other) {
    return WithBoth(other, () => NativeUnion(other));
  }

  /// <summary>A new set with the values common to both sets.</summary>
  public HashSet Intersection(HashSet other) {
    return WithBoth(other, () => NativeIntersection(other));
  }

  /// <summary>A new set with the values of this set that are not in other.</summary>
  public HashSet Difference(HashSet other) {
    return WithBoth(other, () => NativeDifference(other));
  }

  /// <summary>A new set with the values in exactly one of the two sets.</summary>
  public HashSet SymmetricDifference(HashSet other) {
    return WithBoth(other, () => NativeSymmetricDifference(other));
  }

  /// <summary>Adds every value of other.</summary>
  public void UnionWith(HashSet other) {
    WithBoth(other, () => { NativeUnionWith(other); return true; });
  }

  /// <summary>Keeps only the values also in other.</summary>
  public void IntersectWith(HashSet other) {
    WithBoth(other, () => { NativeIntersectWith(other); return true; });
  }

  /// <summary>Removes every value of other.</summary>
  public void ExceptWith(HashSet other) {
    WithBoth(other, () => { NativeExceptWith(other); return true; });
  }

  /// <summary>Keeps the values in exactly one of this set and other.</summary>
  public void SymmetricExceptWith(HashSet other) {
    WithBoth(other, () => { NativeSymmetricExceptWith(other); return true; });
  }

  /// <summary>A set holding the given values (duplicates collapse).</summary>
  public HashSet(IEnumerable<long> values) : this() {
    UnionWith(values);
  }

  // The number of elements, -1 once disposed: written under the lock, read
  // without it. Count and LongCount() are inlined, as the Count of .NET's
  // collections is (Mono inlines only tiny methods by itself).
  private long count;

  // Bumped with every count recorded (and by Reserve): an enumerator compares
  // it per element instead of asking the native iterator; on a mismatch the
  // native iterator decides (a no-op call is no change).
  private long modifications;

  // Records the count after a mutation (the caller holds the lock).
  private void Changed(long newCount) {
    System.Threading.Volatile.Write(ref modifications, modifications + 1);
    System.Threading.Volatile.Write(ref count, newCount);
  }

  /// <summary>The number of elements (read without a lock or a native call).</summary>
  [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
  public long LongCount() {
    long size = System.Threading.Volatile.Read(ref count);
    if (size < 0) ThrowIfDisposed();
    return size;
  }

  /// <summary>The number of elements, as ICollection wants it (clamped to int.MaxValue; see LongCount()).</summary>
  public int Count {
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    get {
      long size = LongCount();
      return size > int.MaxValue ? int.MaxValue : (int)size;
    }
  }

  /// <summary>True when the set has no element.</summary>
  public bool IsEmpty {
    get { return NativeEmpty(); }
  }

  bool ICollection<long>.IsReadOnly {
    get { return false; }
  }

  void ICollection<long>.Add(long value) {
    Add(value);
  }

  /// <summary>Copies the elements (in iteration order) into array from arrayIndex.</summary>
  public void CopyTo(long[] array, int arrayIndex) {
    if (array == null) throw new ArgumentNullException("array");
    if (arrayIndex < 0) throw new ArgumentOutOfRangeException("arrayIndex", "must not be negative");
    long[] values = Collect();
    if (array.Length - arrayIndex < values.Length)
      throw new ArgumentException("The destination array is too small.", "array");
    Array.Copy(values, 0, array, arrayIndex, values.Length);
  }

  /// <summary>All elements, in unspecified order, as a new array.</summary>
  public long[] Collect() {
    lock (this) {
      long[] values = new long[LongCount()];
      // One batch as large as the set: the core writes into the pinned array,
      // with no native vector in between.
      if (values.Length > 0) {
        using (HashSetIterator iterator = new HashSetIterator(this)) {
          iterator.NativeNextBatch(values);
        }
      }
      return values;
    }
  }

  /// <summary>A fail-fast enumerator: MoveNext() throws InvalidOperationException once the set changed.</summary>
  public Enumerator GetEnumerator() {
    return new Enumerator(new BatchEnumerator(this));
  }

  IEnumerator<long> IEnumerable<long>.GetEnumerator() {
    return GetEnumerator();
  }

  IEnumerator IEnumerable.GetEnumerator() {
    return GetEnumerator();
  }

  /// <summary>The enumerator of foreach over a HashSet: a struct, as HashSet&lt;T&gt;'s is, so that
  /// each step is a direct call, not an interface call.</summary>
  public struct Enumerator : IEnumerator<long> {
    private readonly BatchEnumerator batches;

    internal Enumerator(BatchEnumerator batches) {
      this.batches = batches;
    }

    /// <summary>The element MoveNext() moved to.</summary>
    public long Current {
      [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
      get { return batches.Current; }
    }

    object IEnumerator.Current {
      get { return ((IEnumerator)batches).Current; }
    }

    /// <summary>Moves to the next element; throws InvalidOperationException once the set changed.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool MoveNext() {
      return batches.MoveNext();
    }

    /// <summary>Starts over.</summary>
    public void Reset() {
      batches.Reset();
    }

    /// <summary>Releases the native iterator.</summary>
    public void Dispose() {
      batches.Dispose();
    }
  }

  // The values of any sequence as a HashSet: `other` itself when it is one,
  // else a temporary set the caller disposes (owned == true).
  private static HashSet AsHashSet(IEnumerable<long> other, out bool owned) {
    if (other == null) throw new ArgumentNullException("other");
    HashSet set = other as HashSet;
    owned = set == null;
    return owned ? new HashSet(other) : set;
  }

  private static long[] AsArray(IEnumerable<long> other) {
    if (other == null) throw new ArgumentNullException("other");
    long[] array = other as long[];
    return array ?? new List<long>(other).ToArray();
  }

  /// <summary>Adds every value of other.</summary>
  public void UnionWith(IEnumerable<long> other) {
    HashSet set = other as HashSet;
    if (set != null) UnionWith(set); else InsertMany(AsArray(other));
  }

  /// <summary>Removes every value of other.</summary>
  public void ExceptWith(IEnumerable<long> other) {
    HashSet set = other as HashSet;
    if (set != null) ExceptWith(set); else EraseMany(AsArray(other));
  }

  /// <summary>Keeps only the values also in other.</summary>
  public void IntersectWith(IEnumerable<long> other) {
    bool owned;
    HashSet set = AsHashSet(other, out owned);
    try { IntersectWith(set); } finally { if (owned) set.Dispose(); }
  }

  /// <summary>Keeps the values in exactly one of this set and other.</summary>
  public void SymmetricExceptWith(IEnumerable<long> other) {
    bool owned;
    HashSet set = AsHashSet(other, out owned);
    try { SymmetricExceptWith(set); } finally { if (owned) set.Dispose(); }
  }

  /// <summary>True when both hold the same values.</summary>
  public bool SetEquals(IEnumerable<long> other) {
    bool owned;
    HashSet set = AsHashSet(other, out owned);
    try { return SetEquals(set); } finally { if (owned) set.Dispose(); }
  }

  /// <summary>True when every value of this set is in other.</summary>
  public bool IsSubsetOf(IEnumerable<long> other) {
    bool owned;
    HashSet set = AsHashSet(other, out owned);
    try { return IsSubsetOf(set); } finally { if (owned) set.Dispose(); }
  }

  /// <summary>True when every value of other is in this set.</summary>
  public bool IsSupersetOf(IEnumerable<long> other) {
    bool owned;
    HashSet set = AsHashSet(other, out owned);
    try { return IsSupersetOf(set); } finally { if (owned) set.Dispose(); }
  }

  /// <summary>True when this set is a subset of other and smaller.</summary>
  public bool IsProperSubsetOf(IEnumerable<long> other) {
    bool owned;
    HashSet set = AsHashSet(other, out owned);
    try { return WithBoth(set, () => LongCount() < set.LongCount() && NativeIsSubsetOf(set)); } finally { if (owned) set.Dispose(); }
  }

  /// <summary>True when this set is a superset of other and larger.</summary>
  public bool IsProperSupersetOf(IEnumerable<long> other) {
    bool owned;
    HashSet set = AsHashSet(other, out owned);
    try { return WithBoth(set, () => LongCount() > set.LongCount() && NativeIsSupersetOf(set)); } finally { if (owned) set.Dispose(); }
  }

  /// <summary>True when this set and other share a value.</summary>
  public bool Overlaps(IEnumerable<long> other) {
    bool owned;
    HashSet set = AsHashSet(other, out owned);
    try { return !IsDisjoint(set); } finally { if (owned) set.Dispose(); }
  }

  /// <summary>A new set with the same values.</summary>
  public HashSet Copy() {
    return new HashSet(this);
  }

  public override string ToString() {
    lock (this) {
      if (swigCPtrField.Handle == IntPtr.Zero) return "HashSet(disposed)";
      return "HashSet{" + string.Join(", ", Collect()) + "}";
    }
  }

  internal sealed class BatchEnumerator : IEnumerator<long> {
    // Elements fetched per native call: its cost shared by many elements.
    private const long BatchSize = 256;
    private static readonly long[] NoRoom = new long[0];

    private readonly HashSet owner;
    private HashSetIterator iterator;
    private readonly long[] batch;
    private int fetched;  // elements of batch the last native call filled
    private int next;     // index in batch of the element MoveNext returns next
    // owner.modifications when the native iterator last vouched for the set.
    private long seen;
    private long current;
    private bool positioned;

    // Each native call holds the set's monitor, as the set's own methods do.
    internal BatchEnumerator(HashSet owner) {
      this.owner = owner;
      lock (owner) {
        iterator = new HashSetIterator(owner);
        // All of a small set, and never empty (an empty array only checks).
        batch = new long[Math.Min(BatchSize, owner.LongCount() + 1)];
      }
    }

    public long Current {
      get { return current; }
    }

    object IEnumerator.Current {
      get {
        if (!positioned) throw new InvalidOperationException("Enumeration has either not started or has already finished.");
        return current;
      }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool MoveNext() {
      if (next < fetched && System.Threading.Volatile.Read(ref owner.modifications) == seen) {
        current = batch[next++];
        positioned = true;
        return true;
      }
      return MoveNextFromNative();
    }

    // MoveNext when the batch is used up or the set may have changed: the
    // native iterator fetches the next batch or, with elements left in this
    // one, only checks that the set did not change.
    private bool MoveNextFromNative() {
      if (iterator == null) return false;
      lock (owner) {
        owner.ThrowIfDisposed();
        bool refill = next == fetched;
        int count = (int)iterator.NativeNextBatch(refill ? batch : NoRoom);
        seen = owner.modifications;
        if (refill) {
          fetched = count;
          next = 0;
          if (count == 0) {
            positioned = false;
            return false;
          }
        }
        current = batch[next++];
        positioned = true;
        return true;
      }
    }

    public void Reset() {
      lock (owner) {
        owner.ThrowIfDisposed();
        if (iterator != null) iterator.Dispose();
        iterator = new HashSetIterator(owner);
        fetched = next = 0;
        positioned = false;
      }
    }

    public void Dispose() {
      if (iterator != null) {
        iterator.Dispose();
        iterator = null;
      }
      fetched = next = 0;
      positioned = false;
    }
  }
%}
}

%extend hashset::HashSetIterator {
// Fills out with the next elements and returns how many (0 at the end); an
// empty out only checks that the set did not change.
std::size_t NativeNextBatch(std::int64_t* out, std::size_t capacity) {
  return $self->next_batch(out, capacity);
}
}

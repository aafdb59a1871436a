// D: the proxy class HashSet is the public class. Beyond the wrapped API it
// offers foreach (opApply) and an input range (s[]), `x in s`, `length`,
// `==` (opEquals/toHash), the set operators | & - ^ and their assignments,
// dup, toString and close(). insert/contains/remove/insertMany/removeMany
// and the constructor are templates over the private native methods: they
// take any integer type or BigInt (arrays or ranges of them), range-checked.

%extend hashset::HashSet {
%proxycode %{
  /// A set holding the values of an array or range of integers (duplicates
  /// collapse); a ulong or BigInt outside the long range throws
  /// ConvOverflowException.
  public this(R)(R values) if (isHashsetValues!R) {
    this();
    insertMany(values);
  }

  /// Adds the value; returns true when it was not yet an element. Any
  /// integer type or BigInt; a ulong or BigInt outside the long range throws
  /// ConvOverflowException and changes nothing.
  public bool insert(T)(T value) if (isHashsetValue!T) {
    return nativeInsert(hashsetToLong(value));
  }

  /// Removes the value; returns true when it was an element (range-checked like insert).
  public bool remove(T)(T value) if (isHashsetValue!T) {
    return nativeRemove(hashsetToLong(value));
  }

  /// True when the value is an element; one outside the long range never is.
  public bool contains(T)(T value) const if (isHashsetValue!T) {
    long key;
    return hashsetFits(value, key) && nativeContains(key);
  }

  /// `x in s`: contains(x).
  public bool opBinaryRight(string op : "in", T)(T value) const if (isHashsetValue!T) {
    return contains(value);
  }

  /// Adds every value of an array or range of integers; returns how many
  /// were new. Every value is checked before the set changes
  /// (ConvOverflowException for a ulong or BigInt outside the long range).
  /// A long[] is read in place; null is an empty array.
  public size_t insertMany(R)(R values) if (isHashsetValues!R || is(R == typeof(null))) {
    static if (is(R : const(long)[])) return nativeInsertMany(values);
    else return nativeInsertMany(hashsetLongs(values));
  }

  /// Removes every value of an array or range of integers; returns how many
  /// were elements. Checked like insertMany().
  public size_t removeMany(R)(R values) if (isHashsetValues!R || is(R == typeof(null))) {
    static if (is(R : const(long)[])) return nativeRemoveMany(values);
    else return nativeRemoveMany(hashsetLongs(values));
  }

  /// A new set holding the same elements as `other`.
  public this(HashSet other) {
    this();
    update(other);
  }

  // Runs `call` holding the monitors of this set and `other`, the lower
  // lockOrder first, so that a.update(b) racing b.update(a) cannot deadlock.
  private T withBoth(T)(const HashSet other, scope T delegate() call) const {
    if (other is null) throw new HashSetException("the HashSet argument is null");
    auto first = cast(Object) (lockOrder <= other.lockOrder ? this : other);
    auto second = cast(Object) (lockOrder <= other.lockOrder ? other : this);
    synchronized (first) synchronized (second) return call();
  }

  /// True when both sets hold the same elements.
  public bool equals(HashSet other) const { return withBoth(other, () => nativeEquals(other)); }
  /// True when every element of this set is in `other`.
  public bool isSubset(HashSet other) const { return withBoth(other, () => nativeIsSubset(other)); }
  /// True when every element of `other` is in this set.
  public bool isSuperset(HashSet other) const { return withBoth(other, () => nativeIsSuperset(other)); }
  /// True when the sets have no element in common.
  public bool isDisjoint(HashSet other) const { return withBoth(other, () => nativeIsDisjoint(other)); }
  /// A new set with the elements of both sets.
  public HashSet unionWith(HashSet other) const { return withBoth(other, () => nativeUnionWith(other)); }
  /// A new set with the elements common to both sets.
  public HashSet intersectionWith(HashSet other) const {
    return withBoth(other, () => nativeIntersectionWith(other));
  }
  /// A new set with the elements of this set that are not in `other`.
  public HashSet differenceWith(HashSet other) const { return withBoth(other, () => nativeDifferenceWith(other)); }
  /// A new set with the elements in exactly one of the two sets.
  public HashSet symmetricDifferenceWith(HashSet other) const {
    return withBoth(other, () => nativeSymmetricDifferenceWith(other));
  }
  /// Adds every element of `other`.
  public void update(HashSet other) { withBoth(other, () => nativeUpdate(other)); }
  /// Keeps only the elements that are also in `other`.
  public void intersectionUpdate(HashSet other) { withBoth(other, () => nativeIntersectionUpdate(other)); }
  /// Removes every element of `other`.
  public void differenceUpdate(HashSet other) { withBoth(other, () => nativeDifferenceUpdate(other)); }
  /// Keeps the elements in exactly one of the two sets.
  public void symmetricDifferenceUpdate(HashSet other) {
    withBoth(other, () => nativeSymmetricDifferenceUpdate(other));
  }

  // A native iterator over this set, made and stepped under the set's monitor
  // (it reads the set's table).
  private HashSetIterator lockedIterator() {
    synchronized (this) return new HashSetIterator(this);
  }
  // The next element into `value`, or false at the end; throws
  // ClosedSetException once the set is closed.
  private bool lockedNext(HashSetIterator iterator, out long value) {
    synchronized (this) {
      if (closed) throw new ClosedSetException("the HashSet was closed during iteration");
      if (!iterator.hasNext()) return false;
      value = iterator.next();
      return true;
    }
  }

  /// True once close() or dispose() ran; any other use then throws ClosedSetException.
  public @property bool closed() const {
    return swigCPtrField is null;
  }

  /// Frees the native set now (the GC would do it later). Idempotent.
  public void close() {
    dispose();
  }

  /// A new set with the same elements.
  public HashSet dup() {
    return new HashSet(this);
  }

  /// A fail-fast input range over the elements, in unspecified order:
  /// popFront() throws ConcurrentModificationException once the set changed.
  public Range opSlice() {
    return new Range(this);
  }

  /// foreach (value; set): throws ConcurrentModificationException when the
  /// loop body (or anything else) changes the set.
  public int opApply(scope int delegate(long) dg) {
    auto iterator = lockedIterator();
    scope(exit) iterator.dispose();
    long value;
    while (lockedNext(iterator, value)) {
      if (int result = dg(value)) return result;
    }
    return 0;
  }

  /// Equal contents (a closed set equals only itself).
  public override bool opEquals(Object other) {
    if (other is this) return true;
    auto set = cast(HashSet) other;
    return set !is null && !closed && !set.closed && equals(set);
  }

  /// A hash of the contents, consistent with opEquals (don't change a set
  /// that is a key of an associative array).
  public override size_t toHash() @trusted nothrow {
    try {
      size_t hash = cast(size_t) length;
      foreach (value; collect()) {
        // Order-free: a sum of mixed element hashes.
        ulong x = cast(ulong) value * 0x9E3779B97F4A7C15UL;
        hash += cast(size_t) (x ^ (x >> 31));
      }
      return hash;
    } catch (Exception) {
      return 0;  // closed
    }
  }

  /// "HashSet([1, 2, 3])", sorted; "HashSet(closed)" once closed.
  public override string toString() {
    if (closed) return "HashSet(closed)";
    static import std.algorithm.sorting;
    static import std.format;
    auto values = collect();
    std.algorithm.sorting.sort(values);
    return std.format.format("HashSet(%s)", values);
  }

  /// s | t, s & t, s - t, s ^ t: a new set.
  public HashSet opBinary(string op)(HashSet other) if (op == "|" || op == "&" || op == "-" || op == "^") {
    static if (op == "|") return unionWith(other);
    else static if (op == "&") return intersectionWith(other);
    else static if (op == "-") return differenceWith(other);
    else return symmetricDifferenceWith(other);
  }

  /// s |= t, s &= t, s -= t, s ^= t: in place.
  public HashSet opOpAssign(string op)(HashSet other) if (op == "|" || op == "&" || op == "-" || op == "^") {
    static if (op == "|") update(other);
    else static if (op == "&") intersectionUpdate(other);
    else static if (op == "-") differenceUpdate(other);
    else symmetricDifferenceUpdate(other);
    return this;
  }

  /// The input range of opSlice(); a class, so copies share one position.
  public static final class Range {
    private HashSet owner;
    private HashSetIterator iterator;
    private long current;
    private bool hasCurrent;

    private this(HashSet owner) {
      this.owner = owner;
      iterator = owner.lockedIterator();
      popFront();
    }

    /// True once every element was returned.
    public @property bool empty() const {
      return !hasCurrent;
    }

    /// The current element.
    public @property long front() const {
      if (!hasCurrent) throw new HashSetException("front of an empty HashSet range");
      return current;
    }

    /// Moves to the next element; throws ConcurrentModificationException
    /// when the set changed since the range was made.
    public void popFront() {
      if (iterator is null) throw new HashSetException("popFront of an empty HashSet range");
      hasCurrent = owner.lockedNext(iterator, current);
      if (!hasCurrent) {
        iterator.dispose();
        iterator = null;
      }
    }
  }
%}
}

%pragma(d) globalproxyimports=%{
static import std.bigint;
static import std.conv;
static import std.range.primitives;
static import std.traits;
%}

%pragma(d) proxydmodulecode=%{
/// A ulong or a BigInt: values that may lie outside the long range.
enum bool isHashsetWideValue(T) = is(std.traits.Unqual!T == ulong)
    || is(std.traits.Unqual!T == std.bigint.BigInt);

/// Anything `x in s` accepts: an integer type or a BigInt.
enum bool isHashsetValue(T) = std.traits.isIntegral!T || is(std.traits.Unqual!T == std.bigint.BigInt);

/// A range (or array) of values isHashsetValue accepts.
enum bool isHashsetValues(R) = std.range.primitives.isInputRange!R
    && isHashsetValue!(std.range.primitives.ElementType!R);

// value as a long; ConvOverflowException when it lies outside the long range.
private long hashsetToLong(T)(T value) {
  static if (isHashsetWideValue!T) return std.conv.to!long(value);
  else return value;
}

// value as a long in `key`; false when it lies outside the long range.
private bool hashsetFits(T)(T value, out long key) {
  static if (is(std.traits.Unqual!T == std.bigint.BigInt)) {
    if (value < long.min || value > long.max) return false;
  } else static if (isHashsetWideValue!T) {
    if (value > cast(ulong) long.max) return false;
  }
  key = hashsetToLong(value);
  return true;
}

// Every value of a range as a long[], checked before any set changes.
private long[] hashsetLongs(R)(R values) {
  long[] result;
  static if (std.range.primitives.hasLength!R) result.reserve(values.length);
  foreach (value; values) result ~= std.conv.to!long(value);
  return result;
}
%}

// Java: HashSet is a java.util.Set<Long> (over AbstractSet<Long>) and
// AutoCloseable; HashSetIterator is a fail-fast PrimitiveIterator.OfLong.
//
// Element checks of the Object API follow java.util.Set: add(null) throws
// NullPointerException; contains(x) is false for null and for anything that is
// not a Long (as in java.util.HashSet<Long>); remove(x) and the bulk calls
// (addAll, removeAll) reject null with NullPointerException and non-Long
// elements with ClassCastException (the optional exceptions of
// Collection.remove, as java.util.TreeSet throws them), before touching the set.

%newobject hashset::HashSet::newIterator;
%javamethodmodifiers hashset::HashSet::newIterator "private synchronized";
%javamethodmodifiers hashset::HashSet::nativeHashCode "private synchronized";

%extend hashset::HashSet {
  hashset::HashSetIterator* newIterator() const { return new hashset::HashSetIterator(*$self); }

  // Set.hashCode(): the sum of Long.hashCode(element), in 32-bit arithmetic.
  int nativeHashCode() const {
    std::uint32_t sum = 0;
    hashset::HashSetIterator iterator(*$self);
    while (iterator.has_next()) {
      const auto value = static_cast<std::uint64_t>(iterator.next());
      sum += static_cast<std::uint32_t>(value ^ (value >> 32));
    }
    return static_cast<int>(static_cast<std::int32_t>(sum));
  }

  // A new set copied from `other`, as a pointer the Java constructor adopts.
  static std::int64_t nativeCopy(const hashset::HashSet& other) {
    return static_cast<std::int64_t>(reinterpret_cast<std::intptr_t>(new hashset::HashSet(other)));
  }

  %proxycode %{
  /** Creates a set holding the same elements as {@code other}. */
  public HashSet(HashSet other) {
    this(copyOf(other), true);
  }

  private static long copyOf(HashSet other) {
    if (other == null) {
      throw new NullPointerException("the other set must not be null");
    }
    synchronized (other) {
      return nativeCopy(other);
    }
  }

  private static final java.util.concurrent.atomic.AtomicLong LOCK_ORDERS =
      new java.util.concurrent.atomic.AtomicLong();
  /** Two sets' monitors are taken lower lockOrder first: no deadlock between a.f(b) and b.f(a). */
  private final transient long lockOrder = LOCK_ORDERS.getAndIncrement();

  /** Runs {@code body} holding the monitors of this set and {@code other}. */
  private <T> T withBoth(HashSet other, java.util.function.Supplier<T> body) {
    if (other == null) {
      throw new NullPointerException("the other set must not be null");
    }
    HashSet first = lockOrder <= other.lockOrder ? this : other;
    HashSet second = first == this ? other : this;
    synchronized (first) {
      synchronized (second) {
        return body.get();
      }
    }
  }

  /** Returns true when every element of this set is in {@code other}. */
  public boolean isSubset(HashSet other) {
    return withBoth(other, () -> nativeIsSubset(other));
  }

  /** Returns true when every element of {@code other} is in this set. */
  public boolean isSuperset(HashSet other) {
    return withBoth(other, () -> nativeIsSuperset(other));
  }

  /** Returns true when the sets have no element in common. */
  public boolean isDisjoint(HashSet other) {
    return withBoth(other, () -> nativeIsDisjoint(other));
  }

  /** Returns a new set with the elements of both sets. */
  public HashSet union(HashSet other) {
    return withBoth(other, () -> nativeUnion(other));
  }

  /** Returns a new set with the elements common to both sets. */
  public HashSet intersection(HashSet other) {
    return withBoth(other, () -> nativeIntersection(other));
  }

  /** Returns a new set with the elements of this set that are not in {@code other}. */
  public HashSet difference(HashSet other) {
    return withBoth(other, () -> nativeDifference(other));
  }

  /** Returns a new set with the elements in exactly one of the two sets. */
  public HashSet symmetricDifference(HashSet other) {
    return withBoth(other, () -> nativeSymmetricDifference(other));
  }

  /** Adds every element of {@code other}. */
  public void update(HashSet other) {
    withBoth(other, () -> {
      nativeUpdate(other);
      return null;
    });
  }

  /** Keeps only the elements that are also in {@code other}. */
  public void intersectionUpdate(HashSet other) {
    withBoth(other, () -> {
      nativeIntersectionUpdate(other);
      return null;
    });
  }

  /** Removes every element of {@code other}. */
  public void differenceUpdate(HashSet other) {
    withBoth(other, () -> {
      nativeDifferenceUpdate(other);
      return null;
    });
  }

  /** Keeps the elements in exactly one of the two sets. */
  public void symmetricDifferenceUpdate(HashSet other) {
    withBoth(other, () -> {
      nativeSymmetricDifferenceUpdate(other);
      return null;
    });
  }

  /** Creates a set holding the elements of {@code values}, none of which may be null. */
  public HashSet(java.util.Collection<? extends Long> values) {
    this();
    insertMany(toLongArray(values));
  }

  /** Returns a new set holding {@code values}. */
  public static HashSet of(long... values) {
    HashSet set = new HashSet();
    set.insertMany(values);
    return set;
  }

  /** The pointer of a set argument: null and closed sets are refused. */
  static long checkedCPtr(HashSet set) {
    if (set == null) {
      throw new NullPointerException("the other set must not be null");
    }
    long pointer = set.swigCPtr;
    if (pointer == 0) {
      throw new IllegalStateException("HashSet is closed");
    }
    return pointer;
  }

  /** For each value, whether it is an element. */
  public synchronized boolean[] containsMany(long[] values) {
    return hashsetNative.containsFlags(this, values);
  }

  /** Returns true once close() was called. */
  public synchronized boolean isClosed() {
    return swigCPtr == 0;
  }

  private static long element(Object value) {
    if (value == null) {
      throw new NullPointerException("HashSet elements cannot be null");
    }
    if (!(value instanceof Long)) {
      throw new ClassCastException(
          "HashSet elements are Long, not " + value.getClass().getName());
    }
    return (Long) value;
  }

  /** Every element of {@code values} as a long, all checked before any is used. */
  private static long[] toLongArray(java.util.Collection<?> values) {
    if (values instanceof HashSet) {
      return ((HashSet) values).collect();
    }
    Object[] items = values.toArray();
    long[] result = new long[items.length];
    for (int i = 0; i < items.length; ++i) {
      result[i] = element(items[i]);
    }
    return result;
  }

  /** The number of elements, kept here: written under the monitor, read without it. */
  private transient volatile long count;

  /**
   * Bumped with every count recorded (and by reserve() and close()): an
   * iterator compares it per element instead of asking the native iterator; on
   * a mismatch the native iterator decides (a no-op call is no change).
   */
  transient volatile long modifications;

  /** Records the count after a mutation (the caller holds the monitor). */
  void changed(long newCount) {
    modifications = modifications + 1;
    count = newCount;
  }

  /** The number of elements (read without a lock or a native call). */
  public long longSize() {
    long size = count;
    if (swigCPtr == 0) {
      throw new IllegalStateException("HashSet is closed");
    }
    return size;
  }

  /** The number of elements, or Integer.MAX_VALUE when larger (see {@link #longSize()}). */
  @Override
  public int size() {
    long size = longSize();
    return size > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) size;
  }

  /** A fail-fast iterator: a change of the set not made through it makes it throw. */
  @Override
  public HashSetIterator iterator() {
    HashSetIterator iterator = newIterator();
    iterator.owner = this;
    return iterator;
  }

  @Override
  public boolean contains(Object value) {
    return value instanceof Long && contains(((Long) value).longValue());
  }

  @Override
  public boolean add(Long value) {
    return add(element(value));
  }

  @Override
  public boolean remove(Object value) {
    return remove(element(value));
  }

  @Override
  public boolean containsAll(java.util.Collection<?> values) {
    if (values instanceof HashSet) {
      return ((HashSet) values).isSubset(this);
    }
    return super.containsAll(values);
  }

  /** Adds every element; nothing is added when one is null or not a Long. */
  @Override
  public boolean addAll(java.util.Collection<? extends Long> values) {
    if (values instanceof HashSet) {
      HashSet other = (HashSet) values;
      return withBoth(other, () -> {
        long before = longSize();
        nativeUpdate(other);
        return longSize() != before;
      });
    }
    return insertMany(toLongArray(values)) != 0;
  }

  /** Removes every element; nothing is removed when one is null or not a Long. */
  @Override
  public boolean removeAll(java.util.Collection<?> values) {
    if (values instanceof HashSet) {
      HashSet other = (HashSet) values;
      return withBoth(other, () -> {
        long before = longSize();
        nativeDifferenceUpdate(other);
        return longSize() != before;
      });
    }
    return eraseMany(toLongArray(values)) != 0;
  }

  @Override
  public boolean retainAll(java.util.Collection<?> values) {
    if (values instanceof HashSet) {
      HashSet other = (HashSet) values;
      return withBoth(other, () -> {
        long before = longSize();
        nativeIntersectionUpdate(other);
        return longSize() != before;
      });
    }
    return super.retainAll(values);
  }

  /** Set equality: the same elements, whatever the other Set's class. */
  @Override
  public boolean equals(Object other) {
    if (other == this) {
      return true;
    }
    if (other instanceof HashSet) {
      HashSet set = (HashSet) other;
      return withBoth(set, () -> nativeEquals(set));
    }
    return super.equals(other);
  }

  /** The sum of Long.hashCode of the elements, as Set.hashCode() requires. */
  @Override
  public int hashCode() {
    return nativeHashCode();
  }
  %}
}

%extend hashset::HashSetIterator {
  // Fills out with the next elements and returns how many (0 at the end); an
  // empty out only checks that the set did not change.
  std::size_t nativeNextBatch(std::int64_t* out, std::size_t capacity) {
    return $self->next_batch(out, capacity);
  }

  // Removes value, an element already handed out in a batch.
  void nativeRemoveReturned(std::int64_t value) { $self->remove_returned(value); }

  %proxycode %{
  /** Elements fetched per native call: its cost shared by many elements. */
  private static final int BATCH_SIZE = 256;
  private static final long[] NO_ROOM = new long[0];

  /** The set iterated: its iterators fail once it is closed. */
  HashSet owner;
  /** Elements the native iterator handed out; batch[next] to batch[fetched - 1] are not returned yet. */
  private long[] batch;
  private int fetched;
  private int next;
  /** owner.modifications when the native iterator last vouched for the set. */
  private long seen;
  /** The element last returned, which remove() removes while canRemove. */
  private long lastReturned;
  private boolean canRemove;

  private void checkOpen() {
    if (owner.isClosed()) {
      throw new IllegalStateException("HashSet is closed");
    }
  }

  /** True when the next element is buffered and the set has not changed since it was fetched. */
  private boolean bufferedAndUnchanged() {
    return next < fetched && owner.modifications == seen;
  }

  @Override
  public boolean hasNext() {
    if (bufferedAndUnchanged()) {
      return true;
    }
    synchronized (owner) {
      checkOpen();
      // A stale iterator reports more (buffered or not) so that nextLong() throws.
      return next < fetched || nativeHasNext();
    }
  }

  /** Throws NoSuchElementException when exhausted, ConcurrentModificationException when the set changed. */
  @Override
  public long nextLong() {
    if (bufferedAndUnchanged()) {
      lastReturned = batch[next++];
      canRemove = true;
      return lastReturned;
    }
    return nextFromNative();
  }

  /**
   * nextLong() when the batch is used up or the set may have changed (or was
   * closed): each native call holds the set's monitor, as the set's own methods
   * do. The native iterator fetches the next batch or, with elements left in
   * this one, only checks that the set did not change.
   */
  private long nextFromNative() {
    synchronized (owner) {
      checkOpen();
      long modifications = owner.modifications;
      if (next < fetched) {
        nativeNextBatch(NO_ROOM);
      } else {
        if (batch == null) {
          // All of a small set, and never empty (an empty array only checks).
          batch = new long[(int) Math.min(BATCH_SIZE, owner.longSize() + 1)];
        }
        fetched = (int) nativeNextBatch(batch);
        next = 0;
        if (fetched == 0) {
          canRemove = false;
          // Throws NoSuchElementException; the native iterator stays exhausted.
          return nativeNext();
        }
      }
      seen = modifications;
      lastReturned = batch[next++];
      canRemove = true;
      return lastReturned;
    }
  }

  /** The number of elements not yet returned (0 once the set changed). */
  public long remaining() {
    synchronized (owner) {
      checkOpen();
      long unfetched = nativeRemaining();
      // The native 0 is either its end or a change of the set, after which
      // it reports more (so that next() throws).
      if (unfetched == 0 && nativeHasNext()) {
        return 0;
      }
      return unfetched + (fetched - next);
    }
  }

  /** Removes the element last returned; IllegalStateException when there is none. */
  @Override
  public void remove() {
    synchronized (owner) {
      checkOpen();
      if (!canRemove) {
        throw new IllegalStateException("remove() needs a preceding next()");
      }
      nativeRemoveReturned(lastReturned);
      canRemove = false;
      owner.changed(owner.longSize() - 1);
      // Its own removal is no change for this iterator.
      seen = owner.modifications;
    }
  }
  %}
}

// For each value, whether it is an element of set (HashSet.containsMany). SWIG
// spells the values' type `long long` in calls to anything but a member of the
// class (and that is not std::int64_t on Linux): the definition takes what
// SWIG passes, the declaration names std::int64_t for the typemap.
%{
namespace hashset_java {
Flags contains_flags(const hashset::HashSet& set, const long long* values, std::size_t count) {
  static_assert(sizeof(long long) == sizeof(std::int64_t), "long long must be 64-bit");
  Flags flags;
  flags.found.resize(count);
  set.contains_many(reinterpret_cast<const std::int64_t*>(values), count, flags.found.data());
  return flags;
}
}  // namespace hashset_java
%}
%rename(containsFlags) hashset_java::contains_flags;
namespace hashset_java {
hashset_java::Flags contains_flags(const hashset::HashSet& set, const std::int64_t* values,
                                  std::size_t count);
}

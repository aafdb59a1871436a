package io.hashset.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hashset.HashSet;
import io.hashset.HashSetIterator;
import java.io.File;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Java protocol of HashSet, checked against java.util.HashSet<Long> as the oracle. */
class IdiomTest {
  private static final long[] EDGES = {
    Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, 1L, (1L << 53) - 1, (1L << 53) + 1, -(1L << 53) - 1,
    Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L,
  };

  private static java.util.HashSet<Long> oracle(long... values) {
    java.util.HashSet<Long> set = new java.util.HashSet<>();
    for (long value : values) {
      set.add(value);
    }
    return set;
  }

  private static TreeSet<Long> sorted(Collection<Long> values) {
    return new TreeSet<>(values);
  }

  private static TreeSet<Long> sorted(long[] values) {
    return Arrays.stream(values).boxed().collect(Collectors.toCollection(TreeSet::new));
  }

  /** Every view of the set agrees with the oracle. */
  private static void assertMatches(Set<Long> expected, HashSet actual) {
    assertEquals(expected.size(), actual.size());
    assertEquals(expected.size(), actual.longSize());
    assertEquals(expected.isEmpty(), actual.isEmpty());
    assertEquals(sorted(expected), sorted(actual.collect()));
    List<Long> iterated = new ArrayList<>();
    actual.forEach(iterated::add);
    assertEquals(expected.size(), iterated.size(), "iteration yields each element once");
    assertEquals(sorted(expected), sorted(iterated));
    assertEquals(expected, actual);
    assertEquals(actual, expected);
    assertEquals(expected.hashCode(), actual.hashCode());
    assertTrue(actual.containsAll(expected));
    assertTrue(expected.containsAll(actual));
  }

  @Test
  void integersRoundTripBitExactly() {
    try (HashSet s = HashSet.of(EDGES)) {
      assertMatches(oracle(EDGES), s);
      for (long value : EDGES) {
        assertTrue(s.contains(value));
        assertTrue(s.contains((Object) Long.valueOf(value)));
        assertFalse(s.contains(value ^ 2), "neighbour " + (value ^ 2));
      }
      assertFalse(s.contains(1L << 53), "2^53 is not 2^53+1");
      HashSet copy = HashSet.deserialize(s.serialize());
      assertEquals(sorted(EDGES), sorted(copy.collect()));
      copy.close();
      long popped = s.pop();
      assertTrue(Arrays.stream(EDGES).anyMatch(v -> v == popped));
      assertFalse(s.contains(popped));
    }
  }

  @Test
  void randomOperationsMatchJavaUtilHashSet() {
    Random random = new Random(20261124);
    java.util.HashSet<Long> expected = new java.util.HashSet<>();
    try (HashSet actual = new HashSet()) {
      for (int step = 0; step < 20000; ++step) {
        long value = random.nextInt(10) == 0
            ? EDGES[random.nextInt(EDGES.length)] : random.nextInt(400) - 200;
        Long boxed = value;
        switch (random.nextInt(8)) {
          case 0:
            assertEquals(expected.add(value), actual.add(value));
            break;
          case 1:
            assertEquals(expected.add(boxed), actual.add(boxed));
            break;
          case 2:
            assertEquals(expected.remove(value), actual.remove(value));
            break;
          case 3:
            assertEquals(expected.remove((Object) boxed), actual.remove((Object) boxed));
            break;
          case 4:
            assertEquals(expected.contains(value), actual.contains(value));
            assertEquals(expected.contains(boxed), actual.contains(boxed));
            break;
          case 5: {
            List<Long> batch = random.longs(5, -200, 200).boxed().collect(Collectors.toList());
            if (random.nextBoolean()) {
              assertEquals(expected.addAll(batch), actual.addAll(batch));
            } else {
              assertEquals(expected.removeAll(batch), actual.removeAll(batch));
            }
            break;
          }
          case 6:
            assertEquals(expected.size(), actual.size());
            break;
          default:
            if (random.nextInt(400) == 0) {
              expected.clear();
              actual.clear();
            }
            break;
        }
        if (step % 1000 == 0) {
          assertMatches(expected, actual);
        }
      }
      assertMatches(expected, actual);
    }
  }

  @Test
  void bulkCallsTakeLongArrays() {
    try (HashSet s = new HashSet()) {
      assertEquals(3, s.insertMany(new long[] {1, 2, 3, 3}));
      assertEquals(0, s.insertMany(new long[0]));
      assertEquals(1, s.eraseMany(new long[] {2, 2, 99}));
      assertArrayEquals(new long[] {1, 3}, Arrays.stream(s.collect()).sorted().toArray());
      assertThrows(NullPointerException.class, () -> s.insertMany(null));
      assertThrows(NullPointerException.class, () -> s.eraseMany(null));
      assertArrayEquals(new boolean[] {true, false, true, false},
          s.containsMany(new long[] {1, 2, 3, Long.MIN_VALUE}));
      assertArrayEquals(new boolean[0], s.containsMany(new long[0]));
      assertThrows(NullPointerException.class, () -> s.containsMany(null));
      long[] values = {5, 6};
      s.insertMany(values);
      assertArrayEquals(new long[] {5, 6}, values, "the caller's array is not changed");
      long[] collected = s.collect();
      collected[0] = 1234;
      assertFalse(s.contains(1234), "collect() returns the caller's own copy");
      s.reserve(1000);
      assertThrows(IllegalArgumentException.class, () -> s.reserve(-1));
      assertEquals(sorted(new long[] {1, 3, 5, 6}), sorted(s.collect()));
    }
  }

  @Test
  void constructorsAndSetOperations() {
    java.util.HashSet<Long> a = oracle(1, 2, 3, 4);
    java.util.HashSet<Long> b = oracle(3, 4, 5);
    try (HashSet x = new HashSet(a); HashSet y = HashSet.of(3, 4, 5); HashSet copy = new HashSet(x)) {
      assertMatches(a, x);
      assertMatches(b, y);
      copy.add(99L);
      assertFalse(x.contains(99L), "the copy constructor copies");
      java.util.HashSet<Long> union = new java.util.HashSet<>(a);
      union.addAll(b);
      java.util.HashSet<Long> intersection = new java.util.HashSet<>(a);
      intersection.retainAll(b);
      java.util.HashSet<Long> difference = new java.util.HashSet<>(a);
      difference.removeAll(b);
      assertMatches(union, x.union(y));
      assertMatches(intersection, x.intersection(y));
      assertMatches(difference, x.difference(y));
      assertTrue(x.containsAll(intersection));
      assertFalse(x.containsAll(y));
      assertTrue(x.intersection(y).isSubset(x));
      assertTrue(x.isSuperset(x.intersection(y)));
      assertFalse(x.isDisjoint(y));
      // The Collection bulk methods, with a HashSet or any other collection.
      try (HashSet z = new HashSet(x)) {
        assertTrue(z.retainAll(y));
        assertFalse(z.retainAll(y));
        assertMatches(intersection, z);
        assertTrue(z.addAll(b));
        assertFalse(z.addAll(y));
        assertTrue(z.removeAll(y));
        assertMatches(oracle(), z);
        z.addAll(a);
        assertTrue(z.retainAll(List.of(1L, 2L, "not a long")));
        assertMatches(oracle(1, 2), z);
      }
    }
  }

  @Test
  void equalsAndHashCodeFollowTheSetContract() {
    try (HashSet s = HashSet.of(EDGES); HashSet t = HashSet.of(EDGES); HashSet e = new HashSet()) {
      assertEquals(s, t);
      assertEquals(s.hashCode(), t.hashCode());
      assertEquals(oracle(EDGES).hashCode(), s.hashCode());
      assertEquals(Set.of(), e);
      assertEquals(0, e.hashCode());
      assertNotEquals(s, e);
      assertNotEquals(s, List.copyOf(oracle(EDGES)), "a List is never equal to a Set");
      assertNotEquals(e, null);
      Set<Object> strings = Set.of("a");
      assertNotEquals(HashSet.of(1), strings);
      t.remove(0L);
      assertNotEquals(s, t);
      assertNotEquals(t, s);
      assertEquals("[7]", HashSet.of(7).toString());
    }
  }

  @Test
  void badElementsRaiseJavaErrorsAndChangeNothing() {
    try (HashSet s = HashSet.of(1, 2)) {
      java.util.HashSet<Long> before = oracle(1, 2);
      @SuppressWarnings("unchecked")
      Collection<Object> raw = (Collection<Object>) (Collection<?>) s;
      assertThrows(NullPointerException.class, () -> s.add((Long) null));
      assertThrows(ClassCastException.class, () -> raw.add(1.5));
      assertThrows(ClassCastException.class, () -> raw.add("abc"));
      assertThrows(ClassCastException.class, () -> raw.add(3), "an Integer is not a Long");
      assertThrows(ClassCastException.class, () -> raw.add(new java.math.BigInteger("9223372036854775808")));
      assertThrows(NullPointerException.class, () -> s.remove(null));
      assertThrows(ClassCastException.class, () -> s.remove(2.0));
      assertThrows(NullPointerException.class, () -> s.addAll(Arrays.asList(3L, null)));
      assertThrows(ClassCastException.class, () -> raw.addAll(List.of(3L, 4L, 0.5)));
      assertThrows(ClassCastException.class, () -> s.removeAll(List.of(1L, "x")));
      assertThrows(NullPointerException.class, () -> s.addAll(null));
      assertThrows(NullPointerException.class, () -> new HashSet(Arrays.asList(1L, null)));
      // contains() is a question, never an error (as in java.util.HashSet<Long>).
      assertFalse(s.contains(null));
      assertFalse(s.contains("abc"));
      Object integerOne = 1;
      assertFalse(s.contains(integerOne), "Integer 1 is not Long 1, as in java.util.HashSet<Long>");
      assertEquals(before.contains(integerOne), s.contains(integerOne));
      // An int argument widens to contains(long), unlike java.util.HashSet<Long>.contains(1).
      assertTrue(s.contains(1));
      assertMatches(before, s);
      // Set arguments and byte strings.
      assertThrows(NullPointerException.class, () -> s.union(null));
      assertThrows(NullPointerException.class, () -> new HashSet((HashSet) null));
      assertThrows(NullPointerException.class, () -> HashSet.deserialize(null));
      assertThrows(IllegalArgumentException.class, () -> HashSet.deserialize(new byte[] {1, 2, 3}));
      assertMatches(before, s);
    }
  }

  @Test
  void popOnEmptyAndExhaustedIterator() {
    try (HashSet s = HashSet.of(42)) {
      assertEquals(42L, s.pop());
      assertThrows(NoSuchElementException.class, s::pop);
      assertTrue(s.isEmpty());
      Iterator<Long> iterator = s.iterator();
      assertFalse(iterator.hasNext());
      assertThrows(NoSuchElementException.class, iterator::next);
    }
  }

  @Test
  void iteratorRemoveMatchesTheOracle() {
    long[] values = new Random(7).longs(500, -1000, 1000).toArray();
    java.util.HashSet<Long> expected = oracle(values);
    try (HashSet s = HashSet.of(values)) {
      Iterator<Long> iterator = s.iterator();
      assertThrows(IllegalStateException.class, iterator::remove, "nothing returned yet");
      int seen = 0;
      while (iterator.hasNext()) {
        long value = iterator.next();
        ++seen;
        if (value % 3 == 0) {
          iterator.remove();
          assertThrows(IllegalStateException.class, iterator::remove, "removed already");
        }
      }
      assertEquals(expected.size(), seen);
      expected.removeIf(v -> v % 3 == 0);
      assertMatches(expected, s);
      assertTrue(s.removeIf(v -> v % 2 == 0), "Collection.removeIf uses Iterator.remove");
      expected.removeIf(v -> v % 2 == 0);
      assertMatches(expected, s);
      PrimitiveIterator.OfLong primitive = s.iterator();
      long sum = 0;
      while (primitive.hasNext()) {
        sum += primitive.nextLong();
      }
      assertEquals(expected.stream().mapToLong(Long::longValue).sum(), sum);
      assertEquals(sum, s.stream().mapToLong(Long::longValue).sum());
    }
  }

  @Test
  void changesDuringIterationAreDetected() {
    try (HashSet s = HashSet.of(1, 2, 3)) {
      assertThrows(ConcurrentModificationException.class, () -> {
        for (Long value : s) {
          s.add(value + 100);
        }
      });
      assertEquals(4, s.size(), "the add itself happened");
      Iterator<Long> iterator = s.iterator();
      iterator.next();
      s.remove(1L);
      s.add(1L);
      assertThrows(ConcurrentModificationException.class, iterator::next);
      assertThrows(ConcurrentModificationException.class, iterator::remove);
      Iterator<Long> other = s.iterator();
      other.next();
      s.clear();
      assertThrows(ConcurrentModificationException.class, other::next);
      // A change that does not change the contents is not a change.
      s.add(5L);
      Iterator<Long> calm = s.iterator();
      s.add(5L);
      s.remove(6L);
      assertEquals(5L, calm.next());
    }
  }

  // The iterator reads the native iterator 256 elements at a time: these sets
  // span several batches, and the steps below land on the batch boundaries.
  private static final int BATCH = 256;

  /** Random values filling three batches and part of a fourth. */
  private static long[] severalBatches(long seed) {
    return new Random(seed).longs(3 * BATCH + 17).toArray();
  }

  @Test
  void iterationOverSeveralBatchesMatchesTheOracle() {
    long[] values = severalBatches(13);
    java.util.HashSet<Long> expected = oracle(values);
    try (HashSet s = HashSet.of(values)) {
      HashSetIterator iterator = s.iterator();
      java.util.HashSet<Long> seen = new java.util.HashSet<>();
      assertEquals(expected.size(), iterator.remaining());
      while (iterator.hasNext()) {
        assertTrue(seen.add(iterator.nextLong()), "each element once");
        assertEquals(expected.size() - seen.size(), iterator.remaining(), "after " + seen.size());
      }
      assertEquals(expected, seen);
      assertEquals(0, iterator.remaining());
      assertThrows(NoSuchElementException.class, iterator::nextLong);
      assertThrows(IllegalStateException.class, iterator::remove, "nothing to remove at the end");
      assertFalse(iterator.hasNext());
    }
  }

  @Test
  void removeAcrossBatchBoundariesMatchesTheOracle() {
    long[] values = severalBatches(17);
    java.util.HashSet<Long> expected = oracle(values);
    int total = expected.size();
    try (HashSet s = HashSet.of(values)) {
      HashSetIterator iterator = s.iterator();
      int index = 0;
      while (iterator.hasNext()) {
        long value = iterator.nextLong();
        // The first and last element of every batch, and every fifth.
        if (index % BATCH == 0 || index % BATCH == BATCH - 1 || index % 5 == 0) {
          iterator.remove();
          assertTrue(expected.remove(value));
          assertThrows(IllegalStateException.class, iterator::remove, "removed already");
        }
        ++index;
        assertEquals(total - index, iterator.remaining(), "after " + index);
      }
      assertEquals(total, index, "removals skip no element");
      assertMatches(expected, s);
      assertTrue(s.removeIf(v -> true), "every element, through the iterator");
      assertMatches(oracle(), s);
    }
  }

  @Test
  void changesMidBatchAreDetected() {
    long[] values = severalBatches(19);
    // Each change after a step inside a batch or on its last element: the next step throws.
    for (int steps : new int[] {1, 10, BATCH - 1, BATCH}) {
      try (HashSet s = HashSet.of(values)) {
        HashSetIterator iterator = s.iterator();
        for (int i = 0; i < steps; ++i) {
          iterator.nextLong();
        }
        s.add(42L);
        assertTrue(iterator.hasNext(), "a stale iterator reports more");
        assertThrows(ConcurrentModificationException.class, iterator::nextLong);
        assertThrows(ConcurrentModificationException.class, iterator::remove);
        assertEquals(0, iterator.remaining());
      }
    }
    try (HashSet s = HashSet.of(values)) {
      HashSetIterator iterator = s.iterator();
      HashSetIterator other = s.iterator();
      iterator.nextLong();
      other.nextLong();
      other.remove();
      assertThrows(ConcurrentModificationException.class, iterator::nextLong, "another iterator's remove");
      HashSetIterator rehashed = s.iterator();
      rehashed.nextLong();
      s.reserve(100 * values.length);
      assertThrows(ConcurrentModificationException.class, rehashed::nextLong, "a rehash");
      HashSetIterator exhausted = s.iterator();
      while (exhausted.hasNext()) {
        exhausted.nextLong();
      }
      s.add(43L);
      assertTrue(exhausted.hasNext(), "a change after the end too");
      assertThrows(ConcurrentModificationException.class, exhausted::nextLong);
    }
    // Calls that change nothing are no change: the iteration goes on.
    java.util.HashSet<Long> expected = oracle(values);
    HashSet s = HashSet.of(values);
    HashSetIterator iterator = s.iterator();
    java.util.HashSet<Long> seen = new java.util.HashSet<>();
    seen.add(iterator.nextLong());
    s.add(values[0]);
    long absent = expected.contains(7L) ? 8L : 7L;
    s.remove(absent);
    try (HashSet none = HashSet.of(absent)) {
      s.differenceUpdate(none);
    }
    while (iterator.hasNext()) {
      assertTrue(seen.add(iterator.nextLong()));
    }
    assertEquals(expected, seen);
    HashSetIterator closed = s.iterator();
    closed.nextLong();
    s.close();
    assertThrows(IllegalStateException.class, closed::hasNext, "closed mid-batch");
    assertThrows(IllegalStateException.class, closed::nextLong);
    assertThrows(IllegalStateException.class, closed::remaining);
  }

  @Test
  void closeFreesTheSetAndLaterUseFailsClearly() {
    HashSet s = HashSet.of(1, 2, 3);
    Iterator<Long> iterator = s.iterator();
    HashSet other = HashSet.of(1);
    assertFalse(s.isClosed());
    s.close();
    assertTrue(s.isClosed());
    s.close(); // idempotent
    assertThrows(IllegalStateException.class, s::size);
    assertThrows(IllegalStateException.class, s::longSize);
    assertThrows(IllegalStateException.class, () -> s.add(4L));
    assertThrows(IllegalStateException.class, () -> s.contains(1L));
    assertThrows(IllegalStateException.class, () -> s.contains((Object) 1L));
    assertThrows(IllegalStateException.class, s::collect);
    assertThrows(IllegalStateException.class, s::serialize);
    assertThrows(IllegalStateException.class, s::iterator);
    assertThrows(IllegalStateException.class, s::hashCode);
    assertThrows(IllegalStateException.class, () -> s.insertMany(new long[] {1}));
    assertThrows(IllegalStateException.class, () -> s.containsMany(new long[] {1}));
    assertThrows(IllegalStateException.class, iterator::next, "its iterators fail too");
    assertThrows(IllegalStateException.class, iterator::hasNext);
    assertThrows(IllegalStateException.class, () -> other.union(s), "as an argument too");
    assertThrows(IllegalStateException.class, () -> new HashSet(s));
    assertThrows(IllegalStateException.class, () -> other.equals(s));
    assertEquals(Set.of(1L), other, "the other set is untouched");
    other.close();
  }

  @Test
  void tryWithResourcesClosesTheSet() {
    HashSet kept;
    try (HashSet s = HashSet.of(9)) {
      kept = s;
      assertTrue(s.contains(9L));
    }
    assertTrue(kept.isClosed());
    assertThrows(IllegalStateException.class, () -> kept.contains(9L));
  }

  @Test
  void droppingTheSetMidIterationFinishesTheIteration() throws InterruptedException {
    long[] values = new Random(11).longs(300, -1000, 1000).toArray();
    HashSet s = HashSet.of(values);
    Iterator<Long> forEach = s.iterator();
    PrimitiveIterator.OfLong explicit = s.iterator();
    java.util.HashSet<Long> restOfForEach = oracle(values);
    java.util.HashSet<Long> restOfExplicit = oracle(values);
    assertTrue(restOfForEach.remove(forEach.next()));
    assertTrue(restOfExplicit.remove(explicit.nextLong()));
    WeakReference<HashSet> weakSet = new WeakReference<>(s);
    s = null;
    System.gc();
    System.gc();
    List<Long> rest = new ArrayList<>();
    forEach.forEachRemaining(rest::add);
    assertEquals(restOfForEach.size(), rest.size(), "each remaining element once");
    assertEquals(restOfForEach, new java.util.HashSet<>(rest));
    java.util.HashSet<Long> explicitRest = new java.util.HashSet<>();
    while (explicit.hasNext()) {
      assertTrue(explicitRest.add(explicit.nextLong()));
    }
    assertEquals(restOfExplicit, explicitRest);
    // The iterators kept the set alive; once they go, the collector may free it.
    forEach = null;
    explicit = null;
    for (int attempt = 0; attempt < 50 && weakSet.get() != null; ++attempt) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(weakSet.get(), "the set became unreachable with its iterators");
  }

  /** The child of processExitWithLiveSetsIsClean: leaves everything open and returns. */
  static final class ExitWithLiveSets {
    static final List<Object> LIVE = new ArrayList<>();

    public static void main(String[] args) {
      for (int i = 0; i < 50; ++i) {
        HashSet s = new HashSet();
        for (long value = 0; value < i * 100L; ++value) {
          s.add(value);
        }
        LIVE.add(s);
        Iterator<Long> iterator = s.iterator();
        if (iterator.hasNext()) {
          iterator.next();
        }
        LIVE.add(iterator);
      }
      HashSet large = new HashSet();
      large.insertMany(java.util.stream.LongStream.range(0, 1_000_000).toArray());
      LIVE.add(large.iterator());
      HashSet closed = HashSet.of(1, 2, 3);
      LIVE.add(closed.iterator());
      closed.close();
      List<Object> cycle = new ArrayList<>();
      cycle.add(HashSet.of(7));
      cycle.add(cycle);
      System.out.println("live sets left at exit");
    }
  }

  private static String classPathOf(Class<?> type) throws Exception {
    return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
  }

  @Test
  void processExitWithLiveSetsIsClean() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    String classPath = classPathOf(HashSet.class) + File.pathSeparator + classPathOf(IdiomTest.class);
    Process child = new ProcessBuilder(java, "-Xcheck:jni",
        "-Djava.library.path=" + System.getProperty("java.library.path"),
        "-cp", classPath, ExitWithLiveSets.class.getName()).start();
    child.getOutputStream().close();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child exits");
    String stdout = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals("", stderr, "no JNI warning or crash report");
    assertEquals(0, child.exitValue());
    assertEquals("live sets left at exit\n", stdout);
  }
}

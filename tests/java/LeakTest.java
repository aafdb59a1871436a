package io.hashset.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hashset.HashSet;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ConcurrentModificationException;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import org.junit.jupiter.api.Test;

/**
 * Leaks over time (docs/reliability.md): many create/fill/iterate/destroy
 * cycles, half the sets closed and half left to the Cleaner, with the error
 * paths taken; resident memory must stay flat. HASHSET_LONG=1 selects the long
 * profile. java_leaks runs it with a fixed heap (cmake/languages/java.cmake).
 */
class LeakTest {
  private static final boolean LONG = "1".equals(System.getenv("HASHSET_LONG"));
  private static final byte[] BAD_BYTES = {1, 2, 3};

  private static long rssBytes() throws Exception {
    String[] statm = new String(Files.readAllBytes(Paths.get("/proc/self/statm"))).trim().split(" ");
    return Long.parseLong(statm[1]) * 4096;
  }

  /**
   * One cycle: sets built every way, iterated fully, partly and past a change,
   * every error path taken; the sets of odd cycles and all iterators are left
   * to the Cleaner.
   */
  private static void cycle(int i) {
    HashSet set = HashSet.of(i, i + 1, i + 2, i + 3);
    set.insertMany(new long[] {-i, i % 64, i % 64});
    long sum = 0;
    for (PrimitiveIterator.OfLong it = set.iterator(); it.hasNext(); ) sum += it.nextLong();
    HashSet copy = new HashSet(set);
    copy.update(set);
    HashSet union = set.union(HashSet.of(i + 100L));
    HashSet restored = HashSet.deserialize(union.serialize());
    if (sum == Long.MIN_VALUE || !copy.equals(set) || !restored.equals(union)) {
      throw new AssertionError("cycle " + i);
    }
    restored.iterator().nextLong();  // a partial iteration, never finished
    PrimitiveIterator.OfLong stale = copy.iterator();
    stale.nextLong();
    copy.add(i + 200L);
    assertThrows(ConcurrentModificationException.class, stale::nextLong);
    assertThrows(IllegalArgumentException.class, () -> HashSet.deserialize(BAD_BYTES));
    HashSet empty = new HashSet();
    assertThrows(NoSuchElementException.class, empty::pop);
    empty.close();
    assertThrows(IllegalStateException.class, empty::pop);
    if (i % 2 == 0) {
      set.close();
      copy.close();
      union.close();
      restored.close();
    }
  }

  @Test
  void createFillIterateDestroyKeepsMemoryFlat() throws Exception {
    // One leaked set per cycle (of six, plus three iterators) would cost about
    // 10 MiB (215 bytes each) even in the short profile; what waits for the
    // Cleaner is bounded by the fixed heap.
    long bound = 8L << 20;
    int warmUp = LONG ? 100_000 : 10_000;
    int cycles = LONG ? 1_000_000 : 50_000;
    for (int i = 0; i < warmUp; ++i) cycle(i);
    System.gc();
    Thread.sleep(200);
    long before = rssBytes();
    long began = System.nanoTime();
    StringBuilder checkpoints = new StringBuilder();
    for (int i = 0; i < cycles; ++i) {
      cycle(i);
      if ((i + 1) % (cycles / 5) == 0) {
        checkpoints.append(' ').append((rssBytes() - before) / 1024);
      }
    }
    System.gc();
    Thread.sleep(200);
    long growth = rssBytes() - before;
    System.out.printf("leaks: %d cycles in %.1f s, resident growth %d KiB (checkpoints, KiB:%s)%n",
        cycles, (System.nanoTime() - began) / 1e9, growth / 1024, checkpoints);
    assertTrue(growth < bound, "resident memory grew by " + growth / 1024 + " KiB");
  }
}

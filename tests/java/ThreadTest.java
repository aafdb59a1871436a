package io.hashset.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hashset.HashSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The thread-safety contract (docs/threads.md): every call on a set is atomic,
 * iterators fail fast with ConcurrentModificationException, close() racing
 * with calls never crashes. HASHSET_LONG=1 selects the long profile.
 */
class ThreadTest {
  private static final boolean LONG = "1".equals(System.getenv("HASHSET_LONG"));
  private static final int THREADS = 8;
  private static final int OPS = LONG ? 100_000 : 2_000;
  private static final long RANGE = 1L << 40;  // thread t owns keys [t * RANGE, t * RANGE + 4096)

  private interface Body {
    void run(int thread) throws Exception;
  }

  // 1 to 16 keys from the calling thread's own range, starting at base.
  private static long[] ownKeys(Random random, long base) {
    long[] keys = new long[1 + random.nextInt(16)];
    for (int k = 0; k < keys.length; ++k) keys[k] = base + random.nextInt(4096);
    return keys;
  }

  /** Runs body in `threads` threads started together; rethrows the first failure. */
  private static void inThreads(int threads, Body body) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> started = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < threads; ++t) {
      final int thread = t;
      Thread worker = new Thread(() -> {
        try {
          start.await();
          body.run(thread);
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      worker.start();
      started.add(worker);
    }
    start.countDown();
    for (Thread worker : started) {
      worker.join();
    }
    if (!failures.isEmpty()) {
      throw new AssertionError("a thread failed", failures.get(0));
    }
  }

  @Test
  void mixedOperationsKeepExactContents() throws Exception {
    AtomicLong interrupted = new AtomicLong();
    AtomicLong completed = new AtomicLong();
    List<java.util.Set<Long>> models = new ArrayList<>();
    for (int t = 0; t < THREADS; ++t) {
      models.add(new java.util.HashSet<>());
    }
    long began = System.nanoTime();
    try (HashSet shared = new HashSet()) {
      assertTimeoutPreemptively(Duration.ofMinutes(LONG ? 20 : 2), () -> inThreads(THREADS, t -> {
        Random random = new Random(1000 + t);
        java.util.Set<Long> model = models.get(t);
        long base = t * RANGE;
        for (int i = 0; i < OPS; ++i) {
          long key = base + random.nextInt(4096);
          switch (random.nextInt(12)) {
            case 0: case 1: case 2:
              assertEquals(model.add(key), shared.add(key));
              break;
            case 3: case 4:
              assertEquals(model.remove(key), shared.remove(key));
              break;
            case 5:
              assertEquals(model.contains(key), shared.contains(key));
              break;
            case 6: {
              long[] keys = ownKeys(random, base);
              long added = 0;
              for (long k : keys) added += model.add(k) ? 1 : 0;
              assertEquals(added, shared.insertMany(keys));
              break;
            }
            case 7: {
              long[] keys = ownKeys(random, base);
              long removed = 0;
              for (long k : keys) removed += model.remove(k) ? 1 : 0;
              assertEquals(removed, shared.eraseMany(keys));
              break;
            }
            case 8: {  // two-set calls with a private set, both directions
              try (HashSet mine = HashSet.of(key, key + 1)) {
                shared.update(mine);
                model.add(key);
                model.add(key + 1);
                assertTrue(mine.isSubset(shared));  // only this thread removes its keys
                assertTrue(shared.isSuperset(mine));
                assertTrue(shared.containsAll(mine));
              }
              break;
            }
            case 9: {  // shared reads of other threads' keys
              long other = random.nextInt(THREADS) * RANGE + random.nextInt(4096);
              shared.contains(other);
              assertTrue(shared.longSize() >= model.size());
              break;
            }
            case 10: {  // whole-set reads: a snapshot holds every key this thread owns
              if (random.nextInt(8) == 0) {
                TreeSet<Long> snapshot = new TreeSet<>();
                for (long v : shared.collect()) snapshot.add(v);
                assertTrue(snapshot.containsAll(model));
              }
              break;
            }
            default: {  // iteration: completes, or fails fast with CME
              if (random.nextInt(8) != 0) {
                break;
              }
              try {
                long count = 0;
                PrimitiveIterator.OfLong it = shared.iterator();
                while (it.hasNext()) {
                  it.nextLong();
                  ++count;
                }
                assertTrue(count >= 0);
                completed.incrementAndGet();
              } catch (ConcurrentModificationException e) {
                interrupted.incrementAndGet();
              }
            }
          }
        }
      }));
      TreeSet<Long> expected = new TreeSet<>();
      for (java.util.Set<Long> model : models) expected.addAll(model);
      TreeSet<Long> actual = new TreeSet<>();
      for (long v : shared.collect()) actual.add(v);
      assertEquals(expected, actual);
      assertEquals(expected.size(), shared.longSize());
    }
    System.out.printf("threads: %d x %d ops in %.1f s; iterations completed %d, interrupted by CME %d%n",
        THREADS, OPS, (System.nanoTime() - began) / 1e9, completed.get(), interrupted.get());
  }

  @Test
  void iterationWhileAnotherThreadMutatesThrows() throws Exception {
    try (HashSet set = HashSet.of(1, 2, 3)) {
      PrimitiveIterator.OfLong it = set.iterator();
      it.nextLong();
      Thread writer = new Thread(() -> set.add(4L));
      writer.start();
      writer.join();
      assertThrows(ConcurrentModificationException.class, it::nextLong);
    }
    // Concurrently: a reader iterating while a writer mutates sees CME, never a crash.
    try (HashSet set = new HashSet()) {
      for (long i = 0; i < 1000; ++i) set.add(i);
      AtomicLong failures = new AtomicLong();
      CountDownLatch done = new CountDownLatch(1);
      Thread writer = new Thread(() -> {
        for (long i = 1000; done.getCount() > 0; ++i) {
          set.add(i);
          set.remove(i - 1000);
        }
      });
      writer.start();
      try {
        for (int round = 0; round < 200 && failures.get() < 5; ++round) {
          try {
            for (PrimitiveIterator.OfLong it = set.iterator(); it.hasNext(); ) it.nextLong();
          } catch (ConcurrentModificationException e) {
            failures.incrementAndGet();
          }
        }
      } finally {
        done.countDown();
        writer.join();
      }
      assertTrue(failures.get() > 0, "an iteration under a busy writer must fail fast");
    }
  }

  @Test
  void crossedTwoSetCallsDoNotDeadlock() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      try (HashSet a = HashSet.of(1, 2); HashSet b = HashSet.of(3, 4)) {
        inThreads(4, t -> {
          for (int i = 0; i < (LONG ? 100_000 : 5_000); ++i) {
            if (t % 2 == 0) {
              a.update(b);
              a.equals(b);
            } else {
              b.isSubset(a);
              b.differenceUpdate(a);
              b.update(HashSet.of(3, 4));
            }
          }
        });
      }
    });
  }

  @Test
  void closeRacingWithCallsNeverCrashes() throws Exception {
    for (int round = 0; round < (LONG ? 2_000 : 100); ++round) {
      HashSet set = HashSet.of(1, 2, 3, 4, 5);
      HashSet other = HashSet.of(9);
      inThreads(4, t -> {
        Random random = new Random(t);
        if (t == 0) {
          Thread.sleep(0, random.nextInt(100_000));
          set.close();
          set.close();
          return;
        }
        for (int i = 0; i < 200; ++i) {
          try {
            switch (random.nextInt(6)) {
              case 0: set.add((long) i); break;
              case 1: set.contains(i); break;
              case 2: set.collect(); break;
              case 3: set.update(other); break;
              case 4: other.update(set); break;
              default:
                for (PrimitiveIterator.OfLong it = set.iterator(); it.hasNext(); ) it.nextLong();
            }
          } catch (IllegalStateException | ConcurrentModificationException e) {
            // closed, or changed by another thread: both are the contract
          }
        }
      });
      assertTrue(set.isClosed());
      assertThrows(IllegalStateException.class, () -> set.add(1L));
      assertFalse(other.isClosed());
      other.close();
    }
  }
}

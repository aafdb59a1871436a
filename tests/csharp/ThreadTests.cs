// The thread-safety contract (docs/threads.md): every call on a set is atomic,
// enumerators fail fast with InvalidOperationException, Dispose racing with
// calls never crashes. HASHSET_LONG=1 selects the long profile.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using NUnit.Framework;

namespace HashSetLib.Tests {

[TestFixture]
public class ThreadTests {
  static readonly bool Long = Environment.GetEnvironmentVariable("HASHSET_LONG") == "1";
  const int Threads = 8;
  static readonly int Ops = Long ? 100000 : 2000;
  const long Range = 1L << 40;  // thread t owns keys [t * Range, t * Range + 4096)

  // 1 to 16 keys from the calling thread's own range, starting at baseKey.
  static long[] OwnKeys(Random random, long baseKey) {
    var keys = new long[1 + random.Next(16)];
    for (int k = 0; k < keys.Length; k++) keys[k] = baseKey + random.Next(4096);
    return keys;
  }

  // Runs body in `count` threads started together; rethrows the first failure.
  static void InThreads(int count, Action<int> body, int timeoutSeconds) {
    var start = new ManualResetEvent(false);
    var failures = new List<Exception>();
    var threads = new List<Thread>();
    for (int t = 0; t < count; t++) {
      int thread = t;
      var worker = new Thread(() => {
        try {
          start.WaitOne();
          body(thread);
        } catch (Exception e) {
          lock (failures) failures.Add(e);
        }
      });
      worker.Start();
      threads.Add(worker);
    }
    start.Set();
    var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
    foreach (var worker in threads) {
      var left = deadline - DateTime.UtcNow;
      if (!worker.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero))
        Assert.Fail("deadlock: a thread did not finish within " + timeoutSeconds + " s");
    }
    if (failures.Count > 0) throw new Exception("a thread failed", failures[0]);
  }

  [Test]
  public void MixedOperationsKeepExactContents() {
    var models = new List<System.Collections.Generic.HashSet<long>>();
    for (int t = 0; t < Threads; t++) models.Add(new System.Collections.Generic.HashSet<long>());
    long completed = 0, interrupted = 0;
    var clock = Stopwatch.StartNew();
    using (var shared = new HashSet()) {
      InThreads(Threads, t => {
        var random = new Random(1000 + t);
        var model = models[t];
        long baseKey = t * Range;
        for (int i = 0; i < Ops; i++) {
          long key = baseKey + random.Next(4096);
          switch (random.Next(12)) {
            case 0: case 1: case 2:
              Assert.AreEqual(model.Add(key), shared.Add(key));
              break;
            case 3: case 4:
              Assert.AreEqual(model.Remove(key), shared.Remove(key));
              break;
            case 5:
              Assert.AreEqual(model.Contains(key), shared.Contains(key));
              break;
            case 6: {
              long[] keys = OwnKeys(random, baseKey);
              long added = 0;
              foreach (long k in keys) if (model.Add(k)) added++;
              Assert.AreEqual(added, shared.InsertMany(keys));
              break;
            }
            case 7: {
              long[] keys = OwnKeys(random, baseKey);
              long removed = 0;
              foreach (long k in keys) if (model.Remove(k)) removed++;
              Assert.AreEqual(removed, shared.EraseMany(keys));
              break;
            }
            case 8:  // two-set calls with a private set, both directions
              using (var mine = new HashSet(new long[] { key, key + 1 })) {
                shared.UnionWith(mine);
                model.Add(key);
                model.Add(key + 1);
                Assert.IsTrue(mine.IsSubsetOf(shared));  // only this thread removes its keys
                Assert.IsTrue(shared.IsSupersetOf(mine));
              }
              break;
            case 9: {  // shared reads of other threads' keys
              shared.Contains(random.Next(Threads) * Range + random.Next(4096));
              Assert.GreaterOrEqual(shared.LongCount(), (long)model.Count);
              break;
            }
            case 10:  // a snapshot holds every key this thread owns
              if (random.Next(8) == 0) Assert.IsTrue(model.IsSubsetOf(shared.Collect()));
              break;
            default:  // enumeration: completes, or fails fast
              if (random.Next(8) != 0) break;
              try {
                long count = 0;
                foreach (long v in shared) count++;
                Interlocked.Increment(ref completed);
              } catch (InvalidOperationException) {
                Interlocked.Increment(ref interrupted);
              }
              break;
          }
        }
      }, Long ? 1200 : 120);
      var expected = new System.Collections.Generic.HashSet<long>();
      foreach (var model in models) expected.UnionWith(model);
      Assert.IsTrue(expected.SetEquals(shared.Collect()));
      Assert.AreEqual((long)expected.Count, shared.LongCount());
    }
    Console.WriteLine("threads: {0} x {1} ops in {2:F1} s; enumerations completed {3}, interrupted by InvalidOperationException {4}",
                      Threads, Ops, clock.Elapsed.TotalSeconds, completed, interrupted);
  }

  [Test]
  public void EnumerationWhileAnotherThreadMutatesThrows() {
    using (var set = new HashSet(new long[] { 1, 2, 3 })) {
      var e = set.GetEnumerator();
      Assert.IsTrue(e.MoveNext());
      var writer = new Thread(() => set.Add(4));
      writer.Start();
      writer.Join();
      Assert.Throws<InvalidOperationException>(() => e.MoveNext());
    }
    using (var set = new HashSet(Enumerable.Range(0, 1000).Select(i => (long)i))) {
      long failures = 0;
      bool done = false;
      var writing = new ManualResetEventSlim();
      var writer = new Thread(() => {
        for (long i = 1000; !Volatile.Read(ref done); i++) {
          set.Add(i);
          set.Remove(i - 1000);
          writing.Set();
        }
      });
      writer.Start();
      // An enumeration takes microseconds: rounds are bounded by time, not
      // count, so that a writer kept off the CPU for a while still gets to run.
      writing.Wait();
      var clock = System.Diagnostics.Stopwatch.StartNew();
      try {
        while (clock.Elapsed.TotalSeconds < 10 && failures < 5) {
          try {
            foreach (long v in set) { }
          } catch (InvalidOperationException) {
            failures++;
          }
        }
      } finally {
        Volatile.Write(ref done, true);
        writer.Join();
      }
      Assert.Greater(failures, 0, "an enumeration under a busy writer must fail fast");
    }
  }

  [Test]
  public void CrossedTwoSetCallsDoNotDeadlock() {
    using (var a = new HashSet(new long[] { 1, 2 }))
    using (var b = new HashSet(new long[] { 3, 4 })) {
      InThreads(4, t => {
        for (int i = 0; i < (Long ? 100000 : 5000); i++) {
          if (t % 2 == 0) {
            a.UnionWith(b);
            a.SetEquals(b);
          } else {
            b.IsSubsetOf(a);
            b.ExceptWith(a);
            using (var c = new HashSet(new long[] { 3, 4 })) b.UnionWith(c);
          }
        }
      }, 60);
    }
  }

  [Test]
  public void DisposeRacingWithCallsNeverCrashes() {
    for (int round = 0; round < (Long ? 2000 : 100); round++) {
      var set = new HashSet(new long[] { 1, 2, 3, 4, 5 });
      var other = new HashSet(new long[] { 9 });
      InThreads(4, t => {
        var random = new Random(t);
        if (t == 0) {
          Thread.SpinWait(random.Next(20000));
          set.Dispose();
          set.Dispose();
          return;
        }
        for (int i = 0; i < 200; i++) {
          try {
            switch (random.Next(6)) {
              case 0: set.Add(i); break;
              case 1: set.Contains(i); break;
              case 2: set.Collect(); break;
              case 3: set.UnionWith(other); break;
              case 4: other.UnionWith(set); break;
              default: foreach (long v in set) { } break;
            }
          } catch (InvalidOperationException) {
            // ObjectDisposedException (a subclass), or changed by another thread
          }
        }
      }, 60);
      Assert.Throws<ObjectDisposedException>(() => set.Add(1));
      other.Dispose();
    }
  }
}

}  // namespace HashSetLib.Tests

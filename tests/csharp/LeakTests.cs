// Leaks over time (docs/reliability.md): many create/fill/iterate/destroy
// cycles, half the sets disposed and half left to the finalizer, with the error
// paths taken; resident memory must stay flat. HASHSET_LONG=1 selects the long
// profile.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using NUnit.Framework;

namespace HashSetLib.Tests {

[TestFixture]
public class LeakTests {
  static readonly bool Long = Environment.GetEnvironmentVariable("HASHSET_LONG") == "1";
  static readonly byte[] BadBytes = { 1, 2, 3 };

  static long RssBytes() {
    string[] statm = File.ReadAllText("/proc/self/statm").Trim().Split(' ');
    return long.Parse(statm[1]) * 4096;
  }

  // One cycle: sets built every way, enumerated fully, partly and past a
  // change, every error path taken; the sets of odd cycles and the partial
  // enumerator are left to the finalizer.
  static void Cycle(int i) {
    var set = new HashSet(new long[] { i, i + 1, i + 2, i + 3 });
    set.InsertMany(new long[] { -i, i % 64, i % 64 });
    long sum = 0;
    foreach (long v in set) sum += v;
    var copy = new HashSet(set);
    copy.UnionWith(set);
    var union = set.Union(new HashSet(new long[] { i + 100 }));
    var restored = HashSet.Deserialize(union.Serialize());
    if (sum == long.MinValue || !copy.SetEquals(set) || !restored.SetEquals(union))
      throw new Exception("cycle " + i);
    restored.GetEnumerator().MoveNext();  // a partial enumeration, never disposed
    using (var stale = copy.GetEnumerator()) {
      stale.MoveNext();
      copy.Add(i + 200);
      Assert.Throws<InvalidOperationException>(() => stale.MoveNext());
    }
    Assert.Throws<ArgumentException>(() => HashSet.Deserialize(BadBytes));
    var empty = new HashSet();
    Assert.Throws<InvalidOperationException>(() => empty.Pop());
    empty.Dispose();
    Assert.Throws<ObjectDisposedException>(() => empty.Pop());
    if (i % 2 == 0) {
      set.Dispose();
      copy.Dispose();
      union.Dispose();
      restored.Dispose();
    }
  }

  static void Settle() {
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    GC.WaitForPendingFinalizers();
  }

  [Test]
  public void CreateFillIterateDestroyKeepsMemoryFlat() {
    // One leaked set per cycle (of six, plus three iterators) would cost about
    // 10 MiB (215 bytes each) even in the short profile.
    const long bound = 8L << 20;
    int warmUp = Long ? 100000 : 10000;
    int cycles = Long ? 1000000 : 50000;
    for (int i = 0; i < warmUp; i++) Cycle(i);
    Settle();
    long before = RssBytes();
    var clock = Stopwatch.StartNew();
    var checkpoints = new List<long>();
    for (int i = 0; i < cycles; i++) {
      Cycle(i);
      if ((i + 1) % (cycles / 5) == 0) checkpoints.Add((RssBytes() - before) / 1024);
    }
    Settle();
    long growth = RssBytes() - before;
    Console.WriteLine("leaks: {0} cycles in {1:F1} s, resident growth {2} KiB (checkpoints, KiB: {3})",
                      cycles, clock.Elapsed.TotalSeconds, growth / 1024, string.Join(" ", checkpoints));
    Assert.Less(growth, bound, "resident memory grew by " + growth / 1024 + " KiB");
  }
}

}  // namespace HashSetLib.Tests

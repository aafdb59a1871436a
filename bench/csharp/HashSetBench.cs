// HashSetLib.HashSet against System.Collections.Generic.HashSet<long> on the
// same random keys, timed with Stopwatch.
//
//   mono HashSetBench.exe [--sizes 100000,1000000] [--rounds 5] [--warmup 2]
//   (LD_LIBRARY_PATH must reach libhashset_csharp.so and libempty_call.so)
//
// Prints one tab-separated line per measurement: n, operation, variant
// (hashset, native or floor), ns per element (the minimum over the rounds).
// Every round times each operation's variants back to back, in an order that
// rotates from round to round; the first --warmup rounds only warm the JIT up.

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ours = HashSetLib.HashSet;
using Theirs = System.Collections.Generic.HashSet<long>;

static class HashSetBench {
  // The floor: an empty P/Invoke with the arguments SWIG passes to HashSet.Add.
  [DllImport("empty_call", EntryPoint = "hashset_bench_empty_call")]
  static extern bool EmptyCall(HandleRef pointer, long value);

  // The floor with the binding's guard: the empty call in a synchronized
  // method reading the pointer through a property, as HashSet.Add does.
  sealed class Guarded {
    readonly HandleRef pointer;

    public Guarded(int pointer) { this.pointer = new HandleRef(this, new IntPtr(pointer)); }

    HandleRef Pointer { get { return pointer; } }

    [MethodImpl(MethodImplOptions.Synchronized)]
    public bool EmptyCall(long value) { return HashSetBench.EmptyCall(Pointer, value); }
  }

  // Results flow here so that the JIT cannot drop the timed work.
  static long sink;

  // Distinct random keys; hits are the keys shuffled, misses are other random keys.
  sealed class Data {
    public readonly long[] Keys, Hits, Misses;

    public Data(int n, int seed) {
      var random = new Random(seed);
      var seen = new Theirs();
      var distinct = new long[2 * n];
      var bytes = new byte[8];
      for (int i = 0; i < distinct.Length; ) {
        random.NextBytes(bytes);
        long key = BitConverter.ToInt64(bytes, 0);
        if (seen.Add(key)) distinct[i++] = key;
      }
      Keys = distinct.Take(n).ToArray();
      Misses = distinct.Skip(n).ToArray();
      Hits = (long[])Keys.Clone();
      for (int i = Hits.Length - 1; i > 0; --i) {
        int j = random.Next(i + 1);
        long swap = Hits[i];
        Hits[i] = Hits[j];
        Hits[j] = swap;
      }
    }
  }

  static long Time(Action body) {
    var watch = Stopwatch.StartNew();
    body();
    return (long)(watch.ElapsedTicks * (1e9 / Stopwatch.Frequency));
  }

  sealed class Operation {
    public readonly string Name;
    public readonly List<KeyValuePair<string, Func<long>>> Variants = new List<KeyValuePair<string, Func<long>>>();

    public Operation(string name) { Name = name; }

    public Operation Add(string variant, Func<long> timedRun) {
      Variants.Add(new KeyValuePair<string, Func<long>>(variant, timedRun));
      return this;
    }
  }

  static Operation Compare(string name, Func<long> hashset, Func<long> native) {
    return new Operation(name).Add("hashset", hashset).Add("native", native);
  }

  static Operation CompareContains(string name, Ours ours, Theirs theirs, long[] queries) {
    return Compare(name,
      () => Time(() => {
        long found = 0;
        foreach (long query in queries) if (ours.Contains(query)) ++found;
        sink += found;
      }),
      () => Time(() => {
        long found = 0;
        foreach (long query in queries) if (theirs.Contains(query)) ++found;
        sink += found;
      }));
  }

  static List<Operation> Operations(Data data, Ours ours, Theirs theirs) {
    long[] keys = data.Keys;
    int n = keys.Length;
    return new List<Operation> {
      Compare("insert",
        () => {
          using (var set = new Ours()) {
            return Time(() => { foreach (long key in keys) set.Add(key); });
          }
        },
        () => Time(() => {
          var set = new Theirs();
          foreach (long key in keys) set.Add(key);
          sink += set.Count;
        })),
      CompareContains("contains_hit", ours, theirs, data.Hits),
      CompareContains("contains_miss", ours, theirs, data.Misses),
      Compare("size",
        () => Time(() => {
          long total = 0;
          for (int i = 0; i < n; ++i) total += ours.Count;
          sink += total;
        }),
        () => Time(() => {
          long total = 0;
          for (int i = 0; i < n; ++i) total += theirs.Count;
          sink += total;
        })),
      Compare("iterate",
        () => Time(() => {
          long total = 0;
          foreach (long value in ours) total += value;
          sink += total;
        }),
        () => Time(() => {
          long total = 0;
          foreach (long value in theirs) total += value;
          sink += total;
        })),
      Compare("collect",
        () => Time(() => sink += ours.Collect().Length),
        () => Time(() => {
          var values = new long[theirs.Count];
          theirs.CopyTo(values);
          sink += values.Length;
        })),
      Compare("insert_many",
        () => {
          using (var set = new Ours()) {
            return Time(() => sink += set.InsertMany(keys));
          }
        },
        // The framework's bulk route: the constructor from a sequence.
        () => Time(() => sink += new Theirs(keys).Count)),
      Compare("contains_many",
        () => Time(() => sink += ours.ContainsMany(data.Hits).Length),
        () => Time(() => {
          var found = new bool[n];
          long[] hits = data.Hits;
          for (int i = 0; i < n; ++i) found[i] = theirs.Contains(hits[i]);
          sink += found.Length;
        })),
      new Operation("empty_call").Add("floor", () => Time(() => {
        var pointer = new HandleRef(ours, new IntPtr(n));
        long total = 0;
        foreach (long key in keys) if (EmptyCall(pointer, key)) ++total;
        sink += total;
      })),
      new Operation("guarded_empty_call").Add("floor", () => Time(() => {
        var guarded = new Guarded(n);
        long total = 0;
        foreach (long key in keys) if (guarded.EmptyCall(key)) ++total;
        sink += total;
      })),
    };
  }

  static int Main(string[] args) {
    int[] sizes = { 100000, 1000000 };
    int rounds = 5, warmup = 2;
    for (int i = 0; i + 1 < args.Length; i += 2) {
      switch (args[i]) {
        case "--sizes": sizes = args[i + 1].Split(',').Select(int.Parse).ToArray(); break;
        case "--rounds": rounds = int.Parse(args[i + 1]); break;
        case "--warmup": warmup = int.Parse(args[i + 1]); break;
        default: Console.Error.WriteLine("unknown option " + args[i]); return 2;
      }
    }

    foreach (int n in sizes) {
      var data = new Data(n, 20241124 + n);
      using (var ours = new Ours()) {
        ours.InsertMany(data.Keys);
        var theirs = new Theirs(data.Keys);
        List<Operation> operations = Operations(data, ours, theirs);
        var best = new Dictionary<string, double>();
        for (int round = 0; round < warmup + rounds; ++round) {
          foreach (Operation operation in operations) {
            int count = operation.Variants.Count;
            for (int k = 0; k < count; ++k) {
              var variant = operation.Variants[(k + round) % count];
              // A clean heap for each variant: the garbage of the previous one is not billed to it.
              GC.Collect();
              GC.WaitForPendingFinalizers();
              double nsPerElement = (double)variant.Value() / n;
              string key = operation.Name + "\t" + variant.Key;
              double previous;
              if (round >= warmup && (!best.TryGetValue(key, out previous) || nsPerElement < previous)) {
                best[key] = nsPerElement;
              }
            }
          }
        }
        foreach (Operation operation in operations) {
          foreach (var variant in operation.Variants) {
            string key = operation.Name + "\t" + variant.Key;
            Console.WriteLine("{0}\t{1}\t{2:F3}", n, key, best[key]);
          }
        }
      }
    }
    Console.Error.WriteLine("checksum " + sink);
    return 0;
  }
}

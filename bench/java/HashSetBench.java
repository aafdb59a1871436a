// io.hashset.HashSet against java.util.HashSet<Long> on the same random keys.
//
//   java -cp hashset.jar:<classes> -Dhashset.bench.floor=<libempty_call.so> HashSetBench \
//       [--sizes 100000,1000000] [--rounds 5] [--warmup 2]
//
// Prints one tab-separated line per measurement: n, operation, variant
// (hashset, native or floor), ns per element (the minimum over the rounds).
// Every round times each operation's variants back to back, in an order that
// rotates from round to round; the first --warmup rounds only warm the JIT up.

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

public final class HashSetBench {
  static {
    System.load(System.getProperty("hashset.bench.floor"));
  }

  /** The floor: an empty JNI call with the arguments of HashSet.add (pointer, owner, value). */
  private static native boolean emptyCall(long pointer, Object owner, long value);

  /** The floor with the binding's guard: the empty call under the object's monitor, as HashSet.add. */
  private static final class Guarded {
    synchronized boolean emptyCall(long pointer, long value) {
      return HashSetBench.emptyCall(pointer, this, value);
    }
  }

  /** Results flow here so that the JIT cannot drop the timed work. */
  private static long sink;

  /** Distinct random keys; hits are the keys shuffled, misses are other random keys. */
  private static final class Data {
    final long[] keys;
    final long[] hits;
    final long[] misses;

    Data(int n, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      java.util.HashSet<Long> seen = new java.util.HashSet<>();
      long[] distinct = new long[2 * n];
      for (int i = 0; i < distinct.length; ) {
        long key = random.nextLong();
        if (seen.add(key)) {
          distinct[i++] = key;
        }
      }
      keys = Arrays.copyOfRange(distinct, 0, n);
      misses = Arrays.copyOfRange(distinct, n, 2 * n);
      hits = keys.clone();
      for (int i = hits.length - 1; i > 0; --i) {
        int j = random.nextInt(i + 1);
        long swap = hits[i];
        hits[i] = hits[j];
        hits[j] = swap;
      }
    }
  }

  /** The elapsed nanoseconds of body. */
  private static long time(Runnable body) {
    long start = System.nanoTime();
    body.run();
    return System.nanoTime() - start;
  }

  /** The operations of one size, each a map from variant name to a timed run. */
  private static Map<String, Map<String, LongSupplier>> operations(Data data) {
    long[] keys = data.keys;
    int n = keys.length;
    io.hashset.HashSet ours = io.hashset.HashSet.of(keys);
    java.util.HashSet<Long> theirs = new java.util.HashSet<>();
    for (long key : keys) {
      theirs.add(key);
    }

    Map<String, Map<String, LongSupplier>> operations = new LinkedHashMap<>();
    operations.put("insert", variants(
        () -> {
          io.hashset.HashSet set = new io.hashset.HashSet();
          long elapsed = time(() -> {
            for (long key : keys) {
              set.add(key);
            }
          });
          set.close();
          return elapsed;
        },
        () -> time(() -> {
          java.util.HashSet<Long> set = new java.util.HashSet<>();
          for (long key : keys) {
            set.add(key);
          }
          sink += set.size();
        })));
    operations.put("contains_hit", containsVariants(ours, theirs, data.hits));
    operations.put("contains_miss", containsVariants(ours, theirs, data.misses));
    operations.put("size", variants(
        () -> time(() -> {
          long total = 0;
          for (int i = 0; i < n; ++i) {
            total += ours.size();
          }
          sink += total;
        }),
        () -> time(() -> {
          long total = 0;
          for (int i = 0; i < n; ++i) {
            total += theirs.size();
          }
          sink += total;
        })));
    operations.put("iterate", variants(
        () -> time(() -> {
          long total = 0;
          for (PrimitiveIterator.OfLong it = ours.iterator(); it.hasNext(); ) {
            total += it.nextLong();
          }
          sink += total;
        }),
        () -> time(() -> {
          long total = 0;
          for (long value : theirs) {
            total += value;
          }
          sink += total;
        })));
    operations.put("collect", variants(
        () -> time(() -> sink += ours.collect().length),
        () -> time(() -> {
          // A long[] of the elements, as collect() returns.
          long[] values = new long[theirs.size()];
          int i = 0;
          for (long value : theirs) {
            values[i++] = value;
          }
          sink += values.length;
        })));
    operations.put("insert_many", variants(
        () -> {
          io.hashset.HashSet set = new io.hashset.HashSet();
          long elapsed = time(() -> sink += set.insertMany(keys));
          set.close();
          return elapsed;
        },
        // Java has no bulk insert from a long[]: a loop into a set sized for
        // the keys, its best case.
        () -> time(() -> {
          java.util.HashSet<Long> set = new java.util.HashSet<>((int) (n / 0.75f) + 1);
          for (long key : keys) {
            set.add(key);
          }
          sink += set.size();
        })));
    operations.put("contains_many", variants(
        () -> time(() -> sink += ours.containsMany(data.hits).length),
        () -> time(() -> {
          boolean[] found = new boolean[n];
          long[] hits = data.hits;
          for (int i = 0; i < n; ++i) {
            found[i] = theirs.contains(hits[i]);
          }
          sink += found.length;
        })));
    operations.put("empty_call", Map.of("floor", () -> time(() -> {
      long total = 0;
      for (long key : keys) {
        total += emptyCall(n, ours, key) ? 1 : 0;
      }
      sink += total;
    })));
    Guarded guarded = new Guarded();
    operations.put("guarded_empty_call", Map.of("floor", () -> time(() -> {
      long total = 0;
      for (long key : keys) {
        total += guarded.emptyCall(n, key) ? 1 : 0;
      }
      sink += total;
    })));
    return operations;
  }

  private static Map<String, LongSupplier> variants(LongSupplier hashset, LongSupplier nativeSet) {
    Map<String, LongSupplier> variants = new LinkedHashMap<>();
    variants.put("hashset", hashset);
    variants.put("native", nativeSet);
    return variants;
  }

  private static Map<String, LongSupplier> containsVariants(
      io.hashset.HashSet ours, java.util.HashSet<Long> theirs, long[] queries) {
    return variants(
        () -> time(() -> {
          long found = 0;
          for (long query : queries) {
            found += ours.contains(query) ? 1 : 0;
          }
          sink += found;
        }),
        () -> time(() -> {
          long found = 0;
          for (long query : queries) {
            found += theirs.contains(query) ? 1 : 0;
          }
          sink += found;
        }));
  }

  public static void main(String[] args) {
    int[] sizes = {100_000, 1_000_000};
    int rounds = 5;
    int warmup = 2;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--sizes":
          sizes = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
          break;
        case "--rounds":
          rounds = Integer.parseInt(args[i + 1]);
          break;
        case "--warmup":
          warmup = Integer.parseInt(args[i + 1]);
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }

    for (int n : sizes) {
      Data data = new Data(n, 20241124L + n);
      Map<String, Map<String, LongSupplier>> operations = operations(data);
      Map<String, Double> best = new LinkedHashMap<>();
      for (int round = 0; round < warmup + rounds; ++round) {
        for (Map.Entry<String, Map<String, LongSupplier>> operation : operations.entrySet()) {
          List<Map.Entry<String, LongSupplier>> order = new ArrayList<>(operation.getValue().entrySet());
          java.util.Collections.rotate(order, round);
          for (Map.Entry<String, LongSupplier> variant : order) {
            // A clean heap for each variant: the garbage of the previous one is not billed to it.
            System.gc();
            double nsPerElement = (double) variant.getValue().getAsLong() / n;
            if (round >= warmup) {
              best.merge(operation.getKey() + "\t" + variant.getKey(), nsPerElement, Math::min);
            }
          }
        }
      }
      for (Map.Entry<String, Map<String, LongSupplier>> operation : operations.entrySet()) {
        for (String variant : operation.getValue().keySet()) {
          String key = operation.getKey() + "\t" + variant;
          System.out.printf("%d\t%s\t%.3f%n", n, key, best.get(key));
        }
      }
    }
    System.err.println("checksum " + sink);
  }
}

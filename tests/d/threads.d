/**
 * Threads (docs/threads.md): every method holds the set's monitor, two-set
 * methods hold both in a global order, so core.thread threads may share a
 * set; an iteration that another thread disturbs throws
 * ConcurrentModificationException. 8 threads share one set, each checked
 * against its own model; the final contents must be exact.
 * HASHSET_LONG=1 selects the long profile (8 x 100,000 operations).
 */
module threads;

import core.atomic : atomicLoad, atomicStore;
import core.memory : GC;
import core.thread : Thread;
import core.sync.event : Event;
import core.time : seconds;
import core.stdc.stdlib : exit;
import std.algorithm : sort;
import std.array : array;
import std.datetime.stopwatch : StopWatch;
import std.exception : assertThrown, enforce;
import std.process : environment;
import std.random : Random, uniform;
import std.stdio : stderr, writefln;

import hashset;
static import hashset.hashset_im;  // to unbind its thread-local functions in one thread

immutable bool longProfile;
immutable int ops;
enum threadCount = 8;
enum long span = 1L << 40; // thread t owns keys [t * span, t * span + 4096)

shared static this() {
  longProfile = environment.get("HASHSET_LONG") == "1";
  ops = longProfile ? 100_000 : 2_000;
}

/// Runs body(t) in `count` threads; a thread's exception is thrown again here,
/// and a thread still running at the deadline ends the process (a deadlock).
void inThreads(int count, void delegate(int) body) {
  auto failures = new Throwable[count];
  Thread[] threads;
  foreach (t; 0 .. count) {
    threads ~= new Thread(((int t) => () {
      try body(t);
      catch (Throwable e) failures[t] = e;
    })(t)).start();
  }
  auto done = Event(true, false);
  auto watchdog = new Thread(() {
    if (done.wait((longProfile ? 1200 : 120).seconds)) return;
    stderr.writeln("deadlock: a thread did not finish");
    exit(3);
  }).start();
  foreach (thread; threads) thread.join();
  done.set();
  watchdog.join();
  foreach (failure; failures) if (failure !is null) throw failure;
}

unittest {
  // Mixed operations on one shared set keep exact contents.
  auto shared_ = new HashSet();
  auto models = new bool[long][threadCount];
  auto completed = new int[threadCount], interrupted = new int[threadCount];
  StopWatch watch;
  watch.start();
  inThreads(threadCount, (int t) {
    auto random = Random(1000 + t);
    auto model = &models[t];
    immutable base = t * span;
    long key() { return base + uniform(0, 4096, random); }
    foreach (i; 0 .. ops) {
      if (uniform(0, 4, random) == 0) Thread.yield();
      immutable k = key();
      switch (uniform(0, 12, random)) {
      case 0: .. case 2:
        enforce(shared_.insert(k) == !(k in *model), "insert");
        (*model)[k] = true;
        break;
      case 3, 4:
        enforce(shared_.remove(k) == ((k in *model) !is null), "remove");
        (*model).remove(k);
        break;
      case 5:
        enforce(shared_.contains(k) == ((k in *model) !is null), "contains");
        break;
      case 6, 7:
        long[] keys;
        foreach (_; 0 .. 1 + uniform(0, 16, random)) keys ~= key();
        bool[long] distinct;
        foreach (x; keys) distinct[x] = true;
        size_t expected;
        if (i % 2 == 0) {
          foreach (x; distinct.byKey) if (!(x in *model)) ++expected;
          enforce(shared_.insertMany(keys) == expected, "insertMany");
          foreach (x; keys) (*model)[x] = true;
        } else {
          foreach (x; distinct.byKey) if (x in *model) ++expected;
          enforce(shared_.removeMany(keys) == expected, "removeMany");
          foreach (x; keys) (*model).remove(x);
        }
        break;
      case 8: // two-set calls with a private set, and a bad value that changes nothing
        auto mine = new HashSet([k, k + 1]);
        shared_.update(mine);
        (*model)[k] = true;
        (*model)[k + 1] = true;
        enforce(mine.isSubset(shared_) && shared_.isSuperset(mine), "own keys missing");
        mine.close();
        immutable fresh = key();
        if (!(fresh in *model)) {
          assertThrown(shared_.insertMany([cast(ulong) fresh, ulong.max]));
          enforce(!shared_.contains(fresh), "a refused bulk call changed the set");
        }
        break;
      case 9:
        shared_.contains(uniform(0, threadCount, random) * span + uniform(0, 4096, random));
        enforce(shared_.length >= (*model).length, "size below the model");
        break;
      case 10:
        if (uniform(0, 8, random) == 0) {
          bool[long] snapshot;
          foreach (x; shared_.collect()) snapshot[x] = true;
          foreach (x; (*model).byKey) enforce(x in snapshot, "snapshot misses own keys");
        }
        break;
      default:
        if (uniform(0, 8, random) != 0) break;
        // Half the iterations let other threads run once, mid-way.
        immutable yieldAt = uniform(0, 2, random) == 0 ? cast(long) uniform(0, shared_.length + 1, random) : -1;
        long step;
        try {
          foreach (value; shared_) {
            if (step++ == yieldAt) Thread.yield();
          }
          ++completed[t];
        } catch (ConcurrentModificationException) {
          ++interrupted[t];
        }
      }
    }
  });
  bool[long] expected;
  foreach (model; models) foreach (x; model.byKey) expected[x] = true;
  assert(shared_.length == expected.length);
  assert(shared_.collect().sort.array == expected.keys.sort.array);
  int done, stopped;
  foreach (t; 0 .. threadCount) { done += completed[t]; stopped += interrupted[t]; }
  writefln("threads: %d x %d ops in %.1f s; iterations completed %d, interrupted by ConcurrentModificationException %d",
      threadCount, ops, watch.peek.total!"msecs" / 1000.0, done, stopped);
}

unittest {
  // An iteration while another thread mutates throws.
  auto set = new HashSet([1L, 2, 3]);
  auto range = set[];
  inThreads(1, (int) { set.insert(4); });
  assertThrown!ConcurrentModificationException(range.popFront());

  auto busy = new HashSet();
  foreach (long i; 0 .. 1000) busy.insert(i);
  shared bool stop;
  int failures;
  inThreads(2, (int t) {
    if (t == 0) {
      for (long i = 1000; !atomicLoad(stop); ++i) {
        busy.insert(i);
        busy.remove(i - 1000);
      }
    } else {
      // Rounds until 5 iterations were interrupted, for at most 20 s: on a
      // loaded machine the writer may start late or sit descheduled for
      // whole time slices, longer than a fixed number of rounds takes.
      StopWatch watch;
      watch.start();
      while (failures < 5 && watch.peek < 20.seconds) {
        try {
          foreach (value; busy) {}
        } catch (ConcurrentModificationException) {
          ++failures;
        }
      }
      atomicStore(stop, true);
    }
  });
  assert(failures > 0, "an iteration under a busy writer must throw");
}

unittest {
  // The GC runs finalizers on whichever thread collects, also inside a new
  // thread's static constructor before SWIG bound that thread's (thread-local)
  // C functions: a thread with them unbound collects sets and iterators that
  // nothing references, without crashing.
  static void dropSets() {
    foreach (_; 0 .. 1000) {
      auto set = new HashSet([1L, 2, 3]);
      auto range = set[];
    }
  }
  dropSets();
  inThreads(1, (int) {
    hashset.hashset_im.delete_HashSet = null;
    hashset.hashset_im.delete_HashSetIterator = null;
    GC.collect();
  });
}

unittest {
  // Crossed two-set calls do not deadlock.
  auto a = new HashSet(), b = new HashSet();
  foreach (long i; 0 .. 100) { a.insert(i); b.insert(1000 + i); }
  immutable rounds = longProfile ? 100_000 : 5_000;
  inThreads(2, (int t) {
    foreach (_; 0 .. rounds) {
      if (t == 0) a.update(b); else b.update(a);
      if (t == 0) a.isSubset(b); else b.isSuperset(a);
    }
  });
  assert(a.length == 200 && a == b);
}

unittest {
  // close() racing with calls in other threads never crashes.
  foreach (_; 0 .. (longProfile ? 2000 : 20)) {
    auto set = new HashSet([1L, 2, 3, 4, 5]);
    auto other = new HashSet([9L]);
    inThreads(4, (int t) {
      auto random = Random(t);
      if (t == 0) {
        while (uniform(0, 8, random) != 0) Thread.yield();
        set.close();
        set.close();
        return;
      }
      foreach (long i; 0 .. 200) {
        if (uniform(0, 4, random) == 0) Thread.yield();
        try {
          switch (uniform(0, 6, random)) {
          case 0: set.insert(i); break;
          case 1: set.contains(i); break;
          case 2: set.collect(); break;
          case 3: set.update(other); break;
          case 4: other.update(set); break;
          default: foreach (value; set) Thread.yield();
          }
        } catch (ClosedSetException) {
          // closed by thread 0: the contract
        } catch (ConcurrentModificationException) {
          // changed by another thread: the contract
        }
      }
    });
    assert(set.closed);
    assertThrown!ClosedSetException(set.insert(1));
    other.close();
  }
}

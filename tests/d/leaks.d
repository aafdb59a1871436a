/**
 * Leaks over time (docs/reliability.md): many create/fill/iterate/destroy
 * cycles, half the sets closed and half left to the garbage collector, with
 * the error paths taken; resident memory must stay flat.
 * HASHSET_LONG=1 selects the long profile.
 */
module leaks;

import core.memory : GC;
import std.algorithm : splitter;
import std.conv : ConvOverflowException, to;
import std.datetime.stopwatch : StopWatch;
import std.exception : assertThrown, enforce;
import std.file : readText;
import std.process : environment;
import std.stdio : writefln;

import hashset;

long residentBytes() {
  auto fields = readText("/proc/self/statm").splitter;
  fields.popFront();
  return fields.front.to!long * 4096;
}

/// One cycle: sets built every way, iterated fully, partly and past a change,
/// every error path taken; the sets of odd cycles and the partial range are
/// left to the GC.
void cycle(long i) {
  static immutable ubyte[] badBytes = [1, 2, 3];
  auto set = new HashSet([i, i + 1, i + 2, i + 3]);
  set.insertMany([-i, i % 64, i % 64]);
  size_t visited;
  foreach (value; set) visited++;
  auto copy = set.dup;
  copy.update(set);
  auto union_ = set | new HashSet([i + 100]);
  auto restored = HashSet.deserialize(union_.serialize());
  enforce(copy == set && restored == union_ && visited == set.length, "cycle " ~ i.to!string);
  cast(void) restored[];  // a partial iteration, never finished
  auto stale = copy[];
  copy.insert(i + 200);
  assertThrown!ConcurrentModificationException(stale.popFront());
  assertThrown!ConvOverflowException(set.insert(ulong.max));
  assertThrown!SerializationException(HashSet.deserialize(badBytes));
  auto empty = new HashSet();
  assertThrown!EmptySetException(empty.pop());
  empty.close();
  assertThrown!ClosedSetException(empty.pop());
  if (i % 2 == 0) {
    foreach (each; [set, copy, union_, restored]) each.close();
  }
}

unittest {
  immutable long_ = environment.get("HASHSET_LONG") == "1";
  // One leaked set per cycle (of six) would cost about 10 MiB even in the
  // short profile.
  enum long bound = 8 << 20;
  immutable warmUp = long_ ? 100_000 : 10_000;
  immutable cycles = long_ ? 1_000_000 : 50_000;
  foreach (i; 0 .. warmUp) cycle(i);
  GC.collect();
  immutable before = residentBytes();
  auto timer = StopWatch();
  timer.start();
  long[] checkpoints;
  foreach (i; 0 .. cycles) {
    cycle(i);
    if ((i + 1) % (cycles / 5) == 0) checkpoints ~= (residentBytes() - before) / 1024;
  }
  GC.collect();
  immutable growth = residentBytes() - before;
  writefln("leaks: %d cycles in %.1f s, resident growth %d KiB (checkpoints, KiB: %(%d %))",
           cycles, timer.peek.total!"msecs" / 1000.0, growth / 1024, checkpoints);
  assert(growth < bound, "resident memory grew by " ~ (growth / 1024).to!string ~ " KiB");
}

/**
 * The D protocol of HashSet beyond the spec, checked against D's own set,
 * an associative array `bool[long]`, as the oracle.
 */
module idioms;

import core.memory : GC;
import std.algorithm : filter, joiner, map, sort, sum;
import std.array : array;
import std.bigint : BigInt;
import std.conv : ConvOverflowException;
import std.exception : assertThrown, assertNotThrown;
import std.random : Mt19937, uniform;
import std.range : iota, isInputRange;

import hashset;

// Runs every unittest block of this module (even after one fails), prints
// the counts, and makes the binary exit non-zero when any failed.
shared static this() {
  import core.runtime : Runtime, UnitTestResult;
  import std.stdio : writefln;
  Runtime.extendedModuleUnitTester = function UnitTestResult() {
    import std.process : environment;
    if (environment.get(exitChildVariable) == "1") {
      leaveLiveSets();
      return UnitTestResult(0, 0, true, false); // on to main() and a normal exit
    }
    size_t executed, passed;
    static foreach (test; __traits(getUnitTests, idioms)) {
      executed++;
      try {
        test();
        passed++;
      } catch (Throwable failure) {
        writefln("FAIL %s", failure);
      }
    }
    writefln("idioms: %s of %s unittest blocks passed", passed, executed);
    return UnitTestResult(executed, passed, false, false);
  };
}

private long[] sorted(long[] values) {
  auto copy = values.dup;
  copy.sort();
  return copy;
}

private long[] keysOf(bool[long] oracle) {
  return sorted(oracle.keys);
}

// The set holds exactly the oracle's keys, by every way of reading it.
private void assertSame(HashSet s, bool[long] oracle) {
  assert(s.length == oracle.length);
  assert(s.empty == (oracle.length == 0));
  assert(sorted(s.collect()) == keysOf(oracle));
  assert(sorted(s[].array) == keysOf(oracle));
  long[] viaForeach;
  foreach (value; s) viaForeach ~= value;
  assert(sorted(viaForeach) == keysOf(oracle));
  foreach (key; oracle.byKey) assert(key in s);
}

// Exact 64-bit values round-trip through every call.
unittest {
  immutable long[] edges = [long.min, long.max, -1, 0, 1, (1L << 53) - 1, 1L << 53, (1L << 53) + 1,
                            -(1L << 53) - 1, long.min + 1, long.max - 1];
  auto s = new HashSet(edges);
  bool[long] oracle;
  foreach (v; edges) oracle[v] = true;
  assertSame(s, oracle);
  auto t = HashSet.deserialize(s.serialize());
  assert(t == s);
  foreach (v; edges) assert(t.remove(v));
  assert(t.empty);
  auto one = new HashSet([long.min]);
  assert(one.pop() == long.min);
}

// Random operations agree with bool[long].
unittest {
  auto rng = Mt19937(20261124);
  auto s = new HashSet;
  auto other = new HashSet;
  bool[long] oracle;
  bool[long] otherOracle;
  foreach (step; 0 .. 3000) {
    const long value = uniform(-40L, 40L, rng) * (step % 7 == 0 ? long.max / 40 : 1);
    switch (uniform(0, 9, rng)) {
      case 0, 1, 2:
        assert(s.insert(value) == !(value in oracle));
        oracle[value] = true;
        break;
      case 3:
        assert(s.remove(value) == oracle.remove(value));
        break;
      case 4:
        assert((value in s) == ((value in oracle) !is null));
        break;
      case 5: {
        long[] batch = [value, value + 1, value, -value];
        size_t added;
        foreach (v; batch) if (!(v in oracle)) { oracle[v] = true; added++; }
        assert(s.insertMany(batch) == added);
        break;
      }
      case 6:
        if (oracle.length > 0) {
          const popped = s.pop();
          assert(oracle.remove(popped));
        } else {
          assertThrown!EmptySetException(s.pop());
        }
        break;
      case 7:
        other.insert(value);
        otherOracle[value] = true;
        break;
      default: {
        bool[long] union_ = oracle.dup;
        foreach (k; otherOracle.byKey) union_[k] = true;
        assert(sorted((s | other).collect()) == keysOf(union_));
        bool[long] common;
        foreach (k; oracle.byKey) if (k in otherOracle) common[k] = true;
        assert(sorted((s & other).collect()) == keysOf(common));
        bool[long] minus;
        foreach (k; oracle.byKey) if (!(k in otherOracle)) minus[k] = true;
        assert(sorted((s - other).collect()) == keysOf(minus));
        bool[long] either = minus.dup;
        foreach (k; otherOracle.byKey) if (!(k in oracle)) either[k] = true;
        assert(sorted((s ^ other).collect()) == keysOf(either));
        assert(s.isDisjoint(other) == (common.length == 0));
        assert(s.isSubset(other) == (minus.length == 0));
        break;
      }
    }
    if (step % 100 == 0) assertSame(s, oracle);
  }
  assertSame(s, oracle);
}

// ulong and BigInt are range-checked; out-of-range values change nothing.
unittest {
  auto s = new HashSet([1, 2]);
  assertThrown!ConvOverflowException(s.insert(ulong.max));
  assertThrown!ConvOverflowException(s.insert(cast(ulong) long.max + 1));
  assertThrown!ConvOverflowException(s.insert(BigInt("-9223372036854775809")));
  assertThrown!ConvOverflowException(s.remove(BigInt("9223372036854775808")));
  assertThrown!ConvOverflowException(s.insertMany([3UL, 4UL, ulong.max]));
  assertThrown!ConvOverflowException(s.removeMany([BigInt(1), BigInt("-99999999999999999999")]));
  assertThrown!ConvOverflowException(new HashSet([0UL, ulong.max]));
  assert(sorted(s.collect()) == [1, 2]);
  // In range they are exact.
  assert(s.insert(cast(ulong) long.max));
  assert(s.insert(BigInt("-9223372036854775808")));
  assert(s.contains(long.min) && long.max in s);
  assert(s.insertMany(iota(10UL, 13UL)) == 3);
  assert(s.removeMany([BigInt(10), BigInt(11)]) == 2);
  // A value outside the long range is never an element (not -1 by wrapping).
  s.insert(-1);
  assert(!(ulong.max in s) && !s.contains(ulong.max));
  assert(!(BigInt("18446744073709551615") in s));
  // Smaller integer types and ranges of them just work.
  assert(s.insert(cast(ubyte) 200) && cast(int) 200 in s);
  assert(new HashSet(iota(0, 5)).length == 5);
}

// Non-integers cannot reach a HashSet: D rejects them at compile time.
unittest {
  auto s = new HashSet;
  static assert(!__traits(compiles, s.insert(1.5)));
  static assert(!__traits(compiles, s.insert("abc")));
  static assert(!__traits(compiles, s.insert(null)));
  static assert(!__traits(compiles, s.remove(2.5)));
  static assert(!__traits(compiles, 1.5 in s));
  static assert(!__traits(compiles, s.insertMany([0.5, 1.0])));
  static assert(!__traits(compiles, s.insertMany(["a"])));
  static assert(__traits(compiles, s.insert(1L)));
}

// Bulk calls and results are native arrays owned by the caller.
unittest {
  auto s = new HashSet;
  assert(s.insertMany(null) == 0);
  assert(s.insertMany([5L, 6, 7, 5]) == 3);
  long[] values = s.collect();
  values[0] = 99;
  values ~= 100;
  assert(!(99 in s) && !(100 in s) && s.length == 3);
  ubyte[] bytes = s.serialize();
  static assert(is(typeof(bytes) == ubyte[]));
  assert(HashSet.deserialize(bytes) == s);
  assertThrown!SerializationException(HashSet.deserialize(bytes[0 .. $ - 1]));
  assertThrown!SerializationException(HashSet.deserialize(null));
  static assert(is(typeof(s.length()) == size_t));
  static assert(is(typeof(s.collect()) == long[]));
}

// Ranges and foreach: Phobos algorithms work, and a change is detected.
unittest {
  static assert(isInputRange!(typeof(HashSet.init[])));
  auto s = new HashSet(iota(1, 11));
  assert(s[].sum == 55);
  assert(sorted(s[].filter!(x => x % 2 == 0).array) == [2, 4, 6, 8, 10]);
  size_t seen;
  foreach (value; s) {
    if (++seen == 3) break;
  }
  assert(seen == 3);

  // foreach whose body inserts: the next step throws, the insert stays.
  assertThrown!ConcurrentModificationException({
    foreach (value; s) s.insert(1000);
  }());
  assert(1000 in s && s.length == 11);
  // Removing an element during a range's iteration, likewise.
  auto range = s[];
  s.remove(range.front);
  assertThrown!ConcurrentModificationException(range.popFront());
  // A change that does not alter the contents is not a change.
  auto quiet = s[];
  s.insert(quiet.front);
  assertNotThrown(quiet.popFront());
  // Clearing during iteration of the last element is still detected.
  auto single = new HashSet([7]);
  auto last = single[];
  assert(last.front == 7);
  single.clear();
  assertThrown!ConcurrentModificationException(last.popFront());
  // An exhausted range stays empty; its front throws.
  auto done = (new HashSet)[];
  assert(done.empty);
  assertThrown!HashSetException(done.front);
}

// ==, toHash, toString, dup and the set operators.
unittest {
  auto a = new HashSet([1, 2, 3]);
  auto b = a.dup;
  assert(a == b && a !is b && a.toHash == b.toHash);
  b.insert(4);
  assert(a != b && !(4 in a));
  assert(a.toString == "HashSet([1, 2, 3])");
  assert(new HashSet().toString == "HashSet([])");
  assert(a != cast(Object) new Object);
  auto c = new HashSet([3, 4, 5]);
  assert((a | c) == new HashSet([1, 2, 3, 4, 5]));
  assert((a & c) == new HashSet([3]));
  assert((a - c) == new HashSet([1, 2]));
  assert((a ^ c) == new HashSet([1, 2, 4, 5]));
  auto x = a.dup;
  x |= c;
  assert(x == new HashSet([1, 2, 3, 4, 5]));
  x &= a;
  assert(x == a);
  x -= new HashSet([1]);
  assert(x == new HashSet([2, 3]));
  x ^= c;
  assert(x == new HashSet([2, 4, 5]));
  // Usable as a key of an associative array (while it is not changed).
  int[HashSet] counts;
  counts[a] = 1;
  assert(a.dup in counts);
}

// close(): every later use throws ClosedSetException, never crashes.
unittest {
  auto s = new HashSet([1, 2, 3]);
  auto other = new HashSet([1]);
  auto range = s[];
  s.close();
  assert(s.closed);
  s.close();  // idempotent
  s.dispose();
  assertThrown!ClosedSetException(s.insert(1));
  assertThrown!ClosedSetException(1 in s);
  assertThrown!ClosedSetException(s.length);
  assertThrown!ClosedSetException(s.collect());
  assertThrown!ClosedSetException(s.pop());
  assertThrown!ClosedSetException(s.serialize());
  assertThrown!ClosedSetException(s.insertMany([1L]));
  assertThrown!ClosedSetException(s | other);
  assertThrown!ClosedSetException(other | s);
  assertThrown!ClosedSetException(other.update(s));
  assertThrown!ClosedSetException(s.dup);
  assertThrown!ClosedSetException({ foreach (v; s) {} }());
  assertThrown!ClosedSetException(range.popFront());
  assert(s.toString == "HashSet(closed)");
  assert(s == s && s != other && other != s);
  assertThrown!HashSetException(other.update(null));
  // The native set of a closed proxy made by hand is refused too.
  auto raw = new HashSet(null, false);
  assertThrown!ClosedSetException(raw.length);
  // destroy() runs the destructor, which frees the native set (the object
  // is unusable afterwards, as any destroyed D object); a later GC run must
  // not free it twice.
  auto gone = new HashSet([1]);
  destroy(gone);
  GC.collect();
}

// Errors: all are HashSetExceptions; reserve beyond any table throws.
unittest {
  static assert(is(EmptySetException : HashSetException));
  static assert(is(ConcurrentModificationException : HashSetException));
  static assert(is(SerializationException : HashSetException));
  static assert(is(ClosedSetException : HashSetException));
  static assert(is(HashSetException : Exception));
  auto s = new HashSet([1, 2]);
  assertThrown!HashSetException(s.reserve(size_t.max));
  assert(sorted(s.collect()) == [1, 2]);
  s.reserve(1000);
  assert(s.length == 2);
  assertThrown!EmptySetException(new HashSet().pop());
}

// The GC frees sets nobody references (the finaliser deletes the native set).
unittest {
  foreach (round; 0 .. 200) {
    auto s = new HashSet(iota(0L, 1000L));
    auto r = s[];
    assert(r.front >= 0);
  }
  GC.collect();
  GC.minimize();
  // A range keeps its set alive after the last other reference is gone.
  auto range = (new HashSet([5, 6]))[];
  GC.collect();
  assert(sorted(range.array) == [5, 6]);
}

// A range of a set referenced by nothing else, one element taken, a full
// collection, then the rest; foreach also finishes when the loop body drops
// the last variable holding its set.
unittest {
  long[] values = iota(0L, 1000L).map!(i => i * 7919 - 3000).array;
  bool[long] rest;
  foreach (v; values) rest[v] = true;
  auto range = (() => new HashSet(values)[])();
  assert(rest.remove(range.front));
  range.popFront();
  GC.collect();
  long[] seen = range.array;
  assert(seen.length == rest.length, "each remaining element once");
  assert(sorted(seen) == sorted(rest.keys));

  bool[long] restOfLoop;
  foreach (v; values) restOfLoop[v] = true;
  auto s = new HashSet(values);
  long[] looped;
  foreach (v; s) {
    if (s !is null) {
      assert(restOfLoop.remove(v));
      s = null;
      GC.collect();
    } else {
      looped ~= v;
    }
  }
  assert(sorted(looped) == sorted(restOfLoop.keys));
}

// The child of the next test (this program run again with exitChildVariable
// set) leaves live sets, ranges mid-way, a closed set and a cycle, and exits
// through main().
private enum exitChildVariable = "HASHSET_D_EXIT_CHILD";
private __gshared Object[] liveAtExit;
private class Node {
  HashSet set;
  Node next;
}

private void leaveLiveSets() {
  import std.stdio : writeln;
  foreach (i; 0 .. 50) {
    auto s = new HashSet(iota(0L, i * 100L));
    auto range = s[];
    if (!range.empty) range.popFront();
    liveAtExit ~= [cast(Object) s, range];
  }
  auto large = new HashSet(iota(0L, 1_000_000L))[];
  large.popFront();
  liveAtExit ~= large;
  auto closed = new HashSet([1, 2, 3]);
  liveAtExit ~= closed[];
  closed.close();
  auto cycle = new Node;
  cycle.set = new HashSet([7]);
  cycle.next = cycle;
  writeln("live sets left at exit");
}

unittest {
  import std.process : environment, pipeProcess, wait, Redirect;
  import std.file : thisExePath;
  auto env = environment.toAA();
  env[exitChildVariable] = "1";
  // cleanup:finalize: druntime runs the destructor of every object left,
  // reachable or not, in no particular order, as the process ends.
  auto child = pipeProcess([thisExePath, "--DRT-gcopt=cleanup:finalize"],
                           Redirect.stdout | Redirect.stderr, env);
  string output = child.stdout.byChunk(4096).joiner.map!(b => cast(char) b).array.idup;
  string errors = child.stderr.byChunk(4096).joiner.map!(b => cast(char) b).array.idup;
  assert(wait(child.pid) == 0, "the child exits with 0");
  assert(errors == "", errors);
  assert(output == "live sets left at exit\n", output);
}


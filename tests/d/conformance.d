/**
 * Replays tests/conformance/spec.txt (path in $HASHSET_SPEC) against the D
 * binding. `big:N` values are passed as BigInt (ConvOverflowException is
 * D's error for them); `float:`, `str:` and `null` cannot reach a `long`
 * parameter (they do not compile, see idioms.d) and are counted as not
 * applicable.
 */
module conformance;

import std.algorithm : canFind, map, sort, startsWith;
import std.array : array, join, split;
import std.bigint : BigInt;
import std.conv : ConvOverflowException, to;
import std.exception : enforce;
import std.format : format;
import std.process : environment;
import std.stdio : File, writefln;
import std.string : strip;

import hashset;

private class Failure : Exception {
  this(string message) {
    super(message);
  }
}

// One argument token: a long, a BigInt, or a value D cannot express.
private struct Value {
  enum Kind { plain, big, inexpressible }
  Kind kind;
  long plain;
  BigInt big;
}

private Value parseValue(string token) {
  if (token.startsWith("big:")) return Value(Value.Kind.big, 0, BigInt(token["big:".length .. $]));
  if (token.startsWith("float:") || token.startsWith("str:") || token == "null")
    return Value(Value.Kind.inexpressible);
  return Value(Value.Kind.plain, token.to!long);
}

private long[] parseLongs(string[] tokens) {
  return tokens.map!(t => t.to!long).array;
}

private string sortedText(long[] values) {
  auto copy = values.dup;
  copy.sort();
  return format("%s", copy);
}

private ubyte[] parseHex(string token) {
  enforce(token.startsWith("hex:"), "not a hex token: " ~ token);
  auto digits = token["hex:".length .. $];
  ubyte[] bytes;
  for (size_t i = 0; i + 1 < digits.length; i += 2) bytes ~= digits[i .. i + 2].to!ubyte(16);
  return bytes;
}

private string hexText(const(ubyte)[] bytes) {
  string text = "hex:";
  foreach (b; bytes) text ~= format("%02x", b);
  return text;
}

// The exception class that stands for an `error:KIND` of the spec.
private bool isKind(Exception e, string kind) {
  switch (kind) {
    case "range": return cast(ConvOverflowException) e !is null;
    case "empty": return cast(EmptySetException) e !is null;
    case "concurrent": return cast(ConcurrentModificationException) e !is null;
    case "format": return cast(SerializationException) e !is null;
    case "closed": return cast(ClosedSetException) e !is null;
    default: return false;
  }
}

private struct Counts {
  size_t passed, notApplicable;
  string[] failures;
}

private final class Runner {
  HashSet[string] sets;
  Counts counts;

  HashSet set(string name) {
    auto found = name in sets;
    if (found is null) throw new Failure("no set named " ~ name);
    return *found;
  }

  // Runs one statement; returns false when it is not applicable in D.
  bool run(string[] tokens, string expected) {
    const op = tokens[0];
    string[] args = tokens[1 .. $];

    if (op == "new") {
      if (args.length == 1) sets[args[0]] = new HashSet();
      else sets[args[0]] = new HashSet(parseLongs(args[2 .. $ - 1]));
      return true;
    }

    HashSet s = op == "deserialize" ? null : set(args[0]);
    string result;  // the text compared with `expected`, if any
    switch (op) {
      case "insert", "contains", "erase": {
        auto value = parseValue(args[1]);
        if (value.kind == Value.Kind.inexpressible) return false;
        bool r;
        if (value.kind == Value.Kind.plain) {
          r = op == "insert" ? s.insert(value.plain)
            : op == "contains" ? s.contains(value.plain) : s.remove(value.plain);
        } else {
          r = op == "insert" ? s.insert(value.big)
            : op == "contains" ? s.contains(value.big) : s.remove(value.big);
        }
        result = r.to!string;
        break;
      }
      case "insert_many", "erase_many": {
        auto values = args[2 .. $ - 1].map!parseValue.array;
        if (values.canFind!(v => v.kind == Value.Kind.inexpressible)) return false;
        size_t r;
        if (values.canFind!(v => v.kind == Value.Kind.big)) {
          auto bigs = values.map!(v => v.kind == Value.Kind.big ? v.big : BigInt(v.plain)).array;
          r = op == "insert_many" ? s.insertMany(bigs) : s.removeMany(bigs);
        } else {
          auto longs = values.map!(v => v.plain).array;
          r = op == "insert_many" ? s.insertMany(longs) : s.removeMany(longs);
        }
        result = r.to!string;
        break;
      }
      case "size": result = s.length.to!string; break;
      case "empty": result = s.empty.to!string; break;
      case "clear": s.clear(); break;
      case "reserve": s.reserve(args[1].to!size_t); break;
      case "pop": result = s.pop().to!string; break;
      case "collect": result = sortedText(s.collect()); break;
      case "iterate": {
        long[] viaForeach;
        foreach (value; s) viaForeach ~= value;
        long[] viaRange = s[].array;
        if (viaForeach != viaRange) throw new Failure("foreach and s[] disagree");
        result = sortedText(viaForeach);
        break;
      }
      case "iterate_then_insert": {
        auto range = s[];
        cast(void) range.front;
        s.insert(args[1].to!long);
        range.popFront();
        cast(void) range.front;
        break;
      }
      case "iterate_then_close": {
        auto range = s[];
        cast(void) range.front;
        s.close();
        range.popFront();
        cast(void) range.front;
        break;
      }
      case "close": s.close(); break;
      case "copy": sets[args[1]] = s.dup; break;
      case "equals": result = s.equals(set(args[1])).to!string; break;
      case "is_subset": result = s.isSubset(set(args[1])).to!string; break;
      case "is_superset": result = s.isSuperset(set(args[1])).to!string; break;
      case "is_disjoint": result = s.isDisjoint(set(args[1])).to!string; break;
      case "union": result = sortedText(s.unionWith(set(args[1])).collect()); break;
      case "intersection": result = sortedText(s.intersectionWith(set(args[1])).collect()); break;
      case "difference": result = sortedText(s.differenceWith(set(args[1])).collect()); break;
      case "symmetric_difference": result = sortedText(s.symmetricDifferenceWith(set(args[1])).collect()); break;
      case "update": s.update(set(args[1])); break;
      case "intersection_update": s.intersectionUpdate(set(args[1])); break;
      case "difference_update": s.differenceUpdate(set(args[1])); break;
      case "symmetric_difference_update": s.symmetricDifferenceUpdate(set(args[1])); break;
      case "serialize": result = hexText(s.serialize()); break;
      case "deserialize": sets[args[0]] = HashSet.deserialize(parseHex(args[1])); break;
      default: throw new Failure("unknown operation " ~ op);
    }

    if (expected is null) return true;  // it ran without an error
    if (expected.startsWith("error:")) throw new Failure("expected " ~ expected ~ ", got " ~ result);
    string want = expected;
    if (expected.startsWith("[")) want = sortedText(parseLongs(expected.split[1 .. $ - 1]));
    if (result != want) throw new Failure(format("expected %s, got %s", want, result));
    return true;
  }

  void statement(size_t lineNumber, string line) {
    auto tokens = line.split;
    string expected;
    foreach (i, token; tokens) {
      if (token == "->") {
        expected = tokens[i + 1 .. $].join(" ");
        tokens = tokens[0 .. i];
        break;
      }
    }
    try {
      if (run(tokens, expected)) {
        counts.passed++;
      } else {
        counts.notApplicable++;
      }
    } catch (Failure f) {
      counts.failures ~= format("line %s: %s: %s", lineNumber, line, f.msg);
    } catch (Exception e) {
      if (expected.startsWith("error:") && isKind(e, expected["error:".length .. $])) {
        counts.passed++;
      } else {
        counts.failures ~= format("line %s: %s: unexpected %s: %s", lineNumber, line,
                                  typeid(e).name, e.msg);
      }
    }
  }
}

unittest {
  const path = environment.get("HASHSET_SPEC");
  assert(path !is null, "HASHSET_SPEC must name tests/conformance/spec.txt");
  auto runner = new Runner;
  size_t cases;
  size_t lineNumber;
  foreach (rawLine; File(path).byLineCopy) {
    lineNumber++;
    const line = rawLine.strip;
    if (line.length == 0 || line.startsWith("#")) continue;
    if (line.startsWith("case ")) {
      foreach (set; runner.sets) set.close();
      runner.sets = null;
      cases++;
      continue;
    }
    runner.statement(lineNumber, line);
  }
  foreach (failure; runner.counts.failures) writefln("FAIL %s", failure);
  writefln("conformance: %s cases, %s statements passed, %s not applicable in D (float/str/null values), %s failed",
           cases, runner.counts.passed, runner.counts.notApplicable, runner.counts.failures.length);
  assert(cases > 0 && runner.counts.passed > 0, "the spec is empty");
  assert(runner.counts.failures.length == 0, "conformance statements failed");
}

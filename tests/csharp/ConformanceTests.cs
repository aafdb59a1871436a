// Replays the language-neutral spec (tests/conformance/spec.txt, path in
// $HASHSET_SPEC) on the C# API, one NUnit test per spec case.
//
// Tokens big:/float:/str:/null cannot be written where the C# API takes a
// `long` or a `long[]` (the compiler rejects them), so statements holding one
// are skipped and counted as not applicable; the statements after them still
// run and check that the set is unchanged.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using NUnit.Framework;

namespace HashSetLib.Tests {

public sealed class SpecStatement {
  public int Line;
  public string Op;
  public List<object> Args;      // strings and List<object> for [ ... ]
  public List<object> Expected;  // null when the statement has no "->"

  public override string ToString() {
    return "spec.txt:" + Line + " " + Op;
  }
}

public sealed class SpecCase {
  public string Name;
  public List<SpecStatement> Statements = new List<SpecStatement>();

  public override string ToString() {
    return Name;
  }
}

public static class Spec {
  public static string Path {
    get {
      string path = Environment.GetEnvironmentVariable("HASHSET_SPEC");
      if (string.IsNullOrEmpty(path)) throw new InvalidOperationException("HASHSET_SPEC is not set");
      return path;
    }
  }

  static List<object> ParseTokens(IEnumerable<string> tokens) {
    var values = new List<object>();
    var stack = new Stack<List<object>>();
    foreach (string token in tokens) {
      if (token == "[") {
        stack.Push(new List<object>());
      } else if (token == "]") {
        List<object> done = stack.Pop();
        (stack.Count > 0 ? stack.Peek() : values).Add(done);
      } else {
        (stack.Count > 0 ? stack.Peek() : values).Add(token);
      }
    }
    if (stack.Count != 0) throw new FormatException("unbalanced [ ]");
    return values;
  }

  public static List<SpecCase> Load() {
    var cases = new List<SpecCase>();
    SpecCase current = null;
    string[] lines = File.ReadAllLines(Path);
    for (int i = 0; i < lines.Length; i++) {
      string line = lines[i].Trim();
      if (line.Length == 0 || line.StartsWith("#")) continue;
      if (line.StartsWith("case ")) {
        current = new SpecCase { Name = line.Split(' ')[1] };
        cases.Add(current);
        continue;
      }
      string statement = line, expected = null;
      int arrow = line.IndexOf(" -> ", StringComparison.Ordinal);
      if (arrow >= 0) {
        statement = line.Substring(0, arrow);
        expected = line.Substring(arrow + 4);
      }
      string[] tokens = statement.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
      current.Statements.Add(new SpecStatement {
        Line = i + 1,
        Op = tokens[0],
        Args = ParseTokens(tokens.Skip(1)),
        Expected = expected == null ? null : ParseTokens(expected.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries)),
      });
    }
    return cases;
  }

  // A token no `long` can hold: the C# call cannot even be written.
  public static bool IsInexpressible(object token) {
    var list = token as List<object>;
    if (list != null) return list.Any(IsInexpressible);
    var text = (string)token;
    return text == "null" || text.StartsWith("big:") || text.StartsWith("float:") || text.StartsWith("str:");
  }

  public static long Value(object token) {
    return long.Parse((string)token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
  }

  public static long[] Values(object token) {
    return ((List<object>)token).Select(Value).ToArray();
  }

  public static byte[] Bytes(string token) {
    if (!token.StartsWith("hex:")) throw new FormatException("not a hex token: " + token);
    string hex = token.Substring(4);
    var bytes = new byte[hex.Length / 2];
    for (int i = 0; i < bytes.Length; i++) bytes[i] = Convert.ToByte(hex.Substring(2 * i, 2), 16);
    return bytes;
  }

  public static string Hex(byte[] bytes) {
    var text = new StringBuilder("hex:");
    foreach (byte b in bytes) text.Append(b.ToString("x2"));
    return text.ToString();
  }
}

[TestFixture]
public class ConformanceTests {
  // The exception type (exactly) each error kind of the spec must raise.
  static readonly Dictionary<string, Type> Errors = new Dictionary<string, Type> {
    { "empty", typeof(InvalidOperationException) },
    { "concurrent", typeof(InvalidOperationException) },
    { "format", typeof(ArgumentException) },
    { "closed", typeof(ObjectDisposedException) },
  };

  static int applicable, notApplicable;

  public static IEnumerable<TestCaseData> Cases() {
    foreach (SpecCase c in Spec.Load()) yield return new TestCaseData(c).SetName(c.Name);
  }

  sealed class Runner : IDisposable {
    readonly Dictionary<string, HashSet> sets = new Dictionary<string, HashSet>();

    void Put(string name, HashSet set) {
      HashSet old;
      if (sets.TryGetValue(name, out old)) old.Dispose();
      sets[name] = set;
    }

    public void Dispose() {
      foreach (HashSet set in sets.Values) set.Dispose();
    }

    // Runs one statement; returns its result (bool, long, long[], byte[]) or null.
    public object Call(string op, List<object> args) {
      string name = (string)args[0];
      switch (op) {
        case "new":
          Put(name, args.Count > 1 ? new HashSet(Spec.Values(args[1])) : new HashSet());
          return null;
        case "copy":
          Put((string)args[1], sets[name].Copy());
          return null;
        case "deserialize":
          Put(name, HashSet.Deserialize(Spec.Bytes((string)args[1])));
          return null;
      }
      HashSet s = sets[name];
      switch (op) {
        case "insert": return s.Add(Spec.Value(args[1]));
        case "contains": return s.Contains(Spec.Value(args[1]));
        case "erase": return s.Remove(Spec.Value(args[1]));
        case "size":
          Assert.AreEqual(s.LongCount(), (long)s.Count, "Count and LongCount() disagree");
          return s.LongCount();
        case "empty": return s.IsEmpty;
        case "clear": s.Clear(); return null;
        case "reserve": s.Reserve(Spec.Value(args[1])); return null;
        case "pop": return s.Pop();
        case "collect": return s.Collect();
        case "iterate": {
          var seen = new List<long>();
          foreach (long value in s) seen.Add(value);
          return seen.ToArray();
        }
        case "iterate_then_insert": {
          using (IEnumerator<long> e = s.GetEnumerator()) {
            Assert.IsTrue(e.MoveNext());
            s.Add(Spec.Value(args[1]));
            e.MoveNext();
          }
          return null;
        }
        case "iterate_then_close": {
          using (IEnumerator<long> e = s.GetEnumerator()) {
            Assert.IsTrue(e.MoveNext());
            s.Dispose();
            e.MoveNext();
          }
          return null;
        }
        case "close": s.Dispose(); return null;
        case "insert_many": return s.InsertMany(Spec.Values(args[1]));
        case "erase_many": return s.EraseMany(Spec.Values(args[1]));
        case "serialize": return s.Serialize();
      }
      HashSet other = sets[(string)args[1]];
      switch (op) {
        case "equals": return s.SetEquals(other);
        case "is_subset": return s.IsSubsetOf(other);
        case "is_superset": return s.IsSupersetOf(other);
        case "is_disjoint": return s.IsDisjoint(other);
        case "union": using (HashSet r = s.Union(other)) return r.Collect();
        case "intersection": using (HashSet r = s.Intersection(other)) return r.Collect();
        case "difference": using (HashSet r = s.Difference(other)) return r.Collect();
        case "symmetric_difference": using (HashSet r = s.SymmetricDifference(other)) return r.Collect();
        case "update": s.UnionWith(other); return null;
        case "intersection_update": s.IntersectWith(other); return null;
        case "difference_update": s.ExceptWith(other); return null;
        case "symmetric_difference_update": s.SymmetricExceptWith(other); return null;
      }
      throw new NotSupportedException("unknown spec operation '" + op + "'");
    }
  }

  static void Check(object result, List<object> expected, string context) {
    Assert.AreEqual(1, expected.Count, context + ": one expected result");
    object want = expected[0];
    var list = want as List<object>;
    if (list != null) {
      Assert.IsInstanceOf<long[]>(result, context);
      long[] got = ((long[])result).OrderBy(v => v).ToArray();
      long[] wanted = Spec.Values(list).OrderBy(v => v).ToArray();
      CollectionAssert.AreEqual(wanted, got, context);
      return;
    }
    var text = (string)want;
    if (text == "true" || text == "false") {
      Assert.IsInstanceOf<bool>(result, context);
      Assert.AreEqual(text == "true", (bool)result, context);
    } else if (text.StartsWith("hex:")) {
      Assert.IsInstanceOf<byte[]>(result, context);
      Assert.AreEqual(text, Spec.Hex((byte[])result), context);
    } else {
      Assert.IsInstanceOf<long>(result, context);
      Assert.AreEqual(Spec.Value(text), (long)result, context);
    }
  }

  [Test, TestCaseSource("Cases")]
  public void SpecCase(SpecCase specCase) {
    using (var runner = new Runner()) {
      foreach (SpecStatement st in specCase.Statements) {
        string context = st.ToString();
        if (st.Args.Any(Spec.IsInexpressible)) {
          notApplicable++;
          Console.WriteLine("not applicable in C# (a long cannot hold it): " + context);
          continue;
        }
        applicable++;
        string want = st.Expected != null && st.Expected.Count == 1 ? st.Expected[0] as string : null;
        if (want != null && want.StartsWith("error:")) {
          string kind = want.Substring("error:".Length);
          Assert.IsTrue(Errors.ContainsKey(kind), context + ": error kind '" + kind + "' has no C# exception");
          Exception error = null;
          try {
            runner.Call(st.Op, st.Args);
          } catch (Exception e) {
            error = e;
          }
          Assert.IsNotNull(error, context + ": expected " + want);
          Assert.AreEqual(Errors[kind], error.GetType(), context + ": " + error);
          continue;
        }
        object result = runner.Call(st.Op, st.Args);
        if (st.Expected != null) {
          Check(result, st.Expected, context);
        } else {
          Assert.IsNull(result, context + ": a statement without a result returned one");
        }
      }
    }
  }

  [TestFixtureTearDown]
  public void Report() {
    Console.WriteLine("C# conformance: {0} statements run, {1} not applicable", applicable, notApplicable);
  }

  [Test]
  public void SpecIsNotEmptyAndEveryCaseRuns() {
    List<SpecCase> cases = Spec.Load();
    Assert.Greater(cases.Count, 5);
    foreach (SpecCase c in cases) {
      Assert.IsTrue(c.Statements.Any(st => !st.Args.Any(Spec.IsInexpressible)),
                    c.Name + " has no statement C# can run");
    }
  }
}

}

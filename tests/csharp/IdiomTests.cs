// C# idioms beyond the spec, checked against System.Collections.Generic.HashSet<long>
// as the oracle: ISet<long> members, LINQ, enumerator invalidation, Dispose,
// bad input and the integer types of the API.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using NUnit.Framework;
using Oracle = System.Collections.Generic.HashSet<long>;

namespace HashSetLib.Tests {

[TestFixture]
public class IdiomTests {
  static readonly long[] Edges = {
    long.MinValue, long.MinValue + 1, -(1L << 53) - 1, -(1L << 53), -1, 0, 1,
    (1L << 53) - 1, 1L << 53, (1L << 53) + 1, long.MaxValue - 1, long.MaxValue,
  };

  static void AssertSame(Oracle oracle, HashSet set, string context) {
    Assert.AreEqual(oracle.Count, set.Count, context + ": Count");
    Assert.AreEqual((long)oracle.Count, set.LongCount(), context + ": LongCount");
    Assert.AreEqual(oracle.Count == 0, set.IsEmpty, context + ": IsEmpty");
    CollectionAssert.AreEquivalent(oracle.ToArray(), set.Collect(), context + ": Collect");
    var enumerated = new List<long>();
    foreach (long value in set) enumerated.Add(value);
    Assert.AreEqual(enumerated.Count, enumerated.Distinct().Count(), context + ": enumeration repeats");
    CollectionAssert.AreEquivalent(oracle.ToArray(), enumerated, context + ": enumeration");
    Assert.IsTrue(oracle.SetEquals(set), context + ": oracle.SetEquals");
    Assert.IsTrue(set.SetEquals(oracle), context + ": SetEquals(oracle)");
  }

  static long RandomValue(Random random) {
    switch (random.Next(4)) {
      case 0: return Edges[random.Next(Edges.Length)];
      case 1: return ((long)random.Next() << 32) ^ (uint)random.Next() ^ ((long)random.Next(2) << 63);
      default: return random.Next(-40, 40);
    }
  }

  static long[] RandomValues(Random random, int max) {
    var values = new long[random.Next(max)];
    for (int i = 0; i < values.Length; i++) values[i] = RandomValue(random);
    return values;
  }

  [Test]
  public void RandomOperationsMatchTheOracle() {
    var random = new Random(20261124);
    var oracle = new Oracle();
    using (var set = new HashSet()) {
      for (int step = 0; step < 3000; step++) {
        long value = RandomValue(random);
        string context = "step " + step;
        switch (random.Next(9)) {
          case 0: case 1: Assert.AreEqual(oracle.Add(value), set.Add(value), context + " Add"); break;
          case 2: Assert.AreEqual(oracle.Remove(value), set.Remove(value), context + " Remove"); break;
          case 3: {
            Assert.AreEqual(oracle.Contains(value), set.Contains(value), context + " Contains");
            long[] values = RandomValues(random, 20);
            CollectionAssert.AreEqual(values.Select(oracle.Contains).ToArray(), set.ContainsMany(values),
                                      context + " ContainsMany");
            break;
          }
          case 4: {
            long[] values = RandomValues(random, 20);
            long added = values.Distinct().Count(v => !oracle.Contains(v));
            oracle.UnionWith(values);
            Assert.AreEqual(added, set.InsertMany(values), context + " InsertMany");
            break;
          }
          case 5: {
            long[] values = RandomValues(random, 20);
            long removed = values.Distinct().Count(oracle.Contains);
            oracle.ExceptWith(values);
            Assert.AreEqual(removed, set.EraseMany(values), context + " EraseMany");
            break;
          }
          case 6:
            if (oracle.Count == 0) {
              Assert.Throws<InvalidOperationException>(() => set.Pop(), context + " Pop empty");
            } else {
              long popped = set.Pop();
              Assert.IsTrue(oracle.Remove(popped), context + " Pop returned a non-member " + popped);
            }
            break;
          case 7: ((ICollection<long>)set).Add(value); oracle.Add(value); break;
          default:
            if (random.Next(50) == 0) { set.Clear(); oracle.Clear(); }
            break;
        }
        if (step % 100 == 0) AssertSame(oracle, set, context);
      }
      AssertSame(oracle, set, "end");
    }
  }

  // Each ISet<long> member, given a HashSet (native path) and a List<long>
  // with duplicates (IEnumerable path), against the same member of the oracle.
  [Test]
  public void SetOperationsMatchTheOracle() {
    var random = new Random(7);
    for (int round = 0; round < 150; round++) {
      long[] left = RandomValues(random, 12).Select(v => v % 10).ToArray();
      long[] right = RandomValues(random, 12).Select(v => v % 10).ToArray();
      if (round % 10 == 0) right = left.Reverse().ToArray();
      var oracleLeft = new Oracle(left);
      var oracleRight = new Oracle(right);
      string context = "[" + string.Join(" ", left) + "] vs [" + string.Join(" ", right) + "]";
      using (var a = new HashSet(left))
      using (var b = new HashSet(right)) {
        var asList = right.Concat(right).ToList();
        foreach (IEnumerable<long> other in new IEnumerable<long>[] { b, asList }) {
          string c = context + (other is HashSet ? " (HashSet)" : " (List)");
          Assert.AreEqual(oracleLeft.SetEquals(oracleRight), a.SetEquals(other), c + " SetEquals");
          Assert.AreEqual(oracleLeft.IsSubsetOf(oracleRight), a.IsSubsetOf(other), c + " IsSubsetOf");
          Assert.AreEqual(oracleLeft.IsSupersetOf(oracleRight), a.IsSupersetOf(other), c + " IsSupersetOf");
          Assert.AreEqual(oracleLeft.IsProperSubsetOf(oracleRight), a.IsProperSubsetOf(other), c + " IsProperSubsetOf");
          Assert.AreEqual(oracleLeft.IsProperSupersetOf(oracleRight), a.IsProperSupersetOf(other), c + " IsProperSupersetOf");
          Assert.AreEqual(oracleLeft.Overlaps(oracleRight), a.Overlaps(other), c + " Overlaps");

          var checks = new Dictionary<string, Action<ISet<long>, IEnumerable<long>>> {
            { "UnionWith", (s, o) => s.UnionWith(o) },
            { "IntersectWith", (s, o) => s.IntersectWith(o) },
            { "ExceptWith", (s, o) => s.ExceptWith(o) },
            { "SymmetricExceptWith", (s, o) => s.SymmetricExceptWith(o) },
          };
          foreach (var check in checks) {
            var expected = new Oracle(oracleLeft);
            check.Value(expected, oracleRight);
            using (HashSet actual = a.Copy()) {
              check.Value(actual, other);
              AssertSame(expected, actual, c + " " + check.Key);
            }
          }
        }
        // The native operators that return new sets.
        AssertSame(new Oracle(oracleLeft.Union(oracleRight)), a.Union(b), context + " Union");
        AssertSame(new Oracle(oracleLeft.Intersect(oracleRight)), a.Intersection(b), context + " Intersection");
        AssertSame(new Oracle(oracleLeft.Except(oracleRight)), a.Difference(b), context + " Difference");
        var symmetric = new Oracle(oracleLeft);
        symmetric.SymmetricExceptWith(oracleRight);
        AssertSame(symmetric, a.SymmetricDifference(b), context + " SymmetricDifference");
        AssertSame(oracleLeft, a, context + " left operand unchanged");
        AssertSame(oracleRight, b, context + " right operand unchanged");
      }
    }
  }

  [Test]
  public void WithItselfAsTheOtherSet() {
    using (var s = new HashSet(new long[] { 1, 2, 3 })) {
      s.UnionWith(s);
      AssertSame(new Oracle { 1, 2, 3 }, s, "UnionWith(self)");
      s.IntersectWith(s);
      AssertSame(new Oracle { 1, 2, 3 }, s, "IntersectWith(self)");
      Assert.IsTrue(s.SetEquals(s));
      Assert.IsFalse(s.IsProperSubsetOf(s));
      s.UnionWith((IEnumerable<long>)s);  // materialised before any change
      AssertSame(new Oracle { 1, 2, 3 }, s, "UnionWith((IEnumerable)self)");
      s.ExceptWith(s);
      AssertSame(new Oracle(), s, "ExceptWith(self)");
    }
  }

  [Test]
  public void WorksThroughTheCollectionInterfacesAndLinq() {
    using (var s = new HashSet(Edges)) {
      ISet<long> set = s;
      ICollection<long> collection = s;
      IReadOnlyCollection<long> readOnly = s;
      Assert.AreEqual(Edges.Length, collection.Count);
      Assert.AreEqual(Edges.Length, readOnly.Count);
      Assert.IsFalse(collection.IsReadOnly);
      Assert.IsFalse(set.Add(0));
      Assert.IsTrue(set.Add(12345));
      collection.Add(12345);  // ICollection.Add ignores duplicates, like HashSet<T>
      Assert.IsTrue(collection.Remove(12345));
      CollectionAssert.AreEquivalent(Edges, s.ToList());
      Assert.AreEqual(Edges.Max(), s.Max());
      Assert.AreEqual(Edges.Min(), s.Min());
      Assert.AreEqual(Edges.Where(v => v < 0).Count(), s.Count(v => v < 0));
      CollectionAssert.AreEquivalent(Edges.Select(v => v.ToString()), s.Select(v => v.ToString()));
      IEnumerable nonGeneric = s;
      var boxed = new List<object>();
      foreach (object value in nonGeneric) boxed.Add(value);
      CollectionAssert.AreEquivalent(Edges.Cast<object>(), boxed);

      var target = new long[Edges.Length + 3];
      s.CopyTo(target, 2);
      Assert.AreEqual(0, target[0]);
      Assert.AreEqual(0, target[1]);
      Assert.AreEqual(0, target[target.Length - 1]);
      CollectionAssert.AreEquivalent(Edges, target.Skip(2).Take(Edges.Length));
      Assert.Throws<ArgumentException>(() => s.CopyTo(new long[Edges.Length], 1));
      Assert.Throws<ArgumentOutOfRangeException>(() => s.CopyTo(new long[Edges.Length], -1));
      Assert.Throws<ArgumentNullException>(() => s.CopyTo(null, 0));
      StringAssert.StartsWith("HashSet{", s.ToString());
    }
  }

  [Test]
  public void EveryInt64RoundTripsExactly() {
    using (var s = new HashSet()) {
      foreach (long v in Edges) Assert.IsTrue(s.Add(v), v.ToString());
      foreach (long v in Edges) Assert.IsTrue(s.Contains(v), v.ToString());
      Assert.IsFalse(s.Contains((1L << 53) + 2));
      CollectionAssert.AreEquivalent(Edges, s.Collect());
      CollectionAssert.AreEquivalent(Edges, s.ToArray());
      using (HashSet t = HashSet.Deserialize(s.Serialize())) {
        CollectionAssert.AreEquivalent(Edges, t.Collect());
        var popped = new List<long>();
        while (!t.IsEmpty) popped.Add(t.Pop());
        CollectionAssert.AreEquivalent(Edges, popped);
      }
      var fresh = new HashSet();
      Assert.AreEqual(Edges.Length, fresh.InsertMany(Edges));
      Assert.IsTrue(fresh.SetEquals(s));
      fresh.Dispose();
    }
  }

  [Test]
  public void ApiUsesSixtyFourBitIntegersOnly() {
    Type type = typeof(HashSet);
    Assert.AreEqual(typeof(long), type.GetMethod("LongCount").ReturnType);
    Assert.AreEqual(typeof(int), type.GetProperty("Count").PropertyType);
    Assert.AreEqual(typeof(long), type.GetMethod("Reserve").GetParameters()[0].ParameterType);
    Assert.AreEqual(typeof(long), type.GetMethod("InsertMany").ReturnType);
    Assert.AreEqual(typeof(long[]), type.GetMethod("Collect").ReturnType);
    Assert.AreEqual(typeof(byte[]), type.GetMethod("Serialize").ReturnType);
    var narrow = new[] { typeof(uint), typeof(ulong), typeof(short), typeof(ushort), typeof(IntPtr) };
    foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)) {
      if (method.Name == "CopyTo") continue;  // ICollection<T> fixes its int index
      Assert.IsFalse(narrow.Contains(method.ReturnType), method.ToString());
      foreach (ParameterInfo p in method.GetParameters()) {
        Assert.IsFalse(narrow.Contains(p.ParameterType), method + " " + p.Name);
        Assert.AreNotEqual(typeof(int), p.ParameterType, method + " " + p.Name);
      }
    }
    Assert.IsTrue(typeof(ISet<long>).IsAssignableFrom(type));
    Assert.IsTrue(typeof(IDisposable).IsAssignableFrom(type));
    Assert.IsFalse(typeof(HashSet).Assembly.GetExportedTypes().Any(t => t.Name == "HashSetIterator"),
                   "the native iterator is an implementation detail");
  }

  [Test]
  public void EnumeratorFailsFastWhenTheSetChanges() {
    var changes = new Dictionary<string, Action<HashSet>> {
      { "Add", s => s.Add(100) },
      { "Remove", s => s.Remove(1) },
      { "Clear", s => s.Clear() },
      { "Pop", s => s.Pop() },
      { "InsertMany", s => s.InsertMany(new long[] { 100, 101 }) },
      { "UnionWith", s => s.UnionWith(new long[] { 100 }) },
      { "ExceptWith", s => s.ExceptWith(new long[] { 1, 2 }) },
    };
    foreach (var change in changes) {
      var oracle = new Oracle { 1, 2, 3 };
      using (var s = new HashSet(oracle)) {
        // The oracle's enumerator throws the same exception for the same change.
        Assert.Throws<InvalidOperationException>(() => { foreach (long v in oracle) oracle.Add(v + 100); });
        Assert.Throws<InvalidOperationException>(() => {
          foreach (long v in s) change.Value(s);
        }, change.Key);
        // The set stays usable and consistent after the failed enumeration.
        Assert.AreEqual(s.Collect().Length, s.Count(), change.Key);
      }
    }
    // Changed after the last element: the next MoveNext still reports it, as HashSet<T>'s does.
    using (var s = new HashSet(new long[] { 1 })) {
      IEnumerator<long> e = s.GetEnumerator();
      Assert.IsTrue(e.MoveNext());
      Assert.IsFalse(e.MoveNext());
      s.Add(2);
      Assert.Throws<InvalidOperationException>(() => e.MoveNext());
      e.Dispose();
      Assert.IsFalse(e.MoveNext(), "a disposed enumerator is finished");
    }
    // Reading without changing is fine, and Reset starts over.
    using (var s = new HashSet(new long[] { 5, 6, 7 })) {
      IEnumerator<long> e = s.GetEnumerator();
      var first = new List<long>();
      while (e.MoveNext()) { first.Add(e.Current); Assert.IsTrue(s.Contains(e.Current)); }
      e.Reset();
      var second = new List<long>();
      while (e.MoveNext()) second.Add(e.Current);
      CollectionAssert.AreEqual(first, second);
      CollectionAssert.AreEquivalent(new long[] { 5, 6, 7 }, first);
      Assert.Throws<InvalidOperationException>(() => { object unused = ((IEnumerator)e).Current; });
    }
  }

  [Test]
  public void DisposeFreesTheSetAndLaterUseThrows() {
    var s = new HashSet(new long[] { 1, 2, 3 });
    var other = new HashSet(new long[] { 1 });
    IEnumerator<long> e = s.GetEnumerator();
    Assert.IsTrue(e.MoveNext());
    s.Dispose();
    s.Dispose();  // twice is harmless
    var uses = new Dictionary<string, TestDelegate> {
      { "Add", () => s.Add(1) },
      { "Contains", () => s.Contains(1) },
      { "Remove", () => s.Remove(1) },
      { "Count", () => { int unused = s.Count; } },
      { "LongCount", () => s.LongCount() },
      { "IsEmpty", () => { bool unused = s.IsEmpty; } },
      { "Clear", () => s.Clear() },
      { "Pop", () => s.Pop() },
      { "Reserve", () => s.Reserve(10) },
      { "Collect", () => s.Collect() },
      { "InsertMany", () => s.InsertMany(new long[] { 1 }) },
      { "ContainsMany", () => s.ContainsMany(new long[] { 1 }) },
      { "Serialize", () => s.Serialize() },
      { "GetEnumerator", () => s.GetEnumerator() },
      { "foreach", () => { foreach (long v in s) { } } },
      { "Copy", () => s.Copy() },
      { "copy constructor", () => new HashSet(s) },
      { "SetEquals", () => s.SetEquals(other) },
      { "UnionWith(list)", () => s.UnionWith(new List<long> { 1 }) },
      { "as argument", () => other.SetEquals(s) },
      { "as argument of UnionWith", () => other.UnionWith(s) },
      { "as argument of Union", () => other.Union(s) },
      { "live enumerator", () => e.MoveNext() },
    };
    foreach (var use in uses) Assert.Throws<ObjectDisposedException>(use.Value, use.Key);
    Assert.AreEqual("HashSet(disposed)", s.ToString());
    CollectionAssert.AreEquivalent(new long[] { 1 }, other.Collect(), "the other set is untouched");
    other.Dispose();

    // `using` disposes.
    HashSet scoped;
    using (scoped = new HashSet(new long[] { 9 })) Assert.IsTrue(scoped.Contains(9));
    Assert.Throws<ObjectDisposedException>(() => scoped.Contains(9));
  }

  [Test]
  public void UndisposedSetsAreFinalised() {
    var weak = new List<WeakReference>();
    new Action(() => {
      for (int i = 0; i < 2000; i++) {
        var s = new HashSet(new long[] { i, i + 1, i + 2 });
        if (i % 20 == 0) weak.Add(new WeakReference(s));
        foreach (long unused in s) { }  // enumerators too
      }
    })();
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    // Mono scans stacks conservatively: allow a few to survive.
    int alive = weak.Count(w => w.IsAlive);
    Assert.Less(alive, 5, "unreferenced HashSets are collected and finalised");
    // An enumerator keeps its set alive and usable.
    IEnumerator<long> e = new Func<IEnumerator<long>>(() => new HashSet(new long[] { 4, 5 }).GetEnumerator())();
    GC.Collect();
    GC.WaitForPendingFinalizers();
    var seen = new List<long>();
    while (e.MoveNext()) seen.Add(e.Current);
    CollectionAssert.AreEquivalent(new long[] { 4, 5 }, seen);
  }

  // Makes a set, starts both enumerations and takes one element of each; the
  // set is referenced by nothing but the enumerators when this returns.
  static HashSet.Enumerator StartEnumerations(long[] values, Oracle restOfStruct,
                                             Oracle restOfInterface, out IEnumerator<long> viaInterface,
                                             out WeakReference weakSet) {
    var s = new HashSet(values);
    weakSet = new WeakReference(s);
    HashSet.Enumerator direct = s.GetEnumerator();
    viaInterface = ((IEnumerable<long>)s).GetEnumerator();
    Assert.IsTrue(direct.MoveNext() && restOfStruct.Remove(direct.Current));
    Assert.IsTrue(viaInterface.MoveNext() && restOfInterface.Remove(viaInterface.Current));
    return direct;
  }

  [Test]
  public void DroppingTheSetMidEnumerationFinishesTheEnumeration() {
    long[] values = Enumerable.Range(-300, 600).Select(i => (long)i * 7919).ToArray();
    var restOfStruct = new Oracle(values);
    var restOfInterface = new Oracle(values);
    IEnumerator<long> viaInterface;
    WeakReference weakSet;
    HashSet.Enumerator direct = StartEnumerations(values, restOfStruct, restOfInterface,
                                                  out viaInterface, out weakSet);
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var rest = new List<long>();
    while (direct.MoveNext()) rest.Add(direct.Current);
    Assert.AreEqual(restOfStruct.Count, rest.Count, "each remaining element once");
    Assert.IsTrue(restOfStruct.SetEquals(rest), "the remaining elements");
    rest.Clear();
    while (viaInterface.MoveNext()) rest.Add(viaInterface.Current);
    Assert.AreEqual(restOfInterface.Count, rest.Count, "each remaining element once");
    Assert.IsTrue(restOfInterface.SetEquals(rest), "the remaining elements");
    Assert.IsTrue(weakSet.IsAlive, "the enumerators kept their set");
    direct.Dispose();
    viaInterface.Dispose();
  }

  // The child of ProcessExitWithLiveSetsIsClean: leaves everything open and returns.
  const string LiveSetsAtExit = @"
using System.Collections.Generic;
using HashSetLib;
static class LiveSetsAtExit {
  static readonly List<object> Live = new List<object>();
  static void Main() {
    for (int i = 0; i < 50; i++) {
      var s = new HashSet();
      for (long v = 0; v < i * 100; v++) s.Add(v);
      IEnumerator<long> e = s.GetEnumerator();
      e.MoveNext();
      Live.Add(e);
      if (i % 2 == 0) Live.Add(s);
    }
    var large = new HashSet();
    for (long v = 0; v < 1000000; v++) large.Add(v);
    Live.Add(large);
    var closed = new HashSet(new long[] { 1, 2, 3 });
    Live.Add(closed.GetEnumerator());
    closed.Dispose();
    var cycle = new List<object> { new HashSet(new long[] { 7 }) };
    cycle.Add(cycle);
    System.Console.WriteLine(""live sets left at exit"");
  }
}";

  [Test]
  public void ProcessExitWithLiveSetsIsClean() {
    string library = typeof(HashSet).Assembly.Location;
    string directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(),
                                              "hashset-exit-" + Guid.NewGuid().ToString("N"));
    System.IO.Directory.CreateDirectory(directory);
    try {
      string program = System.IO.Path.Combine(directory, "LiveSetsAtExit.exe");
      var options = new System.CodeDom.Compiler.CompilerParameters(new[] { library, "System.dll" }, program);
      options.GenerateExecutable = true;
      var compiled = new Microsoft.CSharp.CSharpCodeProvider().CompileAssemblyFromSource(options, LiveSetsAtExit);
      Assert.IsFalse(compiled.Errors.HasErrors, string.Join("\n", compiled.Output.Cast<string>()));
      System.IO.File.Copy(library, System.IO.Path.Combine(directory, System.IO.Path.GetFileName(library)));
      var start = new System.Diagnostics.ProcessStartInfo(
          System.Diagnostics.Process.GetCurrentProcess().MainModule.FileName, "\"" + program + "\"");
      start.UseShellExecute = false;
      start.RedirectStandardOutput = true;
      start.RedirectStandardError = true;
      using (var child = System.Diagnostics.Process.Start(start)) {
        var stderr = child.StandardError.ReadToEndAsync();
        string stdout = child.StandardOutput.ReadToEnd();
        Assert.IsTrue(child.WaitForExit(60000), "the child exits");
        Assert.AreEqual("", stderr.Result, "no error or crash report");
        Assert.AreEqual(0, child.ExitCode);
        Assert.AreEqual("live sets left at exit\n", stdout);
      }
    } finally {
      System.IO.Directory.Delete(directory, true);
    }
  }

  [Test]
  public void BadInputRaisesAndLeavesTheSetUnchanged() {
    using (var s = new HashSet(new long[] { 1, 2 })) {
      var before = new Oracle { 1, 2 };
      Assert.Throws<ArgumentNullException>(() => s.InsertMany(null));
      Assert.Throws<ArgumentNullException>(() => s.EraseMany(null));
      Assert.Throws<ArgumentNullException>(() => s.ContainsMany(null));
      Assert.AreEqual(0, s.ContainsMany(new long[0]).Length);
      Assert.Throws<ArgumentNullException>(() => s.UnionWith((IEnumerable<long>)null));
      Assert.Throws<ArgumentNullException>(() => s.IntersectWith((IEnumerable<long>)null));
      Assert.Throws<ArgumentNullException>(() => s.SetEquals((HashSet)null));
      Assert.Throws<ArgumentNullException>(() => s.IsSubsetOf((IEnumerable<long>)null));
      Assert.Throws<ArgumentNullException>(() => s.Union(null));
      Assert.Throws<ArgumentNullException>(() => new HashSet((HashSet)null));
      Assert.Throws<ArgumentNullException>(() => new HashSet((IEnumerable<long>)null));
      Assert.Throws<ArgumentNullException>(() => HashSet.Deserialize(null));
      var negative = Assert.Throws<ArgumentOutOfRangeException>(() => s.Reserve(-1));
      Assert.AreEqual("count", negative.ParamName);
      Assert.Throws<ArgumentException>(() => HashSet.Deserialize(new byte[] { 1, 2, 3 }));
      Assert.Throws<ArgumentException>(() => HashSet.Deserialize(new byte[0]));
      byte[] good = s.Serialize();
      good[good.Length - 1] ^= 1;
      Assert.Throws<ArgumentException>(() => HashSet.Deserialize(good));
      // A LINQ sequence that fails half-way: nothing was inserted.
      IEnumerable<long> failing = new long[] { 7, 8, 0 }.Select(v => 10 / v);
      Assert.Throws<DivideByZeroException>(() => s.UnionWith(failing));
      // C#'s own checked conversion is how an out-of-range value is refused.
      ulong tooBig = ulong.MaxValue;
      Assert.Throws<OverflowException>(() => s.Add(checked((long)tooBig)));
      AssertSame(before, s, "after bad input");
      s.Reserve(0);
      s.Reserve(1000);
      AssertSame(before, s, "after Reserve");
    }
    using (var empty = new HashSet()) {
      var error = Assert.Throws<InvalidOperationException>(() => empty.Pop());
      StringAssert.Contains("empty", error.Message);
      Assert.AreEqual(0, empty.Count);
    }
  }

  [Test]
  public void LargeBulkCallsMatchTheOracle() {
    var random = new Random(3);
    long[] values = Enumerable.Range(0, 200000).Select(i => RandomValue(random)).ToArray();
    var oracle = new Oracle(values);
    using (var s = new HashSet()) {
      s.Reserve(values.Length);
      Assert.AreEqual((long)oracle.Count, s.InsertMany(values));
      Assert.AreEqual(oracle.Count, s.Count);
      // (CollectionAssert.AreEquivalent is quadratic: compare sorted copies.)
      long[] expected = oracle.ToArray();
      long[] collected = s.Collect();
      Array.Sort(expected);
      Array.Sort(collected);
      CollectionAssert.AreEqual(expected, collected);
      using (HashSet t = HashSet.Deserialize(s.Serialize())) Assert.IsTrue(t.SetEquals(oracle));
      long[] half = values.Take(values.Length / 2).ToArray();
      oracle.ExceptWith(half);
      s.EraseMany(half);
      Assert.IsTrue(s.SetEquals(oracle));
    }
  }
}

}

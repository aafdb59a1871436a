package io.hashset.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hashset.HashSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the language-neutral spec (tests/conformance/spec.txt, path in $HASHSET_SPEC) on the
 * Java API. Statements with a {@code big:} value are not applicable: no Java call site of a
 * {@code long} parameter, nor any Long, can hold an integer outside the int64 range. Every other
 * bad value reaches the set through the Object API of java.util.Set, where Java's own errors
 * are NullPointerException (null) and ClassCastException (Double, String).
 */
class ConformanceTest {
  private static int statementsRun;
  private static int notApplicable;

  /** One statement of the spec: OP ARGS [-> EXPECTED], at a line of the file. */
  private static final class Statement {
    final int line;
    final String op;
    final List<Object> args; // String tokens and List<String> lists
    final List<Object> expected; // null when the statement has no "->"

    Statement(int line, String op, List<Object> args, List<Object> expected) {
      this.line = line;
      this.op = op;
      this.args = args;
      this.expected = expected;
    }
  }

  /** Values and lists ([ ... ]) of a statement, in order. */
  private static List<Object> parseTokens(List<String> tokens) {
    List<Object> values = new ArrayList<>();
    List<String> list = null;
    for (String token : tokens) {
      if (token.equals("[")) {
        list = new ArrayList<>();
      } else if (token.equals("]")) {
        values.add(list);
        list = null;
      } else if (list != null) {
        list.add(token);
      } else {
        values.add(token);
      }
    }
    return values;
  }

  private static List<String> split(String text) {
    text = text.trim();
    return text.isEmpty() ? new ArrayList<>() : Arrays.asList(text.split("\\s+"));
  }

  private static Map<String, List<Statement>> loadCases() throws IOException {
    String spec = System.getenv("HASHSET_SPEC");
    assertTrue(spec != null && !spec.isEmpty(), "HASHSET_SPEC names the spec file");
    Map<String, List<Statement>> cases = new java.util.LinkedHashMap<>();
    List<Statement> current = null;
    int number = 0;
    for (String raw : Files.readAllLines(Path.of(spec))) {
      ++number;
      String line = raw.trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("case ")) {
        current = new ArrayList<>();
        cases.put(split(line).get(1), current);
        continue;
      }
      int arrow = line.indexOf(" -> ");
      String statement = arrow < 0 ? line : line.substring(0, arrow);
      List<String> tokens = split(statement);
      List<Object> expected = arrow < 0 ? null : parseTokens(split(line.substring(arrow + 4)));
      current.add(new Statement(number, tokens.get(0),
          parseTokens(tokens.subList(1, tokens.size())), expected));
    }
    return cases;
  }

  private static boolean isBig(Object token) {
    if (token instanceof List) {
      return ((List<?>) token).stream().anyMatch(ConformanceTest::isBig);
    }
    return ((String) token).startsWith("big:");
  }

  private static boolean hasNull(Object token) {
    if (token instanceof List) {
      return ((List<?>) token).stream().anyMatch(ConformanceTest::hasNull);
    }
    return token.equals("null");
  }

  /** A value token as the object a Java user would pass: Long, Double, String or null. */
  private static Object value(String token) {
    if (token.equals("null")) {
      return null;
    }
    if (token.startsWith("float:")) {
      return Double.valueOf(token.substring(6));
    }
    if (token.startsWith("str:")) {
      return token.substring(4);
    }
    return Long.valueOf(token);
  }

  private static boolean allLongs(List<?> tokens) {
    return tokens.stream().allMatch(token -> value((String) token) instanceof Long);
  }

  private static long[] longs(List<?> tokens) {
    return tokens.stream().mapToLong(token -> Long.parseLong((String) token)).toArray();
  }

  private static byte[] hex(String token) {
    String digits = token.substring("hex:".length());
    byte[] bytes = new byte[digits.length() / 2];
    for (int i = 0; i < bytes.length; ++i) {
      bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
  }

  /** The set as the raw Collection a caller without generics (or a bad cast) would see. */
  @SuppressWarnings("unchecked")
  private static Collection<Object> raw(HashSet set) {
    return (Collection<Object>) (Collection<?>) set;
  }

  private static List<Object> objects(List<?> tokens) {
    List<Object> values = new ArrayList<>();
    for (Object token : tokens) {
      values.add(value((String) token));
    }
    return values;
  }

  /** Runs one statement; returns its result (Boolean, Long, long[], byte[]) or null. */
  private static Object call(Map<String, HashSet> sets, String op, List<Object> args) {
    String name = (String) args.get(0);
    switch (op) {
      case "new":
        sets.put(name, args.size() > 1 ? HashSet.of(longs((List<?>) args.get(1))) : new HashSet());
        return null;
      case "copy":
        sets.put((String) args.get(1), new HashSet(sets.get(name)));
        return null;
      case "deserialize":
        sets.put(name, HashSet.deserialize(hex((String) args.get(1))));
        return null;
      default:
        break;
    }
    HashSet s = sets.get(name);
    switch (op) {
      case "insert":
      case "contains":
      case "erase": {
        Object v = value((String) args.get(1));
        if (v instanceof Long) {
          long x = (Long) v;
          return op.equals("insert") ? s.add(x) : op.equals("contains") ? s.contains(x) : s.remove(x);
        }
        return op.equals("insert") ? raw(s).add(v) : op.equals("contains") ? s.contains(v) : s.remove(v);
      }
      case "insert_many":
      case "erase_many": {
        List<?> tokens = (List<?>) args.get(1);
        if (allLongs(tokens)) {
          long[] values = longs(tokens);
          return op.equals("insert_many") ? s.insertMany(values) : s.eraseMany(values);
        }
        List<Object> values = objects(tokens);
        return op.equals("insert_many") ? raw(s).addAll(values) : s.removeAll(values);
      }
      case "size":
        assertEquals(s.longSize(), s.size());
        return s.longSize();
      case "empty":
        return s.isEmpty();
      case "clear":
        s.clear();
        return null;
      case "reserve":
        s.reserve(Long.parseLong((String) args.get(1)));
        return null;
      case "pop":
        return s.pop();
      case "collect":
        return s.collect();
      case "iterate": {
        List<Long> seen = new ArrayList<>();
        for (Long v : s) {
          seen.add(v);
        }
        return seen.stream().mapToLong(Long::longValue).toArray();
      }
      case "iterate_then_insert": {
        Iterator<Long> iterator = s.iterator();
        iterator.next();
        s.add(Long.parseLong((String) args.get(1)));
        return iterator.next();
      }
      case "iterate_then_close": {
        Iterator<Long> iterator = s.iterator();
        iterator.next();
        s.close();
        return iterator.next();
      }
      case "close":
        s.close();
        return null;
      case "serialize":
        return s.serialize();
      default:
        break;
    }
    HashSet other = sets.get((String) args.get(1));
    switch (op) {
      case "equals":
        return s.equals(other);
      case "is_subset":
        return s.isSubset(other);
      case "is_superset":
        return s.isSuperset(other);
      case "is_disjoint":
        return s.isDisjoint(other);
      case "union":
        return s.union(other).collect();
      case "intersection":
        return s.intersection(other).collect();
      case "difference":
        return s.difference(other).collect();
      case "symmetric_difference":
        return s.symmetricDifference(other).collect();
      case "update":
        s.update(other);
        return null;
      case "intersection_update":
        s.intersectionUpdate(other);
        return null;
      case "difference_update":
        s.differenceUpdate(other);
        return null;
      case "symmetric_difference_update":
        s.symmetricDifferenceUpdate(other);
        return null;
      default:
        throw new AssertionError("unknown operation " + op);
    }
  }

  private static Class<? extends Throwable> errorClass(String kind, Statement statement) {
    switch (kind) {
      case "type":
        return statement.args.stream().anyMatch(ConformanceTest::hasNull)
            ? NullPointerException.class : ClassCastException.class;
      case "empty":
        return NoSuchElementException.class;
      case "concurrent":
        return ConcurrentModificationException.class;
      case "format":
        return IllegalArgumentException.class;
      case "closed":
        return IllegalStateException.class;
      default: // "range": only big: values raise it, and they are not applicable
        throw new AssertionError("no Java error for kind " + kind);
    }
  }

  private static void check(Object result, List<Object> expected, String context) {
    Object want = expected.get(0);
    if (want instanceof List) {
      long[] wanted = longs((List<?>) want);
      long[] got = ((long[]) result).clone();
      Arrays.sort(wanted);
      Arrays.sort(got);
      assertArrayEquals(wanted, got, context);
    } else if (want.equals("true") || want.equals("false")) {
      assertEquals(Boolean.valueOf((String) want), result, context);
    } else if (((String) want).startsWith("hex:")) {
      assertArrayEquals(hex((String) want), (byte[]) result, context);
    } else {
      assertEquals(Long.valueOf((String) want), result, context);
    }
  }

  private static void runCase(List<Statement> statements) {
    Map<String, HashSet> sets = new HashMap<>();
    try {
      for (Statement statement : statements) {
        String context = "spec.txt:" + statement.line + ": " + statement.op + " " + statement.args;
        if (statement.args.stream().anyMatch(ConformanceTest::isBig)) {
          ++notApplicable;
          continue;
        }
        ++statementsRun;
        Object want = statement.expected == null ? null : statement.expected.get(0);
        if (want instanceof String && ((String) want).startsWith("error:")) {
          Class<? extends Throwable> error = errorClass(((String) want).substring(6), statement);
          assertThrows(error, () -> call(sets, statement.op, statement.args), context);
          continue;
        }
        Object result = call(sets, statement.op, statement.args);
        if (statement.expected != null) {
          check(result, statement.expected, context);
        } else {
          assertNull(result, context);
        }
      }
    } finally {
      sets.values().forEach(HashSet::close);
    }
  }

  @TestFactory
  Stream<DynamicTest> specCases() throws IOException {
    Map<String, List<Statement>> cases = loadCases();
    if (cases.isEmpty()) {
      fail("the spec has no cases");
    }
    return cases.entrySet().stream()
        .map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> runCase(entry.getValue())));
  }

  @AfterAll
  static void report() {
    System.out.println("java conformance: " + statementsRun + " statements run, " + notApplicable
        + " not applicable (big: integers outside int64 cannot be a Java long)");
  }
}

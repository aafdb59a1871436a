"""Writes bench/results/languages.md from the raw results of the Java, C#, Go
and JavaScript benchmarks (scripts/bench-languages.sh).

    python3 bench/languages_report.py <raw dir> <output.md> [--rounds R]

<raw dir> holds java.tsv, csharp.tsv and javascript.tsv (lines: n, operation,
variant, ns per element) and go.txt (the output of `go test -bench`, one run
per round; ns/op there is a pass over n elements).
"""

import argparse
import datetime
import platform
import re
import subprocess
from pathlib import Path

BULK = ("insert_many", "contains_many")
SCALAR_LIMIT = 3.0
OPERATIONS = ("insert", "contains_hit", "contains_miss", "size", "iterate", "collect") + BULK
FLOORS = ("empty_call", "guarded_empty_call")
# One call for all elements (the others are one call per element).
ONE_CALL = ("collect",) + BULK

# What each row calls: (hashset, native set), per language; "contains" serves
# both the hit and the miss rows.
LANGUAGES = {
    "java": {
        "title": "Java (OpenJDK)",
        "native": "`java.util.HashSet<Long>`",
        "calls": {
            "insert": ("`add(long)`", "`add(Long)`"),
            "contains": ("`contains(long)`", "`contains(Long)`"),
            "size": ("`size()`", "`size()`"),
            "iterate": ("`PrimitiveIterator.OfLong`, per element", "for-each, per element"),
            "collect": ("`collect()` → `long[]`", "for-each into a `long[]`"),
            "insert_many": ("`insertMany(long[])`", "`add` loop into a pre-sized set"),
            "contains_many": ("`containsMany(long[])` → `boolean[]`", "`contains` loop into a `boolean[]`"),
        },
        "guard": "a `synchronized` method (the set's monitor)",
        "step": (2, 0, "`hasNext()` and `nextLong()`, each `synchronized`"),
        "floor": "an empty JNI call with SWIG's arguments",
    },
    "csharp": {
        "title": "C# (Mono)",
        "native": "`System.Collections.Generic.HashSet<long>`",
        "calls": {
            "insert": ("`Add(long)`", "`Add(long)`"),
            "contains": ("`Contains(long)`", "`Contains(long)`"),
            "size": ("`Count`", "`Count`"),
            "iterate": ("`foreach`, per element", "`foreach`, per element"),
            "collect": ("`Collect()` → `long[]`", "`CopyTo(long[])`"),
            "insert_many": ("`InsertMany(long[])`", "`new HashSet<long>(long[])`"),
            "contains_many": ("`ContainsMany(long[])` → `bool[]`", "`Contains` loop into a `bool[]`"),
        },
        "guard": "a `[MethodImpl(Synchronized)]` method (the set's monitor)",
        "step": (1 / 256, 0, "a 256th of one `NativeNextBatch` under the lock (a batch of 256 elements) and the enumerator's modification check"),
        "floor": "an empty P/Invoke with SWIG's arguments (`HandleRef`, `long`, `bool` result)",
    },
    "go": {
        "title": "Go",
        "native": "`map[int64]struct{}`",
        "calls": {
            "insert": ("`Insert`", "`m[k] = struct{}{}`"),
            "contains": ("`Contains`", "`_, ok := m[k]`"),
            "size": ("`Len()`", "`len(m)`"),
            "iterate": ("`Iterate(func)`, per element", "`for k := range m`, per element"),
            "collect": ("`Collect()` → `[]int64`", "`range` into a `[]int64`"),
            "insert_many": ("`InsertMany([]int64)`", "loop into `make(map[int64]struct{}, n)`"),
            "contains_many": ("`ContainsMany([]int64)` → `[]bool`", "loop into a `[]bool`"),
        },
        "guard": "a `sync.Mutex` locked, and unlocked by `defer`",
        "step": (1 / 256, 0, "a 256th of one `NextBatchInto` under the mutex (a batch of 256 elements) and the iterator's modification check"),
        "floor": "an empty cgo call",
    },
    "javascript": {
        "title": "JavaScript (Node.js)",
        "native": "`Set`",
        "calls": {
            "insert": ("`add`", "`add`"),
            "contains": ("`has`", "`has`"),
            "size": ("`size`", "`size`"),
            "iterate": ("`for...of`, per element", "`for...of`, per element"),
            "collect": ("`collect()` → `Array`", "`Array.from(set)`"),
            "insert_many": ("`insertMany(Float64Array)`", "`new Set(Float64Array)`"),
            "contains_many": ("`containsMany(Float64Array)` → `Uint8Array`", "`has` loop into a `Uint8Array`"),
        },
        "guard": "a class method that reads a private field first, as `HashSet.has`",
        "step": (1 / 256, 0, "a 256th of one `next_batch_numbers` call (a batch of 256 elements) and the iterator's modification check"),
        "floor": "an empty addon function (V8 API)",
    },
}

# Why the misses happen and what would close them; the figures are in the
# tables above it (the floors), so the text holds none.
CLOSING = """## What would close the misses

- **size** (all four languages): no native call any more. Each proxy keeps the element count,
  updated under the set's lock from what every mutation already returns (`insert`'s bool,
  `insert_many`'s count, one native `size()` after an in-place two-set operation), and reads it
  without the lock: a plain field in JavaScript, a volatile or atomic read in Java, C# and Go
  (inlined in C# and Go). What is left is Java's: its native set's `size()` is a plain field that
  the JIT hoists out of the loop, while a volatile read has to be repeated every time (a
  non-volatile one could leave another thread's size stale forever).
- **iteration**: batched in Java, C#, Go and JavaScript. One native call copies 256 elements from the
  core's iterator (`next_batch`) into a buffer that the proxy hands out, checking per element a
  modification count that every mutation bumps under the set's lock (on a mismatch the core's
  version decides), so a change still fails the next element; Go's `Iterator.Remove` goes
  through the core's `remove_returned`, and JavaScript's buffer is a `Float64Array` with NaN
  where a `BigInt64Array` view beside it holds an element beyond the safe integers. The core
  fills a batch by finding the full slots of 16 control bytes at once, not by stepping abseil's
  iterator, which branches on every control byte (10^6 elements: 4.7 → 1.9 ns per element):
  C#'s `foreach` at 10^6 went 3.51× → 1.94×. Java's iterator was the last with two guarded
  calls per element (`hasNext`, `nextLong`): batched, 3.17× → 0.33× at 10^5.
- **per-element insert/contains where the floor alone nears 3× the native operation** (Go's cgo
  call against a map miss at 10^5, C#'s P/Invoke plus Mono's monitor against a cache-resident
  `HashSet<long>`): no design with one native call per element reaches it; the bulk calls
  (`insertMany`, `containsMany`) are the route, far below the native sets.
- **JavaScript `collect()`** (met since the core's `collect()` walks 16 control bytes at a time:
  3.25× → 2.51× at 10^6): it makes no heap Number per element: the core's vector becomes a
  `Float64Array` without a copy, and JavaScript copies that into an `Array` that stores its
  Numbers unboxed (BigInts beyond the safe integers keep the old path). What is left is the
  core's `collect()` into fresh memory and that copy, against `Array.from(set)` copying
  references that already exist. The copy is the fastest way V8 offers (4.9 ns per element
  here; `Array.from`, spread, `push` and `slice` of the `Float64Array` take 23–63 ns), and
  checking and converting the elements in one pass gained nothing measurable.
"""

GO_LINE = re.compile(r"^BenchmarkSets/n=(\d+)/(\w+)/(\w+)-\d+\s+\d+\s+([\d.]+) ns/op")


def read_results(raw):
    """{language: {(n, operation, variant): ns per element}}, the minimum over rounds."""
    results = {}
    for language in ("java", "csharp", "javascript"):
        table = results.setdefault(language, {})
        for line in (raw / f"{language}.tsv").read_text().splitlines():
            n, operation, variant, ns = line.split("\t")
            key = (int(n), operation, variant)
            table[key] = min(float(ns), table.get(key, float("inf")))
    table = results.setdefault("go", {})
    for line in (raw / "go.txt").read_text().splitlines():
        match = GO_LINE.match(line)
        if match:
            n, operation, variant, ns_per_pass = match.groups()
            key = (int(n), operation, variant)
            table[key] = min(float(ns_per_pass) / int(n), table.get(key, float("inf")))
    return results


def target(operation):
    return "< 1×" if operation in BULK else f"≤ {SCALAR_LIMIT:g}×"


def met(operation, ratio):
    return ratio < 1 if operation in BULK else ratio <= SCALAR_LIMIT


def calls(info, operation):
    """The (hashset, native) calls of an operation's row."""
    if operation.startswith("contains_") and operation not in BULK:
        outcome = operation.split("_")[1]
        return tuple(f"{call}, {outcome}" for call in info["calls"]["contains"])
    return info["calls"][operation]


def times(ratio):
    return f"{ratio:.0f}" if ratio >= 100 else f"{ratio:.1f}" if ratio >= 10 else f"{ratio:.2f}"


def ns(value):
    return f"{value:.1f}" if value >= 1 else f"{value:.2f}"


def version(command):
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError:
        return "?"
    text = (result.stdout or result.stderr).strip().splitlines()
    return text[0] if text else "?"


def why_missed(info, operation, ours, theirs, floors, n):
    """The measured reason of a missed target, from the floors (bare, guarded)."""
    bare, guarded = floors
    if operation in ONE_CALL:
        return (f"One call for all {n:,} elements (its guarded empty call: {ns(guarded)} ns in all), "
                "so the time is the core's loop and the binding's conversion of every element.")
    if operation == "size":
        return (f"No native call: the count that the proxy keeps, read without the lock, "
                f"{ns(ours)} ns against the native set's {ns(theirs)} ns.")
    if operation == "iterate":
        guarded_calls, bare_calls, which = info["step"]
        floor = guarded_calls * guarded + bare_calls * bare
        cost = f"A step is {which}: {ns(floor)} ns of calls with no work in them"
    else:
        floor = guarded
        cost = f"One call through the guard, with no work in it, is {ns(floor)} ns"
    rest = ("the floor accounts for all of it" if ours <= floor
            else f"the set's work and the conversions add {ns(ours - floor)} ns")
    return f"{cost}, {floor / theirs:.1f}× the native operation ({ns(theirs)} ns); {rest}."


def language_section(language, table, sizes):
    info = LANGUAGES[language]
    lines = [f"## {info['title']}: HashSet vs {info['native']}", ""]
    header = "| operation (hashset / native) |"
    rule = "|---|"
    for n in sizes:
        header += f" N = {n:,}: hashset | native | ratio |"
        rule += "---|---|---|"
    lines += [header + " target |", rule + "---|"]
    missed = []
    for operation in OPERATIONS:
        ours_call, their_call = calls(info, operation)
        row = f"| {ours_call} / {their_call} |"
        for n in sizes:
            ours, theirs = table[(n, operation, "hashset")], table[(n, operation, "native")]
            ratio = ours / theirs
            mark = "" if met(operation, ratio) else " **missed**"
            row += f" {ns(ours)} | {ns(theirs)} | {times(ratio)}×{mark} |"
            if not met(operation, ratio):
                missed.append((operation, n, ours, theirs, ratio))
        lines.append(row + f" {target(operation)} |")
    for floor, label in zip(FLOORS, (info["floor"], f"the same inside {info['guard']}")):
        row = f"| floor: {label} |"
        for n in sizes:
            row += f" {ns(table[(n, floor, 'floor')])} | | |"
        lines.append(row + " |")
    lines.append("")

    if missed:
        lines.append("Missed, measured against the floors:")
        lines.append("")
        for operation, n, ours, theirs, ratio in missed:
            lines.append(f"- {calls(info, operation)[0]}, N = {n:,}: {times(ratio)}× the native set "
                         f"(target {target(operation)}). "
                         + why_missed(info, operation, ours, theirs, [table[(n, f, "floor")] for f in FLOORS], n))
        lines.append("")
    return lines, missed


SHORT_NAMES = {"insert": "insert", "contains_hit": "contains hit", "contains_miss": "contains miss",
               "size": "size", "iterate": "iteration", "collect": "collect()",
               "insert_many": "bulk insert", "contains_many": "bulk contains"}


def ratio_table(results, sizes):
    """Every ratio in one table, N = sizes[0] / sizes[1] / ... per cell; missed ones in bold."""
    sizes_label = " / ".join(f"{n:,}" for n in sizes)
    lines = [f"Ratios to the native set at N = {sizes_label} (**bold**: target missed), and the "
             "floor (ns per guarded empty call):", "",
             "| language | " + " | ".join(SHORT_NAMES[op] for op in OPERATIONS) + " | floor |",
             "|---" * (len(OPERATIONS) + 2) + "|"]
    for language in ("java", "csharp", "go", "javascript"):
        table = results[language]
        cells = []
        for operation in OPERATIONS:
            ratios = []
            for n in sizes:
                ratio = table[(n, operation, "hashset")] / table[(n, operation, "native")]
                ratios.append(times(ratio) if met(operation, ratio) else f"**{times(ratio)}**")
            cells.append(" / ".join(ratios))
        floor = " / ".join(ns(table[(n, "guarded_empty_call", "floor")]) for n in sizes)
        lines.append(f"| {LANGUAGES[language]['title']} | " + " | ".join(cells) + f" | {floor} |")
    return lines + [""]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    results = read_results(args.raw)
    sizes = sorted({n for n, _, _ in results["java"]})
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    versions = ", ".join([
        version(["java", "-version"]),
        version(["mono", "--version"]).split(" (")[0],
        version(["go", "version"]),
        "Node " + version(["node", "--version"]),
    ])
    lines = [
        "# Benchmarks of the Java, C#, Go and JavaScript bindings",
        "",
        f"`scripts/bench-languages.sh` on {now}: {platform.platform()}, 2 cores (shared, noisy); "
        f"{versions}.",
        "",
        "Each binding against its language's own set, on the same distinct random 64-bit keys "
        "(JavaScript: safe-integer Numbers), timed with the language's own tool (a warmed-up "
        "`System.nanoTime` loop in Java, `Stopwatch` in C#, `testing.B` in Go, "
        "`process.hrtime.bigint` in Node). Figures are ns per element, the minimum over "
        f"{args.rounds} rounds in which the variants alternate; ratio = hashset / native "
        "(below 1: hashset is faster). Hits are the keys in another order, misses other random "
        "keys. Targets: bulk insert and bulk contains faster than the native set (ratio < 1), "
        f"every other operation within {SCALAR_LIMIT:g}× of it. The floors are one empty call "
        "through the same mechanism as the binding (ns per call), bare and inside the binding's "
        "per-call guard.",
        "",
        "## Summary",
        "",
        "| language | targets met | missed (ratio to the native set) |",
        "|---|---|---|",
    ]
    sections = []
    for language in ("java", "csharp", "go", "javascript"):
        section, missed = language_section(language, results[language], sizes)
        sections += section
        total = len(OPERATIONS) * len(sizes)
        misses = "; ".join(f"{calls(LANGUAGES[language], op)[0]} at {n:,}: {times(ratio)}×"
                           for op, n, _, _, ratio in missed) or "none"
        lines.append(f"| {LANGUAGES[language]['title']} | {total - len(missed)} / {total} | {misses} |")
    lines.append("")
    lines += ratio_table(results, sizes)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(lines + sections) + "\n" + CLOSING)


if __name__ == "__main__":
    main()

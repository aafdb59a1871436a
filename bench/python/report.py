"""Turns the benchmark results into bench/results/latest.md and scaling.png.

    report.py PYTHON_JSON CPP_JSON OUT_DIR

PYTHON_JSON is bench.py's output, CPP_JSON Google Benchmark's JSON output of
core_bench. The Markdown is also printed.
"""

import datetime
import json
import os
import platform
import re
import sys

HEADLINE_N = 10**6  # the N of the main table and of the Python targets
CPP_TARGET_N = 10**7


def fmt(x):
    if x is None:
        return "—"
    return f"{x:.0f}" if x >= 100 else f"{x:.1f}" if x >= 1 else f"{x:.2f}"


def md(text):
    """A table cell: a literal | must be escaped."""
    return text.replace("|", "\\|")


def load_cpp(path, clock="cpu_time"):
    """{(container, op, n): min ns per element} over the repetitions.

    CPU time by default, as in the Python benchmark (on a shared machine wall
    time is mostly other tenants); clock="real_time" gives wall time, which
    also holds what growing tables wait for outside the process (the kernel
    compacting memory for huge pages, the hypervisor backing fresh pages)."""
    out = {}
    if not path or not os.path.exists(path):
        return out
    with open(path) as f:
        data = json.load(f)
    scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}
    for b in data.get("benchmarks", []):
        if b.get("run_type") != "iteration":
            continue
        container, op, n = re.match(r"([^/]+)/([^/]+)/(\d+)", b["name"]).groups()
        n = int(n)
        ns = b[clock] * scale[b["time_unit"]] / n
        key = (container, op, n)
        out[key] = min(out.get(key, float("inf")), ns)
    return out


def status(value, goal, lower_is_better=True):
    """'met' or 'missed by X%': value and goal are ratios."""
    if value is None:
        return "not measured"
    ok = value <= goal if lower_is_better else value >= goal
    if ok:
        return "**met**"
    off = value / goal if lower_is_better else goal / value
    return f"missed ({off:.2f}x off)"


def memory_probe_text(py):
    """The host's memory speed during the Python run (bench.host_memory_probe)."""
    if "memory_probe" not in py:  # results from before the probe existed
        return ""
    start, end = py["memory_probe"]
    return (f"random 8-byte reads from 256 MiB took {start:.1f} ns each at its start and {end:.1f} at its end "
            "(memory-bound figures move with it between runs), ")


def bulk_lookup_text(py):
    """Which lookup HashSet's bulk contains ran (hashset::bulk_lookup_instructions)."""
    if "bulk_lookup_instructions" not in py:  # results from before it was recorded
        return ""
    return f"bulk contains used the {py['bulk_lookup_instructions']} lookup, "


def main():
    py_path, cpp_path, out_dir = sys.argv[1:4]
    with open(py_path) as f:
        py = json.load(f)
    cpp = load_cpp(cpp_path)
    cpp_wall = load_cpp(cpp_path, "real_time")
    sizes = py["sizes"]
    n_head = max(n for n in sizes if n <= HEADLINE_N)
    ops = py["ops"]
    head = ops[str(n_head)]

    def t(op, variant, n=n_head):
        return ops.get(str(n), {}).get(op, {}).get(variant)

    def ratio(op_a, var_a, op_b, var_b, n=n_head):
        a, b = t(op_a, var_a, n), t(op_b, var_b, n)
        return None if a is None or b is None else a / b

    floor = "empty method s.noop(x)"
    slot_floor = "empty slot: x in s"
    rows = []  # (target, measured, goal text, status)

    def row(label, value, goal, lower=True, unit="x"):
        goal_text = ("<= " if lower else ">= ") + f"{goal}{unit}"
        shown = "—" if value is None else f"{value:.2f}{unit}"
        rows.append((label, shown, goal_text, status(value, goal, lower)))

    s = "set"
    # Both spellings against set's own membership test, `x in s` (the faster
    # of set's two: `set.__contains__(x)` is a method call).
    for kind, goal in (("hit", 0.25), ("miss", 0.5)):
        row(f"`x in s` {kind} / set `x in s`", ratio(f"x in s, {kind}", "HashSet", f"x in s, {kind}", s), goal)
        row(f"`s.contains(x)` {kind} / set `x in s`",
            ratio(f"s.contains(x), {kind}", "HashSet", f"x in s, {kind}", s), goal)
    row("`s.add(x)` / `set.add`", ratio("scalar insert: s.add(x)", "HashSet", "scalar insert: s.add(x)", s), 0.5)
    row("`s.insert(x)` / `set.add`", ratio("scalar insert: s.insert(x)", "HashSet", "scalar insert: s.add(x)", s), 0.5)
    fl = "floor (empty method)"
    # The per-call floor is compared where the table is in cache (smallest N),
    # and at the headline N, where each call also pays a cache/TLB miss. A
    # method's floor is an empty method; `x in s`'s is an empty sq_contains slot.
    for n_floor in sorted({sizes[0], n_head}):
        for op, floor_op in (("s.contains(x), hit", floor), ("s.contains(x), miss", floor),
                             ("x in s, hit", slot_floor), ("x in s, miss", slot_floor),
                             ("scalar insert: s.add(x)", floor), ("scalar insert: s.insert(x)", floor),
                             ("scalar insert: s.add(x) after s.reserve(N)", floor)):
            floor_name = "empty slot" if floor_op == slot_floor else "empty method"
            row(f"{op.replace('scalar insert: ', '')} / {floor_name} (floor), N = {n_floor:,}",
                ratio(op, "HashSet", floor_op, fl, n_floor), 1.3)
    row("`len(s)` / set", ratio("len(s)", "HashSet", "len(s)", s), 1.2)
    row("`collect()` / numpy `tolist()` of the same values in the same order",
        ratio("collect() to a list", "HashSet", "collect() to a list", "numpy"), 1.1)
    for op, np_name in (("bulk insert from numpy", "np.unique"), ("bulk contains from numpy", "np.isin"),
                        ("bulk discard from numpy", "np.setdiff1d")):
        short = op.replace(" from numpy", "")
        r_set = ratio(op, s, op, "HashSet")
        row(f"{short}: speed-up over the set route", r_set, 15, lower=False)
        if np_name == "np.isin":
            row(f"{short}: speed-up over {np_name}", ratio(op, "numpy", op, "HashSet"), 15, lower=False)
        else:
            sp = ratio(op, "numpy", op, "HashSet")
            rows.append((f"{short}: speed-up over {np_name}", "—" if sp is None else f"{sp:.2f}x", "(no target)", ""))
        row(f"{short}: time / C++ core's loop", ratio(op, "HashSet", op, "C++ core"), 1.2)
    n_pair = 10**6 if str(10**6) in ops else n_head
    for op in ("union a | b", "intersection a & b"):
        row(f"{op} (two sets of {n_pair:,}): speed-up over set", ratio(op, s, op, "HashSet", n_pair), 3, lower=False)
    mem = py.get("memory", {})
    rows.append((f"memory at {py['memory_n']:,} elements", f"{mem.get('HashSet', 0):.1f} B", "<= 20 B",
                 status(mem.get("HashSet"), 20)))
    n_cpp = max([n for (_, _, n) in cpp] or [0])
    for op, label in (("insert", "insert"), ("lookup_hit", "lookup hit"), ("lookup_miss", "lookup miss"),
                      ("bulk_insert", "bulk insert_many"), ("bulk_lookup_hit", "bulk contains_many, hits")):
        ours, std = cpp.get(("HashSet", op, n_cpp)), cpp.get(("unordered_set", op, n_cpp))
        sp = std / ours if ours and std else None
        row(f"C++ {label} at {n_cpp:,}: speed-up over std::unordered_set", sp, 2, lower=False)

    lines = []
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines += [
        "# Benchmark results", "",
        f"`scripts/bench.sh` on {when}: {platform.platform()}, {os.cpu_count()} cores (shared, noisy: "
        f"load average {py['load'][0]:.1f} at the start of the Python run, {py['load'][1]:.1f} at its end), "
        f"{memory_probe_text(py)}"
        f"{bulk_lookup_text(py)}"
        f"Python {py['python']}. Python figures are the minimum over alternating rounds of CPU time, in ns per "
        f"element; queries are distinct int objects (random 64-bit keys). Targets at N = {n_head:,} "
        "unless stated.", "",
        "## Targets", "",
        "| target | measured | goal | status |", "|---|---|---|---|",
    ]
    lines += [f"| {md(a)} | {b} | {c} | {d} |" for a, b, c, d in rows]

    variants = ["HashSet", "set", "swig stock proxy", "swig stock -builtin", "pybind11", "ctypes", "numpy",
                "C++ core", "floor (empty method)"]
    present = [v for v in variants if any(v in head[op] for op in head)]
    lines += ["", f"## Python, N = {n_head:,}: ns per element (ratio to `set`)", "",
              "| operation | " + " | ".join(present) + " |", "|---|" + "---|" * len(present)]
    for op, by in head.items():
        base = by.get("set")
        cells = []
        for v in present:
            x = by.get(v)
            if x is None:
                cells.append("")
            elif base and v != "set":
                cells.append(f"{fmt(x)} ({x / base:.2f}x)")
            else:
                cells.append(fmt(x))
        lines.append(f"| {md(op)} | " + " | ".join(cells) + " |")
    lines += ["", "`swig stock`: SWIG's own `%template(UnorderedSet) std::unordered_set<long long>`; "
              "`ctypes`: a hand-written Python class over a C API; `C++ core`: the core's own loop called "
              "once through ctypes on the same numpy buffer (bulk rows: the bulk call; scalar rows: one "
              "`insert()` / `contains()` call per value); `floor`: an empty method taking one int64, "
              "added to the real interface (same typemaps). Bulk routes without the binding: `set` = "
              "`set(a.tolist())`, `[x in s for x in a.tolist()]`, `s.difference_update(a.tolist())`; "
              "`numpy` = `np.unique`, `np.isin`, `np.setdiff1d`, `np.union1d`, `np.intersect1d`, "
              "`tolist()` of an array of the same values in HashSet's order (of the sorted array it is faster: "
              "CPython makes ints from sorted values faster, its sign and size branches then being predictable)."]

    lines += ["", "## Scaling: ns per element, HashSet / set (the floor rows: the empty method or slot)", "",
              "| operation | " + " | ".join(f"{n:,}" for n in sizes) + " |", "|---|" + "---|" * len(sizes)]
    for op in head:
        cells = []
        ours = "HashSet" if "HashSet" in head[op] else "floor (empty method)"
        for n in sizes:
            a, b = t(op, ours, n), t(op, "set", n)
            cells.append(f"{fmt(a)} / {fmt(b)}" if a is not None and b is not None else fmt(a))
        lines.append(f"| {md(op)} | " + " | ".join(cells) + " |")

    if mem:
        lines += ["", f"## Memory: resident bytes per element at {py['memory_n']:,}", "",
                  "| " + " | ".join(mem) + " |", "|" + "---|" * len(mem),
                  "| " + " | ".join(f"{v:.1f}" for v in mem.values()) + " |"]

    if cpp:
        cpp_sizes = sorted({n for (_, _, n) in cpp})
        lines += ["", "## C++ core vs std::unordered_set (Google Benchmark, CPU time, min of repetitions)", "",
                  "ns per element, HashSet / unordered_set (speed-up); the `(wall)` rows: the inserts in wall "
                  "time, which also holds what a growing table waits for outside the process", "",
                  "| op | " + " | ".join(f"{n:,}" for n in cpp_sizes) + " |", "|---|" + "---|" * len(cpp_sizes)]
        for op, times in (("insert", cpp), ("insert (wall)", cpp_wall), ("lookup_hit", cpp), ("lookup_miss", cpp),
                          ("erase", cpp), ("iterate", cpp), ("bulk_insert", cpp), ("bulk_insert (wall)", cpp_wall),
                          ("bulk_lookup_hit", cpp)):
            name = op.replace(" (wall)", "")
            cells = []
            for n in cpp_sizes:
                a, b = times.get(("HashSet", name, n)), times.get(("unordered_set", name, n))
                cells.append(f"{fmt(a)} / {fmt(b)} ({b / a:.1f}x)" if a and b else "")
            lines.append(f"| {md(op)} | " + " | ".join(cells) + " |")
    lines += ["", "![ns per element vs N](scaling.png)", ""]
    text = "\n".join(lines)
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "latest.md"), "w") as f:
        f.write(text)
    print(text)
    plot(py, os.path.join(out_dir, "scaling.png"))


def plot(py, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = ["scalar insert: s.add(x)", "x in s, hit", "x in s, miss", "iteration: for x in s",
              "collect() to a list", "bulk insert from numpy", "bulk contains from numpy", "union a | b"]
    sizes = py["sizes"]
    styles = {"HashSet": ("C3", "o", 2.5), "set": ("k", "s", 2.0), "swig stock proxy": ("C1", "v", 1),
              "swig stock -builtin": ("C5", "^", 1), "pybind11": ("C2", "D", 1), "ctypes": ("C4", "x", 1),
              "numpy": ("C0", "*", 1), "C++ core": ("C7", "+", 1)}
    fig, axes = plt.subplots(2, 4, figsize=(15, 7.5))
    for ax, op in zip(axes.flat, panels):
        for v, (color, marker, width) in styles.items():
            ys = [py["ops"][str(n)].get(op, {}).get(v) for n in sizes]
            if all(y is None for y in ys):
                continue
            xs = [n for n, y in zip(sizes, ys) if y is not None]
            ax.plot(xs, [y for y in ys if y is not None], color=color, marker=marker, lw=width, ms=4, label=v)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(op, fontsize=10)
        ax.set_xlabel("N")
        ax.set_ylabel("ns / element")
        ax.grid(True, which="both", alpha=0.3)
    handles, labels = [], []
    for ax in axes.flat:
        for h, label in zip(*ax.get_legend_handles_labels()):
            if label not in labels:
                handles.append(h)
                labels.append(label)
    fig.legend(handles, labels, loc="lower center", ncol=len(labels), fontsize=9)
    fig.suptitle("hashset: ns per element vs N (min of alternating rounds; lower is better)")
    fig.tight_layout(rect=(0, 0.05, 1, 0.96))
    fig.savefig(path, dpi=70)


if __name__ == "__main__":
    main()

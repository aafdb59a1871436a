"""Python benchmark: hashset.HashSet against Python's set and other bindings.

Every variant is timed in the same process on the same data, in alternating
rounds (the order of the variants rotates every round); a figure is the
minimum over all rounds of the process's CPU time, in ns per element.
Queries are distinct int objects (made by tolist() from a shuffled copy), as
in real use.

Run by scripts/bench.sh, which builds the modules in build/bench and puts
build/bench/python and build/bench/pymods on sys.path. Writes JSON results
(bench/python/report.py turns them into the Markdown table and the plot).
"""

import argparse
import ctypes
import gc
import json
import os
import pickle
import platform
import subprocess
import sys
import time

import numpy as np

import hashset
import hashset_noop
import hashset_pybind
import stock_uset_builtin
import stock_uset_proxy

# CPU time of the process, not wall time: on a shared machine a run of a few
# hundred milliseconds (the set and numpy routes) is almost never spared by
# other tenants, a run of a few milliseconds often is, so wall time would
# favour the fast variants. (First touch of fresh pages is CPU time here too.)
NS = time.process_time_ns

# -- the ctypes binding: a C API over the core, wrapped by hand ---------------

_lib = ctypes.CDLL(os.path.join(os.path.dirname(stock_uset_proxy.__file__), "libhashset_capi.so"))
_P, _I64, _SZ = ctypes.c_void_p, ctypes.c_int64, ctypes.c_size_t
for _name, _res, _args in [
    ("hs_new", _P, []), ("hs_free", None, [_P]), ("hs_bulk_lookup_instructions", ctypes.c_char_p, []),
    ("hs_insert", ctypes.c_int, [_P, _I64]), ("hs_contains", ctypes.c_int, [_P, _I64]),
    ("hs_erase", ctypes.c_int, [_P, _I64]), ("hs_noop", None, [_P, _I64]),
    ("hs_size", _SZ, [_P]), ("hs_insert_many", _SZ, [_P, _P, _SZ]),
    ("hs_erase_many", _SZ, [_P, _P, _SZ]), ("hs_contains_many", None, [_P, _P, _SZ, _P]),
    ("hs_insert_each", _SZ, [_P, _P, _SZ]), ("hs_contains_each", _SZ, [_P, _P, _SZ]),
    ("hs_collect", _SZ, [_P, _P]), ("hs_union", _P, [_P, _P]), ("hs_intersection", _P, [_P, _P]),
    ("hs_serialize", ctypes.POINTER(ctypes.c_uint8), [_P, ctypes.POINTER(_SZ)]),
    ("hs_free_bytes", None, [ctypes.POINTER(ctypes.c_uint8)]),
    ("hs_deserialize", _P, [ctypes.c_char_p, _SZ]),
]:
    _fn = getattr(_lib, _name)
    _fn.restype, _fn.argtypes = _res, _args


class CtypesHashSet:
    """What a hand-made ctypes wrapper of the C API looks like."""

    __slots__ = ("_h",)

    def __init__(self, handle=None):
        self._h = handle if handle is not None else _lib.hs_new()

    def __del__(self):
        _lib.hs_free(self._h)

    def add(self, value):
        _lib.hs_insert(self._h, value)

    def contains(self, value):
        return _lib.hs_contains(self._h, value) != 0

    __contains__ = contains

    def noop(self, value):
        _lib.hs_noop(self._h, value)

    def __len__(self):
        return _lib.hs_size(self._h)

    def to_array(self):
        out = np.empty(_lib.hs_size(self._h), dtype=np.int64)
        _lib.hs_collect(self._h, out.ctypes.data)
        return out

    def collect(self):
        return self.to_array().tolist()

    def __iter__(self):
        return iter(self.collect())

    def insert_many(self, values):
        values = np.ascontiguousarray(values, dtype=np.int64)
        return _lib.hs_insert_many(self._h, values.ctypes.data, values.size)

    def discard_many(self, values):
        values = np.ascontiguousarray(values, dtype=np.int64)
        return _lib.hs_erase_many(self._h, values.ctypes.data, values.size)

    def contains_many(self, values):
        values = np.ascontiguousarray(values, dtype=np.int64)
        out = np.empty(values.size, dtype=np.bool_)
        _lib.hs_contains_many(self._h, values.ctypes.data, values.size, out.ctypes.data)
        return out

    def __or__(self, other):
        return CtypesHashSet(_lib.hs_union(self._h, other._h))

    def __and__(self, other):
        return CtypesHashSet(_lib.hs_intersection(self._h, other._h))

    def serialize(self):
        size = _SZ()
        data = _lib.hs_serialize(self._h, ctypes.byref(size))
        try:
            return ctypes.string_at(data, size.value)
        finally:
            _lib.hs_free_bytes(data)

    @classmethod
    def deserialize(cls, data):
        return cls(_lib.hs_deserialize(data, len(data)))

    def __reduce__(self):
        return (CtypesHashSet.deserialize, (self.serialize(),))


def core_insert(entry, values):
    """A C++ loop over the buffer into a new set (entry: hs_insert_many, or
    hs_insert_each for one insert() per value): one foreign call, no checks."""
    handle = _lib.hs_new()
    try:
        return entry(handle, values.ctypes.data, values.size)
    finally:
        _lib.hs_free(handle)


# -- variants -------------------------------------------------------------------
# Each variant: how to build one from the data (untimed) and, per operation,
# a callable run(prepared) -> None that is timed, or absent when the variant
# cannot do it.

VARIANTS = ["HashSet", "set", "swig stock proxy", "swig stock -builtin", "pybind11", "ctypes", "numpy",
            "C++ core", "floor (empty method)"]


def build(variant, d):
    if variant == "HashSet":
        return hashset.HashSet(d["keys"])
    if variant == "set":
        return set(d["keys_list"])
    if variant == "swig stock proxy":
        return stock_uset_proxy.UnorderedSet(d["keys_list"])
    if variant == "swig stock -builtin":
        return stock_uset_builtin.UnorderedSet(d["keys_list"])
    if variant == "pybind11":
        s = hashset_pybind.HashSet()
        s.insert_many(d["keys"])
        return s
    if variant == "ctypes":
        s = CtypesHashSet()
        s.insert_many(d["keys"])
        return s
    if variant == "numpy":
        return np.sort(d["keys"])
    raise KeyError(variant)


def new_empty(variant):
    return {
        "HashSet": hashset.HashSet, "set": set, "swig stock proxy": stock_uset_proxy.UnorderedSet,
        "swig stock -builtin": stock_uset_builtin.UnorderedSet, "pybind11": hashset_pybind.HashSet,
        "ctypes": CtypesHashSet,
    }[variant]()


def reserved_set(n):
    s = hashset.HashSet()
    s.reserve(n)
    return s


# Loops kept as plain as possible: the method is bound once, as a careful user would.
def loop_call(fn, values):
    for x in values:
        fn(x)


def loop_in(s, values):
    for x in values:
        x in s  # noqa: B015 (the expression is what is timed)


def loop_len(s, count):
    for _ in range(count):
        len(s)


def loop_iter(s):
    for _ in s:
        pass


SCALAR_INSERT = {
    "HashSet": "add", "set": "add", "swig stock proxy": "insert", "swig stock -builtin": "insert",
    "pybind11": "add", "ctypes": "add",
}
CONTAINS_METHOD = {
    "HashSet": "contains", "set": "__contains__", "swig stock proxy": "__contains__",
    "swig stock -builtin": "__contains__", "pybind11": "contains", "ctypes": "contains",
}


def operations(d, sets):
    """{op: {variant: (prepare, run, elements)}}: prepare() (untimed) gives
    run's argument; elements is what the time is divided by."""
    n, q = d["n"], len(d["hit_list"])
    ops = {}

    # At 10^7 the slow bindings (about 1 us per insert) are left out of the
    # scalar insert, to keep the full run within its time budget.
    inserters = [v for v in SCALAR_INSERT if n < 10**7 or v in ("HashSet", "set", "pybind11")]
    ops["scalar insert: s.add(x)"] = {
        v: (lambda v=v: getattr(new_empty(v), SCALAR_INSERT[v]), lambda f: loop_call(f, d["keys_list"]), n)
        for v in inserters}
    # "C++ core": the same inserts / lookups as a C++ loop of scalar calls,
    # i.e. the table's own share of the time.
    ops["scalar insert: s.add(x)"]["C++ core"] = (
        lambda: d["keys"], lambda a: core_insert(_lib.hs_insert_each, a), n)
    ops["scalar insert: s.insert(x)"] = {
        "HashSet": (lambda: hashset.HashSet().insert, lambda f: loop_call(f, d["keys_list"]), n)}
    # The same into a table sized beforehand: the call without the growth.
    ops["scalar insert: s.add(x) after s.reserve(N)"] = {
        "HashSet": (lambda: reserved_set(n).add, lambda f: loop_call(f, d["keys_list"]), n)}
    # Removing present values, each from a copy (made untimed) of the full set.
    ops["s.discard(x), hit"] = {
        v: (lambda v=v: sets[v].copy().discard, lambda f: loop_call(f, d["hit_list"]), q) for v in ("HashSet", "set")}
    for name, queries in (("hit", d["hit_list"]), ("miss", d["miss_list"])):
        ops[f"s.contains(x), {name}"] = {
            v: (lambda v=v: getattr(sets[v], CONTAINS_METHOD[v]), lambda f, qs=queries: loop_call(f, qs), q)
            for v in CONTAINS_METHOD}
        ops[f"s.contains(x), {name}"]["C++ core"] = (
            lambda qs=d[f"{name}_array"]: qs, lambda a: _lib.hs_contains_each(sets["ctypes"]._h, a.ctypes.data, a.size), q)
        ops[f"x in s, {name}"] = {
            v: (lambda v=v: sets[v], lambda s, qs=queries: loop_in(s, qs), q) for v in CONTAINS_METHOD}
    ops["empty slot: x in s"] = {
        "floor (empty method)": (lambda: d["noop_set"], lambda s: loop_in(s, d["hit_list"]), q)}
    ops["empty method s.noop(x)"] = {
        "floor (empty method)": (lambda: d["noop_set"].noop, lambda f: loop_call(f, d["hit_list"]), q),
        "swig stock proxy": (lambda: sets["swig stock proxy"].noop, lambda f: loop_call(f, d["hit_list"]), q),
        "swig stock -builtin": (lambda: sets["swig stock -builtin"].noop, lambda f: loop_call(f, d["hit_list"]), q),
        "pybind11": (lambda: sets["pybind11"].noop, lambda f: loop_call(f, d["hit_list"]), q),
        "ctypes": (lambda: sets["ctypes"].noop, lambda f: loop_call(f, d["hit_list"]), q),
    }
    len_calls = min(q, 200_000)
    ops["len(s)"] = {v: (lambda v=v: sets[v], lambda s: loop_len(s, len_calls), len_calls) for v in CONTAINS_METHOD}
    ops["iteration: for x in s"] = {v: (lambda v=v: sets[v], loop_iter, n) for v in CONTAINS_METHOD}
    collect = {
        "HashSet": lambda s: s.collect(), "set": list, "swig stock proxy": list, "swig stock -builtin": list,
        "pybind11": lambda s: s.collect(), "ctypes": lambda s: s.collect(), "numpy": lambda a: a.tolist(),
    }
    ops["collect() to a list"] = {v: (lambda v=v: sets[v], f, n) for v, f in collect.items()}
    # numpy's tolist() of the same values in the same order as HashSet's
    # collect(): CPython makes ints from sorted values faster than from values
    # in hash order (its sign and size branches are then predictable).
    ops["collect() to a list"]["numpy"] = (lambda: np.asarray(sets["HashSet"].to_array()), collect["numpy"], n)
    to_array = {"HashSet": lambda s: np.asarray(s.to_array()), "pybind11": lambda s: s.to_array(),
                "ctypes": lambda s: s.to_array(), "set": lambda s: np.fromiter(s, np.int64, len(s))}
    ops["to_array() (numpy)"] = {v: (lambda v=v: sets[v], f, n) for v, f in to_array.items()}

    keys, keys_list = d["keys"], d["keys_list"]
    ops["bulk insert from numpy"] = {
        "HashSet": (lambda: keys, lambda a: hashset.HashSet().insert_many(a), n),
        "set": (lambda: keys, lambda a: set(a.tolist()), n),
        "pybind11": (lambda: keys, lambda a: hashset_pybind.HashSet().insert_many(a), n),
        "ctypes": (lambda: keys, lambda a: CtypesHashSet().insert_many(a), n),
        "numpy": (lambda: keys, np.unique, n),
        "C++ core": (lambda: keys, lambda a: core_insert(_lib.hs_insert_many, a), n),
    }
    mixed = d["mixed"]
    ops["bulk contains from numpy"] = {
        "HashSet": (lambda: sets["HashSet"], lambda s: s.contains_many(mixed), n),
        "set": (lambda: sets["set"], lambda s: [x in s for x in mixed.tolist()], n),
        "pybind11": (lambda: sets["pybind11"], lambda s: s.contains_many(mixed), n),
        "ctypes": (lambda: sets["ctypes"], lambda s: s.contains_many(mixed), n),
        "numpy": (lambda: sets["numpy"], lambda a: np.isin(mixed, a), n),
        "C++ core": (lambda: sets["ctypes"], lambda s: _lib.hs_contains_many(
            s._h, mixed.ctypes.data, mixed.size, d["found"].ctypes.data), n),
    }
    discard = d["discard"]
    ops["bulk discard from numpy"] = {
        "HashSet": (lambda: hashset.HashSet(keys), lambda s: s.discard_many(discard), n),
        "set": (lambda: set(keys_list), lambda s: s.difference_update(discard.tolist()), n),
        "pybind11": (lambda: build("pybind11", d), lambda s: s.discard_many(discard), n),
        "ctypes": (lambda: build("ctypes", d), lambda s: s.discard_many(discard), n),
        "numpy": (lambda: sets["numpy"], lambda a: np.setdiff1d(a, discard, assume_unique=True), n),
        "C++ core": (lambda: build("ctypes", d), lambda s: _lib.hs_erase_many(
            s._h, discard.ctypes.data, discard.size), n),
    }
    pairs = d["pairs"]
    ops["union a | b"] = {v: (lambda v=v: pairs[v], lambda p: p[0] | p[1], n) for v in pairs}
    ops["intersection a & b"] = {v: (lambda v=v: pairs[v], lambda p: p[0] & p[1], n) for v in pairs}
    ops["pickle round-trip"] = {
        v: (lambda v=v: sets[v], lambda s: pickle.loads(pickle.dumps(s, pickle.HIGHEST_PROTOCOL)), n)
        for v in ("HashSet", "set", "pybind11", "ctypes", "numpy")}
    return ops


def make_data(n, queries, seed=20261124):
    rng = np.random.default_rng(seed + n)
    while True:
        raw = rng.integers(-(2**63), 2**63 - 1, size=2 * n, dtype=np.int64)
        if np.unique(raw).size == raw.size:
            break
    keys, misses = raw[:n].copy(), raw[n:].copy()
    hits = keys[rng.permutation(n)[:queries]]
    d = {
        "n": n,
        "keys": keys,
        "keys_list": keys.tolist(),
        "hit_list": hits.tolist(),           # new int objects, not the set's
        "miss_list": misses[:queries].tolist(),
        "hit_array": hits,
        "miss_array": misses[:queries].copy(),
    }
    mixed = np.concatenate([keys[: n // 2], misses[: n - n // 2]])
    d["mixed"] = mixed[rng.permutation(n)]                    # half hits, half misses
    d["found"] = np.empty(n, dtype=np.bool_)
    d["discard"] = keys[rng.permutation(n)[: n // 2]]          # half of the elements
    # Two sets of n elements sharing half of them.
    other = np.concatenate([keys[: n // 2], misses[: n - n // 2]])
    d["other"] = other
    return d


def make_pairs(d):
    a, b = d["keys"], d["other"]
    pairs = {
        "HashSet": (hashset.HashSet(a), hashset.HashSet(b)),
        "set": (set(a.tolist()), set(b.tolist())),
        # numpy has no | and & on sorted arrays: np.union1d / np.intersect1d instead.
        "numpy": _NumpyPair(np.sort(a), np.sort(b)),
    }
    p, q = hashset_pybind.HashSet(), hashset_pybind.HashSet()
    p.insert_many(a)
    q.insert_many(b)
    pairs["pybind11"] = (p, q)
    c, e = CtypesHashSet(), CtypesHashSet()
    c.insert_many(a)
    e.insert_many(b)
    pairs["ctypes"] = (c, e)
    return pairs


def time_ops(n, rounds, queries, log, only=()):
    d = make_data(n, queries)
    d["noop_set"] = hashset_noop.HashSet()
    sets = {v: build(v, d) for v in ("HashSet", "set", "swig stock proxy", "swig stock -builtin",
                                     "pybind11", "ctypes", "numpy")}
    d["pairs"] = make_pairs(d)
    ops = {op: v for op, v in operations(d, sets).items() if not only or any(o in op for o in only)}
    reps = max(1, 20_000 // n)  # small N: several passes per round
    results = {}
    for op, variants in ops.items():
        names = list(variants)
        best = {v: float("inf") for v in names}
        for r in range(rounds):
            order = names[r % len(names):] + names[: r % len(names)]
            for v in order:
                prepare, run, elements = variants[v]
                for _ in range(reps):
                    arg = prepare()
                    gc.collect()
                    gc.disable()
                    t0 = NS()
                    run(arg)
                    t1 = NS()
                    gc.enable()
                    del arg
                    best[v] = min(best[v], (t1 - t0) / elements)
        results[op] = best
        log(f"  N={n:>9,} {op:<30} " + "  ".join(f"{v}={t:.1f}" for v, t in best.items()))
    return results


class _NumpyPair(tuple):
    """A pair of sorted arrays whose | and & are np.union1d / np.intersect1d."""

    def __new__(cls, a, b):
        return super().__new__(cls, (_SortedArray(a), _SortedArray(b)))


class _SortedArray:
    __slots__ = ("a",)

    def __init__(self, a):
        self.a = a

    def __or__(self, other):
        return np.union1d(self.a, other.a)

    def __and__(self, other):
        return np.intersect1d(self.a, other.a, assume_unique=True)


# -- memory: resident bytes per element, one fresh process per variant ----------

MEMORY_CHILD = r"""
import sys, gc
import numpy as np
sys.path[:0] = {path!r}
import bench
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096
n, variant = {n}, {variant!r}
keys = bench.make_data(n, 1)["keys"]
gc.collect(); before = rss()
if variant == "set":
    s = set(keys.tolist())
elif variant in ("swig stock proxy", "swig stock -builtin"):
    s = bench.build(variant, {{"keys_list": keys.tolist()}})
else:
    s = bench.build(variant, {{"keys": keys}})
gc.collect()
print((rss() - before) / n)
"""


def memory(n, log):
    out = {}
    for variant in ("HashSet", "set", "swig stock -builtin", "pybind11", "ctypes", "numpy"):
        code = MEMORY_CHILD.format(path=sys.path, n=n, variant=variant)
        res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             cwd=os.path.dirname(os.path.abspath(__file__)))
        out[variant] = float(res.stdout.split()[-1])
        log(f"  memory N={n:,} {variant}: {out[variant]:.1f} bytes/element")
    return out


def host_memory_probe():
    """ns per random 8-byte read from a 256 MiB array (a numpy gather, best of 5).

    The host is a shared VM whose memory speed changes from hour to hour; the
    memory-bound figures (lookups at 10^6 and up) move with it, numpy's
    sorting much less, so the report gives this next to its ratios.
    """
    table = np.ones(32 << 20, dtype=np.int64)
    positions = np.random.default_rng(1).integers(0, table.size, 1 << 22)
    best = float("inf")
    for _ in range(5):
        t0 = NS()
        table.take(positions)
        best = min(best, NS() - t0)
    return best / positions.size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="a smoke run: N up to 10^5")
    parser.add_argument("--out", required=True, help="JSON results file")
    # For working on one figure (the report needs a full run):
    parser.add_argument("--sizes", help="comma-separated N, instead of the default ones")
    parser.add_argument("--only", action="append", default=[],
                        help="time only the operations whose name contains this (repeatable); no memory")
    parser.add_argument("--rounds", type=int, help="rounds per operation, instead of 5 up to 10^6 and 3 above")
    args = parser.parse_args()
    sizes = [10**3, 10**4, 10**5] if args.quick else [10**3, 10**4, 10**5, 10**6, 10**7]
    if args.sizes:
        sizes = [int(float(n)) for n in args.sizes.split(",")]
    log = lambda s: print(s, flush=True)  # noqa: E731
    # The machine is shared: the load says how much to trust a run.
    results = {"sizes": sizes, "python": platform.python_version(), "ops": {}, "load": [os.getloadavg()[0]],
               "memory_probe": [host_memory_probe()],
               "bulk_lookup_instructions": _lib.hs_bulk_lookup_instructions().decode()}
    started = time.time()
    for n in sizes:
        rounds = args.rounds or (2 if args.quick else (5 if n <= 10**6 else 3))
        queries = min(n, 10**6)  # scalar lookups: at most 10^6 queries per round
        results["ops"][str(n)] = time_ops(n, rounds, queries, log, args.only)
        gc.collect()
    if not args.only:
        mem_n = 10**5 if args.quick else 10**7
        results["memory_n"] = mem_n
        results["memory"] = memory(mem_n, log)
    results["seconds"] = time.time() - started
    results["load"].append(os.getloadavg()[0])
    results["memory_probe"].append(host_memory_probe())
    with open(args.out, "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()

"""Leaks over time: create / fill / iterate / destroy cycles with flat memory.

Each cycle makes sets every way (iterable, numpy buffer, pickle, set algebra),
iterates them (fully, partly, and past a mutation), takes every error path
(bad values, bad bytes, KeyError) and drops everything. Resident memory is
measured after a warm-up and at the end; growth must stay within a bound far
below what one leaked set per cycle would cost.

Profiles: short (default): 10,000 cycles; long (HASHSET_LONG=1): 1,000,000
cycles (HASHSET_LEAK_CYCLES overrides).
"""

import gc
import os
import pickle

import numpy as np
import pytest

from hashset import HashSet

LONG = os.environ.get("HASHSET_LONG") == "1"
CYCLES = int(os.environ.get("HASHSET_LEAK_CYCLES", "1000000" if LONG else "10000"))
# Resident memory means nothing under ASan (quarantine) or valgrind.
pytestmark = pytest.mark.skipif(
    "asan" in os.environ.get("LD_PRELOAD", "") or bool(os.environ.get("HASHSET_NO_RSS")),
    reason="memory is not measurable under a sanitizer")
GROWTH_LIMIT = 4 * 2**20  # bytes; a leaked 64-element set per cycle costs >= 512 bytes


def rss_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def cycle(i, buffer, bad_bytes):
    s = HashSet(range(i % 64))
    s.insert_many(buffer)
    t = HashSet(buffer)
    assert len(s | t) >= len(t)
    s &= t
    s ^= {1, 2, 3}
    u = pickle.loads(pickle.dumps(s, pickle.HIGHEST_PROTOCOL))
    assert u == s
    assert sum(1 for _ in u) == len(u)
    iterator = iter(t)
    next(iterator)
    t.add(1000)
    with pytest.raises(RuntimeError):
        next(iterator)
    partial = iter(u)
    next(partial, None)
    del u  # the iterator keeps the elements alive, then goes too
    with pytest.raises(TypeError):
        s.insert_many([1, 2, "x"])
    with pytest.raises(OverflowError):
        s.add(2**64)
    with pytest.raises(ValueError):
        HashSet.deserialize(bad_bytes)
    with pytest.raises(KeyError):
        HashSet().pop()
    s.collect()
    s.serialize()
    del partial


def test_create_fill_iterate_destroy_cycles_keep_memory_flat():
    buffer = np.arange(-32, 32, dtype=np.int64)
    bad_bytes = HashSet(range(10)).serialize()[:-1]
    warm_up = max(CYCLES // 10, 1000)
    for i in range(warm_up):
        cycle(i, buffer, bad_bytes)
    gc.collect()
    before = rss_bytes()
    for i in range(CYCLES):
        cycle(i, buffer, bad_bytes)
    gc.collect()
    growth = rss_bytes() - before
    print(f"leaks: {CYCLES} cycles after {warm_up} warm-up, resident memory "
          f"{before / 2**20:.1f} MiB -> growth {growth / 2**10:.0f} KiB")
    assert growth < GROWTH_LIMIT


def test_large_sets_are_returned_to_the_system():
    def churn(rounds):
        for _ in range(rounds):
            s = HashSet(np.arange(500_000, dtype=np.int64))
            t = s.copy()
            t.discard_many(np.arange(0, 500_000, 2, dtype=np.int64))
            del s, t
    for _ in range(3):  # let the allocator reach its plateau (glibc's mmap threshold moves)
        churn(2)
    gc.collect()
    before = rss_bytes()
    rounds = 100 if LONG else 8
    churn(rounds)
    gc.collect()
    # Leaking the two tables of a round would cost >= 16 MiB per round.
    assert rss_bytes() - before < 32 * 2**20

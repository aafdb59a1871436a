"""Iteration is fail-fast like set's; pickling, copying and freeing are safe."""

import copy
import gc
import os
import pickle
import random
import subprocess
import sys
import textwrap

import pytest

from hashset import HashSet

MUTATIONS = {
    "add": lambda s: s.add(1000),
    "insert": lambda s: s.insert(1000),
    "discard": lambda s: s.discard(1),
    "remove": lambda s: s.remove(1),
    "pop": lambda s: s.pop(),
    "clear": lambda s: s.clear(),
    "update": lambda s: s.update([1000, 1001]),
    "|=": lambda s: s.__ior__({1000}),
    "&=": lambda s: s.__iand__({1}),
    "-=": lambda s: s.__isub__({1}),
    "^=": lambda s: s.__ixor__({1}),
    "insert_many": lambda s: s.insert_many([1000]),
    "discard_many": lambda s: s.discard_many([1]),
    "__init__": lambda s: s.__init__([5]),
}


@pytest.mark.parametrize("mutate", MUTATIONS.values(), ids=MUTATIONS.keys())
def test_changing_the_set_during_iteration_raises_runtime_error(mutate):
    s = HashSet(range(1, 50))
    oracle = set(range(1, 50))
    iterator, oracle_iterator = iter(s), iter(oracle)
    next(iterator)
    next(oracle_iterator)
    mutate(s)
    with pytest.raises(RuntimeError, match="changed during iteration"):
        next(iterator)
    with pytest.raises(RuntimeError):  # it stays broken, as set's does
        next(iterator)


def test_for_loop_that_adds_raises_like_set():
    for container in (set(range(10)), HashSet(range(10))):
        with pytest.raises(RuntimeError):
            for value in container:
                container.add(value + 100)


def test_calls_that_change_nothing_do_not_break_iteration():
    s = HashSet([1, 2, 3])
    seen = []
    for value in s:
        s.add(1)
        s.discard(99)
        s.update([2, 3])
        s.difference_update([42])
        seen.append(value)
    assert sorted(seen) == [1, 2, 3]


def test_iterator_protocol_matches_set_iterators():
    s = HashSet(range(5))
    iterator = iter(s)
    assert iter(iterator) is iterator
    assert iterator.__length_hint__() == 5
    first = next(iterator)
    assert iterator.__length_hint__() == 4
    assert sorted([first, *iterator]) == [0, 1, 2, 3, 4]
    assert list(iterator) == [] and iterator.__length_hint__() == 0
    s.add(99)  # after exhaustion: stays exhausted, no error
    with pytest.raises(StopIteration):
        next(iterator)


def test_iteration_yields_every_element_once():
    s = HashSet(range(-1000, 1000, 7))
    assert sorted(s) == list(range(-1000, 1000, 7))
    assert len(list(s)) == len(s)


def test_iterator_outlives_its_set():
    s = HashSet(range(100))
    iterator = iter(s)
    next(iterator)
    del s
    gc.collect()
    assert len(list(iterator)) == 99
    assert sorted(iter(HashSet([3, 1, 2]))) == [1, 2, 3]  # a temporary set


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_round_trips(protocol):
    for s in (HashSet(), HashSet([-(2**63), 2**63 - 1, 0, -1]), HashSet(range(1000))):
        restored = pickle.loads(pickle.dumps(s, protocol))
        assert type(restored) is HashSet and restored == s and restored is not s


def test_pickle_is_compact():
    rng = random.Random(5)
    s = HashSet(rng.getrandbits(64) - 2**63 for _ in range(100_000))
    size = len(pickle.dumps(s, pickle.HIGHEST_PROTOCOL))
    assert size <= 8 * len(s) + 200
    assert size < len(pickle.dumps(set(s), pickle.HIGHEST_PROTOCOL))


def test_serialize_is_canonical_and_deserialize_checks_its_input():
    a, b = HashSet(range(100)), HashSet(reversed(range(100)))
    b.add(1000)
    b.discard(1000)
    assert a.serialize() == b.serialize()
    good = a.serialize()
    assert HashSet.deserialize(bytearray(good)) == a
    assert HashSet.deserialize(memoryview(good)) == a
    for bad in (b"", good[:-1], good[:10], good + b"\0", b"XSET" + good[4:],
                good[:20] + bytes([good[20] ^ 1]) + good[21:]):
        with pytest.raises(ValueError):
            HashSet.deserialize(bad)
    with pytest.raises(TypeError):
        HashSet.deserialize("not bytes")


def test_copy_and_deepcopy():
    s = HashSet([1, 2, 3])
    for duplicate in (copy.copy(s), copy.deepcopy(s), s.copy()):
        assert type(duplicate) is HashSet and duplicate == s
        duplicate.add(4)
        assert 4 not in s
    nested = copy.deepcopy({"key": [s]})
    assert nested["key"][0] == s and nested["key"][0] is not s


def rss_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096


# Resident memory means nothing under ASan (quarantine) or valgrind.
RSS_IS_MEANINGFUL = "asan" not in os.environ.get("LD_PRELOAD", "") and not os.environ.get(
    "HASHSET_NO_RSS")


@pytest.mark.skipif(not RSS_IS_MEANINGFUL, reason="memory is not measurable under a sanitizer")
def test_sets_are_freed_when_the_last_reference_goes():
    def churn():
        for _ in range(30):
            s = HashSet(range(200_000))
            iterator = iter(s)
            next(iterator)
            del s, iterator
    churn()  # warm up the allocator
    before = rss_bytes()
    churn()
    # 30 sets of 200k elements are ~100 MB if leaked; allow allocator noise.
    assert rss_bytes() - before < 8 * 2**20


def test_interpreter_exit_with_live_sets_is_clean():
    script = textwrap.dedent("""
        from hashset import HashSet
        keep = [HashSet(range(i * 100)) for i in range(50)]
        iterators = [iter(s) for s in keep]
        cycle = [HashSet([1])]
        cycle.append(cycle)
        print("done")
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=False, timeout=60)
    assert result.returncode == 0 and result.stdout == "done\n"
    assert result.stderr == ""  # no SWIG leak warnings


@pytest.mark.parametrize("name", ["this", "thisown", "own", "disown", "acquire", "append", "next"])
def test_swig_ownership_handles_are_not_exposed(name):
    s = HashSet([1])
    assert not hasattr(s, name) and not hasattr(iter(s), name)


@pytest.mark.skipif(not RSS_IS_MEANINGFUL, reason="memory is not measurable under a sanitizer")
def test_setting_thisown_cannot_leak_the_set():
    def churn():
        for _ in range(20_000):
            s = HashSet(range(64))
            s.thisown = False  # an ordinary attribute now: SWIG's handle is gone
            del s
    churn()
    before = rss_bytes()
    churn()
    assert rss_bytes() - before < 4 * 2**20  # a leak would be about 25 MB

"""Threads sharing one HashSet: exact final contents, no crash, fail-fast iteration.

The contract: every call into the C++ set holds the GIL for its whole
duration (the binding never releases it), so calls from threads are
serialised; a HashSet is never corrupted by threads, and an iterator whose set
another thread changed raises RuntimeError on its next step.

Profiles: short (default): 8 threads x 3,000 operations;
long (HASHSET_LONG=1): 8 threads x 100,000 operations
(HASHSET_THREAD_OPS overrides the count).
"""

import os
import random
import sys
import threading

import numpy as np
import pytest

from hashset import HashSet

LONG = os.environ.get("HASHSET_LONG") == "1"
THREADS = 8
OPS = int(os.environ.get("HASHSET_THREAD_OPS", "100000" if LONG else "3000"))
SPAN = 1 << 20  # thread k owns the keys [k * SPAN, (k + 1) * SPAN)


@pytest.fixture(autouse=True)
def frequent_switches():
    """Switch threads as often as CPython allows, to interleave calls finely."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(previous)


def run_threads(target, count):
    errors = []

    def guarded(index):
        try:
            target(index)
        except BaseException as error:  # pylint: disable=broad-except
            errors.append((index, error))

    threads = [threading.Thread(target=guarded, args=(k,)) for k in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
        assert not thread.is_alive(), "deadlock: a thread did not finish"
    assert not errors, errors


def test_mixed_operations_on_one_shared_set_give_exact_contents():
    shared = HashSet()
    models = [set() for _ in range(THREADS)]
    iterations = {"finished": 0, "interrupted": 0}

    def worker(k):
        rng = random.Random(k)
        mine, base = models[k], k * SPAN
        for _ in range(OPS):
            op = rng.randrange(12)
            key = base + rng.randrange(512)
            if op <= 2:
                assert shared.insert(key) is (key not in mine)
                mine.add(key)
            elif op == 3:
                shared.add(key)
                mine.add(key)
            elif op <= 5:
                assert shared.erase(key) is (key in mine)
                mine.discard(key)
            elif op == 6:  # own keys are exact even while others write
                assert (key in shared) is (key in mine)
            elif op == 7:
                keys = np.array([base + rng.randrange(512) for _ in range(16)], dtype=np.int64)
                assert shared.insert_many(keys) == len(set(keys.tolist()) - mine)
                mine.update(keys.tolist())
            elif op == 8:
                keys = [base + rng.randrange(512) for _ in range(16)]
                assert shared.discard_many(keys) == len(set(keys) & mine)
                mine.difference_update(keys)
            elif op == 9:  # a bad call changes nothing, whatever others do
                with pytest.raises((TypeError, OverflowError)):
                    shared.insert_many([key, rng.choice([2**63, "x", 1.5])])
            elif op == 10:  # reads of everything: other threads' keys may come and go
                other = rng.randrange(THREADS) * SPAN + rng.randrange(512)
                other in shared  # pylint: disable=pointless-statement
                assert len(shared) >= 0
                if rng.random() < 0.1:
                    copy = shared.copy()
                    assert HashSet.deserialize(copy.serialize()) == copy
            else:  # iterate while others mutate: finishes, or raises RuntimeError
                try:
                    for value in shared:
                        assert isinstance(value, int)
                    iterations["finished"] += 1
                except RuntimeError as error:
                    assert "changed during iteration" in str(error)
                    iterations["interrupted"] += 1

    run_threads(worker, THREADS)
    expected = set().union(*models)
    assert len(shared) == len(expected)
    assert shared == expected and sorted(shared) == sorted(expected)
    if OPS >= 3000:  # then some iteration surely overlapped another thread's change
        assert iterations["interrupted"] > 0
    print(f"threads: {THREADS} x {OPS} operations, final size {len(shared)}, "
          f"iterations finished {iterations['finished']}, interrupted {iterations['interrupted']}")


def test_pop_and_clear_from_many_threads_lose_and_duplicate_nothing():
    shared = HashSet(range(THREADS * OPS // 4))
    popped = [[] for _ in range(THREADS)]

    def worker(k):
        while True:
            try:
                popped[k].append(shared.pop())
            except KeyError:
                return

    run_threads(worker, THREADS)
    every = [value for values in popped for value in values]
    assert len(shared) == 0
    assert sorted(every) == list(range(THREADS * OPS // 4))


def test_iteration_in_one_thread_while_another_mutates_raises():
    shared = HashSet(range(1000))
    started, mutated = threading.Event(), threading.Event()
    outcome = []

    def iterate():
        iterator = iter(shared)
        next(iterator)
        started.set()
        mutated.wait(timeout=60)
        try:
            next(iterator)
        except RuntimeError as error:
            outcome.append(str(error))

    def mutate():
        started.wait(timeout=60)
        shared.add(5000)
        mutated.set()

    run_threads(lambda k: (iterate if k == 0 else mutate)(), 2)
    assert outcome == ["Set changed during iteration"]


def test_sets_made_and_dropped_in_threads_while_iterators_cross_threads():
    handoff = []
    lock = threading.Lock()

    def worker(k):
        rng = random.Random(100 + k)
        for _ in range(max(OPS // 20, 50)):
            s = HashSet(rng.randrange(1000) for _ in range(50))
            iterator = iter(s)
            next(iterator, None)
            with lock:
                handoff.append(iterator)  # another thread finishes it after s is gone
                theirs = handoff.pop(0) if len(handoff) > THREADS else None
            del s
            if theirs is not None:
                assert all(isinstance(v, int) for v in theirs)

    run_threads(worker, THREADS)

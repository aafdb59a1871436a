"""Differential state machine: random operations on a HashSet and a Python set.

Hypothesis applies the same random sequence of calls to two HashSets and to
two Python sets (the model) and compares them after every step: every method,
the operators with HashSet / set / frozenset on either side, bulk calls with
buffers (numpy, array, bytes, memoryview), bad inputs (which must raise the
documented error and change nothing), a live iterator interleaved with every
other call (fail-fast exactly when the contents changed), pickling, copying,
replacing a set while an iterator over it is alive, and dropping the last
reference mid-iteration.

Profiles (HASHSET_STATE_MACHINE or HASHSET_LONG=1):
  short (default, about 2 s): 50 sequences of up to 50 steps, bursts of 30;
  long: sequences of up to 100 steps, bursts of 1000 calls, until
        HASHSET_STATE_MACHINE_OPERATIONS (default 1,000,000) operations (steps
        plus burst calls) have run in total; the counts are printed.
    HASHSET_LONG=1 python3 -m pytest -s tests/python/test_state_machine.py
"""

import array
import copy
import gc
import os
import pickle
import random

import numpy as np
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (RuleBasedStateMachine, initialize, invariant, precondition,
                                 rule, run_state_machine_as_test)

from hashset import HashSet

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
EDGES = [INT64_MIN, INT64_MIN + 1, -1, 0, 1, 2**53 + 1, INT64_MAX - 1, INT64_MAX]

LONG = (os.environ.get("HASHSET_LONG") == "1"
        or os.environ.get("HASHSET_STATE_MACHINE") == "long")
LONG_OPERATIONS = int(os.environ.get("HASHSET_STATE_MACHINE_OPERATIONS", "1000000"))
BURST = 1000 if LONG else 30  # calls per `burst` step

# Small values collide between the sets; edges and any int64 test exactness.
values = st.one_of(st.integers(-30, 30), st.integers(-30, 30), st.sampled_from(EDGES),
                   st.integers(INT64_MIN, INT64_MAX))
value_lists = st.lists(values, max_size=30)
out_of_range = st.one_of(st.integers(max_value=INT64_MIN - 1), st.integers(min_value=INT64_MAX + 1))
wrong_types = st.one_of(st.floats(allow_nan=True), st.text(max_size=2), st.none(),
                        st.just(b"1"), st.just((1,)), st.just(1j))
bad_values = st.one_of(out_of_range, wrong_types)
# What `x in s` may be asked: hashable things, so that the model can answer too.
probes = st.one_of(values, out_of_range, st.floats(allow_nan=True), st.text(max_size=2),
                   st.none(), st.just(np.int64(3)), st.just(np.int32(-2)), st.just(True))

DTYPES = {np.int64: (INT64_MIN, INT64_MAX), np.int32: (-(2**31), 2**31 - 1),
          np.int16: (-(2**15), 2**15 - 1), np.int8: (-128, 127), np.uint8: (0, 255),
          np.uint16: (0, 2**16 - 1), np.uint32: (0, 2**32 - 1), np.uint64: (0, INT64_MAX)}
ARRAY_CODES = {"q": (INT64_MIN, INT64_MAX), "i": (-(2**31), 2**31 - 1), "B": (0, 255),
               "h": (-(2**15), 2**15 - 1), "Q": (0, INT64_MAX)}


@st.composite
def iterables(draw, vals=value_lists):
    """The same values in one of the many shapes a HashSet takes in."""
    items = draw(vals)
    kind = draw(st.sampled_from(["list", "tuple", "set", "frozenset", "hashset", "gen", "range",
                                 "numpy", "numpy-strided", "array", "bytes", "memoryview"]))
    if kind == "list":
        return items
    if kind == "tuple":
        return tuple(items)
    if kind == "set":
        return set(items)
    if kind == "frozenset":
        return frozenset(items)
    if kind == "hashset":
        return HashSet(items)
    if kind == "gen":
        return (x for x in items)
    if kind == "range":
        start = draw(st.integers(-40, 40))
        return range(start, start + draw(st.integers(0, 20)), draw(st.sampled_from([1, 2, 3, -1])))
    if kind in ("numpy", "numpy-strided"):
        dtype = draw(st.sampled_from(sorted(DTYPES, key=str)))
        low, high = DTYPES[dtype]
        data = np.array([x for x in items if low <= x <= high], dtype=dtype)
        return data[::2] if kind == "numpy-strided" else data
    if kind == "array":
        code = draw(st.sampled_from(sorted(ARRAY_CODES)))
        low, high = ARRAY_CODES[code]
        return array.array(code, [x for x in items if low <= x <= high])
    data = bytes(x for x in items if 0 <= x <= 255)
    return data if kind == "bytes" else memoryview(bytearray(data))


@st.composite
def bad_iterables(draw):
    """Valid values with a bad one somewhere (often last), or a bad buffer."""
    kind = draw(st.sampled_from(["list", "list", "gen", "float-array", "uint64-array", "str"]))
    if kind == "float-array":
        return np.array(draw(st.lists(st.floats(), min_size=1, max_size=5)), dtype=np.float64)
    if kind == "uint64-array":
        good = draw(st.lists(st.integers(0, 30), max_size=5))
        return np.array(good + [draw(st.integers(INT64_MAX + 1, 2**64 - 1))], dtype=np.uint64)
    if kind == "str":
        return draw(st.text(min_size=1, max_size=3))  # iterates into 1-char strings
    items = draw(value_lists)
    items.insert(draw(st.integers(0, len(items))), draw(bad_values))
    return items if kind == "list" else (x for x in items)


def as_model(iterable):
    """The model's view of an iterable (consumes generators: draw twice)."""
    return set(int(x) for x in iterable)


def twin(iterable):
    """Two independent copies of an iterable, one for each side."""
    if isinstance(iterable, (HashSet, np.ndarray, array.array)):
        return iterable, list(iterable)
    if isinstance(iterable, memoryview):
        return iterable, iterable.tobytes()
    if hasattr(iterable, "__next__"):
        items = list(iterable)
        return (x for x in items), items
    return iterable, iterable


class Counter:
    steps = 0  # Hypothesis steps (rules)
    operations = 0  # steps plus the calls made by bursts


class HashSetMachine(RuleBasedStateMachine):
    """self.sets[i] mirrors self.models[i]; rules act on set `which`."""

    def __init__(self):
        super().__init__()
        self.sets = [HashSet(), HashSet()]
        self.models = [set(), set()]
        self.iteration = None  # [iterator, set index or None, expected, seen, stale, state]
        self.snapshots = [frozenset(), frozenset()]

    @initialize(first=value_lists, second=value_lists)
    def fill(self, first, second):
        self.sets = [HashSet(first), HashSet(second)]
        self.models = [set(first), set(second)]
        self.snapshots = [frozenset(m) for m in self.models]

    # -- single values -------------------------------------------------------

    @rule(which=st.integers(0, 1), value=values)
    def add(self, which, value):
        assert self.sets[which].add(value) is None
        self.models[which].add(value)

    @rule(which=st.integers(0, 1), value=values)
    def insert(self, which, value):
        expected = value not in self.models[which]
        assert self.sets[which].insert(value) is expected
        self.models[which].add(value)

    @rule(which=st.integers(0, 1), value=values)
    def discard_or_erase(self, which, value):
        expected = value in self.models[which]
        if value % 2:
            assert self.sets[which].erase(value) is expected
        else:
            assert self.sets[which].discard(value) is None
        self.models[which].discard(value)

    @rule(which=st.integers(0, 1), value=values)
    def remove(self, which, value):
        if value in self.models[which]:
            self.sets[which].remove(value)
            self.models[which].remove(value)
        else:
            with pytest.raises(KeyError):
                self.sets[which].remove(value)

    @rule(which=st.integers(0, 1))
    def pop(self, which):
        if self.models[which]:
            value = self.sets[which].pop()
            assert type(value) is int
            self.models[which].remove(value)
        else:
            with pytest.raises(KeyError):
                self.sets[which].pop()

    @rule(which=st.integers(0, 1), probe=probes)
    def membership(self, which, probe):
        s, m = self.sets[which], self.models[which]
        assert (probe in s) == (probe in m)
        if isinstance(probe, int) and INT64_MIN <= probe <= INT64_MAX:
            assert s.contains(probe) == (probe in m)

    @rule(which=st.integers(0, 1))
    def clear(self, which):
        self.sets[which].clear()
        self.models[which].clear()

    @rule(which=st.integers(0, 1), count=st.integers(0, 200))
    def reserve(self, which, count):
        self.sets[which].reserve(count)  # may rehash: an iterator may or may not notice
        self.maybe_stale(which)

    # -- bulk calls ------------------------------------------------------------

    @rule(which=st.integers(0, 1), source=iterables())
    def insert_many(self, which, source):
        source, mirror = twin(source)
        new = as_model(mirror) - self.models[which]
        assert self.sets[which].insert_many(source) == len(new)
        self.models[which] |= new

    @rule(which=st.integers(0, 1), source=iterables())
    def discard_many(self, which, source):
        source, mirror = twin(source)
        gone = as_model(mirror) & self.models[which]
        assert self.sets[which].discard_many(source) == len(gone)
        self.models[which] -= gone

    @rule(which=st.integers(0, 1), sources=st.lists(iterables(), max_size=3))
    def update(self, which, sources):
        pairs = [twin(x) for x in sources]
        self.sets[which].update(*[p[0] for p in pairs])
        for _, mirror in pairs:
            self.models[which] |= as_model(mirror)

    @rule(which=st.integers(0, 1), sources=st.lists(iterables(), max_size=3),
          method=st.sampled_from(["intersection_update", "difference_update"]))
    def filter_update(self, which, sources, method):
        pairs = [twin(x) for x in sources]
        getattr(self.sets[which], method)(*[p[0] for p in pairs])
        getattr(self.models[which], method)(*[as_model(p[1]) for p in pairs])

    @rule(which=st.integers(0, 1), source=iterables())
    def symmetric_difference_update(self, which, source):
        source, mirror = twin(source)
        self.sets[which].symmetric_difference_update(source)
        self.models[which] ^= as_model(mirror)

    @rule(which=st.integers(0, 1), source=iterables())
    def reinitialise(self, which, source):
        source, mirror = twin(source)
        self.sets[which].__init__(source)  # like set.__init__: start over
        self.models[which] = as_model(mirror)
        self.maybe_stale(which)

    # -- set algebra between the two sets and with Python sets -----------------

    @rule(op=st.sampled_from(["|", "&", "-", "^"]), left=st.integers(0, 1),
          right=st.integers(0, 1), python_side=st.sampled_from([None, "left", "right"]),
          frozen=st.booleans())
    def binary_operator(self, op, left, right, python_side, frozen):
        a, b = self.sets[left], self.sets[right]
        ma, mb = self.models[left], self.models[right]
        kind = frozenset if frozen else set
        if python_side == "left":
            a = kind(ma)
        elif python_side == "right":
            b = kind(mb)
        result = {"|": lambda x, y: x | y, "&": lambda x, y: x & y,
                  "-": lambda x, y: x - y, "^": lambda x, y: x ^ y}[op](a, b)
        expected = {"|": ma | mb, "&": ma & mb, "-": ma - mb, "^": ma ^ mb}[op]
        assert isinstance(result, HashSet) and result == expected
        assert sorted(result) == sorted(expected)

    @rule(op=st.sampled_from(["|=", "&=", "-=", "^="]), left=st.integers(0, 1),
          right=st.integers(0, 1), python_right=st.booleans())
    def inplace_operator(self, op, left, right, python_right):
        other = set(self.models[right]) if python_right else self.sets[right]
        mother = set(self.models[right])
        s, m = self.sets[left], self.models[left]
        if op == "|=":
            s |= other
            m |= mother
        elif op == "&=":
            s &= other
            m &= mother
        elif op == "-=":
            s -= other
            m -= mother
        else:
            s ^= other
            m ^= mother
        assert s is self.sets[left]

    @rule(method=st.sampled_from(["union", "intersection", "difference", "symmetric_difference"]),
          which=st.integers(0, 1), sources=st.lists(iterables(), min_size=1, max_size=3))
    def new_set_methods(self, method, which, sources):
        if method == "symmetric_difference":
            sources = sources[:1]
        pairs = [twin(x) for x in sources]
        result = getattr(self.sets[which], method)(*[p[0] for p in pairs])
        expected = getattr(self.models[which], method)(*[as_model(p[1]) for p in pairs])
        assert type(result) is HashSet and result == expected

    @rule(left=st.integers(0, 1), right=st.integers(0, 1), python_right=st.booleans())
    def comparisons(self, left, right, python_right):
        a, ma, mb = self.sets[left], self.models[left], self.models[right]
        b = set(mb) if python_right else self.sets[right]
        assert (a == b) == (ma == mb) and (a != b) == (ma != mb)
        assert (a <= b) == (ma <= mb) and (a < b) == (ma < mb)
        assert (a >= b) == (ma >= mb) and (a > b) == (ma > mb)
        assert (b <= a) == (mb <= ma) and (b > a) == (mb > ma)
        assert a.issubset(b) == ma.issubset(mb) and a.issuperset(b) == ma.issuperset(mb)
        assert a.isdisjoint(b) == ma.isdisjoint(mb)
        assert a.issubset(list(mb)) == ma.issubset(mb)
        assert a.isdisjoint(iter(list(mb))) == ma.isdisjoint(mb)

    # -- bad inputs: the documented error, and nothing changes ---------------

    @rule(which=st.integers(0, 1), value=bad_values,
          call=st.sampled_from(["add", "insert", "discard", "remove", "erase", "contains"]))
    def bad_value(self, which, value, call):
        expected = OverflowError if isinstance(value, int) else TypeError
        with pytest.raises(expected):
            getattr(self.sets[which], call)(value)

    @rule(which=st.integers(0, 1), source=bad_iterables(),
          call=st.sampled_from(["insert_many", "discard_many", "update", "constructor",
                                "symmetric_difference_update", "union", "|=", "__init__"]))
    def bad_bulk_input(self, which, source, call):
        s = self.sets[which]
        with pytest.raises((TypeError, OverflowError)):
            if call == "constructor":
                HashSet(source)
            elif call == "|=":
                s |= set(source)
            elif call == "union":
                s.union([1], source)
            elif call == "update":
                s.update([99], source)
            else:
                getattr(s, call)(source)

    @rule(which=st.integers(0, 1), other=st.sampled_from([[1], (1,), "ab", 3, None]),
          op=st.sampled_from(["|", "&", "-", "^", "<=", "<", ">=", ">", "|=", "&="]))
    def operator_with_non_set(self, which, other, op):
        s = self.sets[which]
        with pytest.raises(TypeError):
            if op == "|=":
                s |= other
            elif op == "&=":
                s &= other
            else:
                eval(f"s {op} other")  # pylint: disable=eval-used
        assert s is self.sets[which]
        assert (s == other) is False and (s != other) is True

    @rule(which=st.integers(0, 1), cut=st.integers(0, 40), flip=st.integers(0, 400))
    def corrupted_bytes(self, which, cut, flip):
        data = bytearray(self.sets[which].serialize())
        if cut < len(data) and cut % 3 == 0:
            del data[cut:]
        else:
            data[flip % len(data)] ^= 1 << (flip % 8)
        with pytest.raises(ValueError):
            HashSet.deserialize(bytes(data))

    # -- copies: the set is replaced by an equal new object --------------------

    @rule(which=st.integers(0, 1), how=st.sampled_from(
        ["pickle", "copy", "deepcopy", "deserialize", "repr", "constructor", "numpy"]),
        protocol=st.integers(0, pickle.HIGHEST_PROTOCOL))
    def replace_by_copy(self, which, how, protocol):
        s = self.sets[which]
        if how == "pickle":
            new = pickle.loads(pickle.dumps(s, protocol))
        elif how == "copy":
            new = copy.copy(s) if protocol % 2 else s.copy()
        elif how == "deepcopy":
            new = copy.deepcopy([s])[0]
        elif how == "deserialize":
            new = HashSet.deserialize(s.serialize())
        elif how == "repr":
            new = eval(repr(s), {"HashSet": HashSet})  # pylint: disable=eval-used
        elif how == "constructor":
            new = HashSet(s)
        else:
            new = HashSet(np.array(s.collect(), dtype=np.int64))
        assert type(new) is HashSet and new is not s and new == self.models[which]
        self.sets[which] = new  # the old object goes away now, unless an iterator holds it
        if self.iteration is not None and self.iteration[1] == which:
            self.iteration[1] = None  # the iterator's set is gone: it goes on, detached

    # -- iteration interleaved with everything else ----------------------------

    @rule(which=st.integers(0, 1))
    def start_iteration(self, which):
        # [iterator, set index (None once detached), expected, seen, stale, state]
        self.iteration = [iter(self.sets[which]), which, set(self.models[which]), set(), "no",
                          "running"]

    @precondition(lambda self: self.iteration is not None)
    @rule(count=st.integers(1, 10))
    def advance_iteration(self, count):
        iterator, _, expected, seen, stale, state = self.iteration
        for _ in range(count):
            if state == "exhausted":
                with pytest.raises(StopIteration):
                    next(iterator)
                continue
            if state == "broken" or stale == "must":
                with pytest.raises(RuntimeError, match="changed during iteration"):
                    next(iterator)
                self.iteration[5] = state = "broken"
                continue
            try:
                value = next(iterator)
            except StopIteration:
                assert seen == expected
                self.iteration[5] = state = "exhausted"
            except RuntimeError:
                assert stale == "may"
                self.iteration[5] = state = "broken"
            else:
                assert value in expected and value not in seen
                seen.add(value)
                if stale == "no":
                    assert iterator.__length_hint__() == len(expected) - len(seen)

    @precondition(lambda self: self.iteration is not None)
    @rule()
    def drop_iteration(self):
        self.iteration = None

    @rule(source=value_lists, count=st.integers(0, 5))
    def drop_last_reference_mid_iteration(self, source, count):
        s = HashSet(source)
        iterator = iter(s)
        taken = [next(iterator) for _ in range(min(count, len(set(source))))]
        del s
        gc.collect()
        assert sorted(taken + list(iterator)) == sorted(set(source))

    @rule(which=st.integers(0, 1))
    def for_loop_that_mutates(self, which):
        s, m = self.sets[which], self.models[which]
        if not m:
            return
        with pytest.raises(RuntimeError):
            for value in s:
                s.discard(value)
                m.discard(value)

    # -- many quick operations from one seed -------------------------------------

    @rule(which=st.integers(0, 1), seed=st.integers(0, 2**32 - 1))
    def burst(self, which, seed):
        """BURST calls drawn from random.Random(seed), checked after each one:
        cheaper per call than a Hypothesis step, so the long profile reaches
        millions of operations (a failing seed still replays exactly)."""
        rng = random.Random(seed)
        s, m = self.sets[which], self.models[which]
        span = rng.choice([8, 64, 512])
        for done in range(BURST):
            op = rng.randrange(16)
            v = rng.randrange(-span, span) if rng.random() < 0.9 else rng.choice(EDGES)
            if op <= 2:
                assert s.insert(v) is (v not in m)
                m.add(v)
            elif op == 3:
                s.add(v)
                m.add(v)
            elif op <= 5:
                assert s.erase(v) is (v in m)
                m.discard(v)
            elif op == 6:
                if m:
                    m.remove(s.pop())
                else:
                    with pytest.raises(KeyError):
                        s.pop()
            elif op == 7:
                assert (v in s) is (v in m) and s.contains(v) is (v in m)
            elif op == 8:
                batch = [rng.randrange(-span, span) for _ in range(rng.randrange(20))]
                arr = np.array(batch, dtype=rng.choice([np.int64, np.int32, np.int16]))
                assert s.insert_many(arr if rng.random() < 0.5 else batch) == len(set(batch) - m)
                m.update(batch)
            elif op == 9:
                batch = [rng.randrange(-span, span) for _ in range(rng.randrange(20))]
                assert s.discard_many(batch) == len(set(batch) & m)
                m.difference_update(batch)
            elif op == 10:
                other = {rng.randrange(-span, span) for _ in range(rng.randrange(30))}
                how = rng.randrange(4)
                if how == 0:
                    s |= other
                    m |= other
                elif how == 1:
                    keep = other | set(rng.sample(sorted(m), min(len(m), 20)))
                    s &= keep
                    m &= keep
                elif how == 2:
                    s -= other
                    m -= other
                else:
                    s ^= HashSet(other)
                    m ^= other
            elif op == 11:
                bad = rng.choice([2**63, -(2**63) - 1, 1.5, "x", None])
                size = len(s)
                with pytest.raises((TypeError, OverflowError)):
                    if rng.random() < 0.5:
                        s.add(bad)
                    else:
                        s.insert_many([v, v + 1, bad])
                assert len(s) == size
            elif op == 12:
                iterator = iter(s)
                taken = next(iterator, None)
                changed = s.insert(v)
                m.add(v)
                if taken is not None and changed:
                    with pytest.raises(RuntimeError):
                        next(iterator)
                elif taken is not None:
                    assert sorted([taken, *iterator]) == sorted(m)
            elif op == 13:
                assert (s == m) and (s <= m) and (s >= m) and not (s < m)
            elif op == 14:
                if rng.random() < 0.05:
                    s.clear()
                    m.clear()
            else:
                assert len(s) == len(m)
            assert len(s) == len(m)
            if done % 64 == 63:
                assert sorted(s) == sorted(m)
        Counter.operations += BURST - 1  # the step itself is counted by the invariant

    # -- after every step ------------------------------------------------------

    def maybe_stale(self, which):
        """A call that may rebuild the table: a live iterator may fail or not."""
        if self.iteration is not None and self.iteration[1] == which and self.iteration[4] == "no":
            self.iteration[4] = "may"

    @invariant()
    def same_contents(self):
        Counter.steps += 1
        Counter.operations += 1
        for which in (0, 1):
            s, m = self.sets[which], self.models[which]
            assert len(s) == len(m) == s.len()
            assert sorted(s) == sorted(m)
            snapshot = frozenset(m)
            if snapshot != self.snapshots[which]:
                self.snapshots[which] = snapshot
                it = self.iteration
                if it is not None and it[1] == which and it[5] == "running":
                    it[4] = "must"


TestHashSetMachine = HashSetMachine.TestCase
TestHashSetMachine.settings = settings(
    max_examples=50, stateful_step_count=50, deadline=None, database=None,
    suppress_health_check=list(HealthCheck))


@pytest.mark.skipif(not LONG, reason="long profile: set HASHSET_LONG=1")
def test_long_profile():
    """Runs fresh random sequences until LONG_OPERATIONS operations have run."""
    Counter.steps = Counter.operations = 0
    long_settings = settings(max_examples=100, stateful_step_count=100, deadline=None,
                             database=None, suppress_health_check=list(HealthCheck))
    rounds = 0
    while Counter.operations < LONG_OPERATIONS:
        run_state_machine_as_test(HashSetMachine, settings=long_settings)
        rounds += 1
        print(f"state machine: {Counter.operations} operations, {Counter.steps} steps, "
              f"{rounds} rounds", flush=True)
    print(f"state machine long profile: {Counter.operations} operations "
          f"({Counter.steps} Hypothesis steps), 0 failures")

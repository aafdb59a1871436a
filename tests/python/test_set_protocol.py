"""HashSet against Python's set as the oracle: construction, protocol, methods, operators."""

import collections.abc
import random

import pytest

from hashset import HashSet

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
EDGES = [INT64_MIN, INT64_MIN + 1, -1, 0, 1, 2**53 - 1, 2**53 + 1, INT64_MAX - 1, INT64_MAX]


def random_pairs(count=40, seed=1):
    """Pairs of Python sets of varied sizes and overlap, including empty and equal."""
    rng = random.Random(seed)
    for _ in range(count):
        span = rng.choice([4, 50, 1000])
        a = {rng.randrange(-span, span) for _ in range(rng.choice([0, 1, 5, 100]))}
        b = set(a) if rng.random() < 0.15 else {
            rng.randrange(-span, span) for _ in range(rng.choice([0, 1, 5, 100]))}
        yield a | set(rng.sample(EDGES, 2)), b


def test_original_interactive_example():
    s = HashSet()
    assert s.contains(0) is False
    assert s.insert(0) is True
    assert s.contains(0) is True
    assert s.insert(0) is False
    assert s.insert(1) is True
    assert s.len() == 2
    result = s.collect()
    assert type(result) is list and sorted(result) == [0, 1]


@pytest.mark.parametrize("source", [
    [1, 2, 3, 2], range(10), {1, 2}, frozenset({-5}), (x * x for x in range(5)), (), [],
    EDGES, b"ab", bytearray(b"\x00\xff"), [True, False],
])
def test_construction_from_iterables(source):
    expected = set(source if not hasattr(source, "gi_code") else list(source))
    if hasattr(source, "gi_code"):
        source = iter(sorted(expected))
    s = HashSet(source)
    assert s == expected and len(s) == len(expected)
    assert all(type(x) is int for x in s)


def test_construction_from_another_hashset_copies():
    original = HashSet([1, 2])
    copy = HashSet(original)
    copy.add(3)
    assert original == {1, 2} and copy == {1, 2, 3}


def test_protocol_basics():
    s = HashSet([3, 1, 2])
    assert len(s) == 3 and 2 in s and 5 not in s
    assert sorted(iter(s)) == [1, 2, 3]
    assert bool(s) and not HashSet()
    assert isinstance(s, collections.abc.MutableSet)
    assert isinstance(s, collections.abc.Set)
    with pytest.raises(TypeError):
        hash(s)
    with pytest.raises(TypeError):
        {s}  # noqa: B018 - unhashable, like set


@pytest.mark.parametrize("elements", [[], [1], [3, -1, 2], EDGES])
def test_repr_is_eval_able(elements):
    s = HashSet(elements)
    text = repr(s)
    assert text.startswith("HashSet(")
    assert eval(text) == s  # noqa: S307 - our own repr


def test_membership_of_foreign_values_is_false_not_an_error():
    s = HashSet([1, 0])
    oracle = {1, 0}
    for value in ["a", None, b"x", 1.5, float("nan"), float("inf"), 2**64, -(2**63) - 1,
                  (), 1.0, 0.0, True, [1], {}]:
        try:
            expected = value in oracle
        except TypeError:  # unhashable in a Python set; simply absent here
            expected = False
        assert (value in s) is expected, value


@pytest.mark.parametrize("a,b", list(random_pairs()))
def test_binary_operations_match_set(a, b):
    x, y = HashSet(a), HashSet(b)
    for other in (y, b, frozenset(b)):
        assert x | other == a | b
        assert x & other == a & b
        assert x - other == a - b
        assert x ^ other == a ^ b
        assert (x == other) is (a == b)
        assert (x != other) is (a != b)
        assert (x <= other) is (a <= b)
        assert (x < other) is (a < b)
        assert (x >= other) is (a >= b)
        assert (x > other) is (a > b)
    for other in (y, b, list(b)):
        assert x.union(other) == a.union(b)
        assert x.intersection(other) == a.intersection(b)
        assert x.difference(other) == a.difference(b)
        assert x.symmetric_difference(other) == a.symmetric_difference(b)
        assert x.issubset(other) is a.issubset(b)
        assert x.issuperset(other) is a.issuperset(b)
        assert x.isdisjoint(other) is a.isdisjoint(b)
    # A Python set on the left side.
    assert b | x == b | a and b & x == b & a and b - x == b - a and b ^ x == b ^ a
    assert (b == x) is (a == b) and (b <= x) is (b <= a) and (b > x) is (b > a)
    assert isinstance(x | y, HashSet) and isinstance(b | x, HashSet)
    assert x == a and y == b  # operands unchanged


@pytest.mark.parametrize("a,b", list(random_pairs(seed=2)))
def test_in_place_operations_match_set(a, b):
    for other in (HashSet(b), b, list(b)):
        for method in ("update", "intersection_update", "difference_update",
                       "symmetric_difference_update"):
            x, oracle = HashSet(a), set(a)
            getattr(x, method)(other)
            getattr(oracle, method)(other)
            assert x == oracle, method
    for operator in ("__ior__", "__iand__", "__isub__", "__ixor__"):
        x, oracle = HashSet(a), set(a)
        assert getattr(x, operator)(HashSet(b)) is x
        getattr(oracle, operator)(b)
        assert x == oracle, operator


def test_multi_argument_methods():
    s = HashSet([1, 2, 3, 4])
    assert s.union([5], {6}, HashSet([7])) == {1, 2, 3, 4, 5, 6, 7}
    assert s.intersection([1, 2, 3], {2, 3, "x"}, HashSet([3, 2])) == {2, 3}
    assert s.difference([1], HashSet([2])) == {3, 4}
    s.update([10], (11,), HashSet([12]))
    assert s == {1, 2, 3, 4, 10, 11, 12}
    s.intersection_update([1, 2, 10, 11], HashSet([1, 10]))
    assert s == {1, 10}
    s.difference_update([1], ["y"])
    assert s == {10}


def test_operators_reject_non_sets_like_set_does():
    s = HashSet([1])
    for operation in (lambda: s | [2], lambda: s & [1], lambda: s - [1], lambda: s ^ [1],
                      lambda: s <= [1], lambda: [1] | s):
        with pytest.raises(TypeError):
            operation()
    with pytest.raises(TypeError):
        s |= [2]
    assert s == {1}
    assert (s == [1]) is False and (s != [1]) is True


def test_scalar_methods_match_set():
    rng = random.Random(3)
    s, oracle = HashSet(), set()
    for _ in range(20000):
        value = rng.choice([rng.randrange(-300, 300), rng.choice(EDGES)])
        op = rng.randrange(6)
        if op == 0:
            assert s.insert(value) is (value not in oracle)
            oracle.add(value)
        elif op == 1:
            assert s.add(value) is None
            oracle.add(value)
        elif op == 2:
            assert s.discard(value) is None
            oracle.discard(value)
        elif op == 3:
            if value in oracle:
                s.remove(value)
                oracle.remove(value)
            else:
                with pytest.raises(KeyError):
                    s.remove(value)
        elif op == 4:
            assert (value in s) is (value in oracle) and s.contains(value) is (value in oracle)
        elif oracle and rng.random() < 0.3:
            popped = s.pop()
            oracle.remove(popped)
        assert len(s) == len(oracle)
    assert s == oracle and sorted(s.collect()) == sorted(oracle)


def test_pop_clear_copy():
    s = HashSet([7])
    assert s.pop() == 7
    with pytest.raises(KeyError):
        s.pop()
    s.update(range(100))
    c = s.copy()
    assert type(c) is HashSet and c == s and c is not s
    s.clear()
    assert len(s) == 0 and s == set() and len(c) == 100


def test_subclass_keeps_its_type():
    class Tagged(HashSet):
        __slots__ = ()

    t = Tagged([1, 2])
    assert type(t.copy()) is Tagged and type(t | {3}) is Tagged
    assert repr(t) == "Tagged([1, 2])"


def test_subclass_that_skips_init_is_still_a_valid_empty_set():
    class Forgetful(HashSet):
        __slots__ = ()

        def __init__(self):  # forgets super().__init__()
            pass

    forgetful = Forgetful()
    assert len(forgetful) == 0 and 1 not in forgetful
    assert forgetful.insert(1) and forgetful == {1}


def test_calling_init_again_refills_like_set():
    s = HashSet([1, 2])
    s.__init__([3])
    assert s == {3}
    with pytest.raises(TypeError):
        s.__init__([4, "x"])
    assert s == {3}
    s.__init__()
    assert s == set()

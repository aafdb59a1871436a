"""Which values a HashSet accepts, and that bad ones raise and change nothing."""

import array
import operator

import pytest

from hashset import HashSet

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
OUT_OF_RANGE = [2**63, -(2**63) - 1, 2**64, 2**64 - 1, 10**30, -(10**30)]
WRONG_TYPES = [1.5, 1.0, float("nan"), "1", "a", None, b"1", [1], (1,), 1j, object()]


class Index:
    """Any object with __index__ is an integer to a HashSet, as to range()."""

    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value


@pytest.mark.parametrize("value", [INT64_MIN, INT64_MIN + 1, -1, 0, 1, 2**53 - 1, 2**53,
                                   2**53 + 1, INT64_MAX - 1, INT64_MAX])
def test_every_edge_value_round_trips_exactly(value):
    s = HashSet()
    assert s.insert(value) and value in s and s.contains(value)
    assert s.collect() == [value] and list(s) == [value]
    assert s.pop() == value


def test_objects_with_index_are_integers():
    s = HashSet([True, Index(7)])
    assert s == {1, 7}
    assert Index(7) in s and s.contains(Index(7))
    s.discard(Index(7))
    assert s == {1}


def test_numpy_integer_scalars_are_integers():
    numpy = pytest.importorskip("numpy")
    s = HashSet([numpy.int64(INT64_MIN), numpy.uint8(200), numpy.int32(-3)])
    assert s == {INT64_MIN, 200, -3}
    assert numpy.int16(-3) in s
    with pytest.raises(OverflowError):
        s.add(numpy.uint64(2**63))


SCALAR_CALLS = {
    "insert": lambda s, v: s.insert(v),
    "add": lambda s, v: s.add(v),
    "contains": lambda s, v: s.contains(v),
    "discard": lambda s, v: s.discard(v),
    "remove": lambda s, v: s.remove(v),
    "erase": lambda s, v: s.erase(v),
}


@pytest.mark.parametrize("call", SCALAR_CALLS.values(), ids=SCALAR_CALLS.keys())
@pytest.mark.parametrize("value", OUT_OF_RANGE)
def test_out_of_range_raises_overflow_error(call, value):
    s = HashSet([1, 2])
    with pytest.raises(OverflowError, match=r"\[-2\*\*63, 2\*\*63\)"):
        call(s, value)
    assert s == {1, 2}


@pytest.mark.parametrize("call", SCALAR_CALLS.values(), ids=SCALAR_CALLS.keys())
@pytest.mark.parametrize("value", WRONG_TYPES, ids=repr)
def test_wrong_types_raise_type_error(call, value):
    s = HashSet([1, 2])
    with pytest.raises(TypeError):
        call(s, value)
    assert s == {1, 2}


BULK_CALLS = {
    "HashSet": lambda s, values: s.__init__(values),
    "update": lambda s, values: s.update(values),
    "update-2": lambda s, values: s.update([10, 11], values),
    "insert_many": lambda s, values: s.insert_many(values),
    "discard_many": lambda s, values: s.discard_many(values),
    "union": lambda s, values: s.union(values),
    "symmetric_difference_update": lambda s, values: s.symmetric_difference_update(values),
    "|=": lambda s, values: operator.ior(s, set(values)),
    "^": lambda s, values: operator.xor(s, set(values)),
}


@pytest.mark.parametrize("call", BULK_CALLS.values(), ids=BULK_CALLS.keys())
@pytest.mark.parametrize("bad,error", [(2**63, OverflowError), (-(2**63) - 1, OverflowError),
                                       ("x", TypeError), (None, TypeError), (0.5, TypeError)],
                         ids=["2**63", "-2**63-1", "str", "None", "float"])
def test_bulk_calls_failing_half_way_change_nothing(call, bad, error):
    s = HashSet([1, 2, 3])
    with pytest.raises(error):
        call(s, [4, 5, 1, bad, 6])
    assert s == {1, 2, 3}


def test_non_iterables_raise_type_error():
    s = HashSet([1])
    for value in (5, None, 1.5):
        with pytest.raises(TypeError):
            HashSet(value)
        with pytest.raises(TypeError):
            s.update(value)
    assert s == {1}


def test_buffers_of_every_integer_width():
    for code in "bBhHiIlLqQ":
        values = array.array(code, [0, 1, 100])
        assert HashSet(values) == {0, 1, 100}, code
        assert HashSet(memoryview(values)) == {0, 1, 100}, code
    assert HashSet(array.array("q", [INT64_MIN, INT64_MAX])) == {INT64_MIN, INT64_MAX}
    with pytest.raises(OverflowError):
        HashSet(array.array("Q", [1, 2**63]))
    with pytest.raises(TypeError):
        HashSet(array.array("d", [1.0]))
    assert HashSet(b"\x01\x02") == set(b"\x01\x02")  # bytes are ints, as for set()


def test_numpy_arrays_take_the_buffer_path():
    numpy = pytest.importorskip("numpy")
    data = numpy.array([5, -1, 5, INT64_MIN], dtype=numpy.int64)
    assert HashSet(data) == set(data.tolist())
    assert HashSet(data[::2]) == {5}  # a strided view is read element by element
    assert HashSet(numpy.array([3, 4], dtype=numpy.uint64)) == {3, 4}
    s = HashSet([1])
    with pytest.raises(OverflowError):
        s.update(numpy.array([2, 2**63], dtype=numpy.uint64))
    with pytest.raises(TypeError):
        s.update(numpy.array([2.0]))
    with pytest.raises(TypeError):
        s.update(numpy.zeros((2, 2), dtype=numpy.int64))  # rows are not integers
    assert s == {1}
    assert s.insert_many(numpy.arange(10)) == 9 and s.discard_many(numpy.arange(5)) == 5


def test_reserve_takes_a_size():
    s = HashSet([1])
    s.reserve(1000)
    assert s == {1}
    with pytest.raises(OverflowError):
        s.reserve(-1)
    with pytest.raises(MemoryError):
        s.reserve(2**62)  # abseil would abort the process: the core refuses first
    assert s == {1}
    with pytest.raises(TypeError):
        s.reserve("many")


def test_contains_many_and_to_array_match_set():
    rng = __import__("random").Random(9)
    elements = {rng.randrange(-500, 500) for _ in range(300)} | {INT64_MIN, INT64_MAX}
    queries = [rng.randrange(-600, 600) for _ in range(1000)] + [INT64_MIN, INT64_MAX]
    s = HashSet(elements)
    found = s.contains_many(queries)
    assert found.format == "?" and len(found) == len(queries)
    assert found.tolist() == [q in elements for q in queries]
    assert s.contains_many(array.array("q", queries)).tolist() == found.tolist()
    assert s.contains_many([]).tolist() == []
    contents = s.to_array()
    assert contents.format == "q" and sorted(contents.tolist()) == sorted(elements)
    assert HashSet().to_array().tolist() == []
    with pytest.raises(OverflowError):
        s.contains_many([1, 2**63])
    with pytest.raises(TypeError):
        s.contains_many([1, "a"])


def test_bulk_results_are_numpy_views():
    numpy = pytest.importorskip("numpy")
    s = HashSet(numpy.arange(0, 100_000, 3))
    queries = numpy.arange(100_000)
    found = numpy.asarray(s.contains_many(queries))
    assert found.dtype == numpy.bool_
    assert numpy.array_equal(found, numpy.isin(queries, numpy.arange(0, 100_000, 3)))
    elements = numpy.asarray(s.to_array())
    assert elements.dtype == numpy.int64
    assert numpy.array_equal(numpy.sort(elements), numpy.arange(0, 100_000, 3))
    large = numpy.arange(300_000, dtype=numpy.int64)  # past the prefetching threshold
    assert s.insert_many(large) == 300_000 - len(range(0, 100_000, 3))
    assert numpy.asarray(s.contains_many(large)).all()
    assert s.discard_many(large[::2]) == 150_000 and len(s) == 150_000

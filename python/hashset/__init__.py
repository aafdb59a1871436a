"""A fast set of signed 64-bit integers, backed by abseil's SwissTable.

``HashSet`` behaves like Python's ``set`` restricted to integers in
[-2**63, 2**63). The hot calls (``x in s``, ``len(s)``, ``add``, ``insert``,
``contains``, iteration and every HashSet-with-HashSet operation) run in C++;
this module adds the parts of ``set``'s protocol that are plain Python.
"""

from collections.abc import MutableSet as _MutableSet

from . import _hashset

__all__ = ["HashSet"]

_NativeHashSet = _hashset.HashSet
HashSetIterator = _hashset.HashSetIterator  # what iter(HashSet) returns, for type hints
_PYTHON_SETS = (set, frozenset)
_NO_ELEMENTS = ()


class HashSet(_NativeHashSet):
    """A mutable set of 64-bit signed integers.

    ``HashSet(iterable=())`` takes any iterable of ints (or objects with
    ``__index__``), another HashSet, or a buffer of integers such as a numpy
    array. Out-of-range values raise OverflowError, other types TypeError,
    and in both cases nothing is added.
    """

    __slots__ = ()
    __hash__ = None  # mutable, like set

    def __new__(cls, *args, **kwargs):
        # The C++ set is made here, not in __init__, so that a subclass whose
        # __init__ forgets super().__init__() still has one.
        self = _NativeHashSet.__new__(cls)
        _NativeHashSet.__init__(self)
        return self

    def __init__(self, iterable=_NO_ELEMENTS):
        if self:  # __init__ called again: start over, like set, once validated
            replacement = HashSet() if iterable is _NO_ELEMENTS else HashSet(iterable)
            self.clear()
            _NativeHashSet.update(self, replacement)
        elif iterable is not _NO_ELEMENTS:
            _add_all(self, iterable)

    # -- bulk calls over buffers --------------------------------------------
    # insert_many(values) -> int and discard_many(values) -> int are C++ calls
    # taking any buffer of integers (numpy, array.array, memoryview) without a
    # Python object per element, or any iterable of ints.

    def contains_many(self, values):
        """Return, for each of ``values``, whether it is an element.

        ``values`` is any buffer of integers or iterable of ints; the result is
        a memoryview of bools, which ``numpy.asarray`` views without a copy.
        """
        return memoryview(self._contains_many_bytes(values)).cast("?")

    def to_array(self):
        """Return every element, in unspecified order, as a memoryview of int64.

        No Python int is made per element: ``numpy.asarray(s.to_array())`` or
        ``array.array("q", s.to_array())`` take it as it is.
        """
        return memoryview(self._elements_bytes()).cast("q")

    # -- the rest of set's methods ------------------------------------------

    def remove(self, value):
        """Remove ``value``; raise KeyError when it is not an element."""
        if not self.erase(value):
            raise KeyError(value)

    def copy(self):
        """Return a shallow copy (a new HashSet with the same elements)."""
        return type(self)(self)

    __copy__ = copy

    def __deepcopy__(self, memo):
        return self.copy()

    def update(self, *others):
        """Add the elements of every iterable in ``others``.

        All iterables are validated before the set changes.
        """
        if len(others) == 1:
            _add_all(self, others[0])
        else:
            for other in _as_native_sets(others):
                _NativeHashSet.update(self, other)

    def intersection_update(self, *others):
        """Keep only the elements found in every iterable in ``others``."""
        for other in _as_native_filters(self, others):
            _NativeHashSet.intersection_update(self, other)

    def difference_update(self, *others):
        """Remove the elements found in any iterable in ``others``."""
        for other in _as_native_filters(self, others):
            _NativeHashSet.difference_update(self, other)

    def symmetric_difference_update(self, other):
        """Keep the elements found in exactly one of this set and ``other``."""
        (other,) = _as_native_sets((other,))
        _NativeHashSet.symmetric_difference_update(self, other)

    def union(self, *others):
        """Return a new set with the elements of this set and all ``others``."""
        result = self.copy()
        result.update(*others)
        return result

    def intersection(self, *others):
        """Return a new set with the elements common to this set and all ``others``."""
        if len(others) == 1 and isinstance(others[0], _NativeHashSet):
            result = type(self)()
            result._assign_intersection(self, others[0])
            return result
        result = self.copy()
        result.intersection_update(*others)
        return result

    def difference(self, *others):
        """Return a new set with the elements of this set found in no ``others``."""
        result = self.copy()
        result.difference_update(*others)
        return result

    def symmetric_difference(self, other):
        """Return a new set with the elements in exactly one of the two."""
        result = self.copy()
        result.symmetric_difference_update(other)
        return result

    def issubset(self, other):
        """Return True when every element is also in the iterable ``other``."""
        if isinstance(other, _NativeHashSet):
            return self.is_subset(other)
        if not isinstance(other, _PYTHON_SETS):
            other = set(other)
        return len(self) <= len(other) and all(value in other for value in self)

    def issuperset(self, other):
        """Return True when every element of the iterable ``other`` is in this set."""
        if isinstance(other, _NativeHashSet):
            return self.is_superset(other)
        return all(value in self for value in other)

    def isdisjoint(self, other):
        """Return True when no element of the iterable ``other`` is in this set."""
        if isinstance(other, _NativeHashSet):
            return self.is_disjoint(other)
        return not any(value in self for value in other)

    # -- operators: a HashSet, set or frozenset on either side -------------

    def __or__(self, other):
        return self.union(other) if _is_set(other) else NotImplemented

    __ror__ = __or__

    def __and__(self, other):
        return self.intersection(other) if _is_set(other) else NotImplemented

    __rand__ = __and__

    def __sub__(self, other):
        return self.difference(other) if _is_set(other) else NotImplemented

    def __rsub__(self, other):
        return HashSet(other).difference(self) if _is_set(other) else NotImplemented

    def __xor__(self, other):
        return self.symmetric_difference(other) if _is_set(other) else NotImplemented

    __rxor__ = __xor__

    def __ior__(self, other):
        if not _is_set(other):
            return NotImplemented
        self.update(other)
        return self

    def __iand__(self, other):
        if not _is_set(other):
            return NotImplemented
        self.intersection_update(other)
        return self

    def __isub__(self, other):
        if not _is_set(other):
            return NotImplemented
        self.difference_update(other)
        return self

    def __ixor__(self, other):
        if not _is_set(other):
            return NotImplemented
        self.symmetric_difference_update(other)
        return self

    def __eq__(self, other):
        if isinstance(other, _NativeHashSet):
            return self.equals(other)
        if isinstance(other, _PYTHON_SETS):
            return len(self) == len(other) and all(value in self for value in other)
        return NotImplemented

    def __ne__(self, other):
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __le__(self, other):
        return self.issubset(other) if _is_set(other) else NotImplemented

    def __lt__(self, other):
        return len(self) < len(other) and self <= other if _is_set(other) else NotImplemented

    def __ge__(self, other):
        return self.issuperset(other) if _is_set(other) else NotImplemented

    def __gt__(self, other):
        return len(self) > len(other) and self >= other if _is_set(other) else NotImplemented

    # -- representation and pickling ---------------------------------------

    def __repr__(self):
        name = type(self).__name__
        return f"{name}({sorted(self)!r})" if self else f"{name}()"

    @classmethod
    def deserialize(cls, data):
        """Return the set that ``serialize()`` wrote into the bytes-like ``data``.

        Raises ValueError for bytes that are not a valid serialized set.
        """
        result = cls()
        result._load_serialized(data)
        return result

    def __reduce__(self):
        # 8 bytes per element in the portable format of docs/serialization.md.
        return (type(self).deserialize, (self.serialize(),))


def _add_all(target, iterable):
    """One C++ call, which validates every value before adding any."""
    if isinstance(iterable, _NativeHashSet):
        _NativeHashSet.update(target, iterable)
    else:
        target.insert_many(iterable)


def _is_set(value):
    return isinstance(value, (_NativeHashSet, set, frozenset))


def _as_native_sets(iterables):
    """Convert every iterable to a HashSet first, so a bad value in any of
    them raises before the caller's set changes."""
    return [it if isinstance(it, _NativeHashSet) else HashSet(it) for it in iterables]


def _as_native_filters(elements, iterables):
    """Like _as_native_sets, for operations that only ask "is x in it?":
    values that cannot be elements (strings, fractions) simply never match."""
    filters = []
    for iterable in iterables:
        if isinstance(iterable, _NativeHashSet):
            filters.append(iterable)
        else:
            members = iterable if isinstance(iterable, _PYTHON_SETS) else set(iterable)
            filters.append(HashSet(value for value in elements if value in members))
    return filters


_MutableSet.register(HashSet)

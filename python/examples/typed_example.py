"""A small typed use of hashset, checked by `mypy --strict` in the test suite."""

from hashset import HashSet


def common_elements(first: list[int], second: HashSet) -> HashSet:
    return HashSet(first) & second


def summary(values: HashSet) -> str:
    total: int = sum(values)
    largest: int = max(values, default=0)
    flags: memoryview = values.contains_many([1, 2, 3])
    return f"{len(values)} values, sum {total}, max {largest}, {flags.tolist()}"


if __name__ == "__main__":
    evens = HashSet(range(0, 10, 2))
    added: bool = evens.insert(12)
    print(added, summary(common_elements([2, 3, 4], evens)), sorted(evens.collect()))

"""A short tour of hashset: the original interactive example, then set algebra."""

from hashset import HashSet

s = HashSet()
print("s = HashSet()")
for expression in ["s.contains(0)", "s.insert(0)", "s.contains(0)", "s.insert(0)",
                   "s.insert(1)", "s.len()", "sorted(s.collect())"]:
    print(f">>> {expression}\n{eval(expression)!r}")

evens = HashSet(range(0, 20, 2))
threes = HashSet(range(0, 20, 3))
print(f"\nevens = {evens!r}\nthrees = {threes!r}")
for expression in ["evens | threes", "evens & threes", "evens - threes", "evens ^ threes",
                   "HashSet([0, 6]) <= evens", "9 in threes", "len(evens)",
                   "evens == set(range(0, 20, 2))"]:
    print(f">>> {expression}\n{eval(expression)!r}")

"""Replays the language-neutral spec (tests/conformance/spec.txt) on the Python API.

A HashSet has no explicit release (it lives while referenced), so `close`,
`iterate_then_close` and every later statement naming a set they closed are
not applicable: they are skipped.
"""

import os
import pathlib

import pytest

from hashset import HashSet

SPEC = pathlib.Path(os.environ.get(
    "HASHSET_SPEC", pathlib.Path(__file__).parents[1] / "conformance" / "spec.txt"))

ERRORS = {
    "range": OverflowError,
    "type": TypeError,
    "empty": KeyError,
    "concurrent": RuntimeError,
    "format": ValueError,
}


def parse_value(token):
    """A spec value token as the Python object a user would pass."""
    kind, _, text = token.partition(":")
    if not text:
        return None if token == "null" else int(token)
    return {"big": int, "float": float, "str": str, "hex": bytes.fromhex}[kind](text)


def parse_tokens(tokens):
    """Values and lists ([ ... ]) of a statement, in order."""
    values, stack = [], []
    for token in tokens:
        if token == "[":
            stack.append([])
        elif token == "]":
            done = stack.pop()
            (stack[-1] if stack else values).append(done)
        else:
            (stack[-1] if stack else values).append(token)
    return values


def load_cases():
    cases, current = [], None
    for number, line in enumerate(SPEC.read_text().splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("case "):
            current = (line.split()[1], [])
            cases.append(current)
            continue
        statement, _, expected = line.partition(" -> ")
        op, *tokens = statement.split()
        current[1].append((number, op, parse_tokens(tokens),
                           parse_tokens(expected.split()) if expected else None))
    return cases


def first_element(s):
    iterator = iter(s)
    next(iterator)
    return iterator


RELEASING_OPS = ("close", "iterate_then_close")


class Runner:
    def __init__(self):
        self.sets = {}
        self.closed = set()

    def applicable(self, op, args):
        """False for a release and for statements on a set one released."""
        if op in RELEASING_OPS:
            self.closed.add(args[0])
            return False
        return not any(isinstance(arg, str) and arg in self.closed for arg in args)

    def call(self, op, args):
        sets = self.sets
        name, rest = args[0], args[1:]
        if op == "new":
            sets[name] = HashSet([parse_value(v) for v in rest[0]] if rest else ())
            return None
        if op in ("copy", "deserialize"):
            target = rest[0]
            sets[name if op == "deserialize" else target] = (
                HashSet.deserialize(parse_value(target)) if op == "deserialize"
                else sets[name].copy())
            return None
        s = sets[name]
        if op in ("insert", "contains", "erase"):
            return getattr(s, op)(parse_value(rest[0]))
        if op in ("insert_many", "erase_many"):
            method = s.insert_many if op == "insert_many" else s.discard_many
            return method([parse_value(v) for v in rest[0]])
        if op == "size":
            return len(s)
        if op == "empty":
            return not s
        if op == "clear":
            return s.clear()
        if op == "reserve":
            return s.reserve(int(rest[0]))
        if op == "pop":
            return s.pop()
        if op == "collect":
            return s.collect()
        if op == "iterate":
            return list(s)
        if op == "iterate_then_insert":
            iterator = first_element(s)
            s.add(parse_value(rest[0]))
            return next(iterator)
        if op == "serialize":
            return s.serialize()
        other = sets[rest[0]]
        if op in ("equals",):
            return s == other
        python_name = {"is_subset": "issubset", "is_superset": "issuperset",
                       "is_disjoint": "isdisjoint"}.get(op, op)
        return getattr(s, python_name)(other)


def check(result, expected):
    (want,) = expected
    if isinstance(want, list):
        assert sorted(result) == sorted(int(v) for v in want)
    elif want in ("true", "false"):
        assert result is (want == "true")
    elif want.startswith("hex:"):
        assert result == parse_value(want)
    else:
        assert result == int(want)


@pytest.mark.parametrize("name,statements", load_cases(), ids=[c[0] for c in load_cases()])
def test_spec_case(name, statements):
    runner = Runner()
    for number, op, args, expected in statements:
        context = f"{SPEC.name}:{number}"
        if not runner.applicable(op, args):
            continue
        want = expected[0] if expected else None
        if isinstance(want, str) and want.startswith("error:"):
            with pytest.raises(ERRORS[want[len("error:"):]]):
                runner.call(op, args)
            continue
        result = runner.call(op, args)
        if expected is not None:
            try:
                check(result, expected)
            except AssertionError as error:
                raise AssertionError(f"{context}: {op} {args} gave {result!r}") from error
        elif op not in ("new", "copy", "deserialize"):
            assert result is None, context

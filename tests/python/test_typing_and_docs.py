"""The stubs match the runtime (stubtest), a typed example passes mypy --strict,
and the C++ Doxygen comments reached the docstrings."""

import pathlib
import subprocess
import sys

import pytest

import hashset
from hashset import HashSet

EXAMPLE = pathlib.Path(__file__).parents[2] / "python" / "examples" / "typed_example.py"
PACKAGE_DIR = pathlib.Path(hashset.__file__).parent


def run_mypy_tool(*arguments):
    pytest.importorskip("mypy")
    # From the folder holding the package under test (build tree or an installed
    # wheel's site-packages), mypy finds that package first.
    return subprocess.run([sys.executable, "-m", *arguments], capture_output=True, text=True,
                          cwd=PACKAGE_DIR.parent, check=False, timeout=600)


def test_package_ships_stubs_and_marker():
    assert (PACKAGE_DIR / "__init__.pyi").is_file()
    assert (PACKAGE_DIR / "py.typed").is_file()


def test_stubs_match_the_runtime():
    result = run_mypy_tool("mypy.stubtest", "hashset")
    assert result.returncode == 0, result.stdout + result.stderr


def test_typed_example_passes_mypy_strict():
    result = run_mypy_tool("mypy", "--strict", "--no-incremental", str(EXAMPLE))
    assert result.returncode == 0, result.stdout + result.stderr


def test_doxygen_comments_are_docstrings():
    assert "returns true when it was not yet an element" in HashSet.insert.__doc__
    assert "Returns true when `value` is an element" in HashSet.contains.__doc__
    assert "like set.add it returns None" in HashSet.add.__doc__
    assert "portable binary format" in HashSet.serialize.__doc__

"""Builds the wheel with `python3 -m build`, installs it into a fresh venv and
runs the Python tests against the installed package (ctest: python_wheel).

usage: run_wheel_test.py SOURCE_DIR WORK_DIR
"""

import os
import pathlib
import shutil
import subprocess
import sys


def main(source_dir, work_dir):
    source_dir, work_dir = pathlib.Path(source_dir), pathlib.Path(work_dir)
    shutil.rmtree(work_dir, ignore_errors=True)
    work_dir.mkdir(parents=True)
    # Offline: the build tools come from Debian, not from an isolated env.
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--wheel",
                    "--outdir", str(work_dir / "dist"), str(source_dir)], check=True)
    (wheel,) = (work_dir / "dist").glob("hashset-*.whl")
    names = subprocess.run([sys.executable, "-m", "zipfile", "-l", str(wheel)], check=True,
                           capture_output=True, text=True).stdout
    for expected in ("hashset/__init__.py", "hashset/__init__.pyi", "hashset/py.typed",
                     "hashset/_hashset."):
        assert expected in names, f"{expected} missing from {wheel.name}:\n{names}"

    venv = work_dir / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--no-index", "--no-deps", "-q",
                    str(wheel)], check=True)
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    installed = subprocess.run([str(python), "-c", "import hashset; print(hashset.__file__)"],
                               check=True, capture_output=True, text=True, cwd=work_dir,
                               env=environment).stdout
    assert str(venv) in installed, installed
    return subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           str(source_dir / "tests" / "python")],
                          cwd=work_dir, env=environment, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))

"""The Python package's build: setuptools drives the project's CMake build of
the SWIG extension (the metadata is in pyproject.toml)."""

import pathlib
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

SOURCE_DIR = pathlib.Path(__file__).parent.resolve()


class CMakeBuild(build_ext):
    """Builds hashset._hashset with CMake, for the interpreter running the build."""

    def build_extension(self, ext):
        build_dir = pathlib.Path(self.build_temp).resolve() / "cmake"
        subprocess.run(["cmake", "-S", str(SOURCE_DIR), "-B", str(build_dir),
                        "-DCMAKE_BUILD_TYPE=Release", "-DHASHSET_BUILD_TESTS=OFF",
                        f"-DPython3_EXECUTABLE={sys.executable}"], check=True)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "hashset_python_native"],
                       check=True)
        (built,) = (build_dir / "python" / "hashset").glob("_hashset*")
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built, target)


setup(ext_modules=[Extension("hashset._hashset", sources=[])], cmdclass={"build_ext": CMakeBuild})

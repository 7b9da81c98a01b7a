"""Builds securebase._native from the repository's sources with CMake.

The library is configured from the repository root into build/python/ with the compile settings
of the `ci` preset (RelWithDebInfo, -O2 -g1 -DNDEBUG, warnings as errors), so that after a CI
build every library object is a ccache hit and only the binding's own files compile. Nothing
depends on a prebuilt build/ directory. SECUREBASE_SOURCE_DIR overrides the repository root;
SECUREBASE_BUILD_JOBS the parallel jobs (default 2).
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
ROOT = Path(os.environ.get("SECUREBASE_SOURCE_DIR", HERE.parent.parent)).resolve()


def project_version() -> str:
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    return re.search(r"project\(securebase VERSION ([0-9.]+)", text).group(1)


class CMakeBuild(build_ext):
    """Configures and builds the `_native` target, then copies the module into the package."""

    def build_extension(self, ext: Extension) -> None:
        build = ROOT / "build" / "python"
        configure = [
            "cmake", "-S", str(ROOT), "-B", str(build),
            "-DCMAKE_BUILD_TYPE=RelWithDebInfo",
            "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG",
            "-DSECUREBASE_WERROR=ON",
            "-DSECUREBASE_BUILD_TESTS=OFF", "-DSECUREBASE_BUILD_CLI=OFF",
            "-DSECUREBASE_BUILD_EXAMPLES=OFF", "-DSECUREBASE_INSTALL=OFF",
            "-DSECUREBASE_BUILD_PYTHON=ON",
            f"-DPython_EXECUTABLE={sys.executable}",
        ]
        jobs = os.environ.get("SECUREBASE_BUILD_JOBS", "2")
        subprocess.run(configure, check=True)
        subprocess.run(["cmake", "--build", str(build), "--target", "_native", "-j", jobs],
                       check=True)
        built = sorted((build / "bindings" / "python").glob("_native*.so"))
        if not built:
            raise RuntimeError(f"securebase: no _native module was built in {build}")
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built[0], target)


setup(
    version=project_version(),
    ext_modules=[Extension("securebase._native", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    zip_safe=False,
)

#!/usr/bin/env bash
# The Python package's tests: makes (or reuses) a venv in build/python-venv from Debian's
# /usr/bin/python3 with the system's numpy, pandas, pytest and dask, installs bindings/python
# into it offline (setup.py builds the library with CMake into build/python, through ccache),
# and runs pytest. Prints the time of each step. Extra arguments go to pytest (e.g. -k dask).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
venv=build/python-venv
if [ ! -x "$venv/bin/python" ]; then
  /usr/bin/python3 -m venv --system-site-packages "$venv"
fi
# Build the wheel with the venv's pip, offline, from this checkout (no PyPI).
"$venv/bin/python" -m pip install --quiet --no-build-isolation --no-index --no-deps \
  --disable-pip-version-check ./bindings/python
installed=$(date +%s)
echo "test-python: built and installed in $((installed - start)) s"
# Run the tests from outside the source tree, so that `import securebase` is the installed one.
"$venv/bin/python" -m pytest -q -p no:cacheprovider --rootdir=bindings/python \
  bindings/python/tests "$@"
echo "test-python: tests in $(($(date +%s) - installed)) s; total $(($(date +%s) - start)) s"

#!/usr/bin/env bash
# Installs the current build into a fresh prefix, then builds examples/embed_cpp (CMake package)
# and examples/embed_c (pkg-config) against that prefix only and runs them, with
# examples/python/score.py (skipped under sanitizers: a sanitized shared library cannot be
# loaded into an unsanitized python).
# usage: install_examples.sh CMAKE BUILD_DIR SOURCE_DIR WORK_DIR CXX SANITIZE(0|1) [PYTHON]
set -euo pipefail
cmake=$1 build=$2 src=$3 work=$4 cxx=$5 sanitize=$6 python=${7:-}

fail() { echo "install.examples: $*" >&2; exit 1; }
expect() {  # expect FILE TEXT: FILE contains TEXT
  grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$1 lacks: $2"; }
}

rm -rf "$work"
mkdir -p "$work"
prefix=$work/prefix
"$cmake" --install "$build" --prefix "$prefix" >"$work/install.log"

case "$cxx" in
  *clang++*) cc=clang ;;
  *g++*) cc=gcc ;;
  *) cc=cc ;;
esac
version=$(sed -n 's/^#define SECUREBASE_VERSION_STRING "\(.*\)"$/\1/p' \
  "$prefix/include/securebase/version.hpp")
[ -n "$version" ] || fail "no SECUREBASE_VERSION_STRING in the installed version.hpp"

# C++: find_package(securebase CONFIG) through CMAKE_PREFIX_PATH, no package registry.
"$cmake" -S "$src/examples/embed_cpp" -B "$work/cpp" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON >"$work/cpp.log"
grep -q "^securebase_DIR:PATH=$prefix/" "$work/cpp/CMakeCache.txt" ||
  fail "embed_cpp found securebase outside $prefix: $(grep ^securebase_DIR "$work/cpp/CMakeCache.txt")"
"$cmake" --build "$work/cpp" >>"$work/cpp.log"
"$work/cpp/embed_cpp" >"$work/cpp.out"
# source: hand computation (tests/CMakeLists.txt, cli.quickstart_example): anxiety 55 / 12.
expect "$work/cpp.out" "securebase $version"
expect "$work/cpp.out" "anxiety: 4.58"

# C99: pkg-config, with its search path replaced by the prefix's.
pcdir=$(dirname "$(find "$prefix" -name securebase.pc | head -n 1)")
PKG_CONFIG_LIBDIR=$pcdir PKG_CONFIG_PATH='' "$cmake" -S "$src/examples/embed_c" -B "$work/c" \
  -DCMAKE_C_COMPILER="$cc" >"$work/c.log"
"$cmake" --build "$work/c" >>"$work/c.log"
"$work/c/embed_c" >"$work/c.out"
expect "$work/c.out" "securebase $version"
expect "$work/c.out" "anxiety: 4.58"
expect "$work/c.out" "36. [sb_repair2] "
expect "$work/c.out" "bad answer: status 203 (securebase.answers.203): [securebase.answers.203] answers: /1"
libdir=$(dirname "$(find "$prefix" -name 'libsecurebase.so' | head -n 1)")
# ldd's output is kept whole first: with pipefail, grep -q closing the pipe early could fail
# the pipeline through ldd's SIGPIPE even when the line is there.
loaded=$(LD_LIBRARY_PATH='' ldd "$work/c/embed_c")
grep -qF "$libdir/libsecurebase.so" <<<"$loaded" ||
  fail "embed_c does not load $libdir/libsecurebase.so"

# pkg-config's securebase-static links the archive: the program runs without the shared library.
if [ "$sanitize" != 1 ]; then
  # shellcheck disable=SC2046  # pkg-config's output is a list of flags
  "$cc" -std=c99 "$src/examples/embed_c/main.c" \
    $(PKG_CONFIG_LIBDIR=$pcdir PKG_CONFIG_PATH='' pkg-config --cflags --libs securebase-static) \
    -o "$work/c_static_pc" || fail "pkg-config securebase-static does not link"
  if LD_LIBRARY_PATH='' ldd "$work/c_static_pc" | grep -q libsecurebase; then
    fail "pkg-config securebase-static linked the shared library"
  fi
  "$work/c_static_pc" >"$work/c_static_pc.out"
  expect "$work/c_static_pc.out" "anxiety: 4.58"
fi

# A C-only CMake project links the installed package, static and shared, and both run.
if [ "$sanitize" != 1 ]; then
  "$cmake" -S "$src/tests/e2e/c_only_consumer" -B "$work/c_only" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_C_COMPILER="$cc" -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON \
    -DEXAMPLE_SOURCE="$src/examples/embed_c/main.c" >"$work/c_only.log"
  "$cmake" --build "$work/c_only" >>"$work/c_only.log" 2>&1 || { cat "$work/c_only.log" >&2; fail "the C-only consumer does not link"; }
  "$work/c_only/c_only_static" >"$work/c_only_static.out"
  expect "$work/c_only_static.out" "anxiety: 4.58"
  LD_LIBRARY_PATH="$libdir" "$work/c_only/c_only_shared" >"$work/c_only_shared.out"
  expect "$work/c_only_shared.out" "anxiety: 4.58"
fi

# Python: ctypes on the installed shared library.
if [ "$sanitize" = 1 ]; then
  echo "install.examples: python example skipped (sanitized build)"
elif [ -z "$python" ]; then
  echo "install.examples: python example skipped (no python3)"
else
  "$python" "$src/examples/python/score.py" --library "$libdir/libsecurebase.so" >"$work/py.out"
  expect "$work/py.out" "securebase $version"
  expect "$work/py.out" "anxiety: 4.58"
  expect "$work/py.out" "bad answer: status 203: [securebase.answers.203] answers: /1"
fi
echo "install.examples: ok ($prefix)"

#!/usr/bin/env bash
# The R package (bindings/r): builds its source tarball (bindings/r/build.sh), then runs
# `R CMD check --no-manual` on it, which installs the package (the one compile) and runs its
# testthat tests and examples. Fails unless check's status has no ERROR and no WARNING.
# The compile goes through ccache with -j2 (a user Makevars written here), so a second run is
# quick. Prints the time of each step. Output in build/r/ (check log: securebase.Rcheck/).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/build/r"
mkdir -p "$out"
t0=$(date +%s)

tarball="$(nice -n 10 "$root/bindings/r/build.sh" "$out")"
t1=$(date +%s)

# Compiler and flags for this check only: ccache when installed, no debug information (a
# smaller library, and the cache does not depend on the temporary build folder).
compiler="g++"
command -v ccache >/dev/null 2>&1 && compiler="ccache g++"
cat >"$out/Makevars.user" <<MAKEVARS
CXX20 = $compiler
CXX20FLAGS = -O2 -fstack-protector-strong -Wformat -Werror=format-security -D_FORTIFY_SOURCE=2
MAKEVARS
export R_MAKEVARS_USER="$out/Makevars.user"
export MAKEFLAGS="-j2"
export CCACHE_NOHASHDIR=1
export _R_CHECK_FORCE_SUGGESTS_=false
export LANGUAGE=en LC_ALL=C.UTF-8

cd "$out"
rm -rf securebase.Rcheck
status=0
nice -n 10 R CMD check --no-manual --no-build-vignettes "$tarball" >"$out/check.out" 2>&1 ||
  status=$?
t2=$(date +%s)
summary="$(grep -E '^Status:' securebase.Rcheck/00check.log || echo 'Status: unknown')"
echo "test-r: R CMD check: $summary"
echo "test-r: build $((t1 - t0)) s, check (install, tests, examples) $((t2 - t1)) s," \
  "total $((t2 - t0)) s"
if [ "$status" -ne 0 ] || grep -qE 'ERROR|WARNING' <<<"$summary"; then
  cat "$out/check.out" >&2
  for f in securebase.Rcheck/00install.out securebase.Rcheck/tests/testthat.Rout.fail; do
    [ -f "$f" ] && tail -n 60 "$f" >&2
  done
  echo "test-r: FAILED" >&2
  exit 1
fi
grep -E 'NOTE' -A6 securebase.Rcheck/00check.log || true
echo "test-r: OK"

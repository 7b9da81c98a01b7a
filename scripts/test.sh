#!/usr/bin/env bash
# Installs what is missing, builds securebase with warnings as errors, and runs every test:
# optimised with g++ (preset ci), under AddressSanitizer + UndefinedBehaviorSanitizer (preset
# asan), and built with clang (preset clang). After the ci preset, the command line's end-to-end
# tests run again under Valgrind's memcheck (scripts/memcheck.sh: no invalid access, no leak).
# Incremental on a second run.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
for preset in ci asan clang; do
  echo "== preset ${preset}"
  cmake --preset "${preset}" >/dev/null
  cmake --build --preset "${preset}"
  ctest --preset "${preset}"
  if [ "${preset}" = ci ]; then
    echo "== memcheck (preset ci)"
    ./scripts/memcheck.sh build/ci
  fi
done

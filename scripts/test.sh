#!/usr/bin/env bash
# Installs what is missing, builds securebase with warnings as errors, and runs every test:
# optimised with g++ (preset ci), under AddressSanitizer + UndefinedBehaviorSanitizer (preset
# asan), and built with clang (preset clang). Incremental on a second run.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
for preset in ci asan clang; do
  echo "== preset ${preset}"
  cmake --preset "${preset}" >/dev/null
  cmake --build --preset "${preset}"
  ctest --preset "${preset}"
done

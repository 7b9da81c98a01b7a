#!/usr/bin/env bash
# Installs what is missing, builds securebase with warnings as errors, and runs every test:
# first optimised (preset ci), then under AddressSanitizer + UndefinedBehaviorSanitizer
# (preset asan). Incremental on a second run.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
for preset in ci asan; do
  echo "== preset ${preset}"
  cmake --preset "${preset}" >/dev/null
  cmake --build --preset "${preset}"
  ctest --preset "${preset}"
done

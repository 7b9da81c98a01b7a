#!/usr/bin/env bash
# Quick start: installs what is missing, builds securebase (release) and runs its main job:
# `securebase take`, the questionnaire, on the embedded default instrument (securebase-core).
# Extra arguments go to `take` (e.g. --brief, --plain, --lang es).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
exec ./build/release/securebase take "$@"

#!/usr/bin/env bash
# Quick start: installs what is missing, builds securebase (release) and runs its main job.
# Until `securebase take` lands, the main job scores an example answers file on the embedded
# default instrument, securebase-core.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
./build/release/securebase score --instrument securebase-core \
  --answers examples/answers/securebase-core-example.txt "$@"

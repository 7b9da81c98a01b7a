#!/usr/bin/env bash
# Quick start: installs what is missing, builds securebase (release) and runs its main job.
# Until `securebase take` lands, the main job scores the example answers file.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
./build/release/securebase score --instrument ecr-r --answers examples/answers/ecr-r-example.txt "$@"

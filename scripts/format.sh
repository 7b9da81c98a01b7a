#!/usr/bin/env bash
# Formats every C++ source in the repository with the repository's .clang-format.
# With --check, changes nothing and fails when a file is not formatted.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h' 2>/dev/null || find include lib cli tests examples bench -name '*.[ch]pp')
if [ "${1:-}" = "--check" ]; then
  clang-format --dry-run -Werror "${files[@]}"
  echo "format: ${#files[@]} files formatted correctly"
else
  clang-format -i "${files[@]}"
fi

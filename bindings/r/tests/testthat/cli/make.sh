#!/usr/bin/env bash
# Regenerates the CLI outputs test-batch.R compares sb_score with: `securebase batch` on the
# tables of the securebase sources' tests/data. Usage: cli/make.sh PATH/TO/securebase
set -euo pipefail
exe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../../.." && pwd)"
o="$root/tests/data/oracle"
b="$root/tests/data/batch"
cd "$here"
run() { out="$1"; shift; "$exe" batch -q --force -o "$out" "$@"; }
run ecr-r-1000.csv -i ecr-r "$o/batch-ecr-r-1000.csv" -c 'ECR_{n}' --id id
run ecr-r-1000-codes.csv -i ecr-r "$o/batch-ecr-r-1000.csv" -c 'ECR_{n}' --id id \
  --missing-codes 0,7
run basic.csv -i "$b/batch.json" "$b/basic.csv" -c 'Q{n}' --id pid --keep age
run missing-codes.csv -i "$b/batch.json" "$b/missing-codes.csv" -c 'Q{n}' --id pid \
  --missing-codes=-99
run missing-codes-invalid.csv -i "$b/batch.json" "$b/missing-codes.csv" -c 'Q{n}' --id pid \
  --missing-codes=-99 --invalid missing
run labels.csv -i "$b/batch.json" "$b/labels.csv" -c 'Q{n}' --id pid
run basic-sum.csv -i "$b/batch.json" "$b/basic.csv" -c 'Q{n}' --method sum

#!/usr/bin/env bash
# Writes the CLI's outputs that tests/test_frame.py compares the Python package with:
#   bindings/python/tests/make_expected.sh build/ci/securebase
# Run it after a deliberate change of batch scoring or statistics, and review the diff.
# data/ecr5-1000.csv is tests/data/oracle/batch-ecr-r-1000.csv with every answer above 5 set to 5.
set -euo pipefail
cli=$(realpath "$1")
cd "$(dirname "$0")/../../.."
out=bindings/python/tests/data
oracle=tests/data/oracle/batch-ecr-r-1000.csv
b=tests/data/batch
run() { local name=$1; shift; "$cli" batch -q "$@" -o "$out/$name.csv" --force; }
run ecr-r-1000 -i ecr-r "$oracle" -c 'ECR_{n}' --id id
run ecr-r-1000-sum -i ecr-r "$oracle" -c 'ECR_{n}' --id id --method sum --prefix sb_
run ecr5-1000-norms -i ecr-5 "$out/ecr5-1000.csv" -c 'ECR_{n}' --id id --norms osp-2018
run ecr5-as-ecr-r -i ecr-5 "$oracle" -c 'ECR_{n}' --id id --invalid missing
run ecr5-as-ecr-r-invalid -i ecr-5 "$oracle" -c 'ECR_{n}' --id id
run basic -i "$b/batch.json" "$b/basic.csv" -c 'Q{n}' --id pid --keep age
run missing-codes -i "$b/batch.json" "$b/missing-codes.csv" -c 'Q{n}' --id pid \
  --missing-codes '-99,9'
run labels -i "$b/batch.json" "$b/labels.csv" -c 'Q{n}' --id pid
run labels-invalid-missing -i "$b/batch.json" "$b/labels.csv" -c 'Q{n}' --id pid \
  --invalid missing
"$cli" stats -q -i ecr-r "$oracle" -c 'ECR_{n}' --format json -o "$out/ecr-r-1000.stats.json" \
  --force
"$cli" stats -q -i ecr-r "$oracle" -c 'ECR_{n}' --format json --missing listwise \
  -o "$out/ecr-r-1000.listwise.stats.json" --force
"$cli" batch -q -i ecr-r "$oracle" -c 'ECR_{n}' -o /dev/null --stats-partial "$out/ecr-r-1000.partial.json" --force

#!/usr/bin/env bash
# README's first command: set up, build, ingest the bundled sample dump and print the
# region report (the nation and its provinces), then one province's cities.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DHVPAT_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
db="${HVPAT_DEMO_DB:-/tmp/hvpat-demo-db}"
status=0
build/hvpat ingest --db "$db" --as-of 2025-12-31 sample_data/sample.jsonl.gz || status=$?
[ "$status" -le 1 ] || exit "$status"   # 1: some sample lines are invalid on purpose
echo
build/hvpat report --db "$db"
echo
build/hvpat report --db "$db" --region 500000
echo
build/hvpat holders --db "$db" --region 500000 --top 5

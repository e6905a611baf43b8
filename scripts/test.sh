#!/usr/bin/env bash
# README's second command: set up, build with the sanitizers, run the whole test suite,
# then the public acceptance check when ../shared/acceptance is beside the project.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DHVPAT_SANITIZE=ON -DHVPAT_BUILD_TESTS=ON >/dev/null
cmake --build build-test -j"$(nproc)"
ctest --test-dir build-test --output-on-failure -j"$(nproc)"
acceptance=../shared/acceptance
if [ -f "$acceptance/check.py" ]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DHVPAT_BUILD_TESTS=OFF >/dev/null
  cmake --build build -j"$(nproc)" >/dev/null
  python3 "$acceptance/check.py" --hvpat build/hvpat --rules "$acceptance/rules" --as-of 2025-12-31 \
    --expected "$acceptance/data/public_small.expected.json" --check-quarantine \
    "$acceptance/data/public_small.jsonl.gz"
  python3 "$acceptance/check.py" --hvpat build/hvpat --rules "$acceptance/rules" --as-of 2023-12-31 \
    --expected "$acceptance/data/public_edge.2023-12-31.expected.json" --check-quarantine \
    "$acceptance/data/public_edge.jsonl.gz"
fi

#!/usr/bin/env bash
# README's second command: set up, build with the sanitizers, run the whole test suite
# (the public acceptance checks included when ../shared/acceptance is beside the
# project), then the Release build: the acceptance checks on it, the .deb built and run
# from a scratch root, and a short run of every fuzzer.
# FUZZ_SECONDS (default 10, which keeps CI under 20 minutes on 2 cores) sets each
# fuzzer's run; 0 skips them.
set -euo pipefail
cd "$(dirname "$0")/.."
# Each stage's start, with the seconds since the script began: CI must stay under 20
# minutes on 2 cores, and this says where they go.
stage() { echo "test.sh: [${SECONDS}s] $*" >&2; }
stage "setup"
scripts/setup.sh
stage "lint"
scripts/lint.sh
jobs=$(nproc)
stage "sanitizer build"
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DHVPAT_SANITIZE=ON -DHVPAT_BUILD_TESTS=ON >/dev/null
cmake --build build-test -j"$jobs"
stage "sanitizer tests"
# The acceptance checks run below, on the Release build.
ctest --test-dir build-test --output-on-failure -j"$jobs" -LE acceptance

stage "release build"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DHVPAT_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$jobs" >/dev/null
stage "clang-tidy"
scripts/lint.sh --tidy
stage "acceptance checks"
acceptance=../shared/acceptance
if [ -f "$acceptance/check.py" ]; then
  python3 "$acceptance/check.py" --hvpat build/hvpat --rules "$acceptance/rules" --as-of 2025-12-31 \
    --expected "$acceptance/data/public_small.expected.json" --check-quarantine \
    "$acceptance/data/public_small.jsonl.gz"
  python3 "$acceptance/check.py" --hvpat build/hvpat --rules "$acceptance/rules" --as-of 2023-12-31 \
    --expected "$acceptance/data/public_edge.2023-12-31.expected.json" --check-quarantine \
    "$acceptance/data/public_edge.jsonl.gz"
  python3 "$acceptance/check.py" --analytics --hvpat build/hvpat --rules "$acceptance/rules_analytics" \
    --as-of 2021-12-31,2023-12-31,2025-12-31 \
    --expected "$acceptance/data/public_edge.analytics.expected.json" "$acceptance/data/public_edge.jsonl.gz"
else
  echo "test.sh: $acceptance not found beside the project: public acceptance checks skipped" >&2
fi
stage "package test"
BUILD_DIR="$PWD/build" scripts/package-test.sh
if [ -x scripts/fuzz.sh ] && [ "${FUZZ_SECONDS:-10}" != 0 ]; then
  stage "fuzzers"
  scripts/fuzz.sh "${FUZZ_SECONDS:-10}"
fi
stage "done"

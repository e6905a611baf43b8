#!/usr/bin/env bash
# Line coverage of the test suite, per module: builds build-coverage with --coverage,
# runs ctest, and prints lcov's line figure for each folder of src/ (lcov from Debian's
# packages, installed when missing). The HTML report lands in build-coverage/coverage/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
command -v lcov >/dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends lcov >/dev/null; }
cmake -S . -B build-coverage -DCMAKE_BUILD_TYPE=Debug -DHVPAT_COVERAGE=ON -DHVPAT_BUILD_TESTS=ON >/dev/null
cmake --build build-coverage -j"$(nproc)" >/dev/null
find build-coverage -name '*.gcda' -delete
ctest --test-dir build-coverage -j"$(nproc)" >/dev/null || true   # figures even when a test fails
lcov --quiet --capture --directory build-coverage --output-file build-coverage/all.info
lcov --quiet --extract build-coverage/all.info "$PWD/src/*" "$PWD/include/*" --output-file build-coverage/src.info
printf '%-10s %8s\n' module lines
for module in $(cd src && ls -d */ | tr -d /); do
  lcov --quiet --extract build-coverage/src.info "$PWD/src/$module/*" --output-file "build-coverage/$module.info" 2>/dev/null || continue
  pct=$(lcov --summary "build-coverage/$module.info" 2>&1 | sed -n 's/.*lines\.*: *\([0-9.]*%\).*/\1/p')
  printf '%-10s %8s\n' "$module" "$pct"
done
lcov --summary build-coverage/src.info 2>&1 | sed -n 's/.*lines\.*: *\([0-9.]*%\).*/all        \1/p'
command -v genhtml >/dev/null && genhtml --quiet build-coverage/src.info --output-directory build-coverage/coverage || true

#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang in build-fuzz and runs each for
# SECONDS (default 60), starting from the committed seeds in fuzz/corpus/<target>.
# Fails when a target finds a crash, a sanitizer error, a leak or a timeout; the input
# that did it is left in build-fuzz/findings/. Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(record_parser ipc rules reader)

if ! command -v clang++ >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  echo "fuzz.sh: installing clang and libFuzzer (apt-get install -y clang libclang-rt-14-dev)"
  apt-get install -y clang libclang-rt-14-dev
fi

CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DHVPAT_BUILD_FUZZ=ON -DHVPAT_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz -j2 --target "${targets[@]/#/fuzz_}"

mkdir -p build-fuzz/findings
status=0
for target in "${targets[@]}"; do
  corpus="build-fuzz/corpus/$target"  # grows as the fuzzer finds new coverage
  mkdir -p "$corpus"
  echo "== fuzz_$target for ${seconds}s"
  if ! build-fuzz/fuzz/fuzz_"$target" "$corpus" "fuzz/corpus/$target" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -artifact_prefix="build-fuzz/findings/$target-" -print_final_stats=1 2>"build-fuzz/$target.log"; then
    echo "fuzz_$target FAILED: see build-fuzz/$target.log and build-fuzz/findings/"
    status=1
  fi
  grep -E "^stat::(number_of_executed_units|peak_rss_mb)|cov: " "build-fuzz/$target.log" | tail -3
done
exit $status

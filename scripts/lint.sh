#!/usr/bin/env bash
# Style checks: clang-format (.clang-format, Google style at 120 columns) over every C++
# file, and with --tidy clang-tidy (.clang-tidy) over src/ using the compile commands of
# build/ (TIDY_BUILD_DIR); CI runs both.
# --fix rewrites the files in place instead of checking them.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "lint: clang-format is missing (apt-get install clang-format)" >&2; exit 2; }
mapfile -t files < <(git ls-files 'src/*.cc' 'src/*.h' 'include/*.h' 'tests/*.cc' 'tests/*.h' 'bench/*.cc' 'fuzz/*.cc')
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
bad=()
for f in "${files[@]}"; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
  echo "lint: ${#bad[@]} file(s) not formatted (scripts/lint.sh --fix): ${bad[*]}" >&2
  exit 1
fi
echo "lint: clang-format: ${#files[@]} files formatted"
# Each third-party library has one home module (cmake/HvpatModules.cmake links it there
# alone): its headers are included nowhere else in src/ or include/.
homes=("rocksdb/:src/store/" "simdjson:src/record/" "oneapi/tbb:src/pipeline/" "tbb/:src/pipeline/"
       "boost/iostreams:src/io/" "zstd.h:src/io/" "isa-l/:src/io/" "uniwidth.h:src/report/"
       "boost/program_options:src/rules/ src/cli/")
strays=()
for entry in "${homes[@]}"; do
  header=${entry%%:*}
  read -r -a allowed <<< "${entry#*:}"
  while IFS= read -r file; do
    ok=0
    for dir in "${allowed[@]}"; do [[ $file == "$dir"* ]] && ok=1; done
    [ $ok = 1 ] || strays+=("$file includes <$header...>")
  done < <(git grep -l -E "#include <$header" -- src include || true)
done
if [ ${#strays[@]} -gt 0 ]; then
  printf 'lint: a library included outside its module: %s\n' "${strays[@]}" >&2
  exit 1
fi
echo "lint: every library included only in its module"
if [ "${1:-}" = "--tidy" ]; then
  command -v clang-tidy >/dev/null || { echo "lint: clang-tidy is missing (apt-get install clang-tidy)" >&2; exit 2; }
  dir=${TIDY_BUILD_DIR:-build}
  cmake -S . -B "$dir" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
  # Every finding fails the check; clang-tidy's own counts of suppressed system-header
  # warnings are left out of the output.
  set +e
  git ls-files 'src/*.cc' | xargs -P"$(nproc)" -n4 clang-tidy -p "$dir" --quiet --warnings-as-errors='*' 2>&1 |
    grep -v -E '^[0-9]+ warnings? (and [0-9]+ errors? )?generated|^Suppressed [0-9]+ warnings|^Use -header-filter|^[0-9]+ warnings? treated as errors'
  status=${PIPESTATUS[1]}
  set -e
  if [ "$status" -ne 0 ]; then
    echo "lint: clang-tidy found problems (.clang-tidy lists the checks)" >&2
    exit 1
  fi
  echo "lint: clang-tidy: src/ clean"
fi

#!/usr/bin/env bash
# Style checks: clang-format (.clang-format, Google style at 120 columns) over every C++
# file, and with --tidy clang-tidy (.clang-tidy) over src/ using build/'s compile commands.
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
if [ "${1:-}" = "--tidy" ]; then
  cmake -S . -B build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
  mapfile -t sources < <(git ls-files 'src/*.cc')
  clang-tidy -p build --quiet "${sources[@]}"
fi

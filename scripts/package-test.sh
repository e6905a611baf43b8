#!/usr/bin/env bash
# Builds the Debian package and checks it the way an operator would meet it:
#   1. Release build and `cpack -G DEB` -> hvpat_<version>_amd64.deb
#   2. control fields (Package, Version, Section, Maintainer, Depends computed by
#      dpkg-shlibdeps naming Debian 12's runtime libraries)
#   3. the package holds the binary, the rules, the man page and the bash completion
#   4. the extracted tree, moved to a scratch directory away from the source and build
#      trees and run with a scrubbed environment (no --rules, no HVPAT_RULES, the build
#      tree fallback disabled), ingests sample_data/sample.jsonl.gz and prints a report;
#      with its rules removed it fails with the one-line "no rules directory" error, which
#      proves the report used the packaged rules.
# Usage: scripts/package-test.sh            (BUILD_DIR=build-package JOBS=2 by default)
#        PACKAGE_TEST_APT=1 scripts/package-test.sh   also apt install / apt remove it (root)
# Exit status: 0 when every check passes, 1 on the first failure (named on stderr).
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$src/build-package}
jobs=${JOBS:-2}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/hvpat-package-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

fail() {
  echo "package-test: FAIL: $*" >&2
  exit 1
}
step() { echo "package-test: $*" >&2; }

version=$(sed -n 's/^project(hvpat VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
[ -n "$version" ] || fail "no project version in CMakeLists.txt"

step "building Release in $build"
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DHVPAT_BUILD_TESTS=OFF >"$scratch/cmake.log" 2>&1 ||
  { cat "$scratch/cmake.log" >&2; fail "cmake configure"; }
cmake --build "$build" -j"$jobs" >"$scratch/build.log" 2>&1 || { tail -30 "$scratch/build.log" >&2; fail "build"; }

step "cpack -G DEB"
rm -f "$build"/hvpat_*.deb
(cd "$build" && cpack -G DEB) >"$scratch/cpack.log" 2>&1 || { cat "$scratch/cpack.log" >&2; fail "cpack"; }
deb=$build/hvpat_${version}_amd64.deb
[ -f "$deb" ] || fail "expected $deb; cpack made: $(ls "$build"/*.deb 2>/dev/null)"

step "control fields of $(basename "$deb")"
dpkg-deb -I "$deb" >"$scratch/info.txt" || fail "dpkg-deb -I $deb"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = hvpat ] || fail "Package is '$(field Package)', not hvpat"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', not $version"
[ "$(field Architecture)" = amd64 ] || fail "Architecture is '$(field Architecture)'"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ -n "$(field Section)" ] || fail "no Section"
[ -n "$(field Description)" ] || fail "no Description"
depends=$(field Depends)
[ -n "$depends" ] || fail "Depends is empty (CPACK_DEBIAN_PACKAGE_SHLIBDEPS)"
for lib in libtbb12 libboost-program-options1.74.0 libboost-iostreams1.74.0 libsimdjson14 libc6; do
  grep -qE "(^|, )$lib( |,|$)" <<<"$depends" || fail "Depends does not name $lib: $depends"
done

step "package contents"
dpkg-deb -c "$deb" | awk '{print $NF}' >"$scratch/contents.txt"
for path in ./usr/bin/hvpat ./usr/share/man/man1/hvpat.1.gz ./usr/share/bash-completion/completions/hvpat \
  ./usr/share/hvpat/rules/high_value.ini ./usr/share/hvpat/rules/sei_ipc.tsv \
  ./usr/share/hvpat/rules/regions.tsv ./usr/share/hvpat/rules/awards.tsv; do
  grep -qxF "$path" "$scratch/contents.txt" || fail "$path is not in the package"
done

step "extracting with dpkg -x and moving the tree away from $src"
dpkg -x "$deb" "$scratch/extracted"
mkdir "$scratch/elsewhere"
mv "$scratch/extracted/usr" "$scratch/elsewhere/usr"
root=$scratch/elsewhere/usr
hvpat=$root/bin/hvpat
case "$hvpat" in "$src"/* | "$build"/*) fail "scratch directory $scratch is inside the source or build tree" ;; esac

gzip -dc "$root/share/man/man1/hvpat.1.gz" | head -1 | grep -q '^\.TH HVPAT 1 ' || fail "man page does not start with .TH HVPAT 1"
if command -v man >/dev/null 2>&1 && command -v groff >/dev/null 2>&1; then
  MANWIDTH=80 man -l "$root/share/man/man1/hvpat.1.gz" 2>/dev/null | grep -q "HVPAT_DB" || fail "man -l does not render"
fi
bash -c "source '$root/share/bash-completion/completions/hvpat' && complete -p hvpat" | grep -q _hvpat ||
  fail "the bash completion does not register _hvpat"
words=$(bash -c "source '$root/share/bash-completion/completions/hvpat'; COMP_WORDS=('$hvpat' rep); COMP_CWORD=1; _hvpat; echo \${COMPREPLY[*]}")
[ "$words" = report ] || fail "completing 'hvpat rep' gave '$words'"

# Everything below runs the extracted binary with a clean environment: no HVPAT_RULES,
# no HVPAT_DB, and the build tree fallback disabled (it is not in a build tree anyway).
run() { env -i PATH=/usr/bin:/bin HOME="$scratch" HVPAT_NO_BUILD_FALLBACK=1 "$hvpat" "$@"; }
cp "$src/sample_data/sample.jsonl.gz" "$scratch/sample.jsonl.gz"
cd "$scratch"

step "running the extracted hvpat on sample.jsonl.gz"
run --version | grep -q "^hvpat $version$" || fail "hvpat --version does not print $version"
set +e
run ingest --db "$scratch/db" --threads 2 "$scratch/sample.jsonl.gz" >"$scratch/ingest.txt" 2>"$scratch/ingest.err"
status=$?
set -e
[ $status -eq 0 ] || [ $status -eq 1 ] || { cat "$scratch/ingest.err" >&2; fail "ingest exited $status"; }
grep -qE "^lines_read +[1-9]" "$scratch/ingest.txt" || fail "ingest printed no run summary: $(head -5 "$scratch/ingest.txt")"
run report --db "$scratch/db" >"$scratch/report.txt" || fail "report exited $?"
grep -q "全国" "$scratch/report.txt" || fail "the report has no national row (全国)"
grep -q "high_value" "$scratch/report.txt" || fail "the report has no high_value column"
json=$(run count --db "$scratch/db" --format json) || fail "count exited $?"
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["name"]=="全国" and d["high_value"]>0, d' "$json" ||
  fail "count --format json: $json"
HVPAT_DB_OUT=$(env -i PATH=/usr/bin:/bin HVPAT_DB="$scratch/db" HVPAT_NO_BUILD_FALLBACK=1 "$hvpat" count --format json)
[ "$HVPAT_DB_OUT" = "$json" ] || fail "HVPAT_DB did not select the database"
set +e
run report --db "$scratch/db" >/dev/full 2>"$scratch/full.err"
status=$?
set -e
[ $status -eq 3 ] || fail "report > /dev/full exited $status, not 3"
grep -qx "hvpat report: cannot write the output: No space left on device" "$scratch/full.err" ||
  fail "report > /dev/full said: $(cat "$scratch/full.err")"

step "without its rules the extracted hvpat says what it tried"
rm -rf "$root/share/hvpat/rules"
set +e
run generate --records 1 >/dev/null 2>"$scratch/norules.err"
status=$?
set -e
[ $status -eq 3 ] || fail "generate without rules exited $status, not 3"
grep -q "no rules directory found; tried .*$root/share/hvpat/rules.*pass --rules DIR or set HVPAT_RULES" \
  "$scratch/norules.err" || fail "unexpected error without rules: $(cat "$scratch/norules.err")"

if [ "${PACKAGE_TEST_APT:-0}" = 1 ]; then
  step "apt install $deb"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null || fail "apt install"
  /usr/bin/hvpat report --db "$scratch/db" | grep -q "全国" || fail "installed /usr/bin/hvpat cannot report"
  [ -f /usr/share/man/man1/hvpat.1.gz ] || fail "man page not installed"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq hvpat >/dev/null || fail "apt remove"
fi

step "OK: $deb"

#!/usr/bin/env bash
# End-to-end ingest benchmark: generates a dump of N records once (fixed seed), then
# ingests it plain and gzip-compressed with 1 and 2 threads, reporting input size,
# MB/s of uncompressed input, records/s, peak RSS and the stage split.
#
#   bench/ingest_bench.sh [RECORDS] [BUILD_DIR]      (defaults: 2000000, build)
set -euo pipefail
cd "$(dirname "$0")/.."
records="${1:-2000000}"
build="${2:-build}"
hvpat="$build/hvpat"
work="${HVPAT_BENCH_DIR:-/tmp/hvpat-bench}"
mkdir -p "$work"
dump="$work/dump-$records.jsonl"
if [ ! -f "$dump" ]; then
  "$hvpat" generate --records "$records" --seed 7 --output "$dump"
  gzip -1 -k -f "$dump"
fi
printf '%-10s %7s %10s %10s %9s %12s %9s %9s %9s\n' form threads input_MB seconds MB/s records/s peak_MB pipe_s final_s
for form in plain gzip; do
  file="$dump"; [ "$form" = gzip ] && file="$dump.gz"
  for threads in 1 2; do
    rm -rf "$work/db"
    /usr/bin/time -f '%M' -o "$work/rss" "$hvpat" ingest --db "$work/db" --threads "$threads" --format json \
      --as-of 2025-12-31 "$file" > "$work/summary.json" 2>/dev/null || [ $? -eq 1 ]
    python3 - "$form" "$threads" "$work/summary.json" "$(tail -1 "$work/rss")" <<'PY'
import json, sys
form, threads, path, rss_kib = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
s = json.load(open(path))
mb = s["bytes_decoded"] / 1e6
print(f"{form:<10} {threads:>7} {mb:>10.1f} {s['seconds']:>10.2f} {mb / s['seconds']:>9.1f} "
      f"{s['lines_read'] / s['seconds']:>12.0f} {rss_kib / 1024:>9.0f} {s['pipeline_seconds']:>9.2f} "
      f"{s['finalize_seconds']:>9.2f}")
PY
  done
done

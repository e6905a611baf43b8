#!/usr/bin/env python3
"""End-to-end ingest benchmark with its hardware floors, in one table (bench/README.md).

    python3 bench/e2e.py [--records N] [--build DIR] [--work DIR] [--forms plain,gzip,zstd] [--threads 1,2]

Generates a dump shaped like a national one (`hvpat generate --bulky`: the spec's fields
plus title, abstract, inventors, address and priority claims, ~1.5 KB a record, 0.1%
invalid lines and duplicates) once per N, writes it plain, gzip (-6) and zstd (-3), then
for each form and thread count runs `hvpat ingest` and the floors of the same files on
the same machine:

  decompress  the same reader and decompressor, discarding the bytes (hvpat_floor)
  gzip -dc    the standard tool, for gzip input
  parse       simdjson On-Demand over every line, reading the fields the rules need, on
              the same threads, no rules and no storage (hvpat_floor)
  store       the same number of RocksDB writes of the same sizes, no parsing (hvpat_floor)

Python 3 standard library only.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path


def run(argv, **kw):
    return subprocess.run(argv, check=False, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def timed_json(argv):
    """Runs a command printing one JSON object; returns (object, peak RSS in MB)."""
    out = run(["/usr/bin/time", "-f", "%M", *argv])
    if out.returncode not in (0, 1):
        sys.exit(f"e2e: {' '.join(argv)} failed ({out.returncode}): {out.stderr.decode()[-500:]}")
    rss_kib = int(out.stderr.decode().strip().splitlines()[-1])
    return json.loads(out.stdout.decode().strip().splitlines()[-1]), rss_kib / 1024


def seconds_of(argv, stdout=subprocess.DEVNULL):
    start = time.monotonic()
    subprocess.run(argv, check=True, stdout=stdout)
    return time.monotonic() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--build", default="build")
    ap.add_argument("--work", default=os.environ.get("HVPAT_BENCH_DIR", "/tmp/hvpat-bench"))
    ap.add_argument("--forms", default="plain,gzip,zstd")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--as-of", default="2025-12-31")
    args = ap.parse_args()

    hvpat = str(Path(args.build) / "hvpat")
    floor = str(Path(args.build) / "bench" / "hvpat_floor")
    for tool in (hvpat, floor):
        if not os.access(tool, os.X_OK):
            sys.exit(f"e2e: {tool} missing: build with -DHVPAT_BUILD_BENCH=ON")
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    plain = work / f"bulky-{args.records}.jsonl"
    files = {"plain": plain, "gzip": Path(str(plain) + ".gz"), "zstd": Path(str(plain) + ".zst")}
    if not plain.exists():
        print(f"e2e: generating {args.records} records into {plain}", file=sys.stderr)
        subprocess.run([hvpat, "generate", "--records", str(args.records), "--seed", "7", "--bulky",
                        "--invalid-share", "0.001", "--duplicate-share", "0.001", "--output", str(plain)], check=True)
    forms = args.forms.split(",")
    if "gzip" in forms and not files["gzip"].exists():
        with open(files["gzip"], "wb") as out:
            subprocess.run(["gzip", "-6", "-c", str(plain)], check=True, stdout=out)
    if "zstd" in forms and not files["zstd"].exists():
        subprocess.run(["zstd", "-q", "-3", "-T2", "-f", str(plain), "-o", str(files["zstd"])], check=True)

    rows = []
    threads_list = [int(t) for t in args.threads.split(",")]
    for form in forms:
        path = str(files[form])
        dec, _ = timed_json([floor, "decompress", path])
        mb = dec["bytes"] / 1e6
        gzip_tool = seconds_of(["gzip", "-dc", path]) if form == "gzip" else None
        for threads in threads_list:
            parse, _ = timed_json([floor, "parse", "--threads", str(threads), path])
            db = work / "db"
            shutil.rmtree(db, ignore_errors=True)
            s, rss = timed_json([hvpat, "ingest", "--db", str(db), "--threads", str(threads), "--format", "json",
                                 "--as-of", args.as_of, path])
            value = max(1, s["staged_bytes"] // max(1, s["lines_read"] - s["quarantined"]))
            store, _ = timed_json([floor, "store", "--records", str(s["lines_read"] - s["quarantined"]),
                                   "--value-bytes", str(value), "--index-entries", str(s["index_entries"]),
                                   "--dir", str(work / "floor-db")])
            rows.append({
                "form": form, "threads": threads, "input_MB": mb, "stored_MB": s["bytes_read"] / 1e6,
                "seconds": s["seconds"], "MB/s": mb / s["seconds"], "rec/s": s["lines_read"] / s["seconds"],
                "peak_MB": rss, "read_s": s["read_seconds"], "parse_s": s["parse_seconds"],
                "write_s": s["write_seconds"], "final_s": s["finalize_seconds"], "publish_s": s["publish_seconds"],
                "dec_MB/s": mb / dec["seconds"], "gzip_MB/s": mb / gzip_tool if gzip_tool else None,
                "parse_MB/s": mb / parse["seconds"], "store_s": store["seconds"],
            })

    cols = [("form", 6, "s"), ("threads", 7, "d"), ("input_MB", 8, ".0f"), ("seconds", 8, ".2f"),
            ("MB/s", 7, ".1f"), ("rec/s", 8, ".0f"), ("peak_MB", 7, ".0f"), ("read_s", 6, ".2f"),
            ("parse_s", 7, ".2f"), ("write_s", 7, ".2f"), ("final_s", 7, ".2f"), ("publish_s", 9, ".2f"), ("dec_MB/s", 8, ".0f"),
            ("gzip_MB/s", 9, "s"), ("parse_MB/s", 10, ".0f"), ("store_s", 7, ".2f"),
            ("vs_dec", 6, ".2f"), ("vs_parse", 8, ".2f"), ("vs_store", 8, ".2f"), ("vs_gzip", 7, "s")]
    print(f"# {args.records} records, {os.cpu_count()} CPUs; MB = 10^6 bytes of uncompressed input")
    print(" ".join(f"{name:>{width}}" for name, width, _ in cols))
    for r in rows:
        r["vs_dec"] = r["MB/s"] / r["dec_MB/s"]
        r["vs_parse"] = r["MB/s"] / r["parse_MB/s"]
        storage = r["write_s"] + r["final_s"] + r["publish_s"]
        r["vs_store"] = r["store_s"] / storage if storage else 0
        r["vs_gzip"] = f"{r['MB/s'] / r['gzip_MB/s']:.2f}" if r["gzip_MB/s"] else "-"
        r["gzip_MB/s"] = f"{r['gzip_MB/s']:.0f}" if r["gzip_MB/s"] else "-"
        print(" ".join(f"{r[name]:>{width}{spec}}" for name, width, spec in cols))


if __name__ == "__main__":
    main()

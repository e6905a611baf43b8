#!/usr/bin/env python3
"""End-to-end ingest benchmark against its floors and a DuckDB peer (bench/README.md).

    python3 bench/e2e.py [--records N] [--shapes compact,bulky] [--forms plain,gzip,zstd]
                         [--threads 1,2] [--repeat 3] [--peer-forms plain,gzip,zstd] [--queries]
    python3 bench/e2e.py --scale 1000000,10000000 [--shape compact] [--threads 2]

Generates dumps (`hvpat generate --seed 7`, 0.1% invalid lines and duplicates) once per
shape and record count into --work: compact (no --bulky, ~350 bytes a record, like the
acceptance dumps) and bulky (--bulky, ~1.5 KB), each plain, gzip (-6) and zstd (-3).
For each shape, form and thread count it runs `hvpat ingest` --repeat times (median),
then on the same files:

  (floors: the fastest of 3 runs; ingest: the median of --repeat)
  decompress    the same reader and decompressor, discarding the bytes (hvpat_floor)
  gzip -dc      the standard tool to /dev/null (zstd -dc for zstd input)
  parse         simdjson On-Demand over every line, the fields the rules need (hvpat_floor)
  parse_all     the same over every field the parser reads (hvpat_floor)
  store         the bytes the finished database holds, written as sorted SST files on
                the same threads and ingested (SstFileWriter + IngestExternalFile, LZ4)
  duckdb        the same job in DuckDB SQL (bench/peer/duckdb_peer.mjs, SET threads=N);
                its time is reported only when its national and per-province counts
                equal hvpat's (`count` and `report --format json`), else the row is
                marked MISMATCH and the differences printed

--scale runs plain compact input at each record count: time, peak RSS, ratios to the
first count. --queries times `count`, `report`, `holders --top 20` (and `export`, `diff`
when hvpat has them) on the largest database, median of 10 including process start.

Python 3 standard library only; the peer needs `npm install` in bench/peer (done here
when bench/peer/node_modules is missing).
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEER = HERE / "peer" / "duckdb_peer.mjs"
RULES = str(HERE.parent / "rules")
RULE_NAMES = ("sei", "overseas", "maintained", "pledge", "award")


def run(argv, **kw):
    return subprocess.run(argv, check=False, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def timed_json(argv):
    """Runs a command printing one JSON object; returns (object, wall seconds, peak RSS in MB)."""
    start = time.monotonic()
    out = run(["/usr/bin/time", "-f", "%M", *argv])
    wall = time.monotonic() - start
    if out.returncode not in (0, 1):
        sys.exit(f"e2e: {' '.join(map(str, argv))} failed ({out.returncode}): {out.stderr.decode()[-800:]}")
    rss_kib = int(out.stderr.decode().strip().splitlines()[-1])
    return json.loads(out.stdout.decode().strip().splitlines()[-1]), wall, rss_kib / 1024


def floor_best(argv, n=3):
    """A floor is a limit: the fastest of n runs (the machine is shared)."""
    return min((timed_json(argv)[0] for _ in range(n)), key=lambda o: o["seconds"])


def seconds_of(argv, n=3):
    return min(_seconds_once(argv) for _ in range(n))


def _seconds_once(argv):
    start = time.monotonic()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - start


def load():
    return os.getloadavg()[0]


def dump_files(hvpat, work, shape, records, forms, rules=str(HERE.parent / "rules")):
    plain = work / f"{shape}-{records}.jsonl"
    files = {"plain": plain, "gzip": Path(str(plain) + ".gz"), "zstd": Path(str(plain) + ".zst")}
    if not plain.exists():
        print(f"e2e: generating {records} {shape} records into {plain}", file=sys.stderr)
        tmp = Path(str(plain) + ".tmp")
        subprocess.run([hvpat, "generate", "--rules", rules, "--records", str(records), "--seed", "7",
                        *(["--bulky"] if shape == "bulky" else []),
                        "--invalid-share", "0.001", "--duplicate-share", "0.001", "--output", str(tmp)], check=True)
        tmp.rename(plain)
    if "gzip" in forms and not files["gzip"].exists():
        with open(str(files["gzip"]) + ".tmp", "wb") as out:
            subprocess.run(["gzip", "-6", "-c", str(plain)], check=True, stdout=out)
        os.rename(str(files["gzip"]) + ".tmp", files["gzip"])
    if "zstd" in forms and not files["zstd"].exists():
        subprocess.run(["zstd", "-q", "-3", "-T2", "-f", str(plain), "-o", str(files["zstd"])], check=True)
    return files


def ensure_peer():
    if not (HERE / "peer" / "node_modules" / "@duckdb" / "node-api").exists():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=HERE / "peer", check=True,
                       stdout=subprocess.DEVNULL)


def hvpat_counts(hvpat, db):
    nation = json.loads(run([hvpat, "count", "--db", str(db), "--format", "json"]).stdout)
    report = json.loads(run([hvpat, "report", "--db", str(db), "--format", "json"]).stdout)

    def shape(o):
        return {"valid_inventions": o["valid_inventions"], "high_value": o["high_value"],
                "by_rule": {r: o["by_rule"].get(r) for r in RULE_NAMES}}
    provinces = {o["region"]: shape(o) for o in report if o.get("region")}
    return shape(nation), provinces


def compare(hv, peer):
    """Differences between hvpat's and the peer's counts, as lines; empty when equal."""
    diffs = []
    nation, provinces = hv
    if nation != peer["nation"]:
        diffs.append(f"nation: hvpat {nation} duckdb {peer['nation']}")
    zero = {"valid_inventions": 0, "high_value": 0, "by_rule": {r: 0 for r in RULE_NAMES}}
    for code in sorted(set(provinces) | set(peer["provinces"])):
        a, b = provinces.get(code, zero), peer["provinces"].get(code, zero)
        if a != b:
            diffs.append(f"{code}: hvpat {a} duckdb {b}")
    return diffs


def ingest(hvpat, db, path, threads, as_of, repeat, extra=()):
    """Median of `repeat` runs: (summary of the median run, its peak RSS MB, all seconds)."""
    runs = []
    for _ in range(repeat):
        shutil.rmtree(db, ignore_errors=True)
        s, wall, rss = timed_json([hvpat, "ingest", "--db", str(db), "--rules", RULES, "--threads", str(threads),
                                   "--format", "json", "--as-of", as_of, *extra, str(path)])
        s["wall_seconds"] = wall
        runs.append((s["seconds"], s, rss))
    runs.sort(key=lambda r: r[0])
    mid = runs[len(runs) // 2]
    return mid[1], max(r[2] for r in runs), [r[0] for r in runs]


def table(rows, cols):
    lines = [" ".join(f"{name:>{width}}" for name, width, _ in cols)]
    for r in rows:
        cells = []
        for name, width, spec in cols:
            v = r.get(name)
            cells.append(f"{'-':>{width}}" if v is None else f"{v:>{width}{spec}}" if spec != "s" else f"{v:>{width}}")
        lines.append(" ".join(cells))
    return "\n".join(lines)


def bench(args, hvpat, floor, work):
    rows = []
    forms = args.forms.split(",")
    peer_forms = [] if args.no_peer else args.peer_forms.split(",")
    if peer_forms:
        ensure_peer()
    threads_list = [int(t) for t in args.threads.split(",")]
    largest = None
    for shape in args.shapes.split(","):
        files = dump_files(hvpat, work, shape, args.records, forms, args.rules)
        for form in forms:
            path = files[form]
            dec = floor_best([floor, "decompress", str(path)])
            mb = dec["bytes"] / 1e6
            tool = None
            if form == "gzip":
                tool = seconds_of(["gzip", "-dc", str(path)])
            elif form == "zstd":
                tool = seconds_of(["zstd", "-dc", str(path)])
            for threads in threads_list:
                parse = floor_best([floor, "parse", "--threads", str(threads), "--fields", "rules", str(path)])
                parse_all = floor_best([floor, "parse", "--threads", str(threads), "--fields", "all", str(path)])
                db = work / f"db-{shape}"
                s, rss, all_seconds = ingest(hvpat, db, path, threads, args.as_of, args.repeat)
                rocks = db / "current" if (db / "current").exists() else db  # the published snapshot
                store = floor_best([floor, "store", "--from-db", str(rocks), "--dir", str(work / "floor-db"),
                                    "--threads", str(threads)])
                row = {
                    "shape": shape, "form": form, "threads": threads, "input_MB": mb, "file_MB": s["bytes_read"] / 1e6,
                    "seconds": s["seconds"], "wall_s": s["wall_seconds"], "all_seconds": all_seconds, "MB/s": mb / s["seconds"],
                    "rec/s": s["lines_read"] / s["seconds"], "peak_MB": rss, "runs": s.get("runs"),
                    "spill_MB": s.get("spilled_bytes", 0) / 1e6, "parse_s": s.get("parse_seconds"),
                    "final_s": s.get("finalize_seconds"), "pipe_s": s.get("pipeline_seconds"),
                    "dec_MB/s": mb / dec["seconds"], "tool_MB/s": mb / tool if tool else None,
                    "parse_MB/s": mb / parse["seconds"], "pall_MB/s": mb / parse_all["seconds"],
                    "store_s": store["seconds"], "db_MB": store["bytes"] / 1e6, "load": load(),
                }
                row["vs_dec"] = row["MB/s"] / row["dec_MB/s"]
                row["vs_tool"] = row["MB/s"] / row["tool_MB/s"] if tool else None
                row["vs_parse"] = row["MB/s"] / row["parse_MB/s"]
                row["vs_pall"] = row["MB/s"] / row["pall_MB/s"]
                row["vs_store"] = row["store_s"] / row["seconds"]
                if form in peer_forms:
                    peer, wall, peer_rss = timed_json(["node", str(PEER), "--as-of", args.as_of, "--threads",
                                                       str(threads), "--rules", str(args.rules), "--out",
                                                       str(work / "verdicts.parquet"), str(path)])
                    diffs = compare(hvpat_counts(hvpat, db), peer)
                    row["duck_MB"] = peer_rss
                    if diffs:
                        print(f"e2e: MISMATCH duckdb vs hvpat on {path} threads {threads}:", file=sys.stderr)
                        for d in diffs[:20]:
                            print("  " + d, file=sys.stderr)
                        row["duck_s"] = "MISMATCH"
                    else:
                        # Both as whole processes: node + DuckDB against hvpat under /usr/bin/time.
                        row["duck_s"] = wall
                        row["vs_duckdb"] = wall / s["wall_seconds"]
                rows.append(row)
                print(json.dumps(row), file=sys.stderr, flush=True)
                largest = (db, path, threads)
    cols = [("shape", 7, "s"), ("form", 5, "s"), ("threads", 7, "d"), ("input_MB", 8, ".0f"), ("seconds", 7, ".2f"),
            ("MB/s", 6, ".0f"), ("rec/s", 7, ".0f"), ("peak_MB", 7, ".0f"), ("runs", 4, "d"), ("spill_MB", 8, ".0f"),
            ("parse_s", 7, ".2f"), ("final_s", 7, ".2f"), ("pipe_s", 6, ".2f"), ("dec_MB/s", 8, ".0f"),
            ("tool_MB/s", 9, ".0f"), ("parse_MB/s", 10, ".0f"), ("pall_MB/s", 9, ".0f"), ("store_s", 7, ".2f"),
            ("duck_s", 8, "s"), ("vs_dec", 6, ".2f"), ("vs_tool", 7, ".2f"), ("vs_parse", 8, ".2f"),
            ("vs_pall", 7, ".2f"), ("vs_store", 8, ".2f"), ("vs_duckdb", 9, ".2f"), ("load", 4, ".1f")]
    for r in rows:
        if isinstance(r.get("duck_s"), float):
            r["duck_s"] = f"{r['duck_s']:.2f}"
    print(f"# {args.records} records, {os.cpu_count()} CPUs, ingest median of {args.repeat}; MB = 10^6 bytes of "
          f"uncompressed input; load = 1-minute load average after the row")
    print(table(rows, cols))
    return rows, largest


def scale(args, hvpat, work):
    rows = []
    for n in [int(x) for x in args.scale.split(",")]:
        files = dump_files(hvpat, work, args.shape, n, ["plain"], args.rules)
        db = work / f"db-scale"
        s, rss, all_seconds = ingest(hvpat, db, files["plain"], int(args.threads.split(",")[-1]), args.as_of,
                                     args.repeat)
        mb = s.get("bytes_decoded", s["bytes_read"]) / 1e6
        rows.append({"records": n, "input_MB": mb, "seconds": s["seconds"], "MB/s": mb / s["seconds"],
                     "rec/s": s["lines_read"] / s["seconds"], "peak_MB": rss, "runs": s.get("runs"),
                     "spill_MB": s.get("spilled_bytes", 0) / 1e6, "parse_s": s.get("parse_seconds"),
                     "final_s": s.get("finalize_seconds"), "pipe_s": s.get("pipeline_seconds"), "load": load()})
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
        if args.cleanup:
            files["plain"].unlink()
    base = rows[0]
    for r in rows:
        r["time_x"] = r["seconds"] / base["seconds"]
        r["rss_x"] = r["peak_MB"] / base["peak_MB"]
        r["time_x_per_rec"] = r["time_x"] / (r["records"] / base["records"])
    cols = [("records", 9, "d"), ("input_MB", 8, ".0f"), ("seconds", 8, ".2f"), ("MB/s", 6, ".0f"), ("rec/s", 7, ".0f"),
            ("peak_MB", 7, ".0f"), ("runs", 4, "d"), ("spill_MB", 8, ".0f"), ("parse_s", 7, ".2f"),
            ("final_s", 7, ".2f"), ("pipe_s", 6, ".2f"), ("time_x", 6, ".2f"), ("rss_x", 5, ".2f"), ("load", 4, ".1f")]
    print(f"# scale: {args.shape} plain, --threads {args.threads.split(',')[-1]}, median of {args.repeat}; "
          f"time_x and rss_x against {base['records']} records")
    print(table(rows, cols))
    return rows, (work / "db-scale", files["plain"] if not args.cleanup else None, int(args.threads.split(",")[-1]))


def queries(hvpat, db, source, threads, as_of):
    """Median of 10 runs including process start. `diff` needs two snapshots: the source is
    ingested once more into the same database (kept: --keep 2) before it is timed."""
    cmds = {"count": ["count"], "report": ["report"], "holders --top 20": ["holders", "--top", "20"]}
    print(f"# queries on {db}, median of 10 runs including process start")
    missing = [c for c in ("export", "diff") if run([hvpat, c, "--help"]).returncode != 0]
    if "diff" not in missing and source is None:
        missing.append("diff")  # its input was deleted (--cleanup): no second snapshot
    elif "diff" not in missing:
        subprocess.run([hvpat, "ingest", "--db", str(db), "--rules", RULES, "--threads", str(threads), "--as-of", as_of,
                        "--format", "json", str(source)], check=False, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        cmds["diff (same input twice)"] = ["diff"]
    if "export" not in missing:
        cmds["export (ndjson)"] = ["export", "--format", "ndjson"]
    for name, argv in cmds.items():
        times = []
        for _ in range(10):
            start = time.monotonic()
            fmt = [] if "--format" in argv else ["--format", "json"]
            subprocess.run([hvpat, *argv, "--db", str(db), *fmt], check=True, stdout=subprocess.DEVNULL)
            times.append(time.monotonic() - start)
        print(f"{name:>24}: median {statistics.median(times) * 1000:.1f} ms, best {min(times) * 1000:.1f} ms")
    for name in missing:
        print(f"{name:>24}: not timed (no such command, or no second snapshot)")
    start = time.monotonic()
    subprocess.run([hvpat, "--version"], check=True, stdout=subprocess.DEVNULL)
    print(f"{'--version':>24}: {(time.monotonic() - start) * 1000:.1f} ms (process start alone)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--build", default="build")
    ap.add_argument("--rules", default=str(HERE.parent / "rules"))
    ap.add_argument("--work", default=os.environ.get("HVPAT_BENCH_DIR", "/tmp/hvpat-bench"))
    ap.add_argument("--shapes", default="compact,bulky")
    ap.add_argument("--forms", default="plain,gzip,zstd")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--repeat", type=int, default=3, help="ingest runs per row (median)")
    ap.add_argument("--peer-forms", default="plain", help="forms the DuckDB peer runs on")
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--queries", action="store_true", help="time queries on the largest database at the end")
    ap.add_argument("--scale", help="record counts for the scale run, e.g. 1000000,10000000")
    ap.add_argument("--shape", default="compact", help="shape of the scale run")
    ap.add_argument("--cleanup", action="store_true", help="scale: delete each dump after its run")
    ap.add_argument("--json-out", help="also write the rows as JSON to this file")
    ap.add_argument("--as-of", default="2025-12-31")
    args = ap.parse_args()
    global RULES
    RULES = args.rules

    hvpat = str(Path(args.build) / "hvpat")
    floor = str(Path(args.build) / "bench" / "hvpat_floor")
    for tool in (hvpat, floor):
        if not os.access(tool, os.X_OK):
            sys.exit(f"e2e: {tool} missing: build with -DHVPAT_BUILD_BENCH=ON")
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    print(f"# load average at start: {load():.2f}")
    if args.scale:
        rows, db = scale(args, hvpat, work)
    else:
        rows, db = bench(args, hvpat, floor, work)
    if args.queries and db:
        queries(hvpat, db[0], db[1], db[2], args.as_of)
    print(f"# load average at end: {load():.2f}")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()

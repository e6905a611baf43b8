#!/usr/bin/env python3
"""Every example in README.md and in each command's --help runs as shown on the sample data.

README: every line of a ```sh block that starts with `build/hvpat `, and every `$ hvpat` or
`$ build/hvpat` line of an output block. --help: every line under "examples:". Each runs
through bash in a scratch directory holding links to sample_data/ and rules/, with /tmp/hv
replaced by a scratch database and `hvpat` by the built binary; the README's quick tour runs
first (it builds the database), the ingest examples before the others, diff last. An
example passes when it exits 0 (or 1 for an ingest that quarantines the sample's bad lines).
Prints "N passed, M failed" and exits 1 when any failed.
"""
import os, re, subprocess, sys, tempfile

binary, source = sys.argv[1], sys.argv[2]
scratch = tempfile.mkdtemp(prefix="hvpat-examples-")
for name in ("sample_data", "rules"):
    os.symlink(os.path.join(source, name), os.path.join(scratch, name))
db = os.path.join(scratch, "hv")


def readme_examples():
    lines, block = [], None
    for line in open(os.path.join(source, "README.md"), encoding="utf-8"):
        if line.startswith("```"):
            block = None if block is not None else line[3:].strip()
            continue
        if block is None:
            continue
        text = line.rstrip("\n")
        if block == "sh" and text.startswith("build/hvpat "):
            lines.append(text)
        elif text.startswith("$ hvpat ") or text.startswith("$ build/hvpat "):
            lines.append(text[2:])
    return lines


def help_examples():
    names = subprocess.run([binary, "help", "--complete"], capture_output=True, text=True).stdout.split()
    out = []
    for name in names:
        text = subprocess.run([binary, name, "--help"], capture_output=True, text=True).stdout
        if "examples:" in text:
            out += [l.strip() for l in text.split("examples:", 1)[1].splitlines() if "hvpat " in l]
    return out


def command(example):
    example = re.sub(r"\s+\(.*\)$", "", example.split("  #")[0]).strip()  # trailing remarks
    example = example.replace("/tmp/hv", db)
    return re.sub(r"(^|\| )(build/)?hvpat ", lambda m: m.group(1) + binary + " ", example)


readme, helps = readme_examples(), help_examples()
ordered = readme + [e for e in helps if " ingest " in e] + [e for e in helps if " ingest " not in e and " diff " not in e] + [e for e in helps if " diff " in e]
passed = failed = 0
for example in ordered:
    run = subprocess.run(["bash", "-o", "pipefail", "-c", command(example)], cwd=scratch, capture_output=True, text=True)
    ok = run.returncode == 0 or (run.returncode == 1 and " ingest " in example)
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL (exit {run.returncode}): {example}\n  {run.stderr.strip()[:300]}")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)

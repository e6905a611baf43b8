#!/usr/bin/env python3
"""Rebuilds rules/regions.tsv and rules/sei_ipc.tsv from the published tables in
../shared/data/ (GB/T 2260 divisions, 2020 census populations, CNIPA 2021 concordance).

    python3 scripts/make_rules.py [SHARED_DATA_DIR]
"""
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent
data = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared" / "data"


def rows(path):
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, l.split("\t"))) for l in lines[1:]]


population = {r["code"]: r["population"] for r in rows(data / "population-census-2020.tsv")}
with open(root / "rules" / "regions.tsv", "w", encoding="utf-8", newline="\n") as out:
    out.write("# GB/T 2260 administrative divisions (china-division 2.7.0, MIT) with the resident\n"
              "# population of the 7th national census (2020-11-01) where published; empty when unknown.\n")
    out.write("code\tname\tpopulation\n")
    for r in rows(data / "gbt2260-divisions.tsv"):
        out.write(f"{r['code']}\t{r['name']}\t{population.get(r['code'], '')}\n")

concordance = (data / "sei_ipc_2021.tsv").read_text(encoding="utf-8")
(root / "rules" / "sei_ipc.tsv").write_text(concordance, encoding="utf-8")

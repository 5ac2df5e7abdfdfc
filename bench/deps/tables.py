#!/usr/bin/env python3
"""Prints the markdown tables of bench/deps/run.sh from its OUT dir (tables.py OUT [BENCH...];
default: every program): one table per input, the libraries side by side, speeds as ratios against
the fastest, peak memory over the input-only baseline ("none" case), and whether each library's
result digest equals the others'."""
import json
import os
import sys

out = sys.argv[1]
mem = {}
for line in open(os.path.join(out, "mem.tsv")):
    name, kb = line.rstrip("\n").split("\t")
    mem[name] = int(kb) if kb.isdigit() else None

for bench in sys.argv[2:] or ["json", "regex", "yaml", "inflate"]:
    verify = {}
    for line in open(os.path.join(out, bench + ".verify")):
        name, digest, detail = line.rstrip("\n").split("\t")
        verify[name] = (digest, detail)
    runs = json.load(open(os.path.join(out, bench + ".json")))["benchmarks"]
    inputs = []
    for r in runs:
        inp = r["name"].split("/")[0]
        if inp not in inputs:
            inputs.append(inp)
    for inp in inputs:
        rows = [r for r in runs if r["name"].split("/")[0] == inp]
        best = max(r["bytes_per_second"] for r in rows)
        base = mem.get(inp + "/none")
        digests = {verify[r["name"]][0] for r in rows if not r["name"].endswith("_raw")}
        print("### %s / %s" % (bench, inp))
        print()
        print("| library | MB/s | slower than fastest | ms per pass | peak RSS MB | over input-only MB | same result |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
        for r in sorted(rows, key=lambda r: -r["bytes_per_second"]):
            name = r["name"].split("/", 1)[1]
            m = mem.get(r["name"])
            same = "n/a (raw hits)" if name.endswith("_raw") else ("yes" if len(digests) == 1 else "DIFFERS")
            print("| %s | %.1f | %.2fx | %.2f | %s | %s | %s |" % (
                name, r["bytes_per_second"] / 1e6, best / r["bytes_per_second"], r["real_time"],
                "%.1f" % (m / 1024) if m else "?", "%.1f" % ((m - base) / 1024) if m and base else "?", same))
        some = next(r["name"] for r in rows if not r["name"].endswith("_raw"))
        print()
        print("input-only peak RSS: %s MB; result: %s" % ("%.1f" % (base / 1024) if base else "?", verify[some][1]))
        if len(digests) != 1:
            for r in rows:
                print("  %s: %s" % (r["name"], verify[r["name"]][1]))
        print()

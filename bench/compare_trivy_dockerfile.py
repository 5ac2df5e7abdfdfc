#!/usr/bin/env python3
"""Compares Trivy's Dockerfile misconfigurations with customs' findings, file by file and id by id.

usage: compare_trivy_dockerfile.py TRIVY_JSON CUSTOMS_JSON [--root DIR] [--examples N] [--id DSxxx]

TRIVY_JSON is `trivy config -f json -o TRIVY_JSON DIR`; CUSTOMS_JSON is `customs dockerfile DIR --format json`.
Files are matched by their path relative to DIR (Trivy's Target is already relative; customs' paths have
the --root prefix stripped, by default the common directory of all its targets). For every Trivy DS id
that has a customs counterpart (MAPPING below), the table counts files where both report, where only
Trivy does, and where only customs does. Presence is per file: a check that fires twice counts once.
With --examples N, up to N file names are printed for each one-sided cell.
"""
import argparse
import json
import os
import sys

# Trivy DS id -> customs rule ids that cover the same practice (see docs/peer-mapping.md for the
# differences in semantics). Ids joined with '+' form one row: Trivy reports
# any of them.
MAPPING = {
    "DS001": ("DF001", "DF002"),
    "DS002": ("DF020", "DF021"),
    "DS004": ("DF029",),
    "DS005": ("DF006", "DF005"),
    "DS006": ("DF085",),
    "DS007": ("DF081",),
    "DS008": ("DF088",),
    "DS009": ("DF084",),
    "DS010": ("DF022",),
    "DS011": ("DF089",),
    "DS012": ("DF086",),
    "DS013": ("DF073",),
    "DS014": ("DF074",),
    "DS016": ("DF080",),
    "DS017": ("DF060",),
    "DS021": ("DF067",),
    "DS022": ("DF087",),
    "DS023": ("DF082",),
    "DS024": ("DF061",),
    "DS025": ("DF064",),
    "DS026": ("DF070",),
    # yum / dnf / zypper / microdnf clean missing: one customs rule covers the four managers.
    "DS015+DS019+DS020+DS027": ("DF065",),
    "DS029": ("DF062",),
}


def trivy_ids(path):
    """{relative file: set of failed DS ids}."""
    with open(path) as f:
        doc = json.load(f)
    out = {}
    for result in doc.get("Results") or []:
        if result.get("Type") != "dockerfile":
            continue
        ids = out.setdefault(os.path.normpath(result["Target"]), set())
        for m in result.get("Misconfigurations") or []:
            if m.get("Status") == "FAIL":
                ids.add(m["ID"])
    return out


def customs_ids(path, root):
    """{relative file: set of unsuppressed rule ids}, and the root used."""
    with open(path) as f:
        doc = json.load(f)
    targets = [t["path"] for t in doc.get("targets", []) if t.get("kind") == "dockerfile"]
    if root is None:
        root = os.path.commonpath([os.path.dirname(t) for t in targets]) if targets else ""
    rel = lambda p: os.path.normpath(os.path.relpath(p, root) if root else p)
    out = {rel(t): set() for t in targets}
    for finding in doc.get("findings", []):
        if finding.get("suppressed"):
            continue
        out.setdefault(rel(finding["location"]["file"]), set()).add(finding["rule_id"])
    return out, root


def compare(trivy, customs):
    """Rows of (ds_id, df_ids, both, trivy_only_files, customs_only_files) over files both scanned."""
    files = sorted(set(trivy) & set(customs))
    rows = []
    for ds, dfs in sorted(MAPPING.items()):
        both, t_only, c_only = 0, [], []
        for f in files:
            t = any(d in trivy[f] for d in ds.split("+"))
            c = bool(customs[f] & set(dfs))
            if t and c:
                both += 1
            elif t:
                t_only.append(f)
            elif c:
                c_only.append(f)
        rows.append((ds, dfs, both, t_only, c_only))
    return files, rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("trivy_json")
    ap.add_argument("customs_json")
    ap.add_argument("--root", help="directory both tools scanned (default: common dir of customs' targets)")
    ap.add_argument("--examples", type=int, default=0, help="list up to N files per one-sided cell")
    ap.add_argument("--id", action="append", help="only these DS ids")
    args = ap.parse_args()

    trivy = trivy_ids(args.trivy_json)
    customs, _ = customs_ids(args.customs_json, args.root)
    files, rows = compare(trivy, customs)
    missing = sorted(set(trivy) ^ set(customs))
    print(f"files compared: {len(files)} (Trivy {len(trivy)}, customs {len(customs)}, unmatched {len(missing)})")
    print(f"| Trivy | customs | both | Trivy only | customs only |")
    print(f"|---|---|---:|---:|---:|")
    for ds, dfs, both, t_only, c_only in rows:
        if args.id and not set(ds.split("+")) & set(args.id):
            continue
        if both + len(t_only) + len(c_only) == 0:
            continue
        print(f"| {ds} | {', '.join(dfs)} | {both} | {len(t_only)} | {len(c_only)} |")
    if args.examples:
        for ds, dfs, both, t_only, c_only in rows:
            if args.id and not set(ds.split("+")) & set(args.id):
                continue
            if t_only:
                print(f"{ds} Trivy only: {' '.join(t_only[:args.examples])}")
            if c_only:
                print(f"{ds} customs only ({'/'.join(dfs)}): {' '.join(c_only[:args.examples])}")
    for f in missing[:10]:
        print(f"unmatched file: {f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

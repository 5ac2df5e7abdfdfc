#!/usr/bin/env bash
# Benchmark: `customs secrets` against Trivy v0.44.1's secret scanner, side by side in one run, on
# (1) the lab's application image (three layers; it plants an AWS key pair in /app/.env, an RSA
# key in /root/.ssh/id_rsa that a later layer deletes, and a GITHUB_TOKEN in the config's Env) and
# (2) a generated text corpus (bench/gen_secrets_corpus.py: SIZE_MB files of 1 MiB, one in eight
# with a planted fake secret listed in planted.tsv).
# Usage:
#   bench/secrets.sh [CUSTOMS_BINARY]      REPS=N (default 3, median), SIZE_MB=N (default 1024)
# Rows, interleaved:
#   customs-start / trivy-start   `version` / `--version` (start-up, subtracted below)
#   customs-image                 customs secrets --no-cache --format json oci:$OCI:$TAG
#   trivy-image                   trivy image --scanners secret --input <one-image OCI layout>, fresh cache
#   customs-corpus                customs secrets --format json CORPUS_DIR
#   trivy-corpus                  trivy fs --scanners secret CORPUS_DIR, fresh cache
# Throughput is bytes scanned / (wall - start-up): the image's uncompressed layers, the corpus's
# files. Recall counts the planted secrets each tool reports (by path and line). Outputs go under
# ${BENCH_DIR:-/tmp/customs-bench}/secrets; the corpus is made once and kept there.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
CUSTOMS=${1:-$HERE/../build/customs}
OUT=${BENCH_DIR:-/tmp/customs-bench}/secrets
SIZE_MB=${SIZE_MB:-1024}
source "$HERE/lib.sh"
bench_lab_image
bench_have_customs secrets
bench_trivy_input

CORPUS=$OUT/corpus-$SIZE_MB
if ! [ -f "$CORPUS/planted.tsv" ]; then
  rm -rf "$CORPUS"
  python3 "$HERE/gen_secrets_corpus.py" "$CORPUS.tmp" "$SIZE_MB" && mv "$CORPUS.tmp" "$CORPUS"
fi

: >"$OUT/times"
cat "${BLOBS[@]}" >/dev/null
find "$CORPUS/files" -type f -exec cat {} + >/dev/null  # page cache: every row reads from memory
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for ((i = 1; i <= REPS; i++)); do
  if ((HAVE_CUSTOMS)); then
    bench_measure customs-start "$CUSTOMS" version
    bench_measure customs-image "$CUSTOMS" secrets --quiet --no-cache --format json "oci:$OCI:$TAG"
    bench_measure customs-corpus "$CUSTOMS" secrets --quiet --format json "$CORPUS/files"
  fi
  if ((HAVE_TRIVY)); then
    bench_measure trivy-start "$TRIVY" --version
    rm -rf "$OUT/trivy-cache" && mkdir -p "$OUT/trivy-cache"
    bench_measure trivy-image "$TRIVY" image --cache-dir "$OUT/trivy-cache" --input "$TRIVY_IN" \
      --scanners secret --offline-scan --timeout 60m -f json
    rm -rf "$OUT/trivy-cache" && mkdir -p "$OUT/trivy-cache"
    bench_measure trivy-corpus "$TRIVY" fs --cache-dir "$OUT/trivy-cache" --scanners secret --offline-scan \
      --timeout 60m -f json "$CORPUS/files"
  fi
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

IMAGE_BYTES=0
for b in "${BLOBS[@]}"; do IMAGE_BYTES=$((IMAGE_BYTES + $(gzip -dc "$b" | wc -c))); done
CORPUS_BYTES=$(find "$CORPUS/files" -type f -printf '%s\n' | awk '{s += $1} END {print s}')

PYTHONPATH=$HERE python3 - "$OUT" "$REPS" "$CORPUS" "$IMAGE_BYTES" "$CORPUS_BYTES" "$LOAD_BEFORE" "$LOAD_AFTER" <<'PY'
import json, sys
from benchlib import Runs, ratio
out, reps, corpus = sys.argv[1], int(sys.argv[2]), sys.argv[3]
image_bytes, corpus_bytes = int(sys.argv[4]), int(sys.argv[5])
runs = Runs(out)

def load(label):
    try:
        return json.load(open(f"{out}/{label}.out"))
    except Exception:
        return None

def customs_hits(doc):
    """(path, line, rule) of every SE finding in a customs JSON report."""
    hits = []
    def walk(x):
        if isinstance(x, dict):
            if str(x.get("rule_id", "")).startswith("SE"):
                loc = x.get("location", {})
                hits.append((loc.get("path") or loc.get("file", ""), loc.get("line", 0), x["rule_id"]))
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(doc)
    return hits

def trivy_hits(doc):
    hits = []
    for res in (doc or {}).get("Results") or []:
        for s in res.get("Secrets") or []:
            hits.append((res.get("Target", ""), s.get("StartLine", 0), s.get("RuleID", "")))
    return hits

def hits_of(label):
    doc = load(label)
    if doc is None:
        return None
    return customs_hits(doc) if label.startswith("customs") else trivy_hits(doc)

# The image's planted secrets: (what, path, line). A PEM key counts on its BEGIN line or the next
# (customs locates the key material, Trivy the header). customs names the config "config.Env[i]".
IMAGE_PLANTS = [("AWS access key id in /app/.env", "app/.env", 1), ("AWS secret key in /app/.env", "app/.env", 2),
                ("RSA key in /root/.ssh/id_rsa (deleted in layer 3)", "root/.ssh/id_rsa", 1),
                ("GITHUB_TOKEN in the config Env", "config.Env[2]", 1)]

def same_place(path, line, p, l):
    return p.lstrip("/") == path and line <= l <= line + 1

def image_recall(label):
    hits = hits_of(label)
    if hits is None:
        return "no JSON output", 0
    found = sum(1 for what, path, line in IMAGE_PLANTS if any(same_place(path, line, p, l) for p, l, r in hits))
    return f"{found}/{len(IMAGE_PLANTS)} planted ({len(hits)} findings)", found

planted = [l.rstrip("\n").split("\t") for l in open(f"{corpus}/planted.tsv")]

def corpus_recall(label):
    hits = hits_of(label)
    if hits is None:
        return "no JSON output", 0
    keys = {(p.lstrip("/").split("/files/")[-1].removeprefix("files/"), l) for p, l, r in hits}
    found = sum(1 for rel, line, kind in planted
                if any((rel.removeprefix("files/"), int(line) + d) in keys for d in (0, 1)))
    return f"{found}/{len(planted)} planted ({len(hits)} findings)", found

def result(label):
    if label.endswith("start"):
        return ""
    return (image_recall if "image" in label else corpus_recall)(label)[0]

print(f"secret scanning; median of {reps}; load average before {sys.argv[6]}, after {sys.argv[7]}")
print(f"image: {image_bytes / 1e6:.1f} MB of uncompressed layers; corpus: {corpus_bytes / 1e6:.1f} MB")
runs.print_table(["customs-start", "customs-image", "customs-corpus", "trivy-start", "trivy-image",
                  "trivy-corpus"], result)
for what, nbytes in (("image", image_bytes), ("corpus", corpus_bytes)):
    c, t = f"customs-{what}", f"trivy-{what}"
    if not (runs.has(c) and runs.has(t)):
        continue
    cs = runs.wall(c) - runs.wall("customs-start")
    ts = runs.wall(t) - runs.wall("trivy-start")
    print(f"{what}: customs {nbytes / 1e6 / cs:.0f} MB/s, trivy {nbytes / 1e6 / ts:.0f} MB/s (start-up subtracted); "
          f"trivy / customs wall {ratio(ts, cs)}, cpu {ratio(runs.cpu(t) - runs.cpu('trivy-start'), runs.cpu(c) - runs.cpu('customs-start'))}; "
          f"recall customs {result(c)}, trivy {result(t)}")
PY

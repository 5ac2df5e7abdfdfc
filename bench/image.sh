#!/usr/bin/env bash
# Benchmark: `customs image` on the lab's application image against the physical floor (every layer
# blob decompressed once, one after the other) and against Trivy v0.44.1, side by side in one run.
# Usage:
#   bench/image.sh [CUSTOMS_BINARY]
# Needs the lab image (../shared/lab/make-images.sh: $LAB/oci/lab tag app, $LAB/images/app.oci.tar)
# and Trivy (../shared/lab/peer-trivy.sh; TRIVY=path overrides). REPS=N repeats (default 3, the
# median is reported). Rows whose tool is missing (no Trivy, or a customs without `image`) are
# reported as skipped. Writes nothing in the repo: outputs go under ${BENCH_DIR:-/tmp/customs-bench}/image.
#
# Rows, each run REPS times, interleaved so that load from other processes spreads over all of them:
#   floor          gzip -dc of every layer blob of oci:$OCI:$TAG to /dev/null, one after the other
#   customs-start  customs version (start-up)
#   customs-cold   customs image --no-cache --format json oci:$OCI:$TAG
#   customs-warm   the same with --cache-dir filled by one untimed run beforehand
#   trivy-start    trivy --version (start-up)
#   trivy          trivy image --input <the same image as a one-image OCI layout> with a fresh
#                  --cache-dir each run: packages (--list-all-pkgs), secrets in layers, and the image
#                  config checks (--image-config-scanners config,secret), offline
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
CUSTOMS=${1:-$HERE/../build/customs}
OUT=${BENCH_DIR:-/tmp/customs-bench}/image
source "$HERE/lib.sh"
bench_lab_image
bench_have_customs image
bench_trivy_input
floor() { for b in "$@"; do gzip -dc "$b" >/dev/null; done; }
export -f floor

: >"$OUT/times"
cat "${BLOBS[@]}" >/dev/null  # page cache: every row reads from memory
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
STORED=$(cat "${BLOBS[@]}" | wc -c)
UNCOMPRESSED=$(for b in "${BLOBS[@]}"; do gzip -dc "$b"; done | wc -c)
if ((HAVE_CUSTOMS)); then
  rm -rf "$OUT/customs-cache"
  "$CUSTOMS" image --cache-dir "$OUT/customs-cache" --format json "oci:$OCI:$TAG" >"$OUT/customs-fill.json" 2>"$OUT/customs-fill.err" || true
fi
for ((i = 1; i <= REPS; i++)); do
  bench_measure floor bash -c 'floor "$@"' _ "${BLOBS[@]}"
  if ((HAVE_CUSTOMS)); then
    bench_measure customs-start "$CUSTOMS" version
    bench_measure customs-cold "$CUSTOMS" image --no-cache --format json "oci:$OCI:$TAG"
    bench_measure customs-warm "$CUSTOMS" image --cache-dir "$OUT/customs-cache" --format json "oci:$OCI:$TAG"
  fi
  if ((HAVE_TRIVY)); then
    bench_measure trivy-start "$TRIVY" --version
    rm -rf "$OUT/trivy-cache" && mkdir -p "$OUT/trivy-cache"
    bench_measure trivy "$TRIVY" image --cache-dir "$OUT/trivy-cache" --input "$TRIVY_IN" --scanners secret \
      --image-config-scanners config,secret --list-all-pkgs --offline-scan --skip-policy-update \
      --skip-java-db-update -f json
  fi
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

PYTHONPATH=$HERE python3 - "$OUT" "$REPS" "$STORED" "$UNCOMPRESSED" "${#BLOBS[@]}" "$LOAD_BEFORE" "$LOAD_AFTER" <<'PY'
import json, sys
from benchlib import Runs, ratio
out, reps, stored, unc, nlayers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
runs = Runs(out)

def result(label):
    if label == "floor":
        return f"{nlayers} layers, {stored / 1e6:.0f} MB gzip -> {unc / 1e6:.0f} MB tar"
    if label.endswith("start"):
        return ""
    try:
        j = json.load(open(f"{out}/{label}.out"))
    except Exception:
        return "output is not JSON"
    if label == "trivy":
        res = j.get("Results") or []
        pk = sum(len(r.get("Packages") or []) for r in res)
        sec = sum(len(r.get("Secrets") or []) for r in res)
        mis = sum(len(r.get("Misconfigurations") or []) for r in res)
        return f"{pk} packages, {sec} secrets, {mis} misconfigurations"
    img = (j.get("images") or [{}])[0]
    cached = sum(1 for l in img.get("layers", []) if l.get("from_cache"))
    return f"{len(j.get('findings', []))} findings, {img.get('files', '?')} files, {cached}/{nlayers} layers from cache"

print(f"image: {nlayers} gzip layers, {stored / 1e6:.1f} MB stored, {unc / 1e6:.1f} MB uncompressed; "
      f"median of {reps}; load average before {sys.argv[6]}, after {sys.argv[7]}")
runs.print_table(["floor", "customs-start", "customs-cold", "customs-warm", "trivy-start", "trivy"], result)

f = runs.wall("floor")
print(f"floor throughput: {unc / 1e6 / f:.0f} MB/s of tar")
if runs.has("trivy"):
    ts = runs.wall("trivy") - runs.wall("trivy-start")
    tc = runs.cpu("trivy") - runs.cpu("trivy-start")
    print(f"trivy scan, start-up subtracted: {ts:.2f} s = {ratio(ts, f)} the floor; "
          f"cpu {tc:.2f} s = {ratio(tc, runs.cpu('floor'))} the floor's")
if runs.has("customs-cold"):
    cs = runs.wall("customs-cold") - runs.wall("customs-start")
    print(f"customs cold / floor: {ratio(runs.wall('customs-cold'), f)} (scan only {ratio(cs, f)}); "
          f"customs warm / cold: {ratio(runs.wall('customs-warm'), runs.wall('customs-cold'))}")
    if runs.has("trivy"):
        print(f"trivy / customs, wall: {ratio(runs.wall('trivy'), runs.wall('customs-cold'))}; start-up subtracted: "
              f"{ratio(ts, cs)}; cpu, start-up subtracted: "
              f"{ratio(tc, runs.cpu('customs-cold') - runs.cpu('customs-start'))}; "
              f"peak memory: {ratio(runs.peak_mb('trivy'), runs.peak_mb('customs-cold'))}")
PY

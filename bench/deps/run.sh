#!/usr/bin/env bash
# Dependency benchmarks: configures and builds bench/deps (a separate CMake project, Release),
# generates the inputs (deterministic; cached), checks that every library finds the same results,
# times every case with Google Benchmark, measures each case's peak memory with /usr/bin/time, and
# prints the tables of docs/dependencies.md. Writes only under ${DEPS_WORK:-/tmp/customs-deps}.
#   bench/deps/run.sh [google-benchmark flags, e.g. --benchmark_filter=osv]
#   BENCHES="inflate" bench/deps/run.sh     only some of the programs (default: all)
# Needs: scripts/setup.sh, plus libsimdjson-dev rapidjson-dev libhyperscan-dev libfyaml-dev libdeflate-dev.
# The gzip input is a real image layer: the base layer of the lab image when it is there
# ($DEPS_LAYER overrides), else the first 120 MB of a tar of /usr; recompressed with gzip -6 -n.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=${DEPS_WORK:-/tmp/customs-deps}
BUILD=$WORK/build IN=$WORK/in OUT=$WORK/out
mkdir -p "$IN" "$OUT"

missing=()
for p in libbenchmark-dev nlohmann-json3-dev libre2-dev libyaml-cpp-dev libsimdjson-dev rapidjson-dev \
  libhyperscan-dev libfyaml-dev libisal-dev libdeflate-dev zlib1g-dev time; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "missing packages: apt-get install -y ${missing[*]}" >&2
  exit 2
fi

cmake -S "$HERE" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" -j2 >/dev/null

stamp=$(cat "$HERE/gen_inputs.py" "$ROOT/bench/gen_dockerfile_corpus.py" | sha256sum | cut -c1-16)
if [ "$(cat "$IN/.stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "generating inputs in $IN (about a minute)" >&2
  rm -rf "$WORK/dockerfiles"
  python3 "$ROOT/bench/gen_dockerfile_corpus.py" "$WORK/dockerfiles" 2000 >/dev/null
  python3 "$HERE/gen_inputs.py" "$IN" "$WORK/dockerfiles"
  echo "$stamp" > "$IN/.stamp"
fi
LAB_LAYER=/var/tmp/lab/oci/lab/blobs/sha256/11cf5732eb337ada5bf62be97ab7fac06f4b9273bed58b5b71e7c06968ef5460
LAYER=${DEPS_LAYER:-$LAB_LAYER}
if [ ! -s "$IN/layer.tar.gz" ]; then
  echo "making $IN/layer.tar.gz" >&2
  if [ -f "$LAYER" ]; then
    gzip -dc "$LAYER" > "$WORK/layer.tar"
  else
    { tar --sort=name -cf - -C / usr 2>/dev/null || true; } | head -c 120000000 > "$WORK/layer.tar"
  fi
  gzip -6 -n -c "$WORK/layer.tar" > "$IN/layer.tar.gz"
  rm -f "$WORK/layer.tar"
fi
export DEPS_IN=$IN

: > "$OUT/mem.tsv"
for b in ${BENCHES:-json regex yaml inflate}; do
  prog=$BUILD/${b}_bench
  echo "$b: verifying results" >&2
  "$prog" --verify > "$OUT/$b.verify"
  echo "$b: timing" >&2
  "$prog" --benchmark_filter='-/none$' --benchmark_min_time="${MIN_TIME:-1}" \
    --benchmark_out="$OUT/$b.json" --benchmark_out_format=json "$@" > "$OUT/$b.txt"
  echo "$b: peak memory" >&2
  for c in $("$prog" --list); do
    kb=$(/usr/bin/time -f '%M' "$prog" --one="$c" 2>&1 >/dev/null | tail -1)
    printf '%s\t%s\n' "$c" "$kb" >> "$OUT/mem.tsv"
  done
done
{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
    "$(. /etc/os-release && echo "$PRETTY_NAME"), g++ $(g++ -dumpversion), -O2 (CMake Release: -O3 -DNDEBUG)"
  echo "versions: $(dpkg-query -W -f='${Package} ${Version}, ' nlohmann-json3-dev rapidjson-dev libsimdjson-dev \
    libre2-dev libhyperscan-dev libyaml-cpp-dev libfyaml-dev zlib1g-dev libisal-dev libdeflate-dev \
    libbenchmark-dev | sed 's/, $//')"
  echo
  python3 "$HERE/tables.py" "$OUT" ${BENCHES:-}
} | tee "$OUT/tables.md"

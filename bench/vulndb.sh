#!/usr/bin/env bash
# Vulnerability database benchmark: (1) `customs db import` of all of ../shared/vulndata (every
# format customs imports: OSV JSON/YAML, Debian DSA/DLA lists and vuln-list files, Alpine secdb,
# NVD 2.0 and 1.1, KEV, EPSS) into a fresh database, against the time to merely read the same bytes
# (cat > /dev/null, the floor); (2) matching 10,000 packages: a CycloneDX SBOM of 10,000 components
# whose names are drawn from the database (Go modules, PyPI, npm, Debian 11 source packages) read by
# `customs sbom scan`, timed with and without --skip-vulns; the difference is the matching time.
# Goals (issue 5): import under 30 s, matching under 100 ms.
# Usage: bench/vulndb.sh [customs-binary]   (REPS=5 by default; VULNDATA=../shared/vulndata)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
CUSTOMS=${1:-$HERE/../build/customs}
VULNDATA=${VULNDATA:-$HERE/../../shared/vulndata}
REPS=${REPS:-5}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
[ -x "$CUSTOMS" ] || { echo "no customs binary at $CUSTOMS" >&2; exit 2; }
[ -d "$VULNDATA" ] || { echo "no vulndata at $VULNDATA" >&2; exit 2; }

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "customs: $("$CUSTOMS" version | head -1)"
bytes=$(find "$VULNDATA" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
files=$(find "$VULNDATA" -type f | wc -l)
echo "input: $VULNDATA, $files files, $bytes bytes"

: >"$OUT/import.times"
: >"$OUT/read.times"
for i in $(seq "$REPS"); do
  rm -f "$OUT/all.db"
  t0=$(now); find "$VULNDATA" -type f -exec cat {} + >/dev/null; t1=$(now)
  echo "$t1 - $t0" | bc >>"$OUT/read.times"
  t0=$(now); "$CUSTOMS" db import "$VULNDATA" --db "$OUT/all.db" -q >"$OUT/import.txt"; t1=$(now)
  echo "$t1 - $t0" | bc >>"$OUT/import.times"
done
imp=$(median <"$OUT/import.times"); rd=$(median <"$OUT/read.times")
cat "$OUT/import.txt"
printf 'import: median %.2f s over %d runs (goal < 30 s: %.0fx under), database %d bytes; reading the input alone %.3f s (import = %.1fx the read floor)\n' \
  "$imp" "$REPS" "$(echo "30 / $imp" | bc -l)" "$(stat -c %s "$OUT/all.db")" "$rd" "$(echo "$imp / $rd" | bc -l)"

python3 - "$OUT/all.db" "$OUT/10k.cdx.json" <<'PY'
import json, random, sqlite3, sys
db, out = sys.argv[1], sys.argv[2]
rng = random.Random(20261123)
rows = sqlite3.connect(db).execute(
    "SELECT DISTINCT ecosystem, package FROM affected_index WHERE ecosystem IN ('Go','PyPI','npm','Debian:11')"
).fetchall()
purl = {"Go": "golang", "PyPI": "pypi", "npm": "npm", "Debian:11": "deb"}
comps = [{"type": "operating-system", "bom-ref": "os", "name": "debian", "version": "11"}]
for i in range(10000):
    eco, name = rng.choice(rows)
    ver = f"{rng.randint(0, 3)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}"
    if eco == "Debian:11":
        p = f"pkg:deb/debian/{name}@{ver}-1?distro=debian-11"
    elif eco == "Go":
        p = f"pkg:golang/{name}@v{ver}"
    else:
        p = f"pkg:{purl[eco]}/{name.replace('@', '%40')}@{ver}"
    comps.append({"type": "library", "bom-ref": f"c{i}", "name": name, "version": ver, "purl": p})
json.dump({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": comps}, open(out, "w"))
PY
: >"$OUT/with.times"
: >"$OUT/without.times"
for i in $(seq "$REPS"); do
  t0=$(now); "$CUSTOMS" sbom scan "$OUT/10k.cdx.json" --db "$OUT/all.db" --skip-vulns --format json -q -o "$OUT/without.json"; t1=$(now)
  echo "$t1 - $t0" | bc >>"$OUT/without.times"
  t0=$(now); "$CUSTOMS" sbom scan "$OUT/10k.cdx.json" --db "$OUT/all.db" --format json -q -o "$OUT/with.json"; t1=$(now)
  echo "$t1 - $t0" | bc >>"$OUT/with.times"
done
with=$(median <"$OUT/with.times"); without=$(median <"$OUT/without.times")
pk=$(jq '.vulnerability_scan.stats.packages' "$OUT/with.json")
nv=$(jq '.vulnerabilities | length' "$OUT/with.json")
printf 'matching: %d packages, %d vulnerabilities; sbom scan %.3f s with matching, %.3f s without: matching %.0f ms (goal < 100 ms)\n' \
  "$pk" "$nv" "$with" "$without" "$(echo "($with - $without) * 1000" | bc -l)"
echo "repeat: REPS=$REPS bench/vulndb.sh $CUSTOMS   (files in $OUT)"

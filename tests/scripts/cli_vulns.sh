#!/usr/bin/env bash
# End-to-end: `customs db import` of the real advisory records in examples/vulndb, then
# `customs image` and `customs sbom scan` on the example image match exactly the seven findings
# examples/vulndb/README.md lists (each checked by hand against its record's ranges) and none for
# a version outside every range; every output format carries them; `db info` counts them; a bad
# feed is refused with exit 3 and leaves the database as it was.
# Usage: cli_vulns.sh <customs-binary> <source-dir>
set -euo pipefail
CUSTOMS="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
SRC="$(cd "$2" && pwd)"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
command -v jq >/dev/null || { echo "FAIL: jq is needed"; exit 1; }
export XDG_CACHE_HOME="$T/cache" XDG_DATA_HOME="$T/data" HOME="$T/home" SOURCE_DATE_EPOCH=1700000000
unset CUSTOMS_DB
python3 "$SRC/tests/fixtures/make_images.py" "$T/img" --only app.docker.tar >/dev/null
IMG="$T/img/app.docker.tar"
DB="$T/v.db"
cat >"$T/ignore.yaml" <<'YAML'
ignore:
  - id: GHSA-xvch-5gv4-984h
    package: minimist
    reason: only parses our own arguments
  - id: CVE-2021-23337
    reason: was waiting for a fix
    expires: 2020-01-01
YAML
set +e
FAILED=()
fail() { FAILED+=("$1"); echo "FAIL: $1"; }
c() { timeout 120 "$CUSTOMS" "$@" 2>"$T/err" </dev/null; }

c db import "$SRC/examples/vulndb" --db "$DB" -q >"$T/import.txt" || { fail "db import exits 0"; cat "$T/err"; }
grep -q "imported 14 files into $DB: 14 advisories added" "$T/import.txt" || { fail "import counts"; cat "$T/import.txt"; }

EXPECTED='GHSA-29mw-wpgm-hmr9 CVE-2020-28500 lodash 4.17.15 4.17.21
GHSA-35jh-r3h4-6jhm CVE-2021-23337 lodash 4.17.15 4.17.21
GHSA-p6mc-m468-83gw CVE-2020-8203 lodash 4.17.15 4.17.20
GHSA-qw6h-vgh9-j6wx CVE-2024-43796 express 4.18.2 4.20.0
GHSA-rv95-896h-c2vc CVE-2024-29041 express 4.18.2 4.19.2
GHSA-xvch-5gv4-984h CVE-2021-44906 minimist 1.2.0 1.2.6
GHSA-j8r2-6x86-q33q CVE-2023-32681 requests 2.25.0 2.31.0'
# One line per finding: the GHSA id (an alias or the id), the CVE id, package, version, nearest fix.
norm='.vulnerabilities[] | [([.id] + .aliases | map(select(startswith("GHSA-"))) | .[0]), ([.id] + .aliases | map(select(startswith("CVE-"))) | .[0]), .package.name, .package.version, .fixed_versions[0]] | join(" ")'

c image "$IMG" --db "$DB" --format json >"$T/image.json"
code=$?
[[ $code -eq 0 ]] || { fail "image with vulns exits 0 without --fail-on (got $code)"; cat "$T/err"; }
got=$(jq -r "$norm" "$T/image.json" | sort)
[[ "$got" == "$(sort <<<"$EXPECTED")" ]] || { fail "image findings"; diff <(sort <<<"$EXPECTED") <(echo "$got"); }
[[ $(jq -r '.vulnerability_scan.scanned' "$T/image.json") == true ]] || fail "scan marked scanned"
[[ $(jq -r '[.vulnerabilities[] | select(.package.name=="lodash")][0].package.layer.base_image' "$T/image.json") == false ]] ||
  fail "lodash is in an application layer"
[[ $(jq -r '[.vulnerabilities[].id] | map(select(startswith("CVE-"))) | length' "$T/image.json") == 7 ]] ||
  fail "each finding is named by its CVE"
# requests' PYSEC record carries no rating and the example database has no NVD data: "unknown",
# never a guess; every other finding names the source and CVSS version that decided it.
[[ $(jq -r '[.vulnerabilities[] | select(.severity_source == "") | .package.name + " " + .severity] | join(",")' "$T/image.json") == "requests unknown" ]] ||
  fail "only requests has no rating"
[[ $(jq -r '[.vulnerabilities[] | select(.id == "CVE-2024-43796") | .severity_source, (.ratings | map(.cvss_version // "text") | join(","))] | join(" ")' "$T/image.json") == "ghsa CVSS 3.1 3.1,4.0,text" ]] ||
  fail "CVE-2024-43796: GHSA's 3.1 vector decides, its 4.0 vector and word are shown beside it"


c image "$IMG" --db "$DB" >"$T/table.txt"
grep -q "Vulnerabilities" "$T/table.txt" && grep -q "lodash 4.17.15 -> 4.17.21" "$T/table.txt" ||
  { fail "table lists vulnerabilities"; cat "$T/table.txt"; }

c image "$IMG" --db "$DB" --format sarif >"$T/image.sarif"
[[ $(jq -r '[.runs[0].results[] | select(.ruleId | startswith("CVE-"))] | length' "$T/image.sarif") == 7 ]] ||
  fail "SARIF has one result per vulnerability"

c sbom "$IMG" --format cyclonedx -o "$T/app.cdx.json"
c sbom scan "$T/app.cdx.json" --db "$DB" --format json >"$T/scan.json" || { fail "sbom scan exits 0"; cat "$T/err"; }
got=$(jq -r "$norm" "$T/scan.json" | sort)
[[ "$got" == "$(sort <<<"$EXPECTED")" ]] || { fail "sbom scan findings"; diff <(sort <<<"$EXPECTED") <(echo "$got"); }
c sbom scan "$T/app.cdx.json" --db "$DB" --format cyclonedx >"$T/vulns.cdx.json"
[[ $(jq -r '.vulnerabilities | length' "$T/vulns.cdx.json") == 7 ]] || fail "CycloneDX vulnerabilities section"
[[ $(jq -r '[.vulnerabilities[].affects[].ref] | length' "$T/vulns.cdx.json") == 7 ]] || fail "CycloneDX affects refs"

# --fail-on counts vulnerabilities (the SBOM has no image findings to muddy the exit code).
c sbom scan "$T/app.cdx.json" --db "$DB" --fail-on critical >/dev/null
[[ $? -eq 1 ]] || fail "sbom scan --fail-on critical exits 1 (minimist is critical)"
c sbom scan "$T/app.cdx.json" --db "$DB" --fail-on critical --ignore-file "$T/ignore.yaml" >/dev/null
[[ $? -eq 0 ]] || fail "sbom scan --fail-on critical exits 0 once minimist is ignored"
c sbom scan "$T/app.cdx.json" --db "$DB" --fail-on low --baseline "$T/scan.json" >/dev/null
[[ $? -eq 0 ]] || fail "sbom scan --baseline: nothing new, exit 0"

c db info --db "$DB" >"$T/info.txt" || fail "db info exits 0"
grep -q "14 advisories" "$T/info.txt" || { fail "db info counts"; cat "$T/info.txt"; }

# Triage: an ignore file (one live entry, one expired), an OpenVEX statement, a baseline, a diff.
cat >"$T/app.vex.json" <<'JSON'
{
  "@context": "https://openvex.dev/ns/v0.2.0",
  "@id": "https://example.com/vex/app-1",
  "author": "app team",
  "timestamp": "2026-11-01T00:00:00Z",
  "version": 1,
  "statements": [
    {
      "vulnerability": {"name": "CVE-2020-28500"},
      "products": [{"@id": "pkg:npm/lodash@4.17.15"}],
      "status": "not_affected",
      "justification": "vulnerable_code_not_in_execute_path",
      "impact_statement": "toNumber and trim are never called on user input"
    }
  ]
}
JSON
c image "$IMG" --db "$DB" --ignore-file "$T/ignore.yaml" --vex "$T/app.vex.json" --format json >"$T/triaged.json"
[[ $(jq -r '[.vulnerabilities[] | select(.suppressed) | .id + ":" + .suppression.kind] | sort | join(",")' "$T/triaged.json") == "CVE-2020-28500:vex,CVE-2021-44906:ignore-file" ]] ||
  { fail "ignore file and VEX suppress one each"; jq -c '[.vulnerabilities[] | [.id, .suppressed]]' "$T/triaged.json"; }
[[ $(jq -r '.vulnerabilities[] | select(.id == "CVE-2020-28500") | .suppression.justification' "$T/triaged.json") == "vulnerable_code_not_in_execute_path" ]] ||
  fail "VEX justification in JSON"
jq -r '.diagnostics[].message' "$T/triaged.json" | grep -q "expired" || fail "expired ignore entry reported"
c image "$IMG" --db "$DB" --baseline "$T/image.json" --format json >"$T/base.json"
[[ $(jq -r '[.vulnerabilities[] | select(.suppressed | not)] | length' "$T/base.json") == 0 ]] || fail "--baseline suppresses all"
c diff "$T/image.json" "$T/image.json" --format json >"$T/diff.json"
[[ $(jq -c '.counts' "$T/diff.json") == '{"new":0,"fixed":0,"unchanged":7}' ]] || fail "diff with itself"
jq 'del(.vulnerabilities[] | select(.package.name == "express"))' "$T/image.json" >"$T/old.json"
c diff "$T/old.json" "$T/image.json" --fail-on medium >"$T/diff.txt"
[[ $? -eq 1 ]] || fail "diff --fail-on medium exits 1 for new medium findings"
grep -q "New (2)" "$T/diff.txt" || { fail "diff lists the two new express findings"; cat "$T/diff.txt"; }

# Without a database the scan says so instead of reporting nothing.
c image "$IMG" --format json >"$T/nodb.json"
[[ $(jq -r '.vulnerability_scan.scanned' "$T/nodb.json") == false ]] || fail "no database: not scanned"
jq -r '.vulnerability_scan.reason' "$T/nodb.json" | grep -q "no vulnerability database" || fail "no database: reason"

# A broken feed named on the command line: exit 3, location, nothing imported.
printf '{"id": "GHSA-xxxx", "affected": [' >"$T/broken.json"
c db import "$T/broken.json" --db "$DB" >/dev/null
[[ $? -eq 3 ]] || fail "broken feed exits 3"
grep -q "broken.json" "$T/err" || { fail "broken feed error names the file"; cat "$T/err"; }
c db info --db "$DB" >"$T/info2.txt"
grep -q "14 advisories" "$T/info2.txt" || fail "database unchanged after a failed import"

# A signed bundle for air-gapped sites: exported with an Ed25519 key, imported with its public key;
# a tampered copy and a wrong key are refused and leave the database as it was.
openssl genpkey -algorithm ed25519 -out "$T/key.pem" 2>/dev/null
openssl pkey -in "$T/key.pem" -pubout -out "$T/pub.pem"
openssl genpkey -algorithm ed25519 -out "$T/other.pem" 2>/dev/null
openssl pkey -in "$T/other.pem" -pubout -out "$T/otherpub.pem"
c db export "$T/db.bundle" --db "$DB" --key "$T/key.pem" >/dev/null || { fail "db export exits 0"; cat "$T/err"; }
c db import "$T/db.bundle" --key "$T/pub.pem" --db "$T/airgap.db" >/dev/null || { fail "bundle import exits 0"; cat "$T/err"; }
c db info --db "$T/airgap.db" | grep -q "14 advisories" || fail "the imported bundle holds the database"
cp "$T/db.bundle" "$T/tampered.bundle"
printf 'X' | dd of="$T/tampered.bundle" bs=1 seek=600 conv=notrunc 2>/dev/null
c db import "$T/tampered.bundle" --key "$T/pub.pem" --db "$T/airgap.db" >/dev/null
[[ $? -eq 3 ]] || fail "a tampered bundle is refused with exit 3"
c db import "$T/db.bundle" --key "$T/otherpub.pem" --db "$T/airgap.db" >/dev/null
[[ $? -eq 3 ]] || fail "a bundle checked with the wrong key is refused"
c db info --db "$T/airgap.db" | grep -q "14 advisories" || fail "refused bundles leave the database as it was"

# db update from a local server laid out as osv.dev's bucket (<base>/<ecosystem>/all.zip).
mkdir -p "$T/www/npm"
python3 -c 'import sys, zipfile, glob, os
with zipfile.ZipFile(sys.argv[1], "w") as z:
    for f in sorted(glob.glob(sys.argv[2] + "/*.json")): z.write(f, os.path.basename(f))' "$T/www/npm/all.zip" "$SRC/examples/vulndb/osv/npm"
python3 -m http.server 0 --bind 127.0.0.1 --directory "$T/www" >"$T/http.log" 2>&1 &
HTTP_PID=$!
for _ in $(seq 50); do grep -q "port" "$T/http.log" && break; sleep 0.1; done
PORT=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$T/http.log" | head -1)
c db update --db "$T/updated.db" --base-url "http://127.0.0.1:$PORT" --ecosystem npm -q >"$T/update.txt" ||
  { fail "db update from a local server exits 0"; cat "$T/err"; }
grep -q "9 advisories added" "$T/update.txt" || { fail "db update imports the archive"; cat "$T/update.txt"; }
c db update --db "$T/updated.db" --base-url "http://127.0.0.1:$PORT" --ecosystem Maven -q >/dev/null
[[ $? -eq 3 ]] || fail "db update of a missing archive (404) exits 3"
grep -q "404" "$T/err" || { fail "the 404 is named"; cat "$T/err"; }
kill $HTTP_PID 2>/dev/null

if [[ ${#FAILED[@]} -gt 0 ]]; then
  echo "${#FAILED[@]} failures"
  exit 1
fi
echo "cli_vulns: all passed"

#!/usr/bin/env bash
# Validates customs' SBOMs against the official schemas vendored in tests/testdata/schemas:
#   - tests/testdata/golden/sbom.cdx.json (kept identical to write_cyclonedx output by
#     test_cyclonedx_writer) against CycloneDX 1.6, whose $refs to spdx.SNAPSHOT.schema.json
#     (licence ids) and jsf-0.82.SNAPSHOT.schema.json are mapped to the vendored copies;
#   - tests/testdata/golden/sbom.spdx.json (kept identical by test_spdx_writer) against SPDX 2.3;
#   - mutated copies with one deliberate violation each, which must be rejected;
#   - live `customs sbom <dir> --format cyclonedx|spdx` output for a small directory, once the CLI
#     has that command (skipped visibly while `customs sbom --help` fails).
# Usage: bash validate_sbom_schemas.sh <customs-binary> <source-dir>
# Needs Debian's python3-jsonschema (tests/scripts/lib/schema_checks.sh).
set -u

customs=${1:?usage: validate_sbom_schemas.sh <customs-binary> <source-dir>}
src=${2:?usage: validate_sbom_schemas.sh <customs-binary> <source-dir>}
customs_dir=$(cd "$(dirname "$customs")" 2>/dev/null && pwd) && customs=$customs_dir/$(basename "$customs")
src=$(cd "$src" && pwd) || exit 1
golden=$src/tests/testdata/golden
schemas=$src/tests/testdata/schemas
cdx_schema=$schemas/cyclonedx-1.6.schema.json
spdx_schema=$schemas/spdx-2.3.schema.json

source "$src/tests/scripts/lib/schema_checks.sh"

echo "CycloneDX 1.6 schema: $cdx_schema"
validate "$golden/sbom.cdx.json" "$cdx_schema" || fail "golden CycloneDX SBOM does not match the CycloneDX 1.6 schema"
echo "SPDX 2.3 schema: $spdx_schema"
validate "$golden/sbom.spdx.json" "$spdx_schema" || fail "golden SPDX SBOM does not match the SPDX 2.3 schema"

# The validators must reject broken documents, or the checks above prove nothing. The licence id
# one also proves that the $ref to spdx.SNAPSHOT.schema.json is resolved (its enum rejects it).
mutate "$golden/sbom.cdx.json" \
  'next(c for c in d["components"] if "licenses" in c and "license" in c["licenses"][-1])["licenses"][-1]["license"] = {"id": "Not-A-Licence"}' \
  "$tmp/bad-licence.cdx.json"
validate "$tmp/bad-licence.cdx.json" "$cdx_schema" 2>/dev/null && fail "CycloneDX schema accepted the licence id 'Not-A-Licence'"
mutate "$golden/sbom.cdx.json" 'd["serialNumber"] = "urn:uuid:not-a-uuid"' "$tmp/bad-serial.cdx.json"
validate "$tmp/bad-serial.cdx.json" "$cdx_schema" 2>/dev/null && fail "CycloneDX schema accepted serialNumber 'urn:uuid:not-a-uuid'"
mutate "$golden/sbom.spdx.json" 'd["packages"][1]["primaryPackagePurpose"] = "OPERATING-SYSTEM"' "$tmp/bad-purpose.spdx.json"
validate "$tmp/bad-purpose.spdx.json" "$spdx_schema" 2>/dev/null && fail "SPDX schema accepted primaryPackagePurpose 'OPERATING-SYSTEM'"
mutate "$golden/sbom.spdx.json" 'del d["packages"][2]["SPDXID"]' "$tmp/bad-id.spdx.json"
validate "$tmp/bad-id.spdx.json" "$spdx_schema" 2>/dev/null && fail "SPDX schema accepted a package without SPDXID"

# ---- Live `customs sbom` output (the lead wires the command; this starts checking once
# `customs sbom --help` succeeds). A directory with one npm package and one dpkg package.
validate_live() {
  local dir=$tmp/live format out status
  mkdir -p "$dir/node_modules/x" "$dir/var/lib/dpkg"
  printf '{\n  "name": "x",\n  "version": "1.0.0",\n  "license": "MIT"\n}\n' > "$dir/node_modules/x/package.json"
  printf 'Package: hello\nStatus: install ok installed\nPriority: optional\nSection: devel\nInstalled-Size: 100\nMaintainer: Jane Doe <jane@example.org>\nArchitecture: amd64\nVersion: 2.10-3\nDescription: example package\n hello world\n\n' \
    > "$dir/var/lib/dpkg/status"
  for format in cyclonedx spdx; do
    out=$tmp/live.$format.json
    "$customs" sbom "$dir" --format "$format" > "$out" 2> "$tmp/live.$format.err"
    status=$?
    if [ $status -ne 0 ]; then
      fail "'customs sbom --format $format' exited with $status: $(head -3 "$tmp/live.$format.err")"
      continue
    fi
    echo "live customs sbom --format $format"
    if [ "$format" = cyclonedx ]; then
      validate "$out" "$cdx_schema" || fail "live CycloneDX output does not match the CycloneDX 1.6 schema"
    else
      validate "$out" "$spdx_schema" || fail "live SPDX output does not match the SPDX 2.3 schema"
    fi
    for purl in 'pkg:npm/x@1.0.0' 'pkg:deb/'; do
      grep -q "\"$purl" "$out" || fail "live $format output has no package with a purl starting '$purl'"
    done
  done
}

# CycloneDX with its vulnerabilities section: the example image's SBOM read back by `customs sbom
# scan` against the example database (examples/vulndb): ratings, affects refs, references.
validate_live_vulns() {
  local out=$tmp/vulns.cdx.json
  python3 "$src/tests/fixtures/make_images.py" "$tmp/img" --only app.docker.tar >/dev/null 2>&1 ||
    { fail "tests/fixtures/make_images.py failed"; return; }
  "$customs" db import "$src/examples/vulndb" --db "$tmp/vuln.db" -q >/dev/null 2>&1 || { fail "db import examples/vulndb failed"; return; }
  "$customs" sbom "$tmp/img/app.docker.tar" --vulns --db "$tmp/vuln.db" --format cyclonedx -q > "$out" 2>"$tmp/vulns.err" ||
    { fail "'customs sbom --vulns --format cyclonedx' failed: $(head -3 "$tmp/vulns.err")"; return; }
  echo "live customs sbom --vulns --format cyclonedx"
  validate "$out" "$cdx_schema" || fail "CycloneDX with vulnerabilities does not match the CycloneDX 1.6 schema"
  grep -q '"vulnerabilities"' "$out" || fail "CycloneDX output has no vulnerabilities section"
}

if "$customs" sbom --help > /dev/null 2>&1; then
  validate_live
  validate_live_vulns
else
  echo "SKIP: live SBOM output ('$customs sbom --help' fails: the command is not there yet)"
fi

finish "SBOM schema"

#!/usr/bin/env bash
# Validates customs' machine-readable reports against their schemas:
#   - tests/testdata/golden/report.json (kept identical to the real JSON reporter output by
#     test_json_reporter) against docs/schemas/customs-report-v1.schema.json;
#   - tests/testdata/golden/report.sarif (kept identical by test_sarif_reporter) against the
#     OASIS SARIF 2.1.0 schema (../shared/reference/schemas if present, else the vendored copy);
#   - the same golden SARIF with the official SARIF Multitool (SARIF and GitHub rules), when it is
#     installed at ${CUSTOMS_SARIF_MULTITOOL:-$HOME/.cache/customs-dev/sarif-multitool/package/Sarif.Multitool};
#   - live `customs dockerfile --format json|sarif` output for a small Dockerfile, once the CLI has
#     that command (skipped visibly while it answers with a usage error).
# Usage: bash validate_report_schemas.sh <customs-binary> <source-dir>
# Needs Debian's python3-jsonschema (tests/scripts/lib/schema_checks.sh).
set -u

customs=${1:?usage: validate_report_schemas.sh <customs-binary> <source-dir>}
src=${2:?usage: validate_report_schemas.sh <customs-binary> <source-dir>}
customs_dir=$(cd "$(dirname "$customs")" 2>/dev/null && pwd) && customs=$customs_dir/$(basename "$customs")
src=$(cd "$src" && pwd) || exit 1
golden=$src/tests/testdata/golden
json_schema=$src/docs/schemas/customs-report-v1.schema.json
sarif_schema=$src/../shared/reference/schemas/sarif-2.1.0.schema.json
[ -f "$sarif_schema" ] || sarif_schema=$src/tests/testdata/schemas/sarif-2.1.0.schema.json
multitool=${CUSTOMS_SARIF_MULTITOOL:-$HOME/.cache/customs-dev/sarif-multitool/package/Sarif.Multitool}

source "$src/tests/scripts/lib/schema_checks.sh"

echo "JSON report schema: $json_schema"
validate "$golden/report.json" "$json_schema" || fail "golden JSON report does not match its schema"
echo "SARIF schema: $sarif_schema"
validate "$golden/report.sarif" "$sarif_schema" || fail "golden SARIF does not match the SARIF 2.1.0 schema"

# The validators must reject broken documents, or the checks above prove nothing.
mutate "$golden/report.json" 'd["findings"][0]["severity"] = "urgent"' "$tmp/bad.json"
validate "$tmp/bad.json" "$json_schema" 2>/dev/null && fail "JSON schema accepted a finding with severity 'urgent'"
mutate "$golden/report.json" 'del d["findings"][3]["suppression"]' "$tmp/bad2.json"
validate "$tmp/bad2.json" "$json_schema" 2>/dev/null && fail "JSON schema accepted a suppressed finding without its suppression"
mutate "$golden/report.sarif" 'd["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0' "$tmp/bad.sarif"
validate "$tmp/bad.sarif" "$sarif_schema" 2>/dev/null && fail "SARIF schema accepted startLine 0"

# multitool_check <sarif>: runs the SARIF Multitool with the SARIF and GitHub rule sets; any
# "error" or "warning" line is a failure (its exit status is 0 either way).
multitool_check() {
  DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$multitool" validate "$1" -o "$tmp/multitool.sarif" --log ForceOverwrite \
    --rule-kind "Gh;Sarif" > "$tmp/multitool.log" 2>&1
  local status=$?
  if [ $status -ne 0 ] || grep -qE ': (error|warning) [A-Z]+[0-9]+:' "$tmp/multitool.log"; then
    grep -E ': (error|warning) ' "$tmp/multitool.log" >&2 || tail -20 "$tmp/multitool.log" >&2
    return 1
  fi
}

if [ -x "$multitool" ]; then
  echo "SARIF Multitool: $multitool"
  multitool_check "$golden/report.sarif" || fail "SARIF Multitool reports errors or warnings on the golden SARIF"
elif [ -e "$multitool" ]; then
  echo "SKIP: SARIF Multitool at $multitool is not executable (chmod +x it)"
else
  echo "SKIP: SARIF Multitool not found at $multitool (see docs/json-report.md to install it)"
fi

# check_live NAME FORMAT CMD...: runs CMD (customs with --format FORMAT), validates its output
# against the schema of FORMAT, and runs the SARIF Multitool on SARIF.
check_live() {
  local name=$1 format=$2 status schema=$json_schema
  shift 2
  "$@" > "$tmp/$name.$format" 2> "$tmp/$name.err"
  status=$?
  if [ $status -gt 1 ]; then
    fail "'customs $name --format $format' exited with $status: $(head -3 "$tmp/$name.err")"
    return
  fi
  [ "$format" = sarif ] && schema=$sarif_schema
  echo "live $name $format output"
  validate "$tmp/$name.$format" "$schema" || fail "live $name $format output does not match its schema"
  if [ "$format" = sarif ] && [ -x "$multitool" ]; then
    multitool_check "$tmp/$name.sarif" || fail "SARIF Multitool reports errors or warnings on live $name SARIF"
  fi
}

# Live output of the real binary: a Dockerfile, and the example image (summary, layer locations).
mkdir -p "$tmp/live"
printf 'FROM python:3.12\nENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nUSER root\n' > "$tmp/live/Dockerfile"
python3 "$src/tests/fixtures/make_images.py" "$tmp/images" --only app.oci >/dev/null 2>&1 ||
  fail "tests/fixtures/make_images.py failed"
# The example image against the example vulnerability database (examples/vulndb): vulnerabilities
# with their ratings in the JSON report, and as rules and results in SARIF.
"$customs" db import "$src/examples/vulndb" --db "$tmp/vuln.db" -q >/dev/null 2>&1 || fail "customs db import examples/vulndb failed"
for format in json sarif; do
  check_live dockerfile "$format" "$customs" dockerfile "$tmp/live/Dockerfile" --format "$format"
  check_live image "$format" "$customs" image "$tmp/images/app.oci" --no-cache --format "$format"
  check_live image-vulns "$format" "$customs" image "$tmp/images/app.oci" --no-cache --db "$tmp/vuln.db" --format "$format"
  check_live secrets "$format" "$customs" secrets "$tmp/images/app.oci" --no-cache --format "$format"
done

finish "report schema"

# Shared by the schema validation scripts (tests/scripts/validate_*_schemas.sh); sourced, not run.
# Sets python (Debian's /usr/bin/python3, which has python3-jsonschema; the PATH python3 may be
# another one), tmp (removed at exit) and failures, and defines:
#   fail MESSAGE...            count a failure and print it
#   validate DOCUMENT SCHEMA   print every violation, non-zero status when there is one
#   mutate DOCUMENT STATEMENT OUTPUT
#                              a copy of DOCUMENT after the python STATEMENT ran on it as d: one
#                              deliberate violation, which validate must reject
#   finish WHAT                exit 1 with the count of failures, or say that all WHAT passed
python=/usr/bin/python3
schema_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

if ! "$python" -c 'import jsonschema' 2>/dev/null; then
  echo "FAIL: $python cannot import jsonschema (apt-get install python3-jsonschema)" >&2
  exit 1
fi

validate() { "$python" "$schema_lib/validate_json.py" "$1" "$2"; }

mutate() {
  "$python" -c 'import json,sys; d=json.load(open(sys.argv[1])); exec(sys.argv[2]); json.dump(d, open(sys.argv[3], "w"))' "$1" "$2" "$3"
}

finish() {
  if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
  fi
  echo "all $1 checks passed"
}

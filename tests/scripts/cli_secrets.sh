#!/usr/bin/env bash
# End-to-end: `customs secrets` on a docker-archive written here with planted fake secrets (a
# private key deleted by a later layer, an AWS key pair in a file, one inside a jar, one in Env and
# in the history) and on a directory: exact findings with their rules, layers and lines in JSON,
# the same in table and SARIF, no raw value anywhere in any output, customs.yaml's secrets:
# section, the layer cache, exit codes, and `customs image` reporting the same secrets.
# Usage: cli_secrets.sh <customs-binary> <source-dir>
set -euo pipefail
CUSTOMS="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
SRC="$(cd "$2" && pwd)"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
command -v jq >/dev/null || { echo "FAIL: jq is needed"; exit 1; }
command -v openssl >/dev/null || { echo "FAIL: openssl is needed"; exit 1; }
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export XDG_CACHE_HOME="$T/cache"
cd "$T"

# --- The planted image ------------------------------------------------------------------------
openssl genpkey -algorithm ed25519 -out key.pem 2>/dev/null
python3 - key.pem secrets.docker.tar <<'EOF'
import hashlib, io, json, sys, tarfile, zipfile

key = open(sys.argv[1]).read()

def tar(files):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, data in files:
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(data), 1700000000, 0o644
            t.addfile(info, io.BytesIO(data))
    return buf.getvalue()

def jar(entries):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in entries:
            z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), text)
    return buf.getvalue()

layer0 = tar([
    ("app/.env", b"AWS_ACCESS_KEY_ID=AKIAQ3EGRQ5N7FPX2M4K\nAWS_SECRET_ACCESS_KEY=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\n"),
    ("app/lib/app.jar", jar([("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"),
                             ("BOOT-INF/classes/application.properties", "server.port=8080\naws.key=AKIAZ7VRSQ5CMBTXN2LP\n")])),
    ("root/.ssh/id_rsa", key.encode()),
    ("usr/share/doc/tool/README", b"Example: AKIAIOSFODNN7EXAMPLE\n"),
])
layer1 = tar([("root/.ssh/.wh.id_rsa", b"")])
sha = lambda b: "sha256:" + hashlib.sha256(b).hexdigest()
config = {"architecture": "amd64", "os": "linux", "created": "2024-01-01T00:00:00Z",
          "config": {"Env": ["PATH=/usr/bin", "AWS_ACCESS_KEY_ID=AKIAR4KQ2JX7YB3NVW5D"]},
          "rootfs": {"type": "layers", "diff_ids": [sha(layer0), sha(layer1)]},
          "history": [{"created_by": "/bin/sh -c #(nop) COPY dir:0123 in / "},
                      {"created_by": "/bin/sh -c #(nop)  ENV AWS_ACCESS_KEY_ID=AKIAR4KQ2JX7YB3NVW5D", "empty_layer": True},
                      {"created_by": "|1 DEPLOY_KEY=AKIAT6HZP3MD8QWX5RLC /bin/sh -c rm /root/.ssh/id_rsa"}]}
cfg = json.dumps(config).encode()
manifest = [{"Config": "config.json", "RepoTags": ["example/secrets:1"], "Layers": ["l0.tar", "l1.tar"]}]
with tarfile.open(sys.argv[2], "w", format=tarfile.USTAR_FORMAT) as out:
    for name, data in [("manifest.json", json.dumps(manifest).encode()), ("config.json", cfg),
                       ("l0.tar", layer0), ("l1.tar", layer1)]:
        info = tarfile.TarInfo(name)
        info.size, info.mtime = len(data), 1700000000
        out.addfile(info, io.BytesIO(data))
EOF
IMG="$T/secrets.docker.tar"
# Every raw value planted: none may appear in any output.
RAW=(AKIAQ3EGRQ5N7FPX2M4K wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ3v9xLm2T AKIAZ7VRSQ5CMBTXN2LP AKIAR4KQ2JX7YB3NVW5D
     AKIAT6HZP3MD8QWX5RLC "$(sed -n 2p key.pem)")

FAILED=()
CASE=""
bad() { FAILED+=("$CASE"); echo "FAIL [$CASE]: $*"; head -c 1500 err; echo; }
run() { set +e; timeout 120 "$CUSTOMS" "$@" >out 2>err </dev/null; RC=$?; set -e; }
expect_rc() {
  grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:|internal error' err && { bad "sanitizer report"; return 1; }
  [[ "$RC" == "$1" ]] || { bad "expected exit $1, got $RC"; return 1; }
}
no_raw() { # FILE...: no planted raw value in them
  local v
  for v in "${RAW[@]}"; do
    if grep -qF -- "$v" "$@"; then bad "raw value ${v:0:6}... leaked in $*"; return 1; fi
  done
}
# rule id by title, from the rule table the binary has
"$CUSTOMS" checks --format json > rules.json
rule() { jq -r --arg t "$1" '[.[] | select(.title == $t) | .id][0] // "missing"' rules.json; }
AWS_ID=$(rule "AWS access key id")
AWS_SECRET=$(rule "AWS secret access key")
PEM=$(rule "Private key (PEM)")

# --- JSON: the exact findings ---------------------------------------------------------------
CASE="json findings"
run secrets "$IMG" --no-cache --format json --fail-on high
expect_rc 1 || true
cp out report.json
jq -r '.findings[] | "\(.rule_id) \(.location.path) \(.location.layer_index // "-") \(.location.line // "-")"' out | sort > got
sort > want <<EOF
$AWS_ID app/.env 0 1
$AWS_SECRET app/.env 0 2
$PEM root/.ssh/id_rsa 0 2
$AWS_ID app/lib/app.jar!/BOOT-INF/classes/application.properties 0 2
$AWS_ID config.Env[1] - 1
$AWS_ID history[1] - 1
$AWS_ID history[2] - 1
EOF
diff want got > /dev/null || bad "findings differ: $(diff want got | head -10)"
jq -e '.command == "secrets" and (.images[0].layers | length == 2)' out > /dev/null || bad "command or layers"
jq -e '[.findings[] | select(.location.path == "root/.ssh/id_rsa")][0].message |
       test("removed in layer 1, still retrievable from layer 0")' out > /dev/null || bad "deleted key message"
jq -e '[.findings[] | select(.location.path == "app/.env")] | all(.location.layer_digest | startswith("sha256:"))' \
  out > /dev/null || bad "layer digest"
jq -e '[.findings[] | .fingerprint | length == 32] | all' out > /dev/null || bad "fingerprints"
jq -e '[.findings[] | select(.location.path == "config.Env[1]" or .location.path == "history[1]") | .fingerprint]
       | unique | length == 1' out > /dev/null || bad "one fingerprint for one secret"
jq -e '[.findings[] | .evidence | length > 0] | all' out > /dev/null || bad "masked evidence"
no_raw out err || true

CASE="table and sarif"
run secrets "$IMG" --no-cache --fail-on high
expect_rc 1 && no_raw out err || true
grep -q 'root/.ssh/id_rsa:2:1 (layer 0 ' out || bad "table lacks the layer of the deleted key"
run secrets "$IMG" --no-cache --format sarif --fail-on high
expect_rc 1 && no_raw out err || true
cp out report.sarif
jq -e --arg id "$PEM" '.runs[0].results | map(select(.ruleId == $id))[0] |
   (.properties.layerIndex == 0) and (.locations[0].physicalLocation.region.startLine == 2) and
   (.partialFingerprints | length == 1)' out > /dev/null || bad "sarif result of the private key"
[[ "$(jq '.runs[0].results | length' out)" == 7 ]] || bad "sarif result count"
jq -e --arg id "$AWS_ID" '.runs[0].tool.driver.rules | map(.id) | index($id) != null' out > /dev/null || bad "sarif rules"
SCHEMA="$SRC/tests/testdata/schemas/sarif-2.1.0.schema.json"
python3 -c 'import jsonschema' 2>/dev/null && {
  python3 -c 'import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))' \
    report.sarif "$SCHEMA" || bad "SARIF does not match the SARIF 2.1.0 schema"
}

# --- customs image runs the same scanner -----------------------------------------------------
CASE="customs image reports the secrets too"
run image "$IMG" --no-cache --format json
jq -r --arg p "SE" '.findings[] | select(.rule_id | startswith($p)) | "\(.rule_id) \(.location.path)"' out | sort > got
jq -r '.findings[] | "\(.rule_id) \(.location.path)"' report.json | sort > want
diff want got > /dev/null || bad "image secrets differ: $(diff want got | head -5)"
no_raw out err || true

# --- The cache and customs.yaml ------------------------------------------------------------
CASE="second run from the cache, same findings"
run secrets "$IMG" --format json
run secrets "$IMG" --format json
jq -e '[.images[0].layers[].from_cache] | all' out > /dev/null || bad "not from cache"
diff <(jq -c '.findings' report.json) <(jq -c '.findings' out) > /dev/null || bad "cached findings differ"
CASE="config: disable a rule, allow a value; the cache is not stale"
printf 'secrets:\n  disable: [%s]\n  allow-values: ["^wJalrX"]\n' "$AWS_ID" > customs.yaml
run secrets "$IMG" --format json
expect_rc 0 || true
[[ "$(jq -r '[.findings[].rule_id] | join(",")' out)" == "$PEM" ]] || bad "config not applied: $(jq -c '[.findings[].rule_id]' out)"
rm customs.yaml
CASE="config: max-file-size skips with a note"
printf 'secrets:\n  max-file-size: 16\n' > small.yaml
run secrets "$IMG" --no-cache --format json --config small.yaml
jq -e '[.diagnostics[] | select(.code == "secrets.skipped" and .location.path == "app/.env")] | length == 1' out \
  > /dev/null || bad "no skipped note for app/.env"
CASE="config: a bad value is refused with its location"
printf 'secrets:\n  archive-depth: 12\n' > bad.yaml
run secrets "$IMG" --config bad.yaml
expect_rc 2 || true
grep -q "bad.yaml:2:18: 'secrets.archive-depth' must be a whole number from 0 to 8" err || bad "location: $(cat err)"
printf 'secrets:\n  allow-values: ["(unclosed"]\n' > bad2.yaml
run secrets "$IMG" --config bad2.yaml
expect_rc 2 && { grep -q "bad2.yaml:2:18: 'secrets.allow-values' holds an invalid RE2 regex" err || bad "regex: $(cat err)"; }

# --- Directories and bad input ----------------------------------------------------------------
CASE="a directory is a root file system"
mkdir -p root/app
printf 'token = AKIAQ3EGRQ5N7FPX2M4K\n' > root/app/settings.ini
run secrets root --format json
expect_rc 0 || true
[[ "$(jq -r '.findings[] | "\(.rule_id) \(.location.path) \(.location.line)"' out)" == "$AWS_ID app/settings.ini 1" ]] ||
  bad "rootfs findings: $(jq -c '.findings' out)"
jq -e '.findings[0].location.layer_index == null and .targets[0].kind == "rootfs"' out > /dev/null || bad "rootfs location"
CASE="unreadable input exits 3"
printf 'hello' > notimage.tar
run secrets notimage.tar
expect_rc 3 || true
grep -q "notimage.tar" err || bad "error does not name the input"
CASE="no target is a usage error"
run secrets
expect_rc 2 || true

if [[ ${#FAILED[@]} -gt 0 ]]; then
  echo "cli_secrets: ${#FAILED[@]} case(s) failed"
  exit 1
fi
echo "cli_secrets: all cases passed"

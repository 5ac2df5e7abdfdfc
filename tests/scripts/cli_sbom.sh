#!/usr/bin/env bash
# End-to-end: `customs sbom` on the example image made by tests/fixtures/make_images.py. The same
# packages come out of the docker-archive, the OCI layout and the zstd copy; each package carries
# the layer that added it (the dpkg database in the base layer, the application's npm, Python and
# Maven packages in layer 1); the development-only lockfile entries and the lockfile duplicates
# are folded away; CycloneDX and SPDX read back into the same purls with `customs sbom scan`; a
# single file and a directory work; bad input exits 3 with the location.
# Usage: cli_sbom.sh <customs-binary> <source-dir>
set -euo pipefail
CUSTOMS="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
SRC="$(cd "$2" && pwd)"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
command -v jq >/dev/null || { echo "FAIL: jq is needed"; exit 1; }
export XDG_CACHE_HOME="$T/cache" SOURCE_DATE_EPOCH=1700000000
python3 "$SRC/tests/fixtures/make_images.py" "$T/img" --only app.docker.tar >/dev/null
python3 "$SRC/tests/fixtures/make_images.py" "$T/img" --only app.oci >/dev/null
python3 "$SRC/tests/fixtures/make_images.py" "$T/img" --only app-zstd.oci >/dev/null
I="$T/img"
set +e  # from here on every case records its own failure
FAILED=()
fail() { FAILED+=("$1"); echo "FAIL: $1"; }
sbom() { timeout 60 "$CUSTOMS" sbom "$@" 2>"$T/err" </dev/null; }

EXPECTED='pkg:deb/debian/base-files@12.4%2Bdeb12u4?arch=amd64&distro=debian-12
pkg:deb/debian/libc6@2.36-9%2Bdeb12u3?arch=amd64&distro=debian-12
pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12
pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1
pkg:npm/express@4.18.2
pkg:npm/lodash@4.17.15
pkg:npm/minimist@1.2.0
pkg:npm/ms@2.0.0
pkg:pypi/requests@2.25.0'

for target in "$I/app.docker.tar" "oci:$I/app.oci" "$I/app-zstd.oci"; do
  if ! sbom "$target" --format json >"$T/out.json"; then fail "sbom $target exits 0"; cat "$T/err"; continue; fi
  got=$(jq -r '.packages[].purl' "$T/out.json" | sort)
  [[ "$got" == "$EXPECTED" ]] || { fail "purls of $target"; diff <(echo "$EXPECTED") <(echo "$got"); }
done

sbom "$I/app.docker.tar" --format json >"$T/app.json"
jq -e '.os.id == "debian" and .os.version_id == "12" and .target.base_layers == 1' "$T/app.json" >/dev/null ||
  fail "os and base layers"
jq -e '[.packages[] | select(.type == "deb") | .layer.index == 0 and .layer.in_base_image] | all' "$T/app.json" >/dev/null ||
  fail "deb packages come from the base layer"
jq -e '.packages[] | select(.name == "lodash") | .layer.index == 1 and (.layer.in_base_image | not)
       and .origin == "installed" and .locations == ["app/node_modules/lodash/package.json", "app/package-lock.json"]' \
  "$T/app.json" >/dev/null || fail "lodash: layer 1, installed, both locations"
jq -e '.packages[] | select(.name == "express") | .depends_on == ["pkg:npm/ms@2.0.0"]' "$T/app.json" >/dev/null ||
  fail "express depends on ms from the lockfile"
jq -e '.packages[] | select(.name == "libc6") | .source.name == "glibc"' "$T/app.json" >/dev/null ||
  fail "libc6 source package"
jq -e '.packages[] | select(.name == "log4j-core") | .namespace == "org.apache.logging.log4j"
       and .path == "app/lib/log4j-core-2.14.1.jar"' "$T/app.json" >/dev/null || fail "log4j from pom.properties"

# The image summary counts packages per ecosystem.
timeout 60 "$CUSTOMS" image "$I/app.docker.tar" --format json >"$T/image.json" 2>/dev/null || true
jq -e '.images[0].packages == {"deb": 3, "npm": 4, "pypi": 1, "maven": 1}' "$T/image.json" >/dev/null ||
  fail "customs image package counts"

# CycloneDX and SPDX, and reading them back.
for f in cyclonedx spdx; do
  sbom "$I/app.docker.tar" --format "$f" -o "$T/app.$f.json" || { fail "sbom --format $f"; continue; }
  sbom scan "$T/app.$f.json" --format json >"$T/back.json" || { fail "sbom scan $f"; cat "$T/err"; continue; }
  got=$(jq -r '.packages[].purl' "$T/back.json" | sort)
  [[ "$got" == "$EXPECTED" ]] || { fail "purls read back from $f"; diff <(echo "$EXPECTED") <(echo "$got"); }
done
sbom "$I/app.docker.tar" --format cyclonedx >"$T/a.cdx" && sbom "$I/app.docker.tar" --format cyclonedx >"$T/b.cdx" &&
  cmp -s "$T/a.cdx" "$T/b.cdx" || fail "CycloneDX output is reproducible with SOURCE_DATE_EPOCH"

# A single file and a plain directory.
mkdir -p "$T/dir/srv/node_modules/left-pad" "$T/dir/var/lib/dpkg"
echo '{"name":"left-pad","version":"1.3.0","license":"WTFPL"}' >"$T/dir/srv/node_modules/left-pad/package.json"
printf 'Package: zlib1g\nStatus: install ok installed\nVersion: 1:1.2.13.dfsg-1\nArchitecture: amd64\nSource: zlib\n\n' \
  >"$T/dir/var/lib/dpkg/status"
sbom "$T/dir" --format json >"$T/dir.json" || fail "sbom DIR exits 0"
jq -e '.target.kind == "directory" and ([.packages[].purl] | sort) ==
  ["pkg:deb/debian/zlib1g@1.2.13.dfsg-1?arch=amd64&epoch=1", "pkg:npm/left-pad@1.3.0"]' "$T/dir.json" >/dev/null ||
  { fail "directory packages"; jq -c '[.packages[].purl]' "$T/dir.json"; }
sbom "$T/dir/var/lib/dpkg/status" --format json >"$T/file.json" || fail "sbom FILE exits 0"
jq -e '.target.kind == "file" and [.packages[].name] == ["zlib1g"]' "$T/file.json" >/dev/null || fail "single file"

# Bad input: a malformed lockfile is a located diagnostic, the rest is still listed.
mkdir -p "$T/dir/app" && printf '{\n  "lockfileVersion": 3,\n  "packages": {,\n' >"$T/dir/app/package-lock.json"
sbom "$T/dir" --format json >"$T/bad.json" || fail "a malformed lockfile does not stop the inventory"
jq -e '[.diagnostics[] | select(.location.path == "app/package-lock.json" and .location.line == 3)] | length == 1' \
  "$T/bad.json" >/dev/null || { fail "malformed lockfile diagnostic with its line"; jq -c .diagnostics "$T/bad.json"; }
echo '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [' >"$T/broken.cdx.json"
sbom scan "$T/broken.cdx.json" >/dev/null
[[ $? -eq 3 ]] || fail "a truncated SBOM exits 3"
grep -q "broken.cdx.json" "$T/err" || fail "the truncated SBOM error names the file"
sbom "$I/app.docker.tar" --format xml >/dev/null; [[ $? -eq 2 ]] || fail "unknown format exits 2"

if [[ ${#FAILED[@]} -gt 0 ]]; then echo "${#FAILED[@]} failures"; exit 1; fi
echo "cli_sbom: all cases passed"

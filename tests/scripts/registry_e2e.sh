#!/usr/bin/env bash
# End-to-end against a real registry: Debian's docker-registry with htpasswd auth on a free
# 127.0.0.1 port, a small OCI image pushed with skopeo, then `customs image` pulls it with the
# right credentials (flags and an auth file), wrong ones, none, and an unknown tag.
# Skips when docker-registry, htpasswd or skopeo are missing.
# Usage: registry_e2e.sh <customs-binary> <source-dir>
set -euo pipefail
CUSTOMS="$1"
SRC="$2"
for tool in docker-registry htpasswd skopeo; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed"; exit 0; }
done
command -v jq >/dev/null || { echo "FAIL: jq is needed"; exit 1; }
command -v python3 >/dev/null || { echo "FAIL: python3 is needed"; exit 1; }

T="$(mktemp -d)"
REG_PID=""
cleanup() {
  if [[ -n "$REG_PID" ]]; then
    kill "$REG_PID" 2>/dev/null || true
    wait "$REG_PID" 2>/dev/null || true
  fi
  rm -rf "$T"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*"
  for f in out err registry.log; do [[ -f "$T/$f" ]] && { echo "--- $f"; tail -n 40 "$T/$f"; }; done
  exit 1
}
# run CMD...: stdout in $T/out, stderr in $T/err, exit code in RC.
run() { set +e; "$@" >"$T/out" 2>"$T/err"; RC=$?; set -e; }
# customs with no auth file or cache of the user's: only what the test gives it.
customs() {
  env -u REGISTRY_AUTH_FILE -u DOCKER_CONFIG HOME="$T/home" XDG_CACHE_HOME="$T/cache" TMPDIR="$T" \
    "${EXTRA_ENV[@]}" "$CUSTOMS" "$@"
}
EXTRA_ENV=()

# ---- the image: an OCI layout with tag "latest" ------------------------------------------------
IMG="$T/image.oci"
if [[ -f "$SRC/tests/fixtures/make_images.py" ]]; then
  python3 "$SRC/tests/fixtures/make_images.py" "$T/fixtures" --only app.oci >/dev/null
  mv "$T/fixtures/app.oci" "$IMG"
elif command -v umoci >/dev/null; then
  umoci init --layout "$IMG"
  umoci new --image "$IMG:latest"
  umoci unpack --image "$IMG:latest" "$T/bundle" >/dev/null
  printf 'ID=e2e\n' >"$T/bundle/rootfs/os-release"
  umoci repack --image "$IMG:latest" "$T/bundle" >/dev/null
else
  python3 - "$IMG" <<'PY'
import gzip, hashlib, io, json, os, sys, tarfile
out = sys.argv[1]
os.makedirs(os.path.join(out, "blobs", "sha256"))
def put(data):
    d = hashlib.sha256(data).hexdigest()
    open(os.path.join(out, "blobs", "sha256", d), "wb").write(data)
    return {"digest": "sha256:" + d, "size": len(data)}
buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w") as tf:
    body = b"ID=e2e\n"
    ti = tarfile.TarInfo("etc/os-release"); ti.size = len(body); ti.mtime = 1700000000
    tf.addfile(ti, io.BytesIO(body))
tar = buf.getvalue()
layer = dict(put(gzip.compress(tar, mtime=0)), mediaType="application/vnd.oci.image.layer.v1.tar+gzip")
config = {"architecture": "amd64", "os": "linux", "created": "2024-01-01T00:00:00Z",
          "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(tar).hexdigest()]},
          "history": [{"created": "2024-01-01T00:00:00Z", "created_by": "COPY os-release /etc/"}]}
cfg = dict(put(json.dumps(config).encode()), mediaType="application/vnd.oci.image.config.v1+json")
manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": cfg, "layers": [layer]}
m = dict(put(json.dumps(manifest).encode()), mediaType=manifest["mediaType"],
         annotations={"org.opencontainers.image.ref.name": "latest"})
json.dump({"schemaVersion": 2, "manifests": [m]}, open(os.path.join(out, "index.json"), "w"))
open(os.path.join(out, "oci-layout"), "w").write('{"imageLayoutVersion":"1.0.0"}')
PY
fi
# The layer count the pushed manifest has.
MANIFEST_DIGEST="$(jq -r '[.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == "latest")][0].digest' "$IMG/index.json")"
WANT_LAYERS="$(jq '.layers | length' "$IMG/blobs/sha256/${MANIFEST_DIGEST#sha256:}")"
[[ "$WANT_LAYERS" -ge 1 ]] || fail "the test image has no layers"

# ---- the registry -------------------------------------------------------------------------------
USER_NAME="user$RANDOM$RANDOM"
PASSWORD="$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)"
htpasswd -Bbn "$USER_NAME" "$PASSWORD" >"$T/htpasswd" 2>/dev/null
mkdir -p "$T/storage" "$T/home"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# Starts the registry on a fresh port; returns 1 when it exits before listening (port taken).
start_registry() {
  PORT="$(free_port)"
  cat >"$T/config.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $T/storage
http:
  addr: 127.0.0.1:$PORT
  secret: $(head -c 16 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
auth:
  htpasswd:
    realm: customs-e2e
    path: $T/htpasswd
EOF
  docker-registry serve "$T/config.yml" >"$T/registry.log" 2>&1 &
  REG_PID=$!
  for _ in $(seq 1 100); do
    kill -0 "$REG_PID" 2>/dev/null || { wait "$REG_PID" 2>/dev/null || true; REG_PID=""; return 1; }
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  fail "docker-registry did not start listening on 127.0.0.1:$PORT"
}
started=no
for _ in 1 2 3; do
  if start_registry; then started=yes; break; fi
done
[[ "$started" == yes ]] || fail "docker-registry did not start"
REF="127.0.0.1:$PORT/test/app"

run skopeo --insecure-policy copy --quiet --dest-tls-verify=false --dest-creds "$USER_NAME:$PASSWORD" \
  "oci:$IMG:latest" "docker://$REF:latest"
[[ "$RC" == 0 ]] || fail "skopeo could not push the test image (exit $RC)"

# ---- right credentials: the image is read layer by layer ----------------------------------------
run customs image --insecure --username "$USER_NAME" --password "$PASSWORD" --format json "$REF:latest"
[[ "$RC" == 0 || "$RC" == 1 ]] || fail "customs image with credentials: exit $RC (want 0 or 1)"
jq -e --argjson n "$WANT_LAYERS" '.images[0].layers | length == $n' "$T/out" >/dev/null ||
  fail "customs image: .images[0].layers should have $WANT_LAYERS entries"

# ---- credentials from an auth file (REGISTRY_AUTH_FILE) ------------------------------------------
AUTH="$(printf '%s:%s' "$USER_NAME" "$PASSWORD" | base64 | tr -d '\n')"
printf '{"auths":{"127.0.0.1:%s":{"auth":"%s"}}}\n' "$PORT" "$AUTH" >"$T/auth.json"
EXTRA_ENV=(REGISTRY_AUTH_FILE="$T/auth.json")
run customs image --insecure --format json "$REF:latest"
EXTRA_ENV=()
[[ "$RC" == 0 || "$RC" == 1 ]] || fail "customs image with an auth file: exit $RC (want 0 or 1)"
jq -e --argjson n "$WANT_LAYERS" '.images[0].layers | length == $n' "$T/out" >/dev/null ||
  fail "customs image with an auth file: .images[0].layers should have $WANT_LAYERS entries"

# ---- wrong credentials, none, an unknown tag: exit 3 with a clear message ------------------------
run customs image --insecure --username "$USER_NAME" --password "not-$PASSWORD" --format json "$REF:latest"
[[ "$RC" == 3 ]] || fail "wrong password: exit $RC (want 3)"
grep -q "authentication" "$T/err" || fail "wrong password: stderr does not say 'authentication'"

run customs image --insecure --format json "$REF:latest"
[[ "$RC" == 3 ]] || fail "no credentials: exit $RC (want 3)"
grep -q "authentication required" "$T/err" || fail "no credentials: stderr does not say 'authentication required'"

run customs image --insecure --username "$USER_NAME" --password "$PASSWORD" --format json "$REF:no-such-tag"
[[ "$RC" == 3 ]] || fail "unknown tag: exit $RC (want 3)"
grep -q "manifest unknown" "$T/err" || fail "unknown tag: stderr does not say 'manifest unknown'"

echo "PASS: registry end to end ($WANT_LAYERS layers through 127.0.0.1:$PORT)"

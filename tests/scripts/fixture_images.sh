#!/usr/bin/env bash
# The image fixtures are what they claim to be: tests/fixtures/make_images.py writes into a fresh
# temporary directory, and every output is checked with tools that are not customs (python3's
# tarfile/gzip/hashlib, jq, tar, zstd, and skopeo when installed): blob digests and sizes match
# their descriptors, layers decompress to their diff_ids, the planted problems are there, each bad
# input has exactly its one problem, and a second run writes byte-identical files.
# Usage: fixture_images.sh <customs-binary> <source-dir>   (the binary is not used)
set -euo pipefail
SRC="$(cd "$2" && pwd)"
MAKE="$SRC/tests/fixtures/make_images.py"
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
command -v jq >/dev/null || { echo "FAIL: jq is needed"; exit 1; }
FAILED=()
fail() { FAILED+=("$1"); echo "FAIL: $1"; }

python3 "$MAKE" "$T/a" 2>"$T/a.err" || { cat "$T/a.err"; echo "FAIL: make_images.py exited $?"; exit 1; }
A="$T/a"

# --- determinism: a second run of some outputs is byte-identical
python3 "$MAKE" "$T/b" --only app.oci --only app.docker.tar --only multiarch.oci --only bad/corrupt-gzip.oci
for o in app.oci app.docker.tar multiarch.oci bad/corrupt-gzip.oci; do
  diff -r "$A/$o" "$T/b/$o" >/dev/null || fail "second run differs: $o"
done
[[ ! -e "$T/b/app.oci.tar" && ! -e "$T/b/bad/truncated.docker.tar" ]] || fail "--only wrote other outputs"

# --- usage: an unknown --only name is refused
set +e
python3 "$MAKE" "$T/c" --only nope.tar 2>"$T/c.err"; rc=$?
set -e
if ! { [[ $rc == 2 ]] && grep -q "unknown output: bad/nope.tar" "$T/c.err"; }; then
  fail "unknown --only: rc=$rc $(cat "$T/c.err")"
fi

# --- without zstd the zstd image is skipped with a note, and nothing else changes
PY="$(python3 -c 'import sys; print(sys.executable)')"
env PATH=/nonexistent "$PY" "$MAKE" "$T/d" --only app-zstd.oci --only app.oci 2>"$T/d.err"
if ! { [[ ! -e "$T/d/app-zstd.oci" ]] && grep -q "zstd not found, skipping app-zstd.oci" "$T/d.err"; }; then
  fail "no zstd: $(cat "$T/d.err")"
fi
diff -r "$A/app.oci" "$T/d/app.oci" >/dev/null || fail "app.oci differs when zstd is absent"

# --- tar: archives list (or, truncated, do not)
tar tf "$A/app.oci.tar" >"$T/list-oci"
tar tf "$A/app.docker.tar" >"$T/list-docker"
grep -qx index.json "$T/list-oci" || fail "app.oci.tar has no index.json"
grep -qx manifest.json "$T/list-docker" || fail "app.docker.tar has no manifest.json"
tar tf "$A/bad/truncated.docker.tar" >/dev/null 2>&1 && fail "truncated.docker.tar lists cleanly"

# --- jq: the app config as planted
blob() { echo "$1/blobs/sha256/${2#sha256:}"; }
MAN=$(blob "$A/app.oci" "$(jq -r '.manifests[0].digest' "$A/app.oci/index.json")")
CFG=$(blob "$A/app.oci" "$(jq -r '.config.digest' "$MAN")")
[[ $(jq -r '.manifests[0].annotations["org.opencontainers.image.ref.name"]' "$A/app.oci/index.json") == latest ]] ||
  fail "app.oci ref.name is not latest"
got=$(jq -c '[.config.User, (.config.Healthcheck == null), (.config.Env | index("DB_PASSWORD=hunter2") != null),
  (.config.ExposedPorts | keys), (.config.Volumes | keys), .created, (.rootfs.diff_ids | length),
  ([.history[] | select(.empty_layer | not)] | length), .config.Labels["org.opencontainers.image.base.name"]]' "$CFG")
want='["",true,true,["22/tcp","8080/tcp"],["/data","/etc"],"2023-01-15T10:00:00Z",4,4,"docker.io/library/debian:12"]'
[[ $got == "$want" ]] || fail "app config: $got"
jq -e '[.history[].created_by] | index("|1 NPM_TOKEN=npm_abc123 /bin/sh -c npm install") and
  index("/bin/sh -c apt-get update") and index("/bin/sh -c #(nop) ADD https://example.com/x.tar.gz /opt/")' \
  "$CFG" >/dev/null || fail "app history entries missing"

# --- python3: digests, sizes, diff_ids, planted contents and the one problem of each bad input
mkdir "$T/ocitar" && tar xf "$A/app.oci.tar" -C "$T/ocitar"
python3 - "$A" "$T/ocitar" <<'PY' || fail "python checks (above)"
import gzip, hashlib, io, json, os, subprocess, sys, tarfile, zlib
A, OCITAR = sys.argv[1], sys.argv[2]
bad = []
def check(ok, what):
    if not ok:
        bad.append(what); print("  not so:", what)
def sha(b): return "sha256:" + hashlib.sha256(b).hexdigest()
def rd(p): return open(p, "rb").read()
def blob(lay, d): return rd(os.path.join(lay, "blobs", "sha256", d[7:]))
def unpack(data, mt):
    if mt.endswith("+zstd"):
        return subprocess.run(["zstd", "-dc"], input=data, stdout=subprocess.PIPE, check=True).stdout
    return gzip.decompress(data)

def verify_layout(lay, name):
    """Every descriptor reachable from index.json: digest and size match, layers -> diff_ids."""
    for f in os.listdir(os.path.join(lay, "blobs", "sha256")):
        check(sha(blob(lay, "sha256:" + f)) == "sha256:" + f, f"{name}: blob {f[:12]} digest")
    check(json.loads(rd(os.path.join(lay, "oci-layout"))) == {"imageLayoutVersion": "1.0.0"}, f"{name}: oci-layout")
    todo, images = list(json.loads(rd(os.path.join(lay, "index.json")))["manifests"]), []
    while todo:
        d = todo.pop(0); b = blob(lay, d["digest"])
        check(len(b) == d["size"], f"{name}: size of {d['digest'][:19]}")
        m = json.loads(b)
        if d["mediaType"].endswith("index.v1+json"):
            todo += m["manifests"]; continue
        cfg = json.loads(blob(lay, m["config"]["digest"]))
        check(len(m["layers"]) == len(cfg["rootfs"]["diff_ids"]), f"{name}: layer count")
        for l, diff in zip(m["layers"], cfg["rootfs"]["diff_ids"]):
            data = blob(lay, l["digest"])
            check(len(data) == l["size"], f"{name}: layer size")
            check(sha(unpack(data, l["mediaType"])) == diff, f"{name}: layer {l['digest'][:19]} -> diff_id")
        images.append((d, m, cfg))
    return images

def members(tar_bytes):
    with tarfile.open(fileobj=io.BytesIO(tar_bytes)) as t:
        return {m.name: m for m in t.getmembers()}

def verify_docker(path, tags):
    with tarfile.open(path) as t:
        man = json.load(t.extractfile("manifest.json"))
        repos = json.load(t.extractfile("repositories"))
        check([m["RepoTags"] for m in man] == tags, f"{path}: RepoTags {[m['RepoTags'] for m in man]}")
        out = []
        for m in man:
            cfgb = t.extractfile(m["Config"]).read()
            check(m["Config"] == sha(cfgb)[7:] + ".json", f"{path}: config name is its digest")
            cfg = json.loads(cfgb)
            layers = [t.extractfile(l).read() for l in m["Layers"]]
            check([sha(l) for l in layers] == cfg["rootfs"]["diff_ids"], f"{path}: layer.tar -> diff_ids")
            for tag in m["RepoTags"]:
                r, v = tag.rsplit(":", 1)
                check(repos[r][v] == m["Layers"][-1].split("/")[0], f"{path}: repositories {tag}")
            out.append((cfg, layers))
        return out

# good outputs
app = verify_layout(os.path.join(A, "app.oci"), "app.oci")
check(verify_layout(OCITAR, "app.oci.tar") == app, "app.oci.tar holds the same image as app.oci")
zs = verify_layout(os.path.join(A, "app-zstd.oci"), "app-zstd.oci")
check([l["mediaType"] for l in zs[0][1]["layers"]] == ["application/vnd.oci.image.layer.v1.tar+zstd"] * 4, "zstd media types")
check(zs[0][2] == app[0][2], "zstd image has the gzip image's config")
ma = verify_layout(os.path.join(A, "multiarch.oci"), "multiarch.oci")
check([(c["architecture"], c.get("variant")) for _, _, c in ma] == [("amd64", None), ("arm64", "v8")], "multiarch configs")
top = json.loads(rd(os.path.join(A, "multiarch.oci", "index.json")))["manifests"][0]
plats = [d["platform"] for d in json.loads(blob(os.path.join(A, "multiarch.oci"), top["digest"]))["manifests"]]
check(plats == [{"architecture": "amd64", "os": "linux"}, {"architecture": "arm64", "os": "linux", "variant": "v8"}], f"platforms {plats}")
(cfg, layers), = verify_docker(os.path.join(A, "app.docker.tar"), [["example/app:latest"]])
check(cfg == app[0][2], "docker-archive and OCI layout carry the same config")
multi = verify_docker(os.path.join(A, "multi.docker.tar"), [["example/app:1"], ["example/base:1"]])
check(multi[1][1] == [layers[0]], "example/base:1 is the app's base layer")

# planted contents
l1, l2, l3, l4 = (members(l) for l in layers)
check(l1["usr/bin/passwd"].mode == 0o4755 and l1["usr/local/bin/helper"].mode == 0o4755, "setuid files")
check(l1["bin/sh"].issym() and l1["bin/sh"].linkname == "busybox", "bin/sh -> busybox")
with tarfile.open(fileobj=io.BytesIO(layers[0])) as t:
    passwd = t.extractfile("etc/passwd").read().decode()
    shadow = t.extractfile("etc/shadow").read().decode()
    status = t.extractfile("var/lib/dpkg/status").read().decode()
    osrel = t.extractfile("etc/os-release").read().decode()
check([l.split(":")[0] for l in passwd.splitlines() if l.split(":")[2] == "0"] == ["root", "toor"], "uid 0 users")
check([l.split(":")[0] for l in shadow.splitlines() if l.split(":")[1] == ""] == ["toor"], "empty passwords")
check([s.split("\n")[0] for s in status.strip().split("\n\n")] == ["Package: base-files", "Package: libc6", "Package: openssl"], "dpkg stanzas")
check(status.count("Status: install ok installed") == 3 and "Version: 2.36-9+deb12u3" in status, "dpkg fields")
check('VERSION_ID="12"' in osrel and "ID=debian" in osrel, "os-release")
with tarfile.open(fileobj=io.BytesIO(layers[1])) as t:
    check("AKIA" in t.extractfile("app/.env").read().decode(), "AWS key in app/.env")
    check(t.extractfile("root/.ssh/id_rsa").read().startswith(b"-----BEGIN RSA PRIVATE KEY-----\n"), "PEM key")
check("app/.git/config" in l2, "app/.git/config")
check(sorted(n for n in l3 if "/.wh." in n) == ["app/tmp/.wh..wh..opq", "root/.ssh/.wh.id_rsa"], "whiteouts in layer 3")
check(list(l4) == ["opt", "opt/x.tar.gz"], f"layer 4 {list(l4)}")

# bad inputs: each has its one problem
B = os.path.join(A, "bad")
def one(name):
    lay = os.path.join(B, name); idx = json.loads(rd(os.path.join(lay, "index.json")))
    d = idx["manifests"][0]; m = json.loads(blob(lay, d["digest"]))
    return lay, m, json.loads(blob(lay, m["config"]["digest"]))
app_l2 = app[0][1]["layers"][1]

lay, m, c = one("corrupt-gzip.oci")
data = blob(lay, m["layers"][1]["digest"])
check(sha(data) == m["layers"][1]["digest"], "corrupt-gzip: digest matches the bytes")
try:
    gzip.decompress(data); check(False, "corrupt-gzip decompresses")
except gzip.BadGzipFile as e:
    check("CRC check failed" in str(e), f"corrupt-gzip error: {e}")
check(c == app[0][2], "corrupt-gzip: config unchanged")

lay, m, c = one("wrong-digest.oci")
data = blob(lay, m["layers"][1]["digest"])
check(sha(data) != m["layers"][1]["digest"] and len(data) == m["layers"][1]["size"], "wrong-digest: same size, other digest")
check(sha(gzip.decompress(data)) == c["rootfs"]["diff_ids"][1], "wrong-digest: still decompresses to its diff_id")

lay, m, c = one("diffid-mismatch.oci")
check(m["layers"] == app[0][1]["layers"], "diffid-mismatch: same layer blobs")
check(sha(gzip.decompress(blob(lay, m["layers"][1]["digest"]))) != c["rootfs"]["diff_ids"][1], "diffid-mismatch: diff_id wrong")
check(c["rootfs"]["diff_ids"][0] == app[0][2]["rootfs"]["diff_ids"][0], "diffid-mismatch: layer 0 diff_id right")

lay, m, c = one("size-lie.oci")
check(m["layers"][1]["size"] == len(blob(lay, m["layers"][1]["digest"])) - 100, "size-lie: size 100 short")

def last_layer_oci(name):
    lay, m, c = one(name); return members(gzip.decompress(blob(lay, m["layers"][-1]["digest"])))
t = last_layer_oci("traversal.oci")
check("../../etc/evil" in t, f"traversal entries {list(t)}")
t = last_layer_oci("link-escape.oci")
check(t["etc/x"].issym() and t["etc/x"].linkname == "../../../../etc/shadow", "link-escape symlink")
check(t["app/outside"].islnk() and t["app/outside"].linkname == "../outside", "link-escape hardlink")

lay, m, c = one("gzip-bomb.oci")
data = blob(lay, m["layers"][1]["digest"])
check(len(data) < 2 << 20, f"gzip-bomb blob is {len(data)} bytes")
d, h, n = zlib.decompressobj(31), hashlib.sha256(), 0
for i in range(0, len(data), 1 << 14):  # about 16 MB out per step
    out = d.decompress(data[i:i + (1 << 14)])
    h.update(out); n += len(out)
    if i == 0:
        zeros = tarfile.TarInfo.frombuf(out[:512], "utf-8", "strict")
check(d.eof and n == (1 << 30) + 4096, f"gzip-bomb expands to {n} bytes")
check((zeros.name, zeros.size) == ("zeros", 1 << 30), f"gzip-bomb entry {zeros.name} {zeros.size}")
check("sha256:" + h.hexdigest() == c["rootfs"]["diff_ids"][1], "gzip-bomb diff_id")

lay = os.path.join(B, "manifest-not-json.oci")
d = json.loads(rd(os.path.join(lay, "index.json")))["manifests"][0]
mb = blob(lay, d["digest"])
check(sha(mb) == d["digest"] and len(mb) == d["size"], "manifest-not-json: descriptor right")
try:
    json.loads(mb); check(False, "manifest-not-json parses")
except json.JSONDecodeError:
    pass

def last_layer_docker(name):
    with tarfile.open(os.path.join(B, name)) as t:
        man = json.load(t.extractfile("manifest.json"))
        return members(t.extractfile(man[0]["Layers"][-1]).read())
check(list(last_layer_docker("absolute.docker.tar")) == ["/etc/evil"], "absolute entry")
dev = last_layer_docker("device.docker.tar")["dev/kmsg"]
check(dev.ischr() and (dev.devmajor, dev.devminor) == (1, 11), "char device 1,11")
(deep,) = last_layer_docker("deep-path.docker.tar")
check(len(deep.split("/")) == 300, "deep path has 300 components")
(huge,) = last_layer_docker("huge-name.docker.tar")
check(len(huge) == 10240, f"huge name is {len(huge)} bytes")
tr = rd(os.path.join(B, "truncated.docker.tar"))
with tarfile.open(os.path.join(A, "app.docker.tar")) as t:
    first = next(m for m in t.getmembers() if m.name.endswith("/layer.tar"))
check(tr == rd(os.path.join(A, "app.docker.tar"))[:len(tr)], "truncated: a prefix of app.docker.tar")
check(first.offset_data < len(tr) < first.offset_data + first.size and len(tr) % 512, "truncated: cut inside a layer block")
sys.exit(1 if bad else 0)
PY

# --- skopeo (when installed) reads the good outputs and agrees on digests
if command -v skopeo >/dev/null; then
  # si ARGS...: skopeo inspect's JSON, or {} (and its error on stderr) when it fails
  si() { skopeo inspect "$@" 2>"$T/sk.err" || { head -3 "$T/sk.err" >&2; echo '{}'; }; }
  d1=$(si "oci:$A/app.oci:latest" | jq -r .Digest)
  d2=$(si "oci-archive:$A/app.oci.tar:latest" | jq -r .Digest)
  [[ $d1 == "$(jq -r '.manifests[0].digest' "$A/app.oci/index.json")" && $d1 == "$d2" ]] || fail "skopeo digests $d1 $d2"
  [[ $(si "oci:$A/app-zstd.oci:latest" | jq -r .Created) == 2023-01-15T10:00:00Z ]] || fail "skopeo app-zstd.oci"
  [[ $(si "docker-archive:$A/app.docker.tar" | jq -c .Layers) == "$(jq -c .rootfs.diff_ids "$CFG")" ]] ||
    fail "skopeo docker-archive layers are not the diff_ids"
  [[ $(si "docker-archive:$A/multi.docker.tar:example/base:1" | jq '.Layers | length') == 1 ]] || fail "skopeo multi base"
  [[ $(si "docker-archive:$A/multi.docker.tar:example/app:1" | jq '.Layers | length') == 4 ]] || fail "skopeo multi app"
  [[ $(si --override-arch arm64 --override-variant v8 "oci:$A/multiarch.oci:latest" | jq -r .Architecture) == arm64 ]] ||
    fail "skopeo multiarch arm64"
  [[ $(si "oci:$A/multiarch.oci:latest" | jq -r .Architecture) == amd64 ]] || fail "skopeo multiarch amd64"
  skopeo inspect "oci:$A/bad/manifest-not-json.oci:latest" >/dev/null 2>&1 && fail "skopeo reads manifest-not-json.oci"
else
  echo "skopeo not installed: skopeo checks skipped"
fi

if ((${#FAILED[@]})); then
  echo "${#FAILED[@]} check(s) failed"
  exit 1
fi
echo "fixture images: all checks passed"

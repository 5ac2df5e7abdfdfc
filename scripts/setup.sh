#!/usr/bin/env bash
# Installs everything customs needs to build, test, fuzz and benchmark on a fresh Debian 12 machine.
# Idempotent; needs root (or sudo). Touches nothing outside the system package manager.
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
PKGS=(
  build-essential cmake ninja-build pkg-config git
  clang clang-format clang-tidy libclang-rt-14-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libfmt-dev nlohmann-json3-dev libyaml-cpp-dev libcli11-dev libre2-dev libhyperscan-dev libssl-dev
  libarchive-dev libzstd-dev libisal-dev zlib1g-dev libcurl4-openssl-dev libcpp-httplib-dev
  libsqlite3-dev libtomlplusplus-dev libpugixml-dev
  zstd pigz docker-registry apache2-utils skopeo
  rpm db5.3-util sqlite3 golang-go binutils openjdk-17-jdk-headless
  python3 python3-jsonschema python3-rpm jq time openssl bc
  python3-packaging ruby php-cli php-composer-semver libmaven3-core-java
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The official SARIF validator (Microsoft SARIF Multitool, the one GitHub code scanning's rules come
# from), used by tests/scripts/validate_report_schemas.sh. From the npm registry, into a dev cache.
MT_DIR=${CUSTOMS_DEV_CACHE:-$HOME/.cache/customs-dev}/sarif-multitool
if [ ! -x "$MT_DIR/package/Sarif.Multitool" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    $SUDO apt-get install -y -qq --no-install-recommends npm || true
  fi
  if command -v npm >/dev/null 2>&1; then
    mkdir -p "$MT_DIR"
    (cd "$MT_DIR" && npm pack -q @microsoft/sarif-multitool-linux@5.7.0 >/dev/null &&
      tar xzf microsoft-sarif-multitool-linux-5.7.0.tgz && rm -f ./*.tgz &&
      chmod +x package/Sarif.Multitool) || echo "setup: could not fetch the SARIF Multitool; its validation step will be skipped" >&2
  else
    echo "setup: npm not found; the SARIF Multitool validation step will be skipped" >&2
  fi
fi

# node-semver, the reference of the semver comparator and npm ranges
# (tests/vulndb/versions_differential_test.cc), pinned, from the npm registry into the dev cache.
SEMVER_DIR=${CUSTOMS_DEV_CACHE:-$HOME/.cache/customs-dev}/node_modules/semver
if [ ! -f "$SEMVER_DIR/package.json" ] && command -v npm >/dev/null 2>&1; then
  mkdir -p "$SEMVER_DIR"
  (cd "$SEMVER_DIR" && npm pack -q semver@7.7.3 >/dev/null && tar xzf semver-7.7.3.tgz --strip-components=1 &&
    rm -f semver-7.7.3.tgz) || echo "setup: could not fetch the npm semver package; its differential tests will be skipped" >&2
fi

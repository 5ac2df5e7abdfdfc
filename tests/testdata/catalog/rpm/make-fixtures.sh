#!/bin/bash
# Remakes the committed rpm database fixtures with the real tools (Debian 12: rpm 4.18, rpmbuild,
# sqlite3, db5.3-util). Usage: make-fixtures.sh [OUTDIR] (default: this script's directory).
#   rpmdb.sqlite  rpm --initdb + rpm -i --justdb of two tiny rpmbuild packages (foo with Epoch 2,
#                 its subpackage foo-libs, and bar), shrunk with VACUUM (512-byte pages) and put
#                 back in WAL mode as rpm leaves it.
#   Packages      a Berkeley DB hash database written by db5.3_load from the same header blobs
#                 (key = header number as a little-endian uint32, plus rpm's record 0 counter), as
#                 rpm <= 4.15 stores them; Debian's rpm can only read BDB (bdb_ro), which checks it.
#   Packages-be   the same in big-endian byte order (db_lorder=4321, keys big-endian), as written
#                 on s390x / ppc64.
#   raw/          (not committed) rpmdb.sqlite exactly as rpm left it (WAL mode, 4 KB pages) and
#                 the three .rpm files.
# Without db5.3_load only the sqlite files are made.
set -euo pipefail
OUT=$(cd "${1:-$(dirname "$0")}" && pwd)
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
mkdir -p "$W/top/SPECS" "$W/root"
cat > "$W/top/SPECS/foo.spec" <<'SPEC'
Name: foo
Epoch: 2
Version: 1.2.3
Release: 4.el9
Summary: foo fixture
License: MIT and (GPLv2+ or BSD)
Vendor: Customs Lab
URL: https://example.invalid/foo
BuildArch: x86_64
%description
foo fixture
%package libs
Summary: foo libraries
%description libs
foo libraries
%install
mkdir -p %{buildroot}/usr/share/foo %{buildroot}/usr/bin %{buildroot}/usr/lib64
echo a > %{buildroot}/usr/share/foo/README
echo b > %{buildroot}/usr/bin/foo
echo c > %{buildroot}/usr/lib64/libfoo.so.1
%files
%dir /usr/share/foo
/usr/share/foo/README
/usr/bin/foo
%files libs
/usr/lib64/libfoo.so.1
SPEC
cat > "$W/top/SPECS/bar.spec" <<'SPEC'
Name: bar
Version: 0.9
Release: 1
Summary: bar fixture
License: ASL 2.0
BuildArch: noarch
%description
bar fixture
%install
mkdir -p %{buildroot}/etc/bar
for i in $(seq 1 40); do echo $i > %{buildroot}/etc/bar/setting-with-a-long-name-$i.conf; done
%files
/etc/bar
SPEC
for s in foo bar; do
  rpmbuild -bb --quiet --define "_topdir $W/top" --define "_build_id_links none" \
    --define "debug_package %{nil}" --define "__os_install_post %{nil}" \
    --define "_buildhost customs-lab" "$W/top/SPECS/$s.spec" >/dev/null 2>&1
done
RPM=(rpm --root "$W/root" --dbpath /var/lib/rpm)
"${RPM[@]}" --initdb
"${RPM[@]}" -i --justdb --nodeps --nosignature --ignorearch --noscripts "$W"/top/RPMS/*/*.rpm 2>/dev/null
DB=$W/root/var/lib/rpm/rpmdb.sqlite
sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
cp "$DB" "$W/small.sqlite"
sqlite3 "$W/small.sqlite" 'PRAGMA journal_mode=DELETE; PRAGMA page_size=512; VACUUM; PRAGMA journal_mode=WAL;' >/dev/null
cp "$W/small.sqlite" "$OUT/rpmdb.sqlite"
mkdir -p "$OUT/raw"; cp "$DB" "$OUT/raw/rpmdb.sqlite"; cp "$W"/top/RPMS/*/*.rpm "$OUT/raw/"
command -v db5.3_load >/dev/null || { echo "db5.3_load missing: no BDB fixtures"; exit 0; }
# db5.3_load -T: alternating key and value lines, every byte as \xx. $1 = le or be.
pairs() {
  local order=$1
  key() { local n=$1 b=(); b=($((n & 255)) $((n >> 8 & 255)) $((n >> 16 & 255)) $((n >> 24 & 255)))
    [ "$order" = be ] && b=(${b[3]} ${b[2]} ${b[1]} ${b[0]}); printf '\\%02x' "${b[@]}"; echo; }
  key 0; key 4
  sqlite3 "$DB" "SELECT hnum, hex(blob) FROM Packages ORDER BY hnum" | while IFS='|' read -r n hex; do
    key "$n"; echo "$hex" | sed 's/../\\&/g' | tr 'A-F' 'a-f'
  done
}
pairs le > "$W/pairs-le.txt"; pairs be > "$W/pairs-be.txt"
rm -f "$OUT/Packages" "$OUT/Packages-be"
db5.3_load -T -t hash -c db_pagesize=4096 -c db_lorder=1234 -f "$W/pairs-le.txt" "$OUT/Packages"
db5.3_load -T -t hash -c db_pagesize=4096 -c db_lorder=4321 -f "$W/pairs-be.txt" "$OUT/Packages-be"
# Cross-check with rpm's own read-only BDB backend.
mkdir -p "$W/bdbroot/var/lib/rpm"; cp "$OUT/Packages" "$W/bdbroot/var/lib/rpm/"
rpm --root "$W/bdbroot" --dbpath /var/lib/rpm --define '_db_backend bdb_ro' -qa --qf '%{NAME}-%{EPOCHNUM}:%{VERSION}-%{RELEASE}\n' 2>/dev/null | sort
ls -l "$OUT/rpmdb.sqlite" "$OUT/Packages" "$OUT/Packages-be"

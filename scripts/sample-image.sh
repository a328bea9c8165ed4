#!/usr/bin/env bash
# Build a small firmware-like sample image from real Debian binaries, from a clone of this repository alone:
# no root, no ../shared/. Packages are fetched with `apt-get download` under a private apt state (the host's
# sources, our own lists and cache), unpacked with `dpkg-deb -x` (nothing is installed), given the weaknesses a
# reviewer looks for first (a root account without password, a telnet root shell started at boot, a private key
# in the image), and packed as squashfs when mksquashfs is installed, else as a gzip'd tar.
#
# Usage: scripts/sample-image.sh [OUT_DIR]   (default /var/tmp/fwassure-sample); prints the image's path.
# Needs: apt-get, dpkg-deb, python3, network access to the Debian archive. Keeps the download cache in OUT_DIR.
set -euo pipefail
export LC_ALL=C TZ=UTC
out=${1:-/var/tmp/fwassure-sample}
mkdir -p "$out"
out=$(cd "$out" && pwd)
apt_dir=$out/apt
debs=$out/debs
root=$out/rootfs
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/etc/preferences.d" "$debs"

# the host's Debian sources, with our own state, lists and cache: no root needed, the host's apt untouched
opts=(-o "Dir::State=$apt_dir" -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::State::status=/dev/null"
      -o "Dir::Cache=$apt_dir/cache" -o "Dir::Etc::preferencesparts=$apt_dir/etc/preferences.d"
      -o "Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false" -o "Acquire::IndexTargets::deb::DEP-11-icons::DefaultEnabled=false"
      -o "Debug::NoLocking=1" -o "APT::Sandbox::User=$(id -un)" -q)
if [ ! -e "$apt_dir/updated" ]; then
  apt-get "${opts[@]}" update >&2
  touch "$apt_dir/updated"
fi

# BusyBox (the shell and telnetd of most routers), Dropbear (their SSH server), OpenSSL's library
pkgs=(busybox-static dropbear-bin libssl3)
(cd "$debs" && for p in "${pkgs[@]}"; do ls "$p"_*.deb >/dev/null 2>&1 || apt-get "${opts[@]}" download "$p" >&2; done)

rm -rf "$root"
mkdir -p "$root"/{bin,sbin,etc/init.d,etc/dropbear,usr/bin,usr/sbin,lib,root,tmp,var}
for d in "$debs"/*.deb; do dpkg-deb -x "$d" "$root"; done
# BusyBox is the system: its applet links, as on a router
for a in sh ash ls cat mount telnetd login; do ln -sf /bin/busybox "$root/bin/$a"; done

# the weaknesses: root without password, a telnet root shell at boot, the SSH host key in the image
cat > "$root/etc/passwd" <<'P'
root:x:0:0:root:/root:/bin/sh
admin:x:1000:1000:admin:/home/admin:/bin/sh
P
cat > "$root/etc/shadow" <<'S'
root::19000:0:99999:7:::
admin:!:19000:0:99999:7:::
S
cat > "$root/etc/inittab" <<'I'
::sysinit:/etc/init.d/rcS
::respawn:/bin/telnetd -F -l /bin/sh
ttyS0::askfirst:/bin/sh
I
cat > "$root/etc/init.d/rcS" <<'R'
#!/bin/sh
mount -t proc proc /proc
/usr/sbin/dropbear -r /etc/dropbear/dropbear_rsa_host_key
R
chmod 755 "$root/etc/init.d/rcS"
# an RSA private key made here, never one typed in (kept between runs, so the image stays the same)
key=$out/host_key.pem
if [ ! -s "$key" ]; then
  if command -v openssl >/dev/null; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$key" 2>/dev/null
  else
    echo "openssl is not installed: the sample has no private key" >&2
  fi
fi
[ -s "$key" ] && cp "$key" "$root/etc/dropbear/dropbear_rsa_host_key.pem"

if command -v mksquashfs >/dev/null; then
  img=$out/sample.squashfs
  rm -f "$img"
  mksquashfs "$root" "$img" -comp xz -all-root -noappend -quiet >&2
else
  img=$out/sample.tar.gz
  python3 - "$root" "$img" <<'T'
import os, sys, tarfile
root, img = sys.argv[1], sys.argv[2]
def owner(t):
    t.uid = t.gid = 0; t.uname = t.gname = "root"; t.mtime = 1704067200
    return t
with tarfile.open(img, "w:gz") as tf:
    for name in sorted(os.listdir(root)):
        tf.add(os.path.join(root, name), arcname=name, filter=owner)
T
fi
echo "$img"

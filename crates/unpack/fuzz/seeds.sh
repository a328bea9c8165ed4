#!/usr/bin/env bash
# Build small seed inputs for every fuzz target under corpus/<target>/ with the Debian tools
# (squashfs-tools, e2fsprogs, cpio, tar, gzip, xz-utils, zstd, lz4, bzip2, u-boot-tools).
set -euo pipefail
cd "$(dirname "$0")"
w=$(mktemp -d); trap 'rm -rf "$w"' EXIT
src=$w/src; mkdir -p "$src/etc" "$src/bin" "$src/dev"
printf 'root:x:0:0::/root:/bin/sh\n' > "$src/etc/passwd"
head -c 3000 /dev/urandom > "$src/bin/busybox"; chmod 4755 "$src/bin/busybox"
seq 1 2000 > "$src/etc/numbers"
ln -s busybox "$src/bin/sh"; ln -s ../../../etc "$src/bin/up"; ln "$src/etc/passwd" "$src/etc/passwd.hard"
mknod "$src/dev/null" c 1 3 2>/dev/null || true
for t in uimage squashfs squashfs_legacy ext cpio tar gzip xz lzma lzma2 zstd lz4 bzip2 engine fit trx jffs2 cramfs romfs ubi ubifs zip stages programstore zigbee_ota esp mcuboot; do mkdir -p corpus/$t; done
for c in gzip xz lzo lz4 zstd lzma; do
  mksquashfs "$src" corpus/squashfs/$c.sqfs -comp $c -b 4096 -noappend -quiet -no-progress
done
mke2fs -q -F -t ext2 -b 1024 -N 32 -d "$src" corpus/ext/ext2.img 256K
mke2fs -q -F -t ext4 -b 1024 -O ^has_journal -N 32 -d "$src" corpus/ext/ext4.img 512K
(cd "$src" && find . | cpio --quiet -o -H newc > "$w/a.newc" && find . | cpio --quiet -o -H crc > "$w/a.crc" \
  && find . | cpio --quiet -o -H odc > "$w/a.odc")
cp "$w"/a.newc "$w"/a.crc "$w"/a.odc corpus/cpio/
for f in ustar gnu pax; do tar -C "$src" --format=$f -cf corpus/tar/$f.tar .; done
gzip -c < "$w/a.newc" > corpus/gzip/a.gz
xz -c < "$w/a.newc" > corpus/xz/a.xz
xz --format=lzma -c < "$w/a.newc" > corpus/lzma/a.lzma
# other properties bytes (VxWorks images: 0x5a, 0x6e with 8 MiB dictionaries), found by their dictionary size
xz --format=lzma --lzma1=preset=6,lc=2,lp=2,pb=2,dict=8MiB -c < "$w/a.newc" > corpus/lzma/props-6e.lzma
xz --format=lzma --lzma1=preset=6,lc=0,lp=0,pb=2,dict=3MiB -c < "$w/a.newc" > corpus/lzma/props-5a.lzma
# lzma2 (differential): an 8-byte header (format, LZMA1 properties, dictionary 4 KiB << (b % 9), limit, LZMA1
# size) before a raw stream; see fuzz_targets/lzma2.rs
{ printf '\000\000\010\000\000\000\000\000'; xz --format=raw --lzma2=dict=1MiB -c < "$w/a.newc"; } > corpus/lzma2/raw.lzma2
{ printf '\000\000\000\000\000\000\000\000'; xz --format=raw --lzma2=preset=0,dict=4KiB,lc=4,lp=0,pb=0 -c < "$w/a.newc"; } > corpus/lzma2/small-dict.lzma2
{ printf '\001\135\010\000\000\000\000\000'; xz --format=lzma -c < "$w/a.newc" | tail -c +14; } > corpus/lzma2/unknown-size.lzma
n=$(stat -c %s "$w/a.newc")
{ printf '\003\135\010\000'; python3 -c "import struct,sys; sys.stdout.buffer.write(struct.pack('<I', $n))"
  xz --format=lzma -c < "$w/a.newc" | tail -c +14; } > corpus/lzma2/known-size.lzma
zstd -q -c < "$w/a.newc" > corpus/zstd/a.zst
lz4 -q -c < "$w/a.newc" > corpus/lz4/a.lz4
bzip2 -c < "$w/a.newc" > corpus/bzip2/a.bz2
mkimage -A mips -O linux -T kernel -C none -a 0 -e 0 -n k -d "$src/bin/busybox" corpus/uimage/k.uimg >/dev/null
mkimage -A mips -O linux -T multi -C none -a 0 -e 0 -n m -d "$src/bin/busybox:corpus/squashfs/gzip.sqfs" \
  corpus/uimage/multi.uimg >/dev/null
mkimage -A mips -O linux -T ramdisk -C gzip -a 0 -e 0 -n r -d corpus/gzip/a.gz corpus/uimage/gz.uimg >/dev/null
# formats of the other unpack modules (mtd-utils, genromfs, util-linux/cramfsprogs); skipped when missing
command -v mkfs.jffs2 >/dev/null && { mkfs.jffs2 -r "$src" -o corpus/jffs2/le.jffs2 -e 0x10000 -l -q || true
  mkfs.jffs2 -r "$src" -o corpus/jffs2/be.jffs2 -e 0x10000 -b -q || true; }
command -v genromfs >/dev/null && genromfs -d "$src" -f corpus/romfs/a.romfs || true
# squashfs 1.x-3.x: no tool writes them; the real samples (fact_extractor's) when present
for f in ../../../../shared/realfw/images/sqfs[23]_*; do if [ -f "$f" ]; then cp "$f" corpus/squashfs_legacy/; fi; done
command -v mkfs.cramfs >/dev/null && mkfs.cramfs "$src" corpus/cramfs/a.cramfs >/dev/null 2>&1 || true
command -v zip >/dev/null && (cd "$src" && zip -qry "$w/a.zip" .) && cp "$w/a.zip" corpus/zip/
command -v mkfs.ubifs >/dev/null && { mkfs.ubifs -q -r "$src" -m 512 -e 15872 -c 64 -x lzo -o corpus/ubifs/a.ubifs
  printf '[rootfs]\nmode=ubi\nimage=%s\nvol_id=0\nvol_type=dynamic\nvol_name=rootfs\n' "$(pwd)/corpus/ubifs/a.ubifs" > "$w/ubi.ini"
  ubinize -o corpus/ubi/a.ubi -m 512 -p 16KiB -s 512 "$w/ubi.ini" 2>/dev/null || true; }
command -v dtc >/dev/null && { head -c 300 "$src/bin/busybox" > "$w/k"
  printf '/dts-v1/;\n/ { description = "t"; #address-cells = <1>;\n images { kernel { data = /incbin/("%s"); type = "kernel"; arch = "arm"; os = "linux"; compression = "none"; load = <0>; entry = <0>; }; };\n configurations { default = "c"; c { kernel = "kernel"; }; }; };\n' "$w/k" > "$w/f.its"
  mkimage -q -f "$w/f.its" corpus/fit/a.itb >/dev/null || true; }
# TRX v1: header, CRC32 over the rest, two partitions
python3 - corpus/trx/a.trx <<'PY'
import struct, sys, zlib
p1, p2 = b"loader" * 8, b"rootfs" * 16
body = struct.pack("<HH3I", 0, 1, 28, 28 + len(p1), 0) + p1 + p2
crc = zlib.crc32(body, 0xffffffff) ^ 0xffffffff
open(sys.argv[1], "wb").write(b"HDR0" + struct.pack("<II", 12 + len(body), crc) + body)
PY
# stages: file contents split at 00 00 ff ff, in the order of STAGE_PATHS in src/lib.rs
python3 - corpus/stages/seed <<'PY'
import sys
parts = [b"root:$1$abcdefgh$Tq1bA5Ihg5wM0Zq5HhZfI/:19000:0:99999:7:::\nguest::19000:0:99999:7:::\n",
         b"root:x:0:0:root:/root:/bin/sh\n", b"ttyS0::respawn:/bin/sh\n",
         b"telnet stream tcp nowait root /usr/sbin/telnetd telnetd\n", b"#!/bin/sh\ntelnetd -l /bin/sh -p 23\n",
         b"server { listen 80; }\n", b"server.port = 80\n", b"config uhttpd main\n\tlist listen_http 0.0.0.0:80\n",
         b"PermitRootLogin yes\nPermitEmptyPasswords yes\n", b"-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n",
         b"", b"Package: busybox\nVersion: 1.36.1-r2\nStatus: install ok installed\n\n", b"", b"ID=openwrt\n",
         b"Contact: mailto:security@example.com\nExpires: 2030-01-01T00:00:00Z\n",
         b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + b"BusyBox v1.36.1 (2023) multi-call binary", b"OpenSSL 3.0.13 30 Jan 2024"]
open(sys.argv[1], "wb").write(b"\x00\x00\xff\xff".join(parts))
PY
# the engine gets a concatenation and one seed of every other target
{ cat corpus/uimage/k.uimg; head -c 4096 /dev/zero | tr '\0' '\377'; cat corpus/squashfs/xz.sqfs; } > corpus/engine/flash.bin
for t in uimage squashfs ext cpio tar gzip xz lzma zstd lz4 bzip2; do cp "$(ls corpus/$t/* | head -1)" corpus/engine/$t.seed; done
echo "seeds in $(pwd)/corpus"
# ProgramStore (LZMA, no size, no end marker), Zigbee OTA (GBL payload), ESP8266 v1, MCUboot (SHA-256 TLV)
python3 - corpus <<'PY'
import hashlib, lzma, struct, sys, zlib
c = sys.argv[1]
def crc16(d):
    r = 0xffff
    for b in d:
        r ^= b << 8
        for _ in range(8):
            r = ((r << 1) ^ 0x1021) & 0xffff if r & 0x8000 else (r << 1) & 0xffff
    return r ^ 0xffff
def crc32_msb(d):
    r = 0xffffffff
    for b in d:
        r ^= b << 24
        for _ in range(8):
            r = ((r << 1) ^ 0x04c11db7) & 0xffffffff if r & 0x80000000 else (r << 1) & 0xffffffff
    return r ^ 0xffffffff
prog = b"eCos image OpenSSL 0.9.8\0" * 64
raw = lzma.compress(prog, format=lzma.FORMAT_RAW, filters=[{"id": lzma.FILTER_LZMA1, "dict_size": 1 << 16}])
pay = b"\x5d" + struct.pack("<I", 1 << 16) + raw
h = struct.pack(">HHHHIII", 0x3350, 5, 3, 16, 1437636608, len(pay), 0x80004000) + b"seed.bin".ljust(48, b"\0") + bytes(8) + bytes(8)
h += struct.pack(">HH", crc16(h), 0) + struct.pack(">I", crc32_msb(pay))
open(f"{c}/programstore/lzma.ps", "wb").write(h + pay)
def tag(t, d): return struct.pack("<II", t, len(d)) + d
g = tag(0x03A617EB, struct.pack("<II", 0x03000000, 0x100)) + tag(0xF40A0AF4, bytes(28)) + tag(0xFD0303FD, bytes(64)) + tag(0xF70A0AF7, bytes(64))
g += struct.pack("<II", 0xFC0404FC, 4); g += struct.pack("<I", zlib.crc32(g))
els = struct.pack("<HI", 0, len(g)) + g + struct.pack("<HI", 0xf001, 4) + b"abcd"
oh = struct.pack("<IHHHHHIH", 0x0BEEF11E, 0x0100, 56, 0, 0x117c, 1, 0x01020304, 2) + b"EBL seed".ljust(32, b"\0")
open(f"{c}/zigbee_ota/gbl.ota", "wb").write(oh + struct.pack("<I", 56 + len(els)) + els)
segs = [(0x40100000, b"\x01" * 40 + b"2nd boot version : 1.7(abcdef0)\0"), (0x3ffe8000, b"\x02" * 20)]
e = bytes([0xE9, len(segs), 0, 0x20]) + struct.pack("<I", 0x40100004)
ck = 0xef
for a, d in segs:
    e += struct.pack("<II", a, len(d)) + d
    for b in d: ck ^= b
while len(e) % 16 != 15: e += b"\0"
open(f"{c}/esp/v1.bin", "wb").write(e + bytes([ck]))
body = bytes(range(256)) * 4
m = struct.pack("<IIHHIIBBHII", 0x96f3b83d, 0, 32, 0, len(body), 0, 1, 2, 3, 4, 0) + body
t = struct.pack("<HH", 0x10, 32) + hashlib.sha256(m).digest() + struct.pack("<HH", 0x24, 64) + bytes(64)
open(f"{c}/mcuboot/signed.img", "wb").write(m + struct.pack("<HH", 0x6907, 4 + len(t)) + t)
PY

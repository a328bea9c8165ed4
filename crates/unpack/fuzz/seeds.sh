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
for t in uimage squashfs squashfs_legacy ext cpio tar gzip xz lzma lzma2 zstd lz4 bzip2 engine fit trx jffs2 cramfs romfs ubi ubifs zip stages programstore zigbee_ota esp mcuboot android_sparse yaffs2 sevenzip rar ros ar ole; do mkdir -p corpus/$t; done
for c in gzip xz lzo lz4 zstd lzma; do
  mksquashfs "$src" corpus/squashfs/$c.sqfs -comp $c -b 4096 -noappend -quiet -no-progress
done
mke2fs -q -F -t ext2 -b 1024 -N 32 -d "$src" corpus/ext/ext2.img 256K
mke2fs -q -F -t ext4 -b 1024 -O ^has_journal -N 32 -d "$src" corpus/ext/ext4.img 512K
(cd "$src" && find . | cpio --quiet -o -H newc > "$w/a.newc" && find . | cpio --quiet -o -H crc > "$w/a.crc" \
  && find . | cpio --quiet -o -H odc > "$w/a.odc")
cp "$w"/a.newc "$w"/a.crc "$w"/a.odc corpus/cpio/
for f in ustar gnu pax; do tar -C "$src" --format=$f -cf corpus/tar/$f.tar .; done
(cd "$src/etc" && ar rc "$OLDPWD/corpus/ar/etc.a" passwd numbers)
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
# 7z (7-Zip's 7zz, Debian 7zip): solid LZMA2 and non-solid copy
command -v 7zz >/dev/null && { (cd "$src" && 7zz a -bd -bso0 -t7z -snl "$w/a.7z" . && 7zz a -bd -bso0 -t7z -snl -m0=copy -ms=off "$w/c.7z" .)
  cp "$w/a.7z" "$w/c.7z" corpus/sevenzip/; }
# RAR 5 and RAR 4 of one stored file each, after the technotes (the rar tool is non-free)
python3 - corpus/rar <<'PY'
import struct, sys, zlib
def vint(v):
    out = b""
    while True:
        b, v = v & 0x7f, v >> 7
        if not v: return out + bytes([b])
        out += bytes([b | 0x80])
def block5(h, data=b""):
    s = vint(len(h)) + h
    return struct.pack("<I", zlib.crc32(s)) + s + data
d, n = b"root:x:0:0::/root:/bin/sh\n", b"etc/passwd"
f = vint(2) + vint(2) + vint(len(d)) + vint(4) + vint(len(d)) + vint(0o100644) + struct.pack("<I", zlib.crc32(d)) \
    + vint(0) + vint(1) + vint(len(n)) + n
open(sys.argv[1] + "/a.rar5", "wb").write(b"Rar!\x1a\x07\x01\x00" + block5(b"\x01\x00\x00") + block5(f, d) + block5(b"\x05\x00\x00"))
def block4(kind, flags, rest):
    h = bytes([kind]) + struct.pack("<HH", flags, 7 + len(rest)) + rest
    return struct.pack("<H", zlib.crc32(h) & 0xffff) + h
r = struct.pack("<IIBIIBBHI", len(d), len(d), 3, zlib.crc32(d), 0x57613b2a, 20, 0x30, len(n), 0o100644) + n
open(sys.argv[1] + "/a.rar4", "wb").write(b"Rar!\x1a\x07\x00" + block4(0x73, 0, bytes(6)) + block4(0x74, 0x8000, r) + d
                                          + block4(0x7b, 0x4000, b""))
PY
# ROS container (RNTP1.01 … PACK): two parts, a gzip stream and text
python3 - corpus/ros/a.ros corpus/gzip/a.gz <<'PY'
import struct, sys
parts = [(b"CLI_FILE", open(sys.argv[2], "rb").read()), (b"DATETIME_C", b"2008-02-28\0")]
head = bytearray(48 + 32 * len(parts)); head[:8] = b"RNTP1.01"; head[0x18:0x1c] = b"PACK"
head[0x20:0x24] = struct.pack("<I", len(parts)); off, body = len(head), b""
for i, (name, data) in enumerate(parts):
    e = 48 + 32 * i; head[e:e + len(name)] = name
    head[e + 16:e + 24] = struct.pack("<II", off + len(body), len(data)); body += data
open(sys.argv[1], "wb").write(bytes(head) + body)
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
# android sparse (android-sdk-libsparse-utils): the ext4 seed made sparse; skipped when missing
command -v img2simg >/dev/null && img2simg corpus/ext/ext4.img corpus/android_sparse/ext4.simg >/dev/null 2>&1 || true
# yaffs2: 2048+64-byte pages, tags at spare offset 0 (as mkyaffs2image writes them): a directory, a file, a symlink
python3 - corpus/yaffs2/a.yaffs2 <<'PY'
import struct, sys
def page(data, obj, chunk, n):
    tags = struct.pack("<4I", 0x1000, obj, chunk, n)
    return data.ljust(2048, b"\xff") + tags.ljust(64, b"\xff")
def hdr(ty, parent, name, mode, size=0, alias=b""):
    h = bytearray(b"\xff" * 512)
    h[0:10] = struct.pack("<IIH", ty, parent, 0xffff)
    h[10:266] = name.ljust(256, b"\0")
    h[268:296] = struct.pack("<7I", mode, 0, 0, 0, 0, 0, size)
    if ty == 2: h[300:460] = alias.ljust(160, b"\0")
    return bytes(h)
body = b"root:x:0:0:root:/root:/bin/sh\n" * 100
out = page(hdr(3, 1, b"etc", 0o40755), 257, 0, 0xffff)
out += page(hdr(1, 257, b"passwd", 0o100644, len(body)), 258, 0, 0xffff)
for i in range(0, len(body), 2048):
    part = body[i:i + 2048]; out += page(part, 258, i // 2048 + 1, len(part))
out += page(hdr(2, 1, b"sh", 0o120777, alias=b"/bin/busybox"), 259, 0, 0xffff)
open(sys.argv[1], "wb").write(out)
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
# vendor container headers (formats/tplink, seama, wrgg, arcadyan, chk, cvimg, ubnt, dji, dlink_enc, buffalo): small
# valid images with their checksums, payload a gzip stream
for t in tplink seama wrgg arcadyan chk cvimg ubnt dji dlink_enc buffalo; do mkdir -p corpus/$t; done
python3 - "$w/a.newc" <<'PY'
import gzip, hashlib, lzma, struct, sys, zlib
p = gzip.compress(open(sys.argv[1], "rb").read()[:4000], mtime=0)
def tplink(v2):
    rootfs_ofs = (0x200 + len(p) + 255) // 256 * 256
    img = bytearray(rootfs_ofs + len(p)); img[0x200:0x200 + len(p)] = p; img[rootfs_ofs:] = p
    if v2:
        img[0:4] = struct.pack(">I", 3); img[4:12] = b"ver. 2.0"
        img[0x70:0x84] = struct.pack(">5I", len(img), 0x200, len(p), rootfs_ofs, len(p)); salt = "dcd73aa5c39598fbdcf9e7f40eae4737"; at = 0x40
    else:
        img[0:4] = struct.pack("<I", 1); img[4:24] = b"TP-LINK Technologies"; img[0x1c:0x24] = b"ver. 1.0"
        img[0x7c:0x90] = struct.pack(">5I", len(img), 0x200, len(p), rootfs_ofs, len(p)); salt = "dcd73aa5c39598fbddf9e7f40eae4738"; at = 0x4c
    img[at:at + 16] = bytes.fromhex(salt); img[at:at + 16] = hashlib.md5(img).digest(); return bytes(img)
open("corpus/tplink/v1.bin", "wb").write(tplink(False)); open("corpus/tplink/v2.bin", "wb").write(tplink(True))
meta = b"dev=/dev/mtdblock/2\0type=firmware\0\0"
inner = struct.pack(">IHHI", 0x5ea3a417, 0, len(meta), len(p)) + hashlib.md5(p).digest() + meta + p
seal = b"signature=wrgn00_test\0\0"
open("corpus/seama/a.seama", "wb").write(struct.pack(">IHHI", 0x5ea3a417, 0, len(seal), 0) + seal + inner)
h = bytearray(96); h[:10] = b"wrgg00_brd"; h[32:44] = struct.pack("<III", 0x20040220, 0x20040220, len(p)); h[48:63] = b"/dev/mtdblock/2"
h[80:96] = hashlib.md5(bytes(h[44:80]) + p).digest(); open("corpus/wrgg/a.wrg", "wb").write(bytes(h) + p)
c = bytearray(b"\x30\x05\x11\x20" + lzma.compress(open(sys.argv[1], "rb").read()[:20000], format=lzma.FORMAT_ALONE, preset=6))
b1, b2 = bytes(c[4:36]), bytes(c[0x68:0x88]); sw = bytes(((x & 15) << 4 | x >> 4) for x in b1); sw = bytes(sw[i ^ 1] for i in range(32))
c[0x68:0x88] = sw; c[4:36] = b2; open("corpus/arcadyan/a.bin", "wb").write(bytes(c))
def ng(*bs):
    c0 = c1 = 0
    for b in bs:
        for x in b: c0 = (c0 + x) & 0xffffffff; c1 = (c1 + c0) & 0xffffffff
    f = lambda c: (((c & 0xffff) + (c >> 16)) + (((c & 0xffff) + (c >> 16)) >> 16)) & 0xffff
    return f(c1) << 16 | f(c0)
board = b"U12H139T00_NETGEAR"
h = bytearray(struct.pack(">II8sIIIIII", 0x2a23245e, 40 + len(board), b"\x02\x01\0\x04\x32\x01\0\x32", ng(p), ng(p), len(p), len(p), ng(p, p), 0) + board)
h[36:40] = struct.pack(">I", ng(h)); open("corpus/chk/a.chk", "wb").write(bytes(h) + p + p)
q = p + b"\0" * (len(p) % 2); s = sum(struct.unpack(">%dH" % (len(q) // 2), q)) & 0xffff; q += struct.pack(">H", (-s) & 0xffff)
open("corpus/cvimg/a.img", "wb").write(b"cs6c" + struct.pack(">III", 0x80500000, 0x30000, len(q)) + q)
img = b"UBNT" + b"XM.ar7240.v5.6.3".ljust(256, b"\0"); img += struct.pack(">II", zlib.crc32(img), 0)
for i, n in enumerate([b"kernel", b"rootfs"]):
    part = b"PART" + n.ljust(16, b"\0") + b"\0" * 12 + struct.pack(">6I", 0x80060000, i, 0, 0, len(p), len(p)) + p
    img += part + struct.pack(">II", zlib.crc32(part), 0)
img += b"END\0" + struct.pack(">II", zlib.crc32(img), 0); open("corpus/ubnt/a.bin", "wb").write(img)
he = 64 + 52 * 2 + 2; h = bytearray(he); h[0:8] = struct.pack("<IHH", 0x12345678, 1, he); h[12:15] = b"DJI"; h[28:31] = b"P3X"; h[44:46] = struct.pack("<H", 2)
for i, enc in enumerate([0, 0x10]):
    h[64 + 52 * i:64 + 52 * i + 36] = struct.pack("<BBHIIII", 0x0c + i, enc, 0, 1, he + i * len(p), len(p), len(p)) + hashlib.md5(p).digest()
open("corpus/dji/a.img", "wb").write(bytes(h) + p + p)
open("corpus/dlink_enc/shrs.bin", "wb").write((b"SHRS" + struct.pack(">II", 4096, 4090)).ljust(0x6dc, b"\x5a") + p[:4096].ljust(4096, b"\0"))
def cksum(b):
    c = 0
    for x in b + len(b).to_bytes((len(b).bit_length() + 7) // 8, "big")[::-1]:
        c ^= x << 24
        for _ in range(8): c = ((c << 1) ^ 0x04c11db7 if c & 0x80000000 else c << 1) & 0xffffffff
    return c ^ 0xffffffff
t = bytearray(160); t[0:13] = b"WZR-HP-G300NH"; t[32:39] = b"Buffalo"; t[64] = ord("1"); t[136:140] = struct.pack(">I", 160 + len(p)); t[152:156] = struct.pack(">I", len(p))
t += p; t[140:144] = struct.pack(">I", cksum(bytes(t))); open("corpus/buffalo/a.bin", "wb").write(bytes(t))
open("corpus/dlink_enc/encimg.bin", "wb").write(b"encrpted_img" + struct.pack(">I", 4096) + p[:4096].ljust(4096, b"\0"))
PY
# OLE2: the Thumbs.db of a router web UI, cut out by fwassure when the real samples and a release build are here
img=../../../../shared/realfw/images/tplink_wr940nv4_us_160617.bin
if [ -f "$img" ] && [ -x ../../../target/release/fwassure ]; then
  tmp=$(mktemp -d); ../../../target/release/fwassure extract "$img" -o "$tmp/x" >/dev/null
  find "$tmp/x" -name Thumbs.db -type f -exec cp {} corpus/ole/ \; ; rm -rf "$tmp"
fi

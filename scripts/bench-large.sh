#!/usr/bin/env bash
# Benchmark on large images: builds images of one source folder (default /usr/bin, ~250 MB on Debian) in the
# formats vendors ship (squashfs-xz, squashfs-zstd, ext4 with 4 KiB blocks, ext2 with 1 KiB blocks, tar.gz, and,
# when mtd-utils and util-linux are there, UBIFS-zstd, JFFS2 and cramfs) and prints, per image, the median
# wall time over RUNS runs (default 3) of `fwassure scan IMAGE --format json`, its user CPU time and peak RSS (GNU
# time), the peak anonymous memory of one more run (scripts/anon-peak.py: RSS also counts the page-cache pages
# of the memory-mapped image), and both peaks relative to the unpacked bytes.
#
#   scripts/bench-large.sh [SOURCE_DIR]          # images cached in $BENCH_DIR (default /var/tmp/fwassure-bench-large)
#   RUNS=5 FWASSURE=target/release/fwassure scripts/bench-large.sh /usr/lib
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=${1:-/usr/bin}
OUT=${BENCH_DIR:-/var/tmp/fwassure-bench-large}
RUNS=${RUNS:-3}
FW=${FWASSURE:-target/release/fwassure}
[ -x "$FW" ] || cargo build --release -q -p fwassure
for t in mksquashfs mke2fs tar /usr/bin/time; do command -v "$t" > /dev/null || { echo "needs $t (squashfs-tools, e2fsprogs, tar, time)"; exit 1; }; done
mkdir -p "$OUT"
kb=$(du -sk "$SRC" | cut -f1)
[ -f "$OUT/squashfs-xz.img" ] || mksquashfs "$SRC" "$OUT/squashfs-xz.img" -comp xz -noappend -quiet -no-progress
[ -f "$OUT/squashfs-zstd.img" ] || mksquashfs "$SRC" "$OUT/squashfs-zstd.img" -comp zstd -noappend -quiet -no-progress
[ -f "$OUT/ext4.img" ] || mke2fs -q -F -t ext4 -b 4096 -d "$SRC" "$OUT/ext4.img" "$(( kb * 12 / 10 / 1024 + 16 ))M"
[ -f "$OUT/ext2-1k.img" ] || mke2fs -q -F -t ext2 -b 1024 -d "$SRC" "$OUT/ext2-1k.img" "$(( kb * 12 / 10 / 1024 + 16 ))M"
[ -f "$OUT/tar-gz.img" ] || tar czf "$OUT/tar-gz.img" -C "$(dirname "$SRC")" "$(basename "$SRC")" 2> /dev/null
imgs=("$OUT"/squashfs-xz.img "$OUT"/squashfs-zstd.img "$OUT"/ext4.img "$OUT"/ext2-1k.img "$OUT"/tar-gz.img)
if command -v mkfs.ubifs > /dev/null; then
  [ -f "$OUT/ubifs-zstd.img" ] || mkfs.ubifs -q -r "$SRC" -m 2048 -e 126976 -c $(( kb / 100 + 64 )) -x zstd -o "$OUT/ubifs-zstd.img"
  [ -f "$OUT/jffs2.img" ] || mkfs.jffs2 -r "$SRC" -o "$OUT/jffs2.img" -l -e 128KiB 2> /dev/null
  imgs+=("$OUT"/ubifs-zstd.img "$OUT"/jffs2.img)
fi
if command -v mkfs.cramfs > /dev/null; then
  # cramfs cuts files at 16 MiB
  [ -f "$OUT/cramfs.img" ] || mkfs.cramfs "$SRC" "$OUT/cramfs.img" > /dev/null 2>&1
  imgs+=("$OUT"/cramfs.img)
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '%-18s %9s %11s %8s %8s %9s %10s %9s %10s\n' image size_MiB unpacked_MiB wall_s user_s peak_MiB peak/unpk \
  anon_MiB anon/unpk
for img in "${imgs[@]}"; do
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %U %M' -o "$tmp/t" "$FW" scan "$img" --format json -o "$tmp/r.json"
    cat "$tmp/t"
  done > "$tmp/runs"
  med() { sort -g -k"$1" "$tmp/runs" | awk -v k="$1" '{a[NR]=$k} END {print a[int((NR+1)/2)]}'; }
  unpacked=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["stats"]["unpacked_bytes"])' "$tmp/r.json")
  peak_kb=$(med 3)
  read -r anon _ < <(python3 scripts/anon-peak.py "$FW" scan "$img" --format json -o "$tmp/r.json" || true)
  printf '%-18s %9.1f %11.1f %8s %8s %9.0f %9.2fx %9.0f %9.2fx\n' "$(basename "$img" .img)" \
    "$(echo "$(stat -c %s "$img")/1048576" | bc -l)" "$(echo "$unpacked/1048576" | bc -l)" "$(med 1)" "$(med 2)" \
    "$(echo "$peak_kb/1024" | bc -l)" "$(echo "$peak_kb*1024/$unpacked" | bc -l)" \
    "$anon" "$(echo "$anon*1048576/$unpacked" | bc -l)"
done

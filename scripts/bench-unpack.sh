#!/usr/bin/env bash
# Benchmark: for each sample-corpus image, the median wall time over RUNS runs (default 5) of
# `fwassure scan IMAGE --format json` (and of the same scan with `--password-work 0`, which leaves out the
# costly part of the password audit, work unblob does not do), and of `unblob -e DIR IMAGE` when unblob is
# installed (pip install unblob), plus the peaks of one run of each (scripts/anon-peak.py): `fw_MiB` is
# fwassure's peak RSS, `anon` its peak anonymous memory (heap and stacks: the memory the scan holds; RSS
# also counts the page-cache pages of a memory-mapped image, which the kernel may drop at will). `*_net`
# are those peaks less the fixed cost of a scan (the peaks of a scan of a 50 KB tar holding a passwd, a
# shadow, an init script and one ELF: binary pages, threads, the bundled catalogs, the classifier and
# check automata every real image builds), and `x_unp` each net peak over the unpacked size: how memory
# grows with the image.
# `fwassure scan IMAGE --timings` prints where the time of one scan goes, stage by stage.
#
#   scripts/bench-unpack.sh [CORPUS_DIR]          # default $SAMPLE_CORPUS or /var/tmp/sample-corpus
#   RUNS=5 UNBLOB_RUNS=5 FWASSURE=target/release/fwassure scripts/bench-unpack.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${1:-${SAMPLE_CORPUS:-/var/tmp/sample-corpus}}
RUNS=${RUNS:-5}
UNBLOB_RUNS=${UNBLOB_RUNS:-$RUNS}
FW=${FWASSURE:-target/release/fwassure}
[ -x "$FW" ] || cargo build --release -q -p fwassure
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# median wall seconds of RUNS runs of "$@"
median() {
  local n=$1; shift
  for _ in $(seq "$n"); do
    local s e; s=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; e=$(date +%s.%N)
    echo "$e - $s" | bc -l
  done | sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'
}
# "<peak anonymous MiB> <peak RSS MiB>" of one run of "$@"
peaks() { python3 scripts/anon-peak.py "$@" || true; }
# peak RSS in MiB of one run of "$@" (for unblob, whose work is done in child processes)
peak() {
  /usr/bin/time -v "$@" > /dev/null 2> "$tmp/time.txt" || true
  awk -F: '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$tmp/time.txt"
}
unblob_run() { rm -rf "$tmp/ub"; mkdir -p "$tmp/ub"; unblob --log "$tmp/unblob.log" -e "$tmp/ub" "$1"; }

have_unblob=0; command -v unblob > /dev/null && have_unblob=1
# the fixed cost: a small but real root filesystem
mkdir -p "$tmp/fixed/etc/init.d" "$tmp/fixed/bin"
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$tmp/fixed/etc/passwd"
printf 'root:*:19000:0:99999:7:::\n' > "$tmp/fixed/etc/shadow"
printf '#!/bin/sh\necho start\n' > "$tmp/fixed/etc/init.d/rcS"
cp "$(type -P true)" "$tmp/fixed/bin/true"
tar cf "$tmp/fixed.tar" -C "$tmp/fixed" .
read -r base_anon base_rss < <(peaks "$FW" scan "$tmp/fixed.tar" --format json)
echo "fixed cost of a scan (peaks of a $(( $(stat -c %s "$tmp/fixed.tar") / 1024 )) KiB tar): RSS $base_rss MiB, anonymous $base_anon MiB"
ratio() { echo "($1 - $2) * 1048576 / ($3 + 1)" | bc -l | xargs printf '%.2f'; }
printf '%-14s %8s %9s %7s %8s %7s %7s %6s %6s %6s %8s %6s %8s %8s\n' image size_MiB unpacked fw_s fw_pw0_s fw_MiB \
  rss_net x_unp anon anon_net x_unp unblob_s ub_MiB speedup
for img in "$CORPUS"/*.bin; do
  name=$(basename "$img")
  size=$(stat -c %s "$img")
  unpacked=$("$FW" scan "$img" --format json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["stats"]["unpacked_bytes"])' || echo 0)
  fw=$(median "$RUNS" "$FW" scan "$img" --format json)
  fw0=$(median "$RUNS" "$FW" scan "$img" --format json --password-work 0)
  read -r anon rss < <(peaks "$FW" scan "$img" --format json)
  if [ $have_unblob = 1 ]; then
    ub=$(median "$UNBLOB_RUNS" unblob_run "$img"); ubm=$(peak unblob --log "$tmp/unblob.log" -e "$tmp/ubp-$name" "$img")
    sp=$(echo "$ub / $fw" | bc -l | xargs printf '%.1fx')
  else
    ub=-; ubm=-; sp=-
  fi
  printf '%-14s %8.1f %8.1fM %7s %8s %7.0f %7.1f %6s %6.1f %8.1f %6s %8s %6s %8s\n' "$name" "$(echo "$size/1048576" | bc -l)" \
    "$(echo "$unpacked/1048576" | bc -l)" "$fw" "$fw0" "$rss" "$(echo "$rss - $base_rss" | bc -l)" \
    "$(ratio "$rss" "$base_rss" "$unpacked")" "$anon" "$(echo "$anon - $base_anon" | bc -l)" \
    "$(ratio "$anon" "$base_anon" "$unpacked")" "$ub" "$ubm" "$sp"
done
[ $have_unblob = 1 ] || echo "(unblob not installed: pip install unblob for the comparison)"

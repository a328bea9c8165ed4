#!/usr/bin/env bash
# Benchmark: for each sample-corpus image, the median wall time over RUNS runs (default 5) of
# `fwassure scan IMAGE --format json` (and of the same scan with `--password-work 0`, which leaves out the
# costly part of the password audit, work unblob does not do), and of `unblob -e DIR IMAGE` when unblob is
# installed (pip install unblob), plus the peak RSS of one run of each (GNU time -v). `fw_net` is fwassure's
# peak RSS less its fixed cost (the peak of a scan of a 1 KB file: binary pages, threads, the bundled
# catalogs), and `x_unp` that net peak over the unpacked size: how memory grows with the image.
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
# peak RSS in MiB of one run of "$@"
peak() {
  /usr/bin/time -v "$@" > /dev/null 2> "$tmp/time.txt" || true
  awk -F: '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$tmp/time.txt"
}
unblob_run() { rm -rf "$tmp/ub"; mkdir -p "$tmp/ub"; unblob --log "$tmp/unblob.log" -e "$tmp/ub" "$1"; }

have_unblob=0; command -v unblob > /dev/null && have_unblob=1
head -c 1000 /dev/urandom > "$tmp/tiny.bin"
base=$(peak "$FW" scan "$tmp/tiny.bin" --format json)
echo "fixed cost of a scan (peak RSS of a 1 KB input): $base MiB"
printf '%-14s %9s %10s %9s %9s %9s %7s %6s %9s %8s %8s\n' image size_MiB unpacked fw_s fw_pw0_s fw_MiB fw_net x_unp \
  unblob_s ub_MiB speedup
for img in "$CORPUS"/*.bin; do
  name=$(basename "$img")
  size=$(stat -c %s "$img")
  unpacked=$("$FW" scan "$img" --format json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["stats"]["unpacked_bytes"])' || echo 0)
  fw=$(median "$RUNS" "$FW" scan "$img" --format json)
  fw0=$(median "$RUNS" "$FW" scan "$img" --format json --password-work 0)
  fwm=$(peak "$FW" scan "$img" --format json)
  if [ $have_unblob = 1 ]; then
    ub=$(median "$UNBLOB_RUNS" unblob_run "$img"); ubm=$(peak unblob --log "$tmp/unblob.log" -e "$tmp/ubp-$name" "$img")
    sp=$(echo "$ub / $fw" | bc -l | xargs printf '%.1fx')
  else
    ub=-; ubm=-; sp=-
  fi
  net=$((fwm - base))
  xu=$(echo "$net * 1048576 / ($unpacked + 1)" | bc -l | xargs printf '%.2f')
  printf '%-14s %9.1f %9.1fM %9s %9s %9s %7s %6s %9s %8s %8s\n' "$name" "$(echo "$size/1048576" | bc -l)" \
    "$(echo "$unpacked/1048576" | bc -l)" "$fw" "$fw0" "$fwm" "$net" "$xu" "$ub" "$ubm" "$sp"
done
[ $have_unblob = 1 ] || echo "(unblob not installed: pip install unblob for the comparison)"

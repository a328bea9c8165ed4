#!/usr/bin/env bash
# Benchmark on real firmware: for each image of a folder (default ../shared/realfw/images), the median wall time
# over RUNS runs (default 3) of `fwassure scan IMAGE --format json`, its peak RSS, and the files it found (the
# report's `stats.files`); and, when unblob is installed (pip install unblob), the same for `unblob -e DIR IMAGE`
# (files: regular files it wrote, its carved-chunk files left out, as the peer manifests of shared/realfw do).
# Totals at the end: files found by each, summed medians, speedup.
#
#   scripts/bench-realfw.sh [IMAGE_DIR]
#   RUNS=3 UNBLOB_RUNS=1 FWASSURE=target/release/fwassure scripts/bench-realfw.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-../shared/realfw/images}
RUNS=${RUNS:-3}
UNBLOB_RUNS=${UNBLOB_RUNS:-1}
FW=${FWASSURE:-target/release/fwassure}
[ -x "$FW" ] || cargo build --release -q -p fwassure
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
have_unblob=0; command -v unblob > /dev/null && have_unblob=1

median() {
  local n=$1; shift
  for _ in $(seq "$n"); do
    local s e; s=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; e=$(date +%s.%N)
    echo "$e - $s" | bc -l
  done | sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m}'
}
peak() {
  /usr/bin/time -v "$@" > /dev/null 2> "$tmp/time.txt" || true
  awk -F: '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$tmp/time.txt"
}

printf '%-52s %8s %7s %7s %8s %7s %7s %7s\n' image fw_s fw_MiB fw_files unblob_s ub_MiB ub_files speedup
tf=0; tu=0; ff=0; fu=0
for img in "$DIR"/*; do
  [ -f "$img" ] || continue
  n=$(basename "$img")
  fw_s=$(median "$RUNS" "$FW" scan "$img" --format json)
  fw_m=$(peak "$FW" scan "$img" --format json)
  fw_f=$("$FW" scan "$img" --format json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["stats"]["files"])' || echo 0)
  ub_s=-; ub_m=-; ub_f=-; sp=-
  if [ $have_unblob = 1 ]; then
    ub_s=$(median "$UNBLOB_RUNS" sh -c "rm -rf '$tmp/ub' && unblob -e '$tmp/ub' '$img'")
    rm -rf "$tmp/ub"; ub_m=$(peak unblob -e "$tmp/ub" "$img")
    ub_f=$(find "$tmp/ub" -type f ! -name '*.unknown' ! -name '*.padding' ! -regex '.*/[0-9]+-[0-9]+\.[a-z0-9_]+$' | wc -l)
    rm -rf "$tmp/ub"
    sp=$(echo "$ub_s / $fw_s" | bc -l | xargs printf '%.1f')
    tu=$(echo "$tu + $ub_s" | bc -l); fu=$((fu + ub_f))
  fi
  tf=$(echo "$tf + $fw_s" | bc -l); ff=$((ff + fw_f))
  printf '%-52s %8s %7s %7s %8s %7s %7s %7s\n' "$n" "$fw_s" "$fw_m" "$fw_f" "$ub_s" "$ub_m" "$ub_f" "$sp"
done
if [ $have_unblob = 1 ]; then
  printf 'total: fwassure %s files in %.2f s; unblob %s files in %.2f s (%.1fx)\n' "$ff" "$tf" "$fu" "$tu" "$(echo "$tu / $tf" | bc -l)"
else
  printf 'total: fwassure %s files in %.2f s (unblob not installed)\n' "$ff" "$tf"
fi

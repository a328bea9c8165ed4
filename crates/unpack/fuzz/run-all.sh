#!/usr/bin/env bash
# Run every fuzz target (or those in $TARGETS) until each has used SECS seconds of CPU time (default 600),
# two at a time (JOBS=2); logs in fuzz-logs/<target>.log, one summary line per target in fuzz-logs/summary.tsv.
#
# CPU time, not wall time, is the measure: on a shared 2-core machine a fuzzer's wall-clock minutes say little
# about how much it ran. Each fuzzer gets a generous -max_total_time and is stopped with SIGINT (libFuzzer
# then prints its final stats) once its own user+system time reaches SECS. NICE (default 10) keeps builds and
# tests responsive beside it.
set -uo pipefail
cd "$(dirname "$0")"
SECS=${SECS:-600}
JOBS=${JOBS:-2}
NICE=${NICE:-10}
mkdir -p fuzz-logs
# BUILD=0 uses the fuzz binaries already built (e.g. a second run beside one in progress)
[ "${BUILD:-1}" = 0 ] || RUSTC_BOOTSTRAP=1 cargo fuzz build -O -a >&2 || exit 1
bin_dir=$(ls -d target/*/release | head -1)
targets=${TARGETS:-$(RUSTC_BOOTSTRAP=1 cargo fuzz list)}
tck=$(getconf CLK_TCK)

run() {
  local t=$1 log=fuzz-logs/$1.log
  mkdir -p "corpus/$t" "artifacts/$t"
  nice -n "$NICE" "$bin_dir/$t" "corpus/$t" -artifact_prefix="artifacts/$t/" -max_total_time=$((SECS * 20)) \
    -rss_limit_mb=2048 -timeout=30 -print_final_stats=1 > "$log" 2>&1 &
  local pid=$! start=$SECONDS cpu=0
  while kill -0 "$pid" 2>/dev/null; do
    sleep 5
    # fields 14 and 15 of /proc/PID/stat: user and system time in clock ticks
    cpu=$(awk -v t="$tck" '{ printf "%d", ($14 + $15) / t }' "/proc/$pid/stat" 2>/dev/null || echo "$cpu")
    if [ "$cpu" -ge "$SECS" ]; then kill -INT "$pid"; break; fi
  done
  wait "$pid"; local rc=$?
  local runs
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  local crash=""
  grep -qE '^==[0-9]+== *ERROR|panicked at|deadly signal|Timeout|out-of-memory' "$log" && crash=$(grep -m1 -E 'ERROR|panicked at|deadly signal|Timeout|out-of-memory' "$log")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "${runs:-?}" "$cpu" "$((SECONDS - start))" "$rc" "${crash:-clean}" | tee -a fuzz-logs/summary.tsv
}

set -- $targets
while [ $# -gt 0 ]; do
  pids=()
  for _ in $(seq 1 "$JOBS"); do
    [ $# -gt 0 ] || break
    run "$1" & pids+=($!); shift
  done
  wait "${pids[@]}"
done
echo "target	runs	cpu_s	wall_s	rc	result"
cat fuzz-logs/summary.tsv

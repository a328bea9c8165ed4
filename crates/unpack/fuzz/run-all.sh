#!/usr/bin/env bash
# Run every fuzz target (or those in $TARGETS) for SECS seconds (default 600), two at a time;
# logs in fuzz-logs/<target>.log.
set -uo pipefail
cd "$(dirname "$0")"
SECS=${SECS:-600}
mkdir -p fuzz-logs
targets=${TARGETS:-$(RUSTC_BOOTSTRAP=1 cargo fuzz list)}
run() { RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$1" "corpus/$1" -- -max_total_time="$SECS" -rss_limit_mb=2048 -timeout=30 > "fuzz-logs/$1.log" 2>&1; echo "$1 exit $?"; }
set -- $targets
while [ $# -gt 0 ]; do
  run "$1" & p1=$!
  if [ $# -gt 1 ]; then run "$2" & p2=$!; wait $p2; shift; fi
  wait $p1; shift
done
for t in $targets; do printf '%-10s %s\n' "$t" "$(grep -E '^Done [0-9]+ runs' fuzz-logs/$t.log || grep -m1 -E 'ERROR|panicked' fuzz-logs/$t.log)"; done

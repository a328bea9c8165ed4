#!/usr/bin/env bash
# Build the public sample corpus (once; needs root and the Debian archive, about a minute) and the release
# binary, then scan one sample image and print the readable report.
# Usage: scripts/demo.sh [sample-01.bin … sample-06.bin] [scan options, e.g. --format json]
set -euo pipefail
cd "$(dirname "$0")/.."
C=${SAMPLE_CORPUS:-/var/tmp/sample-corpus}
if [ ! -f "$C/truth.json" ]; then
  echo "building the sample corpus into $C (about a minute) …" >&2
  ../shared/corpus/build-sample-corpus.sh "$C" "${SAMPLE_CACHE:-/var/tmp/sample-corpus-cache}" > /tmp/fwassure-corpus.log 2>&1 \
    || { tail -20 /tmp/fwassure-corpus.log >&2; exit 1; }
fi
cargo build --release -q -p fwassure
img=${1:-sample-01.bin}; shift || true
exec target/release/fwassure scan "$C/$img" "$@"

#!/usr/bin/env bash
# The first command of the README: build a sample image from real Debian packages (scripts/sample-image.sh;
# no root, no ../shared/, about a minute the first time), build the release binary, and scan the image.
# Usage: scripts/demo.sh [IMAGE] [scan options, e.g. --format json]
#        scripts/demo.sh sample-05.bin …   scans an image of the sample corpus (built from ../shared/corpus, root)
set -euo pipefail
cd "$(dirname "$0")/.."
img=${1:-}
[ $# -gt 0 ] && shift
case "$img" in
  "" | -*)
    [ -n "$img" ] && set -- "$img" "$@"
    img=$(scripts/sample-image.sh "${SAMPLE_DIR:-/var/tmp/fwassure-sample}")
    ;;
  sample-0*.bin)
    C=${SAMPLE_CORPUS:-/var/tmp/sample-corpus}
    if [ ! -f "$C/truth.json" ]; then
      echo "building the sample corpus into $C (needs root and ../shared/corpus) …" >&2
      ../shared/corpus/build-sample-corpus.sh "$C" "${SAMPLE_CACHE:-/var/tmp/sample-corpus-cache}" > /tmp/fwassure-corpus.log 2>&1 \
        || { tail -20 /tmp/fwassure-corpus.log >&2; exit 1; }
    fi
    img=$C/$img
    ;;
esac
cargo build --release -q -p fwassure
exec target/release/fwassure scan "$img" "$@"

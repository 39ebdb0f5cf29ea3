#!/usr/bin/env bash
# Flowdeck's performance figures, each beside a baseline measured in the same run: the
# release app (or FLOWDECK_APP, e.g. the installed one) under Xvfb against the demo
# organisation's simulator, and a blank Tauri app built from this workspace with the same
# Tauri and release profile. Not a timed test: it prints, and fails only when it cannot
# measure.
#
#   scripts/bench.sh [--cards N] [--runs R] [--idle-minutes M]
#   (defaults: 500 cards, 3 runs, 10 idle minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh
newest_deb() { ls -t target/release/bundle/deb/"$1"_*.deb 2>/dev/null | head -n1; }

if [ -z "${FLOWDECK_APP:-}" ]; then
  npx tauri build --bundles deb
  export FLOWDECK_APP="$PWD/target/release/flowdeck"
fi
FLOWDECK_DEB="${FLOWDECK_DEB:-$(newest_deb Flowdeck)}"
if [ -z "$FLOWDECK_DEB" ]; then
  npx tauri build --bundles deb
  FLOWDECK_DEB=$(newest_deb Flowdeck)
fi
export FLOWDECK_DEB

(cd bench/blank-tauri && npx tauri build --bundles deb)
export BLANK_TAURI_APP="$PWD/target/release/blank-tauri"
BLANK_TAURI_DEB=$(newest_deb blank-tauri)
export BLANK_TAURI_DEB

cargo build --locked -p flowdeck-bench --bin bench
scripts/headless.sh target/debug/bench "$@"

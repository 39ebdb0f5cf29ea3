#!/usr/bin/env bash
# Sets up what is missing, then opens Flowdeck on the demo organisation (development build).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/toolchain.sh
exec npm run tauri dev

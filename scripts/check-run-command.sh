#!/usr/bin/env bash
# Proves the README's first command works: runs scripts/run-app.sh headless (Xvfb, a D-Bus
# session), waits until the window has opened the demo organisation and its cards have read
# their statuses (requests only the loaded web view makes), then stops the app, the dev server
# and everything they started. The app's own demo simulator cannot be watched (it serves no
# steering route), so the demo is pointed at a steerable one started here, as the E2E harness
# does; the E2E suite shows the app's own answering.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh

cargo build --locked --quiet -p campaign-simulator --features steering --bin campaign-simulator
simulator_log=$(mktemp)
target/debug/campaign-simulator >"$simulator_log" 2>&1 &
simulator=$!
until grep -q 'admin key:' "$simulator_log"; do
  kill -0 "$simulator" 2>/dev/null || { cat "$simulator_log" >&2; exit 1; }
  sleep 0.2
done
base_url=$(awk '/base URL:/ {print $3}' "$simulator_log")
admin_key=$(awk '/admin key:/ {print $3}' "$simulator_log")
export FLOWDECK_DEMO_CAMPAIGN=$base_url

log=$(mktemp)
# Its own session (and so process group), so that it can be stopped whole.
setsid scripts/headless.sh scripts/run-app.sh >"$log" 2>&1 &
group=$!
stop() {
  kill -TERM -- "-$group" 2>/dev/null || true
  kill -TERM "$simulator" 2>/dev/null || true
  sleep 1
  kill -KILL -- "-$group" 2>/dev/null || true
}
trap stop EXIT

demo_workflows=(WKF-NEWSLETTER WKF-WELCOME WKF-BIRTHDAY WKF-CRM-IMPORT WKF-WINBACK WKF-SUMMER-SALE)
deadline=$((SECONDS + 900))
while :; do
  requests=$(curl -sf -H "X-Simulator-Key: $admin_key" "$base_url/_simulator/requests" || true)
  missing=0
  for id in "${demo_workflows[@]}"; do
    grep -q "\"path\":\"/flowdeck-demo/campaign/workflow/execution/$id\"" <<<"$requests" || missing=$((missing + 1))
  done
  if [ "$missing" -eq 0 ]; then
    echo "The README's run command opened Flowdeck on the demo organisation: all ${#demo_workflows[@]} demo cards read their status."
    exit 0
  fi
  if ! kill -0 "$group" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
    echo "The README's run command did not show the demo cards ($missing of ${#demo_workflows[@]} never read their status). Its output:" >&2
    tail -n 60 "$log" >&2
    exit 1
  fi
  sleep 1
done

#!/usr/bin/env bash
# Proves the README's first command works: runs scripts/run-app.sh headless (Xvfb, a D-Bus
# session), waits until the window has opened the demo organisation and its cards have read
# their statuses from the demo simulator (requests only the loaded web view makes), then stops
# the app, the dev server and everything they started.
set -euo pipefail
cd "$(dirname "$0")/.."

port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
log=$(mktemp)
export FLOWDECK_DEMO_PORT=$port
# The demo serves what it received only to the key it was started with.
admin_key=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
export FLOWDECK_DEMO_ADMIN_KEY=$admin_key
# Its own session (and so process group), so that it can be stopped whole.
setsid scripts/headless.sh scripts/run-app.sh >"$log" 2>&1 &
group=$!
stop() { kill -TERM -- "-$group" 2>/dev/null || true; sleep 1; kill -KILL -- "-$group" 2>/dev/null || true; }
trap stop EXIT

demo_workflows=(WKF-NEWSLETTER WKF-WELCOME WKF-BIRTHDAY WKF-CRM-IMPORT WKF-WINBACK WKF-SUMMER-SALE)
deadline=$((SECONDS + 900))
while :; do
  requests=$(curl -sf -H "X-Simulator-Key: $admin_key" "http://127.0.0.1:$port/_simulator/requests" || true)
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

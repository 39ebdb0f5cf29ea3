#!/usr/bin/env bash
# The installers under test (.deb, .rpm), and what the update test serves them, all in
# target/update-test/:
#   flowdeck.key(.pub)  a signing key made for this machine's test runs (the real one is the CI
#                       secret TAURI_SIGNING_PRIVATE_KEY; see .github/workflows/release.yml)
#   config.json         the test build's updater: that public key, and the update test's own
#                       address on this computer (plain HTTP, allowed in this build only)
#   current.deb         the release .deb under test (also in target/release/bundle/)
#   next.deb(.sig)      the next patch version, signed with the key: a debug build of the same
#                       code (a second release build would cost minutes of link-time optimisation)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh
out=target/update-test
mkdir -p "$out"
if [ ! -f "$out/flowdeck.key" ]; then
  npx tauri signer generate --ci --password "" --write-keys "$out/flowdeck.key" >/dev/null
fi
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
next=$(echo "$version" | awk -F. '{ printf "%d.%d.%d", $1, $2, $3 + 1 }')
cat > "$out/config.json" <<JSON
{ "plugins": { "updater": {
  "pubkey": "$(cat "$out/flowdeck.key.pub")",
  "endpoints": ["http://127.0.0.1:47631/latest.json"],
  "dangerousInsecureTransportProtocol": true
} } }
JSON

npx tauri build --bundles deb,rpm --config "$out/config.json"
cp "target/release/bundle/deb/Flowdeck_${version}_amd64.deb" "$out/current.deb"

npx tauri build --debug --bundles deb --config "$out/config.json" --config "{\"version\":\"$next\"}"
cp "target/debug/bundle/deb/Flowdeck_${next}_amd64.deb" "$out/next.deb"
rm -f "$out/next.deb.sig"
npx tauri signer sign --private-key-path "$out/flowdeck.key" --password "" "$out/next.deb" >/dev/null
echo "$next" > "$out/next-version"
ls -l "$out"

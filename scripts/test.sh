#!/usr/bin/env bash
# Sets up what is missing, then runs every check and test: formatting, lints, the TypeScript
# checker, Rust unit and integration tests, component tests, and the end-to-end tests that
# drive the built app under Xvfb in a D-Bus session.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PATH"
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Formatting"
cargo fmt --all --check

step "TypeScript and Svelte (strict)"
npm run --silent check

step "Clippy"
cargo clippy --all-targets --locked -- -D warnings
cargo clippy -p flowdeck-e2e --all-targets --locked -- -D warnings

step "Rust tests (the keyring ones against a real Secret Service)"
scripts/headless.sh cargo test --locked -- --test-threads=1

step "Component tests"
npm test --silent

step "Building the app for the end-to-end tests"
npx tauri build --debug --no-bundle

step "End-to-end tests (Xvfb, D-Bus session)"
cargo test -p flowdeck-e2e --locked --no-run
# One app at a time (tauri-driver serves one session), and never a hung CI run.
timeout 900 scripts/headless.sh cargo test -p flowdeck-e2e --locked -- --test-threads=1

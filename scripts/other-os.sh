#!/usr/bin/env bash
# Windows and macOS from this Linux machine, so that code behind `cfg` is compiled, linted and
# (for Windows) tested in every run, not first at a release.
#
#   scripts/other-os.sh lint      clippy -D warnings for Windows x64 and for macOS on Apple
#                                 silicon and Intel: the app and every plain crate
#   scripts/other-os.sh windows   the plain crates' tests linked for Windows and run under Wine,
#                                 and the app's Windows .exe linked
#
# Installs what it needs (mingw-w64, Wine, the Rust targets) when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh
. scripts/packages.sh
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

WINDOWS=x86_64-pc-windows-gnu
# One macOS target: no line of Flowdeck's depends on the CPU (no `target_arch`), so Intel's
# lint would repeat Apple silicon's, for minutes of CI. The release workflow builds both.
MACOS=(aarch64-apple-darwin)
# The app and the crates that know nothing of Tauri. The E2E harness and the bench drive the
# Linux build only.
PACKAGES=(-p flowdeck -p flowdeck-campaign -p flowdeck-store -p flowdeck-secrets -p flowdeck-session -p campaign-simulator)
PLAIN_CRATES=(-p flowdeck-campaign -p flowdeck-store -p flowdeck-secrets -p flowdeck-session -p campaign-simulator)

ensure_targets() {
  local installed
  installed=$(rustup target list --installed)
  for target in "$@"; do
    grep -qx "$target" <<<"$installed" || rustup target add "$target"
  done
}

# mingw-w64 links Windows programs (the posix flavour: Rust's std needs its threads) and its
# windres compiles the app's icon and version resource.
MINGW=(gcc-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64)

lint() {
  ensure_packages "${MINGW[@]}"
  ensure_targets "$WINDOWS" "${MACOS[@]}"
  say "Clippy for Windows x64 ($WINDOWS)"
  cargo clippy --locked --target "$WINDOWS" "${PACKAGES[@]}" --all-targets -- -D warnings
  for target in "${MACOS[@]}"; do
    say "Clippy for macOS ($target)"
    # Two build scripts (objc2-exception-helper's, mac-notification-sys's) compile Objective-C
    # against Apple's SDK, which no Linux machine may have; DOCS_RS makes them skip it, as on
    # docs.rs. Clippy only type-checks and lints, so every line of Rust is still checked.
    DOCS_RS=1 cargo clippy --locked --target "$target" "${PACKAGES[@]}" --all-targets -- -D warnings
  done
}

windows() {
  ensure_packages "${MINGW[@]}" wine64
  ensure_targets "$WINDOWS"
  export WINEPREFIX="$PWD/target/wine" WINEDEBUG=-all
  # No Mono or Gecko prompts; the stand-in ProcessPrng (scripts/wine) before Wine's own DLL.
  export WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n,b"
  # Debian's wine64 package puts its loader here, without the `wine` wrapper on PATH.
  local wine
  wine=$(command -v wine || command -v wine64 || echo /usr/lib/wine/wine64)
  local stub="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
  if [ ! -f "$stub" ]; then
    say "Preparing a Wine prefix in target/wine"
    "$wine" wineboot -i >/dev/null 2>&1
    x86_64-w64-mingw32-gcc -shared -O2 -o "$stub" scripts/wine/process_prng.c scripts/wine/process_prng.def -ladvapi32
  fi
  say "The plain crates' tests as Windows programs, under Wine"
  CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="$wine" \
    cargo test --locked --target "$WINDOWS" "${PLAIN_CRATES[@]}" -- --test-threads=1
  say "The app's Windows .exe"
  cargo build --locked --target "$WINDOWS" -p flowdeck
  ls -l "target/$WINDOWS/debug/flowdeck.exe"
}

case "${1:-}" in
  lint) lint ;;
  windows) windows ;;
  *) echo "usage: scripts/other-os.sh lint|windows" >&2; exit 2 ;;
esac

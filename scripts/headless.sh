#!/usr/bin/env bash
# Runs a command the way the app runs on a desktop, without one: a virtual X display (Xvfb)
# and a private D-Bus session with an unlocked Secret Service (gnome-keyring), in an empty HOME
# for the keyring so that no existing, locked keyring is picked up.
set -euo pipefail
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home"
exec xvfb-run --auto-servernum --server-args="-screen 0 1280x900x24" \
  dbus-run-session -- sh -c 'echo -n flowdeck | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"' sh "$@"

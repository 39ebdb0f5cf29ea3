#!/usr/bin/env bash
# Runs a command with a Secret Service that cannot be used, as users meet it:
#   stopped  no Secret Service at all (no D-Bus session bus, no display to start one)
#   locked   gnome-keyring running, and no display for a password prompt: the command locks
#            the collection itself once it has put a secret there
# FLOWDECK_KEYRING tells the command which.
set -euo pipefail
state=$1; shift
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home" FLOWDECK_KEYRING="$state"
case "$state" in
  stopped)
    exec env -u DBUS_SESSION_BUS_ADDRESS -u DISPLAY "$@" ;;
  locked)
    exec env -u DISPLAY dbus-run-session -- sh -c '
      echo -n flowdeck | gnome-keyring-daemon --unlock --components=secrets >/dev/null
      exec "$@"' sh "$@" ;;
  *) echo "usage: $0 stopped|locked COMMAND..." >&2; exit 2 ;;
esac

#!/bin/sh
# Runs a command in a D-Bus session of its own with an unlocked gnome-keyring-daemon providing
# the Secret Service, so QtKeychain talks to a real keyring without touching the user's.
set -eu
exec dbus-run-session -- sh -c '
    printf %s countersign-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec "$@"' sh "$@"

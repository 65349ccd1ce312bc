#!/bin/sh
# Runs a command under Xvfb, in a D-Bus session of its own, with a real dunst answering
# org.freedesktop.Notifications; dunst is stopped when the command ends.
set -eu
exec xvfb-run -a dbus-run-session -- sh -c '
    dunst >"${TMPDIR:-/tmp}/countersign-dunst.$$.log" 2>&1 &
    dunst_pid=$!
    status=0
    "$@" || status=$?
    kill "$dunst_pid" 2>/dev/null || true
    exit "$status"' sh "$@"

#!/bin/sh
# Runs a command in a D-Bus session bus of its own (the test brings its own notification service).
set -eu
exec dbus-run-session -- "$@"

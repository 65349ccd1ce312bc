#!/bin/sh
# Runs a command beside a PostgreSQL server of its own: initdb into a temporary directory, the
# server listening on a Unix socket there only (no port to collide with), stopped and removed when
# the command ends. The command finds it in COUNTERSIGN_TEST_POSTGRESQL, a storage URL of its
# `postgres` database; tests make a database of their own on it (tests/support/TestDatabase.cpp).
# PostgreSQL refuses to run as root: as root the server runs as the `postgres` user that Debian's
# package made.
set -eu
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
dir=$(mktemp -d "${TMPDIR:-/tmp}/countersign-pg.XXXXXX")
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
chmod 0755 "$dir"
stop() {
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap stop EXIT INT TERM
as_owner "$bin/initdb" -D "$dir/data" -A trust -U countersign -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-k $dir -c listen_addresses= -c max_connections=300" start >/dev/null ||
    { cat "$dir/server.log" >&2; exit 1; }
export COUNTERSIGN_TEST_POSTGRESQL="postgresql:///postgres?host=$dir&user=countersign"
status=0
"$@" || status=$?
exit $status

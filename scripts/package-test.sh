#!/bin/sh
# Builds the Debian packages from ./build (cpack) and checks them (lintian, desktop-file-validate,
# appstreamcli, man, the completions' syntax). Then boots systemd in a container on a throwaway
# copy of this machine (systemd-nspawn on an overlay of / whose changes live in a tmpfs) and, in
# it: installs the packages with apt, sees systemd start the gateway's unit as the user countersign
# (Type=notify: active only once the gateway said READY), reloads it, has an agent ask and the CLI
# decide with a software key, stops it, and purges the packages: only the data directory and the
# service's user stay. This machine itself is left as it was. Called by scripts/test.sh; root only.
set -eu
[ "$(id -u)" -eq 0 ] || exec sudo "$0" "$@"
cd "$(dirname "$0")/.."
work=$(mktemp -d /var/tmp/countersign-package-test.XXXXXX)
container_pid=""
cleanup() {
    if [ -n "$container_pid" ]; then
        kill -TERM "$container_pid" 2>/dev/null || true # nspawn shuts the container down
        wait "$container_pid" 2>/dev/null || true
    fi
    umount "$work/root" 2>/dev/null || true
    umount "$work/layers" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
say() { printf 'package-test: %s\n' "$*"; }
die() { say "FAILED: $*"; exit 1; }

rm -rf build/packages
(cd build && cpack -G DEB >/dev/null)
debs=$(ls build/packages/*.deb)
[ "$(echo "$debs" | wc -l)" -eq 3 ] || die "expected three packages, got: $debs"

for package in countersign countersign-gateway countersign-cli; do
    dpkg-deb -c build/packages/${package}_*.deb | grep -q " ./usr/bin/$package$" || die "$package has no /usr/bin/$package"
done

say "lintian"
# shellcheck disable=SC2086 # the package paths are one word each
lintian --fail-on error,warning --suppress-tags-from-file installers/debian/lintian-overrides $debs
say "desktop-file-validate, appstreamcli, man --warnings, completions"
desktop-file-validate resources/org.countersign.Console.desktop
appstreamcli validate --no-net resources/org.countersign.Console.metainfo.xml
for page in build/installers/man/*.gz; do
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null)
    [ -z "$warnings" ] || die "man --warnings $page: $warnings"
done
bash -n installers/completion/countersign-cli.bash
zsh -n installers/completion/_countersign-cli
say "systemd-analyze security (offline): the unit's exposure"
exposure=$(systemd-analyze security --offline=true --threshold=25 installers/systemd/countersign-gateway.service) ||
    die "the unit's exposure is above 2.5: $(echo "$exposure" | tail -1)"
echo "$exposure" | tail -1

# The container: / as its lower layer, a tmpfs for everything it changes, its own systemd as PID 1;
# it shares this machine's network, so its gateway listens on this machine's loopback.
say "booting systemd in a container on an overlay of /"
mkdir -p "$work/layers" "$work/root"
mount -t tmpfs -o size=2G countersign-package-test "$work/layers"
mkdir -p "$work/layers/upper" "$work/layers/work"
mount -t overlay overlay -o "lowerdir=/,upperdir=$work/layers/upper,workdir=$work/layers/work" "$work/root"
rm -rf "$work/root/var/lib/countersign" # a gateway of this machine's is not the container's business
# A container image's policy-rc.d forbids starting services from maintainer scripts (docker build);
# a booted machine has none, so the container has none either.
rm -f "$work/root/usr/sbin/policy-rc.d"
# The packages go into the container's own /root: its /tmp is a fresh tmpfs, where a clone under
# /tmp would not be seen.
mkdir -p "$work/root/root/packages"
# shellcheck disable=SC2086 # the package paths are one word each
cp $debs "$work/root/root/packages/"
systemd-nspawn --directory="$work/root" --register=no --keep-unit --link-journal=no --quiet --console=passive --boot \
    systemd.unit=multi-user.target >"$work/boot.log" 2>&1 &
container_pid=$!
init_pid=""
for _ in $(seq 100); do
    init_pid=$(pgrep -P "$container_pid" -x systemd || true)
    [ -n "$init_pid" ] && break
    sleep 0.1
done
[ -n "$init_pid" ] || die "the container did not start (log: $(cat "$work/boot.log"))"
inside() {
    nsenter --target "$init_pid" --all --root --wd \
        env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C.UTF-8 "$@"
}
# Its systemd answers once it made its private socket: until then systemctl cannot connect.
state=""
for _ in $(seq 240); do
    state=$(inside timeout 120 systemctl is-system-running --wait 2>/dev/null || true)
    case "$state" in
    running | degraded | maintenance | stopping) break ;;
    esac
    sleep 0.5
done
case "$state" in
running | degraded) say "systemd in the container: $state" ;;
*) die "systemd in the container did not come up ($state): $(tail -20 "$work/boot.log")" ;;
esac

say "apt-get install ./build/packages/*.deb (in the container)"
# shellcheck disable=SC2046 # the package paths are one word each
inside env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    $(echo "$debs" | sed "s|^.*/|/root/packages/|") >"$work/apt.log" 2>&1 || die "apt-get install: $(cat "$work/apt.log")"
for program in countersign countersign-gateway countersign-cli; do
    version=$(inside env QT_QPA_PLATFORM=offscreen "$program" --version)
    echo "$version" | grep -q "^$program 0*" || die "$program --version says '$version'"
done
inside id countersign >/dev/null || die "no user countersign"
[ "$(inside stat -c '%G %a' /etc/countersign/gateway.yaml)" = "countersign 640" ] ||
    die "gateway.yaml is not root:countersign 0640"
# The application menu and the countersign:// handler: desktop-file-utils' trigger indexed the entry.
inside grep -q '^x-scheme-handler/countersign=.*org.countersign.Console.desktop' \
    /usr/share/applications/mimeinfo.cache || die "countersign:// is not registered with the console (mimeinfo.cache)"
inside man -w countersign-gateway >/dev/null && inside man -w countersign-cli >/dev/null &&
    inside man -w countersign >/dev/null
inside test -f /usr/share/bash-completion/completions/countersign-cli || die "no bash completion"
unit=/lib/systemd/system/countersign-gateway.service
inside systemd-analyze verify "$unit" || die "systemd-analyze verify $unit"

# The unit as systemd runs it: the package enabled and started it with the packaged configuration.
show() { inside systemctl show countersign-gateway --value -p "$1"; }
wait_active() {
    for _ in $(seq 100); do
        [ "$(show ActiveState)" = active ] && [ "$(show SubState)" = running ] && return 0
        sleep 0.1
    done
    inside journalctl -u countersign-gateway --no-pager | tail -20
    die "systemd does not have the gateway running ($(show ActiveState)/$(show SubState))"
}
healthy() {
    for _ in $(seq 50); do
        inside curl -fs "$1/healthz" >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    die "the gateway does not answer on $1"
}
say "systemd runs the gateway as packaged"
[ "$(inside systemctl is-enabled countersign-gateway)" = enabled ] || die "the unit is not enabled"
wait_active
main_pid=$(show MainPID)
[ "$(inside ps -o user= -p "$main_pid")" = countersign ] || die "the gateway does not run as countersign"
[ "$(inside stat -c '%U %a' /var/lib/countersign)" = "countersign 700" ] || die "/var/lib/countersign is not countersign 0700"
healthy http://127.0.0.1:8470
say "systemctl reload: SIGHUP, RELOADING, READY"
inside systemctl reload countersign-gateway || die "systemctl reload failed"
wait_active
[ "$(show MainPID)" = "$main_pid" ] || die "reload restarted the gateway"

say "an agent asks, the CLI decides (in the container)"
agent=$(inside countersign-gateway token create --id ci-agent --role agent)
approver=$(inside countersign-gateway token create --id ci-approver --role approver)
agent_token=$(echo "$agent" | sed -n 's/^token: //p')
approver_token=$(echo "$approver" | sed -n 's/^token: //p')
{
    echo "gateway_id: package-test"
    echo "listen: 127.0.0.1:18470"
    echo "data_dir: /var/lib/countersign"
    echo "principals:"
    echo "$agent" | sed -n '/^  - id:/,$p'
    echo "$approver" | sed -n '/^  - id:/,$p'
} >"$work/root/etc/countersign/gateway.yaml"
url=http://127.0.0.1:18470
inside systemctl restart countersign-gateway
wait_active
healthy $url
inside countersign-cli exec --url $url --token "$agent_token" --kind deploy --system web --resource api --env prod \
    --justification "package test" -- touch /root/ran >"$work/exec.log" 2>&1 &
exec_pid=$!
inside countersign-cli key enroll --url $url --token "$approver_token" --key software:/root/approver.key \
    --label package-test --json >"$work/key.json"
key_id=$(jq -r '.id' "$work/key.json")
inside runuser -u countersign -- countersign-gateway key approve "$key_id" --config /etc/countersign/gateway.yaml --by ci
action_id=""
for _ in $(seq 50); do
    action_id=$(inside countersign-cli pending --url $url --token "$approver_token" --json | jq -r '.actions[0].id // empty')
    [ -n "$action_id" ] && break
    sleep 0.2
done
[ -n "$action_id" ] || die "the agent's action never reached the approver"
inside countersign-cli decide "$action_id" --url $url --token "$approver_token" --approve --reason "package test" \
    --key software:/root/approver.key
wait "$exec_pid" || die "exec ended with $? (log: $(cat "$work/exec.log"))"
inside test -f /root/ran || die "the approved command did not run"

say "systemctl stop: a clean exit"
inside systemctl stop countersign-gateway
if [ "$(show Result)" != success ] || [ "$(show ExecMainStatus)" != 0 ]; then
    die "the gateway did not stop cleanly (Result=$(show Result), status $(show ExecMainStatus))"
fi
inside journalctl -u countersign-gateway --no-pager | grep -q "countersign-gateway stopped" ||
    die "the journal has no clean stop: $(inside journalctl -u countersign-gateway --no-pager | tail -5)"

say "apt-get purge (in the container)"
inside env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq countersign countersign-gateway countersign-cli >/dev/null
left=$(inside dpkg -L countersign countersign-gateway countersign-cli 2>/dev/null || true)
[ -z "$left" ] || die "dpkg still lists files: $left"
for path in /usr/bin/countersign /usr/bin/countersign-gateway /usr/bin/countersign-cli /etc/countersign \
    /lib/systemd/system/countersign-gateway.service /usr/share/applications/org.countersign.Console.desktop; do
    inside test ! -e "$path" || die "$path is still there after purge"
done
inside test -f /var/lib/countersign/gateway.sqlite || die "purge removed the data directory (the audit log stays)"
[ "$(inside systemctl is-active countersign-gateway || true)" = inactive ] || die "the unit is still known after purge"
say "passed: built, checked, installed, run by systemd, exercised and purged"

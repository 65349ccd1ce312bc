#!/bin/sh
# Builds the Debian packages from ./build (cpack), checks them (lintian, desktop-file-validate,
# appstreamcli, man, the completions' syntax), installs them into this machine with apt, runs the
# gateway as its systemd unit says (by systemd where it runs, else the unit's ExecStart as the
# unit's user), has an agent ask and the CLI decide with a software key, and purges the packages
# again: only the data directory and the service's user stay. Called by scripts/test.sh; root only.
set -eu
[ "$(id -u)" -eq 0 ] || exec sudo "$0" "$@"
cd "$(dirname "$0")/.."
work=$(mktemp -d)
gateway_pid=""
cleanup() {
    [ -n "$gateway_pid" ] && kill "$gateway_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
say() { printf 'package-test: %s\n' "$*"; }
die() { say "FAILED: $*"; exit 1; }

# It installs, purges and deletes /var/lib/countersign: never where the packages are in real use.
if dpkg-query -W countersign-gateway >/dev/null 2>&1 || [ -e /var/lib/countersign ]; then
    die "countersign-gateway is installed or /var/lib/countersign exists here; this test would purge it"
fi

rm -rf build/packages
(cd build && cpack -G DEB >/dev/null)
debs=$(ls build/packages/*.deb)
[ "$(echo "$debs" | wc -l)" -eq 3 ] || die "expected three packages, got: $debs"

for package in countersign countersign-gateway countersign-cli; do
    dpkg-deb -c build/packages/${package}_*.deb | grep -q " ./usr/bin/$package$" || die "$package has no /usr/bin/$package"
done

say "lintian"
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

say "apt-get install ./build/packages/*.deb"
# shellcheck disable=SC2086 # the package paths are one word each
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(echo "$debs" | sed 's|^|./|') >/dev/null
for program in countersign countersign-gateway countersign-cli; do
    version=$(QT_QPA_PLATFORM=offscreen "$program" --version)
    echo "$version" | grep -q "^$program 0*" || die "$program --version says '$version'"
done
id countersign >/dev/null || die "no user countersign"
[ "$(stat -c '%G %a' /etc/countersign/gateway.yaml)" = "countersign 640" ] || die "gateway.yaml is not root:countersign 0640"
# The application menu and the countersign:// handler: desktop-file-utils' trigger indexed the entry.
grep -q '^x-scheme-handler/countersign=.*org.countersign.Console.desktop' /usr/share/applications/mimeinfo.cache ||
    die "countersign:// is not registered with the console (mimeinfo.cache)"
man -w countersign-gateway >/dev/null && man -w countersign-cli >/dev/null && man -w countersign >/dev/null
[ -f /usr/share/bash-completion/completions/countersign-cli ] || die "no bash completion"

unit=/lib/systemd/system/countersign-gateway.service
systemd-analyze verify "$unit" || die "systemd-analyze verify $unit"
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
start_gateway() {
    if [ -d /run/systemd/system ]; then
        systemctl restart countersign-gateway
    else
        # What systemd would do: StateDirectory, User, UMask, Environment, then ExecStart.
        install -d -m 0700 -o countersign -g countersign /var/lib/countersign
        # shellcheck disable=SC2086 # ExecStart is a command line
        (umask 077 && exec setpriv --reuid=countersign --regid=countersign --init-groups env QT_ENABLE_REGEXP_JIT=0 $exec_start) \
            >"$work/gateway.log" 2>&1 &
        gateway_pid=$!
    fi
    url=$1
    for _ in $(seq 50); do
        curl -fs "$url/healthz" >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    cat "$work/gateway.log" 2>/dev/null || journalctl -u countersign-gateway --no-pager | tail -20
    die "the gateway did not start"
}
stop_gateway() {
    if [ -d /run/systemd/system ]; then
        systemctl stop countersign-gateway
    else
        kill -TERM "$gateway_pid"
        wait "$gateway_pid" || die "the gateway did not stop cleanly on SIGTERM (exit $?)"
        gateway_pid=""
    fi
}

say "the gateway with the configuration as packaged"
start_gateway http://127.0.0.1:8470
stop_gateway

say "an agent asks, the CLI decides"
agent=$(countersign-gateway token create --id ci-agent --role agent)
approver=$(countersign-gateway token create --id ci-approver --role approver)
agent_token=$(echo "$agent" | sed -n 's/^token: //p')
approver_token=$(echo "$approver" | sed -n 's/^token: //p')
{
    echo "gateway_id: package-test"
    echo "listen: 127.0.0.1:18470"
    echo "data_dir: /var/lib/countersign"
    echo "principals:"
    echo "$agent" | sed -n '/^  - id:/,$p'
    echo "$approver" | sed -n '/^  - id:/,$p'
} >/etc/countersign/gateway.yaml
url=http://127.0.0.1:18470
start_gateway $url
countersign-cli exec --url $url --token "$agent_token" --kind deploy --system web --resource api --env prod \
    --justification "package test" -- touch "$work/ran" >"$work/exec.log" 2>&1 &
exec_pid=$!
key=$work/approver.key
countersign-cli key enroll --url $url --token "$approver_token" --key "software:$key" --label package-test --json \
    >"$work/key.json"
key_id=$(jq -r '.id' "$work/key.json")
runuser -u countersign -- countersign-gateway key approve "$key_id" --config /etc/countersign/gateway.yaml --by ci
action_id=""
for _ in $(seq 50); do
    action_id=$(countersign-cli pending --url $url --token "$approver_token" --json | jq -r '.actions[0].id // empty')
    [ -n "$action_id" ] && break
    sleep 0.2
done
[ -n "$action_id" ] || die "the agent's action never reached the approver"
countersign-cli decide "$action_id" --url $url --token "$approver_token" --approve --reason "package test" \
    --key "software:$key"
wait "$exec_pid" || die "exec ended with $? (log: $(cat "$work/exec.log"))"
[ -f "$work/ran" ] || die "the approved command did not run"
stop_gateway

say "apt-get purge"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq countersign countersign-gateway countersign-cli >/dev/null
left=$(dpkg -L countersign countersign-gateway countersign-cli 2>/dev/null || true)
[ -z "$left" ] || die "dpkg still lists files: $left"
for path in /usr/bin/countersign /usr/bin/countersign-gateway /usr/bin/countersign-cli /etc/countersign \
    /lib/systemd/system/countersign-gateway.service /usr/share/applications/org.countersign.Console.desktop; do
    [ ! -e "$path" ] || die "$path is still there after purge"
done
[ -f /var/lib/countersign/gateway.sqlite ] || die "purge removed the data directory (the audit log stays)"
rm -rf /var/lib/countersign
say "passed: built, checked, installed, exercised and purged"

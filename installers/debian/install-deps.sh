#!/bin/sh
# Installs what Countersign needs to build, test and run on Debian 12, and nothing that is
# already there. Idempotent; uses sudo when not run as root.
set -eu

PACKAGES="build-essential cmake ninja-build pkg-config libssl-dev
qt6-base-dev qt6-websockets-dev qt6-httpserver-dev qtkeychain-qt6-dev
qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
libqt6sql6-sqlite libqt6sql6-psql libqt6svg6 libsqlite3-dev libyaml-cpp-dev libfido2-dev
softhsm2 p11-kit libp11-kit-dev opensc openssl jq
xvfb xauth dbus-x11 gnome-keyring libsecret-1-0 libsecret-tools dunst
clang libclang-rt-14-dev clang-format clang-tidy
libsystemd-dev scdoc lintian desktop-file-utils appstream bash-completion zsh curl man-db
systemd systemd-container procps postgresql libpq-dev"

missing=""
for package in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done

if [ -z "$missing" ]; then
    echo "countersign: all build and test dependencies are installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
echo "countersign: installing$missing"
$SUDO apt-get update -qq
# shellcheck disable=SC2086 # word splitting of the package list is intended
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing

#!/bin/sh
# Runs clang-tidy (.clang-tidy: bugprone, performance, clang-analyzer) over every Countersign source
# of ./build's compile database; fails on any finding.
set -eu
cd "$(dirname "$0")/.."
[ -f build/compile_commands.json ] || COUNTERSIGN_CMAKE_ARGS="-DCOUNTERSIGN_WERROR=ON" ./scripts/build.sh
files=$(git ls-files 'core/*.cpp' 'gateway/*.cpp' 'cli/*.cpp' 'ui/*.cpp' 'app/*.cpp')
# shellcheck disable=SC2086
run-clang-tidy -quiet -p build -j "$(nproc)" $files

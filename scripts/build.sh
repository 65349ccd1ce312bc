#!/bin/sh
# Configures and builds Countersign into ./build (shared by the demo and test commands).
set -eu
cd "$(dirname "$0")/.."
# COUNTERSIGN_CMAKE_ARGS: more configure options (scripts/test.sh turns warnings into errors).
# shellcheck disable=SC2086
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo ${COUNTERSIGN_CMAKE_ARGS:-} >/dev/null
cmake --build build --parallel

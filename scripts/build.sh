#!/bin/sh
# Configures and builds Countersign into ./build (shared by the demo and test commands).
set -eu
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --parallel

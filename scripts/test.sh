#!/bin/sh
# README command 2 (and .ci/run): install what is missing, build, and run every test.
set -eu
cd "$(dirname "$0")/.."
./installers/debian/install-deps.sh
COUNTERSIGN_CMAKE_ARGS="-DCOUNTERSIGN_WERROR=ON" ./scripts/build.sh
cd build
ctest --output-on-failure --timeout 300 -j 2

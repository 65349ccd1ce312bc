#!/bin/sh
# README command 2 (and .ci/run): install what is missing, build, and run every test: the format
# check, clang-tidy, the suite, the Debian packages (built, linted, then installed, run by systemd,
# exercised and purged in a container), each fuzz target for 30 s, and the unit and integration
# tests once more under AddressSanitizer and UndefinedBehaviorSanitizer.
set -eu
cd "$(dirname "$0")/.."
./installers/debian/install-deps.sh
COUNTERSIGN_CMAKE_ARGS="-DCOUNTERSIGN_WERROR=ON" ./scripts/build.sh
cmake --build build --target format-check
./scripts/tidy.sh
(cd build && ctest --output-on-failure --timeout 300 -j 2)
./scripts/package-test.sh
./scripts/fuzz.sh 30
./scripts/sanitize.sh

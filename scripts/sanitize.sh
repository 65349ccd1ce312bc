#!/bin/sh
# The unit and integration tests once more, built with AddressSanitizer and UndefinedBehaviorSanitizer
# in ./build-asan (the gateway and CLI they start too). Leak checking is off: Qt's own one-time
# allocations would drown what it finds.
set -eu
cd "$(dirname "$0")/.."
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOUNTERSIGN_SANITIZE=ON \
    -DCOUNTERSIGN_WERROR=ON >/dev/null
cmake --build build-asan --target unit-and-integration-tests
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:detect_stack_use_after_return=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
cd build-asan
ctest --output-on-failure --timeout 600 -j 2 -L 'unit|integration'

#!/bin/sh
# Builds the libFuzzer targets (clang, ASan + UBSan) in ./build-fuzz and runs each for SECONDS
# (default 300) from its seed corpus in tests/fuzz/corpus. .ci/run runs it for 30 s each.
# A crash leaves its input in build-fuzz/crashes/TARGET/; copy it into the target's corpus
# directory so that every later run replays it, and fix the bug.
set -eu
cd "$(dirname "$0")/.."
seconds="${1:-300}"
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DCOUNTERSIGN_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build build-fuzz --target fuzzers
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export QT_LOGGING_RULES="*.debug=false;countersign.*=false"
status=0
for seeds in tests/fuzz/corpus/*/; do
    target=$(basename "$seeds")
    work="build-fuzz/corpus/$target"
    crashes="build-fuzz/crashes/$target"
    mkdir -p "$work" "$crashes"
    echo "fuzz: $target for ${seconds}s"
    if ! "build-fuzz/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$crashes/" "$work" "$seeds" >"build-fuzz/$target.log" 2>&1; then
        echo "fuzz: $target FAILED; see build-fuzz/$target.log and $crashes" >&2
        tail -40 "build-fuzz/$target.log" >&2
        status=1
    else
        grep -E "^stat::number_of_executed_units|^stat::new_units_added" "build-fuzz/$target.log" | tr '\n' ' '
        echo
    fi
done
exit "$status"

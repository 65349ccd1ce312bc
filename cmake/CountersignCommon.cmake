# One interface target carries the compile settings every Countersign target uses.
add_library(countersign_common INTERFACE)
target_compile_features(countersign_common INTERFACE cxx_std_20)
target_compile_definitions(countersign_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_UP_TO=0x060400)
target_compile_options(countersign_common INTERFACE -Wall -Wextra -Wpedantic)
# Warnings are errors where the tests are run (scripts/test.sh, and so .ci/run, turns this on).
option(COUNTERSIGN_WERROR "Treat compiler warnings as errors" OFF)
if(COUNTERSIGN_WERROR)
    target_compile_options(countersign_common INTERFACE -Werror)
endif()

# Fuzzing (tests/fuzz, scripts/fuzz.sh): clang instruments every Countersign target for libFuzzer's
# coverage, AddressSanitizer and UndefinedBehaviorSanitizer.
option(COUNTERSIGN_FUZZ "Build the libFuzzer targets (clang)" OFF)
if(COUNTERSIGN_FUZZ)
    target_compile_options(countersign_common INTERFACE -fsanitize=fuzzer-no-link,address,undefined
        -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(countersign_common INTERFACE -fsanitize=address,undefined)
endif()
# The unit and integration tests under AddressSanitizer and UndefinedBehaviorSanitizer
# (scripts/sanitize.sh, a build directory of its own).
option(COUNTERSIGN_SANITIZE "Build with ASan and UBSan" OFF)
if(COUNTERSIGN_SANITIZE)
    target_compile_options(countersign_common INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=undefined
        -fno-omit-frame-pointer)
    target_link_options(countersign_common INTERFACE -fsanitize=address,undefined)
endif()

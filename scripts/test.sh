#!/usr/bin/env bash
# Runs every test registered with CTest in ./build: unit_tests (GoogleTest, tests/unit/) and
# sql_tests (the sqllogictest runner over tests/sql/). Prints the runners' summary lines
# last and exits non-zero if anything failed.
#
#   ./scripts/test.sh                 # after ./scripts/build.sh
#   ./scripts/test.sh -R sql_tests    # extra arguments go to ctest
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

BUILD_DIR="${BUILD_DIR:-build}"
if [ ! -f "$BUILD_DIR/CTestTestfile.cmake" ]; then
  echo "test.sh: $BUILD_DIR is not built; run ./scripts/build.sh first" >&2
  exit 1
fi

ctest --test-dir "$BUILD_DIR" --output-on-failure --no-tests=error "$@"
status=$?

# CTest keeps every test's full output (passed ones too) in LastTest.log.
log="$BUILD_DIR/Testing/Temporary/LastTest.log"
echo
echo "==== summary ===="
if [ -f "$log" ]; then
  # GoogleTest: "[  PASSED  ] N tests." and, on failure, "[  FAILED  ] N tests, listed below:"
  grep -E '^\[  (PASSED|FAILED)  \] [0-9]+ tests?' "$log" | sed 's/^/unit_tests: /' || true
  # sqllogictest: its last line, "N passed, M failed"
  grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1 | sed 's/^/sql_tests:  /' || true
fi

if [ "$status" -ne 0 ]; then
  echo "test.sh: FAILED (ctest exit status $status)" >&2
  exit "$status"
fi
echo "test.sh: all tests passed"

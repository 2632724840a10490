#!/usr/bin/env bash
# Configures and builds DeepQuery into ./build (RelWithDebInfo, Ninja, ccache when installed).
#
#   ./scripts/build.sh              # all targets, one job per core
#   JOBS=2 ./scripts/build.sh       # limit parallel compile jobs
#   BUILD_TYPE=Debug BUILD_DIR=build-debug ./scripts/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR="${BUILD_DIR:-build}"
BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}"
JOBS="${JOBS:-$(nproc)}"

# A build directory configured by another generator (e.g. Makefiles) cannot be reused.
if [ -f "$BUILD_DIR/CMakeCache.txt" ] && ! grep -q "CMAKE_GENERATOR:INTERNAL=Ninja" "$BUILD_DIR/CMakeCache.txt"; then
  echo "build.sh: $BUILD_DIR was configured with another generator; remove it first" >&2
  exit 1
fi

cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE"
ninja -C "$BUILD_DIR" -j "$JOBS"
echo "build.sh: built $BUILD_DIR/tools/deepquery and the tests"

#!/usr/bin/env bash
# Installs the Debian 12 packages that building and testing DeepQuery need. Idempotent: apt-get
# skips what is already installed. Uses sudo unless run as root.
#
#   ./scripts/setup.sh
set -euo pipefail

# What the build uses (see CMakeLists.txt and tests/CMakeLists.txt):
#   compiler and build     build-essential (g++ 12), cmake (>= 3.25), ninja-build, ccache,
#                          pkg-config (finds the libraries below)
#   linked by the engine   libzstd-dev, liblz4-dev, libxxhash-dev, libre2-dev,
#                          nlohmann-json3-dev (warehouse manifests)
#   linked by the CLI      libedit-dev (line editing and history)
#   tests                  libgtest-dev, libgmock-dev
#   micro-benchmarks       libbenchmark-dev
#   dates and time zones   libhowardhinnant-date-dev (libdate-tz), tzdata
#   Unicode normalization  libicu-dev (NORMALIZE)
#   sample data generator  python3 (standard library only)
#   ONNX model import      libonnx-dev, libprotobuf-dev, protobuf-compiler
#   inference kernels      libopenblas-dev (cblas_sgemm), libdnnl-dev (oneDNN convolutions)
# The ML test fixtures in tests/data/ml are committed; regenerating them with
# scripts/make_test_models.py needs python3-torch, python3-onnx and python3-sklearn, which are
# not installed here (not needed to build or test).
# PostgreSQL 15 and sqlite3 (reference engines) are not needed by any test yet.
PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  libgtest-dev libgmock-dev libbenchmark-dev
  libzstd-dev liblz4-dev libxxhash-dev libre2-dev libedit-dev
  nlohmann-json3-dev libhowardhinnant-date-dev tzdata libicu-dev
  libonnx-dev libprotobuf-dev protobuf-compiler libopenblas-dev libdnnl-dev
  python3
)

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "setup.sh: not root and sudo is not installed; run as root" >&2
  exit 1
fi

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup.sh: all ${#PACKAGES[@]} packages are installed"
  exit 0
fi

echo "setup.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "setup.sh: done"

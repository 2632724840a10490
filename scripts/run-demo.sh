#!/usr/bin/env bash
# One command from a fresh clone to query results: installs packages, builds, runs the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
./scripts/demo.sh

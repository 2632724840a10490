#!/usr/bin/env bash
# Runs the demo: loads the bundled sample data (examples/sample/) into the embedded warehouse
# ./warehouse (or $DEEPQUERY_HOME) and runs the queries of examples/sample/demo.sql.
#
# The demo drops and recreates only the dataset `shop` (DROP SCHEMA IF EXISTS shop CASCADE at
# the top of demo.sql); other datasets in the warehouse are kept. Afterwards explore with
#   build/tools/deepquery            # interactive shell on ./warehouse
set -euo pipefail
cd "$(dirname "$0")/.."

DEEPQUERY="${BUILD_DIR:-build}/tools/deepquery"
WAREHOUSE="${DEEPQUERY_HOME:-warehouse}"
if [ ! -x "$DEEPQUERY" ]; then
  echo "demo.sh: $DEEPQUERY not found; run ./scripts/build.sh first" >&2
  exit 1
fi
if [ ! -f examples/sample/sales_2024_01.csv ]; then
  python3 examples/sample/generate.py
fi

echo "demo.sh: running examples/sample/demo.sql on warehouse $WAREHOUSE"
"$DEEPQUERY" "$WAREHOUSE" -f examples/sample/demo.sql
echo
echo "demo.sh: done. Explore the data with: $DEEPQUERY $WAREHOUSE"

#!/usr/bin/env bash
# TPC-H: DeepQuery vs DuckDB on the same generated data, in one run. See bench/README.md.
#
#   bench/run_tpch.sh [SF]            # SF defaults to 1
#
# Environment: QUERIES (default q1,q6; "all" = every bench/queries/tpch/*.sql), RUNS (5),
# WARMUP (1), THREADS (nproc; both engines get the same count), BUILD (build folder, default
# <repo>/build), KEEP_WAREHOUSE=1 to reuse an already loaded warehouse.
#
# Data: bench/data/sf<SF>/*.tbl from deepquery-dbgen (kept between runs); our warehouse:
# bench/data/warehouse-sf<SF> (rebuilt each run so its load is timed); answers and timings:
# bench/data/results-sf<SF>/. Exit status 1 when the engines' answers differ.
set -euo pipefail

SF="${1:-1}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${BUILD:-$ROOT/build}"
QUERIES="${QUERIES:-q1,q6}"
RUNS="${RUNS:-5}"
WARMUP="${WARMUP:-1}"
THREADS="${THREADS:-$(nproc)}"
DATA="$ROOT/bench/data/sf$SF"
WAREHOUSE="$ROOT/bench/data/warehouse-sf$SF"
RESULTS="$ROOT/bench/data/results-sf$SF"

for program in deepquery-dbgen deepquery-bench; do
  if [[ ! -x "$BUILD/tools/$program" ]]; then
    echo "run_tpch.sh: $BUILD/tools/$program not built (ninja -C $BUILD $program)" >&2
    exit 2
  fi
done
if [[ ! -d "$ROOT/bench/node_modules/@duckdb/node-api" ]]; then
  echo "run_tpch.sh: DuckDB client missing: npm install --prefix $ROOT/bench" >&2
  exit 2
fi
if [[ "$QUERIES" == all ]]; then
  QUERIES="$(cd "$ROOT/bench/queries/tpch" && ls *.sql | sed 's/\.sql$//' | sort -V | paste -sd, -)"
fi

cd "$ROOT"
source bench/tpch_common.sh
echo "== TPC-H SF $SF, queries $QUERIES, runs $RUNS (+$WARMUP warm-up), threads $THREADS"

tpch_generate_data

# Only this script's outputs: bench/tpch_postgres.sh keeps PostgreSQL's answers next to them.
rm -rf "$RESULTS"/{ours,ours-reopened,duckdb}{,.json}
mkdir -p "$RESULTS"
tpch_run_deepquery

# Again in a fresh process that opens the stored warehouse: the timing of a reopened
# warehouse, without whatever the load left in memory.
echo "== DeepQuery: reopened warehouse"
reopened_status=0
"$BUILD/tools/deepquery-bench" --warehouse "$WAREHOUSE" \
  --queries "$QUERIES" --runs "$RUNS" --warmup "$WARMUP" --threads "$THREADS" \
  --query-dir bench/queries/tpch --answers-out "$RESULTS/ours-reopened" \
  --json "$RESULTS/ours-reopened.json" || reopened_status=$?

echo "== DuckDB: loading in memory, then querying"
duckdb_status=0
node bench/tpch_duckdb.mjs --data "$DATA" --queries "$QUERIES" --runs "$RUNS" \
  --warmup "$WARMUP" --threads "$THREADS" --query-dir bench/queries/duckdb \
  --answers-out "$RESULTS/duckdb" --json "$RESULTS/duckdb.json" || duckdb_status=$?

compare_status=0
echo "== comparison (SF $SF), DeepQuery in the process that loaded the data"
node bench/compare_answers.mjs --ours "$RESULTS/ours" --duckdb "$RESULTS/duckdb" \
  --queries "$QUERIES" --ours-json "$RESULTS/ours.json" --duckdb-json "$RESULTS/duckdb.json" \
  --query-dir bench/queries/tpch || compare_status=1
echo "== comparison (SF $SF), DeepQuery on the reopened warehouse"
node bench/compare_answers.mjs --ours "$RESULTS/ours-reopened" --duckdb "$RESULTS/duckdb" \
  --queries "$QUERIES" --ours-json "$RESULTS/ours-reopened.json" \
  --duckdb-json "$RESULTS/duckdb.json" --query-dir bench/queries/tpch || compare_status=1
if [[ $ours_status != 0 || $reopened_status != 0 || $duckdb_status != 0 ]]; then
  echo "run_tpch.sh: a query failed (deepquery exit $ours_status/$reopened_status, duckdb exit $duckdb_status)" >&2
  exit 1
fi
exit $compare_status

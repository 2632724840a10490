#!/usr/bin/env bash
# TPC-H: PostgreSQL 15 as the reference engine. Loads deepquery-dbgen's data into a PostgreSQL
# database, runs the 22 queries, writes PostgreSQL's answers and timings, then runs DeepQuery
# on the same data and checks that its answers equal PostgreSQL's. See bench/README.md.
#
#   bench/tpch_postgres.sh [SF]       # SF defaults to 0.1
#
# Environment: QUERIES (default all = q1..q22), RUNS (3), WARMUP (1), THREADS (nproc; DeepQuery
# gets THREADS workers, PostgreSQL max_parallel_workers_per_gather = THREADS-1 plus the leader),
# BUILD (build folder with tools/deepquery-dbgen and tools/deepquery-bench, default
# <repo>/build), PGDB (database, default tpch_sf<SF> with '.' -> '_'), KEEP_DB=1 to reuse a
# loaded database, KEEP_WAREHOUSE=1 to reuse our loaded warehouse, OURS=0 to skip DeepQuery,
# PSQL (psql command; default psql, run as user postgres through runuser when we are root).
#
# Data: bench/data/sf<SF>/*.tbl (generated when schema.sql is missing). Answers (CSV, the format
# of tests/data/tpch_sf0.1) and timings: bench/data/results-sf<SF>/{postgres,ours}/<q>.csv,
# postgres.json, ours.json. Exit status 1 when a query fails or the answers differ.
set -euo pipefail

SF="${1:-0.1}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${BUILD:-$ROOT/build}"
QUERIES="${QUERIES:-all}"
RUNS="${RUNS:-3}"
WARMUP="${WARMUP:-1}"
THREADS="${THREADS:-$(nproc)}"
PGDB="${PGDB:-tpch_sf${SF//./_}}"
DATA="$ROOT/bench/data/sf$SF"
WAREHOUSE="$ROOT/bench/data/warehouse-sf$SF"
RESULTS="$ROOT/bench/data/results-sf$SF"
# PostgreSQL accepts the shared query texts unchanged, as DuckDB does (bench/README.md).
QUERY_DIR="$ROOT/bench/queries/duckdb"
if [[ -z "${PSQL:-}" ]]; then
  if [[ $(id -u) == 0 ]]; then PSQL="runuser -u postgres -- psql"; else PSQL="psql"; fi
fi
# Settings of every query session: parallel workers like our thread count, and enough work_mem
# that hashes and sorts stay in memory (PostgreSQL's default is 4MB).
SESSION="SET max_parallel_workers_per_gather = $((THREADS > 1 ? THREADS - 1 : 0));
SET work_mem = '256MB';"

pg() { $PSQL -X -q -v ON_ERROR_STOP=1 "$@"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

if [[ "$QUERIES" == all ]]; then
  QUERIES="$(cd "$QUERY_DIR" && ls *.sql | sed 's/\.sql$//' | sort -V | paste -sd, -)"
fi
cd "$ROOT"
source bench/tpch_common.sh
echo "== TPC-H SF $SF on PostgreSQL ($PGDB), queries $QUERIES, runs $RUNS (+$WARMUP warm-up), threads $THREADS"

tpch_generate_data
TABLES=$(sed -n 's/^CREATE TABLE IF NOT EXISTS tpch\.\([a-z]*\) .*/\1/p' "$DATA/schema.sql")

mkdir -p "$RESULTS"
LOAD_JSON=""
LOAD_TOTAL=0
if [[ "${KEEP_DB:-0}" == 1 ]] && pg -d "$PGDB" -c 'SELECT 1 FROM lineitem LIMIT 1' >/dev/null 2>&1; then
  echo "== reusing database $PGDB (load not timed)"
else
  echo "== loading $DATA into database $PGDB"
  pg -d postgres -c "DROP DATABASE IF EXISTS $PGDB"
  # Collation C: ORDER BY on text is byte order, as in DeepQuery.
  pg -d postgres -c "CREATE DATABASE $PGDB TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
  # Our schema.sql's CREATE TABLEs with PostgreSQL types; the money columns (FLOAT64 in ours)
  # become NUMERIC(15,2), the TPC-H DECIMAL type, so PostgreSQL's sums are exact.
  sed -n '/^CREATE TABLE/,/^);/p' "$DATA/schema.sql" \
    | sed -e 's/IF NOT EXISTS tpch\.//' -e 's/ INT64/ BIGINT/' -e 's/ FLOAT64/ NUMERIC(15,2)/' \
          -e 's/ STRING/ TEXT/' \
    | pg -d "$PGDB"
  for table in $TABLES; do
    # Text format: '|' between fields, no quoting (the generated text has no '\' or '|').
    start=$(now_ms)
    pg -d "$PGDB" -c "COPY $table FROM STDIN (FORMAT text, DELIMITER '|')" < "$DATA/$table.tbl"
    ms=$(( $(now_ms) - start ))
    rows=$(pg -d "$PGDB" -At -c "SELECT count(*) FROM $table")
    printf 'load: %-9s %10s rows %9s ms\n' "$table" "$rows" "$ms"
    LOAD_JSON+="${LOAD_JSON:+,}{\"table\":\"$table\",\"ms\":$ms,\"rows\":$rows}"
    LOAD_TOTAL=$((LOAD_TOTAL + ms))
  done
  # Primary keys (TPC-H clause 1.4.2.2) and the indexes the correlated subqueries of Q17 and
  # Q20 need (PostgreSQL runs them as nested loops), then statistics for the planner.
  start=$(now_ms)
  pg -d "$PGDB" <<'EOF'
ALTER TABLE part ADD PRIMARY KEY (p_partkey);
ALTER TABLE supplier ADD PRIMARY KEY (s_suppkey);
ALTER TABLE partsupp ADD PRIMARY KEY (ps_partkey, ps_suppkey);
ALTER TABLE customer ADD PRIMARY KEY (c_custkey);
ALTER TABLE orders ADD PRIMARY KEY (o_orderkey);
ALTER TABLE lineitem ADD PRIMARY KEY (l_orderkey, l_linenumber);
ALTER TABLE nation ADD PRIMARY KEY (n_nationkey);
ALTER TABLE region ADD PRIMARY KEY (r_regionkey);
CREATE INDEX lineitem_part_supp ON lineitem (l_partkey, l_suppkey);
CREATE INDEX orders_custkey ON orders (o_custkey);
VACUUM ANALYZE;
EOF
  echo "load: keys, indexes and VACUUM ANALYZE $(( $(now_ms) - start )) ms"
fi

echo "== PostgreSQL: querying"
rm -rf "$RESULTS/postgres"
mkdir -p "$RESULTS/postgres"
QUERY_JSON=""
pg_status=0
printf '%-8s %12s %12s %8s\n' query best_ms median_ms rows
for name in ${QUERIES//,/ }; do
  sql="$QUERY_DIR/$name.sql"
  # The answer: psql's CSV output (NULL as an empty field, numbers as PostgreSQL prints them),
  # requoted like tools/bench/answer_csv.cc by normalize_csv.mjs.
  if ! { echo "$SESSION"; cat "$sql"; } | pg -d "$PGDB" --csv > "$RESULTS/postgres/$name.psql.csv"; then
    echo "$name FAILED"
    pg_status=1
    continue
  fi
  node bench/normalize_csv.mjs < "$RESULTS/postgres/$name.psql.csv" > "$RESULTS/postgres/$name.csv"
  rm "$RESULTS/postgres/$name.psql.csv"
  rows=$(( $(wc -l < "$RESULTS/postgres/$name.csv") - 1 ))
  # Timings: psql's \timing (send, execute, receive all rows), output discarded.
  times=$({ echo "$SESSION"; echo '\timing on'; echo '\o /dev/null'
            for _ in $(seq $((WARMUP + RUNS))); do cat "$sql"; done; } \
          | pg -d "$PGDB" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n "$RUNS")
  read -r best median runs_ms < <(echo "$times" | sort -g | awk '
    { v[NR] = $1; list = list (NR > 1 ? "," : "") $1 }
    END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print v[1], m, list }')
  printf '%-8s %12.1f %12.1f %8d\n' "$name" "$best" "$median" "$rows"
  QUERY_JSON+="${QUERY_JSON:+,}\"$name\":{\"best_ms\":$best,\"median_ms\":$median,\"rows\":$rows,\"runs_ms\":[$runs_ms]}"
done
version=$(pg -d "$PGDB" -At -c 'SHOW server_version')
echo "{\"engine\":\"postgres\",\"version\":\"$version\",\"threads\":$THREADS,\"runs\":$RUNS," \
     "\"load\":[$LOAD_JSON],\"load_total_ms\":$LOAD_TOTAL,\"queries\":{$QUERY_JSON}}" \
  > "$RESULTS/postgres.json"

if [[ "${OURS:-1}" == 0 ]]; then exit $pg_status; fi
tpch_run_deepquery

echo "== comparison (SF $SF): DeepQuery vs PostgreSQL"
compare_status=0
node bench/compare_answers.mjs --ours "$RESULTS/ours" --duckdb "$RESULTS/postgres" \
  --peer-name postgres --queries "$QUERIES" --ours-json "$RESULTS/ours.json" \
  --duckdb-json "$RESULTS/postgres.json" --query-dir bench/queries/tpch || compare_status=1
if [[ $pg_status != 0 || $ours_status != 0 ]]; then
  echo "tpch_postgres.sh: a query failed (postgres $pg_status, deepquery exit $ours_status)" >&2
  exit 1
fi
exit $compare_status

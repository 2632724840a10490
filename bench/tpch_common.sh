# Steps shared by bench/run_tpch.sh and bench/tpch_postgres.sh (sourced, not run). Both set
# ROOT, BUILD, SF, DATA, WAREHOUSE, RESULTS, QUERIES, RUNS, WARMUP and THREADS first and run
# from $ROOT.

# Generates the data set into $DATA unless it is complete (schema.sql is written last).
tpch_generate_data() {
  if [[ ! -f "$DATA/schema.sql" ]]; then
    echo "== generating data into $DATA"
    "$BUILD/tools/deepquery-dbgen" --sf "$SF" --out "$DATA" --threads "$THREADS"
  else
    echo "== data present in $DATA"
  fi
}

# Loads $WAREHOUSE (or reuses it with KEEP_WAREHOUSE=1, untimed) and times the queries; answers
# go to $RESULTS/ours, timings to $RESULTS/ours.json. Sets ours_status to the exit status.
tpch_run_deepquery() {
  local load_args=()
  if [[ "${KEEP_WAREHOUSE:-0}" == 1 && -d "$WAREHOUSE" ]]; then
    echo "== DeepQuery: reusing warehouse $WAREHOUSE (load not timed)"
  else
    rm -rf "$WAREHOUSE"
    load_args=(--load "$DATA/schema.sql")
    echo "== DeepQuery: loading $WAREHOUSE, then querying"
  fi
  ours_status=0
  "$BUILD/tools/deepquery-bench" --warehouse "$WAREHOUSE" "${load_args[@]}" \
    --queries "$QUERIES" --runs "$RUNS" --warmup "$WARMUP" --threads "$THREADS" \
    --query-dir bench/queries/tpch --answers-out "$RESULTS/ours" --json "$RESULTS/ours.json" \
    || ours_status=$?
}

#!/usr/bin/env bash
# ML.PREDICT against ONNX Runtime (npm onnxruntime-node) on the same reference models
# (tests/data/ml), the same inputs, batch size and thread count.
#   bench/ml/run_ml.sh [ROWS=100000] [BATCH=1024] [THREADS=2]
# Both sides generate the inputs from the same formulas (see ort_bench.mjs); DeepQuery's time
# is the ML.PREDICT query over a stored table (summing one output so the result stays small),
# ONNX Runtime's time includes building the input tensors in JavaScript. Best of 3 after a
# warm-up for both.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
ROWS="${1:-100000}"
BATCH="${2:-1024}"
THREADS="${3:-2}"
BUILD="${BUILD:-$ROOT/build}"
WAREHOUSE="$ROOT/bench/data/warehouse-ml"
CLI="$BUILD/tools/deepquery"

if [ ! -d "$ROOT/bench/node_modules/onnxruntime-node" ]; then
  echo "run_ml.sh: ONNX Runtime missing: ONNXRUNTIME_NODE_INSTALL=skip npm install --prefix $ROOT/bench" >&2
  exit 1
fi
rm -rf "$WAREHOUSE"
float_array() {  # [SIN(x * 0.001 * 1), ..., SIN(x * 0.001 * n)]
  local n=$1 out="" j
  for ((j = 1; j <= n; j++)); do out+="${out:+, }SIN(x * 0.001 * $j)"; done
  echo "[$out]"
}
int_array() {  # [MOD(7x + 13*0, 50), ...]
  local n=$1 out="" j
  for ((j = 0; j < n; j++)); do out+="${out:+, }MOD(7 * x + $((13 * j)), 50)"; done
  echo "[$out]"
}
cd "$ROOT"
"$CLI" "$WAREHOUSE" --threads "$THREADS" -c "CREATE SCHEMA ml" \
  -c "CREATE MODEL ml.mlp OPTIONS(model_type='ONNX', model_path='tests/data/ml/mlp.onnx')" \
  -c "CREATE MODEL ml.cnn OPTIONS(model_type='ONNX', model_path='tests/data/ml/cnn.onnx')" \
  -c "CREATE MODEL ml.text_encoder OPTIONS(model_type='ONNX', model_path='tests/data/ml/text_encoder.onnx')" \
  -c "CREATE TABLE ml.mlp_rows AS SELECT x AS id, $(float_array 4) AS features FROM UNNEST(GENERATE_ARRAY(1, $ROWS)) AS x" \
  -c "CREATE TABLE ml.cnn_rows AS SELECT x AS id, $(float_array 64) AS image FROM UNNEST(GENERATE_ARRAY(1, $ROWS)) AS x" \
  -c "CREATE TABLE ml.text_encoder_rows AS SELECT x AS id, $(int_array 8) AS token_ids FROM UNNEST(GENERATE_ARRAY(1, $ROWS)) AS x" \
  > /dev/null

echo "== rows=$ROWS batch=$BATCH threads=$THREADS"
declare -A OURS
for model in mlp cnn text_encoder; do
  output=logits
  [ "$model" = text_encoder ] && output=embedding
  sql="SELECT SUM(${output}[OFFSET(0)]) FROM ML.PREDICT(MODEL ml.$model, TABLE ml.${model}_rows, STRUCT($BATCH AS batch_size))"
  # One process: the first run loads the model (cache) and warms up; best of the next three.
  OURS[$model]=$("$CLI" "$WAREHOUSE" --threads "$THREADS" -c "$sql" -c "$sql" -c "$sql" -c "$sql" 2>&1 |
    sed -n 's/.* in \([0-9.]*\) s$/\1/p' | tail -3 | sort -g | head -1)
done
node "$ROOT/bench/ml/ort_bench.mjs" "$ROWS" "$BATCH" "$THREADS" > /tmp/ort_bench.txt
printf '| model | DeepQuery ML.PREDICT rows/s | ONNX Runtime rows/s | ratio (ours/ORT throughput) |\n|---|---:|---:|---:|\n'
while read -r model ms _ rate _; do
  ours_rate=$(awk "BEGIN{printf \"%.0f\", $ROWS / ${OURS[$model]}}")
  ratio=$(awk "BEGIN{printf \"%.2f\", $ours_rate / $rate}")
  printf '| %s | %s | %s | %s |\n' "$model" "$ours_rate" "$rate" "$ratio"
done < /tmp/ort_bench.txt

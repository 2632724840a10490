#!/usr/bin/env bash
# ML.PREDICT against ONNX Runtime (npm onnxruntime-node) on the same reference models
# (tests/data/ml), the same inputs, batch size and thread count.
#   bench/ml/run_ml.sh [ROWS=100000] [BATCH=1024] [THREADS=2] [MODEL...]
# MODEL: mlp, cnn, text_encoder, lstm_forecaster (the default: all four), or resnet18, a
# ResNet-18-size CNN on 3x32x32 images that bench/ml/make_resnet18.py writes to bench/data/ml
# when missing (e.g. bench/ml/run_ml.sh 5000 256 2 resnet18).
# Both sides generate the inputs from the same formulas (see ort_bench.mjs); DeepQuery's time
# is the ML.PREDICT query over a stored table (summing one output so the result stays small),
# ONNX Runtime's time includes building the input tensors in JavaScript. Best of 3 after a
# warm-up for both. The answers are checked: DeepQuery's SUM must equal ONNX Runtime's sum of
# the same values within 1e-4 of the sum of their magnitudes (the script fails otherwise).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
ROWS="${1:-100000}"
BATCH="${2:-1024}"
THREADS="${3:-2}"
MODELS=("${@:4}")
[ ${#MODELS[@]} -eq 0 ] && MODELS=(mlp cnn text_encoder lstm_forecaster)
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
# Per model: its input column (name and generated value) and the value the query sums.
declare -A INPUT OUTPUT
INPUT[mlp]="$(float_array 4) AS features";          OUTPUT[mlp]="logits[OFFSET(0)]"
INPUT[cnn]="$(float_array 64) AS image";            OUTPUT[cnn]="logits[OFFSET(0)]"
INPUT[text_encoder]="$(int_array 8) AS token_ids";  OUTPUT[text_encoder]="embedding[OFFSET(0)]"
INPUT[lstm_forecaster]="$(float_array 24) AS readings"
OUTPUT[lstm_forecaster]="forecast"  # one value per row: a FLOAT64 column
INPUT[resnet18]="$(float_array 3072) AS image";     OUTPUT[resnet18]="logits[OFFSET(0)]"
declare -A MODEL_PATH
for model in "${MODELS[@]}"; do MODEL_PATH[$model]="tests/data/ml/$model.onnx"; done
MODEL_PATH[resnet18]="bench/data/ml/resnet18.onnx"
if [[ " ${MODELS[*]} " == *" resnet18 "* && ! -f "${MODEL_PATH[resnet18]}" ]]; then
  /usr/bin/python3 "$ROOT/bench/ml/make_resnet18.py" "${MODEL_PATH[resnet18]}"
fi
setup=(-c "CREATE SCHEMA ml")
for model in "${MODELS[@]}"; do
  setup+=(-c "CREATE MODEL ml.$model OPTIONS(model_type='ONNX', model_path='${MODEL_PATH[$model]}')"
          -c "CREATE TABLE ml.${model}_rows AS SELECT x AS id, ${INPUT[$model]} FROM UNNEST(GENERATE_ARRAY(1, $ROWS)) AS x")
done
"$CLI" "$WAREHOUSE" --threads "$THREADS" "${setup[@]}" > /dev/null

echo "== rows=$ROWS batch=$BATCH threads=$THREADS"
declare -A OURS OURS_SUM
for model in "${MODELS[@]}"; do
  sql="SELECT SUM(${OUTPUT[$model]}) FROM ML.PREDICT(MODEL ml.$model, TABLE ml.${model}_rows, STRUCT($BATCH AS batch_size))"
  # One process: the first run loads the model (cache) and warms up; best of the next three.
  result=$("$CLI" "$WAREHOUSE" --threads "$THREADS" -c "$sql" -c "$sql" -c "$sql" -c "$sql" 2>&1)
  OURS[$model]=$(echo "$result" | sed -n 's/.* in \([0-9.]*\) s$/\1/p' | tail -3 | sort -g | head -1)
  OURS_SUM[$model]=$(echo "$result" | sed -n 's/^│ *\([-0-9.e+]*\) *│$/\1/p' | tail -1)
done
ORT_OUT=$(mktemp)
trap 'rm -f "$ORT_OUT"' EXIT
node "$ROOT/bench/ml/ort_bench.mjs" "$ROWS" "$BATCH" "$THREADS" "${MODELS[@]}" > "$ORT_OUT"
printf '| model | DeepQuery ML.PREDICT rows/s | ONNX Runtime rows/s | ratio (ours/ORT throughput) | answer |\n|---|---:|---:|---:|---|\n'
status=0
while read -r model ms _ rate _ _ ort_sum _ ort_abs; do
  ours_rate=$(awk "BEGIN{printf \"%.0f\", $ROWS / ${OURS[$model]}}")
  ratio=$(awk "BEGIN{printf \"%.2f\", $ours_rate / $rate}")
  answer=$(awk "BEGIN{d = ${OURS_SUM[$model]} - $ort_sum; if (d < 0) d = -d;
                      print (d <= 1e-4 * $ort_abs + 1e-6) ? \"ok\" : \"MISMATCH\"}")
  [ "$answer" = ok ] || { answer="MISMATCH: ours ${OURS_SUM[$model]}, ONNX Runtime $ort_sum"; status=1; }
  printf '| %s | %s | %s | %s | %s |\n' "$model" "$ours_rate" "$rate" "$ratio" "$answer"
done < "$ORT_OUT"
exit $status

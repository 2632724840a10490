#!/usr/bin/env bash
# ML.PREDICT with tree ensembles (ai.onnx.ml) against ONNX Runtime (npm onnxruntime-node):
# a 100-tree random forest classifier and a 200-tree gradient boosting regressor
# (scripts/make_classical_models.py --bench), same inputs, batch size and thread count.
#   bench/ml/run_trees.sh [ROWS=100000] [BATCH=1024] [THREADS=1]
# DeepQuery's time is the ML.PREDICT query over a stored table of 20-feature arrays, summing
# the label and the first score so the result stays small; ONNX Runtime's includes building
# the input tensors in JavaScript. Best of 3 after a warm-up for both. The answers (the sums)
# must agree: labels exactly, scores within 1e-6 relative.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
ROWS="${1:-100000}"
BATCH="${2:-1024}"
THREADS="${3:-1}"
BUILD="${BUILD:-$ROOT/build}"
MODELS="$ROOT/bench/data/ml"
WAREHOUSE="$ROOT/bench/data/warehouse-trees"
CLI="$BUILD/tools/deepquery"

if [ ! -d "$ROOT/bench/node_modules/onnxruntime-node" ]; then
  echo "run_trees.sh: ONNX Runtime missing: ONNXRUNTIME_NODE_INSTALL=skip npm install --prefix $ROOT/bench" >&2
  exit 1
fi
[ -f "$MODELS/forest_bench.onnx" ] || /usr/bin/python3 "$ROOT/scripts/make_classical_models.py" --bench "$MODELS"
rm -rf "$WAREHOUSE"
features=""
for ((j = 1; j <= 20; j++)); do features+="${features:+, }2 * SIN(x * 0.0137 * $j)"; done
cd "$ROOT"
"$CLI" "$WAREHOUSE" --threads "$THREADS" -c "CREATE SCHEMA ml" \
  -c "CREATE MODEL ml.forest OPTIONS(model_type='ONNX', model_path='$MODELS/forest_bench.onnx')" \
  -c "CREATE MODEL ml.boosting OPTIONS(model_type='ONNX', model_path='$MODELS/boosting_bench.onnx')" \
  -c "CREATE TABLE ml.rows AS SELECT x AS id, [$features] AS features FROM UNNEST(GENERATE_ARRAY(1, $ROWS)) AS x" \
  > /dev/null

echo "== rows=$ROWS batch=$BATCH threads=$THREADS"
declare -A OURS ANSWER
for model in forest boosting; do
  if [ "$model" = forest ]; then
    sql="SELECT SUM(label), SUM(probabilities[OFFSET(0)]) FROM ML.PREDICT(MODEL ml.forest, TABLE ml.rows, STRUCT($BATCH AS batch_size))"
  else
    sql="SELECT 0, SUM(prediction) FROM ML.PREDICT(MODEL ml.boosting, TABLE ml.rows, STRUCT($BATCH AS batch_size))"
  fi
  # One process: the first run loads the model (cache) and warms up; best of the next three.
  out=$("$CLI" "$WAREHOUSE" --threads "$THREADS" -c "$sql" -c "$sql" -c "$sql" -c "$sql" 2>&1)
  OURS[$model]=$(echo "$out" | sed -n 's/.* in \([0-9.]*\) s$/\1/p' | tail -3 | sort -g | head -1)
  ANSWER[$model]=$(echo "$out" | grep -E '^│ *-?[0-9]' | tail -1 | tr -d '│' | awk '{print $1 "," $2}')
done
node "$ROOT/bench/ml/ort_trees.mjs" "$MODELS" "$ROWS" "$BATCH" "$THREADS" > /tmp/ort_trees.txt
printf '| model | DeepQuery ML.PREDICT rows/s | ONNX Runtime rows/s | ratio (ours/ORT throughput) | answers agree |\n|---|---:|---:|---:|---|\n'
while read -r name ms _ rate _ labels scores; do
  model=${name%_bench}
  ours_rate=$(awk "BEGIN{printf \"%.0f\", $ROWS / ${OURS[$model]}}")
  ratio=$(awk "BEGIN{printf \"%.2f\", $ours_rate / $rate}")
  IFS=, read -r our_labels our_scores <<< "${ANSWER[$model]}"
  agree=$(awk "BEGIN{d = $our_scores - $scores; if (d < 0) d = -d; s = $scores < 0 ? -$scores : $scores;
                     print ($our_labels == $labels && d <= 1e-6 * s + 1e-6) ? \"yes\" : \"NO ($our_labels $our_scores vs $labels $scores)\"}")
  printf '| %s | %s | %s | %s | %s |\n' "$model" "$ours_rate" "$rate" "$ratio" "$agree"
done < /tmp/ort_trees.txt

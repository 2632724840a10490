#!/usr/bin/env bash
# The CLI's dot commands (.tables, .models, .describe) between statements in piped input, on a
# fresh warehouse: each command's output appears in order and an unknown name is reported;
# statements spanning lines (also one starting after another on the same line) keep their
# line breaks.
#
#   tests/cli/dot_commands.sh path/to/deepquery
set -euo pipefail
deepquery="$1"
cd "$(dirname "$0")/../.."
warehouse="$(mktemp -d)"
trap 'rm -rf "$warehouse"' EXIT

output="$("$deepquery" --format csv "$warehouse/wh" 2>&1 <<'SQL'
CREATE SCHEMA shop;
CREATE TABLE shop.points (id INT64 NOT NULL, x FLOAT64);
CREATE MODEL shop.iris OPTIONS(model_type='ONNX', model_path='tests/data/ml/mlp.onnx');
.tables
.models
.describe shop.points
.describe shop.iris
.describe shop.nothing
SELECT 40 +
  2 AS answer;
SELECT id
FROM shop.points
WHERE id > 0; SELECT 'second'
AS label;
SQL
)"

expect() {
  if ! grep -qF -- "$1" <<<"$output"; then
    echo "dot_commands.sh: missing: $1" >&2
    echo "$output" >&2
    exit 1
  fi
}
expect "shop,points,BASE TABLE,0"
expect "shop,iris,ONNX,"
expect "id,INT64,NO,NULL"
expect "x,FLOAT64,YES,NULL"
expect "INPUT,features,FLOAT32,\"[-1, 4]\""
expect "OUTPUT,probabilities,FLOAT32,\"[-1, 3]\""
expect "No table, view or model named shop.nothing"
expect "42"
expect "second"
echo "dot_commands.sh: passed"

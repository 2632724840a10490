#!/usr/bin/env bash
# The README's first command runs examples/sample/demo.sql on a warehouse with the sample
# data; this runs it on a fresh warehouse (twice: it must be re-runnable) and checks that every
# statement succeeds and a few answers: the load, the forecaster's inputs, the anomalous
# roaster.
#
#   tests/cli/demo.sh path/to/deepquery
set -euo pipefail
deepquery="$1"
cd "$(dirname "$0")/../.."
warehouse="$(mktemp -d)"
trap 'rm -rf "$warehouse"' EXIT

for run in first second; do
  if ! output="$("$deepquery" --format csv "$warehouse/wh" -f examples/sample/demo.sql 2>&1)"; then
    echo "demo.sh: the $run run failed:" >&2
    echo "$output" >&2
    exit 1
  fi
done

expect() {
  if ! grep -qF -- "$1" <<<"$output"; then
    echo "demo.sh: missing: $1" >&2
    echo "$output" >&2
    exit 1
  fi
}
expect "INPUT,readings,FLOAT32,\"[-1, 24, 1]\""
expect "4,0.02253,true"
expect "1,0.00117,false"
if grep -q "^Error" <<<"$output"; then
  echo "demo.sh: a statement failed:" >&2
  grep "^Error" <<<"$output" >&2
  exit 1
fi
echo "demo.sh: passed"

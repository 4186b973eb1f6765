#!/usr/bin/env bash
# Maps ../shared/eval's toponym corpora with the release binary and scores them.
# usage: scripts/eval_toponyms.sh [--json]
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=${EVAL:-../shared/eval}
BIN=${BIN:-target/release/eventmap}
for c in lgl geowebnews; do
  [ -d target/eval/$c ] || python3 $EVAL/score_toponyms.py export $EVAL/toponyms/$c.jsonl target/eval/$c >/dev/null
  "$BIN" map --layer places target/eval/$c -o target/eval/$c.geojson 2>/dev/null
done
python3 $EVAL/score_toponyms.py score $EVAL/toponyms/lgl.jsonl $EVAL/toponyms/geowebnews.jsonl \
  --pred target/eval/lgl.geojson --pred target/eval/geowebnews.geojson "$@"

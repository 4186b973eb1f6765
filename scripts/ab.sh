#!/usr/bin/env bash
# Same-run comparison of two eventmap binaries, before and after a change:
#
#   scripts/ab.sh OLD_BIN NEW_BIN [RUNS]            (RUNS: 9 by default)
#   CALLGRIND=1 scripts/ab.sh OLD_BIN NEW_BIN       (instruction counts too)
#
# e.g. build the old commit in a worktree with its own target directory:
#   git worktree add /tmp/old HEAD~1 && (cd /tmp/old && CARGO_TARGET_DIR=/tmp/old-target cargo build --release)
#   scripts/ab.sh /tmp/old-target/release/eventmap target/release/eventmap
#
# 1. Checks that both write byte for byte the same output (each layer) on the
#    bench corpus (built by scripts/bench.sh), bench.sh's conflict corpus (the
#    fixture articles copied to ~10 MB), the fixtures, and ../shared/examples; and the
#    same GeoJSON Text Sequence from the bench corpus as JSON Lines on stdin.
# 2. Times them alternately, RUNS times each (the machines are shared and noisy:
#    only ratios from one run mean anything): the bench corpus (every layer, the
#    incidents layer as bench.sh times it, the places layer) and the conflict
#    corpus with all cores, one long article (the distinct ones joined), one
#    as one sentence, one naming 8,000 towns, the
#    bench corpus as JSON Lines piped to stdin with
#    --seq (the stateless-filter use: Spark's pipe, Hadoop streaming), the
#    conflict corpus with --jobs 1, the bench
#    corpus's distinct articles with --jobs 1 (start-up included), and a
#    one-article cold start. Prints each median and OLD/NEW.
# 3. With CALLGRIND=1, counts instructions with valgrind's callgrind, which
#    are the same from run to run whatever the machine is doing: one article,
#    300 conflict articles and 3,000 bench articles, --jobs 1, every layer
#    (and the 3,000 with the incidents layer).
set -euo pipefail
cd "$(dirname "$0")/.."
old=${1:?usage: scripts/ab.sh OLD_BIN NEW_BIN [RUNS]}
new=${2:?usage: scripts/ab.sh OLD_BIN NEW_BIN [RUNS]}
runs=${3:-9}
out=target/ab
mkdir -p "$out"

# The corpora: bench.sh's (built once), the conflict one among them.
# (bench.sh also writes the corpus as JSON Lines, target/bench/corpus.jsonl.)
if [ ! -d target/bench/corpus ] || [ ! -d target/bench/unique ] || [ ! -d target/bench/one ] ||
  [ ! -f target/bench/corpus.jsonl ] || [ ! -d target/bench/conflict ]; then
  NO_PEERS=1 bash scripts/bench.sh 50 1 >/dev/null
fi
conflict=target/bench/conflict
for s in 300:conflict 3000:bench; do
  n=${s%%:*} name=${s#*:}
  src=$conflict; [ "$name" = bench ] && src=target/bench/corpus
  if [ ! -d "$out/$name-$n" ]; then
    rm -rf "$out/$name-$n.tmp" && mkdir -p "$out/$name-$n.tmp"
    mapfile -t files < <(ls "$src" | sort)
    for f in "${files[@]:0:n}"; do ln -f "$src/$f" "$out/$name-$n.tmp/$f"; done
    mv "$out/$name-$n.tmp" "$out/$name-$n"
  fi
done

# One long article: the distinct articles joined (~1.6 MB), as a report or a
# transcript may be; costs that grow with an article's names show here.
if [ ! -f "$out/long/long.txt" ]; then
  mkdir -p "$out/long"
  for f in target/bench/unique/*; do cat "$f"; printf '\n\n'; done >"$out/long/long.tmp"
  mv "$out/long/long.tmp" "$out/long/long.txt"
fi

# One article naming 8,000 towns (of over 20,000 people, from the gazetteer),
# two per sentence: costs that grow with an article's places and incidents.
if [ ! -f "$out/towns/towns.txt" ]; then
  mkdir -p "$out/towns"
  python3 - data/gazetteer.csv "$out/towns/towns.tmp" <<'PY'
import csv, random, sys
random.seed(1)
with open(sys.argv[1], encoding="utf-8") as f:
    names = [r["name"] for r in csv.DictReader(f)
             if r.get("feature_class") == "P" and int(r.get("population") or 0) > 20000]
random.shuffle(names)
names = names[:8000]
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for i, name in enumerate(names):
        f.write(f"Fighting was reported in {name} on Monday, and two people were killed "
                f"near {names[(i * 7) % len(names)]}. ")
        if i % 5 == 4:
            f.write("\n\n")
PY
  mv "$out/towns/towns.tmp" "$out/towns/towns.txt"
fi

# The long article as one sentence (its full stops, marks and line breaks
# removed), as text extracted without punctuation may be.
if [ ! -f "$out/sentence/sentence.txt" ]; then
  mkdir -p "$out/sentence"
  tr -d '.\n!?' <"$out/long/long.txt" >"$out/sentence/sentence.tmp"
  mv "$out/sentence/sentence.tmp" "$out/sentence/sentence.txt"
fi

echo "== same output"
same=1
for c in target/bench/corpus "$conflict" "$out/long" "$out/towns" "$out/sentence" tests/fixtures/articles ../shared/examples; do
  [ -e "$c" ] || continue
  # Each layer alone too: the pipeline stops where the layer's needs end.
  for layer in all incidents places; do
    "$old" map "$c" --layer $layer -o "$out/old.geojson" 2>/dev/null || true
    "$new" map "$c" --layer $layer -o "$out/new.geojson" 2>/dev/null || true
    if cmp -s "$out/old.geojson" "$out/new.geojson"; then
      echo "same: $c, --layer $layer"
    else
      echo "DIFFERENT: $c, --layer $layer"
      same=0
    fi
  done
done
"$old" map - --format jsonl --seq --layer all <target/bench/corpus.jsonl >"$out/old.seq" 2>/dev/null || true
"$new" map - --format jsonl --seq --layer all <target/bench/corpus.jsonl >"$out/new.seq" 2>/dev/null || true
if cmp -s "$out/old.seq" "$out/new.seq"; then
  echo "same: target/bench/corpus.jsonl on stdin, --seq"
else
  echo "DIFFERENT: target/bench/corpus.jsonl on stdin, --seq"
  same=0
fi

# time NAME UNIT_NS ARGS...: alternating runs, median wall of each, OLD/NEW;
# stdin from $STDIN (default /dev/null).
time_pair() {
  local name=$1 unit=$2
  shift 2
  for _ in $(seq 1 "$runs"); do
    for which in old new; do
      local bin=$old
      [ "$which" = new ] && bin=$new
      local s e
      s=$(date +%s%N)
      "$bin" "$@" <"${STDIN:-/dev/null}" >/dev/null 2>&1 || true
      e=$(date +%s%N)
      echo "$which $(((e - s) / unit))"
    done
  done | sort -k1,1 -k2n | awk -v name="$name" '
    { n[$1]++; v[$1, n[$1]] = $2 }
    END {
      o = v["old", int((n["old"] + 1) / 2)]; w = v["new", int((n["new"] + 1) / 2)]
      printf "%-38s old %8s   new %8s   old/new %.3fx\n", name, o, w, (w > 0 ? o / w : 0)
    }'
}

echo
echo "== wall time, median of $runs alternating runs"
time_pair "bench corpus, all cores (ms)" 1000000 map target/bench/corpus --layer all -o "$out/t.geojson"
time_pair "bench corpus, incidents (default) (ms)" 1000000 map target/bench/corpus -o "$out/t.geojson"
time_pair "bench corpus, --layer places (ms)" 1000000 map target/bench/corpus --layer places -o "$out/t.geojson"
STDIN=target/bench/corpus.jsonl time_pair "bench JSON Lines on stdin, --seq (ms)" 1000000 map - --format jsonl --seq --layer all
time_pair "conflict corpus, all cores (ms)" 1000000 map "$conflict" --layer all -o "$out/t.geojson"
time_pair "conflict corpus, incidents (ms)" 1000000 map "$conflict" -o "$out/t.geojson"
time_pair "conflict corpus, --jobs 1 (ms)" 1000000 map "$conflict" --jobs 1 --layer all -o "$out/t.geojson"
time_pair "one long article, 1.6 MB (ms)" 1000000 map "$out/long" --layer all -o "$out/t.geojson"
time_pair "the long article as one sentence (ms)" 1000000 map "$out/sentence" --layer all -o "$out/t.geojson"
time_pair "one article naming 8,000 towns (ms)" 1000000 map "$out/towns" --layer all -o "$out/t.geojson"
time_pair "distinct articles, --jobs 1 (0.1 ms)" 100000 map target/bench/unique --jobs 1 --layer all -o "$out/t.geojson"
runs=$((runs * 3)) time_pair "one article, cold start (0.01 ms)" 10000 map target/bench/one -o "$out/t.geojson"

if [ -n "${CALLGRIND:-}" ]; then
  echo
  echo "== callgrind instructions, --jobs 1"
  for run in "target/bench/one all" "$out/conflict-300 all" "$out/bench-3000 all" "$out/bench-3000 incidents"; do
    c=${run% *} layer=${run##* }
    counts=()
    for bin in "$old" "$new"; do
      counts+=("$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" map "$c" --jobs 1 --layer "$layer" -o "$out/t.geojson" 2>&1 |
        awk '/Collected/ {print $NF}')")
    done
    awk -v c="$c, $layer" -v o="${counts[0]}" -v n="${counts[1]}" \
      'BEGIN {printf "%-38s old %8.1f M   new %8.1f M   %+.1f %%\n", c, o / 1e6, n / 1e6, (n - o) * 100 / o}'
  done
fi
[ "$same" = 1 ] || { echo "the outputs differ" >&2; exit 1; }

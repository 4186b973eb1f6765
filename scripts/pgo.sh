#!/usr/bin/env bash
# Builds eventmap with profile-guided optimisation: target/pgo/eventmap.
#
#   scripts/pgo.sh            (training articles: see below)
#   TRAIN=dir scripts/pgo.sh  (your own folder of articles instead)
#
# The release binary, built a second time with the branch and call counts of a
# training run, so that LLVM lays out and inlines the hot paths for news text:
# ~7 % less wall time on the bench corpus than `cargo build --release` (same
# output, byte for byte). The training run and the measured one should not be the
# same text: the README gives the held-out figure.
#
# 1. adds rustup's llvm-tools component (for llvm-profdata, which must match
#    rustc's LLVM) if it is missing;
# 2. builds an instrumented binary in target/pgo-gen (for the host target given
#    explicitly, so that build.rs and proc macros are not instrumented);
# 3. maps the training articles with it, three times, every layer, all cores:
#    the fixtures and, when ../shared is next to the checkout, the toponym
#    corpora's texts and the example, each once, spread over every input format
#    (scripts/make_corpus.py);
# 4. merges the counts into target/pgo/eventmap.profdata and builds with them
#    in target/pgo-use; the binary is copied to target/pgo/eventmap.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
host=$(rustc -vV | awk '/^host:/ {print $2}')
sysroot=$(rustc --print sysroot)
profdata="$sysroot/lib/rustlib/$host/bin/llvm-profdata"
if [ ! -x "$profdata" ]; then
  rustup component add llvm-tools >&2
fi
if [ ! -x "$profdata" ]; then
  echo "pgo.sh: $profdata not found; install rustup's llvm-tools component" >&2
  exit 1
fi
out=target/pgo
raw="$out/raw"
rm -rf "$raw" && mkdir -p "$out"

echo "pgo.sh: instrumented build (target/pgo-gen)" >&2
RUSTFLAGS="-Cprofile-generate=$PWD/$raw" \
  cargo build --release --locked --quiet --target "$host" --target-dir target/pgo-gen

train=${TRAIN:-}
if [ -z "$train" ]; then
  train="$out/train"
  rm -rf "$train" && mkdir -p "$train"
  cp -r tests/fixtures/articles "$train/fixtures"
  if [ -d "$shared/eval/toponyms" ]; then
    # Each public article once (and the example), in every input format.
    python3 scripts/make_corpus.py "$train/eval" --eval "$shared/eval" --articles 789 >/dev/null
  fi
fi
echo "pgo.sh: training run on $train" >&2
for _ in 1 2 3; do
  "target/pgo-gen/$host/release/eventmap" map "$train" --layer all -o "$out/train.geojson" </dev/null 2>/dev/null || true
done
"$profdata" merge -o "$out/eventmap.profdata" "$raw"

echo "pgo.sh: optimised build (target/pgo-use)" >&2
RUSTFLAGS="-Cprofile-use=$PWD/$out/eventmap.profdata" \
  cargo build --release --locked --quiet --target "$host" --target-dir target/pgo-use
cp "target/pgo-use/$host/release/eventmap" "$out/eventmap"
echo "pgo.sh: built $out/eventmap" >&2

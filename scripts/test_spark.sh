#!/usr/bin/env bash
# End-to-end test of examples/spark/eventmap_spark.py: the features Spark writes must be the
# same (set of feature JSON texts, byte for byte) as one `eventmap map - --format jsonl --seq`
# over the same JSON Lines corpus.
#
#   scripts/test_spark.sh [BINARY [EVAL_DIR]]
#
#   BINARY    eventmap binary (default: $EVENTMAP_BIN, else target/release/eventmap); not built here
#   EVAL_DIR  the eval kit (default: $EVENTMAP_EVAL, else ../shared/eval); its toponyms/*.jsonl
#             articles are the corpus
#
# Environment (all optional):
#   PYSPARK_VERSION     pyspark pinned from PyPI (default 4.3.0; Spark 4 needs Java 17+)
#   SPARK_VENV          venv for pyspark (default target/spark-venv, reused when it has that version)
#   SPARK_TEST_COPIES   copies of the eval articles in the corpus (default: enough for >= 1,000)
#   SPARK_TEST_LOCAL1=1 also run Spark with local[1], for the speed-up per added core
#   SPARK_TEST_PARQUET=0  skip the Parquet leg (Parquet input and output)
#   SPARK_TEST_TIMEOUT  seconds allowed for each Spark run (default 900)
#
# Needs: python3 (3.8+) with venv and pip, Java 17+, and PyPI. Prints the wall times and the
# speed-up, ends with "test_spark: N passed, M failed" and exits non-zero on any mismatch.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

abspath() { python3 -c 'import os,sys; print(os.path.abspath(sys.argv[1]))' "$1"; }

BIN=$(abspath "${1:-${EVENTMAP_BIN:-target/release/eventmap}}")
EVAL=$(abspath "${2:-${EVENTMAP_EVAL:-../shared/eval}}")
PYSPARK_VERSION=${PYSPARK_VERSION:-4.3.0}
VENV=$(abspath "${SPARK_VENV:-target/spark-venv}")
WORK="$ROOT/target/spark-test"
TIMEOUT=${SPARK_TEST_TIMEOUT:-900}
SCRIPT="$ROOT/examples/spark/eventmap_spark.py"

say() { printf '[test_spark] %s\n' "$*"; }
die() { printf '[test_spark] FAIL: %s\n' "$*" >&2; echo "test_spark: 0 passed, 1 failed"; exit 1; }
now() { date +%s.%N; }
elapsed() { python3 -c 'import sys; print("%.2f" % (float(sys.argv[2]) - float(sys.argv[1])))' "$1" "$2"; }

[ -x "$BIN" ] || die "no eventmap binary at $BIN (build it with: cargo build --release)"
ls "$EVAL"/toponyms/*.jsonl >/dev/null 2>&1 || die "no $EVAL/toponyms/*.jsonl (pass the eval folder)"
command -v java >/dev/null 2>&1 || die "java not found (Spark needs Java 17+)"
JAVA_VERSION=$(java -version 2>&1 | head -n 1)
say "java: $JAVA_VERSION"
JAVA_MAJOR=$(printf '%s\n' "$JAVA_VERSION" | sed -n 's/.*version "\([0-9]*\).*/\1/p')
[ "${JAVA_MAJOR:-0}" -ge 17 ] || die "Spark 4 needs Java 17+, found: $JAVA_VERSION"
say "binary: $BIN"

# ---------------------------------------------------------------- pyspark in a venv
if "$VENV/bin/python" -c 'import sys, pyspark; sys.exit(pyspark.__version__ != sys.argv[1])' \
        "$PYSPARK_VERSION" 2>/dev/null; then
    say "pyspark $PYSPARK_VERSION: reusing $VENV"
else
    say "installing pyspark==$PYSPARK_VERSION from PyPI into $VENV"
    rm -rf "$VENV"
    t0=$(now)
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --disable-pip-version-check -q "pyspark==$PYSPARK_VERSION"
    say "pip install took $(elapsed "$t0" "$(now)") s"
fi
PY="$VENV/bin/python"
SPARK_HOME=$("$PY" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')
export SPARK_HOME
export PATH="$VENV/bin:$PATH"
export PYSPARK_PYTHON="$PY" PYSPARK_DRIVER_PYTHON="$PY"
export SPARK_LOCAL_IP=127.0.0.1
unset HADOOP_CONF_DIR YARN_CONF_DIR SPARK_MASTER PYSPARK_SUBMIT_ARGS || true

rm -rf "$WORK"
mkdir -p "$WORK/conf"
# Quiet Spark: errors only (the script's own summary and eventmap's warnings still show).
cat > "$WORK/conf/log4j2.properties" <<'EOF'
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n
EOF
export SPARK_CONF_DIR="$WORK/conf"

# ---------------------------------------------------------------- the corpus
# Every eval article (id, text) COPIES times (copy c > 1 gets id "<id>~<c>"); every 97th article has
# no id, so its identity comes from its line number; after the first copy a blank line, a line
# that is not JSON and a record without text (bad records: warnings, exit code 1, not a failure).
CORPUS="$WORK/corpus.jsonl"
python3 - "$EVAL" "$CORPUS" "${SPARK_TEST_COPIES:-}" > "$WORK/corpus.info" <<'EOF'
import glob, json, math, os, sys
eval_dir, out, copies = sys.argv[1], sys.argv[2], sys.argv[3]
arts = []
for path in sorted(glob.glob(os.path.join(eval_dir, "toponyms", "*.jsonl"))):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                arts.append((str(r["id"]), r["text"]))
copies = int(copies) if copies else max(1, math.ceil(1000 / len(arts)))
n = bad = noid = 0
with open(out, "w", encoding="utf-8") as f:
    for c in range(1, copies + 1):
        for rid, text in arts:
            n += 1
            rec = {"text": text} if n % 97 == 0 else {"id": rid if c == 1 else "%s~%d" % (rid, c), "text": text}
            noid += "id" not in rec
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        if c == 1:
            f.write("\n")
            f.write('{"id": "broken", "text": "no closing quote}\n')
            f.write(json.dumps({"id": "no-text", "title": "a record without text"}) + "\n")
            bad += 2
print(n, noid, bad, copies)
EOF
read -r N_ARTICLES N_NOID N_BAD N_COPIES < "$WORK/corpus.info"
[ "$N_ARTICLES" -ge 1000 ] || die "corpus has only $N_ARTICLES articles"
say "corpus: $N_ARTICLES articles ($N_COPIES copies of $EVAL/toponyms/*.jsonl, $N_NOID without id) + $N_BAD bad records, $(du -h "$CORPUS" | cut -f1)"

# ---------------------------------------------------------------- single process
t0=$(now)
set +e
"$BIN" map - --format jsonl --seq --layer all < "$CORPUS" > "$WORK/direct.seq" 2> "$WORK/direct.err"
rc=$?
set -e
T_DIRECT=$(elapsed "$t0" "$(now)")
case $rc in
    0|1) ;;
    *) cat "$WORK/direct.err" >&2; die "eventmap exited with $rc" ;;
esac
say "single process: $T_DIRECT s (exit $rc, $(grep -c warning "$WORK/direct.err" || true) warnings)"

# ---------------------------------------------------------------- Spark
run_spark() {  # NAME MASTER ARGS...
    local name=$1 master=$2; shift 2
    local t0 rc
    t0=$(now)
    set +e
    timeout "$TIMEOUT" spark-submit --master "$master" \
        --conf spark.ui.enabled=false --conf spark.sql.shuffle.partitions=2 \
        "$SCRIPT" --binary "$BIN" --layer all "$@" \
        > "$WORK/$name.out" 2> "$WORK/$name.err"
    rc=$?
    set -e
    SPARK_TIME=$(elapsed "$t0" "$(now)")
    if [ $rc -ne 0 ]; then
        tail -n 60 "$WORK/$name.err" >&2
        die "spark run $name ($master) exited with $rc"
    fi
    say "spark $master ($name): $SPARK_TIME s: $(grep '^eventmap_spark:' "$WORK/$name.out" || echo 'no summary')"
}

compare() {  # NAME KIND OUTPUT  -> exit 0 when the features equal direct.seq
    python3 - "$WORK/direct.seq" "$1" "$2" "$3" "$N_BAD" "$WORK/$1.err" "$WORK/$1.out" <<'EOF'
import collections, glob, json, os, re, sys
direct_path, name, kind, out, n_bad, err_path, out_path = sys.argv[1:8]
with open(direct_path, "rb") as f:
    direct = [p.strip(b" \t\r\n").decode("utf-8") for p in f.read().split(b"\x1e")]
direct = [d for d in direct if d]
if kind == "jsonl":
    got = []
    for p in sorted(glob.glob(os.path.join(out, "*"))):
        if os.path.basename(p).startswith(("_", ".")):
            continue
        with open(p, encoding="utf-8") as f:
            got += [l.rstrip("\n") for l in f if l.strip()]
else:  # a JSON Lines dump of the Parquet rows, made by check_parquet.py
    with open(out, encoding="utf-8") as f:
        got = [json.loads(l)["geojson"] for l in f]
problems = []
cd, cg = collections.Counter(direct), collections.Counter(got)
if cd != cg:
    missing, extra = cd - cg, cg - cd
    problems.append("%d features only in the single-process output, %d only in Spark's"
                    % (sum(missing.values()), sum(extra.values())))
    for tag, c in (("only single-process", missing), ("only spark", extra)):
        for t in list(c)[:3]:
            problems.append("  %s: %s" % (tag, t[:400]))
kinds = collections.Counter(json.loads(d)["properties"]["kind"] for d in direct)
sources = {json.loads(d)["properties"]["source"] for d in direct}
print("[test_spark] %s: %d features (%s) from %d articles; spark: %d features; %s; order %s" % (
    name, len(direct), ", ".join("%d %s" % (v, k) for k, v in sorted(kinds.items())),
    len(sources), len(got), "same set" if cd == cg else "DIFFERENT",
    "same" if direct == got else "differs"))
m = re.search(r"(\d+) warnings", open(out_path).read())
if not m or int(m.group(1)) < int(n_bad):
    problems.append("spark summary reports %s warnings, expected >= %s"
                    % (m.group(1) if m else "no", n_bad))
err = open(err_path, encoding="utf-8", errors="replace").read()
if "input line" not in err:  # cosmetic: eventmap's warning format may have changed
    print("[test_spark] note: %s: no warning was annotated with its input line" % name)
for p in problems:
    print("[test_spark] " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
}

PASSED=0
FAILED=0
check() {
    if compare "$@"; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); fi
}

run_spark local2 'local[2]' --input "$CORPUS" --output "$WORK/out-local2" --partitions 2
T_LOCAL2=$SPARK_TIME
check local2 jsonl "$WORK/out-local2"

if [ "${SPARK_TEST_LOCAL1:-0}" = 1 ]; then
    run_spark local1 'local[1]' --input "$CORPUS" --output "$WORK/out-local1" --partitions 2
    T_LOCAL1=$SPARK_TIME
    check local1 jsonl "$WORK/out-local1"
fi

if [ "${SPARK_TEST_PARQUET:-1}" = 1 ]; then
    # The corpus as Parquet (id, text), one row per line, so row numbers are line numbers;
    # two files (p1/, p2/) to exercise the position of rows across files.
    cat > "$WORK/to_parquet.py" <<'EOF'
import json, sys
from pyspark.sql import SparkSession
src, dst = sys.argv[1], sys.argv[2]
rows = []
for line in open(src, encoding="utf-8"):
    try:
        r = json.loads(line)
    except ValueError:
        r = None
    r = r if isinstance(r, dict) else {}
    rid = r.get("id")
    rows.append((rid if isinstance(rid, str) else None, r.get("text")))
spark = SparkSession.builder.getOrCreate()
half = len(rows) // 2
for part, chunk in (("p1", rows[:half]), ("p2", rows[half:])):
    spark.createDataFrame(chunk, "id string, text string").coalesce(1) \
        .write.parquet("%s/%s" % (dst, part))
spark.stop()
EOF
    cat > "$WORK/check_parquet.py" <<'EOF'
import json, sys
from pyspark.sql import SparkSession
src, dump = sys.argv[1], sys.argv[2]
spark = SparkSession.builder.getOrCreate()
df = spark.read.parquet(src)
types = dict(df.dtypes)
want = {"kind": "string", "geo_precision": "int", "fatalities": "bigint", "actors": "array<string>",
        "span": "array<bigint>", "confidence": "double", "id": "string", "lon": "double",
        "lat": "double", "source": "string", "geojson": "string"}
bad = ["%s: %s (want %s)" % (k, types.get(k), v) for k, v in want.items() if types.get(k) != v]
n = 0
with open(dump, "w", encoding="utf-8") as out:
    for row in df.toLocalIterator():
        d = row.asDict(recursive=True)
        f = json.loads(d["geojson"])
        p = f["properties"]
        if (d["id"], d["source"], d["kind"], d["span"], d["actors"] if p["kind"] == "incident" else None) != \
                (f["id"], p["source"], p["kind"], p["span"], p.get("actors")) or \
                [d["lon"], d["lat"]] != f["geometry"]["coordinates"]:
            bad.append("row differs from its geojson: %s" % d["geojson"][:300])
        out.write(json.dumps({"geojson": d["geojson"]}, ensure_ascii=False) + "\n")
        n += 1
spark.stop()
for b in bad[:10]:
    print("[test_spark] parquet: " + b, file=sys.stderr)
print("[test_spark] parquet: %d rows, %d columns" % (n, len(types)))
sys.exit(1 if bad else 0)
EOF
    timeout "$TIMEOUT" spark-submit --master 'local[2]' --conf spark.ui.enabled=false \
        "$WORK/to_parquet.py" "$CORPUS" "$WORK/corpus.parquet" > "$WORK/to_parquet.log" 2>&1 \
        || { tail -n 40 "$WORK/to_parquet.log" >&2; die "writing the Parquet corpus failed"; }
    run_spark parquet 'local[2]' --format parquet --input "$WORK/corpus.parquet" \
        --output "$WORK/out-parquet" --output-format parquet --partitions 2
    if timeout "$TIMEOUT" spark-submit --master 'local[2]' --conf spark.ui.enabled=false \
            "$WORK/check_parquet.py" "$WORK/out-parquet" "$WORK/parquet-rows.jsonl" \
            2> "$WORK/check_parquet.err"; then
        check parquet parquet "$WORK/parquet-rows.jsonl"
    else
        tail -n 40 "$WORK/check_parquet.err" >&2
        FAILED=$((FAILED + 1))
    fi
fi

# ---------------------------------------------------------------- timings
python3 - "$T_DIRECT" "$T_LOCAL2" "${T_LOCAL1:-}" "$(nproc)" "$N_ARTICLES" <<'EOF'
import sys
direct, l2, l1, cores, n = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
print("[test_spark] wall time, %d articles: single process (all %s cores) %.2f s; "
      "spark local[2] %.2f s (speed-up %.2fx, Spark start-up included)" % (n, cores, direct, l2, direct / l2))
if l1:
    l1 = float(l1)
    print("[test_spark] spark local[1] %.2f s; local[2] is %.2fx local[1] (speed-up per added core)" % (l1, l1 / l2))
EOF
echo "test_spark: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]

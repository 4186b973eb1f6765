#!/usr/bin/env python3
"""Run eventmap over a large corpus with Apache Spark.

eventmap is a stateless filter (JSON Lines articles in, GeoJSON Text Sequence out), so Spark only
has to shard the corpus, run the same binary on every partition and collect what it prints:

    spark-submit [--master MASTER] examples/spark/eventmap_spark.py \\
        --binary target/release/eventmap --input corpus.jsonl --output out/ \\
        [--partitions N] [--format jsonl|parquet] [--layer incidents|places|all] \\
        [--output-format jsonl|parquet]

What it guarantees:

* Every article keeps one identity whatever the partitioning. A record that has an `id` (string
  or number) is handed to eventmap byte for byte as it was read. A record without a usable id
  gets one derived from its position in the input: its 1-based line number (for a folder: the
  line number in the concatenation of its files in sorted path order; for Parquet: the row
  number in that order). That is the name `eventmap map -` itself gives an id-less line of
  stdin (`source` "-#<line>"), so the features (ids and bytes) are the same as one
  `eventmap map - --format jsonl --seq` over the whole corpus.
* The binary is shipped to the workers with `SparkContext.addFile` and made executable there.
* Each partition is piped through one `eventmap map - --format jsonl --seq --layer ...` process:
  records are written to its stdin from a thread, its RFC 8142 output (RS, JSON, LF per feature)
  is read as it comes, and its stderr is drained and logged. A bad record is a warning on stderr
  and exit code 1: it is logged (with the record's line number in the whole input and its id)
  and counted, and the job goes on. Any other failure (a crash, a signal, bad usage, exit 1
  without a warning) fails the task, which Spark retries.
* Output: JSON Lines, one feature per line exactly as eventmap wrote it, or Parquet with the
  output contract's columns (see COLUMNS) plus the feature's exact JSON in `geojson`.

Needs Python >= 3.8 and PySpark >= 3.5 (Parquet input uses the `_metadata.row_index` column).
"""

import argparse
import itertools
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import threading

RS = b"\x1e"

# Fields eventmap reads from a JSON article (DESIGN.md, "input"); Parquet columns with these names
# are passed on, everything else is dropped.
ARTICLE_FIELDS = ("id", "text", "body", "content", "article", "maintext",
                  "title", "url", "date", "published")

# Parquet output columns: the output contract's properties, the point, then the extra properties
# of place features (null for incidents) and the feature's exact JSON text.
COLUMNS = [
    ("kind", "string"), ("event_type", "string"), ("sub_event_type", "string"),
    ("place", "string"), ("place_id", "string"), ("country_code", "string"),
    ("admin1", "string"), ("geo_precision", "int"), ("date", "string"),
    ("date_precision", "string"), ("fatalities", "long"), ("fatalities_text", "string"),
    ("actors", "array<string>"), ("claimed_by", "string"), ("evidence", "string"),
    ("source", "string"), ("title", "string"), ("url", "string"), ("span", "array<long>"),
    ("confidence", "double"),
    ("id", "string"), ("lon", "double"), ("lat", "double"),
    ("spans", "array<array<long>>"),
    ("feature", "string"), ("population", "long"), ("text", "string"),
    ("mentions", "array<array<long>>"), ("score", "double"),
    ("geojson", "string"),
]


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="eventmap_spark.py",
        description="Map a corpus of articles with eventmap on Spark (one eventmap process per "
                    "partition). Run with spark-submit.")
    p.add_argument("--binary", required=True,
                   help="eventmap binary (Linux x86_64 for the workers): local path or any URL "
                        "SparkContext.addFile takes (hdfs://, s3a://, ...)")
    p.add_argument("--input", required=True,
                   help="JSONL file or folder (.gz works), or Parquet file or folder")
    p.add_argument("--output", required=True, help="output folder")
    p.add_argument("--format", choices=["jsonl", "parquet"], default=None,
                   help="input format (default: parquet if the input's name or a file in it "
                        "ends in .parquet, else jsonl)")
    p.add_argument("--output-format", choices=["jsonl", "parquet"], default="jsonl",
                   help="jsonl: one feature per line as eventmap wrote it; parquet: the output "
                        "contract's columns (default: jsonl)")
    p.add_argument("--layer", choices=["incidents", "places", "all"], default="incidents",
                   help="eventmap --layer (default: incidents)")
    p.add_argument("--partitions", type=int, default=None,
                   help="number of partitions, i.e. eventmap processes (default: the input's "
                        "splits, at least spark.default.parallelism)")
    p.add_argument("--threads-per-task", type=int, default=None,
                   help="eventmap --jobs for each process (default: spark.task.cpus, 1 unless "
                        "set; 0 lets every process use all cores)")
    p.add_argument("--gazetteer", action="append", default=[],
                   help="extra gazetteer file, shipped to the workers and passed as "
                        "eventmap --gazetteer (repeatable)")
    p.add_argument("--extra-arg", action="append", default=[],
                   help="one more argument for `eventmap map`, e.g. --extra-arg=--date=2024-01-01 "
                        "(repeatable)")
    p.add_argument("--overwrite", action="store_true", help="replace the output folder")
    a = p.parse_args(argv)
    if a.partitions is not None and a.partitions < 1:
        p.error("--partitions must be >= 1")
    return a


# --------------------------------------------------------------------------- input records

def usable_id(value):
    """True for the ids eventmap names a record by (a string or a number, not a boolean)."""
    return isinstance(value, str) or (isinstance(value, (int, float))
                                      and not isinstance(value, bool))


def position_id(line_no):
    """The id given to a record without one: its 1-based position in the input.

    `eventmap map -` names an id-less stdin line `-#<line>`; giving the record the id
    "<line>" makes it `-#<line>` in every partition, as in one run over the whole input."""
    return str(line_no)


def prepare_line(line, line_no):
    """One JSONL line -> (line_no, id or None, text to send), or None for a blank line.

    Lines with a usable id, and lines that are not JSON objects (eventmap reports them), are sent
    unchanged. An id-less object gets its position id as a first key; nothing else in it changes.
    """
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except ValueError:
        return (line_no, None, line)
    if not isinstance(obj, dict):
        return (line_no, None, line)
    rid = obj.get("id")
    if usable_id(rid):
        return (line_no, rid, line)
    pid = position_id(line_no)
    if "id" not in obj and obj:
        body = line.lstrip()
        send = '{"id":' + json.dumps(pid) + "," + body[1:]
    else:  # {} or an id that is null / a list / an object / a boolean: rewrite the record
        obj = dict(obj)
        obj.pop("id", None)
        send = json.dumps(dict([("id", pid)] + list(obj.items())), ensure_ascii=True)
    return (line_no, pid, send)


def _json_value(v):
    """A Parquet cell as a JSON value eventmap understands (dates as ISO 8601 text)."""
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, (bytes, bytearray)):
        return v.decode("utf-8", "replace")
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    return str(v)


def prepare_row(row, fields):
    """A Parquet row (fields..., position) -> (line_no, id, JSON text)."""
    values = list(row)
    line_no = values[-1]
    obj = {}
    for name, v in zip(fields, values[:-1]):
        if v is not None:
            obj[name] = _json_value(v)
    rid = obj.get("id")
    if not usable_id(rid):
        rid = position_id(line_no)
    obj["id"] = rid
    obj = dict([("id", rid)] + [(k, v) for k, v in obj.items() if k != "id"])
    return (line_no, rid, json.dumps(obj, ensure_ascii=True))


# --------------------------------------------------------------------------- running eventmap

_BINARY_CACHE = {}


def local_executable(name):
    """Path of a file shipped with addFile, made executable (copied if it can't be chmod-ed)."""
    if name in _BINARY_CACHE:
        return _BINARY_CACHE[name]
    from pyspark import SparkFiles
    path = SparkFiles.get(name)
    if not os.access(path, os.X_OK):
        try:
            os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        except OSError:
            pass
    if not os.access(path, os.X_OK):
        d = tempfile.mkdtemp(prefix="eventmap-bin-")
        copy = os.path.join(d, name)
        shutil.copyfile(path, copy)
        os.chmod(copy, 0o755)
        path = copy
    _BINARY_CACHE[name] = path
    return path


WARNING_RE = re.compile(r"\bwarning\b", re.IGNORECASE)
ERROR_RE = re.compile(r"\berror\b|panicked", re.IGNORECASE)
# "eventmap: warning: -:12: ..." or "eventmap: warning: -#12: ...": a record of this process's
# stdin, numbered from 1 within the partition.
LOCAL_RECORD_RE = re.compile(r"(?<![^\s:])-(?::|#)(\d+)(?=[:\s]|$)")


def _describe(line, index):
    """Add the input line and id of the record a warning names by its partition-local number."""
    m = LOCAL_RECORD_RE.search(line)
    if m:
        k = int(m.group(1))
        if 1 <= k <= len(index):
            line_no, rid = index[k - 1]
            return "%s [record %d of this partition = input line %d, id %s]" % (
                line, k, line_no, json.dumps(rid))
    return line


class EventmapPipe:
    """Pipes one partition's records through one eventmap process; yields features (JSON text)."""

    def __init__(self, conf, partition):
        self.conf = conf
        self.partition = partition

    def run(self, records):
        conf = self.conf
        self.records = self.warnings = 0
        records = iter(records)
        first = next(records, None)
        if first is None:  # an empty partition: no process (eventmap warns about empty input)
            return
        records = itertools.chain([first], records)
        cmd = [local_executable(conf["binary"]), "map", "-", "--format", "jsonl", "--seq",
               "--layer", conf["layer"]]
        if conf["threads"]:
            cmd += ["--jobs", str(conf["threads"])]
        for g in conf["gazetteers"]:
            cmd += ["--gazetteer", _shipped(g)]
        cmd += conf["extra_args"]
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, bufsize=0)
        index = []          # k-th record sent -> (input line, id)
        state = {"feed_error": None, "broken_pipe": False, "warnings": 0, "other": [],
                 "error": False}
        tag = "eventmap_spark[partition %d]" % self.partition

        def feed():
            try:
                for rec in records:
                    if rec is None:
                        continue
                    line_no, rid, text = rec
                    index.append((line_no, rid))
                    data = text.encode("utf-8", "surrogatepass") + b"\n"
                    try:
                        proc.stdin.write(data)
                    except BrokenPipeError:
                        state["broken_pipe"] = True
                        return
            except BaseException as e:  # an error upstream in Spark: re-raised by the reader
                state["feed_error"] = e
            finally:
                try:
                    proc.stdin.close()
                except OSError:
                    pass

        def drain():
            for raw in iter(proc.stderr.readline, b""):
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                if not line.strip():
                    continue
                if WARNING_RE.search(line):
                    state["warnings"] += 1
                    sys.stderr.write("%s: %s\n" % (tag, _describe(line, index)))
                else:
                    if ERROR_RE.search(line):
                        state["error"] = True
                    if len(state["other"]) < 50:
                        state["other"].append(line)
                    sys.stderr.write("%s: %s\n" % (tag, line))
            sys.stderr.flush()

        feeder = threading.Thread(target=feed, name="eventmap-stdin", daemon=True)
        drainer = threading.Thread(target=drain, name="eventmap-stderr", daemon=True)
        feeder.start()
        drainer.start()
        finished = False
        try:
            buf = b""
            while True:
                chunk = proc.stdout.read(1 << 16)
                if not chunk:
                    break
                buf += chunk
                if RS not in buf:
                    continue
                parts = buf.split(RS)
                buf = parts.pop()          # the record still being written
                for part in parts:
                    feature = _record(part, cmd)
                    if feature is not None:
                        yield feature
            feature = _record(buf, cmd)
            if feature is not None:
                yield feature
            rc = proc.wait()
            feeder.join()
            drainer.join()
            finished = True
        finally:
            if not finished:  # the consumer stopped early or something failed: stop eventmap
                if proc.poll() is None:
                    proc.kill()
                proc.wait()
        if state["feed_error"] is not None:
            raise state["feed_error"]
        self.records = len(index)
        self.warnings = state["warnings"]
        # Exit code 1 with warnings and no error: some records were bad, the others are mapped.
        bad_records_only = (rc == 1 and state["warnings"] > 0
                            and not state["error"])
        if rc != 0 and not bad_records_only:
            raise RuntimeError("%s: %s exited with %s after %d records; stderr:\n%s" % (
                tag, " ".join(cmd), rc, len(index),
                "\n".join(state["other"][-20:]) or "(no error message)"))
        if state["broken_pipe"]:
            raise RuntimeError("%s: eventmap exited (code %s) before reading all its input" % (
                tag, rc))


def _shipped(name):
    from pyspark import SparkFiles
    return SparkFiles.get(name)


def _record(part, cmd):
    """One RFC 8142 record (without its RS) -> the feature's JSON text on one line, or None."""
    text = part.strip(b" \t\r\n")
    if not text:
        return None
    s = text.decode("utf-8")
    try:
        feature = json.loads(s)
    except ValueError:
        raise RuntimeError("%s wrote a record that is not JSON: %r" % (" ".join(cmd), s[:200]))
    if "\n" in s or "\r" in s:  # keep one feature per line
        s = json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
    return s


# --------------------------------------------------------------------------- output rows

def _coerce(value, typ):
    if value is None:
        return None
    if typ == "string":
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if typ in ("int", "long"):
        if isinstance(value, bool):
            return None
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return None
    if typ == "double":
        if isinstance(value, bool):
            return None
        return float(value) if isinstance(value, (int, float)) else None
    if typ.startswith("array<"):
        if not isinstance(value, list):
            return None
        inner = typ[len("array<"):-1]
        return [_coerce(v, inner) for v in value]
    return value


def feature_row(text):
    """A feature's JSON text -> a tuple in COLUMNS order."""
    f = json.loads(text)
    props = dict(f.get("properties") or {})
    geom = f.get("geometry") or {}
    lon = lat = None
    if geom.get("type") == "Point" and isinstance(geom.get("coordinates"), list) \
            and len(geom["coordinates"]) >= 2:
        lon, lat = geom["coordinates"][0], geom["coordinates"][1]
    props["lon"], props["lat"] = lon, lat
    props["id"] = f.get("id", props.get("id"))
    props["geojson"] = text
    return tuple(_coerce(props.get(name), typ) for name, typ in COLUMNS)


# --------------------------------------------------------------------------- driver

def list_files(spark, path):
    """Files under path (a file, folder or glob), recursively, hidden ones (_x, .x) skipped,
    sorted by path: the order that defines the position of a record."""
    jvm = spark.sparkContext._jvm
    hconf = spark.sparkContext._jsc.hadoopConfiguration()
    root = jvm.org.apache.hadoop.fs.Path(path)
    fs = root.getFileSystem(hconf)
    statuses = fs.globStatus(root) or []
    files = []
    for st in statuses:
        if st.isDirectory():
            it = fs.listFiles(st.getPath(), True)
            while it.hasNext():
                f = it.next()
                p = f.getPath()
                rel = p.toUri().getPath()[len(st.getPath().toUri().getPath()):]
                if any(part.startswith(("_", ".")) for part in rel.split("/") if part):
                    continue
                files.append(p.toString())
        else:
            files.append(st.getPath().toString())
    return sorted(set(files))


def guess_format(files):
    return "parquet" if any(f.endswith(".parquet") for f in files) else "jsonl"


def read_jsonl(sc, files, partitions):
    """(line_no, id, text) per non-blank line; partitions in input order."""
    min_parts = partitions or sc.defaultParallelism
    if any("," in f for f in files):
        lines = sc.union([sc.textFile(f, minPartitions=1) for f in files])
    else:
        lines = sc.textFile(",".join(files), minPartitions=min_parts)
    # The index must be taken before any repartitioning: it is the line's position in the input.
    numbered = lines.zipWithIndex().map(lambda li: prepare_line(li[0], li[1] + 1))
    return numbered.filter(lambda r: r is not None)


def read_parquet(spark, files):
    """(line_no, id, JSON text) per row; the line number is the row's position in the input."""
    from pyspark.sql import functions as F
    if any(f.endswith(".parquet") for f in files):
        files = [f for f in files if f.endswith(".parquet")]
    df = spark.read.parquet(*files)
    fields = [c for c in df.columns if c in ARTICLE_FIELDS]
    if not any(c in fields for c in ("text", "body", "content", "article", "maintext")):
        raise SystemExit("eventmap_spark: the Parquet input has no text column (columns: %s)"
                         % ", ".join(df.columns))
    # Position of a row: row number in the files taken in sorted path order.
    meta = df.select(F.col("_metadata.file_path").alias("f"),
                     F.col("_metadata.row_index").alias("r"), *fields)
    counts = dict((r["f"], r["n"]) for r in
                  meta.groupBy("f").agg(F.count(F.lit(1)).alias("n")).collect())
    offsets, total = {}, 0
    for f in sorted(counts):
        offsets[f] = total
        total += counts[f]
    spark_offsets = spark.sparkContext.broadcast(offsets)

    def to_record(row):
        pos = spark_offsets.value[row["f"]] + row["r"] + 1
        return prepare_row([row[c] for c in fields] + [pos], fields)

    return meta.rdd.map(to_record)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from pyspark.sql import SparkSession
    from pyspark.sql.types import _parse_datatype_string

    spark = SparkSession.builder.appName("eventmap").getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel(os.environ.get("EVENTMAP_SPARK_LOG_LEVEL", "WARN"))

    sc.addFile(args.binary)
    binary_name = os.path.basename(args.binary.rstrip("/"))
    gazetteers = []
    for g in args.gazetteer:
        sc.addFile(g)
        gazetteers.append(os.path.basename(g.rstrip("/")))
    threads = args.threads_per_task
    if threads is None:
        threads = int(sc.getConf().get("spark.task.cpus", "1"))
    conf = {"binary": binary_name, "layer": args.layer, "threads": threads,
            "gazetteers": gazetteers, "extra_args": list(args.extra_arg)}

    files = list_files(spark, args.input)
    if not files:
        raise SystemExit("eventmap_spark: no input files at %s" % args.input)
    fmt = args.format or guess_format(files)
    if fmt == "parquet":
        records = read_parquet(spark, files)
    else:
        records = read_jsonl(sc, files, args.partitions)
    if args.partitions:
        n = records.getNumPartitions()
        if n > args.partitions:
            records = records.coalesce(args.partitions)   # no shuffle
        elif n < args.partitions:
            records = records.repartition(args.partitions)

    n_records = sc.accumulator(0)
    n_warnings = sc.accumulator(0)
    n_features = sc.accumulator(0)

    def run_partition(pid, it):
        pipe = EventmapPipe(conf, pid)
        for feature in pipe.run(it):
            n_features.add(1)
            yield feature
        n_records.add(pipe.records)
        n_warnings.add(pipe.warnings)

    features = records.mapPartitionsWithIndex(run_partition)
    mode = "overwrite" if args.overwrite else "errorifexists"
    if args.output_format == "parquet":
        schema = _parse_datatype_string(
            "struct<" + ",".join("%s:%s" % (n, t) for n, t in COLUMNS) + ">")
        spark.createDataFrame(features.map(feature_row), schema).write.mode(mode) \
            .parquet(args.output)
    else:
        spark.createDataFrame(features.map(lambda s: (s,)), "value string").write.mode(mode) \
            .text(args.output)

    print("eventmap_spark: %d records, %d features, %d warnings (bad records), "
          "%d partitions -> %s" % (n_records.value, n_features.value, n_warnings.value,
                                   features.getNumPartitions(), args.output))
    spark.stop()


if __name__ == "__main__":
    main()

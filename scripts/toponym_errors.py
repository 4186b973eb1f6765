#!/usr/bin/env python3
"""Diagnostics for the places layer (not a scorer: ../shared/eval/score_toponyms.py scores).

usage: toponym_errors.py GOLD.jsonl PRED.geojson [--top 40]

Lists, by surface form, the most frequent false positives (predicted spans that overlap no gold
toponym), false negatives (gold toponyms no prediction overlaps) and resolution errors (overlap
but more than 161 km from the gold point), to see where the method loses, not to tune to names.
"""
import argparse
import collections
import json
import math
import os


def hav(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1, h)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--top", type=int, default=40)
    a = ap.parse_args()
    gold = {}
    for line in open(a.gold, encoding="utf-8"):
        if line.strip():
            d = json.loads(line)
            gold[d["id"]] = d
    preds = collections.defaultdict(list)
    doc = json.load(open(a.pred, encoding="utf-8"))
    for f in doc["features"]:
        p = f["properties"]
        if p.get("kind") != "place":
            continue
        aid = os.path.splitext(os.path.basename(p["source"]))[0]
        text = gold.get(aid, {}).get("text")
        if text is None:
            continue
        b = text.encode("utf-8")
        lon, lat = f["geometry"]["coordinates"]
        for s, e in p["mentions"]:
            cs, ce = len(b[:s].decode("utf-8")), len(b[:e].decode("utf-8"))
            preds[aid].append((cs, ce, lat, lon, p["place"], p["feature"], p["country_code"]))
    fp, fn, far = collections.Counter(), collections.Counter(), collections.Counter()
    far_ex = {}
    for aid, d in gold.items():
        gs = d["toponyms"]
        ps = preds.get(aid, [])
        for (cs, ce, lat, lon, name, feat, cc) in ps:
            if not any(g["start"] < ce and cs < g["end"] for g in gs):
                fp[d["text"][cs:ce]] += 1
        for g in gs:
            ov = [p for p in ps if p[0] < g["end"] and g["start"] < p[1]]
            if not ov:
                fn[g["text"]] += 1
            elif g.get("lat") is not None:
                p = ov[0]
                km = hav((g["lat"], g["lon"]), (p[2], p[3]))
                if km > 161:
                    far[g["text"]] += 1
                    far_ex[g["text"]] = f"-> {p[4]} ({p[5]}, {p[6]}) {km:.0f} km"
    for title, c in (("false positives", fp), ("false negatives", fn), ("resolved > 161 km", far)):
        print(f"== {title}: {sum(c.values())}")
        for k, v in c.most_common(a.top):
            print(f"{v:5d}  {k}  {far_ex.get(k, '') if c is far else ''}")


if __name__ == "__main__":
    main()

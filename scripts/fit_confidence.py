#!/usr/bin/env python3
"""Fits src/confidence.rs's WEIGHTS and THRESHOLD on ../shared/eval/toponyms (LGL, GeoWebNews).

usage: fit_confidence.py [--eval DIR] [--l2 1.0]

Dumps every resolved mention's features (`cargo run --example features -- confidence DIR`) for each
corpus's exported texts, labels each mention right (it overlaps a gold toponym and lies within
161 km of its point) or wrong (no gold toponym overlaps it, or the point is farther), leaves out
gold toponyms without coordinates, and fits a logistic regression (numpy, L2).

It prints the figure that matters, cross-corpus: weights fitted on one corpus, applied to the
other, with the end-to-end precision and recall (within 161 km) that leaving out mentions below
each threshold would give, starting from the places layer with every resolved mention kept
(`eventmap map --min-score 0`, scored by score_toponyms.py). Then the weights fitted on both
corpora, to paste into src/confidence.rs. The threshold is chosen from the cross-corpus table,
for precision with recall kept well above Mordecai 3's published figures on both corpora.
"""
import argparse
import json
import math
import os
import subprocess
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def hav(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1, h)))


def data(eval_dir, corpus):
    text_dir = os.path.join(ROOT, "target", "eval", corpus)
    gold_path = os.path.join(eval_dir, "toponyms", corpus + ".jsonl")
    if not os.path.isdir(text_dir):
        subprocess.run([sys.executable, os.path.join(eval_dir, "score_toponyms.py"), "export", gold_path, text_dir],
                       check=True, capture_output=True)
    exe = os.path.join(ROOT, "target", "release", "examples", "features")
    rows = [json.loads(l) for l in subprocess.run([exe, "confidence", text_dir], check=True, capture_output=True,
                                                  text=True).stdout.splitlines() if l]
    gold = {}
    for line in open(gold_path, encoding="utf-8"):
        if line.strip():
            d = json.loads(line)
            gold[d["id"]] = d
    X, y = [], []
    for r in rows:
        d = gold.get(r["doc"])
        if d is None:
            continue
        b = d["text"].encode("utf-8")
        cs = len(b[: r["start"]].decode("utf-8", "replace"))
        ce = len(b[: r["end"]].decode("utf-8", "replace"))
        gs = [g for g in d["toponyms"] if g["start"] < ce and cs < g["end"]]
        if gs and gs[0].get("lat") is None:
            continue  # unscored
        ok = bool(gs) and hav((gs[0]["lat"], gs[0]["lon"]), (r["lat"], r["lon"])) <= 161
        X.append(r["f"])
        y.append(ok)
    return np.array(X, dtype=float), np.array(y, dtype=float)


def end_to_end(eval_dir, corpus):
    """TP, FP and gold counts, end to end within 161 km, of the places layer with every
    resolved mention kept."""
    pred = os.path.join(ROOT, "target", "eval", corpus + ".all.geojson")
    subprocess.run([os.path.join(ROOT, "target", "release", "eventmap"), "map", "--layer", "places",
                    "--min-score", "0", os.path.join(ROOT, "target", "eval", corpus), "-o", pred],
                   check=True, capture_output=True)
    out = subprocess.run([sys.executable, os.path.join(eval_dir, "score_toponyms.py"), "score",
                          os.path.join(eval_dir, "toponyms", corpus + ".jsonl"), "--pred", pred, "--json"],
                         check=True, capture_output=True, text=True).stdout
    e = json.loads(out)["corpora"][corpus]["end_to_end"]
    return e["tp"], e["fp"], e["tp"] + e["fn"]


def fit(X, y, l2, steps=4000, lr=0.05):
    mu = X.mean(0)
    sd = X.std(0)
    sd[sd == 0] = 1.0
    mu[0] = 0.0
    sd[0] = 1.0  # the bias column stays as it is
    Z = (X - mu) / sd
    w = np.zeros(X.shape[1])
    m, v = np.zeros_like(w), np.zeros_like(w)
    for t in range(1, steps + 1):
        p = 1 / (1 + np.exp(-(Z @ w)))
        g = Z.T @ (p - y) / len(y) + l2 * np.r_[0.0, w[1:]] / len(y)
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= lr * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    # Back to raw features: w_raw = w / sd, bias absorbs the means.
    raw = w / sd
    raw[0] = w[0] - np.sum(w[1:] * mu[1:] / sd[1:])
    return raw


def prob(w, X):
    return 1 / (1 + np.exp(-(X @ w)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--eval", default=os.path.join(ROOT, "..", "shared", "eval"))
    ap.add_argument("--l2", type=float, default=1.0)
    a = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "eventmap", "--example", "features"],
                   cwd=ROOT, check=True)
    corpora = ["lgl", "geowebnews"]
    D = {c: data(a.eval, c) for c in corpora}
    base = {c: end_to_end(a.eval, c) for c in corpora}
    names = open(os.path.join(ROOT, "src/confidence.rs"), encoding="utf-8").read()
    names = names.split("pub const FEATURES: [&str; M] = [", 1)[1].split("];", 1)[0]
    names = [x.strip().strip('",') for x in names.split() if x.strip().strip('",')]
    thresholds = [0.0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]
    for held in corpora:
        train = [c for c in corpora if c != held]
        w = fit(np.vstack([D[c][0] for c in train]), np.concatenate([D[c][1] for c in train]), a.l2)
        X, y = D[held]
        p = prob(w, X)
        print(f"fitted on {'+'.join(train)}, applied to {held} ({len(y)} mentions, {int(y.sum())} right):")
        for t in thresholds:
            drop = p < t
            dtp, dfp = int((drop & (y == 1)).sum()), int((drop & (y == 0)).sum())
            line = f"  threshold {t:.2f}: drops {dtp} right, {dfp} wrong"
            if base:
                tp, fp, gold = base[held]
                line += f"; P {(tp - dtp) / (tp - dtp + fp - dfp):.3f} R {(tp - dtp) / gold:.3f}"
            print(line)
    w = fit(np.vstack([D[c][0] for c in corpora]), np.concatenate([D[c][1] for c in corpora]), a.l2)
    print("fitted on both:")
    for c in corpora:
        X, y = D[c]
        p = prob(w, X)
        for t in thresholds:
            drop = p < t
            dtp, dfp = int((drop & (y == 1)).sum()), int((drop & (y == 0)).sum())
            line = f"  {c} threshold {t:.2f}: drops {dtp} right, {dfp} wrong"
            if base:
                tp, fp, gold = base[c]
                line += f"; P {(tp - dtp) / (tp - dtp + fp - dfp):.3f} R {(tp - dtp) / gold:.3f}"
            print(line)
    for n, x in zip(names, w):
        print(f"  {n:28s} {x:8.3f}")
    print("pub const WEIGHTS: [f64; M] = [" + ", ".join(f"{x:.3f}" for x in w) + "];")


if __name__ == "__main__":
    main()

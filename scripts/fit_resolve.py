#!/usr/bin/env python3
"""Fits resolve.rs's WEIGHTS on annotated corpora (../shared/eval/toponyms).

usage: fit_resolve.py [--eval DIR] [--rounds 3] [--l2 1.0] [--out weights.json]

For each corpus it exports the texts (score_toponyms.py export), dumps every recognised
mention's candidates with their features (`cargo run --example features -- resolve DIR WEIGHTS`), and marks
as right the candidates within 161 km of the gold point of the toponym the mention overlaps.
The weights maximise the likelihood of the right candidates under a softmax over each mention's
candidates (a conditional logit), with an L2 pull towards the hand-set weights so that features
the corpora rarely see keep their designed values. The second pass's focus features depend on
the first pass, which runs with the weights: the dump and the fit alternate for --rounds rounds.

It prints, for each corpus, the share of mentions whose best candidate is right (among mentions
that have a right candidate) with the built-in weights, with weights fitted on the *other*
corpus (the honest figure) and with weights fitted on all; --out saves the last. Needs numpy.
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


def builtin_weights():
    src = open(os.path.join(ROOT, "src/resolve.rs"), encoding="utf-8").read()
    body = src.split("pub const WEIGHTS: [f64; N] = [", 1)[1].split("];", 1)[0]
    nums = []
    for line in body.splitlines():
        line = line.split("//")[0]
        nums += [float(x) for x in line.replace(",", " ").split()]
    return np.array(nums)


def dump(text_dir, weights):
    wpath = os.path.join(ROOT, "target", "fit_weights.json")
    with open(wpath, "w") as f:
        json.dump(list(map(float, weights)), f)
    exe = os.path.join(ROOT, "target", "release", "examples", "features")
    out = subprocess.run([exe, "resolve", text_dir, wpath], check=True, capture_output=True, text=True).stdout
    return [json.loads(l) for l in out.splitlines() if l]


def label(gold_path, rows):
    """Arrays for the fit: features (C x N), mention id per candidate, right mask."""
    gold = {}
    for line in open(gold_path, encoding="utf-8"):
        if line.strip():
            d = json.loads(line)
            gold[d["id"]] = d
    X, seg, right = [], [], []
    m = 0
    for r in rows:
        d = gold.get(r["doc"])
        if d is None:
            continue
        b = d["text"].encode("utf-8")
        cs, ce = len(b[: r["start"]].decode("utf-8", "replace")), len(b[: r["end"]].decode("utf-8", "replace"))
        gs = [g for g in d["toponyms"] if g["start"] < ce and cs < g["end"] and g.get("lat") is not None]
        if not gs:
            continue
        g = gs[0]
        ok = [hav((g["lat"], g["lon"]), (c["lat"], c["lon"])) <= 161 for c in r["cands"]]
        if not any(ok) or len(ok) < 2:
            continue
        for c, o in zip(r["cands"], ok):
            X.append(c["f"])
            seg.append(m)
            right.append(o)
        m += 1
    return np.array(X, dtype=float), np.array(seg), np.array(right, dtype=bool), m


def loss_grad(w, X, seg, right, n, prior, l2):
    s = X @ w
    mx = np.full(n, -np.inf)
    np.maximum.at(mx, seg, s)
    e = np.exp(s - mx[seg])
    z_all = np.bincount(seg, weights=e, minlength=n)
    z_pos = np.bincount(seg, weights=e * right, minlength=n)
    loss = np.sum(np.log(z_all) - np.log(z_pos)) + l2 * np.sum((w - prior) ** 2)
    p_all = e / z_all[seg]
    p_pos = np.where(right, e / z_pos[seg], 0.0)
    grad = X.T @ (p_all - p_pos) + 2 * l2 * (w - prior)
    return loss, grad


def fit(data, prior, l2, steps=3000, lr=0.03):
    X = np.vstack([d[0] for d in data])
    off, segs = 0, []
    for d in data:
        segs.append(d[1] + off)
        off += d[3]
    seg, right, n = np.concatenate(segs), np.concatenate([d[2] for d in data]), off
    w = prior.copy()
    m, v = np.zeros_like(w), np.zeros_like(w)
    for t in range(1, steps + 1):
        _, g = loss_grad(w, X, seg, right, n, prior, l2)
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= lr * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return w


def accuracy(w, d):
    X, seg, right, n = d
    s = X @ w
    best = np.full(n, -np.inf)
    np.maximum.at(best, seg, s)
    # Ties go to the first candidate, as in resolve.rs (approximately: by order).
    hit = np.zeros(n, dtype=bool)
    taken = np.zeros(n, dtype=bool)
    for i in range(len(s)):
        k = seg[i]
        if not taken[k] and s[i] == best[k]:
            taken[k] = True
            hit[k] = right[i]
    return hit.mean()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--eval", default=os.path.join(ROOT, "..", "shared", "eval"))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--out")
    a = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--example", "features"], cwd=ROOT, check=True)
    corpora = ["lgl", "geowebnews"]
    dirs = {}
    for c in corpora:
        d = os.path.join(ROOT, "target", "eval", c)
        if not os.path.isdir(d):
            subprocess.run([sys.executable, os.path.join(a.eval, "score_toponyms.py"), "export",
                            os.path.join(a.eval, "toponyms", c + ".jsonl"), d], check=True, capture_output=True)
        dirs[c] = d
    names = open(os.path.join(ROOT, "src/resolve.rs"), encoding="utf-8").read()
    names = names.split("pub const FEATURES: [&str; N] = [", 1)[1].split("];", 1)[0]
    names = [x.strip().strip('",') for x in names.split() if x.strip().strip('",')]
    prior = builtin_weights()
    gold = {c: os.path.join(a.eval, "toponyms", c + ".jsonl") for c in corpora}
    data = {c: label(gold[c], dump(dirs[c], prior)) for c in corpora}
    for c in corpora:
        print(f"{c}: {data[c][3]} ambiguous mentions with a right candidate; built-in weights {accuracy(prior, data[c]):.3f}")
    for held in corpora:
        train = [x for x in corpora if x != held]
        w = prior
        for _ in range(a.rounds):
            w = fit([label(gold[c], dump(dirs[c], w)) for c in train], prior, a.l2)
        print(f"fitted on {'+'.join(train)}: {held} {accuracy(w, label(gold[held], dump(dirs[held], w))):.3f}")
    w = prior
    for _ in range(a.rounds):
        w = fit([label(gold[c], dump(dirs[c], w)) for c in corpora], prior, a.l2)
    for c in corpora:
        print(f"fitted on all: {c} {accuracy(w, label(gold[c], dump(dirs[c], w))):.3f}")
    for n, p, x in zip(names, prior, w):
        print(f"  {n:28s} {p:7.2f} -> {x:7.2f}")
    if a.out:
        with open(a.out, "w") as f:
            json.dump([round(float(x), 2) for x in w], f)


if __name__ == "__main__":
    main()

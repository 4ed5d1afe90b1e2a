#!/usr/bin/env python3
"""Writes scenarios/data/chi_lang_2018_ledger.csv: a synthetic enrolment ledger of Chi Lăng
district, 1 January - 5 September 2018, consistent with docs/sources.md [S1]. The office's real ledger is
not public; this one only has to agree with what the article prints:
  - 130 sign-ups by 5 September (A2), 6 of them in the first days of September (A9), after the
    two August conferences in Quang Lang and Chi Lăng communes with 100 attendees (A8);
  - 7 sessions in the year so far (A7), on the dates and in the communes of
    chi_lang_2018_backcast.toml (estimates but for the two August ones);
  - the existing network of 21 collection agents, one per unit (estimate, as the scenarios).
Channels split as the back-cast finds them (walk-ins and agents about evenly, sessions about 6
per 100 attendees, a few referrals); communes in proportion to eligible people; classes with
the poor and near-poor under-represented, as the uptake factors make them. A handful of early
members lapse. Deterministic: a fixed seed, so rerunning writes the same file.

Usage: python3 scripts/make_chi_lang_ledger.py > scenarios/data/chi_lang_2018_ledger.csv
"""
import csv
import datetime as dt
import random
import sys

rng = random.Random(20180905)
communes = []
with open("scenarios/data/chi_lang_communes.csv", encoding="utf-8") as f:
    rows = [line for line in f if not line.startswith("#")]
for r in csv.DictReader(rows):
    communes.append((r["name"], int(r["eligible"]), float(r["poor_share"]), float(r["near_poor_share"])))

sessions = [("2018-03-14", "Hữu Kiên", 47), ("2018-04-11", "Lâm Sơn", 55), ("2018-05-16", "Liên Sơn", 44),
            ("2018-06-13", "Quan Sơn", 51), ("2018-07-11", "Thượng Cường", 49),
            ("2018-08-15", "Quang Lang", 52), ("2018-08-24", "Chi Lăng", 48)]


def day(s):
    return dt.date.fromisoformat(s)


def working_days(a, b):
    d, out = day(a), []
    while d <= day(b):
        if d.weekday() < 5:
            out.append(d)
        d += dt.timedelta(days=1)
    return out


def pick_class(poor, near):
    # Uptake factors of the default pricing (about 0.69 poor, 0.82 near-poor, 1 other).
    w = [poor * 0.69, near * 0.82, (1 - poor - near) * 1.0]
    return rng.choices(["poor", "near_poor", "other"], weights=w)[0]


out = csv.writer(sys.stdout, lineterminator="\n")
print("# Synthetic enrolment ledger of Chi Lăng district, 2018-01-01 .. 2018-09-05 (made by")
print("# scripts/make_chi_lang_ledger.py; columns in scenarios/README.md). Not the office's data:")
print("# it agrees with [S1] A2 (130 by 5 September), A7-A9 (7 sessions, 100 attendees in August,")
print("# 6 sign-ups in the first days of September) and is otherwise an estimate.")
out.writerow(["date", "kind", "record", "commune", "class", "channel", "attendance", "group"])

rows = []
for i, (name, *_rest) in enumerate(communes):
    rows.append(("2018-01-02", "agent", f"AG-{i + 1:02d}", name, "", "", "", "existing agents"))
for date, name, n in sessions:
    rows.append((date, "session", "", name, "", "", str(n), ""))

signups = []
# 124 by the end of August, 6 in 1-5 September (A9: after the August conferences).
channels = ["walk_in"] * 50 + ["agent"] * 52 + ["session"] * 17 + ["referral"] * 5
rng.shuffle(channels)
days = working_days("2018-01-02", "2018-08-31")
for ch in channels:
    if ch == "session":
        date, name, _ = rng.choice(sessions[:5])
        d = day(date) + dt.timedelta(days=rng.randint(3, 30))
        commune = next(c for c in communes if c[0] == name)
    else:
        d = rng.choice(days)
        commune = rng.choices(communes, weights=[c[1] for c in communes])[0]
    signups.append((d, commune, ch))
for k in range(6):
    name = "Quang Lang" if k < 3 else "Chi Lăng"
    signups.append((day("2018-09-0%d" % (3 + k % 3)), next(c for c in communes if c[0] == name), "session"))
signups.sort(key=lambda s: s[0])
for n, (d, (name, _, poor, near), ch) in enumerate(signups, start=1):
    rows.append((d.isoformat(), "enrolled", f"CL-{n:04d}", name, pick_class(poor, near), ch, "", ""))
for n in rng.sample(range(1, 41), 4):  # a few early members stopped paying
    rows.append(("2018-0%d-%02d" % (rng.randint(6, 8), rng.randint(1, 28)), "lapsed", f"CL-{n:04d}", "", "", "", "", ""))
rows.sort(key=lambda r: r[0])
out.writerows(rows)

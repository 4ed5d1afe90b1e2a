#!/usr/bin/env python3
"""Writes the Lạng Sơn province example: scenarios/lang_son_2018_province.toml and the
population files of its district offices in scenarios/data/lang_son_2018/.

Lạng Sơn has 11 district-level units (1 city, 10 districts); their names are public. Chi Lăng
keeps the shipped district files (chi_lang_communes.csv, [S1] A1-A4, docs/sources.md) and the
plan of chi_lang_2018_plan.toml. Every other figure below is SYNTHETIC: populations of the
magnitude of the 2019 census but not taken from it, poverty shares, targets, progress by
5 September and plans are plausible values chosen for the example, not sources. Replace them
with the province's real lists when they are available. Deterministic: no randomness.

Usage: python3 scripts/make_lang_son_province.py [REPO_ROOT]
"""
import os
import sys
import unicodedata

from scenario_generation import SESSION_DAYS, split

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
DATA = os.path.join(ROOT, "scenarios", "data", "lang_son_2018")

# name, population (synthetic), urban share, poor share, near-poor share, rural units,
# progress by 5 Sep as a share of the target, door-to-door staff. All SYNTHETIC but Chi Lăng.
DISTRICTS = [
    ("Thành phố Lạng Sơn", 103_000, 0.80, 0.015, 0.020, 3, 0.45, 8),
    ("Tràng Định", 62_000, 0.08, 0.240, 0.130, 20, 0.30, 5),
    ("Văn Lãng", 53_000, 0.10, 0.220, 0.120, 16, 0.35, 5),
    ("Văn Quan", 55_000, 0.07, 0.260, 0.140, 16, 0.28, 5),
    ("Bình Gia", 55_000, 0.07, 0.300, 0.140, 18, 0.25, 4),
    ("Bắc Sơn", 72_000, 0.08, 0.200, 0.130, 17, 0.35, 6),
    ("Hữu Lũng", 121_000, 0.09, 0.140, 0.110, 24, 0.40, 8),
    ("Chi Lăng", None, None, None, None, None, None, None),  # the shipped district files
    ("Cao Lộc", 79_000, 0.14, 0.160, 0.110, 21, 0.38, 6),
    ("Lộc Bình", 85_000, 0.08, 0.200, 0.130, 20, 0.33, 6),
    ("Đình Lập", 30_000, 0.13, 0.280, 0.150, 10, 0.27, 4),
]
ELIGIBLE_PER_PERSON = 40_000 / 75_063   # Chi Lăng: docs/sources.md's 40,000 eligible of 75,063 people
TARGET_PER_ELIGIBLE = 232 / 40_000      # Chi Lăng: [S1] A1, 232 for 40,000 eligible
PEOPLE_PER_HOUSEHOLD = 4.2              # docs/sources.md: Chi Lăng, about 4.2 people per household


def slug(name):
    s = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
    return "_".join(s.split())


def units(d):
    name, population, urban, poor, near, rural, _, _ = d
    urban_units = 5 if urban > 0.5 else 1
    names = [f"{name}: phường {i + 1}" if urban > 0.5 else f"{name}: thị trấn" for i in range(urban_units)]
    names += [f"{name}: xã {i + 1:02d}" for i in range(rural)]
    people = [population * urban / urban_units] * urban_units + [population * (1 - urban) / rural] * rural
    eligible = split(round(population * ELIGIBLE_PER_PERSON), people)
    households = split(round(population / PEOPLE_PER_HOUSEHOLD), people)
    return [(n, h, poor, near, e, i < urban_units) for i, (n, h, e) in enumerate(zip(names, households, eligible))]


def write_units(d, rows):
    path = os.path.join(DATA, slug(d[0]) + ".csv")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# {d[0]} (Lạng Sơn): SYNTHETIC units written by scripts/make_lang_son_province.py.\n"
                "# The district's name is real; its units, people, households and poverty shares are\n"
                "# plausible values for the example, not sources (see the script's header).\n"
                "name,households,poor_share,near_poor_share,eligible,urban\n")
        for n, h, p, q, e, u in rows:
            f.write(f"{n},{h},{p},{q},{e},{'true' if u else 'false'}\n")
    return os.path.relpath(path, os.path.join(ROOT, "scenarios"))


def office(d):
    name, population, urban, poor, near, rural, progress, staff = d
    rows = units(d)
    eligible = sum(r[4] for r in rows)
    target = round(eligible * TARGET_PER_ELIGIBLE)
    out = [f"[[office]]\nname = \"{name}\"",
           f"target = {target}              # synthetic: Chi Lăng's 232 per 40,000 eligible",
           f"enrolled_at_start = {round(target * progress)}   # synthetic: {progress:.0%} of the target by 5 September",
           f"[office.population]\nfile = \"{write_units(d, rows)}\"   # synthetic units"]
    out.append(f"[office.walk_in]\nper_day = {0.22 * eligible / 40_000:.3f}   # Chi Lăng's calibrated 0.22 a day per 40,000 eligible")
    out.append(f"[office.door_to_door]\nstaff = {staff}   # synthetic")
    rural_units = [r[0] for r in rows if not r[5]]
    sessions = max(4, min(10, round(10 * eligible / 40_000)))
    for k in range(sessions):
        out.append(f"[[office.sessions.plan]]\ndate = {SESSION_DAYS[k]}\ncommune = \"{rural_units[k % len(rural_units)]}\"")
    out.append(f"[[office.agents]]\nname = \"existing agents\"\ncount = {len(rows)}   # one per unit, as Chi Lăng\n"
               "contacts_per_week = 5   # calibrated in Chi Lăng on the count to 5 September\n"
               "conversion = 0.017      # calibrated in Chi Lăng on the count to 5 September\ncommission = 0")
    out.append(f"[[office.agents]]\nname = \"new agents\"\ncount = {len(rows)}\njoins = 2018-09-17\nquota = 2\n"
               "after_quota = \"reduce\"\n"
               "contacts_per_week = { gamma = { mean = 5, sd = 1.5 } }   # estimate, as Chi Lăng\n"
               "reduced_share = { beta = { mean = 0.5, sd = 0.15 } }     # estimate, as Chi Lăng\n"
               "conversion = { beta = { mean = 0.017, sd = 0.006 } }     # estimate: centred on the existing agents' calibrated 0.017\ncommission = 0")
    return "\n".join(out)


CHI_LANG = '''[[office]]
name = "Chi Lăng"
target = 232                # [S1] A1
enrolled_at_start = 130     # [S1] A2
[office.population]
file = "data/chi_lang_communes.csv"   # the shipped district file (docs/sources.md, split rule in its header)
[office.walk_in]
per_day = 0.22              # calibrated on the count to 5 September, as chi_lang_2018_plan.toml
[office.door_to_door]
staff = 12                  # as chi_lang_2018_plan.toml
communes = ["Thị trấn Đồng Mỏ", "Thị trấn Chi Lăng", "Quang Lang", "Chi Lăng"]
''' + "".join(f'[[office.sessions.plan]]\ndate = {d}\ncommune = "{c}"\n' for d, c in zip(SESSION_DAYS, [
    "Bắc Thủy", "Bằng Hữu", "Bằng Mạc", "Chiến Thắng", "Gia Lộc", "Hòa Bình", "Mai Sao", "Nhân Lý", "Vân An", "Vạn Linh"])) + '''[[office.agents]]
name = "existing agents"
count = 21
contacts_per_week = 5       # calibrated on the count to 5 September (chi_lang_2018_backcast.toml)
conversion = 0.017          # calibrated on the count to 5 September (chi_lang_2018_backcast.toml)
commission = 0
[[office.agents]]
name = "new agents"
count = 21
joins = 2018-09-17
quota = 2
after_quota = "reduce"
contacts_per_week = { gamma = { mean = 5, sd = 1.5 } }   # estimate, as chi_lang_2018_plan.toml
reduced_share = { beta = { mean = 0.5, sd = 0.15 } }     # estimate, as chi_lang_2018_plan.toml
conversion = { beta = { mean = 0.017, sd = 0.006 } }     # estimate: centred on the existing agents' calibrated 0.017
commission = 0'''

HEADER = '''# Lạng Sơn province 2018: the article's year-end plan in each of its 11 district offices.
# WRITTEN BY scripts/make_lang_son_province.py: edit the script, not this file.
#
# Chi Lăng is chi_lang_2018_plan.toml ([S1] A1-A13). The other ten offices are SYNTHETIC:
# their names are real, their units, people, poverty, targets (Chi Lăng's 232 per 40,000
# eligible), progress by 5 September and staff are plausible values for the example (the
# script's header). Every office runs the same kind of plan: sessions, door-to-door with a quota
# of 3, the existing agents and a new group with targets, walk-ins at Chi Lăng's calibrated rate
# per eligible person. The shared sections below are Chi Lăng's (scenarios/README.md for every
# key); an [[office]] table overrides them for that office.
#
# Uncertainty: every estimate is drawn as in chi_lang_2018_plan.toml (its comments give each
# source and range); calibrated values (walk-ins, existing agents) and whole numbers are fixed.
# The shared sections' draws (pricing, decisions, sessions, door-to-door, word of mouth, season,
# lapses) are made once per replication for the whole province (a province-wide unknown moves
# every office together); the new agents' contacts, reduced share and conversion are written in
# each office, so each office draws its own.

[scenario]
name = "Lạng Sơn 2018, the year-end plan in 11 district offices"
start = 2018-09-05
end = 2018-12-31
metric = "new"
# total_target: not given, so the province's goal is the sum of the offices' targets

[run]
replications = 1000
seed = 20180905

[calendar]
holidays = "data/vn_holidays.csv"

[pricing]
burden_elasticity = { gamma = { mean = 0.43, sd = 0.15 } }   # shared: [S10], [S13]

[decisions]
delay_mean_days = { gamma = { mean = 10, sd = 3 } }          # shared: estimate
delay_shape = 2                                              # estimate, fixed (chi_lang_2018_plan.toml)
cool_off_days = { gamma = { mean = 60, sd = 20 } }           # shared: estimate

[sessions]
conversion = { beta = { mean = 0.04, sd = 0.012 } }          # shared: one draw for the province; [S1] D6 an upper bound
attendance = { gamma = { mean = 50, sd = 15 } }              # shared: [E2]
cost_per_session = { gamma = { mean = 3000000, sd = 1000000 } }  # shared: estimate

[door_to_door]
from = 2018-09-10
visits_per_staff_day = { gamma = { mean = 4, sd = 1.5 } }    # shared: estimate
quota_per_staff = 3
after_quota = "stop"
conversion = { beta = { mean = 0.08, sd = 0.03 } }           # shared: [E4]
cost_per_staff_day = { gamma = { mean = 250000, sd = 75000 } }  # shared: estimate

[word_of_mouth]
referrals_per_member = { gamma = { mean = 0.5, sd = 0.2 } }  # shared: estimate
delay_mean_days = { gamma = { mean = 30, sd = 10 } }         # shared: estimate
conversion = { beta = { mean = 0.10, sd = 0.04 } }           # shared: estimate

[[season]]
from = 2018-11-01
to = 2018-12-31
factor = { gamma = { mean = 1.5, sd = 0.25 } }               # shared: [E8]'s low end, for the background

[lapses]
monthly_payer_share = { beta = { mean = 0.5, sd = 0.15 } }   # shared: estimate
monthly_hazard = { beta = { mean = 0.015, sd = 0.006 } }     # shared: [E9]
yearly_renewal = { beta = { mean = 0.75, sd = 0.08 } }       # shared: [E9]
'''


def main():
    os.makedirs(DATA, exist_ok=True)
    parts = [HEADER]
    for d in DISTRICTS:
        parts.append(CHI_LANG if d[1] is None else office(d))
    with open(os.path.join(ROOT, "scenarios", "lang_son_2018_province.toml"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n\n".join(parts) + "\n")


if __name__ == "__main__":
    main()

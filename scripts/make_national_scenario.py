#!/usr/bin/env python3
"""Writes a SYNTHETIC national scenario: 63 provinces, about 700 district offices, about
35 million eligible people, each office running a year-end plan of the Chi Lăng kind
(sessions, door-to-door with a quota, existing and new collection agents, walk-ins).

Nothing in it is a source: district sizes, poverty, targets and plans are drawn from simple
distributions around Chi Lăng's figures (docs/sources.md) so that the whole has the
country's scale (63 provinces, ~700 districts, ~35 M eligible: ~62 % of a population of ~96 M
aged 15-60, less those already insured, as docs/sources.md's estimate for Chi Lăng). It exists to
measure what a national run costs (bench/README.md), not to forecast. Deterministic: the same
--seed writes the same bytes.

Usage: python3 scripts/make_national_scenario.py --out DIR [--seed S] [--provinces 63]
           [--districts 700] [--eligible 35000000] [--replications 100]
Writes DIR/national.toml and DIR/data/<province>/<district>.csv.
"""
import argparse
import os
import random

from scenario_generation import SESSION_DAYS, split

TARGET_PER_ELIGIBLE = 232 / 40_000   # Chi Lăng: [S1] A1 over docs/sources.md's 40,000 eligible


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=20180905)
    ap.add_argument("--provinces", type=int, default=63)
    ap.add_argument("--districts", type=int, default=700)
    ap.add_argument("--eligible", type=int, default=35_000_000)
    ap.add_argument("--replications", type=int, default=100)
    a = ap.parse_args()
    if not (1 <= a.provinces <= a.districts) or a.eligible < 100 * a.districts:
        ap.error("expected 1 <= provinces <= districts and at least 100 eligible people per district")
    rng = random.Random(a.seed)

    # Districts per province: at least one each, the rest in proportion to random weights.
    per_province = [1 + k for k in split(a.districts - a.provinces, [rng.uniform(0.3, 1.7) for _ in range(a.provinces)])]
    # Eligible people per district: lognormal weights (sd 0.5), split exactly.
    sizes = split(a.eligible, [rng.lognormvariate(0, 0.5) for _ in range(a.districts)])

    data = os.path.join(a.out, "data")
    os.makedirs(data, exist_ok=True)
    parts = [f'''# A SYNTHETIC national scenario written by scripts/make_national_scenario.py --seed {a.seed}:
# {a.provinces} provinces, {a.districts} district offices, {a.eligible} eligible people. Not a forecast: it
# measures what a national run costs (bench/README.md). Shared sections are Chi Lăng's plan.

[scenario]
name = "Synthetic national scenario (seed {a.seed})"
start = 2018-09-05
end = 2018-12-31

[run]
replications = {a.replications}
seed = {a.seed}

[sessions]
conversion = {{ beta = {{ mean = 0.06, sd = 0.025 }} }}
attendance = {{ gamma = {{ mean = 50, sd = 15 }} }}
cost_per_session = 3000000

[door_to_door]
from = 2018-09-10
visits_per_staff_day = 4
quota_per_staff = 3
conversion = {{ beta = {{ mean = 0.08, sd = 0.03 }} }}
cost_per_staff_day = 250000

[word_of_mouth]
referrals_per_member = 0.5

[[season]]
from = 2018-11-01
to = 2018-12-31
factor = 1.5
''']
    district = 0
    for p in range(a.provinces):
        pdir = f"p{p + 1:02d}"
        os.makedirs(os.path.join(data, pdir), exist_ok=True)
        for d in range(per_province[p]):
            eligible = sizes[district]
            district += 1
            name = f"P{p + 1:02d} D{d + 1:02d}"
            units = max(3, min(30, round(eligible / 2_200)))
            poor = round(rng.uniform(0.02, 0.35), 3)
            near = round(rng.uniform(0.05, 0.15), 3)
            # One town holding about 20 % of the people, the rest in equal communes.
            weights = [0.2 * (units - 1) / 0.8] + [1.0] * (units - 1)
            el = split(eligible, weights)
            hh = split(round(eligible / 2.2), weights)
            path = os.path.join(data, pdir, f"d{d + 1:02d}.csv")
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(f"# {name}: synthetic units (scripts/make_national_scenario.py --seed {a.seed})\n")
                f.write("name,households,poor_share,near_poor_share,eligible,urban\n")
                for u in range(units):
                    f.write(f"{'town' if u == 0 else f'commune {u:02d}'},{hh[u]},{poor},{near},{el[u]},{'true' if u == 0 else 'false'}\n")
            target = max(1, round(eligible * TARGET_PER_ELIGIBLE * rng.uniform(0.8, 1.2)))
            sessions = max(2, min(10, round(10 * eligible / 40_000)))
            block = [f'[[office]]\nname = "{name}"\ntarget = {target}\n'
                     f'enrolled_at_start = {round(target * rng.uniform(0.45, 0.65))}\n'
                     f'[office.population]\nfile = "data/{pdir}/d{d + 1:02d}.csv"\n'
                     f'[office.walk_in]\nper_day = {0.22 * eligible / 40_000:.4f}\n'
                     f'[office.door_to_door]\nstaff = {rng.randint(8, 15)}']
            for k in range(sessions):
                block.append(f'[[office.sessions.plan]]\ndate = {SESSION_DAYS[k]}\ncommune = "commune {1 + k % (units - 1):02d}"')
            block.append(f'[[office.agents]]\nname = "existing agents"\ncount = {units}\nconversion = 0.017\ncommission = 0')
            block.append(f'[[office.agents]]\nname = "new agents"\ncount = {units}\njoins = 2018-09-17\nquota = 2\n'
                         f'after_quota = "reduce"\nreduced_share = 0.5\nconversion = 0.026\ncommission = 0')
            parts.append("\n".join(block))
    with open(os.path.join(a.out, "national.toml"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n\n".join(parts) + "\n")


if __name__ == "__main__":
    main()

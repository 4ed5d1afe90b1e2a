#!/usr/bin/env bash
# Measures what offices cost (bench/README.md, "Cost that grows with the work"): time per
# replication and peak memory of a district, the Lạng Sơn province and the synthetic national
# scenario; a district with 100x the eligible people and the same plan; 1 against 2 threads.
# Runs at nice 19 (the machine is shared); each figure is one run, ratios within this run.
# Usage: bash scripts/bench_offices.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-build}/outreach"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
python3 scripts/make_national_scenario.py --out "$W/national" --seed 20180905

# The district with every unit's households and eligible people times 100.
mkdir -p "$W/big/data"
awk -F, 'BEGIN{OFS=","} /^#/ || /^name,/ {print; next} {$2*=100; $5*=100; print}' \
  scenarios/data/chi_lang_communes.csv > "$W/big/data/chi_lang_communes.csv"
cp scenarios/data/vn_holidays.csv "$W/big/data/"
cp scenarios/chi_lang_2018_plan.toml "$W/big/"

# run NAME SCENARIO REPLICATIONS THREADS: prints seconds per replication and peak RSS (KiB).
run() {
  local out="$W/out-$1"
  /usr/bin/time -f "%M" -o "$W/rss" nice -n 19 "$BIN" run "$2" -n "$3" --threads "$4" --events 0 --quiet --out "$out" > /dev/null
  local wall
  wall=$(sed -n 's/.*"wall_seconds": \([0-9.]*\).*/\1/p' "$out/manifest.json")
  echo "$1 $(awk -v w="$wall" -v n="$3" 'BEGIN{printf "%.4f", w/n}') $(tail -1 "$W/rss")"
}
echo "name seconds_per_replication peak_rss_kib"
run district scenarios/chi_lang_2018_plan.toml "${N_DISTRICT:-200}" 1
run district_x100 "$W/big/chi_lang_2018_plan.toml" "${N_DISTRICT:-200}" 1
run province_1t scenarios/lang_son_2018_province.toml "${N_PROVINCE:-40}" 1
run province_2t scenarios/lang_son_2018_province.toml "${N_PROVINCE:-40}" 2
run national "$W/national/national.toml" "${N_NATIONAL:-2}" 1
echo "eligible: district $(awk -F, '!/^#/ && !/^name,/ {s+=$5} END{print s}' scenarios/data/chi_lang_communes.csv)," \
     "x100 $(awk -F, '!/^#/ && !/^name,/ {s+=$5} END{print s}' "$W/big/data/chi_lang_communes.csv")," \
     "national 35000000"

#!/usr/bin/env bash
# Measures what offices cost (bench/README.md, "Cost that grows with the work"): time per
# replication and peak memory of a district, the Lạng Sơn province and the synthetic national
# scenario; a district with 100x the eligible people and the same plan; 1 against 2 threads.
# Runs at nice 19 (the machine is shared); each figure is one run, ratios within this run.
# Usage: bash scripts/bench_offices.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-build}/outreach"
export OUTREACH_DATA="$PWD/scenarios/data"  # the national scenario names no holiday file
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
python3 scripts/make_national_scenario.py --out "$W/national" --seed 20180905

# The district with every unit's households and eligible people times S, for each S in SCALES
# (default 100; `SCALES="4 25 100"` gives the rows of bench/README.md's index table).
SCALES="${SCALES:-100}"
for scale in $SCALES; do
  mkdir -p "$W/x$scale/data"
  awk -F, -v k="$scale" 'BEGIN{OFS=","} /^#/ || /^name,/ {print; next} {$2*=k; $5*=k; print}' \
    scenarios/data/chi_lang_communes.csv > "$W/x$scale/data/chi_lang_communes.csv"
  cp scenarios/data/vn_holidays.csv "$W/x$scale/data/"
  cp scenarios/chi_lang_2018_plan.toml "$W/x$scale/"
done

# cost SCENARIO N THREADS: CPU seconds (user + sys), wall seconds and peak RSS (KiB) of a run.
cost() {
  /usr/bin/time -f "%U %S %M" -o "$W/time" nice -n 19 "$BIN" run "$1" -n "$2" --threads "$3" --events 0 --quiet \
    --out "$W/out" > /dev/null
  local wall
  wall=$(sed -n 's/.*"wall_seconds": \([0-9.]*\).*/\1/p' "$W/out/manifest.json")
  awk -v w="$wall" '{printf "%.3f %.3f %d", $1 + $2, w, $3}' "$W/time"
}
# row NAME SCENARIO N1 N2: CPU seconds per replication from the difference of runs of N1 and
# N2 replications on one thread (loading and start-up cancel out), and the peak RSS of the larger.
row() {
  read -r c1 _ _ <<< "$(cost "$2" "$3" 1)"
  read -r c2 _ rss <<< "$(cost "$2" "$4" 1)"
  echo "$1 $(awk -v a="$c1" -v b="$c2" -v n="$(($4 - $3))" 'BEGIN{printf "%.5f", (b - a) / n}') $rss"
}
echo "name cpu_seconds_per_replication peak_rss_kib"
row district scenarios/chi_lang_2018_plan.toml "${N_DISTRICT:-500}" "$((2 * ${N_DISTRICT:-500}))"
for scale in $SCALES; do
  row "district_x$scale" "$W/x$scale/chi_lang_2018_plan.toml" "${N_DISTRICT:-500}" "$((2 * ${N_DISTRICT:-500}))"
done
row province scenarios/lang_son_2018_province.toml "${N_PROVINCE:-100}" "$((2 * ${N_PROVINCE:-100}))"
row national "$W/national/national.toml" 1 "$((1 + ${N_NATIONAL:-3}))"
echo "threads: wall seconds of the province, ${N_THREADS:-400} replications (shared machine: indicative)"
read -r _ w1 _ <<< "$(cost scenarios/lang_son_2018_province.toml "${N_THREADS:-400}" 1)"
read -r _ w2 _ <<< "$(cost scenarios/lang_son_2018_province.toml "${N_THREADS:-400}" 2)"
echo "1 thread $w1 s, 2 threads $w2 s, speed-up $(awk -v a="$w1" -v b="$w2" 'BEGIN{printf "%.2f", a / b}')x"
echo "eligible: district $(awk -F, '!/^#/ && !/^name,/ {s+=$5} END{print s}' scenarios/data/chi_lang_communes.csv)," \
     "each scale S: S times that, national 35000000"

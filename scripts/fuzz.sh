#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang with ASan + UBSan, in build-fuzz/) and fuzzes each
# for SECONDS (default 60): the scenario files, the ledger CSV and the event logs. Two processes
# run at a time, each target as two of SECONDS/2 that share its corpus (build-fuzz/corpus/, kept
# between runs, so later runs start where earlier ones stopped), ordered so the two running at
# any time fuzz different targets. Exits 1, naming the reproducer, when any target crashes,
# reports a sanitizer error, hangs (-timeout) or runs out of memory (-rss_limit_mb).
#
#   bash scripts/fuzz.sh [SECONDS]
#   build-fuzz/fuzz_scenario build-fuzz/crashes/scenario/crash-...   # replays a reproducer
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: scripts/fuzz.sh [SECONDS]   (seconds per target, default 60)" >&2
  exit 2
fi
half=$(( (seconds + 1) / 2 ))
root=$PWD
build=$root/build-fuzz
targets=(scenario ledger event_log)

cmake -S fuzz -B "$build" -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_UNITY_BUILD=ON > /dev/null
cmake --build "$build" -j 2

# Seeds: the shipped scenarios and data files, a scenario with every section
# (fuzz/corpus/scenario/) and the committed event logs (fuzz/make_log_seeds.sh). Copied, as
# libFuzzer reads every file of a seed folder.
rm -rf "$build/seeds"
mkdir -p "$build/seeds/scenario" "$build/seeds/ledger"
cp scenarios/*.toml scenarios/examples/*.toml fuzz/corpus/scenario/*.toml "$build/seeds/scenario/"
cp scenarios/data/*.csv "$build/seeds/ledger/"
cp -r fuzz/corpus/event_log "$build/seeds/event_log"
for t in "${targets[@]}"; do mkdir -p "$build/corpus/$t" "$build/crashes/$t" "$build/logs"; done

# One process: SECONDS/2 of fuzzing, its output in build-fuzz/logs/<target>-<part>.log.
run_one() {
  local target=$1 part=$2 dict=()
  [ -f "$root/fuzz/$target.dict" ] && dict=(-dict="$root/fuzz/$target.dict")
  "$build/fuzz_$target" "${dict[@]}" -max_total_time="$half" -timeout=25 -rss_limit_mb=2048 \
    -print_final_stats=1 -print_funcs=0 -artifact_prefix="$build/crashes/$target/" \
    "$build/corpus/$target" "$build/seeds/$target" > "$build/logs/$target-$part.log" 2>&1
}
export -f run_one
export root build half

started=$(date +%s)
marker=$(mktemp)
status=0
printf '%s 1\n%s 1\n%s 1\n%s 2\n%s 2\n%s 2\n' "${targets[@]}" "${targets[@]}" |
  xargs -P 2 -L 1 bash -c 'run_one "$0" "$1"' || status=$?

echo "== fuzzing: ${seconds} s per target, $(( $(date +%s) - started )) s wall"
for t in "${targets[@]}"; do
  runs=$(grep -h '^stat::number_of_executed_units' "$build/logs/$t-"*.log | awk '{n += $2} END {print n + 0}')
  echo "  $t: $runs executions, corpus $(ls "$build/corpus/$t" | wc -l) inputs"
done
found=$(find "$build/crashes" -type f -newer "$marker" | sort)
rm -f "$marker"
if [ -n "$found" ] || [ "$status" -ne 0 ]; then
  echo "fuzz: FAILED; reproducers (run a target on one to replay it, logs in $build/logs/):" >&2
  echo "${found:-  (none written: see the logs)}" >&2
  exit 1
fi
echo "fuzz: no crash, sanitizer report, hang or memory blow-up"

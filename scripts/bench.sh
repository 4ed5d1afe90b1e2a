#!/usr/bin/env bash
# Builds (Release) and runs the benchmarks: the engine's hold model, then the outreach model
# on the 2018 plan, then `outreach run` on 1 and 2 MPI ranks. Prints the tables of
# bench/README.md. Run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh > /dev/null
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DOUTREACH_MPI=ON > /dev/null
cmake --build build -j "$(nproc)" --target bench_hold bench_model outreach > /dev/null
./build/bench_hold "${HOLDS:-10000000}"
echo
./build/bench_model scenarios/chi_lang_2018_plan.toml "${REPLICATIONS:-10000}"

# MPI ranks: the same `outreach run` on 1 and 2 ranks of this machine (one thread each), then on
# 1 rank of 2 threads, against the 1-rank time of this run; the wall time includes mpirun's start.
echo
n="${MPI_REPLICATIONS:-20000}"  # enough that mpirun's start (about 0.5 s) matters little
out=$(mktemp -d)
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1  # CI and this machine run as root
echo "outreach run scenarios/chi_lang_2018_plan.toml -n $n --threads T, under mpirun -n K"
echo "| ranks × threads | seconds | replications/s | speed-up |"
echo "|---|---:|---:|---:|"
for kt in 1x1 2x1 1x2; do  # the last: the same cores as threads of one process, for comparison
  k=${kt%x*}
  t=${kt#*x}
  start=$(date +%s.%N)
  mpirun --oversubscribe --bind-to none -n "$k" ./build/outreach run scenarios/chi_lang_2018_plan.toml -n "$n" \
    --threads "$t" -q --out "$out/$kt" > /dev/null
  end=$(date +%s.%N)
  seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
  [ "$kt" = 1x1 ] && one=$seconds
  awk -v kt="$k × $t" -v s="$seconds" -v n="$n" -v one="$one" \
    'BEGIN { printf "| %s | %.2f | %.0f | %.2fx |\n", kt, s, n / s, one / s }'
done
diff -r -q -x manifest.json "$out/1x1" "$out/2x1" && echo "(outputs identical but manifest.json's wall_seconds)"
rm -rf "$out"

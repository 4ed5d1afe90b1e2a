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

# MPI ranks: the same `outreach run` (one thread per rank) on 1 and 2 ranks of this machine,
# against the 1-rank time of this run; the wall time includes mpirun's start.
echo
n="${MPI_REPLICATIONS:-6000}"
out=$(mktemp -d)
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1  # CI and this machine run as root
echo "outreach run scenarios/chi_lang_2018_plan.toml -n $n --threads 1, under mpirun -n K"
echo "| ranks | seconds | replications/s | speed-up |"
echo "|---:|---:|---:|---:|"
for k in 1 2; do
  start=$(date +%s.%N)
  mpirun --oversubscribe -n "$k" ./build/outreach run scenarios/chi_lang_2018_plan.toml -n "$n" --threads 1 -q \
    --out "$out/k$k" > /dev/null
  end=$(date +%s.%N)
  seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
  [ "$k" = 1 ] && one=$seconds
  awk -v k="$k" -v s="$seconds" -v n="$n" -v one="$one" 'BEGIN { printf "| %d | %.2f | %.0f | %.2fx |\n", k, s, n / s, one / s }'
done
diff -r -q -x manifest.json "$out/k1" "$out/k2" && echo "(outputs identical but manifest.json's wall_seconds)"
rm -rf "$out"

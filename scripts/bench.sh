#!/usr/bin/env bash
# Builds (Release) and runs the benchmarks: the engine's hold model, then the outreach model
# on the 2018 plan. Prints the tables of bench/README.md. Run it on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh > /dev/null
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build -j "$(nproc)" --target bench_hold bench_model > /dev/null
./build/bench_hold "${HOLDS:-10000000}"
echo
./build/bench_model scenarios/chi_lang_2018_plan.toml "${REPLICATIONS:-10000}"

#!/usr/bin/env bash
# Installs what is missing, then builds and runs the whole test suite in a Release build (with
# MPI), runs the engine's tests again under AddressSanitizer and UndefinedBehaviorSanitizer, and
# fuzzes each parser (the model's parsers, under the same sanitizers). This is CI (.ci/run), kept
# under 15 minutes on 2 cores. `bash scripts/test.sh --thorough` also runs the model's, the
# studies' and the command-level tests (app_tests, which run the outreach binary hundreds of
# times) under the sanitizers and fuzzes 60 s a parser: about 10 minutes more.
set -euo pipefail
cd "$(dirname "$0")/.."
thorough=0
[[ ${1:-} == --thorough ]] && thorough=1
bash scripts/setup.sh
jobs=$(nproc)
# A unity build compiles each target's sources in batches of 8: the headers and templates they
# share are compiled once per batch, not once per file (a quarter less compile time, measured).
unity=-DCMAKE_UNITY_BUILD=ON

echo "== Release build and tests"
# With MPI: the tests also run the command under `mpirun -n 1, 2, 3` (tests/mpi/). Only what the
# tests run is built: the benchmarks are built by scripts/bench.sh.
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DOUTREACH_MPI=ON "$unity" > /dev/null
cmake --build build -j "$jobs" --target outreach sim_tests model_tests studies_tests app_tests mpi_tests
ctest --test-dir build -j "$jobs" --output-on-failure

sanitized=(sim_tests)
pattern='^(sim):'
if (( thorough )); then
  sanitized+=(model_tests studies_tests app_tests)
  pattern='^(sim|model|studies|app):'
fi
echo "== Sanitizer build (ASan + UBSan) and tests: ${sanitized[*]}"
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DOUTREACH_SANITIZE=ON "$unity" > /dev/null
cmake --build build-sanitize -j "$jobs" --target "${sanitized[@]}"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-sanitize -j "$jobs" --output-on-failure --no-tests=error -R "$pattern"

seconds=$(( thorough ? 60 : 10 ))
echo "== Fuzzing (libFuzzer + ASan + UBSan, $seconds s per target)"
bash scripts/fuzz.sh "$seconds"

#!/usr/bin/env bash
# Installs what is missing, builds outreach (Release) and runs the reference plan:
# the Chi Lăng district office's year-end plan of 2018.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DOUTREACH_TESTS=OFF -DCMAKE_UNITY_BUILD=ON > /dev/null
cmake --build build -j "$(nproc)" --target outreach
./build/outreach run scenarios/chi_lang_2018_plan.toml --plot "$@"

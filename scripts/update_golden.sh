#!/usr/bin/env bash
# Rewrites the regression references under tests/golden/ from this build's outputs, after an
# intended change of behaviour. Review `git diff tests/golden` and commit with the reason.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build -j "$(nproc)" --target app_tests > /dev/null
OUTREACH_UPDATE_GOLDEN=1 ./build/app_tests "[golden]"
git status --short tests/golden

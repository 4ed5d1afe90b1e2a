#!/usr/bin/env bash
# Installs every Debian package outreach needs that is not installed yet. Safe to run twice.
set -euo pipefail

packages=(
  g++ cmake make pkg-config git
  libboost-program-options-dev   # the command line
  libboost-random-dev            # distributions over our streams
  libboost-dev                   # Boost.CRC (CRC-32C of log records), headers
  librandom123-dev               # Philox counter-based generator: streams keyed by (seed, replication, purpose)
  libeigen3-dev                  # calibration, sensitivity, mean-field checks
  catch2                         # Catch2 v2 test framework
  libtoml11-dev                  # scenario files
  libssl-dev                     # SHA-256 of scenario files in run manifests
  libxxhash-dev                  # event-trace fingerprints
  nlohmann-json3-dev             # manifests: JSON escaped and parsed by a kept library, not by hand
  libabsl-dev                    # flat_hash_map: the state of contacted people
  python3                        # scripts: the layer check (a test), scenario generators
  libicu-dev                     # Unicode NFC of names: precomposed and decomposed spellings are one commune
  gnuplot-nox                    # plots
  libxlsxwriter-dev              # results.xlsx: the workbook planners open in Excel (Debian 1.1.4)
  libopenmpi-dev openmpi-bin     # -DOUTREACH_MPI=ON: replications split across MPI ranks (mpirun)
  clang-14 libclang-rt-14-dev    # libFuzzer and its sanitizers: the fuzz targets (scripts/fuzz.sh)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "setup: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

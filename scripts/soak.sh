#!/usr/bin/env bash
# Soak test of interruption and resumption (not part of CI; run it at low priority):
#
#   nice -n 19 bash scripts/soak.sh [--minutes M] [--jobs J] [--seed S] [--binary PATH] [--dir DIR] [--keep]
#
# Runs each kind of resumable command once, uninterrupted, as a reference. Then, for M minutes
# (default 10), keeps J jobs (default 4) running at once, each a command of one kind (run,
# run --precision, compare, sweep, sensitivity, optimize, calibrate) in a folder of its own:
# it is started, killed at a random moment with SIGINT, SIGTERM or SIGKILL (nine in ten of its
# first eight attempts), and started again with the same command, until it completes. After
# every attempt the folder must hold nothing half-written: a graceful stop (SIGINT, SIGTERM)
# must say how to resume and add nothing but the journal (an earlier attempt killed outright
# may have left its hidden staging folder, which the next run that gets far enough removes); a
# process killed outright may also leave that staging folder, or results already whole.
# Once complete, the folder must hold the results and nothing else, and the results must be the
# reference's byte for byte, except the documented `wall_seconds` of manifest.json. Prints
# what it did (jobs, attempts, signals, resumes) and PASS or FAIL; exits 0 on PASS, 1 on FAIL.
# The folders of failed jobs are kept (all of them with --keep) under DIR (default a new
# folder in /tmp).

# One brace group, read whole before it runs: editing this file during a soak cannot change it.
{
set -euo pipefail

minutes=10
jobs=4
seed=$$
binary=""
dir=""
keep=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --minutes) minutes=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,18p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "soak: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
binary=$(realpath "${binary:-$root/build/outreach}")
[[ -x $binary ]] || { echo "soak: $binary not found: build it first (cmake --build build --target outreach)" >&2; exit 2; }
dir=${dir:-$(mktemp -d /tmp/outreach-soak.XXXXXX)}
mkdir -p "$dir"/ref "$dir"/jobs "$dir"/stats
dir=$(realpath "$dir")
RANDOM=$seed
sc=$root/scenarios

kinds=(run run-precision compare sweep sensitivity optimize calibrate)

# The command of each kind, into ARGS. Every job of a kind runs exactly this, in its own folder.
args_of() {
  case $1 in
    run) ARGS=(run "$sc/chi_lang_2018_plan.toml" -n 2000 --events 2) ;;
    run-precision) ARGS=(run "$sc/examples/minimal.toml" --set scenario.target=59 -n 500 --precision 0.01
                         --max-replications 30000 --events 1) ;;
    compare) ARGS=(compare "$sc/chi_lang_2018_baseline.toml" "$sc/chi_lang_2018_plan.toml"
                   "$sc/chi_lang_2018_topup.toml" -n 600 --events 1) ;;
    sweep) ARGS=(sweep "$sc/chi_lang_2018_plan.toml" --vary door_to_door.staff=6:18:6 -n 600) ;;
    sensitivity) ARGS=(sensitivity "$sc/chi_lang_2018_plan.toml" -n 1500) ;;
    optimize) ARGS=(optimize "$sc/chi_lang_2018_plan.toml" --lever door_to_door.staff=0:12:3
                    --lever sessions.count=0:10:5 -n 100 --max-replications 1600) ;;
    calibrate) ARGS=(calibrate "$sc/chi_lang_2018_backcast.toml" --observed "$sc/data/chi_lang_2018_article_counts.csv"
                     --fit sessions.conversion,walk_in.per_day
                     --set 'walk_in.per_day={ gamma = { mean = 0.22, sd = 0.11 } }'
                     --particles 100 --generations 4 --predictive 200) ;;
  esac
  ARGS+=(--threads 2 --quiet --out res)
}

now() { date +%s.%N; }
# Seconds between two now()s, with a leading zero.
seconds_since() { printf '%.3f' "$(echo "$(now) - $1" | bc)"; }
# A random whole number of milliseconds in [0, limit).
random_ms() { echo $(( (RANDOM * 32768 + RANDOM) % $1 )); }

# The two result folders hold the same files, byte for byte but wall_seconds in manifests.
same_results() {
  local ref=$1 got=$2 f
  [[ -d $got ]] || return 1
  diff <(cd "$ref" && find . | sort) <(cd "$got" && find . | sort) >/dev/null || return 1
  while IFS= read -r f; do
    if [[ $(basename "$f") == manifest.json ]]; then
      cmp -s <(grep -v '"wall_seconds"' "$ref/$f") <(grep -v '"wall_seconds"' "$got/$f") || return 1
    else
      cmp -s "$ref/$f" "$got/$f" || return 1
    fi
  done < <(cd "$ref" && find . -type f)
}

# A process has ended (exited or a zombie waiting to be reaped).
ended() { [[ ! -e /proc/$1 ]] || [[ $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) == Z ]]; }

# --- references ---------------------------------------------------------------------------
declare -A ref_seconds ref_status
for kind in "${kinds[@]}"; do
  args_of "$kind"
  # As deep as a job's folder: the data paths a calibrated or optimized plan file writes are
  # relative to its output folder.
  mkdir -p "$dir/ref/$kind/run"
  start=$(now)
  status=0
  (cd "$dir/ref/$kind/run" && exec "$binary" "${ARGS[@]}") >"$dir/ref/$kind.out" 2>"$dir/ref/$kind.err" || status=$?
  ref_seconds[$kind]=$(seconds_since "$start")
  ref_status[$kind]=$status
  if [[ $status -ne 0 && $status -ne 3 ]]; then
    echo "soak: the reference $kind failed (exit $status): $dir/ref/$kind.err" >&2
    exit 1
  fi
  printf 'soak: reference %-13s %6.1f s (exit %d)\n' "$kind" "${ref_seconds[$kind]}" "$status"
done

# --- one job: attempts until complete -------------------------------------------------------
# Writes "kind attempts sigint sigterm sigkill graceful resumes before_signal max_stop verdict"
# to stats/<name>.stats, and the reason for a failure to stats/<name>.fail.
soak_job() {
  local kind=$1 name=$2
  RANDOM=$((seed + 10#${name%%-*}))  # each job its own sequence of kill moments and signals
  local folder=$dir/jobs/$name attempts=0 sigint=0 sigterm=0 sigkill=0 graceful=0 resumes=0 early=0
  local max_stop=0 verdict=FAIL reason=""
  args_of "$kind"
  mkdir -p "$folder/run"
  # Kill delays up to the reference's duration stretched by the jobs sharing the cores (two).
  local limit_ms
  limit_ms=$(echo "${ref_seconds[$kind]} * 1000 * ($jobs + 1) / 2" | bc | cut -d. -f1)
  [[ $limit_ms -gt 100 ]] || limit_ms=100
  while :; do
    attempts=$((attempts + 1))
    local log=$folder/attempt-$attempts before
    before=$(cd "$folder/run" && ls -A | tr '\n' ' ')
    (cd "$folder/run" && exec "$binary" "${ARGS[@]}") >"$log.out" 2>"$log.err" &
    local pid=$! signal="" sent=0 status=0 stop_started stop_seconds
    # The first eight attempts are signalled at a random moment (most of them); then it runs on.
    if [[ $attempts -le 8 && $((RANDOM % 10)) -lt 9 ]]; then
      sleep "$(echo "scale=3; $(random_ms "$limit_ms") / 1000" | bc)"
      case $((RANDOM % 3)) in 0) signal=INT ;; 1) signal=TERM ;; 2) signal=KILL ;; esac
      if ! ended "$pid"; then
        kill -s "$signal" "$pid" 2>/dev/null && sent=1
      fi
    fi
    stop_started=$(now)
    if [[ $sent -eq 1 && $signal != KILL ]]; then
      # A graceful stop must come within seconds; give a loaded machine plenty.
      local waited=0
      while ! ended "$pid" && [[ $waited -lt 600 ]]; do sleep 0.05; waited=$((waited + 1)); done
      if ! ended "$pid"; then
        kill -s KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        reason="attempt $attempts: did not stop within 30 s of SIG$signal"
        break
      fi
    fi
    wait "$pid" 2>/dev/null || status=$?  # quiet: no "Killed" line from bash
    stop_seconds=$(seconds_since "$stop_started")
    grep -q "resuming from" "$log.err" && resumes=$((resumes + 1))
    if grep -q "starting afresh" "$log.err" && ! grep -q "is not a journal this program can read" "$log.err"; then
      reason="attempt $attempts: the same command did not reuse its journal: $(grep 'starting afresh' "$log.err")"
      break
    fi
    local entries
    entries=$(cd "$folder/run" && ls -A | tr '\n' ' ')
    if [[ $status -eq ${ref_status[$kind]} ]]; then
      # Complete (possibly just before the signal landed): the results and nothing else.
      [[ $sent -eq 1 ]] && early=$((early + 1))
      if [[ $entries != "res " ]]; then
        reason="attempt $attempts: completed, but the folder holds: $entries"
      elif ! same_results "$dir/ref/$kind/run/res" "$folder/run/res"; then
        reason="attempt $attempts: completed with results that differ from the reference"
      else
        verdict=PASS
      fi
      break
    fi
    if [[ $sent -eq 0 ]]; then
      reason="attempt $attempts: exit $status without a signal: $(tail -3 "$log.err" | tr '\n' ' ')"
      break
    fi
    case $signal in INT) sigint=$((sigint + 1)) ;; TERM) sigterm=$((sigterm + 1)) ;; KILL) sigkill=$((sigkill + 1)) ;; esac
    local expected=$((128 + $(kill -l "$signal")))
    if [[ $status -ne $expected ]]; then
      reason="attempt $attempts: exit $status after SIG$signal (expected $expected or ${ref_status[$kind]}): $(tail -3 "$log.err" | tr '\n' ' ')"
      break
    fi
    if grep -q "interrupted (SIG$signal)" "$log.err"; then
      # A graceful stop: it says how to resume and leaves only its journal.
      graceful=$((graceful + 1))
      if (( $(echo "$stop_seconds > $max_stop" | bc) )); then max_stop=$stop_seconds; fi
      if ! grep -q "run the same command again to resume" "$log.err"; then
        reason="attempt $attempts: stopped by SIG$signal without saying how to resume"
        break
      fi
      # Nothing but its journal is new: a stop before the batch began leaves no journal yet, and
      # the leftovers of an attempt killed outright stay until a run gets to remove them.
      local added
      added=$(comm -13 <(tr ' ' '\n' <<<"$before" | sort) <(tr ' ' '\n' <<<"$entries" | sort) | grep -v '^$' |
              grep -vx '.res.journal' || true)
      if [[ -n $added ]]; then
        reason="attempt $attempts: stopped by SIG$signal, leaving: $entries (new: $(tr '\n' ' ' <<<"$added"))"
        break
      fi
    else
      # Killed outright (SIGKILL, or a signal before the handler was set or after the batch): a
      # journal, the hidden staging folder the next run removes, and at most complete results.
      local e bad=""
      for e in $entries; do
        case $e in
          .res.journal|.res.partial-*) ;;
          res) same_results "$dir/ref/$kind/run/res" "$folder/run/res" || bad="res differs from the reference" ;;
          *) bad="unexpected $e" ;;
        esac
      done
      if [[ -n $bad ]]; then
        reason="attempt $attempts: after SIG$signal: $bad (folder: $entries)"
        break
      fi
    fi
  done
  echo "$kind $attempts $sigint $sigterm $sigkill $graceful $resumes $early $max_stop $verdict" >"$dir/stats/$name.stats"
  if [[ $verdict == FAIL ]]; then
    echo "$name: $reason" >"$dir/stats/$name.fail"
  elif [[ $keep -eq 0 ]]; then
    rm -rf "$folder"
  fi
}

# --- the soak -------------------------------------------------------------------------------
echo "soak: $jobs jobs at once for $minutes min, seed $seed, in $dir"
deadline=$(( $(date +%s) + minutes * 60 ))
started=0
running=0
while [[ $(date +%s) -lt $deadline ]]; do
  if [[ $running -ge $jobs ]]; then
    wait -n || true
    running=$((running - 1))
    continue
  fi
  kind=${kinds[$((started % ${#kinds[@]}))]}
  started=$((started + 1))
  name=$(printf '%04d' "$started")-$kind
  # The job's own stderr: bash's "Killed" notices for the processes it kills, and any error.
  soak_job "$kind" "$name" 2>"$dir/stats/$name.shell" &
  running=$((running + 1))
done
wait

# --- the report -----------------------------------------------------------------------------
# Anything a job's shell said but the notices of the kills it made is shown.
cat "$dir"/stats/*.shell 2>/dev/null | grep -v ' Killed ' | sed 's/^/soak: note: /' || true
stats=("$dir"/stats/*.stats)
[[ -e ${stats[0]} ]] || { echo "soak: FAIL: no job ran (give it more --minutes)"; exit 1; }
fails=("$dir"/stats/*.fail)
[[ -e ${fails[0]} ]] || fails=()
failed=${#fails[@]}
awk -v minutes="$minutes" -v jobs="$jobs" -v kinds="${kinds[*]}" '
  { n[$1]++; att[$1] += $2; si += $3; st += $4; sk += $5; gr += $6; res[$1] += $7; early += $8;
    if ($9 > maxstop) maxstop = $9; pass[$1] += ($10 == "PASS"); tatt += $2; tres += $7; tn++ }
  END {
    printf "soak: %d jobs in %d min (%d at once): %d attempts, %d resumes from a journal\n", tn, minutes, jobs, tatt, tres
    printf "soak: signals: %d SIGINT, %d SIGTERM (%d stopped gracefully, the slowest in %.2f s), %d SIGKILL; %d landed as the job completed\n", si, st, gr, maxstop, sk, early
    split(kinds, order, " ")
    for (i = 1; i in order; i++) { k = order[i]; if (k in n)
      printf "soak:   %-13s %3d jobs, %4d attempts, %4d resumes, %3d identical to the reference\n", k, n[k], att[k], res[k], pass[k] }
  }' "${stats[@]}"
if [[ $failed -gt 0 ]]; then
  echo "soak: FAIL: $failed job(s):"
  sed 's/^/soak:   /' "${fails[@]}"
  echo "soak: kept in $dir/jobs"
  exit 1
fi
[[ $keep -eq 1 ]] || rm -rf "$dir"
echo "soak: PASS"
exit 0
}

#!/usr/bin/env bash
# Writes the event-log fuzz target's seeds, fuzz/corpus/event_log/: one replication's log of
# each scenario in fuzz/log_seeds/ (a few KB each, every kind of event), and the plain one's CSV
# export (the target reads CSV inputs beside that scenario's metadata). They are committed, as
# making them needs the full build: run this after a change to the log format or the model's
# events, from the repository's root, with build/outreach built.
set -euo pipefail
cd "$(dirname "$0")/.."
out=fuzz/corpus/event_log
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
for s in plain ledger; do
  ./build/outreach run "fuzz/log_seeds/$s.toml" -n 1 --events 1 --out "$work/$s" --quiet > /dev/null
  cp "$work/$s/events/replication-000000.log" "$out/$s.log"
done
cp "$work/plain/events/replication-000000.csv" "$out/plain.csv"
ls -l "$out"

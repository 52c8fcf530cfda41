#!/usr/bin/env bash
# The suite under load (issue 8.19): RUNS (default 3) fresh clones of HEAD, each through ./.ci/run, in a
# row, stopping at the first failure, while BUSY (default 2) niced busy loops keep the cores occupied.
# Logs and a one-line summary per run go to OUT (default /tmp/loaded-ci-<commit>). PORT: the e2e server's.
set -u
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
rev=$(git -C "$repo" rev-parse --short HEAD)  # pinned: see the clone below
out=${OUT:-/tmp/loaded-ci-$rev}
mkdir -p "$out"
busy=()
for _ in $(seq 1 "${BUSY:-2}"); do nice -n 19 sh -c 'while :; do :; done' & busy+=($!); done
trap '[ ${#busy[@]} -gt 0 ] && kill "${busy[@]}" 2>/dev/null' EXIT
for i in $(seq 1 "${RUNS:-3}"); do
  dir=$(mktemp -d /tmp/loaded-ci-clone-XXXX)
  # Each run tests the commit the script started on, even if main moves meanwhile.
  git clone -q "$repo" "$dir" && git -C "$dir" checkout -q "$rev"
  start=$(date +%s); l0=$(cut -d' ' -f1 /proc/loadavg)
  (cd "$dir" && BPS_E2E_PORT=${PORT:-5290} ./.ci/run) > "$out/run$i.log" 2>&1; rc=$?
  l1=$(cut -d' ' -f1 /proc/loadavg)
  echo "run $i of $rev: exit $rc in $(( $(date +%s) - start )) s, load $l0 -> $l1" | tee -a "$out/summary.txt"
  [ $rc -eq 0 ] || { echo "kept $dir for its test-results/"; break; }
  rm -rf "$dir"
done

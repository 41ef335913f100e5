#!/usr/bin/env bash
# Speed-up as workers and processes are added, measured in one interleaved run.
#
#   bash bench/scaling.sh [BUILD_DIR] [ROUNDS] [POINTS_PER_AXIS] [CASES]
#
# CASES is a comma-separated subset of run2,dist,pair (run1 always runs; default: all).
#
# Each round runs, on configs/co_oxidation.ini with a POINTS_PER_AXIS² grid (default 350², about
# 20 s serially on this machine):
#   run1  tofmap run, 1 worker
#   run2  tofmap run, 2 workers
#   dist  tofmap coordinator (no local workers) + 2 tofmap worker processes of 1 worker each, on
#         loopback
#   pair  two independent `tofmap run` processes with 1 worker each, both computing the whole map
#         at the same time: no runtime shares anything, so 2·run1/pair is the speed-up this
#         machine's two cores allow for this work (its ceiling)
# and prints the whole-command wall times, the speed-up run1/run2, the ceiling, run2's efficiency
# against the ceiling and the ratio dist/run2 of the round, then the medians over the rounds.
# Rounds interleave the cases, in the reverse order every other round, so that the machine's load
# drifts over all of them alike. Every
# map.csv is compared with the first (byte-identical).
set -euo pipefail

build=${1:-build}
rounds=${2:-3}
n=${3:-350}
cases=${4:-run2,dist,pair}
want() { [[ ",$cases," == *",$1,"* ]]; }
tofmap="$build/apps/tofmap"
config="$(dirname "$0")/../configs/co_oxidation.ini"
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

grid=("--map.x=p(CO_g) 1e-5 0.5 $n" "--map.y=p(O2_g) 1e-5 0.5 $n")

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

run_local() { # workers out
  local t0 t1
  t0=$(now)
  "$tofmap" run "$config" "${grid[@]}" --cluster.workers="$1" --output.dir="$2" > "$2.log"
  t1=$(now)
  elapsed "$t0" "$t1"
}

run_pair() { # out
  local t0 t1
  t0=$(now)
  "$tofmap" run "$config" "${grid[@]}" --cluster.workers=1 --output.dir="$1.a" > "$1.a.log" &
  "$tofmap" run "$config" "${grid[@]}" --cluster.workers=1 --output.dir="$1.b" > "$1.b.log"
  wait
  t1=$(now)
  elapsed "$t0" "$t1"
}

run_distributed() { # out
  local out=$1 t0 t1 port=""
  t0=$(now)
  "$tofmap" coordinator "$config" "${grid[@]}" --cluster.listen=127.0.0.1:0 \
    --output.dir="$out" > "$out.coordinator.log" &
  local coordinator=$!
  pids+=("$coordinator")
  for _ in $(seq 1 500); do
    port=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$out.coordinator.log")
    [ -n "$port" ] && break
    sleep 0.01
  done
  [ -n "$port" ] || { echo "coordinator did not start" >&2; exit 1; }
  "$tofmap" worker "$config" --cluster.join=127.0.0.1:"$port" --cluster.workers=1 \
    > "$out.w1.log" &
  pids+=("$!")
  "$tofmap" worker "$config" --cluster.join=127.0.0.1:"$port" --cluster.workers=1 \
    > "$out.w2.log" &
  pids+=("$!")
  wait "$coordinator"
  t1=$(now)
  wait
  elapsed "$t0" "$t1"
}

echo "grid ${n}x${n} = $((n * n)) points, $rounds rounds, $(nproc) cores"
format="%-6s %8s %8s %8s %8s %8s %8s %10s %9s\n"
printf "$format" round run1_s run2_s dist_s pair_s speedup ceiling efficiency dist/run2
results=()
for r in $(seq 1 "$rounds"); do
  t1=nan t2=nan td=nan tp=nan
  if ((r % 2 == 1)); then
    t1=$(run_local 1 "$work/run1_$r")
    want run2 && t2=$(run_local 2 "$work/run2_$r")
    want dist && td=$(run_distributed "$work/dist_$r")
    want pair && tp=$(run_pair "$work/pair_$r")
  else # the reverse order, so that a load that drifts within a round favours no case
    want pair && tp=$(run_pair "$work/pair_$r")
    want dist && td=$(run_distributed "$work/dist_$r")
    want run2 && t2=$(run_local 2 "$work/run2_$r")
    t1=$(run_local 1 "$work/run1_$r")
  fi
  for f in "$work/run1_$r/map.csv" "$work/run2_$r/map.csv" "$work/dist_$r/map.csv" \
    "$work/pair_$r.a/map.csv" "$work/pair_$r.b/map.csv"; do
    [ -e "$f" ] || continue
    cmp -s "$work/run1_1/map.csv" "$f" || { echo "map differs: $f" >&2; exit 1; }
  done
  s=$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.3f", a / b }')
  c=$(awk -v a="$t1" -v b="$tp" 'BEGIN { printf "%.3f", 2 * a / b }')
  e=$(awk -v a="$s" -v b="$c" 'BEGIN { printf "%.3f", a / b }')
  d=$(awk -v a="$td" -v b="$t2" 'BEGIN { printf "%.3f", a / b }')
  printf "$format" "$r" "$t1" "$t2" "$td" "$tp" "$s" "$c" "$e" "$d"
  results+=("$t1 $t2 $td $tp $s $c $e $d")
done
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
col() { printf '%s\n' "${results[@]}" | awk -v c="$1" '{ print $c }' | median; }
printf "$format" median "$(col 1)" "$(col 2)" "$(col 3)" "$(col 4)" "$(col 5)" "$(col 6)" \
  "$(col 7)" "$(col 8)"

# cli.bench: `tofmap bench` computes the same map with each worker count — worker processes
# joining a coordinator with --processes, workers in one process without — checks that the maps
# are byte-identical, and writes speedup.csv and speedup.png (a real PNG of 1200 x 500, its script
# beside it) to bench/processes and bench/workers of the output folder: a bench of one mode does
# not overwrite the other's. Rounds alternate the order of the counts. Bad arguments and a run
# that fails end with exit status 1 and a message.
source "$(dirname "$0")/../cluster/lib/common.bash" "$@"

SMALL=("--map.x=p(CO_g) 1e-5 0.5 30" "--map.y=p(O2_g) 1e-5 0.5 30")

# run_tofmap NAME ARGS... : runs tofmap in the foreground; RC, NAME.log (stdout and stderr).
run_tofmap() {
  local name=$1
  shift
  printf '%q ' tofmap "$@" >"$SCRATCH/$name.cmd"
  timeout "$DEADLINE_MAP" "$TOFMAP" "$@" >"$SCRATCH/$name.log" 2>&1 </dev/null
  RC=$?
  note "$name: exit status $RC"
  [ "$RC" -ne 124 ] || fail "$name: tofmap did not finish within $DEADLINE_MAP s: $(cat "$SCRATCH/$name.log")"
}

# expect_failure NAME MESSAGE ARGS... : exit status 1 and MESSAGE (a fixed string) in the output.
expect_failure() {
  local name=$1 message=$2
  shift 2
  run_tofmap "$name" bench "$@"
  [ "$RC" -eq 1 ] || fail "$name: exit status $RC, expected 1: $(cat "$SCRATCH/$name.log")"
  grep -qF -- "$message" "$SCRATCH/$name.log" \
    || fail "$name: no '$message' in: $(cat "$SCRATCH/$name.log")"
}

# expect_speedup_csv DIR COUNTS RUNS : speedup.csv lists the counts (comma-separated) in order,
# each with RUNS runs, speed-up 1 for the first, and positive times.
expect_speedup_csv() {
  local csv=$1/speedup.csv
  [ -s "$csv" ] || fail "no $csv"
  [ "$(head -n 1 "$csv")" = "workers,runs,seconds,seconds_min,seconds_max,command_seconds,speedup,ideal,efficiency,parallelism,points_per_second" ] \
    || fail "$csv: header is '$(head -n 1 "$csv")'"
  [ "$(tail -n +2 "$csv" | cut -d, -f1 | paste -sd,)" = "$2" ] || fail "$csv: workers are not $2: $(cat "$csv")"
  awk -F, -v runs="$3" 'NR > 1 && ($2 != runs || $3 <= 0 || $4 > $3 || $5 < $3 || $7 <= 0 || $8 != $1 || $10 <= 0) { exit 1 }
    NR == 2 && $7 != 1 { exit 1 }' "$csv" || fail "$csv: implausible rows: $(cat "$csv")"
  png_header "$1/speedup.png" 1200 500
  [ -s "$1/speedup.gp" ] || fail "no speedup.gp beside speedup.png"
}

# png_header FILE WIDTH HEIGHT : a PNG of that size.
png_header() {
  local hex
  [ -s "$1" ] || fail "no $1"
  hex=$(od -An -tx1 -N24 "$1" | tr -d ' \n')
  [ "${hex:0:16}" = 89504e470d0a1a0a ] && [ "${hex:24:8}" = 49484452 ] || fail "$1 is not a PNG"
  [ $((16#${hex:32:8})) -eq "$2" ] && [ $((16#${hex:40:8})) -eq "$3" ] \
    || fail "$1 is $((16#${hex:32:8})) x $((16#${hex:40:8})), expected $2 x $3"
}

# -- worker processes joining a coordinator ---------------------------------------------------
run_tofmap processes bench "$MODEL" --workers 1,2 --processes --output.dir="$SCRATCH/b" "${SMALL[@]}"
[ "$RC" -eq 0 ] || fail "processes: exit status $RC: $(cat "$SCRATCH/processes.log")"
B=$SCRATCH/b/bench/processes
grep -q '^tofmap: bench: the 2 maps are byte-identical$' "$SCRATCH/processes.log" \
  || fail "processes: the maps are not said to be identical: $(cat "$SCRATCH/processes.log")"
expect_speedup_csv "$B" 1,2 1
cmp "$B/1/map.csv" "$B/2/map.csv" || fail "the maps of 1 and 2 processes differ"
[ "$(tail -n +2 "$B/2/map.csv" | wc -l)" -eq 900 ] || fail "2/map.csv has not 900 points"
expect_node_count "$B/2/timing.json" 2
expect_node_count "$B/1/timing.json" 1
[ -s "$B/2.worker-2.log" ] || fail "no log of the second worker process"
[ ! -e "$B/2/plots" ] || fail "the runs of a bench drew plots"
[ ! -e "$B/2.port" ] || fail "the coordinator's port file is left behind"
grep -q 'worker processes on loopback' "$B/speedup.gp" || fail "$B/speedup.gp is not titled for processes"
note "2 worker processes: identical maps, speedup.csv and speedup.png"

# -- workers in one process, two rounds in alternating order, into the same output folder ---------
cp "$B/speedup.csv" "$SCRATCH/processes.csv"
run_tofmap workers bench "$MODEL" --workers=2,1 --repeat 2 --output.dir="$SCRATCH/b" "${SMALL[@]}"
[ "$RC" -eq 0 ] || fail "workers: exit status $RC: $(cat "$SCRATCH/workers.log")"
order=$(sed -n 's/^tofmap: bench: \([0-9]*\) workers\{0,1\}: .*/\1/p' "$SCRATCH/workers.log" | paste -sd,)
[ "$order" = "1,2,2,1" ] || fail "workers: the runs went $order, expected 1,2,2,1"
grep -q '^tofmap: bench: the 4 maps are byte-identical$' "$SCRATCH/workers.log" \
  || fail "workers: the 4 maps are not said to be identical"
W=$SCRATCH/b/bench/workers
expect_speedup_csv "$W" 1,2 2
expect_top "$W/2/timing.json" parallelism "<= $(nproc)"
grep -q 'workers in one process' "$W/speedup.gp" || fail "$W/speedup.gp is not titled for workers"
# The bench with --processes keeps its own figures.
cmp -s "$B/speedup.csv" "$SCRATCH/processes.csv" || fail "the workers' bench changed $B/speedup.csv"
expect_speedup_csv "$B" 1,2 1
# 900 points take a tenth of a second on an idle machine: the bench says its speed-ups mean little.
# It says so exactly when its fastest median run (speedup.csv's seconds) took under 1 s, which a
# loaded machine may not give.
fastest=$(tail -n +2 "$W/speedup.csv" | cut -d, -f3 | sort -g | head -n 1)
if awk -v t="$fastest" 'BEGIN { exit !(t < 1) }'; then
  grep -Eq '^tofmap: bench: warning: the fastest runs took [0-9]+\.[0-9]{3} s, under 1 s: start-up and noise weigh as much as the 900 points' \
    "$SCRATCH/workers.log" || fail "workers: no warning that 900 points are too few to measure ($fastest s)"
else
  ! grep -q '^tofmap: bench: warning: the fastest runs' "$SCRATCH/workers.log" \
    || fail "workers: warned about short runs, but the fastest took $fastest s"
  note "workers: the fastest runs took $fastest s on this loaded machine: no warning, rightly"
fi
note "workers in one process, 2 rounds: OK"

# -- bad input ------------------------------------------------------------------------------
expect_failure no_config "missing CONFIG" --workers 1,2
expect_failure zero "--workers 0,1: a list of worker counts" "$MODEL" --workers 0,1
expect_failure letters "--workers a: a list of worker counts" "$MODEL" --workers a
expect_failure no_value "the required argument for option '--workers' is missing" "$MODEL" --workers
expect_failure repeat_letters "the argument ('x') for option '--repeat' is invalid" "$MODEL" --repeat x
expect_failure repeat "--repeat 0: a number of rounds" "$MODEL" --repeat 0
expect_failure two_configs "one CONFIG, not also 'other.ini'" "$MODEL" other.ini
expect_failure bad_key "command line" "$MODEL" --map.x=nonsense
# A run that fails: the coordinator cannot read its certificates.
expect_failure bad_run "the coordinator exited with status 1 before listening" "$MODEL" \
  --workers 1 --processes --output.dir="$SCRATCH/bad" "${SMALL[@]}" --tls.ca=/nonexistent.pem \
  --tls.cert=/nonexistent.pem --tls.key=/nonexistent.key
grep -q 'cannot read the file' "$SCRATCH/bad_run.log" || fail "bad_run: the coordinator's reason is not shown"
note "bad input: refused"

note "PASS"

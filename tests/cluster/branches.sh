# cluster.branches: several starts per point ([solver] initial = empty; CO_s=1; O_s=1) give the
# same map.csv and branches.csv however the map is computed, and the bistable points of the
# independent reference (tests/data/branches/co_oxidation_states.csv, kinetics.branches).
#   1. The seed model on the reference's 16 x 16 log grid: `tofmap run` with 1 and 2 workers and a
#      coordinator with two worker nodes give byte-identical map.csv and branches.csv; map.csv's
#      `branches` is, point by point, the number of stable states the reference's starts reach
#      (2 at its 104 bistable points), and branches.csv has one line per state.
#   2. On a 64 x 64 log grid, a run killed (SIGKILL) mid-map and resumed from its journal writes
#      the map.csv and branches.csv of an uninterrupted run.
source "$(dirname "$0")/lib/common.bash" "$@"

STARTS=("--solver.initial=empty; CO_s=1; O_s=1" --output.plots=no)
GRID16=("--map.x=p(CO_g) 1e-4 1 16 log" "--map.y=p(O2_g) 1e-4 1 16 log")
GRID64=("--map.x=p(CO_g) 1e-4 1 64 log" "--map.y=p(O2_g) 1e-4 1 64 log")

# same_outputs DIR_A DIR_B : both folders hold the same map.csv and branches.csv, byte for byte.
same_outputs() {
  local f
  for f in map.csv branches.csv; do
    [ -s "$1/$f" ] || fail "$1/$f was not written"
    cmp "$1/$f" "$2/$f" || fail "$2/$f differs from $1/$f"
  done
}

# -- 1. the reference grid, however it is computed ----------------------------------------------
for n in 1 2; do
  start "run$n" run "$MODEL" "${GRID16[@]}" "${STARTS[@]}" --cluster.workers="$n" \
    --output.dir="$SCRATCH/run$n"
  expect_exit "run$n" 0
done
same_outputs "$SCRATCH/run1" "$SCRATCH/run2"
GRID=("${GRID16[@]}" "${STARTS[@]}")
two_workers_map
same_outputs "$SCRATCH/run1" "$SCRATCH/$C.out"
grep -q '^initial = empty; CO_s=1 O_s=0; CO_s=0 O_s=1$' "$SCRATCH/run1/config.ini" \
  || fail "$SCRATCH/run1/config.ini does not write the three starts back"
note "1 and 2 workers and two worker nodes: the same map.csv and branches.csv"

# Point by point against the reference: the states some start reaches are the branches.
REF=$SOURCE_DIR/tests/data/branches/co_oxidation_states.csv
MAP=$SCRATCH/run1/map.csv
[ "$(head -n 1 "$MAP" | cut -d, -f9-)" = "branches,tof_min,tof_max,stable" ] \
  || fail "$MAP: the header does not end with branches,tof_min,tof_max,stable"
mismatch=$(awk -F, '
  NR == FNR { if ($1 ~ /^[0-9]+$/ && $16 != "-") reached[$1 * 16 + $2]++; next }
  FNR == 1 { next }
  { k = FNR - 2; if ($9 != reached[k]) print "point " k " (" $1 ", " $2 "): branches " $9 ", the reference " reached[k] }
  ' "$REF" "$MAP" | head -n 5)
[ -z "$mismatch" ] || fail "$MAP differs from the reference $REF: $mismatch"
bistable=$(awk -F, 'NR > 1 && $9 == 2' "$MAP" | wc -l)
[ "$bistable" -eq 104 ] || fail "$MAP has $bistable points with two branches, the reference 104"
states=$(awk -F, 'NR > 1 { s += $9 } END { print s }' "$MAP")
[ "$(($(wc -l <"$SCRATCH/run1/branches.csv") - 1))" -eq "$states" ] \
  || fail "branches.csv should have one line per state ($states)"
note "the reference's bistable points: $bistable, $states states"

# -- 2. killed and resumed ----------------------------------------------------------------------
start whole run "$MODEL" "${GRID64[@]}" "${STARTS[@]}" --cluster.workers=2 \
  --output.dir="$SCRATCH/whole"
expect_exit whole 0
start cut run "$MODEL" "${GRID64[@]}" "${STARTS[@]}" --cluster.workers=1 \
  --output.dir="$SCRATCH/resumed"
wait_progress cut
kill -KILL "${PID[cut]}" || fail "cannot kill cut"
note "killed cut at $DONE/$TOTAL points"
wait_exit cut "$DEADLINE_EXIT"
[ -s "$SCRATCH/resumed/map.journal" ] || fail "the killed run left no journal"
start resume run "$MODEL" "${GRID64[@]}" "${STARTS[@]}" --cluster.workers=2 \
  --output.dir="$SCRATCH/resumed"
wait_line resume "^tofmap: resuming from the journal $SCRATCH/resumed/map.journal: [0-9]+ of 4096 points"
expect_exit resume 0
same_outputs "$SCRATCH/whole" "$SCRATCH/resumed"
note "killed and resumed: the same map.csv and branches.csv"

note "PASS"

# cluster.refined: a refined map ([map] refine) computes points of its finest grid only where the
# map changes, and the same points whatever computes them.
#   1. On the reference model, log axes 1e-4-1 atm, 9 x 9 refined 4 times (129 x 129 finest):
#      every row of the refined map.csv is the row of the full 129 x 129 map at that point, byte
#      for byte (with `level` appended), in the full map's order; every pair of neighbours of the
#      full map whose log10 TOF differs by more than 1 decade is computed in the refined map; and
#      the refined map computes at most 25 % of the full map's points.
#   2. 17 x 17 refined 4 times (257 x 257 finest) with refine_tof = 0.1 (about 17 000 points, so
#      that a run can be killed mid-map): 1 worker, 2 workers, a coordinator with 2 worker
#      processes, and a run killed (SIGKILL) mid-map and resumed give byte-identical maps, and
#      timing.json counts the points per level.
#   3. `tofmap plot` draws the refined map again (when gnuplot is installed).
source "$(dirname "$0")/lib/common.bash" "$@"

log_axes() { echo "--map.x=p(CO_g) 1e-4 1 $1 log"; }
log_axes_y() { echo "--map.y=p(O2_g) 1e-4 1 $1 log"; }

# -- 1. the refined map against the full map (bench/refined_map.sh checks) --------------------
bash "$SOURCE_DIR/bench/refined_map.sh" "$TOFMAP" "$SCRATCH/bench" 9 4 1 2 >"$SCRATCH/bench.log" 2>&1 \
  || { cat "$SCRATCH/bench.log"; fail "bench/refined_map.sh failed on 9 x 9 refined 4 times"; }
cat "$SCRATCH/bench.log"
SMALL=$SCRATCH/bench/refined/map.csv
[ "$(awk -F, '$NF == 0' "$SMALL" | wc -l)" -eq 81 ] || fail "$SMALL should have 81 points of level 0"

# -- 2. the same refined map however it is computed ---------------------------------------------
GRID=("$(log_axes 17)" "$(log_axes_y 17)" --map.refine=4 --map.refine_tof=0.1 --output.plots=no)
start one run "$MODEL" "${GRID[@]}" --cluster.workers=1 --output.dir="$SCRATCH/one"
expect_exit one 0
MAP=$SCRATCH/one/map.csv
T=$SCRATCH/one/timing.json
points=$(($(wc -l <"$MAP") - 1))
expect_top "$T" points "== $points"
expect_top "$T" finest_points "== 66049"
per_level=$(sed -n 's/^  "points_per_level": \[\(.*\)\],$/\1/p' "$T")
[ "$(tr -d ' ' <<<"$per_level" | tr ',' '\n' | awk '{ s += $1 } END { print s }')" -eq "$points" ] \
  || fail "$T: points_per_level [$per_level] does not add up to the $points points"
for l in 0 1 2 3 4; do
  n=$(awk -F, -v l=$l 'NR > 1 && $NF == l' "$MAP" | wc -l)
  [ "$n" -eq "$(tr -d ' ' <<<"$per_level" | cut -d, -f$((l + 1)))" ] \
    || fail "$MAP has $n points of level $l, $T says [$per_level]"
done
note "17 x 17 refined 4 times: $points points [$per_level]"

same_map() {
  [ -f "$1/map.csv" ] || fail "$1/map.csv was not written"
  cmp "$MAP" "$1/map.csv" || fail "$1/map.csv differs from $MAP (1 worker)"
}

start two run "$MODEL" "${GRID[@]}" --cluster.workers=2 --output.dir="$SCRATCH/two"
expect_exit two 0
same_map "$SCRATCH/two"

two_workers_map
same_map "$SCRATCH/$C.out"
for w in "$W1" "$W2"; do
  expect_node "$SCRATCH/$C.out/timing.json" "${PID[$w]}" tasks "> 0"
done

start killed run "$MODEL" "${GRID[@]}" --cluster.workers=1 --output.dir="$SCRATCH/resumed"
wait_progress killed
expect_under_way killed
kill -KILL "${PID[killed]}" || fail "cannot kill the run"
wait_exit killed "$DEADLINE_EXIT"
[ "$RC" -eq 137 ] || fail "the killed run exited with status $RC, not by the SIGKILL (137)"
[ -s "$SCRATCH/resumed/map.journal" ] || fail "the killed run left no journal"
note "killed the run at $DONE/$TOTAL points so far"
start resumed run "$MODEL" "${GRID[@]}" --cluster.workers=2 --output.dir="$SCRATCH/resumed"
wait_line resumed \
  "^tofmap: resuming from the journal $SCRATCH/resumed/map.journal: [0-9]+ points of the refined map are computed already"
expect_exit resumed 0
same_map "$SCRATCH/resumed"
json_top "$SCRATCH/resumed/timing.json" points_restored
check "$V > 0 && $V < $points" "the resumed run restored $V points"

# -- 3. tofmap plot ------------------------------------------------------------------------------
if command -v gnuplot >/dev/null; then
  start plot plot "$SCRATCH/bench/refined"
  expect_exit plot 0 "$DEADLINE_COMMAND"
  PLOTS=$SCRATCH/bench/refined/plots
  [ -s "$PLOTS/map.png" ] || fail "tofmap plot drew no $PLOTS/map.png"
  # The TOF image is the whole finest grid: 129 x 129 cells.
  grep -q '(129 x 129 points)' "$PLOTS/map.gp" || fail "$PLOTS/map.gp is not drawn on the 129 x 129 finest grid"
fi

note "PASS"

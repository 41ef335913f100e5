# cluster.refined: a refined map ([map] refine) computes points of its finest grid only where the
# map changes, and the same points whatever computes them.
#   1. On the reference model, log axes 1e-4-1 atm, 9 x 9 refined 4 times (129 x 129 finest):
#      every row of the refined map.csv is the row of the full 129 x 129 map at that point, byte
#      for byte (with `level` appended), in the full map's order; every pair of neighbours of the
#      full map whose log10 TOF differs by more than 1 decade is computed in the refined map; and
#      the refined map computes at most 25 % of the full map's points.
#   2. 17 x 17 refined 4 times (257 x 257 finest): 1 worker, 2 workers, a coordinator with 2 worker
#      processes, and a run killed (SIGKILL) mid-map and resumed give byte-identical maps, and
#      timing.json counts the points per level.
source "$(dirname "$0")/lib/common.bash" "$@"

log_axes() { echo "--map.x=p(CO_g) 1e-4 1 $1 log"; }
log_axes_y() { echo "--map.y=p(O2_g) 1e-4 1 $1 log"; }

# -- 1. the refined map against the full map --------------------------------------------------
start full run "$MODEL" "$(log_axes 129)" "$(log_axes_y 129)" --cluster.workers=2 \
  --output.dir="$SCRATCH/full"
expect_exit full 0
start small run "$MODEL" "$(log_axes 9)" "$(log_axes_y 9)" --map.refine=4 --cluster.workers=2 \
  --output.dir="$SCRATCH/small"
expect_exit small 0
FULL=$SCRATCH/full/map.csv
SMALL=$SCRATCH/small/map.csv
[ "$(head -n 1 "$SMALL")" = "$(head -n 1 "$FULL"),level" ] \
  || fail "$SMALL: header '$(head -n 1 "$SMALL")', expected the full map's and ',level'"
# Rows: each refined row without its level is a row of the full map, in the full map's order.
bad=$(awk -F, '
  NR == FNR { if (FNR > 1) at[$0] = FNR; next }
  FNR == 1 { next }
  {
    row = $0; sub(/,[0-9]+$/, "", row)
    if (!(row in at)) { print "line " FNR " is no row of the full map: " $0; exit }
    if (at[row] <= last) { print "line " FNR " is out of the full map'"'"'s order"; exit }
    last = at[row]
  }' "$FULL" "$SMALL")
[ -z "$bad" ] || fail "$SMALL: $bad"
# The fronts: both points of every neighbouring pair of the full map whose log10 TOF differs by
# more than 1 decade (TOF <= 0 counts as 1e-30) are computed in the refined map.
bad=$(awk -F, -v n=129 '
  function lg(t) { return t > 0 ? log(t) / log(10) : -30 }
  NR == FNR { if (FNR > 1) { row = $0; sub(/,[0-9]+$/, "", row); have[row] = 1 } next }
  FNR == 1 { next }
  { k = FNR - 2; line[k] = $0; v[k] = lg($3) }
  END {
    for (k = 0; k < n * n; ++k) {
      i = int(k / n); j = k % n
      if (i + 1 < n && (v[k] - v[k + n] > 1 || v[k + n] - v[k] > 1) && !(have[line[k]] && have[line[k + n]])) {
        print "points " k " and " k + n " (" v[k] ", " v[k + n] " decades)"; fronts++ }
      if (j + 1 < n && (v[k] - v[k + 1] > 1 || v[k + 1] - v[k] > 1) && !(have[line[k]] && have[line[k + 1]])) {
        print "points " k " and " k + 1 " (" v[k] ", " v[k + 1] " decades)"; fronts++ }
    }
  }' "$SMALL" "$FULL" | head -n 3)
[ -z "$bad" ] || fail "$SMALL misses neighbours across a front of the full map: $bad"
small_points=$(($(wc -l <"$SMALL") - 1))
full_points=$(($(wc -l <"$FULL") - 1))
[ "$full_points" -eq $((129 * 129)) ] || fail "$FULL has $full_points points, expected $((129 * 129))"
check "$small_points <= 0.25 * $full_points" \
  "the refined map computed $small_points points, more than 25 % of the full map's $full_points"
[ "$(awk -F, '$NF == 0' "$SMALL" | wc -l)" -eq 81 ] || fail "$SMALL should have 81 points of level 0"
note "9 x 9 refined 4 times: $small_points of $full_points points, the full map's values"

# -- 2. the same refined map however it is computed ---------------------------------------------
GRID=("$(log_axes 17)" "$(log_axes_y 17)" --map.refine=4)
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

start_coordinator coord --cluster.coordinator_workers=0
start_worker w1 "$PORT"
start_worker w2 "$PORT"
expect_joined w1 coord
expect_joined w2 coord
expect_map_done coord w1 w2
same_map "$SCRATCH/coord.out"
for w in w1 w2; do
  expect_node "$SCRATCH/coord.out/timing.json" "${PID[$w]}" tasks "> 0"
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

note "PASS"

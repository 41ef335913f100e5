# cluster.reference (a CTest fixture): `tofmap run` computes the map of the cluster grid with two
# local workers. Every other cluster test compares its map.csv with this one, byte for byte.
source "$(dirname "$0")/lib/common.bash" "$@"

start reference run "$MODEL" "${GRID[@]}" --cluster.workers=2 --output.dir="$SCRATCH"
expect_exit reference 0
MAP=$SCRATCH/map.csv
[ -f "$MAP" ] || fail "no $MAP"
[ "$(wc -l <"$MAP")" -eq $((GRID_POINTS + 1)) ] \
  || fail "$MAP has $(wc -l <"$MAP") lines, expected $((GRID_POINTS + 1))"
n=$(tail -n +2 "$MAP" | awk -F, '$8 == "converged"' | wc -l)
[ "$n" -eq "$GRID_POINTS" ] || fail "$MAP: $n points converged, expected all $GRID_POINTS"
expect_top "$SCRATCH/timing.json" points "== $GRID_POINTS"
expect_node "$SCRATCH/timing.json" "${PID[reference]}" workers "== 2"
json_top "$SCRATCH/timing.json" wall_seconds
note "PASS: $GRID_POINTS points in $V s with 2 workers"

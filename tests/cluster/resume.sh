# cluster.resume: nothing the coordinator received is lost when it dies. Killed (SIGKILL) while
# the map is under way, it leaves its journal in the output folder; started again on the same
# folder it restores those points, computes only the others and writes the reference map.
#   1. `tofmap run` killed and run again (the laptop case);
#   2. `tofmap coordinator` killed: a worker with [cluster] rejoin joins the new coordinator by
#      itself; one without stops at once with exit status 1; one whose rejoin time runs out stops.
source "$(dirname "$0")/lib/common.bash" "$@"
require_reference

# kill_mid_run NAME : waits until NAME is under way, kills it and checks its journal. Sets DONE
# (points the last progress line reported) and JOURNAL.
kill_mid_run() {
  wait_progress "$1"
  expect_under_way "$1"
  kill -KILL "${PID[$1]}" || fail "cannot kill $1"
  note "killed $1 (pid ${PID[$1]}) at $DONE/$TOTAL points"
  wait_exit "$1" "$DEADLINE_EXIT"
  [ "$RC" -eq 137 ] || fail "$1 exited with status $RC, not by the SIGKILL (137)"
  JOURNAL=$SCRATCH/$1.out/map.journal
  [ -s "$JOURNAL" ] || fail "$1 left no journal $JOURNAL"
}

# expect_resumed NAME DIR : NAME says it resumes from DIR's journal with at least DONE points;
# sets RESTORED.
expect_resumed() {
  wait_line "$1" \
    "^tofmap: resuming from the journal $2/map.journal: [0-9]+ of $GRID_POINTS points are computed"
  RESTORED=$(sed -n 's/.*: \([0-9]*\) of [0-9]* points are computed already.*/\1/p' <<<"$LINE")
  check "$RESTORED >= $DONE && $RESTORED < $GRID_POINTS" \
    "$1 restored $RESTORED points; the killed run had reported $DONE of $GRID_POINTS done"
  note "$1 restored $RESTORED points"
}

# expect_resumed_map DIR COMPUTED_BY : the reference map, the journal gone, timing.json counts the
# restored points and the node with pid COMPUTED_BY computed the rest.
expect_resumed_map() {
  same_as_reference "$1"
  [ ! -e "$1/map.journal" ] || fail "$1/map.journal is still there after the map was written"
  T=$1/timing.json
  expect_top "$T" points "== $GRID_POINTS"
  expect_top "$T" points_restored "== $RESTORED"
  expect_node_count "$T" 1
  expect_node "$T" "$2" points "== $GRID_POINTS - $RESTORED"
}

# -- 1. tofmap run ------------------------------------------------------------------------------
start run1 run "$MODEL" "${GRID[@]}" --cluster.workers=1 --output.dir="$SCRATCH/run1.out"
kill_mid_run run1
start run2 run "$MODEL" "${GRID[@]}" --cluster.workers=2 --output.dir="$SCRATCH/run1.out"
expect_resumed run2 "$SCRATCH/run1.out"
expect_exit run2 0
wait_line run2 "^$GRID_POINTS points: $RESTORED restored from the journal, $((GRID_POINTS - RESTORED)) points in [0-9.]+ s: "
expect_resumed_map "$SCRATCH/run1.out" "${PID[run2]}"
note "tofmap run: resumed"

# -- 2. tofmap coordinator ----------------------------------------------------------------------
# Three worker nodes: w1 waits up to 60 s for a coordinator to come back, w_once (the default,
# rejoin = no) stops at once, w_short gives up after 1 s.
start_coordinator coord
COORD_PORT=$PORT
start_worker w1 "$PORT" --cluster.rejoin=60s
start_worker w_once "$PORT"
start_worker w_short "$PORT" --cluster.rejoin=1s
for w in w1 w_once w_short; do
  expect_joined "$w" coord
done
kill_mid_run coord
expect_exit w_once 1 "$DEADLINE_EXIT"
wait_line w_once '^tofmap: lost the coordinator \([^;]*\)$'
wait_line w1 '^tofmap: lost the coordinator \(.*\); trying to join again for 60 s$'
expect_exit w_short 1 "$DEADLINE_EXIT"
wait_line w_short "^tofmap: no coordinator came back at 127.0.0.1:$COORD_PORT within 1 s; leaving\$"
expect_alive w1 "it should still be waiting for a coordinator"
start coord2 coordinator "$MODEL" "${GRID[@]}" --output.dir="$SCRATCH/coord.out" \
  --cluster.listen=127.0.0.1:"$COORD_PORT"
expect_resumed coord2 "$SCRATCH/coord.out"
listen_port coord2
wait_line coord2 "^tofmap: node .* pid ${PID[w1]} joined with "
expect_map_done coord2 w1
[ "$(count_lines w1 '^tofmap: joined as node ')" -eq 2 ] || fail "w1 should have joined twice"
# One loss, one rejoin: no burst of reconnections to the dead connection, each restarting the
# time to rejoin (issue 10 saw 32 in 2 ms).
[ "$(count_lines w1 '^tofmap: lost the coordinator')" -eq 1 ] \
  || fail "w1 should report the lost coordinator once, not $(count_lines w1 '^tofmap: lost the coordinator') times"
[ "$(count_lines w1 '^tofmap: connected to the coordinator')" -eq 2 ] \
  || fail "w1 should have connected twice (start, rejoin), not $(count_lines w1 '^tofmap: connected to the coordinator') times"
expect_resumed_map "$SCRATCH/coord.out" "${PID[w1]}"
note "tofmap coordinator: resumed, w1 joined the new coordinator by itself"

note "PASS"

# cluster.kill_worker: one of two worker nodes is killed (SIGKILL) while the map is under way. The
# coordinator sees its connection drop, logs the node as lost, gives its tasks to the other node
# and still writes the reference map; timing.json counts the loss and the re-done tasks.
source "$(dirname "$0")/lib/common.bash" "$@"
require_reference

start_coordinator coord
start_worker w1 "$PORT"
start_worker w2 "$PORT"
expect_joined w1 coord
expect_joined w2 coord

wait_progress coord
expect_under_way coord
kill -KILL "${PID[w2]}" || fail "cannot kill w2"
note "killed w2 (pid ${PID[w2]}) at $DONE/$TOTAL points"
wait_line coord "^tofmap: node .* pid ${PID[w2]} lost\$"
note "coordinator: $LINE"
wait_exit w2 "$DEADLINE_EXIT"
[ "$RC" -eq 137 ] || fail "w2 exited with status $RC, not by the SIGKILL (137)"

expect_recovered w2 w1
expect_node "$T" "${PID[w2]}" tasks "> 0"
expect_node "$T" "${PID[w1]}" tasks "> 0"
# The survivor did everything the lost node did not deliver.
json_node "$T" "${PID[w2]}" points
lost_points=$V
expect_node "$T" "${PID[w1]}" points "== $GRID_POINTS - $lost_points"

note "PASS"

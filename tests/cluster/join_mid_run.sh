# cluster.join_mid_run: a second worker node that joins while the map is under way gets tasks,
# and the map is the reference's byte for byte.
source "$(dirname "$0")/lib/common.bash" "$@"
require_reference

start_coordinator coord
start_worker w1 "$PORT"
expect_joined w1 coord
wait_progress coord
note "map under way ($DONE/$TOTAL points) with one node: starting the second"
start_worker w2 "$PORT"
expect_joined w2 coord
expect_under_way coord

wait_map coord w1 w2
expect_exit coord 0
expect_exit w1 0 "$DEADLINE_EXIT"
expect_exit w2 0 "$DEADLINE_EXIT"

same_as_reference "$SCRATCH/coord.out"
T=$SCRATCH/coord.out/timing.json
expect_top "$T" points "== $GRID_POINTS"
expect_top "$T" nodes_lost "== 0"
expect_node_count "$T" 2
expect_node "$T" "${PID[w1]}" tasks "> 0"
expect_node "$T" "${PID[w2]}" tasks "> 0"
expect_node "$T" "${PID[w2]}" points "> 0"
# w2 joined after the first task was handed out (w1 was computing already).
json_node "$T" "${PID[w1]}" joined_seconds
w1_joined=$V
expect_node "$T" "${PID[w2]}" joined_seconds "> $w1_joined"
expect_node "$T" "${PID[w2]}" joined_seconds "> 0"

note "PASS"

# cluster.two_workers: a coordinator without local workers and two worker nodes of one worker
# each compute the cluster grid: every process exits 0, the map is the reference's byte for byte,
# and timing.json shows both nodes with work and none lost. The coordinator's [cluster] port_file
# holds the port it listens on while it runs, and is gone when it exits.
source "$(dirname "$0")/lib/common.bash" "$@"
require_reference

PORT_FILE=$SCRATCH/coord.port
start_coordinator coord --cluster.coordinator_workers=0 --cluster.port_file="$PORT_FILE"
[ "$(cat "$PORT_FILE" 2>/dev/null)" = "$PORT" ] \
  || fail "$PORT_FILE holds '$(cat "$PORT_FILE" 2>/dev/null)', not the port the coordinator listens on ($PORT)"
start_worker w1 "$PORT"
start_worker w2 "$PORT"
expect_joined w1 coord
expect_joined w2 coord

expect_map_done coord w1 w2
wait_line coord "^tofmap: map complete: $SCRATCH/coord.out/map.csv\$"
wait_line w1 '^tofmap: every point is computed; leaving$'
wait_line w2 '^tofmap: every point is computed; leaving$'
[ "$(count_lines coord ' lost$')" -eq 0 ] || fail "the coordinator lost a node"
[ ! -e "$PORT_FILE" ] || fail "$PORT_FILE is still there after the coordinator exited"

same_as_reference "$SCRATCH/coord.out"
T=$SCRATCH/coord.out/timing.json
expect_top "$T" points "== $GRID_POINTS"
expect_top "$T" nodes_lost "== 0"
expect_top "$T" tasks_redone "== 0"
expect_node_count "$T" 2
for w in w1 w2; do
  expect_node "$T" "${PID[$w]}" workers "== 1"
  expect_node "$T" "${PID[$w]}" tasks "> 0"
  expect_node "$T" "${PID[$w]}" lost '== "false"'
done
# The nodes' points add up to the map.
sum=$(json_nodes "$T" | sed 's/.*"points": \([0-9]*\).*/\1/' | awk '{ s += $1 } END { print s }')
[ "$sum" -eq "$GRID_POINTS" ] || fail "the nodes of $T computed $sum points, expected $GRID_POINTS"

note "PASS"

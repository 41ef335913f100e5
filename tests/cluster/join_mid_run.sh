# cluster.join_mid_run: a second and a third worker node that join while the map is under way get
# tasks at once, and the map of three worker processes is the reference's byte for byte. Three
# workers on a machine with fewer cores are warned about, and their parallelism (CPU time / wall
# time) is not above the cores.
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
note "map under way ($DONE/$TOTAL points) with two nodes: starting the third"
start_worker w3 "$PORT"
expect_joined w3 coord
expect_under_way coord

expect_map_done coord w1 w2 w3

same_as_reference "$SCRATCH/coord.out"
T=$SCRATCH/coord.out/timing.json
expect_top "$T" points "== $GRID_POINTS"
expect_top "$T" nodes_lost "== 0"
expect_node_count "$T" 3
for w in w1 w2 w3; do
  expect_node "$T" "${PID[$w]}" tasks "> 0"
  expect_node "$T" "${PID[$w]}" points "> 0"
done
# w2 joined after the first task was handed out (w1 was computing already), w3 after w2.
json_node "$T" "${PID[w1]}" joined_seconds
w1_joined=$V
expect_node "$T" "${PID[w2]}" joined_seconds "> $w1_joined"
expect_node "$T" "${PID[w2]}" joined_seconds "> 0"
json_node "$T" "${PID[w2]}" joined_seconds
expect_node "$T" "${PID[w3]}" joined_seconds "> $V"

json_top "$T" cores
cores=$V
[ "$cores" -eq "$(nproc)" ] || fail "$T reports $cores cores, nproc says $(nproc)"
expect_top "$T" parallelism "<= $cores"
if [ "$cores" -lt 3 ]; then
  wait_line coord "^tofmap: warning: host .* runs 3 workers on $cores cores"
  grep -q "\"warnings\": \[\"host .* runs 3 workers on $cores cores" "$T" \
    || fail "$T does not list the warning about 3 workers on $cores cores"
else
  ! grep -q '^tofmap: warning: host' "$SCRATCH/coord.log" || fail "warned about cores with $cores cores"
fi

note "PASS"

# cluster.wait_for_nodes: with `[cluster] wait_for_nodes = 2` a coordinator hands out no task
# while one node is there — its progress lines stay at 0 points and say it waits — and starts the
# map once the second node is ready, so that both take part even in a 25-point map, which one
# worker would otherwise compute before a second one joined. The map is tofmap run's, byte for
# byte. The coordinator's own workers (coordinator_workers) count as one node.
source "$(dirname "$0")/lib/common.bash" "$@"

SMALL=("--map.x=p(CO_g) 1e-5 0.5 5" "--map.y=p(O2_g) 1e-5 0.5 5" --cluster.task_size=1
       --output.plots=no)
start run run "$MODEL" "${SMALL[@]}" --cluster.workers=2 --output.dir="$SCRATCH/run.out"
expect_exit run 0 "$DEADLINE_COMMAND"

# Two worker nodes.
node_config
GRID=("${SMALL[@]}")
start_coordinator coord --cluster.wait_for_nodes=2
start_worker w1 "$PORT"
expect_joined w1 coord
wait_line coord '^tofmap: waiting for 2 nodes to start the map: 1 ready$'
# The progress line (one a second, when it changes) once w1 is there: nothing computed. (A line
# with 0 nodes may come first, when w1 took more than a second to join.)
wait_line coord '^tofmap: progress: 0/25 points \(0\.0 %\), 1 node, 1 worker, waiting for 2 nodes to start$'
start_worker w2 "$PORT"
expect_map_done coord w1 w2
wait_line coord '^tofmap: 2 nodes ready: the map starts$'
cmp "$SCRATCH/run.out/map.csv" "$SCRATCH/coord.out/map.csv" \
  || fail "the coordinator's map differs from tofmap run's"
T=$SCRATCH/coord.out/timing.json
expect_top "$T" points "== 25"
expect_node_count "$T" 2
for w in w1 w2; do
  expect_node "$T" "${PID[$w]}" tasks "> 0"
done

# The coordinator's own workers are one node: with one worker node it has the two it waits for.
start_coordinator local --cluster.wait_for_nodes=2 --cluster.coordinator_workers=1
wait_line local '^tofmap: waiting for 2 nodes to start the map: 1 ready$'
start_worker w3 "$PORT"
expect_map_done local w3
T=$SCRATCH/local.out/timing.json
expect_node_count "$T" 2
for node in local w3; do # the coordinator's own node has the coordinator's pid
  expect_node "$T" "${PID[$node]}" tasks "> 0"
done
note "PASS"

# cluster.refused: the coordinator refuses a worker node whose own [model] differs from its own
# (another model hash; the refusal names the first key that differs) and one whose heartbeat/timeout differ; both say why and exit 1, the
# coordinator logs the refusals, and the map still completes with a node that has the same model
# (its name, [map] and [output] differ, which do not count).
source "$(dirname "$0")/lib/common.bash" "$@"
require_reference
node_config

start_coordinator coord

# Another [model]: the whole config file with one number changed.
start bad_model worker "$MODEL" "${GRID[@]}" --model.temperature=501 --cluster.workers=1 \
  --cluster.join=127.0.0.1:"$PORT"
expect_exit bad_model 1 "$DEADLINE_START"
wait_line bad_model "^tofmap: the coordinator refused this node: the node's own \[model\] \(hash [0-9a-f]{16}\) differs from the coordinator's \(hash [0-9a-f]{16}\), first at \[model\] temperature: 501 on the node, 500 on the coordinator: give"
wait_line coord "^tofmap: refused [^ ]+ pid ${PID[bad_model]}: the node's own \[model\] \(hash [0-9a-f]{16}\) differs"

# Another heartbeat/timeout (the coordinator has the defaults, 1s/10s).
start bad_liveness worker "$NODE_INI" --cluster.heartbeat=500ms --cluster.timeout=5s \
  --cluster.join=127.0.0.1:"$PORT"
expect_exit bad_liveness 1 "$DEADLINE_START"
wait_line bad_liveness '^tofmap: the coordinator refused this node: \[cluster\] heartbeat/timeout are 500ms/5000ms on the node but 1000ms/10000ms on the coordinator'
wait_line coord "^tofmap: refused [^ ]+ pid ${PID[bad_liveness]}: \[cluster\] heartbeat/timeout"

for bad in bad_model bad_liveness; do
  grep -q '^tofmap: joined' "$SCRATCH/$bad.log" && fail "$bad says it joined"
  grep -q "pid ${PID[$bad]} joined" "$SCRATCH/coord.log" && fail "the coordinator let $bad join"
done
last_progress coord
[ -z "$DONE" ] || [ "$DONE" -eq 0 ] || fail "points were computed before a good node joined"

# The same model, another name and without the coordinator's --map overrides (a worker computes
# whatever points it is sent): accepted.
start good worker "$MODEL" --model.name=another_name --output.dir="$SCRATCH/good.out" \
  --cluster.workers=2 --cluster.join=127.0.0.1:"$PORT"
expect_joined good coord
expect_map_done coord good
[ ! -e "$SCRATCH/good.out" ] || fail "a worker node wrote to its own [output] dir"

expect_one_node_map good
[ "$(count_lines coord '^tofmap: refused ')" -eq 2 ] || fail "the coordinator should log exactly 2 refusals"

note "PASS"

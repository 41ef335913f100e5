# cluster.resume_counts: timing.json of a map finished by a coordinator resumed from its journal
# counts the nodes the first coordinator lost and the tasks it re-did. A worker node is killed
# mid-run (its tasks go to the other), then the coordinator is killed; started again on the same
# folder and port, it gets the other worker back (rejoin), completes the reference map, and
# timing.json says nodes_lost 1 and tasks_redone >= 1 (before the journal kept them: 0 and 0).
source "$(dirname "$0")/lib/common.bash" "$@"
require_reference

start_coordinator coord --cluster.coordinator_workers=0
COORD_PORT=$PORT
start_worker lost "$PORT"
start_worker stays "$PORT" --cluster.rejoin=60s
expect_joined lost coord
expect_joined stays coord
wait_progress coord
kill -KILL "${PID[lost]}"
wait_line coord "^tofmap: node .* pid ${PID[lost]} lost\$"
wait_line coord "^tofmap: worker [0-9]+ of .* pid ${PID[lost]} lost with its node: [0-9]+ tasks? goe?s? to other workers\$"
# A progress line after the loss with more points done: the other worker has returned results
# since, and with its credit got the lost node's tasks (they go out before any new one).
last_progress coord
AT_LOSS=$DONE
t=$(now)
while last_progress coord; [ "$DONE" -le "$AT_LOSS" ]; do
  past "$DEADLINE_MAP" "$t" && fail "coord made no progress after the loss"
  sleep 0.1
done
expect_under_way coord
kill -KILL "${PID[coord]}"
wait_exit coord "$DEADLINE_EXIT"
note "killed coord at $DONE/$TOTAL points, after the loss of one node"

start coord2 coordinator "$MODEL" "${GRID[@]}" --output.dir="$SCRATCH/coord.out" \
  --cluster.listen=127.0.0.1:"$COORD_PORT" --cluster.coordinator_workers=0
wait_line coord2 "^tofmap: resuming from the journal $SCRATCH/coord.out/map.journal: "
expect_map_done coord2 stays
same_as_reference "$SCRATCH/coord.out"
T=$SCRATCH/coord.out/timing.json
expect_top "$T" nodes_lost "== 1"
expect_top "$T" tasks_redone ">= 1"
wait_line coord2 '^[0-9]+ tasks?, 1 node lost, [1-9][0-9]* tasks? re-done$'
note "after the resume: $LINE"

note "PASS"

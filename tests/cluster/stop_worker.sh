# cluster.stop_worker: one of two worker nodes is frozen (SIGSTOP) while the map is under way. Its
# connection stays open, so only the middleman's timeout can tell: the coordinator must log the
# node as lost while it is still frozen, hand its tasks to the other node and still write the
# reference map. Resumed afterwards (SIGCONT), the frozen worker finds the coordinator gone and
# exits 1. All three processes have heartbeat 500ms and timeout 5s: any node silent for the
# timeout is lost, so it is long enough for the healthy ones on a loaded machine (or a sanitizer
# build), and the test waits for the loss, whenever it comes.
source "$(dirname "$0")/lib/common.bash" "$@"
require_reference

LIVENESS=(--cluster.heartbeat=500ms --cluster.timeout=5s)

start_coordinator coord "${LIVENESS[@]}"
start_worker w1 "$PORT" "${LIVENESS[@]}"
start_worker w2 "$PORT" "${LIVENESS[@]}"
expect_joined w1 coord
expect_joined w2 coord

wait_progress coord
expect_under_way coord
kill -STOP "${PID[w2]}" || fail "cannot stop w2"
stopped_at=$(now)
note "stopped w2 (pid ${PID[w2]}) at $DONE/$TOTAL points"
wait_line coord "^tofmap: node .* pid ${PID[w2]} lost\$" "$DEADLINE_MAP"
note "coordinator logged w2 as lost $(elapsed "$stopped_at") s after the SIGSTOP"
expect_alive w2 "a stopped process cannot exit"

expect_recovered w2 w1

# Resume the frozen worker: its coordinator is gone, so it has no map and exits 1.
kill -CONT "${PID[w2]}" || fail "cannot resume w2"
expect_exit w2 1 "$DEADLINE_EXIT"
wait_line w2 '^tofmap: lost the coordinator'

note "PASS"

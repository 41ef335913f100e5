# cluster.stop_worker: one of two worker nodes is frozen (SIGSTOP) while the map is under way. Its
# connection stays open, so only the middleman's timeout can tell: with heartbeat 200ms and
# timeout 1s on all three processes the coordinator must log the node as lost within
# timeout + heartbeat (+ slack for a loaded machine), hand its tasks to the other node and still
# write the reference map. Resumed afterwards (SIGCONT), the frozen worker finds the coordinator
# gone and exits 1.
source "$(dirname "$0")/lib/common.bash" "$@"
require_reference

HEARTBEAT=0.2
TIMEOUT=1
SLACK=4
LIVENESS=(--cluster.heartbeat=200ms --cluster.timeout=1s)

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
wait_line coord "^tofmap: node .* pid ${PID[w2]} lost\$" 60
delay=$(elapsed "$stopped_at")
note "coordinator logged w2 as lost ${delay} s after the SIGSTOP"
check "$delay < $TIMEOUT + $HEARTBEAT + $SLACK" \
  "the coordinator took $delay s to notice the stopped node, more than timeout $TIMEOUT s + heartbeat $HEARTBEAT s + $SLACK s"
# Much earlier than the timeout would mean the node was dropped for something else.
check "$delay > $TIMEOUT / 2" \
  "the coordinator dropped the stopped node after only $delay s, before the $TIMEOUT s timeout"
expect_alive w2 "a stopped process cannot exit"

expect_recovered w2 w1

# Resume the frozen worker: its coordinator is gone, so it has no map and exits 1.
kill -CONT "${PID[w2]}" || fail "cannot resume w2"
expect_exit w2 1 "$DEADLINE_EXIT"
wait_line w2 '^tofmap: lost the coordinator'

note "PASS"

# cluster.worker_first: a worker node started before its coordinator waits and retries; once the
# coordinator listens on the port it was given, the worker joins and the map completes.
source "$(dirname "$0")/lib/common.bash" "$@"
require_reference
node_config

# The worker needs the port before the coordinator exists, so pick a free one; if something takes
# it before the coordinator listens, start over with another.
for attempt in 1 2 3 4 5; do
  W=worker$attempt
  C=coord$attempt
  free_port
  start "$W" worker "$NODE_INI" --cluster.join=127.0.0.1:"$PORT" --cluster.workers=2
  # Its first attempt failed; it can only join by retrying (with a back-off from 100 ms).
  wait_line "$W" "^tofmap: waiting for the coordinator at 127\.0\.0\.1:$PORT \(.*\); retrying\$"
  expect_alive "$W" "a worker waits for its coordinator"
  grep -q '^tofmap: connected' "$SCRATCH/$W.log" && fail "$W connected to something on port $PORT"
  start "$C" coordinator "$MODEL" "${GRID[@]}" --output.dir="$SCRATCH/coord.out" \
    --cluster.listen=127.0.0.1:"$PORT"
  wait_line "$C" '^tofmap: (coordinator listening on|error: cannot listen on) '
  [[ $LINE == *"coordinator listening on 127.0.0.1:$PORT"* ]] && break
  note "port $PORT was taken meanwhile ($LINE); another one"
  expect_exit "$C" 1 "$DEADLINE_EXIT"
  kill -KILL "${PID[$W]}"
  wait_exit "$W" "$DEADLINE_EXIT"
  [ "$attempt" -lt 5 ] || fail "no free port in 5 attempts"
done

expect_joined "$W" "$C"
expect_map_done "$C" "$W"
wait_line "$W" '^tofmap: every point is computed; leaving$'

expect_one_node_map "$W"
expect_node "$T" "${PID[$W]}" workers "== 2"

note "PASS"

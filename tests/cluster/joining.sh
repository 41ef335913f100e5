# cluster.joining: a worker node needs no config file (tofmap worker --cluster.join=HOST:PORT) and
# computes its share of a map identical to the reference; a worker that cannot reach any
# coordinator stops after [cluster] join_timeout with exit status 1, naming the address and the
# last error; a second coordinator on a port in use says "Address already in use" and exits 1.
source "$(dirname "$0")/lib/common.bash" "$@"
require_reference

start_coordinator coord --cluster.coordinator_workers=0
start bare worker --cluster.join=127.0.0.1:"$PORT" --cluster.workers=1
expect_joined bare coord
expect_map_done coord bare
same_as_reference "$SCRATCH/coord.out"

# Nothing listens on a free port: the worker gives up after 2 s (plus at most one attempt).
free_port
started=$(now)
start lonely worker --cluster.join=127.0.0.1:"$PORT" --cluster.join_timeout=2s
expect_exit lonely 1 "$DEADLINE_START"
wait_line lonely "^tofmap: could not join the coordinator at 127.0.0.1:$PORT within 2 s \(\[cluster\] join_timeout\); the last attempt: cannot connect: Connection refused\. Is the coordinator running"
past 1.9 "$started" || fail "the worker gave up before its join_timeout"
note "lonely gave up after $(elapsed "$started") s"

# The port of a running coordinator.
start_coordinator first --cluster.coordinator_workers=0
start second coordinator "$MODEL" --output.dir="$SCRATCH/second.out" \
  --cluster.listen=127.0.0.1:"$PORT"
expect_exit second 1 "$DEADLINE_START"
wait_line second "^tofmap: error: cannot listen on 127.0.0.1:$PORT: Address already in use"
expect_alive first "a second coordinator on its port stopped it"

note "PASS"

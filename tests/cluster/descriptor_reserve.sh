# cluster.descriptor_reserve: a coordinator with only 128 descriptors (prlimit) gets 200 idle
# connections. Pending ones hold three descriptors each (the peer's socket and a socketpair to
# CAF), so the gate reaches the reserve it keeps for the map, the journal and the rescue: it
# refuses further connections cleanly (accept and close) and says so once, not per connection,
# with the numbers. The idle ones are closed after 5 s without a handshake, a worker that kept
# retrying meanwhile gets in, and the map is written: the reserve was never touched.
source "$(dirname "$0")/lib/common.bash" "$@"
require_reference
node_config
HOSTILE=$(dirname "$0")/lib/hostile_peer.py

start_limited coord 128 coordinator "$MODEL" "${GRID[@]}" --output.dir="$SCRATCH/coord.out" \
  --cluster.listen=127.0.0.1:0 --cluster.coordinator_workers=0
listen_port coord

mkfifo "$SCRATCH/idle.in"
python3 "$HOSTILE" idle "$PORT" 200 <"$SCRATCH/idle.in" >"$SCRATCH/idle.log" 2>&1 &
PID[idle]=$!
NAMES+=(idle)
exec 9>"$SCRATCH/idle.in"
wait_line idle '^idle: [0-9]+ open, [0-9]+ failed$'
note "$LINE"
wait_line coord '^tofmap: refusing new connections: [0-9]+ of 128 descriptors are in use and 32 are kept for the map, the journal and the rescue \(logged once\)$'
note "$LINE"

start_worker late "$PORT"
expect_joined late coord
expect_map_done coord late
same_as_reference "$SCRATCH/coord.out"
exec 9>&-

[ "$(count_lines coord '^tofmap: refusing new connections')" -eq 1 ] \
  || fail "the refusal should be logged once, not $(count_lines coord '^tofmap: refusing new connections') times"
wait_line coord '^tofmap: the network gate accepted [0-9]+ connections and closed: '
note "$LINE"
refused=$(sed -n 's/.* \([0-9]*\) refused (descriptor reserve).*/\1/p' <<<"$LINE")
check "${refused:-0} >= 100" "the gate should have refused most of the 200 idle connections, not '$refused'"
grep -q 'without a handshake in time' <<<"$LINE" || fail "no idle connection timed out: $LINE"

note "PASS"

# cluster.idle_connections: a coordinator limited to 1024 descriptors (prlimit, soft and hard —
# Debian's default soft limit) gets 2000 idle connections that never send a byte. Before the
# network gate, ~1000 of them put its accept loop at 82 % CPU, no worker could join, and the
# finished map could be neither written nor rescued. Now a connection pending its handshake is
# closed after 5 s or evicted by newer ones (at most 64 pend), so a worker that comes after the
# flood joins, and the map is written: the reference map.
source "$(dirname "$0")/lib/common.bash" "$@"
require_reference
node_config
HOSTILE=$(dirname "$0")/lib/hostile_peer.py
IDLE=2000

start_limited coord 1024 coordinator "$MODEL" "${GRID[@]}" --output.dir="$SCRATCH/coord.out" \
  --cluster.listen=127.0.0.1:0 --cluster.coordinator_workers=0
listen_port coord
limits=$(awk '/^Max open files/ { print $4, $5 }' "/proc/${PID[coord]}/limits")
[ "$limits" = "1024 1024" ] || fail "the coordinator's descriptor limits are '$limits', not '1024 1024'"

# The idle peer holds its connections until its stdin closes (descriptor 9 here).
mkfifo "$SCRATCH/idle.in"
python3 "$HOSTILE" idle "$PORT" "$IDLE" <"$SCRATCH/idle.in" >"$SCRATCH/idle.log" 2>&1 &
PID[idle]=$!
NAMES+=(idle)
exec 9>"$SCRATCH/idle.in"
wait_line idle '^idle: [0-9]+ open, [0-9]+ failed$'
note "$LINE"
open=$(sed -n 's/^idle: \([0-9]*\) open.*/\1/p' <<<"$LINE")
check "$open >= $IDLE * 9 / 10" "only $open of $IDLE idle connections could be opened"
expect_alive coord "idle connections must not take the coordinator down"

start_worker late "$PORT"
expect_joined late coord
expect_map_done coord late
same_as_reference "$SCRATCH/coord.out"
T=$SCRATCH/coord.out/timing.json
expect_top "$T" nodes_lost "== 0"
expect_node_count "$T" 1

exec 9>&-
wait_line coord '^tofmap: the network gate accepted [0-9]+ connections and closed: '
note "$LINE"
accepted=$(sed -n 's/.*accepted \([0-9]*\) connections.*/\1/p' <<<"$LINE")
check "${accepted:-0} > $open" "the gate accepted $accepted connections, fewer than the $open idle ones and the worker"
grep -q -E 'evicted \(too many pending\)|without a handshake in time' <<<"$LINE" \
  || fail "the gate's summary names no idle connection it closed: $LINE"
! grep -q 'refusing new connections' "$SCRATCH/coord.log" \
  || fail "the coordinator ran into its descriptor reserve: idle connections held descriptors"

note "PASS"

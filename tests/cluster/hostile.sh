# cluster.hostile: strangers on a coordinator's plain-TCP port (insecure = yes, on every interface)
# announce a 4 GiB message — as their very first bytes, and after a well-formed BASP handshake —
# and 300 connections send random bytes, before a worker joins and while the map is under way (its
# worker stopped meanwhile, so that the map outlasts the attacks on any machine).
# Before the network gate, one such header made CAF allocate and zero 4 GiB, and 300 random
# connections took 3.9 GB. Now every one of those connections is closed before CAF sees the
# header, the coordinator's peak RSS stays under 200 MB, the worker is not disturbed and the map
# is the reference map.
source "$(dirname "$0")/lib/common.bash" "$@"
require_reference
node_config
HOSTILE=$(dirname "$0")/lib/hostile_peer.py
RSS_LIMIT_KB=$((200 * 1024))

# The worker is stopped (SIGSTOP) during the attacks of the second part, so that the map is under
# way however long they take on a loaded machine; nodes are lost after 10 min of silence only.
SLOW_LOSS=(--cluster.timeout=10min)
start_coordinator_insecure() {
  start coord coordinator "$MODEL" "${GRID[@]}" --output.dir="$SCRATCH/coord.out" \
    --cluster.listen=0.0.0.0:0 --cluster.insecure=yes --cluster.coordinator_workers=0 \
    "${SLOW_LOSS[@]}"
  listen_port coord
}
start_coordinator_insecure
wait_line coord '^tofmap: warning: \[cluster\] listen = 0\.0\.0\.0:0 without \[tls\] \(--cluster\.insecure=yes\): anyone who reaches the port can join'

# attack NAME ARGS... : runs hostile_peer.py, output in NAME.log.
attack() {
  local name=$1
  shift
  python3 "$HOSTILE" "$@" >"$SCRATCH/$name.log" 2>&1 \
    || { cat "$SCRATCH/$name.log"; fail "hostile_peer.py $* failed"; }
  note "$name: $(tr '\n' ';' <"$SCRATCH/$name.log")"
}

expect_header4g_closed() {
  grep -q '^header4g first: closed$' "$SCRATCH/$1.log" \
    || fail "$1: the connection announcing 4 GiB first was not closed: $(cat "$SCRATCH/$1.log")"
  grep -q '^header4g after-handshake (got server handshake): closed$' "$SCRATCH/$1.log" \
    || fail "$1: the connection announcing 4 GiB after a handshake was not closed: $(cat "$SCRATCH/$1.log")"
}

# peak_rss NAME : sets V to the peak resident memory (VmHWM, kB) of process NAME.
peak_rss() {
  V=$(awk '/^VmHWM:/ { print $2 }' "/proc/${PID[$1]}/status" 2>/dev/null)
  [ -n "$V" ] || fail "cannot read the memory of $1 (has it exited?)"
}

# Before any worker has joined.
attack header4g_early header4g "$PORT"
expect_header4g_closed header4g_early
expect_alive coord "a 4 GiB header must not take the coordinator down"

start_worker w1 "$PORT" "${SLOW_LOSS[@]}"
expect_joined w1 coord
wait_progress coord
kill -STOP "${PID[w1]}" || fail "cannot stop w1"
expect_under_way coord

# While the map is under way: 300 connections of random bytes, then 4 GiB headers again.
attack random random "$PORT" 300 10
grep -q '^random: 300 sent, 300 closed$' "$SCRATCH/random.log" \
  || fail "not every connection of random bytes was closed: $(cat "$SCRATCH/random.log")"
attack header4g_late header4g "$PORT"
expect_header4g_closed header4g_late
expect_under_way coord
kill -CONT "${PID[w1]}" || fail "cannot continue w1"
peak_rss coord
note "coordinator peak RSS after the attacks: $V kB"
check "$V < $RSS_LIMIT_KB" "the coordinator's peak RSS is $V kB, more than $RSS_LIMIT_KB kB"

expect_map_done coord w1
same_as_reference "$SCRATCH/coord.out"
T=$SCRATCH/coord.out/timing.json
expect_top "$T" nodes_lost "== 0"
expect_node_count "$T" 1
wait_line coord '^tofmap: closed the connection from 127\.0\.0\.1:[0-9]+ \(refused\): '
wait_line coord '^tofmap: the network gate accepted [0-9]+ connections and closed: .*sent what BASP or max_message does not allow'
note "$LINE"
n=$(sed -n 's/.* \([0-9]*\) sent what BASP or max_message does not allow.*/\1/p' <<<"$LINE")
check "${n:-0} >= 304" "the gate should have refused at least 304 connections (300 random, 4 with 4 GiB), not '$n'"

note "PASS"

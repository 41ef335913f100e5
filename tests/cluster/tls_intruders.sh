# cluster.tls_intruders: next to a TLS coordinator, a node with a certificate from another CA and
# a node without TLS try to join for the whole run. They never get in (their logs show the
# failed handshakes, the coordinator never lists them), and they must not disturb the good node:
# the map completes, byte-identical, with the good node only. The intruders keep retrying and
# are killed at the end. A member gone bad — a valid certificate — that announces a 4 GiB
# message after the TLS handshake is cut off too, and the coordinator's peak RSS stays under
# 200 MB (before the network gate such a member could make it allocate 4 GiB).
source "$(dirname "$0")/lib/common.bash" "$@"
require_reference
node_config

make_ca ca
make_ca rogue_ca
make_cert coord ca
make_cert node1 ca
make_cert rogue rogue_ca
make_cert member ca

tls_args ca coord
start_coordinator coord "${TLS[@]}"
[[ $LINE == *" (TLS)" ]] || fail "the coordinator does not say it listens with TLS: $LINE"

# The rogue trusts the coordinator's CA, but its own certificate is from another CA.
tls_args ca rogue
start_worker rogue "$PORT" "${TLS[@]}"
start_worker plain "$PORT"
waiting="^tofmap: waiting for the coordinator at 127\.0\.0\.1:$PORT \(.*\); retrying\$"
wait_line rogue "$waiting"
note "rogue: $LINE"
wait_line plain "$waiting"
note "plain: $LINE"

tls_args ca node1
start_worker node1 "$PORT" --cluster.workers=2 "${TLS[@]}"
expect_joined node1 coord
wait_progress coord
python3 "$(dirname "$0")/lib/hostile_peer.py" header4g "$PORT" "$SCRATCH/certs/ca.pem" \
  "$SCRATCH/certs/member.pem" "$SCRATCH/certs/member.key" >"$SCRATCH/member.log" 2>&1 \
  || { cat "$SCRATCH/member.log"; fail "hostile_peer.py header4g with TLS failed"; }
note "member: $(tr '\n' ';' <"$SCRATCH/member.log")"
grep -q '^header4g first: closed$' "$SCRATCH/member.log" \
  || fail "a member announcing 4 GiB first was not cut off: $(cat "$SCRATCH/member.log")"
grep -q '^header4g after-handshake (got server handshake): closed$' "$SCRATCH/member.log" \
  || fail "a member announcing 4 GiB after the BASP handshake was not cut off: $(cat "$SCRATCH/member.log")"
expect_under_way coord
rss=$(awk '/^VmHWM:/ { print $2 }' "/proc/${PID[coord]}/status")
note "coordinator peak RSS: $rss kB"
check "${rss:-999999999} < 200 * 1024" "the coordinator's peak RSS is $rss kB, more than 200 MB"
expect_map_done coord node1

for w in rogue plain; do
  expect_alive "$w" "a node that cannot join keeps retrying"
  grep -q -E '^tofmap: (connected|joined)' "$SCRATCH/$w.log" && fail "$w connected to the coordinator"
  grep -q "pid ${PID[$w]} " "$SCRATCH/coord.log" && fail "the coordinator logs $w (pid ${PID[$w]})"
  kill -KILL "${PID[$w]}"
  wait_exit "$w" "$DEADLINE_EXIT"
done
[ "$(count_lines coord ' joined with ')" -eq 1 ] || fail "the coordinator should log exactly one node that joined"

expect_one_node_map node1

note "PASS"

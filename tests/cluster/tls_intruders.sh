# cluster.tls_intruders: next to a TLS coordinator, a node with a certificate from another CA and
# a node without TLS try to join for the whole run. They never get in (their logs show the
# failed handshakes, the coordinator never lists them), and they must not disturb the good node:
# the map completes, byte-identical, with the good node only. The intruders keep retrying and
# are killed at the end.
source "$(dirname "$0")/lib/common.bash" "$@"
require_reference
node_config

make_ca ca
make_ca rogue_ca
make_cert coord ca
make_cert node1 ca
make_cert rogue rogue_ca

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

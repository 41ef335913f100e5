# cluster.certs: `tofmap certs DIR --nodes N` makes what a TLS cluster needs. The files exist, keys
# are private (0600), every node certificate verifies against the CA (openssl verify), a second
# run into the same folder refuses to overwrite anything. A coordinator with node1's certificate
# may then listen on every interface (TLS needs no --cluster.insecure), a worker with node2's
# joins and the map is the reference map, and a worker whose certificate comes from another
# `tofmap certs` run never gets in.
source "$(dirname "$0")/lib/common.bash" "$@"
require_reference
node_config

"$TOFMAP" certs "$SCRATCH/certs" --nodes 2 >"$SCRATCH/certs.log" 2>&1 \
  || { cat "$SCRATCH/certs.log"; fail "tofmap certs failed"; }
C=$SCRATCH/certs
for f in ca.pem ca.key node1.pem node1.key node2.pem node2.key; do
  [ -s "$C/$f" ] || fail "tofmap certs did not write $C/$f"
done
for f in ca.key node1.key node2.key; do
  [ "$(stat -c %a "$C/$f")" = 600 ] || fail "$C/$f has mode $(stat -c %a "$C/$f"), expected 600"
done
openssl verify -CAfile "$C/ca.pem" "$C/node1.pem" "$C/node2.pem" >"$SCRATCH/verify.log" 2>&1 \
  || { cat "$SCRATCH/verify.log"; fail "the node certificates do not verify against the CA"; }
before=$(sha256sum "$C"/* | sha256sum)
if "$TOFMAP" certs "$C" --nodes 2 >"$SCRATCH/again.log" 2>&1; then
  fail "tofmap certs overwrote an existing folder of certificates"
fi
grep -q 'exists already: certificates are never overwritten' "$SCRATCH/again.log" \
  || { cat "$SCRATCH/again.log"; fail "tofmap certs does not say why it refused"; }
[ "$(sha256sum "$C"/* | sha256sum)" = "$before" ] || fail "a refused tofmap certs changed files"
"$TOFMAP" certs "$SCRATCH/other" --nodes 1 >"$SCRATCH/other.log" 2>&1 || fail "tofmap certs failed"
# The CA's key is named as private; inside a git work tree, certs says to keep it out of git.
grep -q "^warning: .*/ca.key is the CA's private key" "$SCRATCH/other.log" \
  || { cat "$SCRATCH/other.log"; fail "tofmap certs does not warn about ca.key"; }
mkdir -p "$SCRATCH/repo/.git"
"$TOFMAP" certs "$SCRATCH/repo/certs" --nodes 1 >"$SCRATCH/repo.log" 2>&1 || fail "tofmap certs failed"
grep -qF "is inside the git work tree $SCRATCH/repo: make sure git ignores it (a line in $SCRATCH/repo/.gitignore)" \
  "$SCRATCH/repo.log" || { cat "$SCRATCH/repo.log"; fail "tofmap certs does not warn about a git work tree"; }
outside=$(mktemp -d)
"$TOFMAP" certs "$outside/certs" --nodes 1 >"$SCRATCH/outside.log" 2>&1 || fail "tofmap certs failed"
rm -rf "$outside"
! grep -q "git work tree" "$SCRATCH/outside.log" || fail "tofmap certs sees a git work tree around $outside"

start coord coordinator "$MODEL" "${GRID[@]}" --output.dir="$SCRATCH/coord.out" \
  --cluster.listen=0.0.0.0:0 --tls.ca="$C/ca.pem" --tls.cert="$C/node1.pem" --tls.key="$C/node1.key"
listen_port coord
[[ $LINE == *" (TLS)" ]] || fail "the coordinator does not say it listens with TLS: $LINE"
start stranger worker "$NODE_INI" --cluster.join=127.0.0.1:"$PORT" --tls.ca="$C/ca.pem" \
  --tls.cert="$SCRATCH/other/node1.pem" --tls.key="$SCRATCH/other/node1.key"
wait_line stranger "^tofmap: waiting for the coordinator at 127\.0\.0\.1:$PORT \(.*\); retrying\$"
start_worker node2 "$PORT" --cluster.workers=2 --tls.ca="$C/ca.pem" --tls.cert="$C/node2.pem" \
  --tls.key="$C/node2.key"
expect_joined node2 coord
expect_map_done coord node2
expect_one_node_map node2
expect_alive stranger "a node with a certificate of another CA keeps trying"
grep -q -E '^tofmap: (connected|joined)' "$SCRATCH/stranger.log" && fail "the stranger got in"
wait_line coord "closed the connection from 127\.0\.0\.1:[0-9]+ \(refused\): TLS: its certificate \(CN=node1,O=tofmap cluster\) is signed by another certificate authority than the one in \[tls\] ca "

note "PASS"

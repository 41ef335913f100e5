# cluster.tls: a coordinator and a worker node with certificates from one CA talk over mutually
# authenticated TLS and compute the reference map. The coordinator's key is encrypted: its
# [tls] passphrase decrypts it and does not end up in the output's config.ini.
source "$(dirname "$0")/lib/common.bash" "$@"
require_reference
node_config

make_ca ca
make_cert coord ca
make_cert node1 ca
PASSPHRASE=test-passphrase-4711
openssl pkey -in "$SCRATCH/certs/coord.key" -aes256 -passout "pass:$PASSPHRASE" \
  -out "$SCRATCH/certs/coord.enc.key" 2>"$SCRATCH/certs/enc.log" || fail "openssl cannot encrypt the key"

start_coordinator coord --tls.ca="$SCRATCH/certs/ca.pem" --tls.cert="$SCRATCH/certs/coord.pem" \
  --tls.key="$SCRATCH/certs/coord.enc.key" --tls.passphrase="$PASSPHRASE"
[[ $LINE == *" (TLS)" ]] || fail "the coordinator does not say it listens with TLS: $LINE"
tls_args ca node1
start_worker node1 "$PORT" --cluster.workers=2 "${TLS[@]}"
expect_joined node1 coord

expect_map_done coord node1

expect_one_node_map node1
CONFIG=$SCRATCH/coord.out/config.ini
grep -q -F "$PASSPHRASE" "$CONFIG" && fail "the [tls] passphrase was written to $CONFIG"
grep -q -E '^passphrase = \(removed\)$' "$CONFIG" || fail "$CONFIG should say 'passphrase = (removed)'"

note "PASS"

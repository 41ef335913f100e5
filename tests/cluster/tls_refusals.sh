# cluster.tls_refusals: a node refused in the TLS handshake is told why, naming TLS and the likely
# cause, and the coordinator logs every kind of refusal with its reason (each reason a few times,
# then once a minute). Against a TLS coordinator: a node without [tls]; nodes whose certificate is
# from another CA, self-signed, expired or not valid yet; a node that does not trust the
# coordinator's certificate. Against a coordinator without TLS: a node with [tls]. Each node has a
# join_timeout of 3 s: it exits 1 with its reason, and without the hint about addresses and
# firewalls (it reached the coordinator).
source "$(dirname "$0")/lib/common.bash" "$@"
node_config

# make_dated NAME CA START END : a certificate certs/NAME.{pem,key} signed by CA, valid from START
# to END (openssl's YYYYMMDDHHMMSSZ), made with `openssl ca`, which can date certificates.
make_dated() {
  local c=$SCRATCH/certs db=$SCRATCH/certs/db
  mkdir -p "$db"
  [ -f "$db/index.txt" ] || { : >"$db/index.txt"; echo 01 >"$db/serial"; }
  printf '[ca]\ndefault_ca = d\n[d]\ndatabase = %s\nnew_certs_dir = %s\nserial = %s\ndefault_md = sha256\npolicy = p\nunique_subject = no\n[p]\ncommonName = supplied\n' \
    "$db/index.txt" "$db" "$db/serial" >"$c/dated.cnf"
  { openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$1" \
      -keyout "$c/$1.key" -out "$c/$1.csr" \
    && openssl ca -batch -config "$c/dated.cnf" -cert "$c/$2.pem" -keyfile "$c/$2.key" \
      -in "$c/$1.csr" -out "$c/$1.pem" -startdate "$3" -enddate "$4" -notext; } >"$c/$1.log" 2>&1 \
    || { cat "$c/$1.log"; fail "openssl cannot make the dated certificate $1"; }
}

make_ca ca
make_ca rogue_ca
make_cert coord ca
make_cert good ca
make_cert rogue rogue_ca
make_ca selfie                 # a self-signed certificate used as a node's own
make_dated expired ca 20000101000000Z 20010101000000Z
make_dated future ca 20990101000000Z 20991231000000Z

tls_args ca coord
start_coordinator coord "${TLS[@]}"
TLS_PORT=$PORT
start_coordinator plain_coord
PLAIN_PORT=$PORT

# intruder NAME PORT CA CERT : a worker node with [tls] ca = CA, cert and key = CERT (none
# without CA) that gives up after 3 s.
intruder() {
  local name=$1 port=$2 ca=${3:-} cert=${4:-}
  local args=(--cluster.join_timeout=3s)
  [ -z "$ca" ] || { tls_args "$ca" "$cert"; args+=("${TLS[@]}"); }
  start_worker "$name" "$port" "${args[@]}"
}
intruder plain "$TLS_PORT"
intruder rogue "$TLS_PORT" ca rogue
intruder selfie "$TLS_PORT" ca selfie
intruder expired "$TLS_PORT" ca expired
intruder future "$TLS_PORT" ca future
intruder distrust "$TLS_PORT" rogue_ca good
intruder tls_node "$PLAIN_PORT" ca good

# expect_told NAME PORT REASON : NAME exits 1 after saying, first while it retries and then when
# it gives up, that the coordinator at PORT refused it for REASON (an extended regex), without the
# hint about addresses and firewalls.
expect_told() {
  local name=$1 port=$2 reason=$3
  expect_exit "$name" 1 "$DEADLINE_START"
  wait_line "$name" "^tofmap: waiting for the coordinator at 127\\.0\\.0\\.1:$port \\($reason"
  note "$name: $LINE"
  wait_line "$name" "^tofmap: could not join the coordinator at 127\\.0\\.0\\.1:$port within 3 s \\(\\[cluster\\] join_timeout\\); the last attempt: $reason"
  [[ $LINE != *firewall* ]] || fail "$name reached the coordinator, yet is told about firewalls: $LINE"
  ! grep -q 'disconnect_during_handshake' "$SCRATCH/$name.log" \
    || fail "$name is told only disconnect_during_handshake: $(cat "$SCRATCH/$name.log")"
}
NOT_OURS="TLS: the coordinator refused this node's certificate: it is not signed by the coordinator's certificate authority \\(a certificate of another CA, or self-signed\\)"
expect_told plain "$TLS_PORT" "TLS: the coordinator requires TLS and this node has no \\[tls\\]: give it \\[tls\\] ca, cert and key"
expect_told rogue "$TLS_PORT" "$NOT_OURS"
expect_told selfie "$TLS_PORT" "$NOT_OURS"
expect_told expired "$TLS_PORT" "TLS: the coordinator refused this node's certificate as expired"
expect_told future "$TLS_PORT" "TLS: the coordinator refused this node's certificate \\(not valid yet"
expect_told distrust "$TLS_PORT" "TLS: the coordinator's certificate \\(CN=coord\\) is signed by another certificate authority than the one in \\[tls\\] ca \\(by CN=tofmap test ca\\); this node's \\[tls\\] ca must be"
expect_told tls_node "$PLAIN_PORT" "TLS: the coordinator does not speak TLS \\(it has no \\[tls\\]\\)"

# The coordinators log every kind of refusal, each with its reason, and a reason no more than
# 3 times in the few seconds the nodes tried (each tried several times).
REFUSED="^tofmap: closed the connection from 127\\.0\\.0\\.1:[0-9]+ \\(refused\\): "
for reason in "TLS: it does not speak TLS \\(a node without \\[tls\\]\\?\\)" \
  "TLS: its certificate \\(CN=rogue\\) is signed by another certificate authority than the one in \\[tls\\] ca \\(by CN=tofmap test rogue_ca\\)" \
  "TLS: its certificate \\(CN=tofmap test selfie\\) is self-signed, not signed by the certificate authority in \\[tls\\] ca" \
  "TLS: its certificate \\(CN=expired\\) has expired \\(valid until Jan  1 00:00:00 2001 GMT\\)" \
  "TLS: its certificate \\(CN=future\\) is not valid yet \\(valid from Jan  1 00:00:00 2099 GMT" \
  "TLS: it does not trust this coordinator's certificate \\(its \\[tls\\] ca is not the certificate authority that signed this coordinator's \\[tls\\] cert\\)"; do
  wait_line coord "$REFUSED$reason"
  n=$(count_lines coord "$REFUSED$reason")
  [ "$n" -le 3 ] || fail "the coordinator logged one reason $n times in a few seconds: $reason"
done
wait_line plain_coord "${REFUSED}it speaks TLS and this coordinator has no \\[tls\\] \\(a node with \\[tls\\]\\?\\)"
note "coordinator: $(grep -c '(refused)' "$SCRATCH/coord.log") refusals logged"

note "PASS"

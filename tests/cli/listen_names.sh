# cli.listen_names: whether a coordinator without [tls] may listen is decided on the addresses
# [cluster] listen resolves to, not on how the name is spelled. The test resolves names of its own
# in a private mount namespace (unshare: its /etc/hosts is a file of the scratch dir, bound over
# /etc/hosts for the tofmap process only; nothing outside the process changes):
#   - 127.exposed.test -> 0.0.0.0: refused (it looks like a loopback address but is every
#     interface), with the address it resolves to; with --cluster.insecure=yes it listens, warned;
#   - loop.test -> 127.0.0.5: a loopback address under another name, accepted, and the socket is
#     bound to 127.0.0.5.
source "$(dirname "$0")/../cluster/lib/common.bash" "$@"

HOSTS=$SCRATCH/hosts
printf '127.0.0.1 localhost\n0.0.0.0 127.exposed.test\n127.0.0.5 loop.test\n' >"$HOSTS"
if ! unshare -rm sh -c 'mount --bind "$0" /etc/hosts' "$HOSTS" 2>"$SCRATCH/unshare.err"; then
  echo "SKIP: this machine does not let the test make a mount namespace with unshare -rm: $(cat "$SCRATCH/unshare.err")"
  exit 77
fi

# start_resolving NAME ARGS... : like `start`, with the test's /etc/hosts.
start_resolving() {
  local name=$1
  shift
  printf '%q ' unshare -rm tofmap "$@" >"$SCRATCH/$name.cmd"
  unshare -rm sh -c 'mount --bind "$0" /etc/hosts && exec "$@"' "$HOSTS" "$TOFMAP" "$@" \
    >"$SCRATCH/$name.log" 2>&1 &
  PID[$name]=$!
  NAMES+=("$name")
  note "started $name (pid ${PID[$name]}): $(cat "$SCRATCH/$name.cmd")"
}

# listening_on PORT : sets V to the local addresses of the sockets listening on PORT
# (/proc/net/tcp: address and port in hex, the address in host byte order).
listening_on() {
  local port sl local rest a
  port=$(printf '%04X' "$1")
  V=""
  while read -r sl local _ state rest; do
    [ "$state" = 0A ] && [ "${local#*:}" = "$port" ] || continue
    a=${local%:*}
    V+="$((16#${a:6:2})).$((16#${a:4:2})).$((16#${a:2:2})).$((16#${a:0:2}))"
  done < <(tail -n +2 /proc/net/tcp)
}

# -- a name that looks like 127.x but resolves to every interface: refused -------------------
start_resolving exposed coordinator "$MODEL" --cluster.listen=127.exposed.test:0 \
  --output.dir="$SCRATCH/exposed.out"
t=$(now)
while alive "${PID[exposed]}"; do
  if grep -q 'coordinator listening on' "$SCRATCH/exposed.log"; then
    listen_port exposed
    listening_on "$PORT"
    fail "a coordinator without [tls] listens on $V:$PORT for 127.exposed.test (0.0.0.0: every interface)"
  fi
  past "$DEADLINE_START" "$t" && fail "exposed neither listened nor exited within $DEADLINE_START s"
  sleep 0.1
done
expect_exit exposed 1 "$DEADLINE_EXIT"
wait_line exposed '^tofmap: \[cluster\] listen = 127\.exposed\.test:0 \(it resolves to 0\.0\.0\.0 = every interface\) is reachable from other machines and there is no \[tls\]: .* or accept the risk with --cluster.insecure=yes$'
note "127.exposed.test: refused"

# -- the same with --cluster.insecure=yes: it listens, and says where ---------------------------
start_resolving insecure coordinator "$MODEL" --cluster.listen=127.exposed.test:0 \
  --cluster.insecure=yes --output.dir="$SCRATCH/insecure.out"
wait_line insecure '^tofmap: warning: \[cluster\] listen = 127\.exposed\.test:0 \(it resolves to 0\.0\.0\.0 = every interface\) without \[tls\] \(--cluster.insecure=yes\)'
listen_port insecure
listening_on "$PORT"
[ "$V" = 0.0.0.0 ] || fail "insecure should listen on 0.0.0.0:$PORT, listens on '$V'"
kill -KILL "${PID[insecure]}"
note "127.exposed.test with --cluster.insecure=yes: listens on every interface, warned"

# -- a loopback address under a name of its own: accepted, bound to that address ---------------
start_resolving loop coordinator "$MODEL" --cluster.listen=loop.test:0 --output.dir="$SCRATCH/loop.out"
listen_port loop
listening_on "$PORT"
[ "$V" = 127.0.0.5 ] || fail "loop.test resolves to 127.0.0.5, but the coordinator listens on '$V'"
! grep -q 'warning' "$SCRATCH/loop.log" || fail "a loopback name is warned about: $(cat "$SCRATCH/loop.log")"
kill -KILL "${PID[loop]}"
note "loop.test (127.0.0.5): listens there without TLS"

note "PASS"

# Shared code of the multi-process tests (tests/cli/*.sh, tests/cluster/*.sh). Source it first:
#
#   source "$(dirname "$0")/lib/common.bash" "$@"    # TOFMAP SOURCE_DIR SCRATCH_DIR
#
# It empties SCRATCH_DIR and works there, starts processes with their output in
# SCRATCH_DIR/NAME.log, waits for log lines and exits with deadlines, and on any exit kills every
# process it started. A failure prints the reason and the logs of every process, and exits 1.
#
# Helpers that produce a value set a global (LINE, PORT, DONE/TOTAL, RC, V) instead of printing
# it, so that they run in the test's own shell and `fail` ends the test, not a subshell.
#
# Only bash, coreutils, grep, sed, awk and procps are used.

set -u -o pipefail

if [ $# -lt 3 ]; then
  echo "usage: bash $0 TOFMAP_BINARY SOURCE_DIR SCRATCH_DIR" >&2
  exit 1
fi
TOFMAP=$1
SOURCE_DIR=$2
SCRATCH=$3
TEST_NAME=$(basename "$SCRATCH")
case $TEST_NAME in
  cli.* | cluster.* | slurm.* | package.*) ;;
  *) echo "FAIL: the scratch dir must be named after the test (AREA.NAME): $SCRATCH"; exit 1 ;;
esac

MODEL=$SOURCE_DIR/configs/co_oxidation.ini
# The grid of every cluster test: GRID_SIDE x GRID_SIDE points, TOFMAP_TEST_GRID_SIDE from
# tests/CMakeLists.txt: 200 (40000 points, about 5 s with two workers in a Release build, 0.2 ms
# per point per worker, 2-4 times that with sanitizers). Long enough to kill, stop or add a node
# while the map is being computed; the tests wait for progress lines, not for a time, so a slower
# machine only makes that window longer.
GRID_SIDE=${TOFMAP_TEST_GRID_SIDE:-200}
[[ $GRID_SIDE =~ ^[1-9][0-9]*$ ]] || { echo "FAIL: TOFMAP_TEST_GRID_SIDE='$GRID_SIDE' is not a positive integer"; exit 1; }
GRID=("--map.x=p(CO_g) 1e-5 0.5 $GRID_SIDE" "--map.y=p(O2_g) 1e-5 0.5 $GRID_SIDE")
GRID_POINTS=$((GRID_SIDE * GRID_SIDE))
REFERENCE=$(dirname "$SCRATCH")/cluster.reference/map.csv

# Deadlines in seconds: they only end a test that would otherwise hang, so they are generous, for
# sanitizer builds on a machine whose cores are busy with other work (a 40000-point map took 93 s
# there in a Release build with one worker, its plots another 74 s). CTest's own timeout is 1800 s
# per test (tests/CMakeLists.txt).
DEADLINE_START=120   # a process prints an expected line (listening, waiting, joined, ...)
DEADLINE_MAP=900     # a whole map
DEADLINE_EXIT=120    # a process exits once it has no more reason to run
DEADLINE_COMMAND=600 # a command in the foreground (tofmap check, plot, a small run)

rm -rf "$SCRATCH"
mkdir -p "$SCRATCH" || { echo "FAIL: cannot create $SCRATCH"; exit 1; }
cd "$SCRATCH" || exit 1

declare -A PID=()     # name -> pid of every process started with `start`
declare -a NAMES=()   # names in start order
declare -A EXITED=() # name -> exit status, for processes reaped by wait_map
T0=$(date +%s.%N)

now() { date +%s.%N; }
# Seconds from the `now` value $1 to $2 (default: now), to the millisecond.
elapsed() { awk -v a="$1" -v b="${2:-$(now)}" 'BEGIN { printf "%.3f", b - a }'; }
# Is $1 seconds past the `now` value $2?
past() { awk -v t="$(elapsed "$2")" -v d="$1" 'BEGIN { exit !(t > d) }'; }
note() { echo "[$(elapsed "$T0") s] $*"; }

dump_logs() {
  local name
  for name in "${NAMES[@]}"; do
    echo "----- $name (pid ${PID[$name]}): $(cat "$SCRATCH/$name.cmd" 2>/dev/null)"
    cat "$SCRATCH/$name.log" 2>/dev/null
  done
  [ ${#NAMES[@]} -eq 0 ] || echo "-----"
}

fail() {
  echo "FAIL [$TEST_NAME at $(elapsed "$T0") s]: $*"
  dump_logs
  exit 1
}

# Is process $1 running (or stopped), and not a zombie?
alive() {
  local stat
  stat=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ $stat != Z* ]]
}

# backtrace PID NAME : with TOFMAP_TEST_BACKTRACE=1 and gdb installed, saves the threads' stacks of a
# process that hangs in NAME.gdb.txt (for debugging; not needed by the tests).
backtrace() {
  if [ "${TOFMAP_TEST_BACKTRACE:-0}" = 1 ] && command -v gdb >/dev/null; then
    gdb -p "$1" -batch -ex "thread apply all bt" >"$SCRATCH/$2.gdb.txt" 2>&1
    echo "stacks of $2 in $SCRATCH/$2.gdb.txt"
  fi
}

cleanup() {
  local name pid
  for name in "${NAMES[@]}"; do
    pid=${PID[$name]}
    alive "$pid" && kill -KILL "$pid" 2>/dev/null # SIGKILL also ends a stopped process
  done
  for name in "${NAMES[@]}"; do
    wait "${PID[$name]}" 2>/dev/null
  done
}
trap cleanup EXIT
trap 'echo "FAIL [$TEST_NAME]: interrupted"; exit 1' INT TERM HUP

# start NAME ARGS... : runs `tofmap ARGS...` in the background, stdout and stderr to NAME.log.
# A script's background commands ignore SIGINT; env gives tofmap the default back, as a terminal
# would (env execs tofmap, so the pid is tofmap's).
start() {
  local name=$1
  shift
  [[ -z ${PID[$name]+x} ]] || fail "internal: process name '$name' used twice"
  printf '%q ' tofmap "$@" >"$SCRATCH/$name.cmd"
  env --default-signal=INT "$TOFMAP" "$@" >"$SCRATCH/$name.log" 2>&1 &
  PID[$name]=$!
  NAMES+=("$name")
  note "started $name (pid ${PID[$name]}): $(cat "$SCRATCH/$name.cmd")"
}

# start_limited NAME NOFILE ARGS... : like start, with the soft and hard limits on open descriptors
# set to NOFILE (prlimit execs tofmap, so the pid is tofmap's).
start_limited() {
  local name=$1 nofile=$2
  shift 2
  [[ -z ${PID[$name]+x} ]] || fail "internal: process name '$name' used twice"
  printf '%q ' prlimit --nofile="$nofile:$nofile" tofmap "$@" >"$SCRATCH/$name.cmd"
  prlimit --nofile="$nofile:$nofile" "$TOFMAP" "$@" >"$SCRATCH/$name.log" 2>&1 &
  PID[$name]=$!
  NAMES+=("$name")
  note "started $name (pid ${PID[$name]}): $(cat "$SCRATCH/$name.cmd")"
}

# wait_line NAME REGEX [SECONDS] : waits until NAME.log has a line matching the extended REGEX
# and sets LINE to the first one. Fails at the deadline, or as soon as NAME has exited without
# printing such a line.
wait_line() {
  local name=$1 regex=$2 deadline=${3:-$DEADLINE_START}
  local log=$SCRATCH/$name.log pid=${PID[$name]} t
  t=$(now)
  while true; do
    if LINE=$(grep -E -m1 -- "$regex" "$log"); then
      return 0
    fi
    if ! alive "$pid"; then
      LINE=$(grep -E -m1 -- "$regex" "$log") && return 0 # printed just before it exited
      fail "$name exited without printing a line matching /$regex/"
    fi
    past "$deadline" "$t" && fail "$name printed no line matching /$regex/ within $deadline s"
    sleep 0.1
  done
}

# wait_exit NAME [SECONDS] : waits until NAME exits and sets RC to its exit status.
wait_exit() {
  local name=$1 deadline=${2:-$DEADLINE_MAP}
  local pid=${PID[$name]} t
  if [[ -n ${EXITED[$name]+x} ]]; then
    RC=${EXITED[$name]}
    return 0
  fi
  t=$(now)
  while alive "$pid"; do
    if past "$deadline" "$t"; then
      backtrace "$pid" "$name"
      fail "$name (pid $pid) did not exit within $deadline s; its last line: '$(tail -n 1 "$SCRATCH/$name.log")'"
    fi
    sleep 0.1
  done
  wait "$pid"
  RC=$?
  note "$name exited with status $RC"
}

# expect_exit NAME STATUS [SECONDS]
expect_exit() {
  wait_exit "$1" "${3:-$DEADLINE_MAP}"
  [ "$RC" -eq "$2" ] || fail "$1 exited with status $RC, expected $2"
}

# wait_map COORDINATOR WORKER... : waits until the coordinator exits (DEADLINE_MAP), and fails at
# once if one of the workers exits with a non-zero status first: without workers the coordinator
# would wait for ever. Workers that exit 0 on the way (the map is complete) are fine; their status
# is kept for expect_exit.
wait_map() {
  local coord=$1 w t
  shift
  t=$(now)
  while alive "${PID[$coord]}"; do
    for w in "$@"; do
      if [[ -z ${EXITED[$w]+x} ]] && ! alive "${PID[$w]}"; then
        wait "${PID[$w]}"
        EXITED[$w]=$?
        note "$w exited with status ${EXITED[$w]}"
        [ "${EXITED[$w]}" -eq 0 ] \
          || fail "$w exited with status ${EXITED[$w]} before the coordinator completed the map"
      fi
    done
    if past "$DEADLINE_MAP" "$t"; then
      backtrace "${PID[$coord]}" "$coord"
      fail "$coord did not complete the map within $DEADLINE_MAP s"
    fi
    sleep 0.1
  done
}

# expect_map_done COORDINATOR WORKER... : the coordinator completes the map (wait_map) and exits 0,
# and so does every worker (within DEADLINE_EXIT).
expect_map_done() {
  local coord=$1 w
  wait_map "$@"
  expect_exit "$coord" 0
  shift
  for w in "$@"; do
    expect_exit "$w" 0 "$DEADLINE_EXIT"
  done
}

# expect_alive NAME WHY
expect_alive() {
  alive "${PID[$1]}" || fail "$1 (pid ${PID[$1]}) is not running any more: $2"
}

# listen_port NAME : waits for the coordinator's listening line and sets PORT.
listen_port() {
  wait_line "$1" '^tofmap: coordinator listening on '
  PORT=$(sed -n 's/.*coordinator listening on [^ ]*:\([0-9][0-9]*\).*/\1/p' <<<"$LINE")
  [ -n "$PORT" ] || fail "cannot read the port in '$LINE'"
}

# last_progress NAME : sets DONE and TOTAL from the last progress line of NAME.log (empty if
# there is none).
last_progress() {
  local p
  p=$(sed -n 's/^tofmap: progress: \([0-9]*\)\/\([0-9]*\) points.*/\1 \2/p' "$SCRATCH/$1.log" \
      | tail -n 1)
  DONE=${p% *}
  TOTAL=${p#* }
}

# wait_progress NAME [SECONDS] : waits for a progress line with DONE > 0, and checks that the map
# is not complete yet (DONE < TOTAL, no "map complete" line): the map is under way.
wait_progress() {
  local name=$1 deadline=${2:-$DEADLINE_MAP} t
  t=$(now)
  while true; do
    last_progress "$name"
    [ -n "$DONE" ] && [ "$DONE" -gt 0 ] && break
    alive "${PID[$name]}" || fail "$name exited before a progress line showed points done"
    past "$deadline" "$t" && fail "$name printed no progress line with points done within $deadline s"
    sleep 0.1
  done
  expect_under_way "$name"
}

# expect_under_way NAME : the last progress line of NAME has DONE < TOTAL and the map is not
# complete (call it right before killing or stopping something).
expect_under_way() {
  last_progress "$1"
  [ -n "$DONE" ] || fail "$1 printed no progress line yet"
  [ "$DONE" -lt "$TOTAL" ] || fail "$1: the map was already complete ($DONE/$TOTAL points)"
  ! grep -q '^tofmap: map complete' "$SCRATCH/$1.log" \
    || fail "$1 completed the map too early: the grid is too small for this machine"
}

# -- outputs -----------------------------------------------------------------------------------

require_reference() {
  [ -s "$REFERENCE" ] \
    || fail "no reference map $REFERENCE: the cluster.reference test (a CTest fixture) makes it"
}

# same_as_reference DIR : DIR/map.csv is byte-identical to the reference map.
same_as_reference() {
  [ -f "$1/map.csv" ] || fail "$1/map.csv was not written"
  cmp "$REFERENCE" "$1/map.csv" || fail "$1/map.csv differs from the reference $REFERENCE"
}

# timing.json has a fixed layout: top-level keys on lines of their own, one node object a line.

# json_top FILE KEY : sets V to a top-level number of timing.json.
json_top() {
  V=$(sed -n "s/^  \"$2\": \\([-0-9.e+]*\\),\\{0,1\\}\$/\\1/p" "$1")
  [ -n "$V" ] || fail "$1 has no top-level \"$2\""
}

# json_nodes FILE : prints the node objects of timing.json, one a line.
json_nodes() { grep -E '^ *\{"host": ' "$1"; }

# json_node FILE PID KEY : sets V to field KEY of the node with that pid.
json_node() {
  local line
  line=$(json_nodes "$1" | grep -E "\"pid\": $2," | head -n 1)
  [ -n "$line" ] || fail "$1 lists no node with pid $2"
  V=$(sed -n "s/.*\"$3\": \\(\"[^\"]*\"\\|[^,}]*\\).*/\\1/p" <<<"$line")
  [ -n "$V" ] || fail "$1: the node with pid $2 has no \"$3\""
}

# expect_top FILE KEY CONDITION : the awk CONDITION on x (the value) holds, e.g. '== 0'.
expect_top() {
  json_top "$1" "$2"
  awk -v x="$V" "BEGIN { exit !(x $3) }" || fail "$1: \"$2\" is $V, expected $3"
}

# expect_node FILE PID KEY CONDITION : same for a field of the node with pid PID.
expect_node() {
  json_node "$1" "$2" "$3"
  awk -v x="$V" "BEGIN { exit !(x $4) }" \
    || fail "$1: \"$3\" of the node with pid $2 is $V, expected $4"
}

# expect_node_count FILE N
expect_node_count() {
  local n
  n=$(json_nodes "$1" | wc -l)
  [ "$n" -eq "$2" ] || fail "$1 lists $n nodes, expected $2"
}

# A node config with nothing but [cluster]; the join address and the rest come from overrides.
node_config() {
  NODE_INI=$SCRATCH/node.ini
  printf '# node config of %s\n[cluster]\nworkers = 1\n' "$TEST_NAME" >"$NODE_INI"
}

# start_coordinator NAME ARGS... : a coordinator of the cluster grid on 127.0.0.1, any free port,
# output in NAME.out; sets PORT.
start_coordinator() {
  local name=$1
  shift
  start "$name" coordinator "$MODEL" "${GRID[@]}" --output.dir="$SCRATCH/$name.out" \
    --cluster.listen=127.0.0.1:0 "$@"
  listen_port "$name"
  note "$name listens on port $PORT"
}

# start_worker NAME PORT ARGS... : a worker node with node.ini (1 worker) joining 127.0.0.1:PORT.
start_worker() {
  local name=$1 port=$2
  shift 2
  [ -n "${NODE_INI:-}" ] || node_config
  start "$name" worker "$NODE_INI" --cluster.join=127.0.0.1:"$port" "$@"
}

# two_workers_map [COORDINATOR-ARGS...] : a coordinator of GRID without local workers and two
# worker nodes compute the map: the coordinator exits 0, both workers joined it, took tasks (its
# timing.json) and exit 0. On a small map one worker may compute all of it before the other one
# joins; the late one is then turned away ("the map is already complete", status 1) or finds no
# coordinator. That is a race of the test's set-up, not of tofmap: the run is repeated (at most 5
# times) until both workers took part. Sets C (the coordinator; its output is $SCRATCH/$C.out), W1
# and W2 (the workers) to the names of that run. The map is GRID (a test may set its own, as
# cluster.branches does); the coordinator's exit status must be TWO_WORKERS_STATUS (default 0; 2
# for a map with points that do not converge).
two_workers_map() {
  local attempt w
  for attempt in 1 2 3 4 5; do
    C=coord$attempt W1=w1_$attempt W2=w2_$attempt
    start_coordinator "$C" --cluster.coordinator_workers=0 "$@"
    start_worker "$W1" "$PORT"
    start_worker "$W2" "$PORT"
    expect_exit "$C" "${TWO_WORKERS_STATUS:-0}"
    if [ "$(json_nodes "$SCRATCH/$C.out/timing.json" | grep -c '"tasks": [1-9]')" -eq 2 ]; then
      for w in "$W1" "$W2"; do
        expect_joined "$w" "$C"
        expect_exit "$w" 0 "$DEADLINE_EXIT"
      done
      return 0
    fi
    note "attempt $attempt: one worker computed the whole map before the other joined; again"
    for w in "$W1" "$W2"; do
      ! alive "${PID[$w]}" || kill -TERM "${PID[$w]}"
      wait_exit "$w" "$DEADLINE_EXIT"
    done
  done
  fail "in 5 attempts, the two workers never both took part"
}

# expect_joined WORKER COORDINATOR : the worker logs that it joined, and the coordinator logs the
# worker's pid as a node that joined.
expect_joined() {
  wait_line "$1" '^tofmap: joined as node [0-9]+ with '
  wait_line "$2" "^tofmap: node .* pid ${PID[$1]} joined with "
}

# check AWK-CONDITION MESSAGE : fails with MESSAGE unless the awk expression is true.
# The coordinator's map is the reference map and worker $1 computed all of it, no node lost.
# Leaves the timing.json path in $T.
expect_one_node_map() {
  same_as_reference "$SCRATCH/coord.out"
  T=$SCRATCH/coord.out/timing.json
  expect_top "$T" points "== $GRID_POINTS"
  expect_top "$T" nodes_lost "== 0"
  expect_node_count "$T" 1
  expect_node "$T" "${PID[$1]}" points "== $GRID_POINTS"
}

# After worker $1 was lost mid-run: the coordinator and worker $2 finish, the map is the reference
# map, and timing.json counts the lost node and the re-done tasks. Leaves the file's path in $T.
expect_recovered() {
  local lost=$1 survivor=$2
  expect_map_done coord "$survivor"
  wait_line "$survivor" '^tofmap: every point is computed; leaving$'
  same_as_reference "$SCRATCH/coord.out"
  T=$SCRATCH/coord.out/timing.json
  expect_top "$T" points "== $GRID_POINTS"
  expect_top "$T" nodes_lost "== 1"
  expect_top "$T" tasks_redone ">= 1"
  expect_node_count "$T" 2
  expect_node "$T" "${PID[$lost]}" lost '== "true"'
  expect_node "$T" "${PID[$survivor]}" lost '== "false"'
}

check() {
  awk "BEGIN { exit !($1) }" || fail "$2"
}

# count_lines NAME REGEX : prints how many lines of NAME.log match the extended REGEX.
count_lines() { grep -E -c -- "$2" "$SCRATCH/$1.log"; }

# free_port : sets PORT to a port in 20000-32767 (below Linux's ephemeral range) that no TCP
# socket on this machine uses, listening or connected, according to /proc/net/tcp and tcp6.
# Someone may still take it before we do: callers retry with another port.
free_port() {
  local i p hex
  for i in $(seq 100); do
    p=$((20000 + RANDOM % 12768))
    hex=$(printf '%04X' "$p")
    if ! awk -v h="$hex" 'FNR > 1 { n = split($2, a, ":"); if (a[n] == h) found = 1 }
                          END { exit !found }' /proc/net/tcp /proc/net/tcp6 2>/dev/null; then
      PORT=$p
      return 0
    fi
  done
  fail "found no free port in 20000-32767"
}

# -- TLS ---------------------------------------------------------------------------------------

# make_ca NAME : a self-signed EC P-256 CA in certs/NAME.pem, certs/NAME.key.
make_ca() {
  mkdir -p "$SCRATCH/certs"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
    -subj "/CN=tofmap test $1" -keyout "$SCRATCH/certs/$1.key" -out "$SCRATCH/certs/$1.pem" \
    >"$SCRATCH/certs/$1.log" 2>&1 || { cat "$SCRATCH/certs/$1.log"; fail "openssl cannot make the CA $1"; }
}

# make_cert NAME CA : an EC P-256 node certificate certs/NAME.pem, certs/NAME.key signed by CA.
make_cert() {
  local c=$SCRATCH/certs
  { openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$1" \
      -keyout "$c/$1.key" -out "$c/$1.csr" \
    && openssl x509 -req -in "$c/$1.csr" -CA "$c/$2.pem" -CAkey "$c/$2.key" -CAcreateserial \
      -days 3650 -out "$c/$1.pem"; } >"$c/$1.log" 2>&1 \
    || { cat "$c/$1.log"; fail "openssl cannot make the certificate $1"; }
}

# tls_args CA CERT : sets TLS to the [tls] overrides of a node with certs/CERT.{pem,key} that
# trusts certs/CA.pem.
tls_args() {
  TLS=(--tls.ca="$SCRATCH/certs/$1.pem" --tls.cert="$SCRATCH/certs/$2.pem"
       --tls.key="$SCRATCH/certs/$2.key")
}

# built_with_asan : whether $TOFMAP is linked with AddressSanitizer. Not `ldd | grep -q`: under
# pipefail, grep's early exit can kill ldd with SIGPIPE and turn a match into "no".
built_with_asan() {
  local libs
  libs=$(ldd "$TOFMAP" 2>/dev/null) || true
  [[ $libs == *libasan* ]]
}

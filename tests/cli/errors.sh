# cli.errors: what `tofmap` says and returns when it cannot run: bad config files (one message
# FILE:LINE: WHAT on stderr, exit 1), bad overrides (command line: ...), a missing file, an
# unknown command, a missing CONFIG, a map too large for memory.
source "$(dirname "$0")/../cluster/lib/common.bash" "$@"

source "$(dirname "$0")/lib.bash"

# A config error is one line on stderr, nothing on stdout, and no output directory.
expect_config_error() {
  local name=$1 message=$2
  expect "$name" 1 err "$message"
  if [ "$(wc -l <"$SCRATCH/$name.err")" -ne 1 ] || [ -s "$SCRATCH/$name.out" ]; then
    show "$name"
    fail "$name: expected exactly one line on stderr and nothing on stdout"
  fi
  [ ! -e "$SCRATCH/$name.dir" ] || fail "$name: a config error still created the output folder"
}

# bad_config NAME 'SED-SCRIPT' MESSAGE : the model config edited by SED-SCRIPT fails with
# "NAME.ini:MESSAGE" (MESSAGE starts with the line number).
bad_config() {
  local name=$1
  sed -e "$2" "$MODEL" >"$SCRATCH/$name.ini"
  cmp -s "$MODEL" "$SCRATCH/$name.ini" && fail "internal: '$2' did not change the config"
  run_tofmap "$name" run "$SCRATCH/$name.ini" --output.dir="$SCRATCH/$name.dir"
  expect_config_error "$name" "$SCRATCH/$name.ini:$3"
}

# Line numbers of configs/co_oxidation.ini.
line_of() { grep -n -m1 -E -- "$1" "$MODEL" | cut -d: -f1; }
L_TEMPERATURE=$(line_of '^temperature *=')
L_GAS_CO=$(line_of '^gas *= *CO_g ')
L_GAS_O2=$(line_of '^gas *= *O2_g ')
L_STEP3=$(line_of '^step *= *CO_s \+ O_s')
[ -n "$L_TEMPERATURE" ] && [ -n "$L_GAS_O2" ] && [ -n "$L_STEP3" ] \
  || fail "configs/co_oxidation.ini no longer has the lines this test edits"

bad_config number "s/^temperature *=.*/temperature = 500K/" \
  "$L_TEMPERATURE: 'temperature' must be a number, got '500K'"
bad_config typo "s/^temperature *=/temprature =/" \
  "$L_TEMPERATURE: unknown key 'model.temprature' (did you mean 'temperature'?)"
bad_config twice "s/^gas *= *O2_g .*/gas = CO_g mass=28.0101/" \
  "$L_GAS_O2: gas 'CO_g' is declared twice (first on line $L_GAS_CO)"
bad_config balance "${L_STEP3}s/.*/step = CO_s + O_s <-> CO2_g + *_s dG=-1.5/" \
  "$L_STEP3: step 3 does not balance sites of type s: 2 in the initial state, 1 in the final state"
bad_config semicolon "${L_TEMPERATURE}s/.*/; a comment/" \
  "$L_TEMPERATURE: ';' does not start a comment; use '#'"
bad_config empty "s/^temperature *=.*/temperature =/" "$L_TEMPERATURE: 'temperature' has no value"

# A missing required key names the file without a line.
sed -e '/^tof *=/d' "$MODEL" >"$SCRATCH/notof.ini"
run_tofmap notof run "$SCRATCH/notof.ini" --output.dir="$SCRATCH/notof.dir"
expect_config_error notof "$SCRATCH/notof.ini: missing required key 'model.tof'"

# A small hand-written file: an unknown section.
printf '[model]\ntemperature = 500\n\n[modle]\nname = x\n' >"$SCRATCH/section.ini"
run_tofmap section run "$SCRATCH/section.ini" --output.dir="$SCRATCH/section.dir"
expect_config_error section "$SCRATCH/section.ini:4: unknown section '[modle]'"

# A worker's node config is checked too.
printf '[cluster]\nheartbeat = 2s\ntimeout = 1s\n' >"$SCRATCH/node.ini"
run_tofmap node worker "$SCRATCH/node.ini"
expect_config_error node "$SCRATCH/node.ini:3: 'timeout' (1s) must be longer than 'heartbeat' (2s)"

# Overrides.
run_tofmap override_key run "$MODEL" --model.temprature=500 --output.dir="$SCRATCH/override_key.dir"
expect_config_error override_key \
  "command line: --model.temprature=500: unknown key 'model.temprature' (did you mean 'temperature'?)"
run_tofmap override_value run "$MODEL" --model.temperature=abc --output.dir="$SCRATCH/override_value.dir"
expect_config_error override_value \
  "command line: --model.temperature=abc: 'temperature' must be a number, got 'abc'"
run_tofmap override_twice run "$MODEL" --model.temperature=400 --model.temperature=450 \
  --output.dir="$SCRATCH/override_twice.dir"
expect_config_error override_twice \
  "command line: --model.temperature=450: 'temperature' is given twice"
run_tofmap override_port coordinator "$MODEL" --cluster.listen=127.0.0.1:99999 \
  --output.dir="$SCRATCH/override_port.dir"
expect_config_error override_port "command line: --cluster.listen=127.0.0.1:99999:"

# More workers than the machine can run: refused when the config is read, the limit named
# (before, 100000 workers printed 33451 thread errors and never exited).
run_tofmap many_workers run "$MODEL" --cluster.workers=100000 --output.dir="$SCRATCH/many_workers.dir"
expect_config_error many_workers \
  "command line: --cluster.workers=100000: 'workers' = 100000 is more than this machine can run: at most "
grep -q -E "at most [0-9]+ \(8 per hardware thread, [0-9]+ hardware threads, at least 64\)|at most [0-9]+ \(64 fewer than" \
  "$SCRATCH/many_workers.err" || { show many_workers; fail "many_workers: the limit is not explained"; }
run_tofmap many_coord_workers coordinator "$MODEL" --cluster.coordinator_workers=100000 \
  --output.dir="$SCRATCH/many_coord_workers.dir"
expect_config_error many_coord_workers "'coordinator_workers' = 100000 is more than this machine can run"

# [cluster] max_message: a size from 64K to 4G-1, or auto.
run_tofmap small_message run "$MODEL" --cluster.max_message=1000 --output.dir="$SCRATCH/small_message.dir"
expect_config_error small_message \
  "command line: --cluster.max_message=1000: 'max_message' must be auto or a size from 64K to 4G-1 (bytes, or with K, M or G), got '1000'"
run_tofmap huge_message run "$MODEL" --cluster.max_message=4G --output.dir="$SCRATCH/huge_message.dir"
expect_config_error huge_message "'max_message' must be auto or a size from 64K to 4G-1"
# A fixed task_size whose results do not fit a given max_message.
run_tofmap task_too_big coordinator "$MODEL" --cluster.listen=127.0.0.1:0 --cluster.task_size=100000 \
  --cluster.max_message=64K --output.dir="$SCRATCH/task_too_big.dir"
expect task_too_big 1 err "[cluster] task_size = 100000 makes results of up to "
expect task_too_big 1 err "bytes, more than [cluster] max_message = 65536"

# Listening beyond loopback without TLS: refused unless insecure = yes, which warns.
run_tofmap exposed coordinator "$MODEL" --cluster.listen=0.0.0.0:0 --output.dir="$SCRATCH/exposed.dir"
expect exposed 1 err "[cluster] listen = 0.0.0.0:0 is reachable from other machines and there is no [tls]"
expect exposed 1 err "--cluster.insecure=yes"

# A missing config file.
run_tofmap missing run "$SCRATCH/no-such-file.ini"
expect_config_error missing "$SCRATCH/no-such-file.ini: cannot open the config file"

# TLS files that cannot be read: no map, exit 1, the key named.
run_tofmap tls_missing coordinator "$MODEL" --cluster.listen=127.0.0.1:0 \
  --tls.ca="$SCRATCH/none.pem" --tls.cert="$SCRATCH/none.pem" --tls.key="$SCRATCH/none.key" \
  --output.dir="$SCRATCH/tls_missing.dir"
expect tls_missing 1 err "[tls] ca = $SCRATCH/none.pem: cannot read the file"

# An output folder that cannot be made: said before any point is computed.
run_tofmap no_output run "$MODEL" --output.dir=/proc/tofmap-cannot-be-here
expect no_output 1 err "[output] dir = /proc/tofmap-cannot-be-here: cannot create it"
if grep -q "joined" "$SCRATCH/no_output.out"; then
  show no_output
  fail "no_output: the map was started although its folder cannot be written"
fi

# The command line itself (help and the rest of it: cli.help).
run_tofmap unknown frobnicate "$MODEL"
expect unknown 1 err "tofmap: unknown command 'frobnicate'" "usage: tofmap COMMAND CONFIG" \
  "exit status:"
run_tofmap unknown_alone frobnicate
expect unknown_alone 1 err "tofmap: unknown command 'frobnicate'" "usage: tofmap COMMAND CONFIG"
run_tofmap noconfig run
expect noconfig 1 err "tofmap: run: missing CONFIG" "usage: tofmap run CONFIG"
run_tofmap noconfig_coordinator coordinator --output.dir="$SCRATCH/never"
expect noconfig_coordinator 1 err "tofmap: coordinator: missing CONFIG" \
  "usage: tofmap coordinator CONFIG"
run_tofmap noargs
expect noargs 1 out "usage: tofmap COMMAND CONFIG"
run_tofmap version --version
release=$(sed -n 's/^project(tofmap VERSION \([0-9.]*\).*/\1/p' "$SOURCE_DIR/CMakeLists.txt")
[ -n "$release" ] || fail "cannot read the release from CMakeLists.txt"
expect version 0 out "tofmap $release"
if [ "$(cat "$SCRATCH/version.out")" != "tofmap $release" ]; then
  show version
  fail "--version should print one line, 'tofmap $release'"
fi

# The options of certs (Boost.Program_options).
run_tofmap certs_no_nodes certs "$SCRATCH/certs"
expect certs_no_nodes 1 err "tofmap certs: the option '--nodes' is required but missing" \
  "usage: tofmap certs DIR --nodes N"
run_tofmap certs_bad_nodes certs "$SCRATCH/certs" --nodes=two
expect certs_bad_nodes 1 err "tofmap certs: the argument ('two') for option '--nodes' is invalid"
run_tofmap certs_two_dirs certs "$SCRATCH/certs" "$SCRATCH/more" --nodes 2
expect certs_two_dirs 1 err "tofmap certs: one DIR, not also '$SCRATCH/more'"
run_tofmap certs_unknown certs "$SCRATCH/certs" --nodes 2 --days=3
expect certs_unknown 1 err "tofmap certs: unexpected argument '--days=3'"
run_tofmap certs_zero certs "$SCRATCH/certs" --nodes 0
expect certs_zero 1 err "tofmap certs: --nodes must be from 1 to 1000, got 0"
[ ! -e "$SCRATCH/certs" ] || fail "a refused tofmap certs made its folder"

# A map whose results cannot fit in memory is refused before anything is allocated or written.
run_tofmap huge run "$MODEL" --output.dir="$SCRATCH/huge.dir" "--map.x=p(CO_g) 1e-4 1 100000 log" \
  "--map.y=p(O2_g) 1e-4 1 100000 log"
expect huge 1 err "tofmap: the map has 10000000000 points of " \
  "of memory, and this process may allocate " "Use fewer points"
[ ! -e "$SCRATCH/huge.dir" ] || fail "huge: the refused map made its output folder"
# Under ulimit -v: 2·10^7 points of 9 values need 1.38 GiB, more than 600 MB allows. Not with
# AddressSanitizer, whose shadow memory alone reserves terabytes of address space.
if built_with_asan; then
  note "limited: skipped, $TOFMAP is built with AddressSanitizer (it cannot start under ulimit -v)"
elif command -v prlimit >/dev/null; then
  printf '%q ' prlimit tofmap >"$SCRATCH/limited.cmd"
  prlimit --as=600000000 "$TOFMAP" run "$MODEL" --output.dir="$SCRATCH/limited.dir" \
    "--map.x=p(CO_g) 1e-4 1 10000 log" "--map.y=p(O2_g) 1e-4 1 2000 log" \
    >"$SCRATCH/limited.out" 2>"$SCRATCH/limited.err" </dev/null
  RC=$?
  expect limited 1 err "tofmap: the map has 20000000 points of 9 values: its results need 1.38 GiB" \
    "(RLIMIT_AS (ulimit -v) less what the process maps)"
fi

note "PASS"

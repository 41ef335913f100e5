# cli.help: `tofmap help`, `tofmap help COMMAND`, `tofmap COMMAND --help` (anywhere on the line,
# computing nothing), `tofmap help config [SECTION]` (the key registry), wrong help requests; the
# exit statuses printed are those of actors/exit_status.hpp.
source "$(dirname "$0")/../cluster/lib/common.bash" "$@"
source "$(dirname "$0")/lib.bash"

COMMANDS=(run coordinator worker check plot bench import certs help)

run_tofmap overview help
expect overview 0 out "usage: tofmap COMMAND CONFIG [--section.key=value ...]" "exit status:"
[ -s "$SCRATCH/overview.err" ] && { show overview; fail "help wrote to stderr"; }
for c in "${COMMANDS[@]}"; do
  grep -Eq "^  $c( |\$)" "$SCRATCH/overview.out" || { show overview; fail "the overview lacks '$c'"; }
done
# The exit statuses, as actors/exit_status.hpp defines them: one line each, 0, 1 and 2.
header=$SOURCE_DIR/actors/exit_status.hpp
for name in ok failed unconverged; do
  code=$(sed -n "s/^inline constexpr int $name = \([0-9]*\);/\1/p" "$header")
  [ -n "$code" ] || fail "actors/exit_status.hpp does not define exit_status::$name"
  grep -Eq "^  $code  " "$SCRATCH/overview.out" || { show overview; fail "no exit status $code in help"; }
done
[ "$(sed -n '/^exit status:/,$p' "$SCRATCH/overview.out" | grep -Ec '^  [0-9]+  ')" -eq 3 ] \
  || { show overview; fail "help should list 3 exit statuses"; }

for flag in --help -h; do
  run_tofmap "top$flag" "$flag"
  expect "top$flag" 0 out "usage: tofmap COMMAND CONFIG"
  cmp -s "$SCRATCH/overview.out" "$SCRATCH/top$flag.out" || fail "tofmap $flag differs from tofmap help"
done

# Every command's help, three ways, the same text; --help anywhere computes nothing.
for c in "${COMMANDS[@]}"; do
  run_tofmap "help_$c" help "$c"
  expect "help_$c" 0 out "usage: tofmap $c" "example" "exit status:"
  run_tofmap "flag_$c" "$c" --help
  expect "flag_$c" 0 out "usage: tofmap $c"
  cmp -s "$SCRATCH/help_$c.out" "$SCRATCH/flag_$c.out" || fail "tofmap $c --help differs from tofmap help $c"
done
run_tofmap late_flag run "$MODEL" --output.dir="$SCRATCH/never" -h
expect late_flag 0 out "usage: tofmap run CONFIG"
[ ! -e "$SCRATCH/never" ] || fail "tofmap run CONFIG -h computed a map"
run_tofmap worker_flag worker --cluster.join=127.0.0.1:9 --help
expect worker_flag 0 out "usage: tofmap worker [CONFIG]" "join_timeout"

# The config keys: every section, the defaults; one section alone.
run_tofmap keys help config
expect keys 0 out "[model]" "[solver]" "[map]" "[analysis]" "[cluster]" "[tls]" "[output]" \
  "  standard_pressure = 1 bar" "  join_timeout = 5min" "  rtol = 1e-4"
# Every key docs/CONFIG.md documents in a table row is listed (the docs test checks the converse).
while read -r key; do
  grep -Eq "^  $key( |\$)" "$SCRATCH/keys.out" || { show keys; fail "help config lacks '$key'"; }
done < <(awk '/^\| key \|/ { keys = 1; next } !/^\|/ { keys = 0 }
             keys && match($0, /^\| `[A-Za-z_0-9]+`/) { print substr($0, 4, RLENGTH - 4) }' \
           "$SOURCE_DIR/docs/CONFIG.md" | sort -u)
run_tofmap cluster_keys help config cluster
expect cluster_keys 0 out "[cluster]" "  listen = 127.0.0.1:4242" "  rejoin = no"
grep -q '^\[model\]' "$SCRATCH/cluster_keys.out" && fail "help config cluster lists [model]"

# Wrong requests: status 1 and a message on stderr.
# The interaction keys of [model], with their defaults.
run_tofmap model_keys help config model
expect model_keys 0 out "  interaction (repeatable)" "  interaction_cross = geometric_mean" \
  "  interaction_response = linear slope=1" "  interaction_ts = 0.5"

run_tofmap no_section help config nosuch
expect no_section 1 err "tofmap: help config: no section [nosuch]; the sections are [model] [solver]"
run_tofmap no_command help nosuch
expect no_command 1 err "tofmap: help: unknown command 'nosuch'" "usage: tofmap COMMAND CONFIG"
run_tofmap two_commands help run worker
expect two_commands 1 err "tofmap: help: one COMMAND at a time"

note "PASS"

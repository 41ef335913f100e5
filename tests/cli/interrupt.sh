# cli.interrupt: what a run says when it is interrupted, resumed, or started again on a finished
# map, and that values restored from a journal are checked.
#   1. Ctrl-C (SIGINT) mid-run: exit 130, and the run says that its journal keeps the points
#      computed so far and prints the command that resumes; its progress lines count in the
#      singular ("1 node, 1 worker") with one decimal.
#   2. A journal record with a good checksum whose TOF is NaN with status converged (forged here):
#      the printed command resumes, says that the point cannot be a solver's result and computes
#      it again; the map equals an uninterrupted run's, exit 0.
#   3. The same command again: the map is complete already, nothing is computed, nothing
#      overwritten, exit 0. Another config into that folder: refused, exit 1. --output.resume=no:
#      computed again and overwritten, said so.
#   4. SIGTERM (kill, a batch system): exit 143, the same words.
source "$(dirname "$0")/../cluster/lib/common.bash" "$@"

GRID150=("--map.x=p(CO_g) 1e-5 0.5 150" "--map.y=p(O2_g) 1e-5 0.5 150")
DIR=$SCRATCH/map
INTERRUPTED="the journal $DIR/map.journal keeps the points computed so far; this command resumes the map:"

# expect_interrupted NAME SIGNAL STATUS : NAME ended by SIGNAL with STATUS and said so; sets
# COMMAND to the command it printed.
expect_interrupted() {
  expect_exit "$1" "$3" "$DEADLINE_EXIT"
  wait_line "$1" "^tofmap: interrupted \\($2\\): "
  [ "$LINE" = "tofmap: interrupted ($2): $INTERRUPTED" ] || fail "$1 says: '$LINE'"
  COMMAND=$(grep -A1 -F "tofmap: interrupted ($2)" "$SCRATCH/$1.log" | sed -n '2s/^  //p')
  [ -n "$COMMAND" ] || fail "$1 prints no command to resume: $(cat "$SCRATCH/$1.log")"
  note "$1: $COMMAND"
}

# -- 1. SIGINT mid-run --------------------------------------------------------------------------
start first run "$MODEL" "${GRID150[@]}" --cluster.workers=1 --output.plots=no --output.dir="$DIR"
wait_progress first
kill -INT "${PID[first]}"
expect_interrupted first SIGINT 130
[ -s "$DIR/map.journal" ] || fail "no journal was kept"
[ ! -e "$DIR/map.csv" ] || fail "an interrupted run wrote map.csv"
grep -E -q '^tofmap: progress: [0-9]+/22500 points \([0-9]+\.[0-9] %\), 1 node, 1 worker' "$SCRATCH/first.log" \
  || fail "no progress line '... (N.N %), 1 node, 1 worker': $(grep progress "$SCRATCH/first.log" | head -n 3)"
! grep -E -q '1 nodes|1 workers' "$SCRATCH/first.log" || fail "plural after 1: $(cat "$SCRATCH/first.log")"
note "SIGINT: said how to resume"

# -- 2. a forged record: NaN TOF, status converged, good checksum --------------------------------
python3 - "$DIR/map.journal" <<'EOF' >"$SCRATCH/forge.log" 2>&1 || { cat "$SCRATCH/forge.log"; fail "cannot forge the journal"; }
import struct, sys
path = sys.argv[1]
data = bytearray(open(path, 'rb').read())
header_end = data.index(b'\n') + 1
width = int(data[:header_end].split()[-1])
at = header_end + 8                            # after the byte-order mark: the first record
first, count = struct.unpack_from('<QI', data, at)
k = bytes(data[at + 12:at + 12 + count]).index(0)  # its first point that converged (status 0)
values = at + 12 + count
struct.pack_into('<d', data, values + k * width * 8, float('nan'))   # that point's TOF
end = values + count * width * 8
h = 14695981039346656037
for b in data[at:end]:
    h = ((h ^ b) * 1099511628211) % (1 << 64)
struct.pack_into('<Q', data, end, h)
open(path, 'wb').write(data)
print(first + k)
EOF
FORGED=$(cat "$SCRATCH/forge.log")
printf '%s\n' "$COMMAND" >"$SCRATCH/resume.cmd"
eval "$COMMAND" >"$SCRATCH/resume.log" 2>&1
RC=$?
[ "$RC" -eq 0 ] || fail "the printed command exited with $RC: $(cat "$SCRATCH/resume.log")"
grep -q "^tofmap: resuming from the journal $DIR/map.journal: " "$SCRATCH/resume.log" \
  || fail "the printed command did not resume: $(cat "$SCRATCH/resume.log")"
grep -q "^tofmap: journal $DIR/map.journal: 1 restored point cannot be a solver's result (point $FORGED: tof = nan with status converged); it is computed again\$" \
  "$SCRATCH/resume.log" || fail "the forged point is not reported: $(cat "$SCRATCH/resume.log")"
start clean run "$MODEL" "${GRID150[@]}" --cluster.workers=2 --output.plots=no --output.dir="$SCRATCH/clean"
expect_exit clean 0
cmp "$DIR/map.csv" "$SCRATCH/clean/map.csv" || fail "the resumed map differs from an uninterrupted run's"
note "a forged journal record: computed again, the map is right"

# -- 3. the finished map, run again ---------------------------------------------------------------
cp -p "$DIR/map.csv" "$SCRATCH/finished.csv"
INODE=$(stat -c %i "$DIR/map.csv")
eval "$COMMAND" >"$SCRATCH/again.log" 2>&1
RC=$?
[ "$RC" -eq 0 ] || fail "running a finished map again exited with $RC: $(cat "$SCRATCH/again.log")"
[ "$(cat "$SCRATCH/again.log")" = "tofmap: the map in $DIR is complete already (map.csv of the same model, solver, analysis and grid): nothing to compute. --output.resume=no computes it again and overwrites it; another --output.dir keeps both" ] \
  || fail "running a finished map again says: $(cat "$SCRATCH/again.log")"
[ "$(stat -c %i "$DIR/map.csv")" = "$INODE" ] || fail "map.csv was written again"

start other run "$MODEL" "${GRID150[@]}" --model.temperature=510 --output.plots=no --output.dir="$DIR"
expect_exit other 1 "$DEADLINE_EXIT"
wait_line other "^tofmap: error: \\[output\\] dir = $DIR holds the finished map of another config \\(\\[model\\] temperature: 500 on the finished map, 510 on this run\\): give this run another --output.dir, or add --output.resume=no to overwrite that map\$"
[ "$(stat -c %i "$DIR/map.csv")" = "$INODE" ] || fail "another config wrote map.csv"

start overwrite run "$MODEL" "${GRID150[@]}" --output.resume=no --cluster.workers=1 \
  --output.plots=no --output.dir="$DIR"
wait_line overwrite "^tofmap: the finished map in $DIR is computed again and overwritten \\(\\[output\\] resume = no\\)\$"
note "a finished map: not computed again, not overwritten unless asked"

# -- 4. SIGTERM -----------------------------------------------------------------------------------
wait_progress overwrite
kill -TERM "${PID[overwrite]}"
expect_interrupted overwrite SIGTERM 143
[[ $COMMAND == *" --output.resume=yes" ]] && [[ $COMMAND != *"--output.resume=no"* ]] \
  || fail "the command to resume a run with --output.resume=no must say --output.resume=yes: $COMMAND"
note "SIGTERM: said how to resume"

note "PASS"

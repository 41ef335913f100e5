# cli.disk_full: the disk fills up while the map is computed (a file-size limit, `ulimit -f`, makes
# every write past 128 KiB fail as a full disk would). The journal fits, map.csv does not, nor does
# its rescue: tofmap says so and exits 1, and leaves no map.csv.tmp in the output folder and no
# rescue folder, empty or half written, in $TMPDIR. The journal is kept: run again with room, and
# the map is written from it without computing a point.
source "$(dirname "$0")/../cluster/lib/common.bash" "$@"

GRID40=("--map.x=p(CO_g) 1e-5 0.5 40" "--map.y=p(O2_g) 1e-5 0.5 40")
OUT=$SCRATCH/out
mkdir -p "$SCRATCH/tmp"

( ulimit -f 128 && TMPDIR=$SCRATCH/tmp exec "$TOFMAP" run "$MODEL" "${GRID40[@]}" \
    --cluster.workers=2 --output.dir="$OUT" ) >"$SCRATCH/full.log" 2>&1
rc=$?
note "tofmap run with a full disk exited with status $rc; its log:"
cat "$SCRATCH/full.log"
[ "$rc" -eq 1 ] || fail "with a full disk tofmap run exited with status $rc, expected 1"
grep -q "^tofmap: error: cannot write $OUT/map.csv.tmp: File too large\$" "$SCRATCH/full.log" \
  || fail "the log does not say that map.csv could not be written"
grep -q '^tofmap: error: the map could not be saved elsewhere either: cannot write .*/map.csv.tmp: File too large$' \
  "$SCRATCH/full.log" || fail "the log does not say that the rescue failed too"
! grep -q '^tofmap: map complete' "$SCRATCH/full.log" || fail "says 'map complete' on a full disk"
left=$(find "$OUT" "$SCRATCH/tmp" -name '*.tmp' -o -name 'tofmap-rescue-*' | head -n 3)
[ -z "$left" ] || fail "a full disk left behind: $left"
[ -s "$OUT/map.journal" ] || fail "the journal was not kept"
note "full disk: exit 1, nothing half-written left, the journal kept"

# With room again the map comes from the journal.
start again run "$MODEL" "${GRID40[@]}" --cluster.workers=2 --output.dir="$OUT"
expect_exit again 0
wait_line again "^tofmap: resuming from the journal $OUT/map.journal: 1600 of 1600 points are computed already\$"
start fresh run "$MODEL" "${GRID40[@]}" --cluster.workers=2 --output.dir="$SCRATCH/fresh"
expect_exit fresh 0
cmp "$OUT/map.csv" "$SCRATCH/fresh/map.csv" || fail "the map written from the journal differs from a fresh run's"
[ ! -e "$OUT/map.journal" ] || fail "the journal is still there after the map was written"

note "PASS"

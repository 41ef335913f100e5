# cli.run: `tofmap run` computes the reference model's map in one process: exit 0, map.csv equal
# to the golden map (TOF within 1e-9 relative), config.ini and timing.json; the same map
# byte for byte with 1 and 2 workers; exit 2 with a complete map when points do not converge; exit 1
# with the map saved to $TMPDIR/tofmap-rescue-* when the output folder is gone at the end.
source "$(dirname "$0")/../cluster/lib/common.bash" "$@"

GOLDEN=$SOURCE_DIR/tests/data/co_oxidation_map.csv
HEADER='p(CO_g),p(O2_g),tof,theta(CO_s),theta(O_s),theta(*_s),residual,status,branches,tof_min,tof_max,stable'

# -- the default map (10 x 10) against the golden map -----------------------------------------
start default run "$MODEL" --output.dir="$SCRATCH/default"
expect_exit default 0
wait_line default "^tofmap: map complete: $SCRATCH/default/map.csv\$"
MAP=$SCRATCH/default/map.csv
[ -f "$MAP" ] || fail "no $MAP"
[ "$(wc -l <"$MAP")" -eq 101 ] || fail "$MAP has $(wc -l <"$MAP") lines, expected 101"
[ "$(head -n 1 "$MAP")" = "$HEADER" ] || fail "$MAP: header is '$(head -n 1 "$MAP")', expected '$HEADER'"
bad=$(tail -n +2 "$MAP" | awk -F, 'NF != 12 || $8 != "converged" || $9 != 1 || $10 != $3 || $11 != $3' | head -n 3)
[ -z "$bad" ] || fail "$MAP has rows that are not 12 columns, 'converged' and one branch of their TOF: $bad"

# Row by row against the golden map: the same grid coordinates (as text), TOF within 1e-9
# relative (the solver's last bits may differ between builds), the same status.
[ "$(wc -l <"$GOLDEN")" -eq 101 ] || fail "$GOLDEN should have 101 lines"
mismatch=$(awk -F, '
  NR == FNR { x[FNR] = $1; y[FNR] = $2; tof[FNR] = $3; st[FNR] = $8; next }
  FNR == 1 { next }
  {
    if ($1 != x[FNR] || $2 != y[FNR]) { print "line " FNR ": point (" $1 ", " $2 "), golden (" x[FNR] ", " y[FNR] ")"; next }
    if ($8 != st[FNR]) { print "line " FNR ": status " $8 ", golden " st[FNR]; next }
    d = $3 - tof[FNR]; if (d < 0) d = -d
    m = tof[FNR] < 0 ? -tof[FNR] : tof[FNR]
    if (d > 1e-9 * m) printf "line %d: tof %s, golden %s (relative difference %.3g)\n", FNR, $3, tof[FNR], d / m
  }' "$GOLDEN" "$MAP" | head -n 5)
[ -z "$mismatch" ] || fail "$MAP differs from the golden map $GOLDEN: $mismatch"
# And one known point (x[2], y[7]), whatever the golden file says.
known=$(awk -F, 'function near(a, b) { return a - b < 1e-12 && b - a < 1e-12 }
  near($1, 0.11111888888888889) && near($2, 0.38889111111111113) { print $3 }' "$MAP")
check "\"$known\" != \"\" && ${known:-0} > 7.77e6 && ${known:-0} < 7.78e6" \
  "TOF at (0.11111888888888889, 0.38889111111111113) should be about 7.7727e6, is '$known'"

[ -s "$SCRATCH/default/config.ini" ] || fail "no config.ini in the output folder"
grep -q '^temperature = 500$' "$SCRATCH/default/config.ini" \
  || fail "config.ini does not hold the effective config (temperature = 500)"
TIMING=$SCRATCH/default/timing.json
expect_top "$TIMING" points "== 100"
expect_top "$TIMING" nodes_lost "== 0"
expect_top "$TIMING" tasks_redone "== 0"
expect_node_count "$TIMING" 1
expect_node "$TIMING" "${PID[default]}" points "== 100"
expect_node "$TIMING" "${PID[default]}" lost '== "false"'
note "default map: OK"

# -- 1 and 2 workers: the same bytes --------------------------------------------------------
WORKERS_GRID=("--map.x=p(CO_g) 1e-5 0.5 60" "--map.y=p(O2_g) 1e-5 0.5 60")
for n in 1 2; do
  start "workers$n" run "$MODEL" "${WORKERS_GRID[@]}" --cluster.workers="$n" \
    --output.dir="$SCRATCH/workers$n"
  expect_exit "workers$n" 0
  T=$SCRATCH/workers$n/timing.json
  expect_top "$T" points "== 3600"
  expect_node_count "$T" 1
  expect_node "$T" "${PID[workers$n]}" workers "== $n"
  expect_node "$T" "${PID[workers$n]}" points "== 3600"
  expect_node "$T" "${PID[workers$n]}" tasks "> 1"
  [ "$(wc -l <"$SCRATCH/workers$n/map.csv")" -eq 3601 ] || fail "workers$n/map.csv should have 3601 lines"
done
cmp "$SCRATCH/workers1/map.csv" "$SCRATCH/workers2/map.csv" \
  || fail "map.csv differs between 1 and 2 workers"
note "1 and 2 workers: identical maps"

# -- points that do not converge: exit 2, the map is still written -------------------------------
start unconverged run "$MODEL" --solver.max_steps=1 --output.dir="$SCRATCH/unconverged"
expect_exit unconverged 2
wait_line unconverged '^tofmap: [0-9]+ points did not converge; see the status column of map.csv$'
MAP=$SCRATCH/unconverged/map.csv
[ "$(wc -l <"$MAP")" -eq 101 ] || fail "$MAP should have 101 lines"
n=$(tail -n +2 "$MAP" | awk -F, '$8 != "converged"' | wc -l)
[ "$n" -gt 0 ] || fail "$MAP: every point converged with max_steps = 1"
grep -q "^tofmap: $n points did not converge" "$SCRATCH/unconverged.log" \
  || fail "the log does not count the $n points whose status is not 'converged'"

RESCUE_GRID=("--map.x=p(CO_g) 1e-5 0.5 150" "--map.y=p(O2_g) 1e-5 0.5 150")

# -- two runs into one folder: the second is refused at once, the first goes on ---------------
start busy run "$MODEL" "${RESCUE_GRID[@]}" --cluster.workers=1 --output.dir="$SCRATCH/busy"
wait_progress busy
start intruder run "$MODEL" --output.dir="$SCRATCH/busy"
expect_exit intruder 1 "$DEADLINE_EXIT"
wait_line intruder "^tofmap: \\[output\\] dir = $SCRATCH/busy is in use by another tofmap process"
expect_alive busy "a second run into its folder must not disturb it"
! grep -q 'progress' "$SCRATCH/intruder.log" || fail "intruder computed although it was refused"
kill -KILL "${PID[busy]}"
note "a second run into a busy folder: refused"

# -- the output folder is gone when the map is done: the map is saved elsewhere, exit 1 ----------
mkdir -p "$SCRATCH/tmp"
saved_tmpdir=${TMPDIR-}
export TMPDIR=$SCRATCH/tmp
start lost_dir run "$MODEL" "${RESCUE_GRID[@]}" --cluster.workers=1 --output.dir="$SCRATCH/lost_dir"
if [ -n "$saved_tmpdir" ]; then export TMPDIR=$saved_tmpdir; else unset TMPDIR; fi
wait_progress lost_dir
rm -rf "$SCRATCH/lost_dir"
echo "a file where the output folder was" >"$SCRATCH/lost_dir"
expect_exit lost_dir 1
wait_line lost_dir "^tofmap: error: \\[output\\] dir = $SCRATCH/lost_dir: cannot create it"
wait_line lost_dir "^tofmap: the map was saved to $SCRATCH/tmp/tofmap-rescue-[A-Za-z0-9]{6}/map.csv instead\$"
RESCUED=$(sed -n 's/^tofmap: the map was saved to \(.*\) instead$/\1/p' "$SCRATCH/lost_dir.log")
! grep -q '^tofmap: map complete' "$SCRATCH/lost_dir.log" \
  || fail "lost_dir: says 'map complete' although the map could not be written"
start rescue_ref run "$MODEL" "${RESCUE_GRID[@]}" --cluster.workers=2 --output.dir="$SCRATCH/rescue_ref"
expect_exit rescue_ref 0
cmp "$RESCUED" "$SCRATCH/rescue_ref/map.csv" || fail "the rescued map differs from a normal run's"
[ -s "$(dirname "$RESCUED")/timing.json" ] || fail "no timing.json next to the rescued map"
note "output folder gone: the map was rescued to $RESCUED"

note "PASS"

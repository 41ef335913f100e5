# cluster.timeline: a second worker process that joins mid-run shows in timing.json's timeline: the
# rows before its join event count one worker, those after it two, and the rows that end after the
# join hold at least the points the second worker computed (its row of the node table). The
# timeline adds up to the map, and parallelism (CPU time / wall time) does not exceed the cores.
# The rates before and after the join are printed, not compared: on a machine whose cores are busy
# with other work a second worker need not make the map faster (a loaded run measured 3947 points/s
# before, 3558 after).
source "$(dirname "$0")/lib/common.bash" "$@"

# 60000 points: a few seconds with one worker and a few more with two in a Release build, enough
# for whole seconds on both sides of the join (sanitizer builds take 2-4 times longer).
BIG=("--map.x=p(CO_g) 1e-5 0.5 300" "--map.y=p(O2_g) 1e-5 0.5 200")
POINTS=60000

start coord coordinator "$MODEL" "${BIG[@]}" --output.dir="$SCRATCH/coord.out" \
  --cluster.listen=127.0.0.1:0
listen_port coord
start_worker w1 "$PORT"
expect_joined w1 coord
wait_progress coord
# Let the one worker compute for two more progress lines (about two seconds), or a quarter of
# the map on a fast machine, before the second joins.
t=$(now)
while true; do
  last_progress coord
  n=$(grep -c '^tofmap: progress: [1-9]' "$SCRATCH/coord.log")
  [ "$n" -ge 3 ] || [ "$DONE" -ge $((TOTAL / 4)) ] && break
  past "$DEADLINE_MAP" "$t" && fail "the map did not progress"
  sleep 0.1
done
note "one worker: $DONE/$TOTAL points; starting the second"
start_worker w2 "$PORT"
expect_joined w2 coord
expect_under_way coord
expect_map_done coord w1 w2

T=$SCRATCH/coord.out/timing.json
expect_top "$T" points "== $POINTS"
expect_top "$T" nodes_lost "== 0"

# Events: w1 joined first, w2 later.
event_time() {
  V=$(grep -E "^ *\\{\"t\": [-0-9.e+]+, \"event\": \"join\", .*\"pid\": $1," "$T" \
      | sed 's/^ *{"t": \([-0-9.e+]*\),.*/\1/')
  [ -n "$V" ] || fail "$T has no join event of pid $1"
}
event_time "${PID[w1]}"
w1_join=$V
event_time "${PID[w2]}"
w2_join=$V
check "$w2_join > $w1_join && $w2_join > 0" "w2 joined at $w2_join s, w1 at $w1_join s"

# Timeline rows: t, seconds, points, points_per_second, nodes, workers.
grep -E '^ *\{"t": [-0-9.e+]+, "seconds": ' "$T" \
  | sed 's/[{}",:]/ /g' | awk '{ print $2, $4, $6, $8, $10, $12 }' >"$SCRATCH/rows.txt"
rows=$(wc -l <"$SCRATCH/rows.txt")
[ "$rows" -ge 3 ] || fail "$T: only $rows timeline rows"
sum=$(awk '{ s += $3 } END { print s }' "$SCRATCH/rows.txt")
[ "$sum" -eq "$POINTS" ] || fail "$T: the timeline counts $sum points, the map has $POINTS"
# Whole seconds before the join (one worker), and after it (two workers), without the last row,
# where the work runs out.
read -r before n_before < <(awk -v j="$w2_join" '$1 + $2 <= j && $2 == 1 { s += $4; n++ }
  END { if (n) printf "%.1f %d\n", s / n, n; else print "0 0" }' "$SCRATCH/rows.txt")
read -r after n_after bad < <(awk -v j="$w2_join" -v last="$rows" \
  'NR < last && $1 >= j && $2 == 1 { s += $4; n++; if ($6 != 2) bad++ }
   END { if (n) printf "%.1f %d %d\n", s / n, n, bad; else print "0 0 0" }' "$SCRATCH/rows.txt")
note "timeline: $n_before s before the join at ${w2_join} s: $before points/s; $n_after s after: $after points/s"
[ "$n_before" -ge 1 ] || fail "no whole second of the timeline before w2 joined at $w2_join s: $(cat "$SCRATCH/rows.txt")"
[ "$n_after" -ge 1 ] || fail "no whole second of the timeline after w2 joined at $w2_join s: $(cat "$SCRATCH/rows.txt")"
[ "$bad" -eq 0 ] || fail "rows after the join do not all count 2 workers: $(cat "$SCRATCH/rows.txt")"
awk -v j="$w2_join" '$1 + $2 <= j && $6 != 1 { exit 1 }' "$SCRATCH/rows.txt" \
  || fail "rows before the join do not all count 1 worker: $(cat "$SCRATCH/rows.txt")"
# Every result of w2 came after its join: the rows ending after it hold at least w2's points.
json_node "$T" "${PID[w2]}" points
w2_points=$V
late=$(awk -v j="$w2_join" '$1 + $2 > j { s += $3 } END { print s + 0 }' "$SCRATCH/rows.txt")
note "w2 computed $w2_points points; the rows ending after its join hold $late"
check "$w2_points > 0 && $late >= $w2_points" "the timeline has $late points after w2 joined at $w2_join s, but w2 computed $w2_points: $(cat "$SCRATCH/rows.txt")"

# Parallelism is CPU time over wall time: never more than the cores.
json_top "$T" cores
cores=$V
check "$cores >= 1" "timing.json reports $cores cores"
expect_top "$T" parallelism "<= $cores"
expect_top "$T" parallelism "> 0"
note "PASS"

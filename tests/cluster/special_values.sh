# cluster.special_values: a map whose results hold the doubles a lossy wire format would change
# (NaN, -0) comes out of a coordinator with two worker nodes byte-identical to `tofmap run`. This
# is the map of issue 10: CO oxidation from p = 0 with every analysis, where CAF 0.17's float
# serializer hung the workers on -inf (X_RC and Ea_app where the TOF is 0; they are NaN and flagged
# in the `undefined` column now) and turned NaN into -1 and -0 into 0. The TOF is CO's (a gas the
# steps consume): no point is then `no_reactant` (TOF exactly 0, no analyses), the TOF is negative
# where CO reacts, and X_RC is -0 where a step's net rate is 0 there.
source "$(dirname "$0")/lib/common.bash" "$@"

SPECIAL=("--map.x=p(CO_g) 0 0.5 5" "--map.y=p(O2_g) 0 0.5 5" --model.tof=CO_g
         --analysis.rate_control=yes --analysis.orders=yes --analysis.apparent_Ea=yes)

# Both runs exit with the same status (2 where a point at p = 0 does not converge).
start run run "$MODEL" "${SPECIAL[@]}" --cluster.workers=2 --output.dir="$SCRATCH/run.out"
wait_exit run "$DEADLINE_MAP"
RUN_RC=$RC
[ "$RUN_RC" -eq 0 ] || [ "$RUN_RC" -eq 2 ] || fail "run exited with status $RUN_RC, expected 0 or 2"
MAP=$SCRATCH/run.out/map.csv
[ -f "$MAP" ] || fail "tofmap run wrote no $MAP"

# The map really holds what is being tested: fields that are exactly nan and -0, and a point
# whose analyses are all undefined.
grep -q ',X_RC;order(CO_g);order(O2_g);order(CO2_g);Ea_app,' "$MAP" \
  || fail "$MAP has no point where every analysis is undefined"
for value in nan -0; do
  n=$(tail -n +2 "$MAP" | tr ',' '\n' | grep -c -x -- "$value")
  [ "$n" -gt 0 ] || fail "$MAP has no field '$value': the test map no longer tests it"
  note "$MAP: $n fields are '$value'"
done

node_config
GRID=("${SPECIAL[@]}")
TWO_WORKERS_STATUS=$RUN_RC
two_workers_map --cluster.task_size=1

cmp "$MAP" "$SCRATCH/$C.out/map.csv" \
  || fail "the coordinator's map differs from tofmap run's: $(diff "$MAP" "$SCRATCH/$C.out/map.csv" | head -n 4)"
T=$SCRATCH/$C.out/timing.json
expect_top "$T" points "== 25"
expect_top "$T" nodes_lost "== 0"
for w in "$W1" "$W2"; do
  expect_node "$T" "${PID[$w]}" tasks "> 0"
done

note "PASS"

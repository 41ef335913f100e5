# cluster.volcano: the descriptor map of configs/co_oxidation_volcano.ini (3 721 points over E(O_s) x
# E(CO_s), transition states from linear forms) computed by `tofmap run`, and by a coordinator with
# one and then with two worker processes: every process exits 0 and the three maps are the same,
# byte for byte.
source "$(dirname "$0")/lib/common.bash" "$@"

MODEL=$SOURCE_DIR/configs/co_oxidation_volcano.ini
GRID=()                 # the config's own map
GRID_POINTS=3721

start local run "$MODEL" --cluster.workers=2 --output.dir="$SCRATCH/local.out"
expect_exit local 0
LOCAL=$SCRATCH/local.out/map.csv
[ "$(wc -l <"$LOCAL")" -eq $((GRID_POINTS + 1)) ] || fail "$LOCAL has $(wc -l <"$LOCAL") lines"
head -1 "$LOCAL" | grep -q '^E(O_s),E(CO_s),tof,' || fail "$LOCAL does not start with the descriptor axes"

for n in 1 2; do
  start_coordinator "coord$n" --cluster.coordinator_workers=0
  workers=()
  for i in $(seq "$n"); do
    start_worker "w$n.$i" "$PORT"
    workers+=("w$n.$i")
  done
  expect_map_done "coord$n" "${workers[@]}"
  cmp -s "$LOCAL" "$SCRATCH/coord$n.out/map.csv" \
    || fail "the map of $n worker process(es) differs from tofmap run's: $(cmp "$LOCAL" "$SCRATCH/coord$n.out/map.csv")"
  note "the map of $n worker process(es) is byte-identical to tofmap run's"
done

note "PASS"

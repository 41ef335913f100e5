# cluster.interactions: the Pt(111) model with adsorbate interactions
# (configs/co_oxidation_pt111_interacting.ini, 30 x 30 points, every analysis on) computed by
# `tofmap run` with 1 and with 2 workers, and by a coordinator with two worker processes (which
# read the interaction keys from the coordinator's canonical config text): every process exits 0,
# every point converges, and the three maps are the same, byte for byte.
source "$(dirname "$0")/lib/common.bash" "$@"

MODEL=$SOURCE_DIR/configs/co_oxidation_pt111_interacting.ini
GRID=("--map.x=p(CO_g) 1e-3 10 30 log" "--map.y=p(O2_g) 1e-3 10 30 log"
      --analysis.rate_control=yes --analysis.orders=yes --analysis.apparent_Ea=yes
      --analysis.energies=yes --output.plots=no)
GRID_POINTS=900

for n in 1 2; do
  start "local$n" run "$MODEL" "${GRID[@]}" --cluster.workers="$n" --output.dir="$SCRATCH/local$n.out"
  expect_exit "local$n" 0
done
LOCAL=$SCRATCH/local1.out/map.csv
[ "$(wc -l <"$LOCAL")" -eq $((GRID_POINTS + 1)) ] || fail "$LOCAL has $(wc -l <"$LOCAL") lines"
head -1 "$LOCAL" | grep -q ',E_theta(CO_s),E_theta(O_s),E_theta(O-O_2s),E_theta(O-CO_2s),undefined,branches,tof_min,tof_max,stable$' \
  || fail "$LOCAL lacks the E_theta columns: $(head -1 "$LOCAL")"
n=$(tail -n +2 "$LOCAL" | awk -F, '$8 != "converged"' | wc -l)
[ "$n" -eq 0 ] || fail "$n points of $LOCAL did not converge"
cmp -s "$LOCAL" "$SCRATCH/local2.out/map.csv" \
  || fail "1 and 2 workers give different maps: $(cmp "$LOCAL" "$SCRATCH/local2.out/map.csv")"
note "1 and 2 workers: the same bytes, every point converged"

# Two worker processes, both with tasks (two_workers_map: repeated if one was too late).
two_workers_map
cmp -s "$LOCAL" "$SCRATCH/$C.out/map.csv" \
  || fail "the map of two worker processes differs from tofmap run's: $(cmp "$LOCAL" "$SCRATCH/$C.out/map.csv")"
note "two worker processes, both with tasks: the same bytes as tofmap run"

note "PASS"

#!/usr/bin/env bash
# A refined map against the full map of its finest grid, in the same run:
#
#   bench/refined_map.sh TOFMAP OUT_DIR [COARSE [LEVELS [RUNS [WORKERS]]]]
#
# The reference model (configs/co_oxidation.ini) over log axes p(CO_g), p(O2_g) from 1e-4 to 1 atm:
# a COARSE x COARSE grid refined LEVELS times (defaults 17 and 4: 257 x 257 finest) against the full
# (COARSE-1)*2^LEVELS+1 square grid, each computed RUNS times (default 1; full and refined runs
# alternate, so that both see the same machine) by `tofmap run` with WORKERS workers (default 2).
# Prints the points and the median wall time (timing.json's wall_seconds) of both, and checks:
#   - every row of the refined map.csv is the full map's row at that point, byte for byte (its
#     `level` column aside), in the full map's order;
#   - both points of every neighbouring pair of the full map whose log10 TOF differs by more than
#     1 decade (TOF <= 0 counts as 1e-30) are computed in the refined map;
#   - the refined map computes at most 25 % of the full map's points.
# Exits 1 when a check fails. The maps stay in OUT_DIR/full and OUT_DIR/refined.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 TOFMAP OUT_DIR [COARSE [LEVELS [RUNS [WORKERS]]]]" >&2
  exit 1
fi
TOFMAP=$1
OUT=$2
COARSE=${3:-17}
LEVELS=${4:-4}
RUNS=${5:-1}
WORKERS=${6:-2}
REPO=$(cd "$(dirname "$0")/.." && pwd)
N=$(((COARSE - 1) * (1 << LEVELS) + 1))
mkdir -p "$OUT"

fail() { echo "refined_map.sh: FAIL: $*" >&2; exit 1; }

# run NAME POINTS ARGS... : one `tofmap run` over POINTS x POINTS into OUT/NAME; prints its wall time.
run() {
  local name=$1 points=$2
  shift 2
  rm -rf "${OUT:?}/$name"
  "$TOFMAP" run "$REPO/configs/co_oxidation.ini" --map.x="p(CO_g) 1e-4 1 $points log" \
    --map.y="p(O2_g) 1e-4 1 $points log" --cluster.workers="$WORKERS" --output.plots=no \
    --output.dir="$OUT/$name" "$@" >"$OUT/$name.log" 2>&1 \
    || { cat "$OUT/$name.log" >&2; fail "tofmap run $name failed"; }
  sed -n 's/^  "wall_seconds": \([0-9.e+-]*\),$/\1/p' "$OUT/$name/timing.json"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

full_times=()
refined_times=()
for r in $(seq "$RUNS"); do
  full_times+=("$(run full "$N")")
  refined_times+=("$(run refined "$COARSE" --map.refine="$LEVELS")")
  echo "run $r: full ${full_times[-1]} s, refined ${refined_times[-1]} s"
done
FULL=$OUT/full/map.csv
REFINED=$OUT/refined/map.csv

[ "$(head -n 1 "$REFINED")" = "$(head -n 1 "$FULL"),level" ] \
  || fail "$REFINED: header '$(head -n 1 "$REFINED")', expected the full map's and ',level'"
bad=$(awk -F, '
  NR == FNR { if (FNR > 1) at[$0] = FNR; next }
  FNR == 1 { next }
  {
    row = $0; sub(/,[0-9]+$/, "", row)
    if (!(row in at)) { print "line " FNR " is no row of the full map: " $0; exit }
    if (at[row] <= last) { print "line " FNR " is out of the full map'"'"'s order"; exit }
    last = at[row]
  }' "$FULL" "$REFINED")
[ -z "$bad" ] || fail "$REFINED: $bad"
read -r pairs missed < <(awk -F, -v n="$N" '
  function lg(t) { return t > 0 ? log(t) / log(10) : -30 }
  function front(a, b) { return v[a] - v[b] > 1 || v[b] - v[a] > 1 }
  NR == FNR { if (FNR > 1) { row = $0; sub(/,[0-9]+$/, "", row); have[row] = 1 } next }
  FNR == 1 { next }
  { k = FNR - 2; line[k] = $0; v[k] = lg($3) }
  END {
    for (k = 0; k < n * n; ++k) {
      i = int(k / n); j = k % n
      if (i + 1 < n && front(k, k + n)) { pairs++; missed += !(have[line[k]] && have[line[k + n]]) }
      if (j + 1 < n && front(k, k + 1)) { pairs++; missed += !(have[line[k]] && have[line[k + 1]]) }
    }
    print pairs + 0, missed + 0
  }' "$REFINED" "$FULL")
full_points=$(($(wc -l <"$FULL") - 1))
refined_points=$(($(wc -l <"$REFINED") - 1))
[ "$full_points" -eq $((N * N)) ] || fail "$FULL has $full_points points, expected $((N * N))"
per_level=$(sed -n 's/^  "points_per_level": \[\(.*\)\],$/\1/p' "$OUT/refined/timing.json")
full_median=$(printf '%s\n' "${full_times[@]}" | median)
refined_median=$(printf '%s\n' "${refined_times[@]}" | median)
awk -v c="$COARSE" -v l="$LEVELS" -v n="$N" -v fp="$full_points" -v rp="$refined_points" \
    -v ft="$full_median" -v rt="$refined_median" -v runs="$RUNS" -v w="$WORKERS" -v lv="$per_level" \
    -v pairs="$pairs" 'BEGIN {
  printf "full %d x %d: %d points, %.2f s (median of %d, %d workers)\n", n, n, fp, ft, runs, w
  printf "refined %d x %d, refine %d: %d points (%.1f %%; per level %s), %.2f s (%.1f %% of the full map'"'"'s time)\n",
         c, c, l, rp, 100 * rp / fp, lv, rt, 100 * rt / ft
  printf "fronts: %d neighbouring pairs of the full map differ by more than 1 decade\n", pairs }'
[ "$missed" -eq 0 ] || fail "$missed of $pairs such pairs are not both computed in the refined map"
awk -v a="$refined_points" -v b="$full_points" 'BEGIN { exit !(a <= 0.25 * b) }' \
  || fail "the refined map computed $refined_points points, more than 25 % of $full_points"
echo "checks: every refined row is the full map's; every such pair is computed; at most 25 % of the points"

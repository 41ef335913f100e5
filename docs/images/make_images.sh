#!/usr/bin/env bash
# Draws the pictures of README.md and docs/PLOTS.md (docs/images/*.png) with the tofmap of a build,
# from the maps the commands below compute; run it from anywhere after building:
#
#   docs/images/make_images.sh [BUILD_DIR]            # default BUILD_DIR: build
#   docs/images/make_images.sh [BUILD_DIR] --bench    # also speedup.png: tofmap bench, 2 minutes;
#                                                     # measure on an otherwise idle machine
#
# Needs gnuplot (Debian: gnuplot-nox). Each picture is the PNG a run draws into its plots/ folder,
# copied here under the name the docs use; nothing is edited by hand.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$REPO/build
BENCH=no
for arg in "$@"; do
  case $arg in
    --bench) BENCH=yes ;;
    *) BUILD=$(cd "$arg" && pwd) ;;
  esac
done
TOFMAP=$BUILD/apps/tofmap
[ -x "$TOFMAP" ] || { echo "make_images.sh: no $TOFMAP (build first, or name the build folder)" >&2; exit 1; }
command -v gnuplot >/dev/null || { echo "make_images.sh: gnuplot is not installed" >&2; exit 1; }
IMAGES=$REPO/docs/images
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tofmap-images-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$REPO"

# map NAME CONFIG ARGS... : tofmap run CONFIG ARGS into $WORK/NAME (its log on failure).
map() {
  local name=$1 config=$2
  shift 2
  echo "tofmap run $config $*"
  "$TOFMAP" run "$config" --output.dir="$WORK/$name" "$@" >"$WORK/$name.log" 2>&1 \
    || { cat "$WORK/$name.log" >&2; exit 1; }
}

# take NAME PLOT PICTURE : copies $WORK/NAME/plots/PLOT.png to docs/images/PICTURE.png.
take() {
  cp "$WORK/$1/plots/$2.png" "$IMAGES/$3.png"
  echo "  -> docs/images/$3.png"
}

# -- README.md ------------------------------------------------------------------------------------
map co_log configs/co_oxidation.ini --map.x="p(CO_g) 1e-5 0.5 100 log" --map.y="p(O2_g) 1e-5 0.5 100 log"
take co_log map co_oxidation_map
map methanation_T configs/co_methanation_ru1121.ini --map.y=none --analysis.rate_control=yes
take methanation_T map methanation_T
map volcano configs/co_oxidation_volcano.ini
take volcano map volcano
map co_refined configs/co_oxidation.ini --map.x="p(CO_g) 1e-4 1 17 log" --map.y="p(O2_g) 1e-4 1 17 log" \
  --map.refine=4
take co_refined map co_oxidation_refined
map co_full_257 configs/co_oxidation.ini --map.x="p(CO_g) 1e-4 1 257 log" --map.y="p(O2_g) 1e-4 1 257 log"
take co_full_257 map co_oxidation_full_257
map volcano_refined configs/co_oxidation_volcano.ini --map.x="E(O_s) -1 3 16" --map.y="E(CO_s) -0.5 4 16" \
  --map.refine=3 --map.refine_tof=2
take volcano_refined map volcano_refined
map co_bistable configs/co_oxidation.ini --solver.initial='empty; CO_s=1' \
  --map.x="p(CO_g) 1e-4 1 46 log" --map.y="p(O2_g) 1e-4 1 46 log"
take co_bistable map co_oxidation_bistable
take co_bistable branches co_oxidation_branches

# -- docs/PLOTS.md --------------------------------------------------------------------------------
take methanation_T X_RC methanation_X_RC_T
map co_analyses configs/co_oxidation.ini --map.x="p(CO_g) 1e-5 0.5 60 log" \
  --map.y="p(O2_g) 1e-5 0.5 60 log" --analysis.rate_control=yes --output.coverage_scale=log
take co_analyses X_RC_2 co_oxidation_X_RC_2
take co_analyses theta_CO_s co_oxidation_theta_CO_s_log
map co_zero configs/co_oxidation.ini --map.x="p(CO_g) 1e-5 0.5 30 log" --map.y="p(O2_g) 0 0.5 30"
take co_zero map co_oxidation_zero_O2
map methanation_2d configs/co_methanation_ru1121.ini --map.y="p(H2_g) 0.1 10 21 log" \
  --analysis.orders=yes
take methanation_2d Ea_app methanation_Ea_app
take methanation_2d order_H2_g methanation_order_H2_g
map h2o2 docs/images/h2o2_toy.ini
take h2o2 selectivity_H2O2_g h2o2_toy_selectivity

# -- speedup.png: a measurement, so only when asked -----------------------------------------------
if [ "$BENCH" = yes ]; then
  echo "tofmap bench configs/co_oxidation.ini --workers 1,2 --repeat 3 (200 x 200)"
  "$TOFMAP" bench configs/co_oxidation.ini --workers 1,2 --repeat 3 --output.dir="$WORK/bench" \
    --map.x="p(CO_g) 1e-5 0.5 200" --map.y="p(O2_g) 1e-5 0.5 200" >"$WORK/bench.log" 2>&1 \
    || { cat "$WORK/bench.log" >&2; exit 1; }
  # (wherever under [output] dir the bench puts it)
  cp "$(find "$WORK/bench" -name 'speedup*.png' | head -n 1)" "$IMAGES/speedup.png"
  echo "  -> docs/images/speedup.png"
fi

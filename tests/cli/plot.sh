# cli.plot: the plots a run draws with gnuplot. The default map gets map.png (log10 TOF) and one
# coverage map per surface species, real PNGs of 900 x 720 pixels with their scripts (and the
# binary matrices they read) beside them; read back through the colour bar, every cell of map.png
# shows the TOF of its point, so the reactive band reads apart from the CO- and O-poisoned regions.
# Where p(O2) = 0 the TOF is 0 (up to rounding noise): those cells are white, not the grey of
# failures, and the noise does not stretch the colour bar. A map with analyses gets an X_RC map per
# step (titled by the step), reaction-order maps and Ea_app; coverages can be drawn as log10 θ; a
# descending axis keeps its contour labels; a 1-D sweep gets line plots (900 x 600) with log tics
# written as powers of ten. `tofmap plot DIR` redraws from map.csv and fails clearly on bad input;
# a script restyled by hand redraws with gnuplot alone; without gnuplot a run says so once and
# still writes the map; [output] plots = no draws none.
source "$(dirname "$0")/../cluster/lib/common.bash" "$@"

command -v gnuplot >/dev/null || fail "gnuplot is not installed (Debian: gnuplot-nox, in .ci/quickstart)"
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=python3
PNG_CELLS=$SOURCE_DIR/tests/support/png_cells.py

# run_tofmap NAME ARGS... : runs tofmap in the foreground; RC, NAME.log (stdout and stderr).
run_tofmap() {
  local name=$1
  shift
  printf '%q ' tofmap "$@" >"$SCRATCH/$name.cmd"
  timeout "$DEADLINE_COMMAND" "$TOFMAP" "$@" >"$SCRATCH/$name.log" 2>&1 </dev/null
  RC=$?
  note "$name: tofmap $* -> $RC"
  [ "$RC" -ne 124 ] || fail "$name: tofmap did not finish within $DEADLINE_COMMAND s: $(cat "$SCRATCH/$name.log")"
}

# png_size FILE : sets W and H from the PNG's header, after checking its signature and that
# IHDR comes first.
png_size() {
  local hex
  [ -s "$1" ] || fail "$1 does not exist or is empty"
  hex=$(od -An -tx1 -N24 "$1" | tr -d ' \n')
  [ "${hex:0:16}" = 89504e470d0a1a0a ] || fail "$1 is not a PNG (it starts with ${hex:0:16})"
  [ "${hex:24:8}" = 49484452 ] || fail "$1: the first chunk is not IHDR"
  W=$((16#${hex:32:8}))
  H=$((16#${hex:40:8}))
}

# frame_of DIR STEM : copies DIR/plots and DIR/map.csv to $SCRATCH/frame-NAME-STEM (NAME: the last
# part of DIR) and runs STEM.gp
# script there; sets xmin xmax ymin ymax (the frame in pixels, as gnuplot reports it) and range
# (the colour bar's "lo hi").
frame_of() {
  local copy
  copy=$SCRATCH/frame-$(basename "$1")-$2
  mkdir -p "$copy/plots"
  cp "$1"/plots/* "$copy/plots/"
  cp "$1/map.csv" "$copy/"
  read -r xmin xmax ymin ymax < <(cd "$copy/plots" \
    && gnuplot "$2.gp" -e 'print GPVAL_TERM_XMIN, GPVAL_TERM_XMAX, GPVAL_TERM_YMIN, GPVAL_TERM_YMAX' 2>&1)
  check "${xmax:-0} > ${xmin:-0} + 300 && ${ymax:-0} > ${ymin:-0} + 300" \
    "gnuplot reports no plausible frame for $1/plots/$2.gp: '$xmin $xmax $ymin $ymax'"
  range=$(sed -n 's/^set cbrange \[\(.*\):\(.*\)\]$/\1 \2/p' "$1/plots/$2.gp")
  [ -n "$range" ] || fail "$1/plots/$2.gp sets no cbrange"
}

# expect_png FILE WIDTH HEIGHT : a real PNG of that size, with its gnuplot script beside it.
expect_png() {
  png_size "$1"
  [ "$W" -eq "$2" ] && [ "$H" -eq "$3" ] || fail "$1 is $W x $H pixels, expected $2 x $3"
  [ -s "${1%.png}.gp" ] || fail "no script ${1%.png}.gp beside $1"
}

# -- the default map ----------------------------------------------------------------------------
run_tofmap default run "$MODEL" --output.dir="$SCRATCH/default"
[ "$RC" -eq 0 ] || fail "default: exit status $RC: $(cat "$SCRATCH/default.log")"
P=$SCRATCH/default/plots
grep -qE "^tofmap: plots: $P/map.png and 3 more in $P \([0-9]+\.[0-9]{2} s\)$" "$SCRATCH/default.log" \
  || fail "default: no line 'plots: $P/map.png and 3 more in $P (N.NN s)': $(cat "$SCRATCH/default.log")"
for stem in map theta_CO_s theta_O_s theta_free_s; do
  expect_png "$P/$stem.png" 900 720
done
[ "$(find "$P" -name '*.png' | wc -l)" -eq 4 ] || fail "$P holds other PNGs: $(ls "$P")"
ls "$P"/*.log >/dev/null 2>&1 && fail "gnuplot left logs (errors) in $P: $(cat "$P"/*.log)"
grep -q "^set xlabel 'p(CO_g) \[atm\]' noenhanced$" "$P/map.gp" || fail "map.gp: the x axis is not 'p(CO_g) [atm]'"
grep -q "^set ylabel 'p(O2_g) \[atm\]' noenhanced$" "$P/map.gp" || fail "map.gp: the y axis is not 'p(O2_g) [atm]'"
grep -q "^set cblabel 'log10 TOF \[1/s per site\]' noenhanced$" "$P/map.gp" || fail "map.gp: no colour bar label"
! grep -q "10^{" "$P/map.gp" || fail "map.gp: the default map has linear axes, the script sets log tics"
# labels DIR STEM : the number of contour labels in DIR/plots/STEM.gp.
labels() { sed -n '/^\$labels << EOD$/,/^EOD$/p' "$1/plots/$2.gp" | grep -vc -e '^\$labels' -e '^EOD$'; }
[ "$(labels "$SCRATCH/default" map)" -ge 3 ] || fail "map.gp: fewer than 3 contour labels"
# The cells come from a binary matrix beside the script, not from map.csv by column names.
grep -q "^plot 'map.bin' binary matrix with image notitle" "$P/map.gp" && [ -s "$P/map.bin" ] \
  || fail "map.gp does not draw its cells from map.bin"
! grep -q "map.csv'" "$P/map.gp" || fail "map.gp reads map.csv"
note "default map: 4 plots of 900 x 720"

# -- the pixels of map.png: each cell shows its point's TOF ----------------------------------------
# The frame in pixels, from gnuplot running the same script on a copy (its PNG is thrown away).
frame_of "$SCRATCH/default" map
# shellcheck disable=SC2086  # range is two numbers
"$PYTHON" "$PNG_CELLS" cells "$P/map.png" 10 10 "$xmin" "$xmax" "$ymin" "$ymax" $range \
  >"$SCRATCH/cells.txt" || fail "cannot read the cells of $P/map.png"
[ "$(wc -l <"$SCRATCH/cells.txt")" -eq 100 ] || fail "read $(wc -l <"$SCRATCH/cells.txt") cells, expected 100"
# Grid point (i, j) is line 2 + 10 i + j of map.csv.
awk -F, 'NR > 1 { print int((NR - 2) / 10), (NR - 2) % 10, ($3 > 0 ? log($3) / log(10) : "nan") }' \
  "$SCRATCH/default/map.csv" >"$SCRATCH/truth.txt"
echo "log10 TOF read from the pixels (rows: p(CO_g), columns: p(O2_g)):"
awk '{ printf "%7s", $3 } NR % 10 == 0 { print "" }' "$SCRATCH/cells.txt"
result=$(awk 'NR == FNR { truth[$1 " " $2] = $3; next }
  {
    t = truth[$1 " " $2]; v = $3
    if (v == "nan") { bad++; print "cell " $1 "," $2 ": no colour (TOF 10^" t ")"; next }
    d = v - t; if (d < 0) d = -d
    if (d > 1.0) { bad++; print "cell " $1 "," $2 ": reads 10^" v ", the map says 10^" t }
    if (t > 3) { reactive++; if (v <= 3) bad++ }
    else if (t < -10) { co++; if (v >= -10) bad++ }
    else { o++; if (v <= -3 || v >= 1) bad++ }
  }
  END { printf "SUMMARY %d %d %d %d\n", reactive, co, o, bad }' "$SCRATCH/truth.txt" "$SCRATCH/cells.txt")
read -r _ reactive co o bad <<<"$(grep '^SUMMARY' <<<"$result")"
[ "$bad" -eq 0 ] || fail "map.png does not show the map: $(grep -v '^SUMMARY' <<<"$result" | head -n 10)"
# The bistable wedge: a band of reactive cells (TOF > 10^3) between O-poisoned cells at low
# p(CO) and CO-poisoned cells at higher p(CO).
check "$reactive >= 5 && $co >= 50 && $o >= 5" \
  "expected a reactive band of >= 5 cells, >= 50 CO-poisoned and >= 5 O-poisoned cells, read $reactive, $co, $o"
note "map.png: $reactive reactive, $co CO-poisoned and $o O-poisoned cells, each within a decade of its TOF"

# -- several starts: the bistable region outlined on map.png, branches.png ------------------------
run_tofmap bistable run "$MODEL" --output.dir="$SCRATCH/bistable" --solver.initial='empty; CO_s=1' \
  --map.x="p(CO_g) 1e-4 1 16 log" --map.y="p(O2_g) 1e-4 1 16 log"
[ "$RC" -eq 0 ] || fail "bistable: exit status $RC: $(cat "$SCRATCH/bistable.log")"
B=$SCRATCH/bistable/plots
grep -q "^     \$several using 1:2 with lines linecolor rgb '#ff00ff' linewidth 3 title '2 steady states' noenhanced" \
  "$B/map.gp" || fail "bistable: map.gp draws no outline of the bistable region with a legend entry"
expect_png "$B/branches.png" 900 720
magenta=$("$PYTHON" "$PNG_CELLS" count "$B/map.png" ff00ff)
check "$magenta >= 500" "bistable: $magenta pixels of the outline's colour in map.png, expected >= 500"
[ "$("$PYTHON" "$PNG_CELLS" count "$P/map.png" ff00ff)" -eq 0 ] || fail "the default map (one start) has outline pixels"
rm -f "$B"/*
"$TOFMAP" plot "$SCRATCH/bistable" >"$SCRATCH/bistable_plot.log" 2>&1 || fail "tofmap plot bistable: $(cat "$SCRATCH/bistable_plot.log")"
[ -s "$B/branches.png" ] && grep -q "2 steady states" "$B/map.gp" || fail "tofmap plot did not redraw branches.png and the outline"
note "several starts: outline ($magenta pixels) and branches.png, redrawn by tofmap plot"

# -- a script restyled by hand redraws with gnuplot alone ------------------------------------------
F=$SCRATCH/frame-default-map/plots
sed -i 's/^set terminal pngcairo size 900,720 /set terminal pngcairo size 450,360 /' "$F/map.gp"
(cd "$F" && gnuplot map.gp) >"$SCRATCH/restyle.log" 2>&1 || fail "gnuplot map.gp failed: $(cat "$SCRATCH/restyle.log")"
png_size "$F/map.png"
[ "$W" -eq 450 ] && [ "$H" -eq 360 ] || fail "the restyled map.png is $W x $H, expected 450 x 360"

# -- tofmap plot DIR: redraws from map.csv ------------------------------------------------------
rm -rf "$P"
run_tofmap replot plot "$SCRATCH/default"
[ "$RC" -eq 0 ] || fail "tofmap plot: exit status $RC: $(cat "$SCRATCH/replot.log")"
[ "$(grep -c '^tofmap: plot: .*\.png$' "$SCRATCH/replot.log")" -eq 4 ] \
  || fail "tofmap plot: does not name 4 PNGs: $(cat "$SCRATCH/replot.log")"
expect_png "$P/map.png" 900 720
cmp -s <(grep -v '^# ' "$P/map.gp") <(grep -v '^# ' "$F/map.gp" | sed 's/size 450,360 /size 900,720 /') \
  || fail "tofmap plot wrote another map.gp than the run"
note "tofmap plot: redrawn"

run_tofmap plot_none plot
[ "$RC" -eq 1 ] && grep -q 'missing DIR' "$SCRATCH/plot_none.log" || fail "tofmap plot without DIR: $RC, $(cat "$SCRATCH/plot_none.log")"
run_tofmap plot_missing plot "$SCRATCH/nowhere"
[ "$RC" -eq 1 ] && grep -q "$SCRATCH/nowhere/map.csv does not exist" "$SCRATCH/plot_missing.log" \
  || fail "tofmap plot of a folder without map.csv: $RC, $(cat "$SCRATCH/plot_missing.log")"
mkdir -p "$SCRATCH/garbage"
printf 'a,b\n1,2\n' >"$SCRATCH/garbage/map.csv"
run_tofmap plot_garbage plot "$SCRATCH/garbage"
[ "$RC" -eq 1 ] && grep -q 'not a map of tofmap' "$SCRATCH/plot_garbage.log" \
  || fail "tofmap plot of a CSV that is not a map: $RC, $(cat "$SCRATCH/plot_garbage.log")"
note "tofmap plot: bad input refused"

# -- log axes and analyses: maps of X_RC per step, reaction orders and Ea_app -------------------
run_tofmap xrc run "$MODEL" --output.dir="$SCRATCH/xrc" "--map.x=p(CO_g) 1e-4 1 12 log" \
  "--map.y=p(O2_g) 1e-4 1 12 log" --analysis.rate_control=yes --analysis.orders=yes \
  --analysis.apparent_Ea=yes
[ "$RC" -eq 0 ] || fail "xrc: exit status $RC: $(cat "$SCRATCH/xrc.log")"
for stem in map theta_CO_s theta_O_s theta_free_s X_RC_1 X_RC_2 X_RC_3 order_CO_g order_O2_g \
  order_CO2_g Ea_app; do
  expect_png "$SCRATCH/xrc/plots/$stem.png" 900 720
done
# Log axes run over log10 of the values, with tics labelled as powers of ten.
for a in x y; do
  grep -q "^set ${a}tics (.*'10^{-4}' -4, .*'10^{0}' 0" "$SCRATCH/xrc/plots/map.gp" \
    || fail "xrc: map.gp has no tics 10^-4 ... 10^0 on its $a axis"
done
grep -qx "set title 'co_oxidation: degree of rate control of step 2: O2_g + 2\*_s <-> 2O_s' noenhanced" \
  "$SCRATCH/xrc/plots/X_RC_2.gp" || fail "xrc: X_RC_2.gp is not titled by its step: $(grep 'set title' "$SCRATCH/xrc/plots/X_RC_2.gp")"
grep -qx "set cblabel 'Ea_app \[eV\]' noenhanced" "$SCRATCH/xrc/plots/Ea_app.gp" || fail "xrc: Ea_app.gp has no colour bar in eV"

# The same folder without rate control (overwriting the finished map: --output.resume=no): the
# X_RC maps of the earlier map are gone.
run_tofmap xrc_again run "$MODEL" --output.dir="$SCRATCH/xrc" "--map.x=p(CO_g) 1e-4 1 12 log" \
  "--map.y=p(O2_g) 1e-4 1 12 log" --output.resume=no
[ "$RC" -eq 0 ] || fail "xrc_again: exit status $RC: $(cat "$SCRATCH/xrc_again.log")"
[ "$(find "$SCRATCH/xrc/plots" -name 'X_RC*' | wc -l)" -eq 0 ] || fail "X_RC plots of the earlier map are left"
[ "$(find "$SCRATCH/xrc/plots" -name '*.png' | wc -l)" -eq 4 ] || fail "xrc_again: not 4 PNGs: $(ls "$SCRATCH/xrc/plots")"
[ "$(find "$SCRATCH/xrc/plots" -name 'order_*' -o -name 'Ea_app*' | wc -l)" -eq 0 ] || fail "order and Ea_app plots of the earlier map are left"

# -- a 1-D sweep: line plots ----------------------------------------------------------------------
run_tofmap sweep run "$MODEL" --output.dir="$SCRATCH/sweep" "--map.x=p(CO_g) 1e-4 1 30 log" \
  "--map.y=p(O2_g) 0.2 0.2 1" --analysis.rate_control=yes
[ "$RC" -eq 0 ] || fail "sweep: exit status $RC: $(cat "$SCRATCH/sweep.log")"
for stem in map coverages X_RC; do
  expect_png "$SCRATCH/sweep/plots/$stem.png" 900 600
done
[ "$(find "$SCRATCH/sweep/plots" -name '*.png' | wc -l)" -eq 3 ] || fail "sweep: other PNGs than 3: $(ls "$SCRATCH/sweep/plots")"
# The log tics read 10 with a superscript power (not "10^-2"): drawn as SVG, the power is a tspan
# of its own.
(cd "$SCRATCH/sweep/plots" && sed -e "s/^set terminal pngcairo .* enhanced /set terminal svg enhanced /" \
  -e "s/^set output 'map.png'/set output 'map.svg'/" map.gp | gnuplot) >"$SCRATCH/svg.log" 2>&1 \
  || fail "sweep: map.gp as SVG: $(cat "$SCRATCH/svg.log")"
! grep -q '10^' "$SCRATCH/sweep/plots/map.svg" || fail "sweep: map.png writes powers of ten as '10^...': $(grep -o '>10^[^<]*<' "$SCRATCH/sweep/plots/map.svg" | head -n 3)"
[ "$(grep -c '>10</tspan><tspan[^>]*dy="-[0-9.]*px">-\?[0-9]*</tspan>' "$SCRATCH/sweep/plots/map.svg")" -ge 4 ] \
  || fail "sweep: fewer than 4 tics 10 with a superscript power in map.svg"
note "log axes with X_RC, order and Ea_app maps, and a 1-D sweep: OK"

# -- where a reactant is absent: white cells, and a colour bar of the real TOFs ------------------
run_tofmap zero run "$MODEL" --output.dir="$SCRATCH/zero" "--map.x=p(CO_g) 1e-5 0.5 10 log" \
  "--map.y=p(O2_g) 0 0.5 10"
[ "$RC" -eq 0 ] || fail "zero: exit status $RC: $(cat "$SCRATCH/zero.log")"
Z=$SCRATCH/zero/plots
# Rounding leaves TOFs like 4e-40 beside the zeros at p(O2) = 0; the real ones are above 1e-20.
read -r lo _ < <(sed -n 's/^set cbrange \[\(.*\):\(.*\)\]$/\1 \2/p' "$Z/map.gp")
check "${lo:--99} >= -20" "zero: the colour bar starts at $lo: stretched by rounding noise"
grep -q "title 'TOF ≤ 0[^']*' noenhanced" "$Z/map.gp" || fail "zero: map.gp has no legend entry for TOF <= 0"
! grep -q "not converged" "$Z/map.gp" || fail "zero: map.gp says some points did not converge"
frame_of "$SCRATCH/zero" map
# shellcheck disable=SC2086  # range is two numbers
"$PYTHON" "$PNG_CELLS" cells "$Z/map.png" 10 10 "$xmin" "$xmax" "$ymin" "$ymax" $range \
  >"$SCRATCH/zero-cells.txt" || fail "cannot read the cells of $Z/map.png"
# (A cell under a contour label reads nan: its middle is the label's box.)
white=$(awk '$2 == 0 && $3 == "white"' "$SCRATCH/zero-cells.txt" | wc -l)
grey=$(awk '$3 == "grey"' "$SCRATCH/zero-cells.txt" | wc -l)
coloured=$(awk '$2 > 0 && $3 ~ /^-?[0-9]/' "$SCRATCH/zero-cells.txt" | wc -l)
check "$white == 10 && $grey == 0 && $coloured >= 85" \
  "zero: expected the 10 cells at p(O2) = 0 white, none grey and the others coloured; read $white, $grey, $coloured: $(tr '\n' ';' <"$SCRATCH/zero-cells.txt")"
note "zero: TOF <= 0 drawn white, colour bar from $lo"

# -- a descending axis keeps its contour labels ---------------------------------------------------
run_tofmap descending run "$MODEL" --output.dir="$SCRATCH/descending" "--map.x=p(CO_g) 0.5 1e-5 30 log"
[ "$RC" -eq 0 ] || fail "descending: exit status $RC: $(cat "$SCRATCH/descending.log")"
read -r x0 x1 < <(sed -n 's/^set xrange \[\(.*\):\([^]]*\)\].*$/\1 \2/p' "$SCRATCH/descending/plots/map.gp")
check "${x0:-0} > ${x1:-0}" "descending: the x axis of map.gp does not run from 0.5 down: [$x0:$x1]"
[ "$(labels "$SCRATCH/descending" map)" -ge 3 ] || fail "descending: fewer than 3 contour labels in map.gp"

# -- coverages on a log scale: [output] coverage_scale, in a run and in tofmap plot ---------------
run_tofmap logcov plot "$SCRATCH/default" --output.coverage_scale=log
[ "$RC" -eq 0 ] || fail "tofmap plot --output.coverage_scale=log: exit status $RC: $(cat "$SCRATCH/logcov.log")"
grep -qx "set cblabel 'log10 coverage theta(CO_s)' noenhanced" "$P/theta_CO_s.gp" \
  || fail "coverage_scale=log: theta_CO_s.gp does not show log10 θ"
read -r _ hi < <(sed -n 's/^set cbrange \[\(.*\):\(.*\)\]$/\1 \2/p' "$P/theta_CO_s.gp")
[ "$hi" = 0 ] || fail "coverage_scale=log: the colour bar of theta_CO_s.gp ends at $hi, not 0"
run_tofmap logcov_run run "$MODEL" --output.dir="$SCRATCH/logcov" --output.coverage_scale=log
[ "$RC" -eq 0 ] && grep -qx 'coverage_scale = log' "$SCRATCH/logcov/config.ini" \
  && grep -q "log10 coverage" "$SCRATCH/logcov/plots/theta_O_s.gp" \
  || fail "run --output.coverage_scale=log: $RC, $(cat "$SCRATCH/logcov.log")"
run_tofmap logcov_bad run "$MODEL" --output.dir="$SCRATCH/logcov" --output.coverage_scale=ln
[ "$RC" -eq 1 ] && grep -q "'coverage_scale' must be linear or log, got 'ln'" "$SCRATCH/logcov_bad.log" \
  || fail "coverage_scale=ln: $RC, $(cat "$SCRATCH/logcov_bad.log")"
note "descending axis labelled, coverage_scale = log: OK"

# -- without gnuplot: the map, and one line that says why there are no plots ---------------------
printf '%q ' env PATH=/nonexistent tofmap run >"$SCRATCH/nognuplot.cmd"
env PATH=/nonexistent "$TOFMAP" run "$MODEL" --output.dir="$SCRATCH/without" >"$SCRATCH/nognuplot.log" 2>&1
RC=$?
[ "$RC" -eq 0 ] || fail "without gnuplot: exit status $RC: $(cat "$SCRATCH/nognuplot.log")"
cmp -s "$SCRATCH/without/map.csv" "$SCRATCH/default/map.csv" || fail "without gnuplot: another map.csv"
[ "$(grep -c 'gnuplot' "$SCRATCH/nognuplot.log")" -eq 1 ] \
  && grep -q '^tofmap: no plots: gnuplot was not found on PATH' "$SCRATCH/nognuplot.log" \
  || fail "without gnuplot: not one line saying so: $(cat "$SCRATCH/nognuplot.log")"
[ ! -e "$SCRATCH/without/plots" ] || fail "without gnuplot: a plots folder was made"
env PATH=/nonexistent "$TOFMAP" plot "$SCRATCH/default" >"$SCRATCH/plot_nognuplot.log" 2>&1
RC=$?
[ "$RC" -eq 1 ] && grep -q 'gnuplot was not found' "$SCRATCH/plot_nognuplot.log" \
  || fail "tofmap plot without gnuplot: $RC, $(cat "$SCRATCH/plot_nognuplot.log")"
note "without gnuplot: map written, said so once"

# -- [output] plots = no: no plots, not a word about them -----------------------------------------
run_tofmap noplots run "$MODEL" --output.dir="$SCRATCH/noplots" --output.plots=no
[ "$RC" -eq 0 ] || fail "noplots: exit status $RC: $(cat "$SCRATCH/noplots.log")"
[ ! -e "$SCRATCH/noplots/plots" ] || fail "--output.plots=no: a plots folder was made"
! grep -qE 'tofmap: (plots:|no plots)|gnuplot' "$SCRATCH/noplots.log" || fail "--output.plots=no: the log talks of plots: $(cat "$SCRATCH/noplots.log")"
grep -qx 'plots = no' "$SCRATCH/noplots/config.ini" || fail "config.ini does not say plots = no"

note "PASS"

# cli.inputs: inputs that cannot give a meaningful map are refused, or flagged, by `tofmap check`
# and `tofmap run` alike: raw DFT total energies (an error naming the largest step and the
# reference energies must have), a misspelt adsorbate in one step (an error naming both species,
# their lines and "did you mean"), physically absurd numbers (an error with the accepted range), a
# map whose reactants are absent (a warning, points with status no_reactant and TOF 0, exit 0),
# one gas's pressure set from the command line, a descriptor map's solver settings, what E means
# for a NASA7 species, and a map too large for memory (check refuses it as run does).
source "$(dirname "$0")/../cluster/lib/common.bash" "$@"

source "$(dirname "$0")/lib.bash"

line_of() { grep -n -m1 -E -- "$2" "$1" | cut -d: -f1; }

# expect_refused NAME CONFIG MESSAGE [ARGS...] : check and run both exit 1 with MESSAGE on stderr,
# nothing on stdout, and run makes no output folder.
expect_refused() {
  local name=$1 config=$2 message=$3
  shift 3
  run_tofmap "$name.check" check "$config" "$@"
  expect "$name.check" 1 err "$message"
  [ ! -s "$SCRATCH/$name.check.out" ] || { show "$name.check"; fail "$name: check printed on stdout"; }
  run_tofmap "$name.run" run "$config" --output.dir="$SCRATCH/$name.dir" "$@"
  expect "$name.run" 1 err "$message"
  [ ! -e "$SCRATCH/$name.dir" ] || fail "$name: a refused run made its output folder"
}

# -- raw DFT total energies of slab + adsorbate ---------------------------------------------
METHANATION=$SOURCE_DIR/configs/co_methanation_ru1121.ini
L_CO_S=$(line_of "$METHANATION" '^species *= *CO_s ')
L_STEP3=$(line_of "$METHANATION" '^step *= *CO_s \+ \*_s')
sed -e "${L_CO_S}s/E=[-0-9.]*/E=-423.86/" "$METHANATION" >"$SCRATCH/raw.ini"
cmp -s "$METHANATION" "$SCRATCH/raw.ini" && fail "internal: raw.ini is the shipped config"
expect_refused raw "$SCRATCH/raw.ini" \
  "$SCRATCH/raw.ini:$L_STEP3: step 3 (CO_s + *_s <-> C-O_2s -> C_s + O_s): the barrier 408.2 eV at 550 K, beyond the 10 eV a step may have ([model] max_step_energy). Species energies are in eV and share one reference in which free sites have G = 0: an adsorbate's or transition state's E is relative to the clean slab (E(slab + adsorbate) - E(slab))"
expect raw.check 1 err "Here E(CO_s) = -423.9 eV (line $L_CO_S) looks like a raw DFT total energy of slab + adsorbate. Step 1 exceeds it too. If the value is deliberate, raise [model] max_step_energy"
# A deliberate value: accepted with a larger limit.
run_tofmap raw_accepted check "$SCRATCH/raw.ini" --model.max_step_energy=1000
expect raw_accepted 0 out "$SCRATCH/raw.ini: valid"
note "raw DFT energies: refused by check and run"

# -- a misspelt adsorbate in one step ----------------------------------------------------------
L_REF1=$(line_of "$MODEL" '^step *= *CO_g')
L_REF3=$(line_of "$MODEL" '^step *= *CO_s \+ O_s')
sed -e "${L_REF3}s/^step = CO_s + O_s/step = OC_s + O_s/" "$MODEL" >"$SCRATCH/typo.ini"
expect_refused typo "$SCRATCH/typo.ini" \
  "$SCRATCH/typo.ini:$L_REF3: adsorbate 'OC_s' appears only in step 3 (line $L_REF3), which consumes it: no other step makes it (did you mean 'CO_s'?); adsorbate 'CO_s' appears only in step 1 (line $L_REF1), its adsorption: no other step converts it, so it only blocks sites (did you mean 'OC_s'?)"
note "a misspelt adsorbate: refused by check and run"

# -- physically absurd numbers -----------------------------------------------------------------
sed -e "${L_CO_S}s/freq=1138.5,/freq=1e23,/" "$METHANATION" >"$SCRATCH/freq.ini"
cmp -s "$METHANATION" "$SCRATCH/freq.ini" && fail "internal: freq.ini is the shipped config"
expect_refused freq "$SCRATCH/freq.ini" \
  "$SCRATCH/freq.ini:$L_CO_S: species CO_s: wavenumber 1e+23 cm^-1 is outside [0, 5000] cm^-1: real vibrations lie below 5000 cm^-1"
expect_refused hot "$MODEL" \
  "command line: --model.temperature=1e23: 'temperature' 1e+23 K is outside [1, 10000] K" \
  --model.temperature=1e23
expect_refused kg "$MODEL" \
  "command line: --model.gas=CO_g mass=0.028: gas CO_g: 'mass' 0.028 g/mol is outside [1, 1000] g/mol" \
  "--model.gas=CO_g mass=0.028" "--model.gas=O2_g mass=32" "--model.gas=CO2_g mass=44"
expect_refused area "$MODEL" \
  "command line: --model.site_area=9.0: 'site_area' 9 m^2 is outside [1e-21, 1e-17] m^2" \
  --model.site_area=9.0
note "absurd numbers: refused with their range"

# -- every reactant absent: a warning, status no_reactant, TOF 0, exit 0 ---------------------------
L_GAS_CO=$(line_of "$MODEL" '^gas *= *CO_g')
ABSENT=("--map.x=Ga(3) 0 1.5 4" "--map.y=T 400 700 4")
WARNING="$MODEL:$L_GAS_CO: the tof gas CO2_g cannot be produced at 16 of 16 points of the map, where CO_g and O2_g are at zero pressure (a reactant is absent): those points report the status no_reactant and TOF 0 (a pressure for CO_g: [model] pressure.CO_g = P, or --model.pressure.CO_g=P)"
run_tofmap absent.check check "$MODEL" "${ABSENT[@]}"
expect absent.check 0 out "warnings: 1" "  $WARNING"
start absent run "$MODEL" "${ABSENT[@]}" --output.dir="$SCRATCH/absent"
expect_exit absent 0
wait_line absent "^tofmap: warning: $(printf '%s' "$WARNING" | sed 's/[][().*^$+?{}|\\]/\\&/g')\$"
! grep -q "did not converge" "$SCRATCH/absent.log" || fail "absent: points without a reactant were counted as unconverged"
bad=$(tail -n +2 "$SCRATCH/absent/map.csv" | awk -F, '$8 != "no_reactant" || $3 != "0"' | head -n 3)
[ -z "$bad" ] || fail "absent: rows that are not 'no_reactant' with TOF 0: $bad"
# One gas's pressure from the command line: the other reactant is still missing, then none is.
run_tofmap one_gas check "$MODEL" "${ABSENT[@]}" --model.pressure.CO_g=0.1
expect one_gas 0 out "gases: CO_g (28.0101 g/mol, 0.1 atm), O2_g (31.9988 g/mol, 0 atm)" \
  "where O2_g is at zero pressure"
run_tofmap both_gases check "$MODEL" "${ABSENT[@]}" --model.pressure.CO_g=0.1 --model.pressure.O2_g=0.1
expect both_gases 0 out "warnings: none"
start both_gases_run run "$MODEL" "${ABSENT[@]}" --model.pressure.CO_g=0.1 --model.pressure.O2_g=0.1 \
  --output.dir="$SCRATCH/both_gases"
expect_exit both_gases_run 0
bad=$(tail -n +2 "$SCRATCH/both_gases/map.csv" | awk -F, '$8 != "converged" || !($3 > 0)' | head -n 3)
[ -z "$bad" ] || fail "both_gases: rows without a positive converged TOF: $bad"
note "absent reactants: warned about, no_reactant points, exit 0; pressure.GAS works"

# -- a descriptor map: the solver settings it needs, said by check and run --------------------------
VOLCANO=$SOURCE_DIR/configs/co_oxidation_volcano.ini
NOTE="[solver] atol = 1e-30 and t_max = 1e+20 s: chosen for a descriptor map (an E(SPECIES) axis), as [solver] does not set them"
run_tofmap volcano check "$VOLCANO"
expect volcano 0 out "note: $NOTE"
start volcano_run run "$VOLCANO" "--map.x=E(O_s) -1 3 3" "--map.y=E(CO_s) -0.5 4 3" \
  --output.dir="$SCRATCH/volcano"
expect_exit volcano_run 0
grep -q -F "tofmap: $NOTE" "$SCRATCH/volcano_run.log" || fail "volcano_run: the log lacks the note"
note "descriptor map: solver settings chosen and said"

# -- what E = 0 means for a NASA7 species -------------------------------------------------------
run_tofmap nasa7 check "$SOURCE_DIR/configs/nh3_ru_terrace_step.ini"
expect nasa7 0 out \
  "  NH3_g: nasa7, E = 0 (not given: G is the NASA7 H - T*S, on the polynomials' own reference), G = "

# -- a map too large for memory: check refuses it as run does -----------------------------------
HUGE=("--map.x=p(CO_g) 1e-4 1 100000 log" "--map.y=p(O2_g) 1e-4 1 100000 log")
run_tofmap huge.check check "$MODEL" "${HUGE[@]}"
expect huge.check 1 err "tofmap: $MODEL: tofmap run would refuse this map: the map has 10000000000 points of 9 values: its results need " \
  "Use fewer points"
run_tofmap huge.run run "$MODEL" "${HUGE[@]}" --output.dir="$SCRATCH/huge.dir"
# The same refusal, but for what the machine has free at that moment.
free_memory() { sed -e 's/^tofmap: //' -e 's/may allocate [^(]*(/may allocate ... (/' "$1"; }
refusal=$(free_memory "$SCRATCH/huge.run.err")
free_memory "$SCRATCH/huge.check.err" | grep -q -F -- "$refusal" \
  || { show huge.check; show huge.run; fail "check's refusal differs from run's: $refusal"; }
# The issue's 10^9 points under ulimit -v (not with AddressSanitizer's terabytes of shadow memory).
if built_with_asan; then
  note "limited: skipped, $TOFMAP is built with AddressSanitizer (it cannot start under ulimit -v)"
elif command -v prlimit >/dev/null; then
  printf '%q ' prlimit tofmap check >"$SCRATCH/limited.cmd"
  prlimit --as=4000000000 "$TOFMAP" check "$MODEL" "--map.x=p(CO_g) 1e-5 0.5 31623" \
    "--map.y=p(O2_g) 1e-5 0.5 31623" >"$SCRATCH/limited.out" 2>"$SCRATCH/limited.err" </dev/null
  RC=$?
  expect limited 1 err "tofmap run would refuse this map: the map has 1000014129 points of 9 values: its results need 68.9 GiB" \
    "(RLIMIT_AS (ulimit -v) less what the process maps)"
fi
note "a map too large: check refuses it as run does"

note "PASS"

# cli.check: `tofmap check CONFIG` validates a config and prints its mechanism without computing:
# the reference model's conditions, species and steps with their rate constants (kf of step 3 is
# kB·T/h·exp(-0.39 eV/kB·T) = 1.221e9 /s at 500 K), the volcano's descriptors, the rate laws of
# Arrhenius and irreversible steps, the ε matrix of adsorbate interactions, a node config; a bad
# config is one message FILE:LINE on stderr and exit status 1; nothing is written.
source "$(dirname "$0")/../cluster/lib/common.bash" "$@"

run_check() {
  local name=$1
  shift
  printf '%q ' tofmap check "$@" >"$SCRATCH/$name.cmd"
  timeout "$DEADLINE_COMMAND" "$TOFMAP" check "$@" >"$SCRATCH/$name.out" 2>"$SCRATCH/$name.err" </dev/null
  RC=$?
}

expect_out() {
  local name=$1 status=$2 s
  shift 2
  [ "$RC" -eq "$status" ] || { cat "$SCRATCH/$name.out" "$SCRATCH/$name.err"; fail "$name: exit status $RC, expected $status"; }
  for s in "$@"; do
    grep -q -F -- "$s" "$SCRATCH/$name.out" || { cat "$SCRATCH/$name.out"; fail "$name: stdout lacks '$s'"; }
  done
  note "$name: status $RC as expected"
}

run_check reference "$MODEL" --output.dir="$SCRATCH/never"
expect_out reference 0 \
  "$MODEL: valid (model co_oxidation, hash " \
  "conditions: T = 500 K, pressures in atm, standard pressure p° = 1 atm" \
  "site type s: CO_s, O_s; free sites *_s" \
  "tof: CO2_g" \
  "    3  CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s       TST           -1.4799     0.3900   1.221e+09" \
  "map: x = p(CO_g) from 1e-05 to 0.5, 10 points lin; y = p(O2_g) from 1e-05 to 0.5, 10 points lin; 100 points" \
  "warnings: none"
[ ! -e "$SCRATCH/never" ] || fail "tofmap check created the output folder"

run_check volcano "$SOURCE_DIR/configs/co_oxidation_volcano.ini"
expect_out volcano 0 "descriptor E(O_s) moves O-CO_2s, O-O_2s" "descriptor E(CO_s) moves O-CO_2s" \
  "  O-O_2s: frozen, E = 5.4649, G = 5.4649, S = 0 eV/K"

printf '[model]\ntemperature = 500\ngas = CO_g mass=28 pressure=1\ngas = Ar_g mass=40\nstep = CO_g + *_s <-> CO_s dG=-1\ntof = CO_g\nspectators = CO_s\n[map]\nx = T 400 500 2\n' \
  >"$SCRATCH/warn.ini"
run_check warn "$SCRATCH/warn.ini"
expect_out warn 0 "warnings: 1" "$SCRATCH/warn.ini:4: gas 'Ar_g' is declared but no step uses it"

# Each step's rate law: a modified Arrhenius step (kf = 1e13·500^0.5·exp(-0.8 eV/kB·500 K)
# = 1.931e+06 /s) that is irreversible (kr shown as 0, dG unknown and not needed).
printf '[model]\ntemperature = 500\nsite_area = 9e-20\ngas = CO_g mass=28 pressure=1\ngas = CO2_g mass=44\ngas = O2_g mass=32 pressure=1\nstep = CO_g + *_s <-> CO_s s0=0.5 dG=-1\nstep = O2_g + 2*_s <-> 2O_s A=1e8 Ea=0.1 dG=-1.5\nstep = CO_s + O_s <-> CO2_g + 2*_s A=1e13 b=0.5 Ea=0.8 reversible=no\ntof = CO2_g\n[map]\nx = T 400 500 2\n' \
  >"$SCRATCH/laws.ini"
run_check laws "$SCRATCH/laws.ini"
expect_out laws 0 \
  "    3  CO_s + O_s <-> CO2_g + 2*_s                  Arrhenius           -     0.8000   1.931e+06  0 (irrev.)" \
  "  step 2: modified Arrhenius kf = A·T^b·exp(-Ea/kB·T), A = 1e+08 1/s, b = 0, Ea = 0.1 eV" \
  "  step 3: irreversible (reversible=no): kr = 0"

# Adsorbate interactions: the response, the full ε matrix (the CO-O pair by geometric mean,
# √(3.248·3.405) = 3.3256; the transition states (ε_IS + ε_FS)/2) and which pairs were given.
run_check interacting "$SOURCE_DIR/configs/co_oxidation_pt111_interacting.ini"
expect_out interacting 0 \
  "adsorbate interactions (first order): E_i = E_i° + Σ_j F(t_j)·ε_ij·θ_j, F = smooth_piecewise_linear cutoff=0.25 smoothing=0.05 slope=1; missing pairs: geometric_mean; transition states: (1-w)·IS + w·FS, w = 0.5" \
  "  ε [eV]              CO_s        O_s" \
  "  CO_s               3.2480     3.3256" \
  "  O-O_2s             3.3256     3.4050" \
  "  O-CO_2s            3.2868     3.3653" \
  "  given: CO_s/CO_s, O_s/O_s; the other pairs of adsorbates by geometric_mean" \
  "  (on the empty surface: with interactions dG, Ga and the rate constants follow the coverages)"
run_check no_interactions "$SOURCE_DIR/configs/co_oxidation_pt111_interacting.ini" --model.interaction=none
expect_out no_interactions 0 "warnings: none"
grep -q -e "adsorbate interactions" -e "ε \[eV\]" "$SCRATCH/no_interactions.out" && fail "no_interactions: check prints interactions"

printf '[cluster]\njoin = head:4300\n' >"$SCRATCH/node.ini"
run_check node "$SCRATCH/node.ini"
expect_out node 0 "$SCRATCH/node.ini: valid node config (joins head:4300)"

sed -e 's/^temperature *=.*/temperature = -5/' "$MODEL" >"$SCRATCH/bad.ini"
run_check bad "$SCRATCH/bad.ini"
[ "$RC" -eq 1 ] || fail "bad: exit status $RC, expected 1"
[ ! -s "$SCRATCH/bad.out" ] || fail "bad: something on stdout"
grep -q -E "^$SCRATCH/bad.ini:[0-9]+: 'temperature' must be > 0, got '-5'\$" "$SCRATCH/bad.err" \
  || { cat "$SCRATCH/bad.err"; fail "bad: stderr lacks the FILE:LINE message"; }

note "PASS"

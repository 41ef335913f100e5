# cli.import_catmap: `tofmap import catmap ENERGIES --surface NAME [--site ...]` on tables written in
# CatMAP's energies.txt format (tests/data/catmap). The lines of Pt equal the golden file Pt.ini:
# ideal gases with the molecules' data, harmonic and frozen adsorbates, transition states on one
# site per fragment, references as comments. What cannot be carried over is one warning per line on
# stderr, naming file and line. A config made of the output plus three steps passes `tofmap check`
# without a warning and its map converges everywhere. Several sites keep their names or are mapped
# with --site NAME=TYPE; wrong tables, surfaces, sites and arguments fail with a message.
source "$(dirname "$0")/../cluster/lib/common.bash" "$@"
source "$(dirname "$0")/lib.bash"

cd "$SOURCE_DIR" || fail "cannot cd to $SOURCE_DIR"
DATA=tests/data/catmap

run_tofmap pt import catmap "$DATA/energies.txt" --surface Pt
expect pt 0 err \
  "tofmap: warning: $DATA/energies.txt:5: pe_g: skipped, unexpected 'p' in 'pe_g'" \
  "tofmap: warning: $DATA/energies.txt:6: O_s: no frequencies on Pt (CatMAP may estimate them from another surface's): written frozen, G = E" \
  "tofmap: warning: $DATA/energies.txt:8: O-CO_2s: frequencies -410 left out" \
  "tofmap: warning: $DATA/energies.txt:9: O-O_2s: other_parameters [0.25] not carried over" \
  "tofmap: warning: $DATA/energies.txt:15: O on '111' again: line 6 is used"
[ "$(wc -l <"$SCRATCH/pt.err")" -eq 5 ] || { show pt; fail "pt: 5 warnings expected"; }
cmp -s "$SCRATCH/pt.out" "$DATA/Pt.ini" || { diff "$DATA/Pt.ini" "$SCRATCH/pt.out"; fail "pt: the lines differ from $DATA/Pt.ini"; }
note "pt: the lines equal $DATA/Pt.ini"

# A config from the lines: tofmap check has nothing to warn about, and the map converges.
{
  printf '[model]\ntemperature = 500\n'
  cat "$SCRATCH/pt.out"
  printf '%s\n' 'step = CO_g + *_s <-> CO_s' 'step = O2_g + 2*_s <-> O-O_2s -> 2O_s' \
    'step = CO_s + O_s <-> O-CO_2s -> CO2_g + 2*_s' 'tof = CO2_g' '' '[map]' \
    'x = p(CO_g) 0.01 1 5 log' 'y = p(O2_g) 0.01 1 5 log'
} >"$SCRATCH/pt_config.ini"
run_tofmap check check "$SCRATCH/pt_config.ini"
expect check 0 out "$SCRATCH/pt_config.ini: valid" "  CO_g: ideal_gas, E = 2.74, G = 1.92155" \
  "  O-CO_2s: harmonic, E = 4.04" "warnings: none"
[ -s "$SCRATCH/check.err" ] && { show check; fail "tofmap check wrote to stderr"; }
run_tofmap map run "$SCRATCH/pt_config.ini" --output.dir="$SCRATCH/pt_map" --output.plots=no
expect map 0 out "map complete"
[ "$(grep -c ',converged,' "$SCRATCH/pt_map/map.csv")" -eq 25 ] || fail "map: not every point converged"

# --site TYPE names the site type.
run_tofmap site_t import catmap "$DATA/energies.txt" --surface Pd --site t
expect site_t 0 out "species = O_t E=1.55 thermo=harmonic freq=480,400,400   # illustrative" \
  "species = CO_t E=1.55 thermo=frozen   # illustrative" "(site 111 as t)"
grep -q 'O-CO' "$SCRATCH/site_t.out" && fail "site_t: Pd has no O-CO line"

# Several sites keep their names; --site NAME=TYPE maps one and skips the others. Gases whose
# modes are missing or unknown are frozen, with the reason.
run_tofmap sites import catmap "$DATA/two_sites.txt" --surface Pt
expect sites 0 out "species = O2_a E=4.99 thermo=frozen" "species = O2_dl E=5.19 thermo=frozen" \
  "species = OH_a E=0.75 thermo=harmonic freq=400" "gas = C3H8_g mass=44.097 E=1 thermo=frozen"
expect sites 0 err \
  "two_sites.txt:2: H2O_g: written frozen (G = E at every T, without the gas's entropy): a nonlinear molecule of 3 atoms has 3 vibrational modes, the table gives 2" \
  "two_sites.txt:3: O2_g: written frozen (G = E at every T, without the gas's entropy): a linear molecule of 2 atoms has 1 vibrational mode, the table gives 0" \
  "two_sites.txt:4: C3H8_g: written frozen (G = E at every T, without the gas's entropy): the importer knows no geometry, symmetry and moments of inertia of C3H8" \
  "two_sites.txt:7: OH_a: frequencies 120j left out" \
  "two_sites.txt:8: free sites have G = 0 in tofmap" "two_sites.txt:9: 4 fields for 8 columns: line skipped"
run_tofmap mapped import catmap "$DATA/two_sites.txt" --surface Pt --site a=s
expect mapped 0 out "species = O2_s E=4.99" "species = OH_s E=0.75"
expect mapped 0 err "two_sites.txt:6: O2: site 'dl' of Pt is not imported (no --site maps it); skipped"
grep -q '_dl' "$SCRATCH/mapped.out" && fail "mapped: a species on dl was imported"

# Errors: exit status 1 and one message.
run_tofmap no_surface import catmap "$DATA/energies.txt" --surface Cu
expect no_surface 1 err "$DATA/energies.txt: no line of the surface 'Cu' (the surfaces: Pt, Pd, Ag)"
run_tofmap no_site import catmap "$DATA/energies.txt" --surface Pt --site 211=s
expect no_site 1 err "$DATA/energies.txt: the surface Pt has no site '211' (its sites: '111')"
# bad_table NAME TABLE EXPECTED: a table (printf format) that import catmap refuses with EXPECTED.
bad_table() {
  printf "$2" >"$SCRATCH/$1.txt"
  run_tofmap "$1" import catmap "$SCRATCH/$1.txt" --surface Pt
  expect "$1" 1 err "$3"
}
HEADER='surface_name\tsite_name\tspecies_name\tformation_energy\tfrequencies\n'
bad_table bad_type "${HEADER}Pt\t111\tO\t1.6\t[]\nPt\t211\tO\t1.2\t[]\n" \
  "'111' is not a site type (a letter, then letters or digits): name the site types of Pt with --site NAME=TYPE"
bad_table bad_energy "${HEADER}Pt\t111\tO\tlow\t[]\n" \
  "$SCRATCH/bad_energy.txt:2: formation_energy 'low' is not a finite number"
bad_table bad_freq "${HEADER}Pt\t111\tO\t1.6\t[400,x]\n" \
  "$SCRATCH/bad_freq.txt:2: frequencies: 'x' is not a number"
bad_table no_tabs 'surface_name site_name species_name formation_energy\nPt 111 O 1.6\n' \
  "$SCRATCH/no_tabs.txt:1: the header of a CatMAP table lacks the columns surface_name, site_name, species_name, formation_energy, frequencies (its columns are separated by tabs)"
run_tofmap missing import catmap "$SCRATCH/none.txt" --surface Pt
expect missing 1 err "tofmap: import: cannot read $SCRATCH/none.txt"
run_tofmap no_option import catmap "$DATA/energies.txt"
expect no_option 1 err "tofmap: import: missing --surface NAME" "usage: tofmap import catmap ENERGIES"
run_tofmap format import vasp "$DATA/energies.txt"
expect format 1 err "tofmap: import: unknown format 'vasp' (the formats: catmap)"
note "PASS"

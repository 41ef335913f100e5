#define CAF_SUITE kinetics.config_errors

#include "tests/kinetics/test_support.hpp"

#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace tofmap;

namespace {

/// A valid config; every case below breaks one or two of its lines (numbered on the right).
const std::string base_config = R"([model]
temperature = 500
pressure_unit = bar
site_area = 9e-20
gas = CO_g mass=28 pressure=0.1
gas = O2_g mass=32 pressure=0.2
gas = CO2_g mass=44
step = CO_g + *_s <-> CO_s s0=0.5 dG=-1.2
step = O2_g + 2*_s <-> 2O_s s0=0.5 dG=-1.5
step = CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s Ga=0.4 dG=-1.4
tof = CO2_g
name = base
[map]
x = p(CO_g) 1e-5 0.5 10
y = p(O2_g) 1e-5 0.5 10 log
[solver]
initial = empty
[cluster]
heartbeat = 1s
timeout = 10s
[tls]
# no files
[output]
dir = results/test
)";
//  1 [model]            8 step 1        15 y              22 # no files
//  2 temperature        9 step 2        16 [solver]       23 [output]
//  3 pressure_unit     10 step 3        17 initial        24 dir
//  4 site_area         11 tof           18 [cluster]
//  5 gas CO_g          12 name          19 heartbeat
//  6 gas O2_g          13 [map]         20 timeout
//  7 gas CO2_g         14 x             21 [tls]

using edit = std::pair<int, std::string>; // line number, new text of that line

struct bad_case {
  std::vector<edit> edits;
  std::string where;  // the message's start: "test.ini:8", "test.ini" or "command line: ..."
  std::string phrase; // what it must contain
};

struct bad_override {
  std::vector<std::string> overrides;
  std::string where;
  std::string phrase;
};

std::string edited(const std::vector<edit>& edits) {
  std::vector<std::string> lines;
  std::istringstream in{base_config};
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  for (const auto& [number, text] : edits)
    lines.at(static_cast<std::size_t>(number - 1)) = text;
  std::string result;
  for (const auto& line : lines)
    result += line + "\n";
  return result;
}

/// The message of the config_error parsing throws, or "(no error)".
std::string error_of(const std::string& text, const std::vector<std::string>& overrides = {},
                     config_scope scope = config_scope::full) {
  try {
    parse_config(text, "test.ini", overrides, scope);
  } catch (const config_error& e) {
    return e.what();
  }
  return "(no error)";
}

void check_message(const std::string& message, const std::string& where,
                   const std::string& phrase) {
  auto ok = message.rfind(where + ": ", 0) == 0 && message.find(phrase) != std::string::npos;
  if (!ok)
    CAF_TEST_PRINT_ERROR("expected \"" << where << ": ..." << phrase << "...\", got \"" << message
                                       << "\"");
  CAF_CHECK(ok);
}

void check_cases(const std::vector<bad_case>& cases) {
  for (const auto& x : cases)
    check_message(error_of(edited(x.edits)), x.where, x.phrase);
}

} // namespace

CAF_TEST(the base config is valid) {
  CAF_CHECK_EQUAL(error_of(base_config), "(no error)");
  CAF_CHECK_EQUAL(error_of(edited({{22, "# still no files"}})), "(no error)");
}

CAF_TEST(config_error holds file line and message) {
  try {
    parse_config(edited({{2, "temperature = -1"}}), "runs/co.ini");
    CAF_FAIL("no error");
  } catch (const config_error& e) {
    CAF_CHECK_EQUAL(e.file(), "runs/co.ini");
    CAF_CHECK_EQUAL(e.line(), 2);
    CAF_CHECK_EQUAL(e.message(), "'temperature' must be > 0, got '-1'");
    CAF_CHECK_EQUAL(std::string{e.what()}, "runs/co.ini:2: 'temperature' must be > 0, got '-1'");
  }
}

CAF_TEST(lines that are not INI are reported with their line) {
  check_cases({
    {{{3, "pressure_unit bar"}},
     "test.ini:3",
     "expected 'key = value' or '[section]', got 'pressure_unit bar'"},
    {{{13, "[map"}}, "test.ini:13", "malformed section header '[map'"},
    {{{13, "[]"}}, "test.ini:13", "malformed section header '[]'"},
    {{{13, "[ma p]"}}, "test.ini:13", "malformed section header '[ma p]'"},
    {{{12, "; a comment"}}, "test.ini:12", "';' does not start a comment; use '#'"},
    {{{12, "= base"}}, "test.ini:12", "no key before '='"},
  });
  check_message(error_of("temperature = 500\n[model]\n"), "test.ini:1",
                "'temperature' comes before any [section] header");
}

CAF_TEST(unknown duplicate and empty keys are errors) {
  check_cases({
    {{{2, "temprature = 500"}},
     "test.ini:2",
     "unknown key 'model.temprature' (did you mean 'temperature'?)"},
    {{{12, "Temperature = 5"}},
     "test.ini:12",
     "unknown key 'model.Temperature' (did you mean 'temperature'?)"},
    {{{12, "rtol = 1e-6"}},
     "test.ini:12",
     "unknown key 'model.rtol' (did you mean 'solver.rtol'?)"},
    {{{18, "[clustr]"}}, "test.ini:18", "unknown section '[clustr]' (did you mean '[cluster]'?)"},
    {{{3, "temperature = 600"}}, "test.ini:3", "'temperature' is given twice (first on line 2)"},
    {{{24, "dir = a"}, {22, "[output]"}, {23, "dir = b"}},
     "test.ini:24",
     "'dir' is given twice (first on line 23)"},
    {{{2, "temperature ="}}, "test.ini:2", "'temperature' has no value"},
    {{{12, "name ="}}, "test.ini:12", "'name' has no value"},
    {{{17, "initial ="}}, "test.ini:17", "'initial' has no value"},
    {{{11, "tof = # later"}}, "test.ini:11", "'tof' has no value"},
  });
  auto far = error_of(edited({{12, "colour = blue"}}));
  check_message(far, "test.ini:12", "unknown key 'model.colour'");
  CAF_CHECK(far.find("did you mean") == std::string::npos);
  auto section = error_of(edited({{18, "[network]"}}));
  check_message(section, "test.ini:18", "unknown section '[network]'");
  CAF_CHECK(section.find("did you mean") == std::string::npos);
}

CAF_TEST(numbers must be finite and in range) {
  check_cases({
    {{{2, "temperature = 0"}}, "test.ini:2", "'temperature' must be > 0, got '0'"},
    {{{2, "temperature = -300"}}, "test.ini:2", "'temperature' must be > 0, got '-300'"},
    {{{2, "temperature = 500K"}}, "test.ini:2", "'temperature' must be a number, got '500K'"},
    {{{2, "temperature = 5 00"}}, "test.ini:2", "'temperature' must be a number, got '5 00'"},
    {{{2, "temperature = nan"}}, "test.ini:2", "'temperature' must be a finite number, got 'nan'"},
    {{{2, "temperature = inf"}}, "test.ini:2", "'temperature' must be a finite number, got 'inf'"},
    {{{2, "temperature = 1e999"}}, "test.ini:2", "'temperature' is out of the range of a double"},
    {{{8, "step = CO_g + *_s <-> CO_s s0=0.5 dG=NaN"}},
     "test.ini:8",
     "step 1: 'dG' must be a finite number, got 'NaN'"},
    {{{10, "step = CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s Ga=-inf dG=-1.4"}},
     "test.ini:10",
     "step 3: 'Ga' must be a finite number, got '-inf'"},
    {{{5, "gas = CO_g mass=28 pressure=inf"}},
     "test.ini:5",
     "gas CO_g: 'pressure' must be a finite number, got 'inf'"},
    {{{5, "gas = CO_g mass=nan"}}, "test.ini:5", "gas CO_g: 'mass' must be a finite number"},
    {{{4, "site_area = 0"}}, "test.ini:4", "'site_area' must be > 0, got '0'"},
    {{{4, "site_area = -9e-20"}}, "test.ini:4", "'site_area' must be > 0, got '-9e-20'"},
    {{{3, "pressure_unit = psi"}},
     "test.ini:3",
     "'pressure_unit' must be bar, atm or Pa, got 'psi'"},
  });
}

CAF_TEST(gas declarations are checked) {
  check_cases({
    {{{5, "gas = CO_g mass=0"}}, "test.ini:5", "gas CO_g: 'mass' must be > 0, got '0'"},
    {{{5, "gas = CO_g mass=-28"}}, "test.ini:5", "gas CO_g: 'mass' must be > 0, got '-28'"},
    {{{5, "gas = CO_g pressure=0.1"}}, "test.ini:5", "gas CO_g: missing mass="},
    {{{5, "gas = CO_g mass=28 pressure=-1"}},
     "test.ini:5",
     "gas CO_g: 'pressure' must be >= 0, got '-1'"},
    {{{5, "gas = CO_g mass=28 temp=300"}}, "test.ini:5", "gas CO_g: unknown attribute 'temp'"},
    {{{5, "gas = CO_g mass=28 mass=29"}}, "test.ini:5", "gas CO_g: 'mass' is given twice"},
    {{{5, "gas = CO_s mass=28"}}, "test.ini:5", "gas 'CO_s' is not a gas name"},
    {{{5, "gas = CO-O_g mass=28"}}, "test.ini:5", "a gas name cannot contain '-'"},
    {{{5, "gas = CO g mass=28"}}, "test.ini:5", "gas: expected 'NAME_g mass=M [pressure=P]'"},
    {{{7, "gas = CO_g mass=28"}}, "test.ini:7", "gas 'CO_g' is declared twice (first on line 5)"},
  });
}

CAF_TEST(species names are checked) {
  check_cases({
    {{{8, "step = H2_g + 2*_s <-> 2H_s dG=-0.5"}},
     "test.ini:8",
     "step 1 uses undeclared gas 'H2_g'"},
    {{{8, "step = CO_g + *_s <-> Xq_s s0=0.5 dG=-1.2"}},
     "test.ini:8",
     "step 1: unknown element 'Xq' in 'Xq_s'"},
    {{{8, "step = CO_g + *_s <-> CO s0=0.5 dG=-1.2"}},
     "test.ini:8",
     "step 1: 'CO' is not a species name"},
    {{{8, "step = CO_g + *_s <-> co_s s0=0.5 dG=-1.2"}},
     "test.ini:8",
     "step 1: unexpected 'c' in 'co_s'"},
    {{{8, "step = CO_g + *_s <-> C(O)_s s0=0.5 dG=-1.2"}},
     "test.ini:8",
     "step 1: unexpected '(' in 'C(O)_s'"},
    {{{8, "step = CO_g + *_s <-> CO_s! s0=0.5 dG=-1.2"}},
     "test.ini:8",
     "step 1: 'CO_s!' has a malformed site suffix 's!'"},
    {{{8, "step = CO_g + *_s <-> CO_ s0=0.5 dG=-1.2"}},
     "test.ini:8",
     "step 1: 'CO_' has no site type after '_'"},
    {{{8, "step = CO_g + *_s <-> CO_0s s0=0.5 dG=-1.2"}},
     "test.ini:8",
     "step 1: 'CO_0s' covers 0 sites"},
    {{{8, "step = CO_g + *_2s <-> CO_2s s0=0.5 dG=-1.2"}},
     "test.ini:8",
     "step 1: '*_2s': a free site covers one site"},
    {{{8, "step = CO_g + *_s <-> CO_2g s0=0.5 dG=-1.2"}},
     "test.ini:8",
     "step 1: 'CO_2g': site type 'g' is reserved for gases"},
    {{{8, "step = CO_g + *_s <-> C0_s s0=0.5 dG=-1.2"}},
     "test.ini:8",
     "step 1: element count 0 in 'C0_s'"},
    {{{10, "step = CO_s + O_s <-> CO--O_2s -> CO2_g + 2*_s Ga=0.4 dG=-1.4"}},
     "test.ini:10",
     "step 3: empty formula fragment in 'CO--O_2s'"},
  });
}

CAF_TEST(step expressions must have the documented form) {
  check_cases({
    {{{10, "step = CO-O_2s <-> CO2_g + 2*_s dG=-1"}},
     "test.ini:10",
     "step 3: 'CO-O_2s' is a transition state (its name contains '-'): it may only be the middle "
     "term of IS <-> TS -> FS"},
    {{{10, "step = CO_s + O_s <-> CO2_g + CO-O_2s Ga=0.4 dG=-1"}},
     "test.ini:10",
     "step 3: 'CO-O_2s' is a transition state"},
    {{{10, "step = CO_s + O_s <-> CO2_2s -> CO2_g + 2*_s Ga=0.4 dG=-1.4"}},
     "test.ini:10",
     "step 3: the middle term 'CO2_2s' must be a transition state"},
    {{{10, "step = CO_s + O_s <-> 2CO-O_2s -> CO2_g + 2*_s Ga=0.4 dG=-1.4"}},
     "test.ini:10",
     "step 3: the transition state '2CO-O_2s' must have coefficient 1"},
    {{{10, "step = CO_s + O_s <-> CO-O_s + *_s -> CO2_g + 2*_s Ga=0.4 dG=-1.4"}},
     "test.ini:10",
     "step 3: the transition state must be one species"},
    {{{8, "step = CO_g + *_s -> CO_s dG=-1.2"}},
     "test.ini:8",
     "step 1: expected 'IS <-> FS' or 'IS <-> TS -> FS'"},
    {{{8, "step = CO_g + *_s <-> CO_s <-> CO_s dG=-1.2"}},
     "test.ini:8",
     "step 1: more than one '<->'"},
    {{{10, "step = CO_s + O_s -> CO-O_2s <-> CO2_g + 2*_s Ga=0.4 dG=-1.4"}},
     "test.ini:10",
     "step 3: '->' must come after '<->'"},
    {{{10, "step = CO_s + O_s <-> CO-O_2s -> CO2_g -> 2*_s Ga=0.4 dG=-1.4"}},
     "test.ini:10",
     "step 3: more than one '->'"},
    {{{8, "step = CO_g + <-> CO_s dG=-1.2"}},
     "test.ini:8",
     "step 1: empty term in the initial state"},
    {{{8, "step = <-> CO_s dG=-1.2"}}, "test.ini:8", "step 1: the initial state is empty"},
    {{{8, "step = 0CO_g + *_s <-> CO_s dG=-1.2"}},
     "test.ini:8",
     "step 1: coefficient 0 in '0CO_g'"},
    {{{8, "step = CO_s <-> CO_s dG=0"}},
     "test.ini:8",
     "step 1: the initial and final states are the same"},
    {{{8, "step = 2CO_g + O2_g <-> 2CO2_g dG=-3"}}, "test.ini:8", "step 1 has no surface species"},
    {{{8, "step = CO_g + *_s <-> CO_s s0=0.5 dG = -1.2"}},
     "test.ini:8",
     "step 1: 'dG =' is not key=value (write attributes without spaces around '='"},
    {{{8, "step = CO_g + *_s <-> CO_s dG = -1.2 s0=0.5"}},
     "test.ini:8",
     "step 1: '=' is not key=value (write attributes without spaces around '='"},
    {{{8, "step = CO_g + *_s <-> CO_s s0=0.5 dG= -1.2"}},
     "test.ini:8",
     "step 1: 'dG=' is not key=value"},
    {{{8, "step = CO_g + *_s <-> CO_s s0=0.5 dG=-1.2 fast"}},
     "test.ini:8",
     "step 1: expected key=value after 'CO_g + *_s <-> CO_s', got 'fast'"},
    {{{8, "step ="}}, "test.ini:8", "'step' has no value"},
    {{{8, "step = dG=-1.2"}}, "test.ini:8", "step 1: no expression: expected 'IS <-> FS'"},
  });
}

CAF_TEST(steps must balance elements and sites) {
  check_cases({
    {{{10, "step = CO_s + O_s <-> CO-O_2s -> CO_g + 2*_s Ga=0.4 dG=-1.4"}},
     "test.ini:10",
     "step 3 does not balance element O: 2 in the initial state, 1 in the final state"},
    {{{9, "step = O2_g + 2*_s <-> O_s + *_s dG=-1.5"}},
     "test.ini:9",
     "step 2 does not balance element O: 2 in the initial state, 1 in the final state"},
    {{{9, "step = O2_g + *_s <-> 2O_s s0=0.5 dG=-1.5"}},
     "test.ini:9",
     "step 2 does not balance sites of type s: 1 in the initial state, 2 in the final state"},
    {{{10, "step = CO_s + O_s <-> CO-O2_2s -> CO2_g + 2*_s Ga=0.4 dG=-1.4"}},
     "test.ini:10",
     "step 3 does not balance element O: 2 in the initial state, 3 in the transition state"},
    {{{10, "step = CO_s + O_s <-> CO-O_s -> CO2_g + 2*_s Ga=0.4 dG=-1.4"}},
     "test.ini:10",
     "step 3 does not balance sites of type s: 2 in the initial state, 1 in the transition state"},
    {{{10, "step = CO_s + O_s <-> CO-O_2t -> CO2_g + 2*_s Ga=0.4 dG=-1.4"}},
     "test.ini:10",
     "step 3 does not balance sites of type s: 2 in the initial state, 0 in the transition state"},
  });
  auto two_types = R"([model]
temperature = 500
gas = H2_g mass=2
step = H2_g + 2*_s <-> 2H_s dG=-0.5
step = H_s + *_t <-> H_t + *_s dG=0.1
step = H_t <-> H_s dG=-0.1
tof = H2_g
)";
  check_message(error_of(two_types), "test.ini:6",
                "step 3 does not balance sites of type s: 0 in the initial state, 1 in the final "
                "state");
}

CAF_TEST(step energies and sticking follow the rules) {
  check_cases({
    {{{10, "step = CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s dG=-1.4"}},
     "test.ini:10",
     "step 3 writes a transition state and needs Ga="},
    {{{8, "step = CO_g + *_s <-> CO_s s0=0.5"}}, "test.ini:8", "step 1 has no dG="},
    {{{10, "step = CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s Ga=0.4 dG=0.5"}},
     "test.ini:10",
     "step 3: Ga=0.4 is below dG=0.5: the reverse barrier Ga - dG would be negative"},
    {{{8, "step = CO_g + *_s <-> CO_s Ga=0.1 dG=0.3"}},
     "test.ini:8",
     "step 1: Ga=0.1 is below dG=0.3"},
    {{{8, "step = CO_g + *_s <-> CO_s Ga=-0.1 dG=-1"}},
     "test.ini:8",
     "step 1: 'Ga' must be >= 0, got '-0.1'"},
    {{{8, "step = CO_g + *_s <-> CO_s s0=0 dG=-1.2"}},
     "test.ini:8",
     "step 1: 's0' must be in (0, 1], got '0'"},
    {{{8, "step = CO_g + *_s <-> CO_s s0=1.5 dG=-1.2"}},
     "test.ini:8",
     "step 1: 's0' must be in (0, 1], got '1.5'"},
    {{{4, "# no site area"}}, "test.ini:8", "step 1 uses s0= but [model] site_area is not set"},
    {{{8, "step = CO_g + O2_g + 3*_s <-> CO_s + 2O_s s0=0.5 dG=-1"}},
     "test.ini:8",
     "step 1: s0= (collision theory) needs exactly one gas species with coefficient 1, found "
     "'CO_g, O2_g'"},
    {{{9, "step = 2CO_g + 2*_s <-> 2CO_s s0=0.5 dG=-1"}},
     "test.ini:9",
     "step 2: s0= (collision theory) needs exactly one gas species with coefficient 1, found "
     "'2CO_g'"},
    {{{8, "step = CO_g + *_s <-> CO_s s0=0.5 dG=-1.2 Gb=0.3"}},
     "test.ini:8",
     "step 1: unknown attribute 'Gb=0.3' (expected dG=, Ga=, s0=, A=, b=, Ea=, reversible= or "
     "ts_weight=)"},
    {{{8, "step = CO_g + *_s <-> CO_s s0=0.5 dG=-1.2 dG=-1.3"}},
     "test.ini:8",
     "step 1: 'dG' is given twice"},
  });
  // With s0, Ga activates the sticking and is not compared with dG.
  CAF_CHECK_EQUAL(error_of(edited({{8, "step = CO_g + *_s <-> CO_s s0=0.5 Ga=0.1 dG=0.3"}})),
                  "(no error)");
}

CAF_TEST(the tof gas must be declared and made by a step) {
  check_cases({
    {{{12, "gas = N2_g mass=28"}, {11, "tof = N2_g"}},
     "test.ini:11",
     "no step produces or consumes tof gas 'N2_g'"},
    {{{11, "tof = H2O_g"}}, "test.ini:11", "tof gas 'H2O_g' is not declared"},
    {{{11, "tof = CO_s"}},
     "test.ini:11",
     "'tof' must name declared gases (NAME_g ...), got 'CO_s'"},
    {{{11, "# no tof"}}, "test.ini", "missing required key 'model.tof'"},
    {{{2, "# no temperature"}}, "test.ini", "missing required key 'model.temperature'"},
    {{{5, "#"}, {6, "#"}, {7, "#"}}, "test.ini", "missing required key 'model.gas'"},
    {{{8, "#"}, {9, "#"}, {10, "#"}}, "test.ini", "missing required key 'model.step'"},
  });
}

CAF_TEST(map axes must name something and be well formed) {
  check_cases({
    {{{14, "x = p(N2_g) 0 1 5"}},
     "test.ini:14",
     "map x: 'p(N2_g)' names no declared gas: 'N2_g' is not declared"},
    {{{14, "x = dG(4) -1 0 5"}},
     "test.ini:14",
     "map x: 'dG(4)' names no step: there is no step 4 (the model has 3 steps)"},
    {{{14, "x = Ga(0) 0 1 5"}}, "test.ini:14", "map x: 'Ga(0)' names no step"},
    {{{14, "x = dG(two) 0 1 5"}},
     "test.ini:14",
     "map x: 'dG(two)': the step number must be an integer, got 'two'"},
    {{{14, "x = q(CO_g) 0 1 5"}},
     "test.ini:14",
     "map x: 'q(CO_g)' is not a parameter (expected p(GAS), T, dG(N), Ga(N) or E(SPECIES))"},
    {{{14, "x = temperature 300 600 5"}}, "test.ini:14", "map x: 'temperature' is not a parameter"},
    {{{14, "x = T 300 600 0"}}, "test.ini:14", "map x: POINTS must be an integer >= 1, got '0'"},
    {{{14, "x = T 300 600 2.5"}},
     "test.ini:14",
     "map x: POINTS must be an integer >= 1, got '2.5'"},
    {{{15, "y = p(O2_g) 0 0.5 10 log"}},
     "test.ini:15",
     "map y: a log axis needs FIRST and LAST > 0, got '0' and '0.5'"},
    {{{15, "y = p(O2_g) 1e-5 -0.5 10 log"}},
     "test.ini:15",
     "map y: a log axis needs FIRST and LAST > 0"},
    {{{15, "y = p(CO_g) 0.1 0.2 3"}},
     "test.ini:15",
     "x and y both sweep p(CO_g) (x is on line 14)"},
    {{{15, "y = dG(2) -1 1 3"}, {14, "x = dG(2) -2 0 3"}},
     "test.ini:15",
     "x and y both sweep dG(2)"},
    {{{14, "x = p(CO_g) -1 1 3"}}, "test.ini:14", "map x: p(CO_g) must be >= 0, got '-1'"},
    {{{14, "x = T 0 600 3"}}, "test.ini:14", "map x: T must be > 0, got '0'"},
    {{{14, "x = Ga(3) -0.1 1 3"}}, "test.ini:14", "map x: Ga(3) must be >= 0, got '-0.1'"},
    {{{14, "x = T 300 600"}},
     "test.ini:14",
     "map x: expected 'PARAMETER FIRST LAST POINTS [lin|log]', got 'T 300 600'"},
    {{{14, "x = T 300 600 3 cubic"}},
     "test.ini:14",
     "map x: the spacing must be lin or log, got 'cubic'"},
    {{{14, "x = T 300 nan 3"}}, "test.ini:14", "map x: LAST must be a finite number, got 'nan'"},
    {{{14, "# no x"}}, "test.ini", "missing required key 'map.x'"},
  });
}

CAF_TEST(initial coverages must name adsorbates and fit on the surface) {
  check_cases({
    {{{17, "initial = H_s=0.1"}},
     "test.ini:17",
     "initial: 'H_s' is not an adsorbate of the model (adsorbates: CO_s, O_s)"},
    {{{17, "initial = CO_g=0.1"}}, "test.ini:17", "initial: 'CO_g' is not an adsorbate"},
    {{{17, "initial = CO_s=0.7 O_s=0.5"}},
     "test.ini:17",
     "initial: the coverages of site type s sum to 1.2 (sites times coverage), more than 1"},
    {{{17, "initial = *_s=0.5"}}, "test.ini:17", "initial: '*_s' is a free site"},
    {{{17, "initial = CO_s=1.5"}}, "test.ini:17", "initial: 'CO_s' must be in [0, 1], got '1.5'"},
    {{{17, "initial = CO_s=-0.1"}}, "test.ini:17", "initial: 'CO_s' must be in [0, 1], got '-0.1'"},
    {{{17, "initial = CO_s=nan"}}, "test.ini:17", "initial: 'CO_s' must be a finite number"},
    {{{17, "initial = CO_s"}}, "test.ini:17", "'initial' must be 'empty' or NAME=VALUE ..."},
    {{{17, "initial = CO_s=0.1 CO_s=0.2"}}, "test.ini:17", "initial: 'CO_s' is given twice"},
  });
}

CAF_TEST(every one of several starts is checked and named) {
  check_cases({
    {{{17, "initial = empty; CO_s=0.7 O_s=0.5"}},
     "test.ini:17",
     "initial, start 2 of 2: the coverages of site type s sum to 1.2 (sites times coverage), more "
     "than 1"},
    {{{17, "initial = empty; CO_s=1; H_s=1"}},
     "test.ini:17",
     "initial, start 3 of 3: 'H_s' is not an adsorbate of the model (adsorbates: CO_s, O_s)"},
    {{{17, "initial = CO_s=-1; empty"}},
     "test.ini:17",
     "initial, start 1 of 2: 'CO_s' must be in [0, 1], got '-1'"},
    {{{17, "initial = empty;; CO_s=1"}},
     "test.ini:17",
     "initial, start 2 of 3 is empty (starts are separated by ';': START; START ...)"},
    {{{17, "initial = empty; CO_s=1;"}}, "test.ini:17", "initial, start 3 of 3 is empty"},
    {{{17, "initial = empty; CO_s"}},
     "test.ini:17",
     "initial, start 2 of 2: must be 'empty' or NAME=VALUE ..., got 'CO_s'"},
    {{{17, "initial = empty; *_s=1"}},
     "test.ini:17",
     "initial, start 2 of 2: '*_s' is a free site"},
  });
}

CAF_TEST(solver and analysis values are checked) {
  check_cases({
    {{{17, "rtol = 0"}}, "test.ini:17", "'rtol' must be > 0, got '0'"},
    {{{17, "atol = -1e-20"}}, "test.ini:17", "'atol' must be > 0, got '-1e-20'"},
    {{{17, "t_max = inf"}}, "test.ini:17", "'t_max' must be a finite number, got 'inf'"},
    {{{17, "steady_tol = x"}}, "test.ini:17", "'steady_tol' must be a number, got 'x'"},
    {{{17, "newton_tol = 0"}}, "test.ini:17", "'newton_tol' must be > 0"},
    {{{17, "max_steps = 0"}}, "test.ini:17", "'max_steps' must be an integer >= 1, got '0'"},
    {{{17, "max_steps = 1e5"}}, "test.ini:17", "'max_steps' must be an integer >= 1, got '1e5'"},
    {{{16, "[analysis]"}, {17, "orders = maybe"}},
     "test.ini:17",
     "'orders' must be yes/no, true/false, on/off or 1/0, got 'maybe'"},
  });
}

CAF_TEST(cluster endpoints counts and durations are checked) {
  check_cases({
    {{{19, "heartbeat = 5h"}}, "test.ini:19", "'heartbeat' has an unknown unit 'h'"},
    {{{19, "heartbeat = -1s"}}, "test.ini:19", "'heartbeat' must be > 0, got '-1'"},
    {{{19, "heartbeat = 0"}}, "test.ini:19", "'heartbeat' must be > 0, got '0'"},
    {{{19, "rejoin = 5h"}}, "test.ini:19", "'rejoin' has an unknown unit 'h'"},
    {{{19, "rejoin = -1s"}}, "test.ini:19", "'rejoin' must be > 0, got '-1'"},
    {{{24, "resume = maybe"}},
     "test.ini:24",
     "'resume' must be yes/no, true/false, on/off or 1/0, got 'maybe'"},
    {{{19, "heartbeat = fast"}}, "test.ini:19", "'heartbeat' must be a number, got 'fast'"},
    {{{19, "heartbeat = inf"}}, "test.ini:19", "'heartbeat' must be a finite number, got 'inf'"},
    {{{19, "heartbeat = 0.1ms"}}, "test.ini:19", "'heartbeat' must be at least 1 ms, got '0.1ms'"},
    {{{20, "timeout = 500ms"}},
     "test.ini:20",
     "'timeout' (500ms) must be longer than 'heartbeat' (1s)"},
    {{{20, "timeout = 1s"}}, "test.ini:20", "'timeout' (1s) must be longer than 'heartbeat' (1s)"},
    {{{20, "# default timeout 10s"}, {19, "heartbeat = 1min"}},
     "test.ini:19",
     "'timeout' (10s) must be longer than 'heartbeat' (1min)"},
    {{{19, "listen = localhost"}}, "test.ini:19", "'listen' must be HOST:PORT, got 'localhost'"},
    {{{19, "join = host:70000"}},
     "test.ini:19",
     "'join' must be HOST:PORT with a port from 1 to 65535, got 'host:70000'"},
    {{{19, "join = host:0"}}, "test.ini:19", "with a port from 1 to 65535, got 'host:0'"},
    {{{19, "join = :4242"}}, "test.ini:19", "'join' must be HOST:PORT, got ':4242'"},
    {{{19, "join = ::1:4242"}}, "test.ini:19", "write an IPv6 host in brackets"},
    {{{19, "workers = -1"}}, "test.ini:19", "'workers' must be an integer >= 0, got '-1'"},
    {{{19, "workers = two"}}, "test.ini:19", "'workers' must be an integer >= 0, got 'two'"},
    {{{19, "task_size = 1.5"}}, "test.ini:19", "'task_size' must be an integer >= 0, got '1.5'"},
    {{{19, "coordinator_workers = many"}},
     "test.ini:19",
     "'coordinator_workers' must be an integer >= 0, got 'many'"},
    {{{19, "wait_for_nodes = -2"}},
     "test.ini:19",
     "'wait_for_nodes' must be an integer >= 0, got '-2'"},
    {{{19, "workers = 99999999999"}},
     "test.ini:19",
     "'workers' must be at most 2147483647, got '99999999999'"},
  });
}

CAF_TEST(tls needs all three files) {
  check_cases({
    {{{22, "ca = ca.pem"}},
     "test.ini:22",
     "[tls] is incomplete: missing cert, key (mutual TLS needs all of ca, cert and key)"},
    {{{22, "key = node.key"}}, "test.ini:22", "[tls] is incomplete: missing ca, cert"},
    {{{22, "passphrase = secret"}}, "test.ini:22", "[tls] is incomplete: missing ca, cert, key"},
    {{{22, "ca ="}}, "test.ini:22", "'ca' has no value"},
  });
}

CAF_TEST(override errors name the override) {
  std::vector<bad_override> cases{
    {{"--model.temperature=abc"},
     "command line: --model.temperature=abc",
     "'temperature' must be a number, got 'abc'"},
    {{"model.temperature=-1"},
     "command line: model.temperature=-1",
     "'temperature' must be > 0, got '-1'"},
    {{"--model.temprature=5"},
     "command line: --model.temprature=5",
     "unknown key 'model.temprature' (did you mean 'temperature'?)"},
    {{"--modle.temperature=5"},
     "command line: --modle.temperature=5",
     "unknown section 'modle' (did you mean 'model.temperature'?)"},
    {{"--temperature=5"}, "command line: --temperature=5", "expected --section.key=value"},
    {{"--model.temperature"}, "command line: --model.temperature", "expected --section.key=value"},
    {{"--model.temperature=500", "--model.temperature=600"},
     "command line: --model.temperature=600",
     "'temperature' is given twice (first on the command line)"},
    {{"--model.step=CO_g + *_s <-> CO_s"},
     "command line: --model.step=CO_g + *_s <-> CO_s",
     "step 1 has no dG="},
    {{"--model.gas=CO_g mass=28", "--model.gas=CO_g mass=29"},
     "command line: --model.gas=CO_g mass=29",
     "gas 'CO_g' is declared twice (first on the command line)"},
    {{"--output.dir=a#b"}, "command line: --output.dir=a#b", "a value cannot contain '#'"},
    {{"--output.dir="}, "command line: --output.dir=", "'dir' has no value"},
    {{"--map.x=T 300 600 0"},
     "command line: --map.x=T 300 600 0",
     "map x: POINTS must be an integer >= 1"},
    // The step overrides replace all three steps of the file; none of them makes CO2_g.
    {{"--model.step=CO_g + *_s <-> CO_s dG=-1"},
     "test.ini:11",
     "no step produces or consumes tof gas 'CO2_g'"},
  };
  for (const auto& x : cases)
    check_message(error_of(base_config, x.overrides), x.where, x.phrase);
}

CAF_TEST(a node config validates what it has) {
  check_message(error_of("[map]\nx = T 300 400 2\n", {}, config_scope::node), "test.ini:2",
                "[map] needs a [model] to sweep");
  check_message(error_of("[solver]\ninitial = CO_s=0.5\n", {}, config_scope::node), "test.ini:2",
                "'initial' names species, but the config has no [model]");
  check_message(error_of("[model]\ntemperature = 500\n", {}, config_scope::node), "test.ini",
                "missing required key 'model.gas'");
  check_message(error_of("[cluster]\nworkers = -2\n", {}, config_scope::node), "test.ini:2",
                "'workers' must be an integer >= 0");
  CAF_CHECK_EQUAL(error_of("[solver]\ninitial = empty\n", {}, config_scope::node), "(no error)");
  CAF_CHECK_EQUAL(error_of("", {}, config_scope::node), "(no error)");
  check_message(error_of(""), "test.ini", "missing required key 'model.temperature'");
}

namespace {

/// A valid model with species energies; the cases below break its lines (numbered on the right).
const std::string thermo_config = R"([model]
temperature = 500
site_area = 9e-20
gas = CO_g mass=28 pressure=0.1 E=-14.8 geometry=linear symmetry=1 inertia=8.9 freq=2170
gas = O2_g mass=32 pressure=0.2 E=-9.86 geometry=linear symmetry=2 spin=1 inertia=11.6 freq=1580
gas = CO2_g mass=44 E=-17.7 nasa7=200,1000,3500,2.35677352,8.98459677e-3,-7.12356269e-6,2.45919022e-9,-1.43699548e-13,-48371.9697,9.90105222,3.85746029,4.41437026e-3,-2.21481404e-6,5.23490188e-10,-4.72084164e-14,-48759.166,2.27163806
species = CO_s E=-16.3 freq=2044,470,380,380,60,60
species = O_s E=-6.1
species = CO-O_2s E=E(CO_s)+E(O_s)+0.85 freq=1800,500
step = CO_g + *_s <-> CO_s s0=0.5
step = O2_g + 2*_s <-> 2O_s s0=0.5
step = CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s
tof = CO2_g
[map]
x = T 400 600 3
)";
//  1 [model]  4 gas CO_g    7 species CO_s   10 step 1   13 tof
//  2 T        5 gas O2_g    8 species O_s    11 step 2   14 [map]
//  3 area     6 gas CO2_g   9 species TS     12 step 3   15 x

std::string thermo_edited(const std::vector<edit>& edits) {
  std::vector<std::string> lines;
  std::istringstream in{thermo_config};
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  for (const auto& [number, text] : edits)
    lines.at(static_cast<std::size_t>(number - 1)) = text;
  std::string result;
  for (const auto& line : lines)
    result += line + "\n";
  return result;
}

const char* co_ideal = "gas = CO_g mass=28 pressure=0.1 E=-14.8 ";

} // namespace

CAF_TEST(species energies and thermo models are checked) {
  auto c = parse_config(thermo_config, "test.ini");
  CAF_CHECK(c.warnings.empty());
  CAF_CHECK_EQUAL(c.model.energies.size(), 6u);
  const std::vector<bad_case> cases = {
    // the data each thermo model needs
    {{{4, std::string{co_ideal} + "thermo=ideal_gas freq=2170"}},
     "test.ini:4",
     "gas CO_g: thermo=ideal_gas needs geometry=, symmetry= and inertia= (for a molecule): "
     "missing geometry=, symmetry=, inertia="},
    {{{4, std::string{co_ideal} + "geometry=linear symmetry=1 inertia=8.9,1,2 freq=2170"}},
     "test.ini:4",
     "gas CO_g: a linear molecule has 1 moment of inertia, 'inertia' gives 3"},
    {{{4, std::string{co_ideal} + "geometry=nonlinear symmetry=1 inertia=8.9 freq=2170"}},
     "test.ini:4",
     "a nonlinear molecule has 3 moments of inertia, 'inertia' gives 1"},
    {{{4, std::string{co_ideal} + "geometry=linear symmetry=1 inertia=8.9 freq=2170,100"}},
     "test.ini:4",
     "a linear molecule of 2 atoms has 1 vibrational modes, 'freq' gives 2"},
    {{{6, "gas = CO2_g mass=44 nasa7=200,1000,3500,1,2,3,4,5,6,7,8,9,10,11,12,13"}},
     "test.ini:6",
     "gas CO2_g: 'nasa7' needs 17 numbers: T_low,T_mid,T_high,a1..a7,b1..b7; got 16"},
    {{{7, "species = CO_s E=-16.3 freq=2044,-470"}},
     "test.ini:7",
     "species CO_s: wavenumber -470 cm^-1 is not positive: list the real modes only"},
    {{{7, "species = CO_s E=-16.3 freq=2044,0"}},
     "test.ini:7",
     "wavenumber 0 cm^-1 is not positive"},
    {{{4, std::string{co_ideal} + "thermo=harmonic freq=2170"}},
     "test.ini:4",
     "thermo=harmonic is for adsorbates and transition states; a gas uses ideal_gas"},
    {{{8, "species = O_s E=-6.1 thermo=ideal_gas"}},
     "test.ini:8",
     "species O_s: thermo=ideal_gas is for gases (on their gas line)"},
    {{{8, "species = O_s E=-6.1 thermo=frozen freq=400"}},
     "test.ini:8",
     "species O_s: 'freq=' is not used by thermo=frozen"},
    {{{8, "species = O_s freq=400"}},
     "test.ini:8",
     "species O_s: missing E= (the species' electronic energy, eV)"},
    {{{5, "gas = O2_g mass=32 E=-9.86 geometry=linear symmetry=2 spin=0.3 inertia=11.6 "
          "freq=1580"}},
     "test.ini:5",
     "gas O2_g: 'spin' must be a multiple of 1/2"},
    {{{8, "species = O_s E=-6.1 thermo=hot"}},
     "test.ini:8",
     "'thermo' must be frozen, harmonic or nasa7, got 'hot'"},
    // temperatures outside a NASA7 range
    {{{15, "x = T 400 4000 3"}},
     "test.ini:15",
     "map x: T reaches 4000 K, outside species 'CO2_g' (nasa7 from 200 to 3500 K)"},
    {{{2, "temperature = 100"}},
     "test.ini:6",
     "species 'CO2_g' (nasa7 from 200 to 3500 K) does not cover the model temperature 100 K"},
    // steps without the energies they need
    {{{8, "# no O_s"}, {9, "species = CO-O_2s E=-21.55 freq=1800,500"}},
     "test.ini:11",
     "step 2 has no dG= (reaction free energy FS - IS, eV), and 'O_s' has no energy to compute "
     "it from (give it E=, or give the step dG=)"},
    {{{9, "# no TS"}},
     "test.ini:12",
     "step 3 writes a transition state and needs Ga= (forward barrier, eV), or energies of its "
     "transition state and initial state: 'CO-O_2s' has none"},
    // linear forms
    {{{9, "species = CO-O_2s E=E(CO_s)+E(Ox_s)+0.85"}},
     "test.ini:9",
     "CO-O_2s: E(Ox_s) names no species with an energy"},
    {{{7, "species = CO_s E=E(CO-O_2s)-0.85"}},
     "test.ini:7",
     "CO_s: the linear forms of E form a cycle: E(CO_s) -> E(CO-O_2s) -> E(CO_s)"},
    {{{8, "species = O_s E=0.5*O_s"}}, "test.ini:8", "E=0.5*O_s: expected E(SPECIES) after '*'"},
    {{{8, "species = O_s E=1+2"}}, "test.ini:8", "E=1+2: more than one constant"},
    // species lines
    {{{8, "species = CO_g E=1"}},
     "test.ini:8",
     "species CO_g: a gas's energy goes on its gas line"},
    {{{8, "species = *_s E=0"}}, "test.ini:8", "free sites have G = 0 and take no energy"},
    {{{8, "species = CO_s E=-16"}},
     "test.ini:8",
     "species CO_s: its energy is given twice (first on line 7)"},
  };
  for (const auto& x : cases)
    check_message(error_of(thermo_edited(x.edits)), x.where, x.phrase);
  // the standard state, on an extra line 17
  for (auto [value, phrase] :
       {std::pair{"0 bar", "'standard_pressure' must be > 0, got '0 bar'"},
        {"-1 atm", "'standard_pressure' must be > 0, got '-1 atm'"},
        {"1", "'standard_pressure' must be NUMBER UNIT (unit bar, atm or Pa), e.g. 1 bar, got '1'"},
        {"1 psi", "'standard_pressure' must be NUMBER UNIT (unit bar, atm or Pa), e.g. 1 bar, "
                  "got '1 psi'"}})
    check_message(error_of(thermo_config + "[model]\nstandard_pressure = " + value + "\n"),
                  "test.ini:17", phrase);
}

CAF_TEST(energies that cannot be meant are refused with the largest offending step) {
  // A constant in kJ/mol in a linear form: the barrier of step 3 is 85 eV.
  check_message(error_of(thermo_edited({{9, "species = CO-O_2s E=E(CO_s)+E(O_s)+85 "
                                            "freq=1800,500"}})),
                "test.ini:12",
                "step 3 (CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s): the barrier 85.13 eV at 500 K, "
                "beyond the 10 eV a step may have ([model] max_step_energy). Species energies "
                "are in eV and share one reference in which free sites have G = 0");
  check_message(error_of(thermo_edited({{9, "species = CO-O_2s E=E(CO_s)+E(O_s)+85 "
                                            "freq=1800,500"}})),
                "test.ini:12", "Here E(CO-O_2s) = 62.6 eV (line 9): is a number in it in kJ/mol");
  // Raw DFT total energies of slab + adsorbate: the largest step is named, with the others.
  const auto raw = error_of(thermo_edited(
    {{7, "species = CO_s E=-423.86 freq=2044,470,380"}, {8, "species = O_s E=-413.66"}}));
  check_message(raw, "test.ini:11",
                "step 2 (O2_g + 2*_s <-> 2O_s): dG = -816.6 eV at 500 K, beyond the 10 eV");
  CAF_CHECK(raw.find("relative to the clean slab (E(slab + adsorbate) - E(slab))")
            != std::string::npos);
  CAF_CHECK(raw.find("Here E(O_s) = -413.7 eV (line 8) looks like a raw DFT total energy of "
                     "slab + adsorbate. Steps 1 and 3 exceed it too. If the value is "
                     "deliberate, raise [model] max_step_energy")
            != std::string::npos);
  // dG= in kJ/mol.
  check_message(error_of(base_config, {"--model.step=CO_g + *_s <-> CO_s s0=0.5 dG=-120",
                                       "--model.step=O2_g + 2*_s <-> 2O_s s0=0.5 dG=-1.5",
                                       "--model.step=CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s "
                                       "Ga=0.4 dG=-1.4"}),
                "command line: --model.step=CO_g + *_s <-> CO_s s0=0.5 dG=-120",
                "step 1 (CO_g + *_s <-> CO_s): dG = -120 eV at 500 K, beyond the 10 eV a step may "
                "have ([model] max_step_energy). dG= and Ga= are in eV (a value in kJ/mol is "
                "96.485 times too large)");
  // A deliberate value is accepted with a larger limit; the limit itself must be > 0.
  auto deliberate = parse_config(edited({{12, "max_step_energy = 150"}}), "test.ini",
                                 {"--model.step=CO_g + *_s <-> CO_s s0=0.5 dG=-120",
                                  "--model.step=O2_g + 2*_s <-> 2O_s s0=0.5 dG=-1.5",
                                  "--model.step=CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s Ga=0.4 "
                                  "dG=-1.4"});
  CAF_CHECK_EQUAL(deliberate.model.max_step_energy, 150.0);
  CAF_CHECK(deliberate.warnings.empty());
  check_message(error_of(edited({{12, "max_step_energy = 0"}})), "test.ini:12",
                "'max_step_energy' must be > 0, got '0'");
}

CAF_TEST(a species only one step changes is refused unless it is a spectator) {
  // A typo in one step: OC_s for CO_s. No step makes OC_s, and CO_s is only adsorbed.
  const auto typo = error_of(
    edited({{10, "step = OC_s + O_s <-> CO-O_2s -> CO2_g + 2*_s Ga=0.4 dG=-1.4"}}));
  check_message(typo, "test.ini:10",
                "adsorbate 'OC_s' appears only in step 3 (line 10), which consumes it: no other "
                "step makes it (did you mean 'CO_s'?); adsorbate 'CO_s' appears only in step 1 "
                "(line 8), its adsorption: no other step converts it, so it only blocks sites "
                "(did you mean 'OC_s'?); at every steady state such a step is at equilibrium and "
                "carries no turnover. A species that is there on purpose (a spectator in "
                "adsorption equilibrium with its gas) goes in [model] spectators");
  // A product nothing uses: it can only fill the surface.
  check_message(error_of(base_config, {"--model.step=CO_s + O_s <-> CO-O_2s -> C_s + O2_g + *_s "
                                       "Ga=0.4 dG=-1.4",
                                       "--model.step=CO_g + *_s <-> CO_s s0=0.5 dG=-1.2",
                                       "--model.step=O2_g + 2*_s <-> 2O_s s0=0.5 dG=-1.5",
                                       "--model.step=CO_s + O_s <-> CO2_g + 2*_s dG=-1.4"}),
                "command line: --model.step=CO_s + O_s <-> CO-O_2s -> C_s + O2_g + *_s Ga=0.4 "
                "dG=-1.4",
                "adsorbate 'C_s' appears only in step 1 (the command line), which produces it: "
                "no other step uses it, so it can only fill the surface");
  // Declared spectators are accepted; a spectator must be an adsorbate.
  const auto spectator = edited({{12, "spectators = CO_s"}});
  CAF_CHECK_EQUAL(error_of(spectator, {"--model.step=CO_g + *_s <-> CO_s s0=0.5 dG=-1.2",
                                       "--model.step=O2_g + 2*_s <-> 2O_s s0=0.5 dG=-1.5",
                                       "--model.step=2O_s <-> O2_g + 2*_s dG=1.5",
                                       "--model.step=O_s + CO_g <-> CO2_g + *_s dG=-1.4"}),
                  "(no error)");
  check_message(error_of(edited({{12, "spectators = C0_s"}})), "test.ini:12",
                "spectator 'C0_s' is not an adsorbate of the mechanism (did you mean 'CO_s'?)");
  check_message(error_of(edited({{12, "spectators = *_s"}})), "test.ini:12",
                "spectator '*_s' is not an adsorbate of the mechanism");
  check_message(error_of(edited({{12, "spectators = CO_s CO_s"}})), "test.ini:12",
                "spectator 'CO_s' is named twice");
}

CAF_TEST(physically absurd values are refused with the accepted range) {
  check_cases({
    {{{2, "temperature = 1e23"}},
     "test.ini:2",
     "'temperature' 1e+23 K is outside [1, 10000] K: surface kinetics happens between 1 K and "
     "10000 K"},
    {{{2, "temperature = 0.5"}}, "test.ini:2", "'temperature' 0.5 K is outside [1, 10000] K"},
    {{{14, "x = T 300 20000 3"}}, "test.ini:14", "map x: T 20000 K is outside [1, 10000] K"},
    {{{5, "gas = CO_g mass=0.028 pressure=0.1"}},
     "test.ini:5",
     "gas CO_g: 'mass' 0.028 g/mol is outside [1, 1000] g/mol: a gas molecule weighs between "
     "1 g/mol (H) and 1000 g/mol; a molar mass in kg/mol (0.028 for CO) or a molecule's mass in "
     "kg is outside"},
    {{{5, "gas = CO_g mass=4.65e-26 pressure=0.1"}},
     "test.ini:5",
     "'mass' 4.65e-26 g/mol is outside [1, 1000] g/mol"},
    {{{4, "site_area = 9.0"}},
     "test.ini:4",
     "'site_area' 9 m^2 is outside [1e-21, 1e-17] m^2: a site covers between 0.1 and 1000 "
     "square angstrom"},
  });
  check_message(error_of(thermo_edited({{7, "species = CO_s E=-16.3 freq=2044,1e23,380"}})),
                "test.ini:7",
                "species CO_s: wavenumber 1e+23 cm^-1 is outside [0, 5000] cm^-1: real "
                "vibrations lie below 5000 cm^-1 (the highest, the H2 stretch, is 4401 cm^-1)");
  check_message(error_of(thermo_edited({{4, std::string{co_ideal}
                                              + "geometry=linear symmetry=1 "
                                                "inertia=8.9 freq=6.5e13"}})),
                "test.ini:4", "gas CO_g: wavenumber 6.5e+13 cm^-1 is outside [0, 5000] cm^-1");
}

CAF_TEST(pressure of one gas is set by its own key) {
  check_cases({
    {{{12, "pressure.N2_g = 0.1"}},
     "test.ini:12",
     "'pressure.N2_g': 'N2_g' is not a declared gas (gases: CO_g, O2_g, CO2_g)"},
    {{{12, "pressure.CO_g = -1"}}, "test.ini:12", "'pressure.CO_g' must be >= 0, got '-1'"},
  });
  check_message(error_of(base_config, {"--model.pressure.CO_g=0.1", "--model.pressure.CO_g=0.2"}),
                "command line: --model.pressure.CO_g=0.2",
                "'pressure.CO_g' is given twice (first on the command line)");
  check_message(error_of(base_config, {"--model.pressure.=1"}), "command line: --model.pressure.=1",
                "unknown key 'model.pressure.'");
}

#define CAF_SUITE kinetics.thermochemistry

#include "tests/kinetics/test_support.hpp"

#include <cmath>
#include <algorithm>
#include <fstream>
#include <tuple>
#include <sstream>
#include <string>
#include <vector>

#include "kinetics/map/map_layout.hpp"
#include "kinetics/map/solve_map.hpp"
#include "kinetics/model/constants.hpp"
#include "kinetics/model/rate_model.hpp"
#include "kinetics/model/thermochemistry.hpp"
#include "kinetics/solver/steady_state_solver.hpp"

using namespace tofmap;
using tofmap::test::parse_text;
using tofmap::test::source_path;

namespace {

/// The fields of a CSV line; "..." protects commas.
std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (char c : line) {
    if (c == '"')
      quoted = !quoted;
    else if (c == ',' && !quoted)
      fields.emplace_back();
    else
      fields.back() += c;
  }
  return fields;
}

/// One row of tests/data/thermo/ase_reference.csv.
struct ase_row {
  std::string name, model, mass, geometry, symmetry, spin, inertia, freq;
  double T = 0, G = 0, S = 0;
};

std::vector<ase_row> ase_reference() {
  std::ifstream in{source_path("tests/data/thermo/ase_reference.csv")};
  std::vector<ase_row> rows;
  std::string line;
  std::getline(in, line); // header
  while (std::getline(in, line)) {
    auto f = csv_fields(line);
    CAF_REQUIRE_EQUAL(f.size(), 11u);
    rows.push_back({f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], std::stod(f[8]),
                    std::stod(f[9]), std::stod(f[10])});
  }
  return rows;
}

/// A one-step model around the species of `row`, read from config text as users write it.
run_config model_of(const ase_row& row) {
  std::string text = "[model]\ntemperature = 500\n";
  if (row.model == "ideal_gas") {
    auto formula = row.name.substr(0, row.name.size() - 2);
    text += "gas = " + row.name + " mass=" + row.mass
            + " E=0 thermo=ideal_gas geometry=" + row.geometry + " symmetry=" + row.symmetry
            + " spin=" + row.spin + " inertia=" + row.inertia + " freq=" + row.freq + "\n";
    text += "step = " + row.name + " + *_s <-> " + formula + "_s dG=-1\n";
    text += "tof = " + row.name + "\nspectators = " + formula + "_s\n";
  } else {
    text += "gas = CO_g mass=28\nspecies = " + row.name + " E=0 thermo=harmonic freq=" + row.freq
            + "\nstep = CO_g + *_s <-> CO_s dG=-1\ntof = CO_g\nspectators = CO_s\n";
  }
  return parse_text(text + "[map]\nx = T 400 700 2\n");
}

thermo_value thermo_at(const mechanism& m, const std::string& name, double T) {
  auto i = m.find_energy(name);
  CAF_REQUIRE(i >= 0);
  species_thermo x{m.energies[static_cast<std::size_t>(i)].thermo, m.standard_pressure.pascal()};
  return x.at(T, std::log(T));
}

/// A model whose free energies all come from species: CO oxidation with ideal gases, harmonic
/// adsorbates and a harmonic transition state (numbers of the test's own, not a published set).
const std::string thermo_model = R"([model]
temperature = 550
pressure_unit = bar
site_area = 9e-20
gas = CO_g mass=28.01 pressure=0.2 E=-14.80 geometry=linear symmetry=1 inertia=8.9 freq=2170
gas = O2_g mass=31.998 pressure=0.3 E=-9.86 geometry=linear symmetry=2 spin=1 inertia=11.6 freq=1580
gas = CO2_g mass=44.01 pressure=0.01 E=-23.0 geometry=linear symmetry=2 inertia=43.0 freq=2349,1333,667,667
species = CO_s E=-16.30 freq=2044,470,380,380,60,60
species = O_s E=-6.10 freq=480,400,400
species = CO-O_2s E=E(CO_s)+E(O_s)+0.85 freq=1800,500,400,350,300,250,200,100
step = CO_g + *_s <-> CO_s s0=0.8
step = O2_g + 2*_s <-> 2O_s s0=0.2 Ga=0.05
step = CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s
tof = CO2_g

[map]
x = T 450 650 5
y = p(CO_g) 0.01 1 5 log
)";

/// ln |TOF| at `c` by Newton alone from the converged `start`.
double ln_tof_polished(steady_state_solver& solver, const conditions& c,
                       const point_result& start) {
  auto r = start;
  solver.polish(c, r);
  CAF_REQUIRE(r.ok());
  return std::log(std::fabs(r.tof));
}

} // namespace

CAF_TEST(ideal - gas and harmonic free energies agree with ASE) {
  auto rows = ase_reference();
  CAF_REQUIRE_EQUAL(rows.size(), 8u); // CO, O2, NH3 and CO_s at 400 and 700 K
  for (const auto& row : rows) {
    auto c = model_of(row);
    CAF_CHECK_EQUAL(c.model.standard_pressure.pascal(), 1e5); // ASE's reference: 1 bar
    auto v = thermo_at(c.model, row.name, row.T);
    CAF_MESSAGE(row.name << " at " << row.T << " K: G = " << tofmap::test::digits(v.correction)
                         << " eV, ASE " << tofmap::test::digits(row.G));
    CAF_CHECK_LESS_OR_EQUAL(std::fabs(v.correction - row.G), 1e-5);
    CAF_CHECK_LESS_OR_EQUAL(std::fabs(v.entropy - row.S), 1e-8);
  }
}

CAF_TEST(nasa7 follows its polynomials in both ranges) {
  // CO of GRI-Mech 3.0 (200-1000-3500 K). H/RT and S/R below were computed by hand from the
  // coefficients: the polynomial terms in exact rational arithmetic, ln T in double precision
  // (python3, fractions.Fraction; tests/data/thermo/nasa7_reference.py).
  auto c = parse_text(R"([model]
temperature = 500
gas = CO_g mass=28.01 nasa7=200,1000,3500,3.57953347,-6.1035368e-4,1.01681433e-6,9.07005884e-10,-9.04424499e-13,-14344.086,3.50840928,2.71518561,2.06252743e-3,-9.98825771e-7,2.30053008e-10,-2.03647716e-14,-14151.8724,7.81868772
step = CO_g + *_s <-> CO_s dG=-1
tof = CO_g
spectators = CO_s
[map]
x = T 300 3000 3
)");
  const double kB = constants::boltzmann_ev;
  for (auto [T, h, s] : {std::tuple{500.0, -25.15945379486, 25.59939220152},
                         {1500.0, -5.74813185149, 29.87858610035}}) {
    auto v = thermo_at(c.model, "CO_g", T);
    TOFMAP_CHECK_CLOSE(v.entropy / kB, s, 1e-11);
    TOFMAP_CHECK_CLOSE(v.correction / (kB * T), h - s, 1e-11);
  }
  // E defaults to 0 for a nasa7 species.
  CAF_CHECK(!c.model.energies[0].has_E);
  CAF_CHECK_EQUAL(c.model.energies[0].E.constant, 0.0);
}

CAF_TEST(every thermo model has dG / dT equal to minus its entropy) {
  auto rows = ase_reference();
  for (const auto& row : rows) {
    auto c = model_of(row);
    const double T = 600;
    const double h = 1e-3;
    auto up = thermo_at(c.model, row.name, T + h).correction;
    auto down = thermo_at(c.model, row.name, T - h).correction;
    auto v = thermo_at(c.model, row.name, T);
    TOFMAP_CHECK_CLOSE((up - down) / (2 * h), -v.entropy, 1e-7);
  }
}

CAF_TEST(step energies follow the species at every temperature) {
  auto c = parse_text(thermo_model);
  const auto& m = c.model;
  rate_model model{m};
  auto k = conditions::base(m);
  for (double T : {450.0, 550.0, 650.0}) {
    k.temperature = T;
    CAF_REQUIRE(model.set_conditions(k));
    auto G = [&](const char* name) { return thermo_at(m, name, T).correction; };
    auto E = [&](const char* name) {
      return m.energies[static_cast<std::size_t>(m.find_energy(name))].E.constant;
    };
    // dG of CO adsorption and barrier of CO oxidation from the species' G.
    const double dG1 = (E("CO_s") + G("CO_s")) - (E("CO_g") + G("CO_g"));
    TOFMAP_CHECK_CLOSE(model.dG(0), dG1, 1e-12);
    const double Ga3 = (E("CO_s") + E("O_s") + 0.85 + G("CO-O_2s"))
                       - (E("CO_s") + G("CO_s") + E("O_s") + G("O_s"));
    TOFMAP_CHECK_CLOSE(model.barrier(2), std::max({Ga3, model.dG(2), 0.0}), 1e-12);
    CAF_CHECK_EQUAL(model.barrier(1), 0.05); // activated sticking keeps its Ga=
    // K of the adsorption: kf/kr = exp(-dG/kT) at unit activity.
    const double kT = constants::boltzmann_ev * T;
    const double a = 0.2; // p(CO_g)/p° with p° = 1 bar
    TOFMAP_CHECK_CLOSE(model.kf(0) / a / model.kr(0), std::exp(-dG1 / kT), 1e-10);
  }
}

CAF_TEST(the same model in bar atm and Pa gives the same map) {
  // p in bar; the others write the same pressures in their unit, p° stays 1 bar.
  auto in = [](const std::string& unit, double factor) {
    auto f = [factor](double p) { return tofmap::test::digits(p * factor); };
    return std::vector<std::string>{
      "--model.pressure_unit=" + unit,
      "--model.gas=CO_g mass=28.01 pressure=" + f(0.2)
        + " E=-14.80 geometry=linear symmetry=1 inertia=8.9 freq=2170",
      "--model.gas=O2_g mass=31.998 pressure=" + f(0.3)
        + " E=-9.86 geometry=linear symmetry=2 spin=1 inertia=11.6 freq=1580",
      "--model.gas=CO2_g mass=44.01 pressure=" + f(0.01)
        + " E=-23.0 geometry=linear symmetry=2 inertia=43.0 freq=2349,1333,667,667",
      "--map.y=p(CO_g) " + f(0.01) + " " + f(1) + " 5 log"};
  };
  std::vector<map_table> maps;
  std::size_t residual_column = 0;
  for (auto [unit, factor] : {std::pair{"bar", 1.0}, {"atm", 1 / 1.01325}, {"Pa", 1e5}}) {
    auto c = parse_config(thermo_model, "test.ini", in(unit, factor));
    CAF_CHECK_EQUAL(c.model.standard_pressure.pascal(), 1e5);
    map_layout layout{c};
    maps.push_back(solve_map(c, layout));
    residual_column = 1 + c.model.surface.size();
  }
  for (std::size_t m = 1; m < maps.size(); ++m) {
    CAF_REQUIRE_EQUAL(maps[m].values.size(), maps[0].values.size());
    CAF_CHECK(maps[m].status == maps[0].status);
    double worst = 0;
    // Every column but the residual, which is rounding noise relative to the largest rate.
    for (std::size_t i = 0; i < maps[0].values.size(); ++i)
      if (i % maps[0].width != residual_column)
        worst = std::max(worst, tofmap::test::rel_diff(maps[m].values[i], maps[0].values[i]));
    CAF_MESSAGE("largest relative difference to the bar map: " << worst);
    CAF_CHECK_LESS_OR_EQUAL(worst, 1e-12);
  }
  // Every point converged, so the comparison is about numbers, not failures.
  for (auto s : maps[0].status)
    CAF_CHECK(s == point_status::converged);
}

CAF_TEST(the apparent activation energy is the total derivative over a T axis) {
  auto c = parse_config(thermo_model, "test.ini", {"--analysis.apparent_Ea=yes"});
  steady_state_solver solver{c.model, c.solver, c.analysis};
  auto result = solver.make_result();
  for (double pCO : {0.02, 0.2, 1.0}) {
    // Three points of a T axis around T0: T0(1 - δ), T0, T0(1 + δ).
    const double T0 = 550;
    const double delta = 1e-4;
    auto k = conditions::base(c.model);
    k.pressure[0] = pCO;
    k.temperature = T0;
    solver.solve(k, result);
    CAF_REQUIRE(result.ok());
    auto up = k;
    auto down = k;
    up.temperature = T0 * (1 + delta);
    down.temperature = T0 * (1 - delta);
    const double dlnT = (ln_tof_polished(solver, up, result)
                         - ln_tof_polished(solver, down, result))
                        / (2 * delta * T0);
    const double fd = constants::boltzmann_ev * T0 * T0 * dlnT;
    CAF_MESSAGE("p(CO) " << pCO << ": Ea_app " << result.apparent_Ea << " eV, finite difference "
                         << fd << " eV");
    CAF_CHECK_LESS_OR_EQUAL(std::fabs(fd - result.apparent_Ea), 1e-6 * std::fabs(fd) + 1e-9);
    // Holding the free energies at their T0 values gives another answer: the thermochemistry
    // is in the derivative.
    rate_model model{c.model};
    CAF_REQUIRE(model.set_conditions(k));
    auto fixed = k;
    for (std::size_t s = 0; s < c.model.steps.size(); ++s) {
      fixed.dG[s] = model.dG(s);
      if (!c.model.steps[s].sticking())
        fixed.Ga[s] = model.barrier(s);
    }
    auto frozen = solver.make_result();
    solver.solve(fixed, frozen);
    CAF_REQUIRE(frozen.ok());
    TOFMAP_CHECK_CLOSE(frozen.tof, result.tof, 1e-9);
    CAF_MESSAGE("  with the energies frozen at T0: " << frozen.apparent_Ea << " eV");
    CAF_CHECK_GREATER(std::fabs(frozen.apparent_Ea - result.apparent_Ea), 0.05);
  }
}

CAF_TEST(energies columns report what each step used) {
  auto c = parse_config(thermo_model, "test.ini", {"--analysis.energies=yes"});
  map_layout layout{c};
  const auto steps = c.model.steps.size();
  auto header = layout.csv_header();
  CAF_CHECK(header.find(",dG(1),dG(2),dG(3),Ga(1),Ga(2),Ga(3)") != std::string::npos);
  steady_state_solver solver{c.model, c.solver, c.analysis};
  auto result = solver.make_result();
  auto k = conditions::base(c.model);
  c.map.apply(7, k);
  solver.solve(k, result);
  rate_model model{c.model};
  CAF_REQUIRE(model.set_conditions(k));
  std::vector<double> row(layout.width());
  layout.pack(result, row.data());
  for (std::size_t s = 0; s < steps; ++s) {
    CAF_CHECK(row[layout.branches_column() - 2 * steps + s] == model.dG(s));
    CAF_CHECK(row[layout.branches_column() - steps + s] == model.barrier(s));
  }
}

CAF_TEST(the canonical text keeps species energies bit for bit) {
  auto c = parse_config(thermo_model, "test.ini",
                        {"--model.species=O_s E=-6.1000000000000005 freq=480,400,400",
                         "--model.species=CO_s E=0.5*E(O_s)-1e-3*E(CO_g)-13.25 freq=2044,470",
                         "--model.species=CO-O_2s E=-E(CO_s)+E(O_s) thermo=frozen",
                         "--model.max_step_energy=100"}); // the TS of these forms is 30 eV up
  auto text = to_ini(c);
  CAF_CHECK(text.find("\nmax_step_energy = 100\n") != std::string::npos);
  CAF_CHECK(text.find("species = CO_s E=0.5*E(O_s)-0.001*E(CO_g)-13.25 thermo=harmonic "
                      "freq=2044,470\n")
            != std::string::npos);
  CAF_CHECK(text.find("species = CO-O_2s E=-E(CO_s)+E(O_s) thermo=frozen\n") != std::string::npos);
  CAF_CHECK(text.find("gas = O2_g mass=31.998 pressure=0.3 E=-9.86 thermo=ideal_gas "
                      "geometry=linear symmetry=2 inertia=11.6 freq=1580 spin=1\n")
            != std::string::npos);
  auto d = parse_config(text, "test.ini");
  CAF_CHECK_EQUAL(to_ini(d), text);
  CAF_CHECK_EQUAL(model_hash(d), model_hash(c));
  rate_model x{c.model};
  rate_model y{d.model};
  auto k = conditions::base(c.model);
  CAF_REQUIRE(x.set_conditions(k) && y.set_conditions(k));
  for (std::size_t s = 0; s < c.model.steps.size(); ++s)
    CAF_CHECK(x.dG(s) == y.dG(s) && x.barrier(s) == y.barrier(s));
}

CAF_TEST(an E axis moves a species and every species whose E is a form of it) {
  auto c = parse_text(thermo_model);
  thermochemistry thermo{c.model};
  auto k = conditions::base(c.model);
  const auto o = static_cast<std::size_t>(c.model.find_energy("O_s"));
  const auto ts = static_cast<std::size_t>(c.model.find_energy("CO-O_2s"));
  const auto co = static_cast<std::size_t>(c.model.find_energy("CO_s"));
  thermo.evaluate(k);
  CAF_CHECK_EQUAL(thermo.E(ts), -16.30 + -6.10 + 0.85);
  k.E[o] = -5.0;
  thermo.evaluate(k);
  CAF_CHECK_EQUAL(thermo.E(o), -5.0);
  CAF_CHECK_EQUAL(thermo.E(ts), -16.30 + -5.0 + 0.85);
  CAF_CHECK_EQUAL(thermo.E(co), -16.30);
}

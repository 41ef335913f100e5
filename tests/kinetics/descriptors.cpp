#define CAF_SUITE kinetics.descriptors

#include "tests/kinetics/test_support.hpp"

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "kinetics/map/map_layout.hpp"
#include "kinetics/map/solve_map.hpp"
#include "kinetics/model/rate_model.hpp"
#include "kinetics/model/thermochemistry.hpp"
#include "kinetics/solver/steady_state_solver.hpp"

using namespace tofmap;
using tofmap::test::parse_text;
using tofmap::test::source_path;

namespace {

run_config volcano(const std::vector<std::string>& overrides = {}) {
  return read_config(source_path("configs/co_oxidation_volcano.ini"), overrides);
}

/// The volcano's model with every energy written out as a number, for one point (x, y).
std::string explicit_model(double x, double y) {
  // The scaling relations of the config, evaluated here by hand.
  const double ts_oco = 0.7 * y + 0.7 * x + 1.655;
  const double ts_oo = 1.39 * x + 3.2131;
  auto d = [](double v) { return tofmap::test::digits(v); };
  return R"([model]
temperature = 500
standard_pressure = 1 bar
gas = CO_g   mass=28.010 pressure=1 E=2.74 geometry=linear symmetry=1 inertia=8.734 freq=2170
gas = O2_g   mass=31.998 pressure=0.3333333333333333 E=5.42 geometry=linear symmetry=2 spin=1 inertia=11.664 freq=1580
gas = CO2_g  mass=44.009 pressure=0 E=2.45 geometry=linear symmetry=2 inertia=43.05 freq=1333,2349,667,667
species = O_s E=)"
         + d(x) + "\nspecies = CO_s E=" + d(y) + "\nspecies = O-CO_2s E=" + d(ts_oco)
         + "\nspecies = O-O_2s E=" + d(ts_oo) + R"(
step = CO_g + *_s <-> CO_s
step = O2_g + 2*_s <-> O-O_2s -> 2O_s
step = CO_s + O_s <-> O-CO_2s -> CO2_g + 2*_s
tof = CO2_g
[map]
x = T 500 500 1
[solver]
atol = 1e-30
)";
}

/// CO hydrogenation with two products, methane and methanol (made-up constant energies).
const std::string two_products = R"([model]
temperature = 550
gas = CO_g mass=28.01 pressure=0.3
gas = H2_g mass=2.016 pressure=0.9
gas = CH4_g mass=16.04 pressure=1e-4
gas = CH3OH_g mass=32.04 pressure=1e-4
gas = H2O_g mass=18.02 pressure=1e-4
step = CO_g + *_s <-> CO_s dG=-1.2
step = H2_g + 2*_s <-> 2H_s dG=-0.5
step = CO_s + H_s <-> CHO_s + *_s dG=0.3 Ga=0.9
step = CHO_s + H_s <-> CH2O_s + *_s dG=0.1 Ga=0.7
step = CH2O_s + H_s <-> CH3O_s + *_s dG=-0.2 Ga=0.6
step = CH3O_s + H_s <-> CH3OH_g + 2*_s dG=0.2 Ga=1.1
step = CH3O_s + *_s <-> CH3_s + O_s dG=-0.3 Ga=0.5
step = CH3_s + H_s <-> CH4_g + 2*_s dG=-0.4 Ga=0.8
step = O_s + H_s <-> OH_s + *_s dG=-0.1 Ga=0.6
step = OH_s + H_s <-> H2O_g + 2*_s dG=-0.3 Ga=0.8
tof = CH4_g CH3OH_g
[map]
x = T 500 650 4
y = p(H2_g) 0.3 3 4 log
[analysis]
production = yes
rate_control = yes
)";

} // namespace

CAF_TEST(a descriptor map equals the map of its energies written out point by point) {
  auto c = volcano({"--map.x=E(O_s) -0.5 3 8", "--map.y=E(CO_s) 0 3.5 8"});
  map_layout layout{c};
  auto table = solve_map(c, layout);
  int converged = 0;
  for (std::size_t k = 0; k < table.size(); ++k) {
    const double x = c.map.x.value(c.map.x_index(k));
    const double y = c.map.y->value(c.map.y_index(k));
    auto one = parse_text(explicit_model(x, y));
    map_layout one_layout{one};
    auto point = solve_map(one, one_layout);
    CAF_REQUIRE_EQUAL(one_layout.width(), layout.width());
    if (point.status[0] != table.status[k])
      CAF_TEST_PRINT_ERROR("point (" << x << ", " << y << "): status " << to_string(table.status[k])
                                     << ", written out " << to_string(point.status[0]));
    CAF_CHECK(point.status[0] == table.status[k]);
    for (std::size_t i = 0; i < layout.width(); ++i)
      if (i != 1 + c.model.surface.size()) // the residual is rounding noise
        TOFMAP_CHECK_CLOSE(point.row(0)[i], table.row(k)[i], 1e-9);
    converged += table.status[k] == point_status::converged;
  }
  CAF_CHECK_GREATER(converged, 50);
}

CAF_TEST(descriptors are independent species with energies) {
  auto c = volcano();
  CAF_REQUIRE_EQUAL(c.model.descriptors.size(), 2u);
  CAF_CHECK_EQUAL(c.model.energies[static_cast<std::size_t>(c.model.descriptors[0])].name, "O_s");
  CAF_CHECK(c.map.x.parameter.kind == parameter_kind::energy);
  CAF_CHECK_EQUAL(c.map.x.parameter.label, "E(O_s)");
  auto error = [](const std::vector<std::string>& overrides) {
    try {
      volcano(overrides);
    } catch (const config_error& e) {
      return std::string{e.what()};
    }
    return std::string{"(no error)"};
  };
  auto has = [](const std::string& message, const std::string& phrase) {
    auto ok = message.find(phrase) != std::string::npos;
    if (!ok)
      CAF_TEST_PRINT_ERROR("expected '" << phrase << "' in '" << message << "'");
    return ok;
  };
  CAF_CHECK(has(error({"--model.descriptors=O_s O-CO_2s"}),
                "command line: --model.descriptors=O_s O-CO_2s: descriptor 'O-CO_2s' has E as a "
                "linear form of other species"));
  CAF_CHECK(has(error({"--model.descriptors=O_s N_s"}),
                "descriptor 'N_s' has no energy (give it E= on its species or gas line)"));
  CAF_CHECK(has(error({"--model.descriptors=O_s O_s"}), "descriptor 'O_s' is named twice"));
  CAF_CHECK(has(error({"--map.x=E(O-CO_2s) 3 4 2"}),
                "map x: 'E(O-CO_2s)' is not one of the model's descriptors (O_s, CO_s)"));
  CAF_CHECK(has(error({"--map.x=E(N_s) 3 4 2"}),
                "map x: 'E(N_s)' names no species with an energy: give 'N_s' E= on its species "
                "or gas line"));
  // Without descriptors any species with an energy may be swept, a form included.
  auto text = read_config_text(source_path("configs/co_oxidation_volcano.ini"));
  text.erase(text.find("descriptors = O_s CO_s"), 22);
  auto free = parse_config(text, "volcano.ini", {"--map.x=E(O-O_2s) 3 4 2", "--map.y=T 400 600 3"});
  CAF_CHECK(free.model.descriptors.empty());
  CAF_CHECK_EQUAL(free.map.x.parameter.label, "E(O-O_2s)");
}

CAF_TEST(a descriptor map takes the solver settings it needs where the config sets none) {
  auto c = volcano(); // configs/co_oxidation_volcano.ini has no [solver]
  CAF_CHECK(c.solver.atol == 1e-30);
  CAF_CHECK(c.solver.t_max == 1e20);
  CAF_REQUIRE_EQUAL(c.notes.size(), 1u);
  CAF_CHECK_EQUAL(c.notes[0], "[solver] atol = 1e-30 and t_max = 1e+20 s: chosen for a descriptor "
                              "map (an E(SPECIES) axis), as [solver] does not set them");
  // What the user sets stays.
  auto own = volcano({"--solver.atol=1e-20"});
  CAF_CHECK(own.solver.atol == 1e-20);
  CAF_CHECK(own.solver.t_max == 1e20);
  CAF_REQUIRE_EQUAL(own.notes.size(), 1u);
  CAF_CHECK(own.notes[0].rfind("[solver] t_max = 1e+20 s: chosen", 0) == 0);
  // The same model swept over T and a pressure keeps the defaults.
  auto pressure = volcano({"--map.x=T 450 550 3", "--map.y=p(CO_g) 0.1 1 3"});
  CAF_CHECK(pressure.solver.atol == 1e-8);
  CAF_CHECK(pressure.solver.t_max == 1e12);
  CAF_CHECK(pressure.notes.empty());
  // A corner of the volcano (CO-poisoned, θ(O) ~ 1e-50) converges with them, and does not with
  // the pressure maps' defaults.
  const std::vector<std::string> corner{"--map.x=E(O_s) -1 -1 1", "--map.y=E(CO_s) 4 4 1"};
  auto solve_corner = [&corner](std::vector<std::string> more) {
    more.insert(more.end(), corner.begin(), corner.end());
    auto x = volcano(more);
    map_layout layout{x};
    return solve_map(x, layout).status[0];
  };
  CAF_CHECK(solve_corner({}) == point_status::converged);
  CAF_CHECK(solve_corner({"--solver.atol=1e-8", "--solver.t_max=1e12"}) != point_status::converged);
}

CAF_TEST(a descriptor axis mixes with a temperature axis) {
  auto c = volcano({"--map.x=E(O_s) 1 2 3", "--map.y=T 450 550 3"});
  map_layout layout{c};
  auto table = solve_map(c, layout);
  auto header = layout.csv_header();
  CAF_CHECK_EQUAL(header.substr(0, 12), "E(O_s),T,tof");
  for (auto s : table.status)
    CAF_CHECK(s == point_status::converged);
  // At fixed E(O_s) the TOF changes with T.
  CAF_CHECK_NOT_EQUAL(table.row(0)[0], table.row(1)[0]);
}

CAF_TEST(selectivities sum to one and the production rates balance every element) {
  auto c = parse_text(two_products);
  CAF_REQUIRE_EQUAL(c.model.tof_gases.size(), 2u);
  map_layout layout{c};
  auto header = layout.csv_header();
  CAF_CHECK(header.find(",rate(CO_g),rate(H2_g),rate(CH4_g),rate(CH3OH_g),rate(H2O_g),"
                        "selectivity(CH4_g),selectivity(CH3OH_g)")
            != std::string::npos);
  auto table = solve_map(c, layout);
  const auto& m = c.model;
  // The first rate(GAS) column: before the two selectivities and, with X_RC, orders or Ea_app,
  // the `undefined` column, which end the columns before the branch columns.
  const std::size_t rates = layout.branches_column() - m.gases.size() - 2
                            - (c.analysis.any() ? 1 : 0);
  rate_model model{m};
  auto conditions_k = conditions::base(m);
  std::vector<double> dtheta(m.surface.size());
  int both = 0;
  for (std::size_t k = 0; k < table.size(); ++k) {
    CAF_REQUIRE(table.status[k] == point_status::converged);
    const double* row = table.row(k);
    // The steady state holds to rounding of the largest one-way rate, which can dwarf the TOF.
    c.map.apply(k, conditions_k);
    CAF_REQUIRE(model.set_conditions(conditions_k));
    const double largest = model.rhs(row + 1, dtheta.data());
    const double tof = row[0];
    const double* rate = row + rates;
    const double* selectivity = rate + m.gases.size();
    TOFMAP_CHECK_CLOSE(rate[2] + rate[3], tof, 1e-12); // CH4 + CH3OH
    TOFMAP_CHECK_CLOSE(selectivity[0] + selectivity[1], 1.0, 1e-12);
    both += selectivity[0] > 0.1 && selectivity[1] > 0.1;
    // Σ_gas n_element(gas)·rate(gas) = 0 for C, H and O at a steady state.
    std::map<std::string, double> balance;
    for (std::size_t g = 0; g < m.gases.size(); ++g)
      for (const auto& [element, n] : m.gases[g].composition.elements)
        balance[element] += n * rate[g];
    CAF_CHECK_EQUAL(balance.size(), 3u);
    for (const auto& [element, sum] : balance) {
      if (!(std::fabs(sum) <= 1e-12 * largest))
        CAF_TEST_PRINT_ERROR("point " << k << ", element " << element << ": "
                                      << tofmap::test::digits(sum) << ", largest one-way rate "
                                      << tofmap::test::digits(largest));
      CAF_CHECK_LESS_OR_EQUAL(std::fabs(sum), 1e-12 * largest);
    }
  }
  CAF_MESSAGE(both << " of " << table.size() << " points make both products, each >= 10 %");
  CAF_CHECK_GREATER(both, 0);
}

CAF_TEST(site weights change the TOF exactly as the weighted sum of the site types) {
  auto plain = read_config(source_path("configs/nh3_ru_terrace_step.ini"),
                           {"--analysis.rate_control=yes", "--analysis.production=yes"});
  auto weighted = read_config(source_path("configs/nh3_ru_terrace_step.ini"),
                              {"--analysis.rate_control=yes", "--analysis.production=yes",
                               "--model.site=t ratio=0.98", "--model.site=s ratio=0.02"});
  CAF_REQUIRE(weighted.model.site_ratios == (std::vector<double>{0.98, 0.02}));
  steady_state_solver a{plain.model, plain.solver, plain.analysis};
  steady_state_solver b{weighted.model, weighted.solver, weighted.analysis};
  auto ra = a.make_result();
  auto rb = b.make_result();
  rate_model model{plain.model};
  auto k = conditions::base(plain.model);
  const auto nh3 = static_cast<std::size_t>(plain.model.find_gas("NH3_g"));
  for (std::size_t i = 0; i < plain.map.size(); i += 7) {
    plain.map.apply(i, k);
    a.solve(k, ra);
    b.solve(k, rb);
    CAF_REQUIRE(ra.ok() && rb.ok());
    CAF_CHECK(ra.coverage == rb.coverage); // coverages are per site of their own type
    // The NH3 made per terrace site and per step site, from the steps' rates.
    CAF_REQUIRE(model.set_conditions(k));
    std::vector<double> rf(model.num_steps()), rr(model.num_steps());
    model.rates(ra.coverage.data(), rf.data(), rr.data());
    double terrace = 0, step = 0;
    for (std::size_t s = 0; s < model.num_steps(); ++s)
      (s < 7 ? terrace : step) += model.tof_coefficient(s) * (rf[s] - rr[s]);
    TOFMAP_CHECK_CLOSE(ra.tof, terrace + step, 1e-12);
    TOFMAP_CHECK_CLOSE(rb.tof, 0.98 * terrace + 0.02 * step, 1e-12);
    TOFMAP_CHECK_CLOSE(rb.production[nh3], rb.tof, 1e-12);
    double sum = 0;
    for (auto x : rb.rate_control)
      sum += x;
    CAF_CHECK_LESS_OR_EQUAL(std::fabs(sum - 1), 1e-8); // X_RC of the weighted TOF
  }
}

CAF_TEST(site ratios are checked) {
  auto error = [](const std::vector<std::string>& overrides) {
    try {
      read_config(source_path("configs/nh3_ru_terrace_step.ini"), overrides);
    } catch (const config_error& e) {
      return std::string{e.what()};
    }
    return std::string{"(no error)"};
  };
  CAF_CHECK_EQUAL(error({"--model.site=t ratio=0.98", "--model.site=s ratio=0.2"}),
                  "command line: --model.site=s ratio=0.2: the site ratios sum to 1.18: they are "
                  "fractions of all sites and must sum to 1");
  CAF_CHECK_EQUAL(error({"--model.site=t ratio=1"}),
                  "command line: --model.site=t ratio=1: every site type needs a ratio once one "
                  "has: site type 's' has none");
  CAF_CHECK_EQUAL(error({"--model.site=x ratio=1"}),
                  "command line: --model.site=x ratio=1: site 'x' is not a site type of the model "
                  "(site types: t, s)");
  CAF_CHECK_EQUAL(error({"--model.site=t ratio=0.5", "--model.site=t ratio=0.5"}),
                  "command line: --model.site=t ratio=0.5: site 't' is given twice (first on the "
                  "command line)");
  // A step across site types of different ratios has no single weight.
  using tofmap::test::two_site_config;
  auto across = parse_config(two_site_config, "test.ini",
                             {"--model.site=t ratio=0.5", "--model.site=s ratio=0.5"});
  CAF_CHECK(across.model.site_ratios == (std::vector<double>{0.5, 0.5}));
  try {
    parse_config(two_site_config, "test.ini",
                 {"--model.site=t ratio=0.7", "--model.site=s ratio=0.3"});
    CAF_FAIL("a step across site types of different ratios was accepted");
  } catch (const config_error& e) {
    CAF_CHECK_EQUAL(std::string{e.what()},
                    "test.ini:8: step 3 involves site types s and t with different site ratios: "
                    "its rate has no single weight per site");
  }
}

CAF_TEST(a descriptor moves the species whose forms name it through chains of forms) {
  auto c = volcano({"--model.species=O_s E=1.62", "--model.species=CO_s E=1.70",
                    "--model.species=O-CO_2s E=0.7*E(CO_s)+0.7*E(O_s)+1.655",
                    "--model.species=O-O_2s E=1.39*E(O_s)+3.2131",
                    "--model.species=O2_s E=0.5*E(O-O_2s)"});
  const auto& m = c.model;
  auto names = [&m](const std::vector<int>& x) {
    std::vector<std::string> result;
    for (auto i : x)
      result.push_back(m.energies[static_cast<std::size_t>(i)].name);
    return result;
  };
  CAF_CHECK(names(m.moved_by(m.find_energy("O_s")))
            == (std::vector<std::string>{"O-CO_2s", "O-O_2s", "O2_s"}));
  CAF_CHECK(names(m.moved_by(m.find_energy("CO_s"))) == std::vector<std::string>{"O-CO_2s"});
  CAF_CHECK(m.moved_by(m.find_energy("O2_s")).empty());
  // The chain is followed at every point: O2_s sits at half the O-O transition state.
  thermochemistry thermo{m};
  auto k = conditions::base(m);
  k.E[static_cast<std::size_t>(m.find_energy("O_s"))] = 2.0;
  thermo.evaluate(k);
  CAF_CHECK(thermo.E(static_cast<std::size_t>(m.find_energy("O2_s")))
            == 0.5 * (1.39 * 2.0 + 3.2131));
}

#define CAF_SUITE kinetics.nh3_openmkm

#include "tests/kinetics/test_support.hpp"

#include <fstream>
#include <iterator>
#include <sstream>

#include "kinetics/map/map_layout.hpp"
#include "kinetics/map/solve_map.hpp"
#include "kinetics/model/rate_model.hpp"
#include "kinetics/solver/steady_state_solver.hpp"

// configs/nh3_ru_terrace_step.ini against the run OpenMKM published with its paper
// (VlachosGroup/openMKM-SI-examples, Example 2, lateral-no: surf_cov_ss.csv at the CSTR's final
// state, p(N2) = 0.160452, p(H2) = 0.490786, p(NH3) = 0.029350 atm). The step sites were at steady
// state there and agree to 4-5 digits; the terraces were still filling with N when OpenMKM stopped
// at t = 4 s (its own net rates show it), so they are not compared.

using namespace tofmap;
using tofmap::test::source_path;

namespace {

struct nh3 {
  run_config config = read_config(source_path("configs/nh3_ru_terrace_step.ini"));
  steady_state_solver solver{config.model, config.solver};
  point_result result = solver.make_result();

  void solve(double pN2, double pH2, double pNH3) {
    auto k = conditions::base(config.model);
    k.pressure[static_cast<std::size_t>(config.model.find_gas("N2_g"))] = pN2;
    k.pressure[static_cast<std::size_t>(config.model.find_gas("H2_g"))] = pH2;
    k.pressure[static_cast<std::size_t>(config.model.find_gas("NH3_g"))] = pNH3;
    solver.solve(k, result);
  }

  double theta(const std::string& name) const {
    auto i = config.model.find_surface(name);
    CAF_REQUIRE(i >= 0);
    return result.coverage[static_cast<std::size_t>(i)];
  }
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(nh3_tests, nh3)

CAF_TEST(step - site coverages agree with OpenMKM) {
  solve(0.160452, 0.490786, 0.029350);
  CAF_REQUIRE(result.ok());
  TOFMAP_CHECK_CLOSE(theta("N_s"), 0.78960, 1e-4);
  TOFMAP_CHECK_CLOSE(theta("H_s"), 0.11703, 1e-3);
  TOFMAP_CHECK_CLOSE(theta("NH_s"), 4.298e-3, 1e-3);
  TOFMAP_CHECK_CLOSE(theta("NH2_s"), 2.507e-3, 1e-3);
  TOFMAP_CHECK_CLOSE(theta("*_s"), 0.08656, 1e-3);
  CAF_CHECK_GREATER(result.tof, 0.0);
}

CAF_TEST(a point where CVODE constraints used to fail converges) {
  // With CVodeSetConstraints this point stopped at t = 2.5e-8 s with CV_CONSTR_FAIL.
  solve(0.16681005372000587, 2.3237900077244493, 0.001);
  CAF_CHECK(result.ok());
}

CAF_TEST(every point of the shipped map converges) {
  auto k = conditions::base(config.model);
  int failed = 0;
  for (std::size_t i = 0; i < config.map.size(); ++i) {
    config.map.apply(i, k);
    solver.solve(k, result);
    failed += !result.ok();
  }
  CAF_CHECK_EQUAL(failed, 0);
}

CAF_TEST_FIXTURE_SCOPE_END()

// The model's reaction free energies now come from its species' NASA7 polynomials. Until
// 2026-11-30 the config gave their 900 K values as constants, rounded to 1e-6 eV:
constexpr double constants_900K[] = {-0.102053, 0.683979,  0.713951,  -0.138485, -0.745426,
                                     -0.351692, -1.238790, -0.102053, 0.805188,  0.469844,
                                     -0.489434, -0.064794, 0.427643,  -1.340751};
// tests/data/nh3_ru_terrace_step_map.csv is the map of that config, computed by the release
// before (438a5e0): git show 438a5e0:configs/nh3_ru_terrace_step.ini > old.ini;
// tofmap run old.ini --output.dir=old (built from 438a5e0).

CAF_TEST(the polynomials give the 900 K reaction free energies of the constants) {
  auto c = read_config(source_path("configs/nh3_ru_terrace_step.ini"));
  rate_model model{c.model};
  CAF_REQUIRE(model.set_conditions(conditions::base(c.model)));
  CAF_REQUIRE_EQUAL(c.model.steps.size(), std::size(constants_900K));
  for (std::size_t s = 0; s < c.model.steps.size(); ++s) {
    CAF_CHECK(!c.model.steps[s].dG); // from the species
    CAF_CHECK_LESS_OR_EQUAL(std::fabs(model.dG(s) - constants_900K[s]), 5e-7);
  }
}

CAF_TEST(the 900 K map agrees with the map of the constants) {
  auto c = read_config(source_path("configs/nh3_ru_terrace_step.ini"));
  map_layout layout{c};
  auto table = solve_map(c, layout);
  std::ifstream in{source_path("tests/data/nh3_ru_terrace_step_map.csv")};
  std::string line;
  std::getline(in, line);
  CAF_CHECK_EQUAL(line, layout.csv_header());
  double worst = 0;
  std::size_t k = 0;
  for (; std::getline(in, line); ++k) {
    std::vector<std::string> fields;
    std::stringstream ss{line};
    for (std::string f; std::getline(ss, f, ',');)
      fields.push_back(f);
    CAF_REQUIRE_LESS(k, table.size());
    const auto species = c.model.surface.size();
    CAF_CHECK_EQUAL(fields[4 + species], to_string(table.status[k]));
    for (std::size_t i = 0; i < species + 1; ++i) // tof and coverages
      worst = std::max(worst, tofmap::test::rel_diff(std::stod(fields[2 + i]), table.row(k)[i]));
  }
  CAF_CHECK_EQUAL(k, table.size());
  // exp(5e-7 eV / kB·T) per step: the rounding of the constants, not the thermochemistry.
  CAF_MESSAGE("largest relative difference: " << tofmap::test::digits(worst));
  CAF_CHECK_LESS_OR_EQUAL(worst, 2e-5);
}

CAF_TEST(the polynomials and unrounded constants give the same map) {
  auto c = read_config(source_path("configs/nh3_ru_terrace_step.ini"));
  rate_model model{c.model};
  auto base = conditions::base(c.model);
  CAF_REQUIRE(model.set_conditions(base));
  auto pinned = base;
  for (std::size_t s = 0; s < c.model.steps.size(); ++s)
    pinned.dG[s] = model.dG(s);
  steady_state_solver solver{c.model, c.solver};
  auto a = solver.make_result();
  auto b = solver.make_result();
  for (std::size_t k = 0; k < c.map.size(); ++k) {
    auto x = base;
    auto y = pinned;
    c.map.apply(k, x);
    c.map.apply(k, y);
    solver.solve(x, a);
    solver.solve(y, b);
    CAF_CHECK(a.status == b.status);
    TOFMAP_CHECK_CLOSE(a.tof, b.tof, 1e-10);
  }
}

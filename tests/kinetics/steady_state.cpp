#define CAF_SUITE kinetics.steady_state

#include "tests/kinetics/test_support.hpp"

#include <cmath>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "kinetics/model/constants.hpp"
#include "kinetics/model/rate_model.hpp"
#include "kinetics/model/reactants.hpp"
#include "kinetics/solver/steady_state_solver.hpp"

using namespace tofmap;
using tofmap::test::parse_text;
using tofmap::test::source_path;

namespace {

double kT(double temperature) {
  return constants::boltzmann_ev * temperature;
}

/// Solves one point of a config at its base conditions (plus the given changes).
struct solved {
  run_config config;
  point_result result;

  explicit solved(run_config c) : config(std::move(c)) {
    steady_state_solver solver{config.model, config.solver, config.analysis};
    result = solver.make_result();
    solver.solve(conditions::base(config.model), result);
  }

  double theta(const std::string& name) const {
    auto i = config.model.find_surface(name);
    CAF_REQUIRE(i >= 0);
    return result.coverage[static_cast<std::size_t>(i)];
  }
};

/// The reference model (configs/co_oxidation.ini plus `overrides`) solved at (pCO, pO2) [atm].
point_result solve_reference(double pCO, double pO2,
                             const std::vector<std::string>& overrides = {}) {
  auto c = read_config(source_path("configs/co_oxidation.ini"), overrides);
  steady_state_solver solver{c.model, c.solver};
  auto r = solver.make_result();
  auto k = conditions::base(c.model);
  k.pressure[0] = pCO;
  k.pressure[1] = pO2;
  solver.solve(k, r);
  return r;
}

/// A_g + *_s <-> A_s by transition-state theory: the Langmuir isotherm θA/θ* = K·p.
std::string langmuir(double dG, double pressure) {
  using tofmap::test::digits;
  return "[model]\ntemperature = 500\ngas = CO_g mass=28 pressure=" + digits(pressure)
         + "\nstep = CO_g + *_s <-> CO_s dG=" + digits(dG)
         + "\ntof = CO_g\nspectators = CO_s\n[map]\nx = T 500 500 1\n";
}

} // namespace

CAF_TEST(the Langmuir isotherm holds) {
  for (double dG : {-0.3, -0.1, 0.0, 0.2}) {
    solved s{parse_text(langmuir(dG, 0.5))};
    CAF_REQUIRE(s.result.ok());
    const double Kp = std::exp(-dG / kT(500)) * 0.5;
    TOFMAP_CHECK_CLOSE(s.theta("*_s"), 1.0 / (1.0 + Kp), 1e-10);
    TOFMAP_CHECK_CLOSE(s.theta("CO_s"), Kp / (1.0 + Kp), 1e-10);
  }
}

CAF_TEST(the Langmuir isotherm keeps a free - site coverage of 1e-20 to relative 1e-8) {
  // K·p = 1e20 at p = 1: 1 − θ(CO_s) cancels to exactly 0 in double precision.
  const double dG = -std::log(1e20) * kT(500);
  solved s{parse_text(langmuir(dG, 1.0))};
  CAF_REQUIRE(s.result.ok());
  const double Kp = std::exp(-dG / kT(500));
  const double expected = 1.0 / (1.0 + Kp);
  CAF_CHECK(expected > 0.9e-20 && expected < 1.1e-20);
  TOFMAP_CHECK_CLOSE(s.theta("*_s"), expected, 1e-8);
  TOFMAP_CHECK_CLOSE(s.theta("CO_s"), 1.0, 1e-15);
}

CAF_TEST(competitive adsorption follows the two - gas isotherm) {
  const double dGA = -0.25;
  const double dGB = -0.05;
  const double pA = 0.3;
  const double pB = 2.0;
  auto text = "[model]\ntemperature = 450\ngas = CO_g mass=28 pressure=" + tofmap::test::digits(pA)
              + "\ngas = N2_g mass=28 pressure=" + tofmap::test::digits(pB)
              + "\nstep = CO_g + *_s <-> CO_s dG=" + tofmap::test::digits(dGA)
              + "\nstep = N2_g + *_s <-> N2_s dG=" + tofmap::test::digits(dGB)
              + "\ntof = CO_g\nspectators = CO_s N2_s\n[map]\nx = T 450 450 1\n";
  solved s{parse_text(text)};
  CAF_REQUIRE(s.result.ok());
  const double KA = std::exp(-dGA / kT(450)) * pA;
  const double KB = std::exp(-dGB / kT(450)) * pB;
  TOFMAP_CHECK_CLOSE(s.theta("*_s"), 1.0 / (1.0 + KA + KB), 1e-10);
  TOFMAP_CHECK_CLOSE(s.theta("CO_s"), KA / (1.0 + KA + KB), 1e-10);
  TOFMAP_CHECK_CLOSE(s.theta("N2_s"), KB / (1.0 + KA + KB), 1e-10);
}

CAF_TEST(a gas feed at equilibrium gives zero net TOF) {
  // CO + 1/2 O2 -> CO2 with step energies that sum to dG = 0, so K = 1 and the feed
  // p(CO2) = p(CO)·p(O2)^(1/2) is at equilibrium. Without the zero rule (docs/SOLVER.md) the TOF
  // of the last three feeds came out as rounding residues of 1e-15 to 3e-14, of either sign.
  for (auto [pCO, pO2] : {std::pair{0.1, 0.2}, {0.1, 0.5}, {0.05, 0.2}, {0.05, 0.9}}) {
    auto c = read_config(source_path("configs/co_oxidation.ini"));
    auto& m = c.model;
    m.gases[0].pressure = pCO;
    m.gases[1].pressure = pO2;
    m.gases[2].pressure = pCO * std::sqrt(pO2);
    m.steps[0].dG = -0.5;
    m.steps[1].dG = -0.6;
    m.steps[2].dG = 0.8;
    m.steps[2].Ga = 1.0;
    steady_state_solver solver{c.model, c.solver};
    auto r = solver.make_result();
    solver.solve(conditions::base(c.model), r);
    CAF_REQUIRE(r.ok());
    // Every step is at equilibrium: the net rates vanish next to the one-way rates.
    rate_model model{c.model};
    CAF_REQUIRE(model.set_conditions(conditions::base(c.model)));
    double rf[3];
    double rr[3];
    model.rates(r.coverage.data(), rf, rr);
    for (int s = 0; s < 3; ++s)
      CAF_CHECK_LESS_OR_EQUAL(std::fabs(rf[s] - rr[s]), 1e-10 * rf[s]);
    // Zero within the solver's accuracy is zero: not a rounding residue of either sign.
    if (!(r.tof == 0.0 && !std::signbit(r.tof)))
      CAF_TEST_PRINT_ERROR("(" << pCO << ", " << pO2 << "): TOF " << tofmap::test::digits(r.tof)
                               << ", expected 0");
    CAF_CHECK(r.tof == 0.0 && !std::signbit(r.tof));
  }
}

CAF_TEST(a point without a reactant reports no_reactant and TOF 0) {
  // The reference model with CO and O2 at zero pressure: CO2 (0.01 atm) can only decompose.
  auto r = solve_reference(0, 0);
  CAF_CHECK(r.status == point_status::no_reactant);
  CAF_CHECK(!is_failure(r.status));
  CAF_CHECK(r.tof == 0.0 && !std::signbit(r.tof));
  // The state the surface relaxes to: nearly empty, and steady.
  CAF_CHECK_GREATER(r.coverage[2], 0.99);
  TOFMAP_CHECK_CLOSE(r.coverage[0] + r.coverage[1] + r.coverage[2], 1.0, 1e-12);
  CAF_CHECK_LESS_OR_EQUAL(r.residual, 1e-6);
  // One reactant is not enough; both are.
  CAF_CHECK(solve_reference(0.1, 0).status == point_status::no_reactant);
  CAF_CHECK(solve_reference(0, 0.1).status == point_status::no_reactant);
  CAF_CHECK(solve_reference(0.1, 0.1).status == point_status::converged);
  // The failures are every status but converged and no_reactant.
  for (auto s :
       {point_status::newton_at_t_max, point_status::not_steady, point_status::newton_failed,
        point_status::integration_failed, point_status::bad_conditions})
    CAF_CHECK(is_failure(s));
  CAF_CHECK(!is_failure(point_status::converged));
  CAF_CHECK_EQUAL(std::string{to_string(point_status::no_reactant)}, "no_reactant");
}

CAF_TEST(the no reactant rule holds only for mechanisms that produce their tof gas) {
  // tof = CO_g, which step 1 consumes: the rule does not apply, a point is solved as it is.
  auto c = parse_text(langmuir(-0.1, 0.0));
  tof_reachability reach{c.model, c.solver.initial};
  CAF_CHECK(!reach.applies());
  CAF_CHECK(reach.producible({0.0}));
  // The reference model: made from CO and O2, whichever way the steps are written.
  auto ref = read_config(source_path("configs/co_oxidation.ini"));
  tof_reachability co{ref.model, ref.solver.initial};
  CAF_CHECK(co.applies());
  CAF_CHECK(co.producible({0.1, 0.1, 0.0}));
  CAF_CHECK(!co.producible({0.1, 0.0, 1.0})); // CO2 itself does not count
  // Starting coverages count as present: O on the surface and CO in the gas make CO2.
  auto covered = read_config(source_path("configs/co_oxidation.ini"), {"--solver.initial=O_s=0.5"});
  tof_reachability from_o{covered.model, covered.solver.initial};
  CAF_CHECK(from_o.producible({0.1, 0.0, 0.0}));
}

CAF_TEST(each site type balances to 1e-12) {
  auto c = parse_text(R"([model]
temperature = 500
gas = CO_g mass=28.01 pressure=0.5
gas = H2_g mass=2.016 pressure=1.0
gas = HCO_g mass=29.02 pressure=0.001
step = CO_g + *_s <-> CO_s dG=-0.8
step = H2_g + 2*_t <-> 2H_t dG=-0.3
step = CO_s + H_t <-> HCO_g + *_s + *_t dG=0.4 Ga=0.9
tof = HCO_g
[map]
x = T 500 500 1
)");
  solved s{c};
  CAF_REQUIRE(s.result.ok());
  CAF_CHECK_LESS_OR_EQUAL(std::fabs(s.theta("CO_s") + s.theta("*_s") - 1.0), 1e-12);
  CAF_CHECK_LESS_OR_EQUAL(std::fabs(s.theta("H_t") + s.theta("*_t") - 1.0), 1e-12);
  CAF_CHECK_GREATER(s.result.tof, 0.0);
}

CAF_TEST(the reference model reproduces the three known points) {
  point_result r;
  auto at = [&r](double pCO, double pO2) {
    r = solve_reference(pCO, pO2);
    CAF_REQUIRE(r.ok());
  };
  // Reactive branch.
  at(0.1111189, 0.3888911);
  TOFMAP_CHECK_CLOSE(r.tof, 7.7727e6, 1e-5);
  TOFMAP_CHECK_CLOSE(r.coverage[0], 0.03322, 2e-4); // θ(CO_s), known to 4 digits
  TOFMAP_CHECK_CLOSE(r.coverage[1], 0.19159, 3e-5); // θ(O_s), 5 digits
  // CO-poisoned: θ* = 1.4497e-12, where 1 − θCO − θO would cancel.
  at(0.1, 0.2);
  TOFMAP_CHECK_CLOSE(r.tof, 1.39795e-17, 1e-5);
  TOFMAP_CHECK_CLOSE(r.coverage[2], 1.4497e-12, 4e-5);
  // O-poisoned.
  at(1e-5, 0.5);
  TOFMAP_CHECK_CLOSE(r.tof, 4.8962e-2, 1e-5);
  CAF_CHECK_GREATER(r.coverage[1], 0.99);
}

CAF_TEST(the initial state decides the branch of a bistable point) {
  // The reactive point of the reference model: from the empty surface it reaches the reactive
  // branch; from a CO-covered surface the CO-poisoned one. Both are steady states.
  auto at = [](const std::vector<std::string>& overrides) {
    auto r = solve_reference(0.1111189, 0.3888911, overrides);
    CAF_CHECK(r.ok());
    return r.tof;
  };
  TOFMAP_CHECK_CLOSE(at({}), 7.7727e6, 1e-5);
  const double poisoned = at({"--solver.initial=CO_s=1"});
  CAF_CHECK_LESS(poisoned, 1e-15);
  CAF_CHECK_GREATER(poisoned, 0.0);
}

CAF_TEST(a point where CVODE constraints used to fail converges) {
  // In the bistable wedge; with CVodeSetConstraints (θ >= 0) the poisoning transient ended in
  // CV_CONSTR_FAIL here.
  auto r = solve_reference(0.15474747474747474, 0.25353535353535356);
  CAF_CHECK(r.ok());
  TOFMAP_CHECK_CLOSE(r.tof, 7.4003592482e-18, 1e-9); // CO-poisoned, as the reference tolerances say
}

CAF_TEST(a point does not depend on the points solved before it) {
  auto c = read_config(source_path("configs/co_oxidation.ini"));
  auto at = [&](steady_state_solver& solver, double pCO, double pO2) {
    auto k = conditions::base(c.model);
    k.pressure[0] = pCO;
    k.pressure[1] = pO2;
    auto r = solver.make_result();
    solver.solve(k, r);
    return r;
  };
  steady_state_solver fresh{c.model, c.solver};
  auto alone = at(fresh, 0.1, 0.2);
  steady_state_solver used{c.model, c.solver};
  at(used, 0.1111189, 0.3888911);
  at(used, 1e-5, 0.5);
  auto after = at(used, 0.1, 0.2);
  // Bit for bit: the map must be the same whichever worker solved which point.
  CAF_CHECK(std::memcmp(alone.coverage.data(), after.coverage.data(),
                        alone.coverage.size() * sizeof(double))
            == 0);
  CAF_CHECK(std::memcmp(&alone.tof, &after.tof, sizeof(double)) == 0);
  CAF_CHECK_EQUAL(alone.counts.steps, after.counts.steps);
}

CAF_TEST(conditions without finite rate constants fail with a status) {
  auto c = read_config(source_path("configs/co_oxidation.ini"));
  steady_state_solver solver{c.model, c.solver};
  auto r = solver.make_result();
  auto k = conditions::base(c.model);
  k.temperature = 0; // kB·T/h and exp(-Ga/kB·T) are meaningless
  solver.solve(k, r);
  CAF_CHECK_EQUAL(to_string(r.status), std::string{"bad_conditions"});
  CAF_CHECK(!r.ok());
}

CAF_TEST(a trajectory that is not steady by t_max says so) {
  auto r = solve_reference(0.1, 0.2, {"--solver.t_max=1e-9"});
  // At 1 ns the surface is still filling; Newton from there converges to some steady state,
  // and the status says that the trajectory had not got there.
  CAF_CHECK(r.status == point_status::newton_at_t_max || r.status == point_status::not_steady);
  CAF_CHECK_LESS_OR_EQUAL(r.counts.t_final, 1e-9 * (1 + 1e-12));
}

#define CAF_SUITE kinetics.analysis

#include "tests/kinetics/test_support.hpp"

#include <cmath>
#include <numeric>

#include "kinetics/model/constants.hpp"
#include "kinetics/solver/steady_state_solver.hpp"

using namespace tofmap;
using tofmap::test::source_path;

namespace {

/// The reference model with every analysis switched on.
run_config co_oxidation() {
  return read_config(source_path("configs/co_oxidation.ini"),
                     {"--analysis.rate_control=yes", "--analysis.orders=yes",
                      "--analysis.apparent_Ea=yes"});
}

struct fixture {
  run_config config = co_oxidation();
  steady_state_solver solver{config.model, config.solver, config.analysis};
  point_result result = solver.make_result();
  conditions base = conditions::base(config.model);

  conditions at(double pCO, double pO2) const {
    auto k = base;
    k.pressure[0] = pCO;
    k.pressure[1] = pO2;
    return k;
  }

  /// ln TOF at `k` by Newton alone, starting from the converged point in `result`.
  double ln_tof_polished(const conditions& k) {
    auto r = result;
    solver.polish(k, r);
    CAF_REQUIRE(r.ok());
    return std::log(std::fabs(r.tof));
  }

  /// The forward barrier that `k` gives step s, explicit or by the step's default rule.
  double barrier(const conditions& k, std::size_t s) const {
    const auto& st = config.model.steps[s];
    if (k.Ga[s])
      return *k.Ga[s];
    return st.sticking() ? 0.0 : std::max(0.0, *k.dG[s]);
  }
};

constexpr double delta = 1e-4;

} // namespace

CAF_TEST_FIXTURE_SCOPE(analysis_tests, fixture)

CAF_TEST(degrees of rate control sum to one on every branch) {
  for (auto [pCO, pO2] : {std::pair{0.1111189, 0.3888911}, {0.1, 0.2}, {1e-5, 0.5}, {0.3, 0.4}}) {
    solver.solve(at(pCO, pO2), result);
    CAF_REQUIRE(result.ok());
    const double sum = std::accumulate(result.rate_control.begin(), result.rate_control.end(), 0.0);
    CAF_CHECK_LESS_OR_EQUAL(std::fabs(sum - 1.0), 1e-8);
  }
}

CAF_TEST(the reactive branch is limited by the two adsorptions) {
  // With the surface reaction fast and both adsorptions irreversible, r1 = k1·pCO·θ* and
  // 2·r2 = 2·k2·pO2·θ*² = r1 give TOF = k1²·pCO²/(2·k2·pO2): X_RC = (2, -1, 0), orders (2, -1) and
  // Ea = 2·Ea1 − Ea2 with Ea of collision theory = Ga − kB·T/2.
  solver.solve(at(0.1111189, 0.3888911), result);
  CAF_REQUIRE(result.ok());
  CAF_CHECK_LESS_OR_EQUAL(std::fabs(result.rate_control[0] - 2.0), 1e-3);
  CAF_CHECK_LESS_OR_EQUAL(std::fabs(result.rate_control[1] + 1.0), 1e-3);
  CAF_CHECK_LESS_OR_EQUAL(std::fabs(result.rate_control[2]), 1e-3);
  CAF_CHECK_LESS_OR_EQUAL(std::fabs(result.orders[0] - 2.0), 1e-3);
  CAF_CHECK_LESS_OR_EQUAL(std::fabs(result.orders[1] + 1.0), 1e-3);
  const double kT = constants::boltzmann_ev * 500;
  TOFMAP_CHECK_CLOSE(result.apparent_Ea, 2 * (-kT / 2) - (0.07 - kT / 2), 1e-3);
}

CAF_TEST(analyses agree with Newton on perturbed problems) {
  for (auto [pCO, pO2] : {std::pair{0.1111189, 0.3888911}, {0.1, 0.2}, {1e-5, 0.5}}) {
    solver.solve(at(pCO, pO2), result);
    CAF_REQUIRE(result.ok());
    const auto k = at(pCO, pO2);
    const double kT = constants::boltzmann_ev * k.temperature;
    // X_RC: scale kf and kr of step s by exp(±δ) through its barrier, K fixed.
    for (std::size_t s = 0; s < config.model.steps.size(); ++s) {
      auto up = k;
      auto down = k;
      up.Ga[s] = barrier(k, s) - kT * delta;
      down.Ga[s] = barrier(k, s) + kT * delta;
      const double fd = (ln_tof_polished(up) - ln_tof_polished(down)) / (2 * delta);
      CAF_CHECK_LESS_OR_EQUAL(std::fabs(fd - result.rate_control[s]), 1e-6);
    }
    // Orders: ln p ± δ.
    for (std::size_t g = 0; g < config.model.gases.size(); ++g) {
      auto up = k;
      auto down = k;
      up.pressure[g] *= std::exp(delta);
      down.pressure[g] *= std::exp(-delta);
      const double fd = (ln_tof_polished(up) - ln_tof_polished(down)) / (2 * delta);
      CAF_CHECK_LESS_OR_EQUAL(std::fabs(fd - result.orders[g]), 1e-6);
    }
    // Apparent activation energy: kB·T²·∂ln TOF/∂T, T ± δ·T.
    auto up = k;
    auto down = k;
    up.temperature *= 1 + delta;
    down.temperature *= 1 - delta;
    const double dlnT = (ln_tof_polished(up) - ln_tof_polished(down)) / (2 * delta * k.temperature);
    const double fd = constants::boltzmann_ev * k.temperature * k.temperature * dlnT;
    CAF_CHECK_LESS_OR_EQUAL(std::fabs(fd - result.apparent_Ea), 1e-6);
  }
}

CAF_TEST(orders are undefined for a gas at zero pressure) {
  auto k = at(0.1, 0.2);
  k.pressure[2] = 0; // no CO2 in the feed
  solver.solve(k, result);
  CAF_REQUIRE(result.ok());
  CAF_CHECK(std::isnan(result.orders[2]));
  CAF_CHECK(std::isfinite(result.orders[0]));
  // Flagged: the order of gas 2 only.
  CAF_CHECK_EQUAL(result.undefined, uint64_t{1} << (undefined_bits::first_order + 2));
}

CAF_TEST(every analysis is undefined where the TOF is zero and says so) {
  // p(O2) = 0 on the CO-covered branch: no O2, no CO2 (status no_reactant), the TOF is exactly 0,
  // so ln TOF has no derivative. The raw formulas give X_RC = (nan, -inf, nan) and Ea_app = -inf
  // there (issue 10).
  solver.solve(at(0.5, 0), result);
  CAF_REQUIRE(result.status == point_status::no_reactant);
  CAF_REQUIRE_EQUAL(result.tof, 0.0);
  for (auto x : result.rate_control)
    CAF_CHECK(std::isnan(x));
  for (auto x : result.orders)
    CAF_CHECK(std::isnan(x));
  CAF_CHECK(std::isnan(result.apparent_Ea));
  const uint64_t orders = uint64_t{7} << undefined_bits::first_order; // all three gases
  CAF_CHECK_EQUAL(result.undefined,
                  undefined_bits::rate_control | undefined_bits::apparent_Ea | orders);
}

CAF_TEST(nothing is undefined at a point with a TOF and every pressure) {
  solver.solve(at(0.1, 0.2), result);
  CAF_REQUIRE(result.ok());
  CAF_CHECK_EQUAL(result.undefined, 0u);
  // Solving a point where everything is undefined, then this one, leaves no stale flag.
  solver.solve(at(0.5, 0), result);
  CAF_CHECK_NOT_EQUAL(result.undefined, 0u);
  solver.solve(at(0.1, 0.2), result);
  CAF_CHECK_EQUAL(result.undefined, 0u);
}

CAF_TEST_FIXTURE_SCOPE_END()

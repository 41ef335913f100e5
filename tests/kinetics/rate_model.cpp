#define CAF_SUITE kinetics.rate_model

#include "tests/kinetics/test_support.hpp"

#include <cmath>
#include <filesystem>
#include <random>
#include <vector>

#include "kinetics/model/constants.hpp"
#include "kinetics/model/rate_model.hpp"

using namespace tofmap;
using tofmap::test::source_path;

namespace {

std::vector<std::string> shipped_configs() {
  std::vector<std::string> result;
  for (const auto& entry : std::filesystem::directory_iterator(source_path("configs")))
    if (entry.path().extension() == ".ini")
      result.push_back(entry.path().string());
  std::sort(result.begin(), result.end());
  return result;
}

/// A random state on the simplex of each site type, coverages spread over many decades.
std::vector<double> random_state(const mechanism& m, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> decade(-12.0, 0.0);
  std::vector<double> theta(m.surface.size());
  for (std::size_t t = 0; t < m.site_types.size(); ++t) {
    double sum = 0;
    for (std::size_t i = 0; i < theta.size(); ++i)
      if (m.surface[i].site_type == static_cast<int>(t)) {
        theta[i] = std::pow(10.0, decade(rng));
        sum += theta[i] * m.surface[i].sites;
      }
    for (std::size_t i = 0; i < theta.size(); ++i)
      if (m.surface[i].site_type == static_cast<int>(t))
        theta[i] /= sum;
  }
  return theta;
}

} // namespace

CAF_TEST(the analytic Jacobian matches finite differences on every shipped config) {
  auto configs = shipped_configs();
  CAF_REQUIRE_GREATER_OR_EQUAL(configs.size(), 2u);
  std::mt19937_64 rng{20261129}; // fixed seed: a failure can be replayed
  for (const auto& path : configs) {
    CAF_MESSAGE("config " << path);
    auto c = read_config(path);
    rate_model model{c.model};
    auto k = conditions::base(c.model);
    // Test at the base conditions and at the middle of the map.
    c.map.apply(c.map.size() / 2, k);
    CAF_REQUIRE(model.set_conditions(k));
    const auto n = model.size();
    const auto steps = model.num_steps();
    for (int trial = 0; trial < 5; ++trial) {
      auto theta = random_state(c.model, rng);
      std::vector<double> jac(n * n);
      model.jacobian(theta.data(), jac.data());
      // Differentiate every step's one-way rates on their own (products, so central differences
      // keep their relative precision), assemble J = Σ_s ν_is·(∂rf_s − ∂rr_s), and compare entry
      // by entry with the scale Σ_s |ν_is|·(|∂rf_s| + |∂rr_s|): a difference of large rates that
      // cancels in dθ/dt must not hide an error, nor rounding in it fake one.
      std::vector<double> rf_up(steps), rr_up(steps), rf_down(steps), rr_down(steps);
      double worst = 0;
      for (std::size_t j = 0; j < n; ++j) {
        const double h = 1e-5 * theta[j];
        auto plus = theta;
        auto minus = theta;
        plus[j] += h;
        minus[j] -= h;
        model.rates(plus.data(), rf_up.data(), rr_up.data());
        model.rates(minus.data(), rf_down.data(), rr_down.data());
        for (std::size_t i = 0; i < n; ++i) {
          double fd = 0;
          double scale = 0;
          for (std::size_t s = 0; s < steps; ++s) {
            const double nu = model.nu(i, s);
            const double drf = (rf_up[s] - rf_down[s]) / (2 * h);
            const double drr = (rr_up[s] - rr_down[s]) / (2 * h);
            fd += nu * (drf - drr);
            scale += std::fabs(nu) * (std::fabs(drf) + std::fabs(drr));
          }
          if (scale > 0)
            worst = std::max(worst, std::fabs(jac[j * n + i] - fd) / scale);
          else
            worst = std::max(worst, std::fabs(jac[j * n + i]) > 0 ? 1.0 : 0.0);
        }
      }
      if (worst > 1e-8)
        CAF_TEST_PRINT_ERROR(path << ": worst relative difference " << worst);
      CAF_CHECK_LESS_OR_EQUAL(worst, 1e-8);
    }
  }
}

CAF_TEST(the rates conserve the sites of every site type) {
  std::mt19937_64 rng{7};
  for (const auto& path : shipped_configs()) {
    auto c = read_config(path);
    rate_model model{c.model};
    CAF_REQUIRE(model.set_conditions(conditions::base(c.model)));
    auto theta = random_state(c.model, rng);
    std::vector<double> f(model.size());
    const double largest = model.rhs(theta.data(), f.data());
    for (std::size_t t = 0; t < c.model.site_types.size(); ++t) {
      double sum = 0;
      for (std::size_t i = 0; i < f.size(); ++i)
        if (c.model.surface[i].site_type == static_cast<int>(t))
          sum += c.model.surface[i].sites * f[i];
      CAF_CHECK_LESS_OR_EQUAL(std::fabs(sum), 1e-12 * largest);
    }
  }
}

CAF_TEST(rate constants follow transition - state and collision theory) {
  auto c = read_config(source_path("configs/co_oxidation.ini"));
  rate_model model{c.model};
  auto k = conditions::base(c.model);
  k.pressure[0] = 1.0; // CO, atm
  k.pressure[1] = 1.0; // O2
  CAF_REQUIRE(model.set_conditions(k));
  const double T = 500;
  const double kT = constants::boltzmann_ev * T;
  // Step 3: TST, kf = kB·T/h·exp(-Ga/kT), kr = kf/K with K = exp(-dG/kT); CO2 at 0.01 atm.
  const double kf3 = kT / constants::planck_ev * std::exp(-0.39 / kT);
  TOFMAP_CHECK_CLOSE(model.kf(2), kf3, 1e-13);
  TOFMAP_CHECK_CLOSE(model.kr(2), kf3 / std::exp(1.479867 / kT) * 0.01, 1e-12);
  // Step 1: collision theory, s0·P·A/sqrt(2π·m·kB·T) at 1 atm = 2.03e8 s^-1 × 4/9 for CO.
  const double m = 28.0101 * constants::atomic_mass_kg;
  const double flux = constants::atm_pa * 9.0e-20
                      / std::sqrt(2 * constants::pi * m * constants::boltzmann_si * T);
  TOFMAP_CHECK_CLOSE(flux, 2.03e8, 2e-3); // the figure quoted for this model
  TOFMAP_CHECK_CLOSE(model.kf(0), 4.0 / 9.0 * flux, 1e-13);
  TOFMAP_CHECK_CLOSE(model.kr(0), 4.0 / 9.0 * flux / std::exp(1.273740 / kT), 1e-12);
  // Step 2: activated sticking, s0·exp(-Ga/kT).
  const double m2 = 31.9988 * constants::atomic_mass_kg;
  const double flux2 = constants::atm_pa * 9.0e-20
                       / std::sqrt(2 * constants::pi * m2 * constants::boltzmann_si * T);
  TOFMAP_CHECK_CLOSE(model.kf(1), 4.0 / 9.0 * std::exp(-0.07 / kT) * flux2, 1e-13);
  // Detailed balance on every step: kf/kr = K times the gas pressures of IS over FS.
  TOFMAP_CHECK_CLOSE(model.kf(1) / model.kr(1), std::exp(1.545853 / kT), 1e-12);
}

CAF_TEST(a barrierless step defaults to max(0, dG)) {
  auto c = tofmap::test::parse_text(R"([model]
temperature = 400
gas = CO_g mass=28 pressure=1
step = CO_g + *_s <-> CO_s dG=0.3
step = CO_s <-> OC_s dG=-0.2
tof = CO_g
spectators = OC_s
[map]
x = T 400 400 1
)");
  rate_model model{c.model};
  CAF_REQUIRE(model.set_conditions(conditions::base(c.model)));
  const double kT = constants::boltzmann_ev * 400;
  const double prefactor = kT / constants::planck_ev;
  TOFMAP_CHECK_CLOSE(model.kf(0), prefactor * std::exp(-0.3 / kT), 1e-13); // uphill: Ga = dG
  TOFMAP_CHECK_CLOSE(model.kr(0), prefactor, 1e-13);
  TOFMAP_CHECK_CLOSE(model.kf(1), prefactor, 1e-13); // downhill: Ga = 0
  TOFMAP_CHECK_CLOSE(model.kr(1), prefactor * std::exp(-0.2 / kT), 1e-13);
}

#define CAF_SUITE kinetics.interactions

#include "tests/kinetics/test_support.hpp"

#include <cmath>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "kinetics/config/reader.hpp"
#include "kinetics/map/map_layout.hpp"
#include "kinetics/map/solve_map.hpp"
#include "kinetics/model/constants.hpp"
#include "kinetics/model/interactions.hpp"
#include "kinetics/model/rate_model.hpp"
#include "kinetics/model/thermochemistry.hpp"
#include "kinetics/solver/steady_state_solver.hpp"

// Adsorbate interactions (docs/CONFIG.md, "Adsorbate interactions"). The contract's formulas are
// implemented a second time here, independently and as plainly as possible (hand_model), and the
// rate model must agree with them to 1e-12; the response function is checked against values
// computed by hand; the Jacobian, ∂TOF/∂θ and the analyses against finite differences.

using namespace tofmap;
using tofmap::test::check_error;
using tofmap::test::error_of;
using tofmap::test::source_path;

namespace {

const std::string pt111 = "configs/co_oxidation_pt111_interacting.ini";

// -- an independent implementation of the contract ---------------------------------------------

/// A toy model that uses every part of the contract: two site types, a given cross pair and
/// arithmetic-mean fills, an adsorbate with no interaction line of its own, a transition state
/// with its own ts_weight=, a step with a given Ga=, collision theory, reversible modified
/// Arrhenius, and a slope other than 1. COH_s, which only step 5 makes, is a declared spectator.
const std::string toy = R"([model]
temperature = 450
site_area = 9e-20
gas = CO_g mass=28 pressure=0.2 E=0
gas = O2_g mass=32 pressure=0.3 E=0
gas = CO2_g mass=44 pressure=0.01 E=-3.0
gas = H2_g mass=2 pressure=0.5 E=0
species = CO_s E=-1.4
species = O_s E=-1.0
species = H_t E=-0.3
species = COH_s E=-1.2
species = CO-O_2s E=-1.6
step = CO_g + *_s <-> CO_s
step = O2_g + 2*_s <-> 2O_s Ga=0.3
step = CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s ts_weight=0.3
step = H2_g + 2*_t <-> 2H_t s0=0.5
step = CO_s + H_t <-> COH_s + *_t A=1e12 b=0.5 Ea=0.5
tof = CO2_g
spectators = COH_s
interaction = CO_s CO_s 2.0
interaction = O_s O_s 1.0
interaction = CO_s H_t 0.4
interaction_cross = arithmetic_mean
interaction_response = smooth_piecewise_linear cutoff=0.2 smoothing=0.05 slope=1.2
[map]
x = T 450 450 1
)";

/// The response function as the contract writes it, and its derivative.
double hand_F(double t) {
  const double S = 1.2, C = 0.2, D = 0.05;
  if (t <= C - D)
    return 0;
  if (t <= C + D)
    return S * (t - (C - D)) * (t - (C - D)) / (4 * D * t);
  return S * (t - C) / t;
}

/// The toy's energies, free energies and rate constants at coverages θ, written out by hand.
/// State order: CO_s, O_s, H_t, COH_s, *_s, *_t.
struct hand_model {
  double E_CO, E_O, E_H, E_COH, E_TS; // [eV]
  double dG[5], barrier[5], kf[5], kr[5];

  explicit hand_model(const std::vector<double>& x) {
    const double co = x[0], o = x[1], h = x[2], coh = x[3];
    const double Fs = hand_F(co + o + coh), Ft = hand_F(h);
    // ε: CO-CO 2, O-O 1, CO-H 0.4 given; CO-O (2+1)/2, CO-COH (2+0)/2, O-H (1+0)/2, O-COH (1+0)/2,
    // H-H, H-COH and COH-COH 0.
    const double d_CO = Fs * (2.0 * co + 1.5 * o + 1.0 * coh) + Ft * 0.4 * h;
    const double d_O = Fs * (1.5 * co + 1.0 * o + 0.5 * coh) + Ft * 0.5 * h;
    const double d_H = Fs * (0.4 * co + 0.5 * o);
    const double d_COH = Fs * (1.0 * co + 0.5 * o);
    E_CO = -1.4 + d_CO;
    E_O = -1.0 + d_O;
    E_H = -0.3 + d_H;
    E_COH = -1.2 + d_COH;
    E_TS = -1.6 + 0.7 * (d_CO + d_O); // w = 0.3: (1 - w)·(ε_CO + ε_O) + w·0
    rates();
  }

  void rates() {
    const double T = 450, kT = constants::boltzmann_ev * T, pre = kT / constants::planck_ev;
    auto tst = [&](int s, double g, double Ga, double act_f, double act_r) {
      dG[s] = g;
      barrier[s] = std::max({Ga, g, 0.0});
      kf[s] = pre * std::exp(-barrier[s] / kT) * act_f;
      kr[s] = pre * std::exp(-(barrier[s] - g) / kT) * act_r;
    };
    tst(0, E_CO - 0, 0, 0.2, 1);      // no TS: max(0, dG)
    tst(1, 2 * E_O - 0, 0.3, 0.3, 1); // Ga=0.3 given
    tst(2, -3.0 - E_CO - E_O, E_TS - E_CO - E_O, 1, 0.01);
    // Collision theory for H2 (gas in IS): k_ads = s0·p°·A/sqrt(2π·m·kB·T), k_des = k_ads/K.
    const double m = 2 * constants::atomic_mass_kg;
    const double k_ads = 0.5 * 1e5 * 9e-20
                         / std::sqrt(2 * constants::pi * m * constants::boltzmann_si * T);
    dG[3] = 2 * E_H;
    barrier[3] = 0;
    kf[3] = k_ads * 0.5;
    kr[3] = k_ads * std::exp(dG[3] / kT);
    // Modified Arrhenius: kf = A·T^b·exp(-Ea/kT), kr = kf/K.
    dG[4] = E_COH - E_CO - E_H;
    barrier[4] = 0.5;
    kf[4] = 1e12 * std::sqrt(T) * std::exp(-0.5 / kT);
    kr[4] = kf[4] * std::exp(dG[4] / kT);
  }
};

/// Coverages on the simplex of each site type with totals spread over every region of F.
std::vector<double> random_state(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0, 1);
  const double ts = u(rng), tt = u(rng); // total adsorbate coverage of s and t
  const double a = u(rng), b = u(rng), c = u(rng);
  const double sum = a + b + c;
  return {ts * a / sum, ts * b / sum, tt, ts * c / sum, 1 - ts, 1 - tt};
}

/// The largest difference between the analytic Jacobian of `model` at θ and central differences
/// of every step's one-way rates, relative to the scale of the terms (as kinetics.rate_model).
double jacobian_error(rate_model& model, const std::vector<double>& theta) {
  const auto n = model.size(), steps = model.num_steps();
  std::vector<double> jac(n * n), up_f(steps), up_r(steps), down_f(steps), down_r(steps);
  model.jacobian(theta.data(), jac.data());
  double worst = 0;
  for (std::size_t j = 0; j < n; ++j) {
    const double h = 1e-6 * std::max(theta[j], 1e-3);
    auto plus = theta, minus = theta;
    plus[j] += h;
    minus[j] -= h;
    model.rates(plus.data(), up_f.data(), up_r.data());
    model.rates(minus.data(), down_f.data(), down_r.data());
    for (std::size_t i = 0; i < n; ++i) {
      double fd = 0, scale = 0;
      for (std::size_t s = 0; s < steps; ++s) {
        const double drf = (up_f[s] - down_f[s]) / (2 * h), drr = (up_r[s] - down_r[s]) / (2 * h);
        fd += model.nu(i, s) * (drf - drr);
        scale += std::abs(model.nu(i, s))
                 * (std::fabs(drf) + std::fabs(drr) + 1e-9 * up_f[s] + 1e-9 * up_r[s]);
      }
      if (scale > 0)
        worst = std::max(worst, std::fabs(jac[j * n + i] - fd) / scale);
    }
  }
  return worst;
}

/// The Pt(111) model with `extra` lines after its steps (line 14 on), interactions of its own left
/// out; `steps` replaces its three steps (lines 11-13).
std::string pt_with(const std::string& extra, const std::string& steps = "") {
  return "[model]\n"                                                          // 1
         "temperature = 500\n"                                                // 2
         "gas = CO_g mass=28 pressure=0.1 E=2.74\n"                           // 3
         "gas = O2_g mass=32 pressure=0.1 E=5.42\n"                           // 4
         "gas = CO2_g mass=44 E=2.45\n"                                       // 5
         "species = O_s E=1.62\n"                                             // 6
         "species = CO_s E=1.70\n"                                            // 7
         "species = O-CO_2s E=4.04\n"                                         // 8
         "species = O-O_2s E=5.35\n"                                          // 9
         "tof = CO2_g\n"                                                      // 10
         + (steps.empty() ? "step = CO_g + *_s <-> CO_s\n"                    // 11
                            "step = O2_g + 2*_s <-> O-O_2s -> 2O_s\n"         // 12
                            "step = CO_s + O_s <-> O-CO_2s -> CO2_g + 2*_s\n" // 13
                          : steps)
         + extra + "[map]\nx = p(CO_g) 0.01 1 3 log\n";
}

} // namespace

// -- the formulas ------------------------------------------------------------------------------

CAF_TEST(the response functions take the values computed by hand) {
  interaction_response linear{response_kind::linear, 1.2, 0, 0};
  CAF_CHECK(respond(linear, 0.0).F == 1.2 && respond(linear, 0.7).F == 1.2);
  CAF_CHECK(respond(linear, 0.7).dF == 0);
  interaction_response piecewise{response_kind::piecewise_linear, 1, 0.25, 0};
  CAF_CHECK(respond(piecewise, 0.2).F == 0 && respond(piecewise, 0.25).F == 0);
  TOFMAP_CHECK_CLOSE(respond(piecewise, 0.5).F, 0.5, 1e-15);  // (0.5 - 0.25)/0.5
  TOFMAP_CHECK_CLOSE(respond(piecewise, 0.5).dF, 1.0, 1e-15); // 0.25/0.5²
  interaction_response smooth{response_kind::smooth_piecewise_linear, 1, 0.25, 0.05};
  CAF_CHECK(respond(smooth, 0.15).F == 0 && respond(smooth, 0.2).F == 0);
  CAF_CHECK(respond(smooth, 0.2).dF == 0);
  // 0.22: (0.22 - 0.2)²/(4·0.05·0.22) = 0.0004/0.044; F' = 1/(4·0.05)·(1 - 0.2²/0.22²).
  TOFMAP_CHECK_CLOSE(respond(smooth, 0.22).F, 0.0004 / 0.044, 1e-14);
  TOFMAP_CHECK_CLOSE(respond(smooth, 0.22).dF, 5 * (1 - 0.04 / 0.0484), 1e-14);
  TOFMAP_CHECK_CLOSE(respond(smooth, 0.25).F, 0.05, 1e-14); // 0.05²/(0.2·0.25)
  TOFMAP_CHECK_CLOSE(respond(smooth, 0.25).dF, 1.8, 1e-14); // 5·(1 - 0.04/0.0625)
  // The parabola meets the line at C + D = 0.3 in value and slope: 1/6 and 0.25/0.09.
  TOFMAP_CHECK_CLOSE(respond(smooth, 0.3).F, 1.0 / 6, 1e-14);
  TOFMAP_CHECK_CLOSE(respond(smooth, 0.3).dF, 0.25 / 0.09, 1e-14);
  TOFMAP_CHECK_CLOSE(respond(smooth, std::nextafter(0.3, 1.0)).F, 1.0 / 6, 1e-14);
  TOFMAP_CHECK_CLOSE(respond(smooth, 0.5).F, 0.5, 1e-15);
  TOFMAP_CHECK_CLOSE(respond(smooth, 0.5).dF, 1.0, 1e-15);
  // F' is the derivative of F (central differences, every region).
  for (double t : {0.17, 0.21, 0.26, 0.29, 0.31, 0.6, 0.95}) {
    const double h = 1e-7;
    const double fd = (respond(smooth, t + h).F - respond(smooth, t - h).F) / (2 * h);
    TOFMAP_CHECK_CLOSE(respond(smooth, t).dF, fd, 1e-7);
  }
}

CAF_TEST(the energies of the Pt(111) model at one point are those computed by hand) {
  // θ(CO) = 0.3, θ(O) = 0.2: t = 0.5, F = (0.5 - 0.25)/0.5 = 0.5, ε(CO,O) = √(3.248·3.405).
  // E(CO) = 1.70 + 0.5·(3.248·0.3 + 3.3255736·0.2) = 1.70 + 0.5·(0.9744 + 0.6651147) = 2.5197574.
  auto c = read_config(source_path(pt111), {"--analysis.energies=yes"});
  rate_model model{c.model};
  CAF_REQUIRE(model.set_conditions(conditions::base(c.model)));
  const std::vector<double> theta{0.3, 0.2, 0.5}; // CO_s, O_s, *_s
  std::vector<double> E(4);
  model.interacting_energies(theta.data(), E.data()); // CO_s, O_s, O-O_2s, O-CO_2s
  TOFMAP_CHECK_CLOSE(E[0], 2.51975736347283, 1e-12);
  TOFMAP_CHECK_CLOSE(E[1], 2.459336045209245, 1e-12);
  TOFMAP_CHECK_CLOSE(E[2], 6.189336045209245, 1e-12); // w = 0.5 of 2 O_s: ε(O,·)
  TOFMAP_CHECK_CLOSE(E[3], 4.869546704341038, 1e-12); // (ε(CO,·) + ε(O,·))/2
  const auto& m = c.model;
  CAF_CHECK_EQUAL(m.energies[static_cast<std::size_t>(interacting_species(m)[2])].name, "O-O_2s");
  // Step 3 sees dG = G(CO2) - E(CO) - E(O), step 2 Ga = E(O-O) - G(O2), at these coverages.
  std::vector<double> f(3);
  model.rhs(theta.data(), f.data());
  thermochemistry thermo{m};
  thermo.evaluate(conditions::base(m));
  TOFMAP_CHECK_CLOSE(model.dG(2), thermo.G(2) - E[0] - E[1], 1e-12);
  TOFMAP_CHECK_CLOSE(model.barrier(1), E[2] - thermo.G(1), 1e-12); // Ga = E(O-O) - G(O2) > dG
  CAF_CHECK(model.barrier(2) == std::max({0.0, model.dG(2), E[3] - E[0] - E[1]}));
}

CAF_TEST(energies and rate constants follow the contract at random coverages) {
  auto c = tofmap::test::parse_text(toy);
  rate_model model{c.model};
  CAF_REQUIRE(model.interacting());
  CAF_REQUIRE(model.set_conditions(conditions::base(c.model)));
  std::mt19937_64 rng{20261207}; // fixed seed: a failure can be replayed
  std::vector<double> f(model.size()), E(5);
  for (int trial = 0; trial < 200; ++trial) {
    const auto theta = random_state(rng);
    const hand_model hand{theta};
    model.rhs(theta.data(), f.data());
    model.interacting_energies(theta.data(), E.data()); // CO_s, O_s, H_t, COH_s, CO-O_2s
    const double expected[] = {hand.E_CO, hand.E_O, hand.E_H, hand.E_COH, hand.E_TS};
    for (int i = 0; i < 5; ++i)
      TOFMAP_CHECK_CLOSE(E[static_cast<std::size_t>(i)], expected[i], 1e-12);
    for (std::size_t s = 0; s < 5; ++s) {
      TOFMAP_CHECK_CLOSE(model.dG(s), hand.dG[s], 1e-12);
      TOFMAP_CHECK_CLOSE(model.barrier(s), hand.barrier[s], 1e-12);
      TOFMAP_CHECK_CLOSE(model.kf(s), hand.kf[s], 1e-10);
      TOFMAP_CHECK_CLOSE(model.kr(s), hand.kr[s], 1e-10);
    }
  }
}

CAF_TEST(the Jacobian is exact at random coverages) {
  std::mt19937_64 rng{20261208}; // fixed seed: a failure can be replayed
  auto c = tofmap::test::parse_text(toy);
  rate_model model{c.model};
  CAF_REQUIRE(model.set_conditions(conditions::base(c.model)));
  for (int trial = 0; trial < 100; ++trial) {
    const auto theta = random_state(rng);
    const double worst = jacobian_error(model, theta);
    if (worst > 1e-7)
      CAF_TEST_PRINT_ERROR("toy, trial " << trial << ": worst relative difference " << worst);
    CAF_CHECK_LESS_OR_EQUAL(worst, 1e-7);
  }
  // The Pt(111) model with each response function, all over the simplex.
  std::uniform_real_distribution<double> u(0, 1);
  for (auto response : {"linear", "piecewise_linear cutoff=0.25",
                        "smooth_piecewise_linear cutoff=0.25 smoothing=0.05"}) {
    auto pt = read_config(source_path(pt111),
                          {std::string{"--model.interaction_response="} + response});
    rate_model m{pt.model};
    CAF_REQUIRE(m.set_conditions(conditions::base(pt.model)));
    for (int trial = 0; trial < 100; ++trial) {
      const double t = u(rng), a = u(rng);
      const std::vector<double> theta{t * a, t * (1 - a), 1 - t};
      const double worst = jacobian_error(m, theta);
      if (worst > 1e-7)
        CAF_TEST_PRINT_ERROR(response << ", θ = " << theta[0] << ", " << theta[1] << ": " << worst);
      CAF_CHECK_LESS_OR_EQUAL(worst, 1e-7);
    }
  }
}

CAF_TEST(the TOF gradient includes the interaction terms) {
  std::mt19937_64 rng{20261209};
  auto c = tofmap::test::parse_text(toy);
  rate_model model{c.model};
  CAF_REQUIRE(model.set_conditions(conditions::base(c.model)));
  const auto n = model.size();
  for (int trial = 0; trial < 50; ++trial) {
    const auto theta = random_state(rng);
    std::vector<double> grad(n);
    model.tof_gradient(theta.data(), grad.data());
    for (std::size_t j = 0; j < n; ++j) {
      const double h = 1e-6 * std::max(theta[j], 1e-3);
      auto plus = theta, minus = theta;
      plus[j] += h;
      minus[j] -= h;
      const double fd = (model.tof(plus.data()) - model.tof(minus.data())) / (2 * h);
      const double scale = std::fabs(fd) + 1e-9 * std::fabs(model.tof(theta.data())) / h;
      CAF_CHECK_LESS_OR_EQUAL(std::fabs(grad[j] - fd), 1e-6 * scale);
    }
  }
}

// -- reading -----------------------------------------------------------------------------------

CAF_TEST(interaction keys are validated with their line) {
  auto with = [](const std::string& lines) { return pt_with(lines); };
  check_error(with("interaction = CO_s 3.2\n"),
              "14: interaction: expected 'A B EPS' (two adsorbates, and ε in eV per unit "
              "coverage), got 'CO_s 3.2'");
  check_error(with("interaction = H_s CO_s 1\n"),
              "14: interaction: 'H_s' is not an adsorbate of the model (adsorbates: CO_s, O_s)");
  check_error(with("interaction = CO_s CO_g 1\n"),
              "14: interaction: 'CO_g' is a gas: interactions are between adsorbates");
  check_error(with("interaction = *_s CO_s 1\n"),
              "14: interaction: '*_s' is a free site: interactions are between adsorbates");
  check_error(with("interaction = O-CO_2s CO_s 1\n"),
              "14: interaction: 'O-CO_2s' is a transition state: a transition state inherits its "
              "interactions from its step (interaction_ts, ts_weight=)");
  check_error(with("interaction = Xy_s CO_s 1\n"),
              "14: interaction: 'Xy_s' is not a species name: ");
  check_error(with("interaction = CO_s CO_s 3.2eV\n"),
              "14: interaction: EPS must be a number, got '3.2eV'");
  check_error(with("interaction = CO_s CO_s nan\n"), "14: interaction: EPS must be a finite");
  check_error(with("interaction = CO_s O_s 3.3\ninteraction = O_s CO_s 3.4\n"),
              "15: interaction: the pair O_s CO_s is given twice with different values (3.3 on "
              "line 14, 3.4 here)");
  check_error(with("interaction = CO_s CO_s 1\ninteraction = none\n"),
              "15: interaction: 'none' (no interactions) must be the only interaction line");
}

CAF_TEST(interactions need species energies that steps use) {
  // OC_s without a species line: its steps give dG=.
  check_error(pt_with("interaction = OC_s OC_s 1\n",
                      "step = CO_g + *_s <-> OC_s dG=-0.3\n"
                      "step = O2_g + 2*_s <-> O-O_2s -> 2O_s\n"
                      "step = OC_s + O_s <-> O-CO_2s -> CO2_g + 2*_s dG=-1 Ga=0.8\n"),
              "14: interaction: 'OC_s' has no energy: interactions shift species energies (give it "
              "one: species = OC_s E=...)");
  // CO_s has an energy, but every step with it gives dG= and Ga=.
  check_error(pt_with("interaction = CO_s CO_s 1\n",
                      "step = CO_g + *_s <-> CO_s dG=-0.3\n"
                      "step = O2_g + 2*_s <-> O-O_2s -> 2O_s\n"
                      "step = CO_s + O_s <-> O-CO_2s -> CO2_g + 2*_s dG=-1 Ga=0.8\n"),
              "14: interaction: 'CO_s' is in no step that takes its energies from species (its "
              "steps give dG= and Ga=): the interaction would change nothing");
  // One step taking its Ga from species is enough.
  CAF_CHECK_EQUAL(error_of(pt_with("interaction = CO_s CO_s 1\n",
                                   "step = CO_g + *_s <-> CO_s dG=-0.3\n"
                                   "step = O2_g + 2*_s <-> O-O_2s -> 2O_s\n"
                                   "step = CO_s + O_s <-> O-CO_2s -> CO2_g + 2*_s dG=-1\n")),
                  "(no error)");
}

CAF_TEST(the checks of every model apply to interacting models) {
  const std::string pair = "interaction = CO_s CO_s 3.248\n";
  // A step beyond max_step_energy (here lowered to 0.5 eV) on the empty surface.
  check_error(pt_with(pair + "max_step_energy = 0.5\n"),
              "12: step 2 (O2_g + 2*_s <-> O-O_2s -> 2O_s): dG = -2.18 eV at 500 K, beyond the "
              "0.5 eV a step may have ([model] max_step_energy).");
  // An adsorbate that only one step changes, unless it is a declared spectator.
  const std::string dead_end = "species = OC_s E=1.70\nstep = CO_g + *_s <-> OC_s\n" + pair;
  check_error(pt_with(dead_end), "15: adsorbate 'OC_s' appears only in step 4 (line 15), its "
                                 "adsorption: no other step converts it, so it only blocks sites");
  CAF_CHECK_EQUAL(error_of(pt_with(dead_end + "spectators = OC_s\n")), "(no error)");
  // Without CO the TOF is exactly 0 and the status says why.
  auto c = read_config(source_path(pt111), {});
  steady_state_solver solver{c.model, c.solver, c.analysis};
  auto r = solver.make_result();
  auto no_co = conditions::base(c.model);
  no_co.pressure[static_cast<std::size_t>(c.model.find_gas("CO_g"))] = 0;
  solver.solve(no_co, r);
  CAF_CHECK_EQUAL(to_string(r.status), std::string{"no_reactant"});
  CAF_CHECK(r.tof == 0);
}

CAF_TEST(the response function the cross rule and the TS weight are validated) {
  auto with = [](const std::string& lines) {
    return pt_with("interaction = CO_s CO_s 3.2\n" + lines);
  };
  check_error(with("interaction_response = quadratic\n"),
              "15: interaction_response: expected 'linear [slope=S]', 'piecewise_linear cutoff=C "
              "[slope=S]' or 'smooth_piecewise_linear cutoff=C smoothing=D [slope=S]', got "
              "'quadratic'");
  check_error(with("interaction_response = linear cutoff=0.2\n"),
              "15: interaction_response: linear takes no cutoff=");
  check_error(with("interaction_response = piecewise_linear\n"),
              "15: interaction_response: piecewise_linear needs cutoff=C");
  check_error(with("interaction_response = piecewise_linear cutoff=0.2 smoothing=0.1\n"),
              "15: interaction_response: piecewise_linear takes no smoothing=");
  check_error(with("interaction_response = smooth_piecewise_linear cutoff=0.2\n"),
              "15: interaction_response: smooth_piecewise_linear needs smoothing=D");
  check_error(with("interaction_response = piecewise_linear cutoff=-0.1\n"),
              "15: interaction_response: piecewise_linear: cutoff is a total coverage in [0, 1), "
              "got -0.1");
  check_error(with("interaction_response = piecewise_linear cutoff=1\n"),
              "15: interaction_response: piecewise_linear: cutoff is a total coverage in [0, 1)");
  check_error(with("interaction_response = smooth_piecewise_linear cutoff=0.1 smoothing=0.2\n"),
              "15: interaction_response: smooth_piecewise_linear: smoothing must be > 0 and at "
              "most the cutoff");
  check_error(with("interaction_response = smooth_piecewise_linear cutoff=0.1 smoothing=0\n"),
              "15: interaction_response: smooth_piecewise_linear: smoothing must be > 0");
  check_error(with("interaction_response = linear slope=0\n"),
              "15: interaction_response: linear: slope must be > 0");
  check_error(with("interaction_response = linear slope=1 slope=2\n"),
              "15: interaction_response: 'slope' is given twice");
  check_error(with("interaction_response = linear width=2\n"),
              "15: interaction_response: unknown attribute 'width'");
  check_error(with("interaction_cross = harmonic_mean\n"),
              "15: 'interaction_cross' must be geometric_mean, arithmetic_mean or none, got "
              "'harmonic_mean'");
  check_error(with("interaction_ts = 1.5\n"), "15: 'interaction_ts' must be in [0, 1]");
  check_error(pt_with("interaction = CO_s CO_s 3.2\n",
                      "step = CO_g + *_s <-> CO_s ts_weight=0.2\n"
                      "step = O2_g + 2*_s <-> O-O_2s -> 2O_s\n"
                      "step = CO_s + O_s <-> O-CO_2s -> CO2_g + 2*_s\n"),
              "11: step 1: ts_weight= needs a transition state (IS <-> TS -> FS)");
  check_error(pt_with("interaction = CO_s CO_s 3.2\n",
                      "step = CO_g + *_s <-> CO_s\n"
                      "step = O2_g + 2*_s <-> O-O_2s -> 2O_s Ga=0.8 ts_weight=0.2\n"
                      "step = CO_s + O_s <-> O-CO_2s -> CO2_g + 2*_s\n"),
              "12: step 2: ts_weight= changes nothing: the step gives its barrier as Ga=");
  check_error(pt_with("", "step = CO_g + *_s <-> CO_s\n"
                          "step = O2_g + 2*_s <-> O-O_2s -> 2O_s ts_weight=-0.1\n"
                          "step = CO_s + O_s <-> O-CO_2s -> CO2_g + 2*_s\n"),
              "12: step 2: 'ts_weight' must be in [0, 1]");
  check_error(pt_with("interaction = CO_s CO_s 3.2\n",
                      "step = CO_g + *_s <-> CO_s\n"
                      "step = O2_g + 2*_s <-> O-O_2s -> 2O_s\n"
                      "step = CO_s + O_s <-> O-CO_2s -> CO2_g + 2*_s\n"
                      "step = CO_s + O_s <-> O-CO_2s -> CO2_g + 2*_s\n"),
              "14: step 4 writes the transition state O-CO_2s of step 3: with interactions a "
              "transition state inherits them from its one step");
}

CAF_TEST(interaction keys without interaction lines are warnings) {
  auto c = tofmap::test::parse_text(pt_with("interaction_cross = none\ninteraction_ts = 0.2\n"));
  CAF_REQUIRE_EQUAL(c.warnings.size(), 2u);
  CAF_CHECK_EQUAL(c.warnings[0],
                  "test.ini:14: 'interaction_cross' changes nothing: the model has no "
                  "'interaction' lines");
  CAF_CHECK(!c.model.interactions.any());
  // interaction = none switches them off without a word.
  auto off = read_config(source_path(pt111), {"--model.interaction=none"});
  CAF_CHECK(off.warnings.empty());
  CAF_CHECK(!off.model.interactions.any());
  // The same pair twice with the same value is a warning.
  auto twice = tofmap::test::parse_text(
    pt_with("interaction = CO_s CO_s 3.2\ninteraction = CO_s CO_s 3.2\n"));
  CAF_REQUIRE_EQUAL(twice.warnings.size(), 1u);
  CAF_CHECK_EQUAL(twice.warnings[0], "test.ini:15: interaction: the pair CO_s CO_s is given twice "
                                     "(also on line 14)");
  auto large = tofmap::test::parse_text(pt_with("interaction = CO_s CO_s 313.4\n"));
  CAF_REQUIRE_EQUAL(large.warnings.size(), 1u);
  CAF_CHECK_EQUAL(large.warnings[0], "test.ini:14: interaction: |ε| = 313.4 eV per unit coverage "
                                     "is more than 20 (kJ/mol typed as eV?)");
}

CAF_TEST(the canonical text holds the interactions and reads back the same) {
  auto c = read_config(source_path(pt111));
  const auto text = to_ini(c);
  CAF_CHECK(text.find("interaction = CO_s CO_s 3.248\ninteraction = O_s O_s 3.405\n"
                      "interaction_cross = geometric_mean\ninteraction_response = "
                      "smooth_piecewise_linear cutoff=0.25 smoothing=0.05 slope=1\n"
                      "interaction_ts = 0.5\n")
            != std::string::npos);
  auto again = parse_config(text, "again.ini");
  CAF_CHECK_EQUAL(to_ini(again), text);
  CAF_CHECK_EQUAL(model_hash(again), model_hash(c));
  // A step's ts_weight= is part of its text; without interactions nothing of them is written.
  auto toy_config = tofmap::test::parse_text(toy);
  CAF_CHECK(to_ini(toy_config).find("CO-O_2s -> CO2_g + 2*_s ts_weight=0.3\n")
            != std::string::npos);
  auto off = read_config(source_path(pt111), {"--model.interaction=none"});
  CAF_CHECK(to_ini(off).find("interaction") == std::string::npos);
  // The interactions change the model hash.
  CAF_CHECK(model_hash(off) != model_hash(c));
}

CAF_TEST(the epsilon matrix fills missing pairs by the cross rule) {
  auto c = tofmap::test::parse_text(toy);
  interaction_matrix eps{c.model};
  // State order CO_s, O_s, H_t, COH_s, *_s, *_t.
  const double expected[4][4]
    = {{2.0, 1.5, 0.4, 1.0}, {1.5, 1.0, 0.5, 0.5}, {0.4, 0.5, 0.0, 0.0}, {1.0, 0.5, 0.0, 0.0}};
  for (std::size_t i = 0; i < 4; ++i)
    for (std::size_t j = 0; j < 4; ++j)
      CAF_CHECK(eps.epsilon(i, j) == expected[i][j]);
  for (std::size_t j = 0; j < 6; ++j)
    CAF_CHECK(eps.epsilon(4, j) == 0 && eps.epsilon(j, 5) == 0); // free sites
  auto geometric = tofmap::test::parse_text(pt_with("interaction = CO_s CO_s 3.248\n"
                                                    "interaction = O_s O_s -3.405\n"));
  interaction_matrix g{geometric.model};
  TOFMAP_CHECK_CLOSE(g.epsilon(0, 1), std::sqrt(3.248 * 3.405), 1e-15); // √|ε_AA·ε_BB|
  auto none = tofmap::test::parse_text(pt_with("interaction = CO_s CO_s 3.248\n"
                                               "interaction = O_s O_s 3.405\n"
                                               "interaction_cross = none\n"));
  CAF_CHECK(interaction_matrix{none.model}.epsilon(0, 1) == 0);
}

// -- solving -----------------------------------------------------------------------------------

namespace {

/// ln TOF of the Pt(111) model at `c`, converged.
double ln_tof(steady_state_solver& solver, const conditions& c) {
  auto r = solver.make_result();
  solver.solve(c, r);
  CAF_CHECK(r.ok());
  return std::log(r.tof);
}

} // namespace

CAF_TEST(the analyses are derivatives of the steady state with the interactions in place) {
  auto c = read_config(source_path(pt111),
                       {"--analysis.rate_control=yes", "--analysis.orders=yes",
                        "--analysis.apparent_Ea=yes", "--analysis.energies=yes"});
  steady_state_solver solver{c.model, c.solver, c.analysis};
  const auto base = conditions::base(c.model); // p(CO) = p(O2) = 0.1 bar
  auto r = solver.make_result();
  solver.solve(base, r);
  CAF_REQUIRE(r.ok());
  const double kT = constants::boltzmann_ev * 500;
  // X_RC of the steps with a transition state: lowering E°(TS) by δ scales kf and kr by
  // exp(δ/kT) at every coverage (their barrier is Ga there), K fixed: X_RC = -kT·∂ln TOF/∂E°(TS).
  for (auto [step, name] : {std::pair{1, "O-O_2s"}, {2, "O-CO_2s"}}) {
    CAF_REQUIRE(r.barrier[static_cast<std::size_t>(step)] > r.dG[static_cast<std::size_t>(step)]);
    const auto i = static_cast<std::size_t>(c.model.find_energy(name));
    const double delta = 1e-5;
    auto up = base, down = base;
    up.E[i] = c.model.energies[i].E.constant + delta;
    down.E[i] = c.model.energies[i].E.constant - delta;
    const double fd = -kT * (ln_tof(solver, up) - ln_tof(solver, down)) / (2 * delta);
    CAF_MESSAGE("X_RC(" << step + 1 << ") = " << r.rate_control[static_cast<std::size_t>(step)]
                        << ", finite difference " << fd);
    CAF_CHECK_LESS_OR_EQUAL(std::fabs(r.rate_control[static_cast<std::size_t>(step)] - fd), 1e-6);
  }
  TOFMAP_CHECK_CLOSE(r.rate_control[0] + r.rate_control[1] + r.rate_control[2], 1.0, 1e-9);
  // Orders: ∂ln TOF/∂ln p.
  for (std::size_t g = 0; g < 2; ++g) {
    auto up = base, down = base;
    up.pressure[g] *= 1 + 1e-5;
    down.pressure[g] *= 1 - 1e-5;
    const double fd = (ln_tof(solver, up) - ln_tof(solver, down))
                      / (std::log(up.pressure[g]) - std::log(down.pressure[g]));
    CAF_CHECK_LESS_OR_EQUAL(std::fabs(r.orders[g] - fd), 1e-6);
  }
  // Ea_app = kB·T²·d ln TOF/dT, every free energy following T (the ε do not).
  auto hot = base, cold = base;
  hot.temperature += 1e-3;
  cold.temperature -= 1e-3;
  const double fd = constants::boltzmann_ev * 500 * 500
                    * (ln_tof(solver, hot) - ln_tof(solver, cold)) / 2e-3;
  TOFMAP_CHECK_CLOSE(r.apparent_Ea, fd, 1e-6);
  // [analysis] energies: dG, Ga and E_i(θ) at the steady state, not on the empty surface.
  rate_model model{c.model};
  CAF_REQUIRE(model.set_conditions(base));
  std::vector<double> E(4), f(3);
  model.rhs(r.coverage.data(), f.data());
  model.interacting_energies(r.coverage.data(), E.data());
  for (std::size_t s = 0; s < 3; ++s)
    CAF_CHECK(r.dG[s] == model.dG(s) && r.barrier[s] == model.barrier(s));
  for (std::size_t k = 0; k < 4; ++k)
    CAF_CHECK(r.energies[k] == E[k]);
  // θ(CO) = 0.2994, θ(O) = 1.5e-5: t = 0.2994 is on the parabola (C + D = 0.3), F = 0.165:
  // E(CO) = 1.70 + 0.161 eV.
  const double t = r.coverage[0] + r.coverage[1];
  const double F = t <= 0.3 ? (t - 0.2) * (t - 0.2) / (4 * 0.05 * t) : (t - 0.25) / t;
  TOFMAP_CHECK_CLOSE(r.energies[0],
                     1.70 + F * (3.248 * r.coverage[0] + std::sqrt(3.248 * 3.405) * r.coverage[1]),
                     1e-12);
}

CAF_TEST(the Pt(111) model reproduces CatMAP with the gas free energies CatMAP uses) {
  // The outside measurement: CatMAP's tutorial model at p(CO) = p(O2) = 0.1 bar and 500 K gives
  // θ(CO) = 0.95 and a TOF of 31 /s without interactions, 0.30 and 117 /s with them. CatMAP's
  // shomate_gas free energies at 500 K (G - E: CO -0.8168792, O2 -0.8918608, CO2 -0.7054981 eV,
  // from its NIST Shomate parameters, ZPE and its 298.15·Cp(298.15) convention) as frozen gases:
  const std::vector<std::string> catmap_gases{
    "--model.gas=CO_g mass=28.010 pressure=0.1 E=1.9231207687 thermo=frozen",
    "--model.gas=O2_g mass=31.998 pressure=0.1 E=4.5281392222 thermo=frozen",
    "--model.gas=CO2_g mass=44.009 pressure=0 E=1.7445018625 thermo=frozen"};
  auto with = read_config(source_path(pt111), catmap_gases);
  auto overrides = catmap_gases;
  overrides.push_back("--model.interaction=none");
  auto without = read_config(source_path(pt111), overrides);
  for (auto [c, theta, tof] : {std::tuple{&with, 0.30, 117.0}, {&without, 0.95, 31.0}}) {
    steady_state_solver solver{c->model, c->solver, c->analysis};
    auto r = solver.make_result();
    solver.solve(conditions::base(c->model), r);
    CAF_REQUIRE(r.ok());
    CAF_MESSAGE("θ(CO) = " << r.coverage[0] << ", TOF = " << r.tof);
    CAF_CHECK_EQUAL(std::round(r.coverage[0] * 100) / 100, theta);
    CAF_CHECK_EQUAL(std::round(r.tof), tof);
  }
}

CAF_TEST(every point of the volcano with interactions converges) {
  // 61 × 61 points over E(O_s) × E(CO_s), CatMAP's interaction parameters for Pt on every metal.
  auto c = read_config(source_path("configs/co_oxidation_volcano.ini"),
                       {"--model.interaction=CO_s CO_s 3.248", "--model.interaction=O_s O_s 3.405",
                        "--model.interaction_response=smooth_piecewise_linear cutoff=0.25 "
                        "smoothing=0.05"});
  map_layout layout{c};
  auto table = solve_map(c, layout);
  CAF_REQUIRE_EQUAL(table.size(), 3721u);
  int failed = 0;
  for (std::size_t k = 0; k < table.size(); ++k)
    if (table.status[k] != point_status::converged) {
      CAF_TEST_PRINT_ERROR("point " << k << ": " << to_string(table.status[k]));
      ++failed;
    }
  CAF_CHECK_EQUAL(failed, 0);
}

CAF_TEST(every point of the Pt(111) map converges with each response function) {
  for (auto response : {"linear", "piecewise_linear cutoff=0.25",
                        "smooth_piecewise_linear cutoff=0.25 smoothing=0.05",
                        "smooth_piecewise_linear cutoff=0.25 smoothing=0.01"}) {
    auto c = read_config(source_path(pt111),
                         {std::string{"--model.interaction_response="} + response,
                          "--map.x=p(CO_g) 1e-3 10 25 log", "--map.y=p(O2_g) 1e-3 10 25 log"});
    map_layout layout{c};
    auto table = solve_map(c, layout);
    int failed = 0;
    for (std::size_t k = 0; k < table.size(); ++k)
      failed += table.status[k] != point_status::converged;
    if (failed > 0)
      CAF_TEST_PRINT_ERROR(response << ": " << failed << " points did not converge");
    CAF_CHECK_EQUAL(failed, 0);
  }
}

CAF_TEST(map csv has the energies at the steady state only with interactions) {
  auto c = read_config(source_path(pt111), {"--analysis.energies=yes"});
  map_layout layout{c};
  CAF_CHECK_EQUAL(layout.csv_header(),
                  "p(CO_g),p(O2_g),tof,theta(CO_s),theta(O_s),theta(*_s),residual,status,"
                  "dG(1),dG(2),dG(3),Ga(1),Ga(2),Ga(3),E_theta(CO_s),E_theta(O_s),"
                  "E_theta(O-O_2s),E_theta(O-CO_2s)");
  auto off = read_config(source_path(pt111),
                         {"--analysis.energies=yes", "--model.interaction=none"});
  CAF_CHECK_EQUAL(map_layout{off}.csv_header(),
                  "p(CO_g),p(O2_g),tof,theta(CO_s),theta(O_s),theta(*_s),residual,status,"
                  "dG(1),dG(2),dG(3),Ga(1),Ga(2),Ga(3)");
}

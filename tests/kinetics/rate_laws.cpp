#define CAF_SUITE kinetics.rate_laws

#include "tests/kinetics/test_support.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "kinetics/model/constants.hpp"
#include "kinetics/model/rate_laws.hpp"
#include "kinetics/model/rate_model.hpp"
#include "kinetics/solver/steady_state_solver.hpp"

using namespace tofmap;
using tofmap::test::check_error;
using tofmap::test::error_of;

namespace {

constexpr double kB = constants::boltzmann_ev;
constexpr double h_planck = constants::planck_ev;

/// The laws' derivatives against central differences: total T derivatives with the energies
/// moving at their stated rates, and partial derivatives in dG and Ga at fixed T.
void check_derivatives(const rate_law& law, const step_energies& e, double T) {
  const auto k = law(e, temperature_terms::at(T));
  auto at = [&](double dT, double ddG, double dGa) {
    auto x = e;
    x.dG += e.dG_dT * dT + ddG;
    x.Ga += e.Ga_dT * dT + dGa;
    return law(x, temperature_terms::at(T + dT));
  };
  const double hT = 1e-4 * T;
  const double hE = 1e-5; // [eV]
  auto up = at(hT, 0, 0), down = at(-hT, 0, 0);
  CAF_CHECK_LESS_OR_EQUAL(std::fabs((up.ln_kf - down.ln_kf) / (2 * hT) - k.dlnkf_dT), 1e-8);
  auto dG_up = at(0, hE, 0), dG_down = at(0, -hE, 0);
  auto Ga_up = at(0, 0, hE), Ga_down = at(0, 0, -hE);
  CAF_CHECK_LESS_OR_EQUAL(std::fabs((dG_up.ln_kf - dG_down.ln_kf) / (2 * hE) - k.dlnkf_ddG), 1e-6);
  CAF_CHECK_LESS_OR_EQUAL(std::fabs((Ga_up.ln_kf - Ga_down.ln_kf) / (2 * hE) - k.dlnkf_dGa), 1e-6);
  if (!law.reversible()) {
    CAF_CHECK(k.ln_kr == -std::numeric_limits<double>::infinity());
    CAF_CHECK(k.dlnkr_dT == 0 && k.dlnkr_ddG == 0 && k.dlnkr_dGa == 0);
    return;
  }
  CAF_CHECK_LESS_OR_EQUAL(std::fabs((up.ln_kr - down.ln_kr) / (2 * hT) - k.dlnkr_dT), 1e-8);
  CAF_CHECK_LESS_OR_EQUAL(std::fabs((dG_up.ln_kr - dG_down.ln_kr) / (2 * hE) - k.dlnkr_ddG), 1e-6);
  CAF_CHECK_LESS_OR_EQUAL(std::fabs((Ga_up.ln_kr - Ga_down.ln_kr) / (2 * hE) - k.dlnkr_dGa), 1e-6);
}

step_energies energies(double dG, double Ga, double dG_dT = 0, double Ga_dT = 0) {
  step_energies e;
  e.dG = dG;
  e.Ga = Ga;
  e.dG_dT = dG_dT;
  e.Ga_dT = Ga_dT;
  return e;
}

} // namespace

CAF_TEST(transition - state theory takes the barrier max of Ga dG and 0) {
  const double T = 550;
  const double kT = kB * T;
  const rate_law tst{transition_state_theory{}, true};
  CAF_CHECK_EQUAL(std::string{tst.name()}, "TST");
  // One case per branch of max(Ga, dG, 0): Ga, dG, 0.
  for (auto [dG, Ga, barrier] : {std::tuple{-0.4, 0.7, 0.7}, {0.5, 0.2, 0.5}, {-0.6, -0.1, 0.0}}) {
    const auto e = energies(dG, Ga, -2e-4, 1e-4);
    const auto k = tst(e, temperature_terms::at(T));
    TOFMAP_CHECK_CLOSE(std::exp(k.ln_kf), kT / h_planck * std::exp(-barrier / kT), 1e-13);
    TOFMAP_CHECK_CLOSE(std::exp(k.ln_kr), kT / h_planck * std::exp(-(barrier - dG) / kT), 1e-13);
    CAF_CHECK(k.barrier == barrier);
    check_derivatives(tst, e, T);
  }
}

CAF_TEST(collision theory adsorbs in either direction) {
  const double T = 480;
  const double kT = kB * T;
  const double s0 = 0.3, mass = 31.9988, p0 = 1e5, area = 9e-20;
  const double flux = p0 * area
                      / std::sqrt(2 * constants::pi * mass * constants::atomic_mass_kg
                                  * constants::boltzmann_si * T);
  const double k_ads = s0 * std::exp(-0.05 / kT) * flux;
  const double K = std::exp(0.8 / kT); // dG = -0.8
  for (bool forward : {true, false}) {
    const rate_law law{collision_theory{s0, mass, p0, area, forward}, true};
    CAF_CHECK_EQUAL(std::string{law.name()}, "collision");
    const auto e = energies(-0.8, 0.05, 3e-4, 1e-5);
    const auto k = law(e, temperature_terms::at(T));
    TOFMAP_CHECK_CLOSE(std::exp(forward ? k.ln_kf : k.ln_kr), k_ads, 1e-13);
    TOFMAP_CHECK_CLOSE(std::exp(k.ln_kf - k.ln_kr), K, 1e-12); // detailed balance
    check_derivatives(law, e, T);
  }
}

CAF_TEST(modified Arrhenius gives kf from A b and Ea and kr from K) {
  const double T = 620;
  const double kT = kB * T;
  const rate_law law{modified_arrhenius{{2.5e12, -0.7, 0.83}}, true};
  CAF_CHECK_EQUAL(std::string{law.name()}, "Arrhenius");
  const auto e = energies(-0.35, 5.0, 4e-4, 1.0); // Ga is not used: neither it nor its derivative
  const auto k = law(e, temperature_terms::at(T));
  const double kf = 2.5e12 * std::pow(T, -0.7) * std::exp(-0.83 / kT);
  TOFMAP_CHECK_CLOSE(std::exp(k.ln_kf), kf, 1e-13);
  TOFMAP_CHECK_CLOSE(std::exp(k.ln_kr), kf / std::exp(0.35 / kT), 1e-13);
  CAF_CHECK(k.barrier == 0.83);
  // d ln kf/dT = b/T + Ea/(kB·T²), whatever the energies do.
  TOFMAP_CHECK_CLOSE(k.dlnkf_dT, -0.7 / T + 0.83 / (kT * T), 1e-14);
  CAF_CHECK(k.dlnkf_ddG == 0 && k.dlnkf_dGa == 0 && k.dlnkr_dGa == 0);
  check_derivatives(law, e, T);
}

CAF_TEST(an irreversible step has kr zero under every law) {
  const double T = 500;
  const auto t = temperature_terms::at(T);
  const auto e = energies(-0.3, 0.6, 1e-4, 2e-4);
  const rate_law laws[] = {{transition_state_theory{}, false},
                           {collision_theory{0.5, 28, 1e5, 9e-20, true}, false},
                           {modified_arrhenius{{1e13, 0.5, 0.9}}, false}};
  const rate_law reversible[] = {{transition_state_theory{}, true},
                                 {collision_theory{0.5, 28, 1e5, 9e-20, true}, true},
                                 {modified_arrhenius{{1e13, 0.5, 0.9}}, true}};
  for (std::size_t i = 0; i < 3; ++i) {
    CAF_CHECK(!laws[i].reversible());
    CAF_CHECK(std::exp(laws[i](e, t).ln_kr) == 0.0);
    // kf is that of the reversible step, bit for bit.
    CAF_CHECK(laws[i](e, t).ln_kf == reversible[i](e, t).ln_kf);
    check_derivatives(laws[i], e, T);
  }
  // Without a dG (NaN), TST's barrier is max(Ga, 0), and kf stays finite.
  const auto k = laws[0](energies(std::numeric_limits<double>::quiet_NaN(), 0.6), t);
  CAF_CHECK(k.barrier == 0.6);
  TOFMAP_CHECK_CLOSE(std::exp(k.ln_kf), t.kT / h_planck * std::exp(-0.6 / t.kT), 1e-13);
}

// -- steps in a config ------------------------------------------------------------------------

namespace {

/// A model whose step 2 (line 8) and map axis (line 12) each case replaces.
std::string model_with(const std::string& step2, const std::string& step3 = "",
                       const std::string& axis = "x = p(CO_g) 0.01 1 3") {
  return "[model]\n"                                    // 1
         "temperature = 500\n"                          // 2
         "site_area = 9e-20\n"                          // 3
         "gas = CO_g mass=28 pressure=0.1\n"            // 4
         "gas = O2_g mass=32 pressure=0.2\n"            // 5
         "gas = CO2_g mass=44\n"                        // 6
         "step = O2_g + 2*_s <-> 2O_s s0=0.5 dG=-1.5\n" // 7
         + step2 + "\n"                                 // 8
         + (step3.empty() ? "step = CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s Ga=0.4 dG=-1.4" : step3)
         + "\n"            // 9
           "tof = CO2_g\n" // 10
           "[map]\n"       // 11
         + axis + "\n";    // 12
}

} // namespace

CAF_TEST(inconsistent rate law attributes are errors with their line) {
  auto step2 = [](const std::string& attributes) {
    return model_with("step = CO_g + *_s <-> CO_s " + attributes);
  };
  check_error(step2("A=1e8 Ea=0.1 Ga=0.2 dG=-1.2"),
              "8: step 2: A= (modified Arrhenius) and Ga= (transition-state theory) both give kf");
  check_error(step2("s0=0.5 A=1e8 Ea=0.1 dG=-1.2"),
              "8: step 2: A= (modified Arrhenius) and s0= (collision theory) both give kf");
  check_error(step2("A=1e8 dG=-1.2"), "8: step 2: A= (modified Arrhenius) needs Ea=");
  check_error(step2("b=0.5 dG=-1.2"), "8: step 2: b= without A=: b= and Ea= are constants of "
                                      "modified Arrhenius");
  check_error(step2("Ea=0.5 dG=-1.2"), "8: step 2: Ea= without A=");
  check_error(step2("b=1 Ea=0.5 dG=-1.2"), "8: step 2: b= and Ea= without A=");
  check_error(step2("A=-1e8 Ea=0.1 dG=-1.2"), "8: step 2: 'A' must be > 0, got '-1e8'");
  check_error(step2("A=0 Ea=0.1 dG=-1.2"), "8: step 2: 'A' must be > 0, got '0'");
  check_error(step2("A=inf Ea=0.1 dG=-1.2"), "8: step 2: 'A' must be a finite number, got 'inf'");
  check_error(step2("A=nan Ea=0.1 dG=-1.2"), "8: step 2: 'A' must be a finite number, got 'nan'");
  check_error(step2("A=1e8 b=inf Ea=0.1 dG=-1.2"), "8: step 2: 'b' must be a finite number");
  check_error(step2("A=1e8 Ea=0.1eV dG=-1.2"), "8: step 2: 'Ea' must be a number, got '0.1eV'");
  check_error(step2("A=1e8 A=1e9 Ea=0.1 dG=-1.2"), "8: step 2: 'A' is given twice");
  check_error(step2("reversible=maybe dG=-1.2"),
              "8: step 2: 'reversible' must be yes or no, got 'maybe'");
  check_error(step2("reversible=false dG=-1.2"),
              "8: step 2: 'reversible' must be yes or no, got 'false'");
  check_error(step2("reversible=no reversible=no dG=-1.2"),
              "8: step 2: 'reversible' is given twice");
  check_error(step2("Ab=1 dG=-1.2"), "8: step 2: unknown attribute 'Ab=1' (expected dG=, Ga=, s0=, "
                                     "A=, b=, Ea=, reversible= or ts_weight=)");
  check_error(model_with("step = CO_g + *_s <-> CO_s dG=-1.2",
                         "step = CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s A=1e13 Ea=0.4 dG=-1.4"),
              "9: step 3: A= (modified Arrhenius) gives kf without a transition state");
  // The step that is still valid: Arrhenius with everything, and explicitly reversible.
  CAF_CHECK_EQUAL(error_of(step2("A=1e8 b=0.5 Ea=0.1 dG=-1.2 reversible=yes")), "(no error)");
}

CAF_TEST(dG is needed exactly where K or the forward rate constant uses it) {
  auto step2 = [](const std::string& attributes) {
    return model_with("step = CO_g + *_s <-> CO_s " + attributes);
  };
  // Reversible: K needs dG, whatever the law.
  check_error(step2("A=1e8 Ea=0.1"), "8: step 2 has no dG= (reaction free energy FS - IS, eV)");
  check_error(step2("Ga=0.2"), "8: step 2 has no dG=");
  // Irreversible: kr = 0 needs no K; kf needs dG only for TST's barrier max(0, dG) without Ga=
  // and without a TS, and for sticking whose gas is in the final state (kf = k_ads·K).
  CAF_CHECK_EQUAL(error_of(step2("A=1e8 Ea=0.1 reversible=no")), "(no error)");
  CAF_CHECK_EQUAL(error_of(step2("s0=0.5 reversible=no")), "(no error)");
  CAF_CHECK_EQUAL(error_of(step2("Ga=0.2 reversible=no")), "(no error)");
  CAF_CHECK_EQUAL(error_of(model_with("step = CO_g + *_s <-> CO_s dG=-1.2",
                                      "step = CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s Ga=0.4 "
                                      "reversible=no")),
                  "(no error)");
  check_error(step2("reversible=no"), "8: step 2 has no dG=");
  check_error(model_with("step = CO_s <-> CO_g + *_s s0=0.5 reversible=no"),
              "8: step 2 has no dG=");
}

CAF_TEST(a map axis must be able to change the rates of its step) {
  const auto arrhenius = "step = CO_g + *_s <-> CO_s A=1e8 Ea=0.1 dG=-1.2";
  check_error(model_with(arrhenius, "", "x = Ga(2) 0 1 3"),
              "12: map x: Ga(2) changes nothing: the step uses A= (modified Arrhenius)");
  CAF_CHECK_EQUAL(error_of(model_with(arrhenius, "", "x = dG(2) -1.5 -0.5 3")), "(no error)");
  check_error(model_with("step = CO_g + *_s <-> CO_s A=1e8 Ea=0.1 reversible=no", "",
                         "x = dG(2) -1.5 -0.5 3"),
              "12: map x: dG(2) changes nothing: the step is irreversible");
  check_error(model_with("step = CO_g + *_s <-> CO_s s0=0.5 reversible=no", "", "x = dG(2) -1 0 3"),
              "12: map x: dG(2) changes nothing");
  // Under TST, dG still enters the barrier max(Ga, dG, 0) of an irreversible step.
  CAF_CHECK_EQUAL(error_of(model_with("step = CO_g + *_s <-> CO_s Ga=0.2 reversible=no", "",
                                      "x = dG(2) -1 1 3")),
                  "(no error)");
}

CAF_TEST(the rate model folds gas activities into Arrhenius and irreversible steps) {
  auto c = tofmap::test::parse_text(
    model_with("step = CO_g + *_s <-> CO_s A=3e8 b=0.5 Ea=0.12 dG=-1.2",
               "step = CO_s + O_s <-> CO2_g + 2*_s A=1e13 Ea=0.8 reversible=no"));
  rate_model model{c.model};
  auto k = conditions::base(c.model);
  k.pressure[0] = 0.25; // CO [bar] = activity 0.25 at p° = 1 bar
  k.pressure[2] = 0.5;  // CO2: no reverse rate all the same
  CAF_REQUIRE(model.set_conditions(k));
  const double T = 500;
  const double kT = kB * T;
  const double kf2 = 3e8 * std::sqrt(T) * std::exp(-0.12 / kT);
  TOFMAP_CHECK_CLOSE(model.kf(1), kf2 * 0.25, 1e-13);
  TOFMAP_CHECK_CLOSE(model.kr(1), kf2 / std::exp(1.2 / kT), 1e-13);
  TOFMAP_CHECK_CLOSE(model.kf(2), 1e13 * std::exp(-0.8 / kT), 1e-13);
  CAF_CHECK(model.kr(2) == 0.0);
  CAF_CHECK(model.dG(2) != model.dG(2)); // NaN: no dG= and no species energies
  CAF_CHECK(model.barrier(1) == 0.12 && model.barrier(2) == 0.8);
  CAF_CHECK_EQUAL(std::string{model.law(1).name()}, "Arrhenius");
  CAF_CHECK(!model.law(2).reversible() && model.law(1).reversible());
  // d ln kf/dT = b/T + Ea/(kB·T²); d ln kr/dT adds d ln(1/K)/dT = -dG/(kB·T²).
  TOFMAP_CHECK_CLOSE(model.dlnkf_dT(1), 0.5 / T + 0.12 / (kT * T), 1e-14);
  TOFMAP_CHECK_CLOSE(model.dlnkr_dT(1), 0.5 / T + (0.12 + 1.2) / (kT * T), 1e-14);
  CAF_CHECK(model.dlnkr_dT(2) == 0.0);
  const double theta[] = {0.3, 0.2, 0.5}; // CO_s, O_s, *_s
  double rf[3], rr[3];
  model.rates(theta, rf, rr);
  TOFMAP_CHECK_CLOSE(rf[2], 1e13 * std::exp(-0.8 / kT) * 0.3 * 0.2, 1e-13);
  CAF_CHECK(rr[2] == 0.0);
}

CAF_TEST(the canonical text round trips Arrhenius and irreversible steps) {
  auto c = tofmap::test::parse_text(
    model_with("step = CO_g + *_s <-> CO_s A=3.0000000000000004e8 b=-0.5 Ea=0.12 dG=-1.2",
               "step = CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s Ga=0.4 reversible=no"));
  auto text = to_ini(c);
  CAF_CHECK(text.find("step = CO_g + *_s <-> CO_s dG=-1.2 A=300000000.00000006 b=-0.5 Ea=0.12\n")
            != std::string::npos);
  CAF_CHECK(text.find("step = CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s Ga=0.4 reversible=no\n")
            != std::string::npos);
  auto d = tofmap::test::parse_text(text);
  CAF_CHECK_EQUAL(to_ini(d), text);
  CAF_CHECK_EQUAL(model_hash(d), model_hash(c));
  const auto& x = *d.model.steps[1].arrhenius;
  CAF_CHECK(x.A == 3.0000000000000004e8 && x.b == -0.5 && x.Ea == 0.12);
  CAF_CHECK(d.model.steps[1].reversible && !d.model.steps[2].reversible);
  CAF_CHECK(!d.model.steps[2].dG && !d.model.steps[0].arrhenius);
  // Each attribute is part of the model: the hash follows it.
  auto hash = [](const std::string& step2, const std::string& step3) {
    return model_hash(tofmap::test::parse_text(model_with(step2, step3)));
  };
  const auto tst = "step = CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s Ga=0.4 dG=-1.4";
  const auto arrhenius = "step = CO_g + *_s <-> CO_s A=1e8 Ea=0.12 dG=-1.2";
  const auto base = hash(arrhenius, tst);
  CAF_CHECK_NOT_EQUAL(hash(arrhenius, std::string{tst} + " reversible=no"), base);
  CAF_CHECK_EQUAL(hash(arrhenius, std::string{tst} + " reversible=yes"), base); // the default
  CAF_CHECK_EQUAL(hash("step = CO_g + *_s <-> CO_s A=1e8 b=0 Ea=0.12 dG=-1.2", tst), base);
  CAF_CHECK_NOT_EQUAL(hash("step = CO_g + *_s <-> CO_s A=1e8 b=0.1 Ea=0.12 dG=-1.2", tst), base);
  CAF_CHECK_NOT_EQUAL(hash("step = CO_g + *_s <-> CO_s A=1e8 Ea=0.13 dG=-1.2", tst), base);
}

// -- steady states and analyses -----------------------------------------------------------------

namespace {

/// Isomerization: reversible TST adsorption, then an irreversible Arrhenius step to the product:
/// θ = kf1·p/D, TOF = k2·θ with D = kf1·p + kr1 + k2.
const std::string isomerization = R"([model]
temperature = 500
gas = C2H4O_g mass=44.05 pressure=1e-4
gas = CH3CHO_g mass=44.05
step = C2H4O_g + *_s <-> C2H4O_s dG=-0.4 Ga=0.3
step = C2H4O_s <-> CH3CHO_g + *_s A=1e11 b=0.5 Ea=0.6 reversible=no
tof = CH3CHO_g
[map]
x = T 500 500 1
[analysis]
rate_control = yes
orders = yes
apparent_Ea = yes
)";

} // namespace

CAF_TEST(an irreversible Arrhenius step gives the hand - computed steady state and analyses) {
  auto c = tofmap::test::parse_text(isomerization);
  steady_state_solver solver{c.model, c.solver, c.analysis};
  auto r = solver.make_result();
  solver.solve(conditions::base(c.model), r);
  CAF_REQUIRE(r.ok());
  const double T = 500, p = 1e-4;
  const double kT = kB * T;
  const double kf1 = kT / h_planck * std::exp(-0.3 / kT) * p;
  const double kr1 = kT / h_planck * std::exp(-0.7 / kT);
  const double k2 = 1e11 * std::sqrt(T) * std::exp(-0.6 / kT);
  const double D = kf1 + kr1 + k2;
  TOFMAP_CHECK_CLOSE(r.coverage[0], kf1 / D, 1e-10);        // C2H4O_s
  TOFMAP_CHECK_CLOSE(r.coverage[1], (kr1 + k2) / D, 1e-10); // *_s
  TOFMAP_CHECK_CLOSE(r.tof, k2 * kf1 / D, 1e-10);
  // X_RC: step 1 scales kf1 and kr1 together, step 2 (irreversible) scales k2.
  TOFMAP_CHECK_CLOSE(r.rate_control[0], k2 / D, 1e-8);
  TOFMAP_CHECK_CLOSE(r.rate_control[1], (kf1 + kr1) / D, 1e-8);
  TOFMAP_CHECK_CLOSE(r.orders[0], 1 - kf1 / D, 1e-8);
  // Ea_app = kB·T²·d ln TOF/dT, with d ln k2/dT = b/T + Ea/(kB·T²).
  const double d1f = 1 / T + 0.3 / (kT * T);
  const double d1r = 1 / T + 0.7 / (kT * T);
  const double d2 = 0.5 / T + 0.6 / (kT * T);
  const double dlnTOF = d2 + d1f - (kf1 * d1f + kr1 * d1r + k2 * d2) / D;
  TOFMAP_CHECK_CLOSE(r.apparent_Ea, kT * T * dlnTOF, 1e-8);
}

namespace {

/// Free energies from species (K of the reversible Arrhenius step moves with T), a sticking
/// step, and an irreversible Arrhenius step with b != 0.
const std::string thermo_arrhenius = R"([model]
temperature = 650
site_area = 9e-20
gas = CO_g mass=28.01 pressure=0.01 E=-14.80 geometry=linear symmetry=1 inertia=8.9 freq=2170
gas = O2_g mass=31.998 pressure=0.3 E=-9.86 geometry=linear symmetry=2 spin=1 inertia=11.6 freq=1580
gas = CO2_g mass=44.01 pressure=0.01 E=-23.0 geometry=linear symmetry=2 inertia=43.0 freq=2349,1333,667,667
species = CO_s E=-16.30 freq=2044,470,380,380,60,60
species = O_s E=-6.10 freq=480,400,400
step = CO_g + *_s <-> CO_s A=1e8 b=0.5 Ea=0.05
step = O2_g + 2*_s <-> 2O_s s0=0.2 Ga=0.05
step = CO_s + O_s <-> CO2_g + 2*_s A=2e12 b=-0.3 Ea=0.9 reversible=no
tof = CO2_g
[map]
x = T 650 650 1
[analysis]
rate_control = yes
orders = yes
apparent_Ea = yes
)";

struct thermo_fixture {
  run_config config = tofmap::test::parse_text(thermo_arrhenius);
  point_result result;

  /// ln TOF of `m` at `k` by Newton alone, from the converged point in `result`.
  double ln_tof(const mechanism& m, const conditions& k) const {
    steady_state_solver s{m, config.solver, analysis_settings{}};
    auto r = s.make_result();
    r.coverage = result.coverage;
    s.polish(k, r);
    CAF_REQUIRE(r.ok());
    return std::log(r.tof);
  }

  /// `config.model` with step s's prefactor (A or s0) times `factor`: kf and kr scale together.
  mechanism scaled(std::size_t s, double factor) const {
    auto m = config.model;
    auto& st = m.steps[s];
    if (st.arrhenius)
      st.arrhenius->A *= factor;
    else
      *st.s0 *= factor;
    return m;
  }
};

} // namespace

CAF_TEST(analyses of Arrhenius and irreversible steps agree with finite differences) {
  thermo_fixture f;
  const auto base = conditions::base(f.config.model);
  for (double pCO : {0.01, 0.001}) {
    auto k = base;
    k.pressure[0] = pCO;
    steady_state_solver solver{f.config.model, f.config.solver, f.config.analysis};
    f.result = solver.make_result();
    solver.solve(k, f.result);
    CAF_REQUIRE(f.result.ok());
    const double delta = 1e-4;
    double sum = 0;
    for (std::size_t s = 0; s < 3; ++s) {
      const double fd = (f.ln_tof(f.scaled(s, std::exp(delta)), k)
                         - f.ln_tof(f.scaled(s, std::exp(-delta)), k))
                        / (2 * delta);
      CAF_CHECK_LESS_OR_EQUAL(std::fabs(fd - f.result.rate_control[s]), 1e-6);
      sum += f.result.rate_control[s];
    }
    CAF_CHECK_LESS_OR_EQUAL(std::fabs(sum - 1), 1e-8);
    CAF_CHECK_GREATER(std::fabs(f.result.rate_control[2]), 0.05); // the test means something
    for (std::size_t g = 0; g < 3; ++g) {
      auto up = k, down = k;
      up.pressure[g] *= std::exp(delta);
      down.pressure[g] *= std::exp(-delta);
      const double fd = (f.ln_tof(f.config.model, up) - f.ln_tof(f.config.model, down))
                        / (2 * delta);
      CAF_CHECK_LESS_OR_EQUAL(std::fabs(fd - f.result.orders[g]), 1e-6);
    }
    // Ea_app: the total T derivative, with b/T, Ea/(kB·T²) and the species' G(T) in K.
    auto up = k, down = k;
    const double T = k.temperature;
    up.temperature = T * (1 + delta);
    down.temperature = T * (1 - delta);
    const double fd = kB * T * T * (f.ln_tof(f.config.model, up) - f.ln_tof(f.config.model, down))
                      / (2 * delta * T);
    CAF_CHECK_LESS_OR_EQUAL(std::fabs(fd - f.result.apparent_Ea), 1e-6);
  }
}

#define CAF_SUITE kinetics.branches

#include "tests/kinetics/test_support.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "kinetics/model/constants.hpp"
#include "kinetics/solver/branches.hpp"
#include "kinetics/solver/stability.hpp"
#include "kinetics/solver/steady_state_solver.hpp"
#include "support/allocation_counter.hpp"

using namespace tofmap;
using tofmap::test::parse_text;
using tofmap::test::rel_diff;
using tofmap::test::source_path;

namespace {

/// Relative tolerance on TOFs, coverages and eigenvalues against the reference: the solver
/// converges coverages to newton_tol = 1e-10 relative; 1e-6 leaves room for the rounding of
/// rates that are differences of large one-way rates.
constexpr double tol = 1e-6;

/// One steady state of the reference (tests/data/branches/co_oxidation_states.csv).
struct ref_state {
  double p_co = 0, p_o2 = 0;
  double theta[3] = {0, 0, 0}; // CO_s, O_s, free
  double tof = 0;
  double re[2] = {0, 0}, im[2] = {0, 0};
  bool stable = false;
  std::vector<int> starts; // the starts whose integration ends here
};

using point_key = std::pair<int, int>;

std::vector<double> split_doubles(const std::string& line, std::vector<std::string>& fields) {
  fields.clear();
  std::stringstream in{line};
  for (std::string f; std::getline(in, f, ',');)
    fields.push_back(f);
  std::vector<double> values;
  for (std::size_t k = 2; k + 2 < fields.size(); ++k)
    values.push_back(std::stod(fields[k]));
  return values;
}

ref_state parse_state(const std::string& line, point_key& key) {
  std::vector<std::string> f;
  auto v = split_doubles(line, f); // from p_CO to stable
  CAF_REQUIRE_EQUAL(f.size(), 16u);
  key = {std::stoi(f[0]), std::stoi(f[1])};
  ref_state s;
  s.p_co = v[0];
  s.p_o2 = v[1];
  std::copy(v.begin() + 4, v.begin() + 7, s.theta);
  s.tof = v[7];
  s.re[0] = v[8];
  s.im[0] = v[9];
  s.re[1] = v[10];
  s.im[1] = v[11];
  s.stable = f[14] == "1";
  std::stringstream starts{f[15]};
  for (std::string t; starts >> t;)
    if (t != "-")
      s.starts.push_back(std::stoi(t));
  return s;
}

std::map<point_key, std::vector<ref_state>> read_reference() {
  std::ifstream in{source_path("tests/data/branches/co_oxidation_states.csv")};
  CAF_REQUIRE(in.good());
  std::map<point_key, std::vector<ref_state>> points;
  std::string line;
  while (std::getline(in, line) && line.rfind('#', 0) == 0)
    ; // the header comment, then the column names
  while (std::getline(in, line)) {
    point_key key;
    auto s = parse_state(line, key);
    points[key].push_back(s);
  }
  return points;
}

/// The seed model with the three starts `empty; CO_s=1; O_s=1`.
struct seed_model {
  run_config config = read_config(source_path("configs/co_oxidation.ini"));
  int co = config.model.find_surface("CO_s");
  int o = config.model.find_surface("O_s");
  int free = config.model.find_surface("*_s");

  std::vector<double> covered_by(int species) const {
    std::vector<double> theta(config.model.surface.size(), 0.0);
    theta[static_cast<std::size_t>(species)] = 1.0;
    return theta;
  }
  std::vector<std::vector<double>> starts() const { return {{}, covered_by(co), covered_by(o)}; }
  conditions at(double p_co, double p_o2) const {
    auto c = conditions::base(config.model);
    c.pressure[static_cast<std::size_t>(config.model.find_gas("CO_g"))] = p_co;
    c.pressure[static_cast<std::size_t>(config.model.find_gas("O2_g"))] = p_o2;
    return c;
  }
  double theta(const point_result& r, int k) const {
    const int index[3] = {co, o, free};
    return r.coverage[static_cast<std::size_t>(index[k])];
  }
};

/// The reference states the starts reach, in the order tofmap lists branches (first start).
std::vector<ref_state> reached(const std::vector<ref_state>& states) {
  std::vector<ref_state> out;
  for (const auto& s : states)
    if (!s.starts.empty())
      out.push_back(s);
  std::sort(out.begin(), out.end(),
            [](const ref_state& a, const ref_state& b) { return a.starts[0] < b.starts[0]; });
  return out;
}

/// Eigenvalues sorted by real part, largest first.
std::vector<double> real_parts(const Eigen::VectorXcd& lambda) {
  std::vector<double> re;
  for (Eigen::Index k = 0; k < lambda.size(); ++k)
    re.push_back(lambda[k].real());
  std::sort(re.rbegin(), re.rend());
  return re;
}

void check_state(const seed_model& m, const point_result& r, const ref_state& s) {
  for (int k = 0; k < 3; ++k)
    TOFMAP_CHECK_CLOSE(m.theta(r, k), s.theta[k], tol);
  TOFMAP_CHECK_CLOSE(r.tof, s.tof, tol);
}

void check_eigenvalues(const stability_test& test, const ref_state& s) {
  auto re = real_parts(test.eigenvalues());
  CAF_REQUIRE_EQUAL(re.size(), 2u);
  CAF_CHECK(s.im[0] == 0 && s.im[1] == 0);
  TOFMAP_CHECK_CLOSE(re[0], std::max(s.re[0], s.re[1]), tol);
  TOFMAP_CHECK_CLOSE(re[1], std::min(s.re[0], s.re[1]), tol);
}

/// The verdict on the reference state `s` (not solved: put in as it is) at the solver's last point.
stability_verdict verdict_on(const seed_model& m, steady_state_solver& solver, stability_test& test,
                             const ref_state& s) {
  std::vector<double> theta(m.config.model.surface.size());
  theta[static_cast<std::size_t>(m.co)] = s.theta[0];
  theta[static_cast<std::size_t>(m.o)] = s.theta[1];
  theta[static_cast<std::size_t>(m.free)] = s.theta[2];
  const auto n = static_cast<Eigen::Index>(theta.size());
  Eigen::MatrixXd jac(n, n);
  solver.rate_jacobian(theta.data(), jac.data());
  return test.check(jac.data(), theta.data());
}

double kT(double temperature) {
  return constants::boltzmann_ev * temperature;
}

} // namespace

CAF_TEST(the reference finds the seed model bistable on part of the grid) {
  auto points = read_reference();
  CAF_REQUIRE_EQUAL(points.size(), 256u);
  std::size_t bistable = 0;
  for (const auto& [key, states] : points) {
    CAF_CHECK(states.size() == 1 || states.size() == 3);
    bistable += reached(states).size() > 1;
  }
  CAF_MESSAGE(bistable << " of 256 points are bistable");
  CAF_CHECK_GREATER(bistable, 20u);
  CAF_CHECK_LESS(bistable, 236u);
}

CAF_TEST(three starts find the reference states on the 16 x 16 grid) {
  seed_model m;
  steady_state_solver solver{m.config.model, m.config.solver};
  branch_search search{solver, m.starts()};
  stability_test unstable_test{m.config.model};
  for (const auto& [key, states] : read_reference()) {
    const auto expected = reached(states);
    search.solve(m.at(states[0].p_co, states[0].p_o2));
    if (search.count() != expected.size())
      CAF_MESSAGE("point " << key.first << "," << key.second);
    CAF_REQUIRE_EQUAL(search.count(), expected.size());
    double lo = expected[0].tof, hi = expected[0].tof;
    for (std::size_t k = 0; k < expected.size(); ++k) {
      CAF_CHECK_EQUAL(search.at(k).start, static_cast<std::size_t>(expected[k].starts[0]));
      check_state(m, search.state(k), expected[k]);
      // Integration reaches stable states only: the reference and tofmap agree that they are.
      CAF_CHECK(expected[k].stable);
      CAF_CHECK(search.at(k).stability.stable);
      lo = std::min(lo, expected[k].tof);
      hi = std::max(hi, expected[k].tof);
    }
    TOFMAP_CHECK_CLOSE(search.tof_min(), lo, tol);
    TOFMAP_CHECK_CLOSE(search.tof_max(), hi, tol);
    for (const auto& s : states)
      if (!s.stable) { // the middle state of a bistable point, which no start reaches
        auto v = verdict_on(m, solver, unstable_test, s);
        CAF_CHECK(!v.stable && !v.marginal);
        TOFMAP_CHECK_CLOSE(v.largest_real, std::max(s.re[0], s.re[1]), tol);
      }
  }
}

CAF_TEST(the eigenvalues of every reference state match with poisoned ones included) {
  seed_model m;
  steady_state_solver solver{m.config.model, m.config.solver};
  auto r = solver.make_result();
  stability_test test{m.config.model};
  for (const auto& [key, states] : read_reference()) {
    solver.solve(m.at(states[0].p_co, states[0].p_o2), r);
    for (const auto& s : states) {
      auto v = verdict_on(m, solver, test, s);
      CAF_CHECK_EQUAL(v.stable, s.stable);
      check_eigenvalues(test, s);
    }
  }
}

CAF_TEST(a CO - poisoned point keeps its tiny coverages and eigenvalues) {
  // p(CO) = 1, p(O2) = 1e-4 atm: theta(O) = 5.7e-32, theta(*) = 1.4e-13 in the reference.
  seed_model m;
  const auto states = read_reference().at({15, 0});
  CAF_REQUIRE_EQUAL(states.size(), 1u);
  CAF_REQUIRE_LESS(states[0].theta[1], 1e-30);
  steady_state_solver solver{m.config.model, m.config.solver};
  branch_search search{solver, m.starts()};
  search.solve(m.at(states[0].p_co, states[0].p_o2));
  CAF_REQUIRE_EQUAL(search.count(), 1u);
  check_state(m, search.state(0), states[0]);
  CAF_CHECK(search.at(0).stability.stable);
  stability_test test{m.config.model};
  verdict_on(m, solver, test, states[0]);
  check_eigenvalues(test, states[0]);
}

CAF_TEST(balancing ends on a badly scaled Jacobian and keeps its eigenvalues) {
  // The Jacobian (column-major) and state of a point of the refined volcano map
  // (configs/co_oxidation_volcano.ini, refine = 3) whose restricted Jacobian has entries from 1e-22
  // to 1e13: balancing it oscillated for ever (a map that never finished). The eigenvalues below
  // are those of the same restriction computed with mpmath at 50 digits.
  const double jac[9] = {-0x1.faf6a83fd0babp-10, -0x1.3d6d46563becfp-74, 0x1.faf6a83fd0babp-10,
                         -0x1.7030f74cdf46cp+3,  -0x1.7030f74cdf46cp+3,  0x1.7030f74cdf46cp+4,
                         0x1.2f367480b4f38p+43,  0x1.7bb40b9cdcf55p-21,  -0x1.2f367480b4f38p+43};
  const double theta[3] = {0x1.fffffffffffffp-1, 0x1.b9686e63ccf7ep-78, 0x1.ac066dec29b0cp-53};
  seed_model m; // the same shape: three state species on one site type, one site each
  stability_test test{m.config.model};
  const auto v = test.check(jac, theta);
  CAF_CHECK(v.stable);
  CAF_CHECK(!v.marginal);
  std::vector<double> found;
  for (const auto& lambda : test.eigenvalues()) {
    CAF_CHECK_EQUAL(lambda.imag(), 0.0);
    found.push_back(lambda.real());
  }
  std::sort(found.begin(), found.end());
  CAF_REQUIRE_EQUAL(found.size(), 2u);
  CAF_CHECK_LESS(rel_diff(found[0], -10418309563815.611), 1e-9);
  CAF_CHECK_LESS(rel_diff(found[1], -11.505977296963657), 1e-9);
}

CAF_TEST(the first start gives bit for bit what it gives alone) {
  seed_model m;
  for (const auto& order : {std::vector<int>{-1, m.co, m.o}, std::vector<int>{m.co, -1, m.o}}) {
    std::vector<std::vector<double>> starts;
    for (int species : order)
      starts.push_back(species < 0 ? std::vector<double>{} : m.covered_by(species));
    auto alone_settings = m.config.solver;
    alone_settings.initial = starts[0];
    steady_state_solver alone{m.config.model, alone_settings};
    steady_state_solver shared{m.config.model, m.config.solver};
    branch_search search{shared, starts};
    auto r = alone.make_result();
    for (const auto& [key, states] : read_reference()) {
      const auto c = m.at(states[0].p_co, states[0].p_o2);
      alone.solve(c, r);
      search.solve(c);
      const auto& first = search.result(0);
      CAF_CHECK(first.status == r.status);
      CAF_CHECK(std::memcmp(&first.tof, &r.tof, sizeof(double)) == 0);
      CAF_CHECK(
        std::memcmp(first.coverage.data(), r.coverage.data(), r.coverage.size() * sizeof(double))
        == 0);
      CAF_CHECK_EQUAL(first.counts.steps, r.counts.steps);
    }
  }
}

CAF_TEST(a failed first start is still what the map reports and counts as no branch) {
  // Too few steps for the O-covered start (O2 desorbs over 1e8 s) but enough for the CO-covered
  // one, which is at the CO-poisoned state within a few steps.
  seed_model m;
  m.config.solver.max_steps = 30;
  m.config.solver.retry_atol = 0;
  const auto c = m.at(0.1, 0.1);
  auto alone_settings = m.config.solver;
  alone_settings.initial = m.covered_by(m.o);
  steady_state_solver alone{m.config.model, alone_settings};
  auto r = alone.make_result();
  alone.solve(c, r);
  CAF_REQUIRE(!branch_search::counts(r));
  steady_state_solver shared{m.config.model, m.config.solver};
  branch_search search{shared, {m.covered_by(m.o), m.covered_by(m.co)}};
  search.solve(c);
  CAF_CHECK(search.result(0).status == r.status);
  CAF_CHECK(std::memcmp(search.result(0).coverage.data(), r.coverage.data(),
                        r.coverage.size() * sizeof(double))
            == 0);
  CAF_REQUIRE_EQUAL(search.count(), 1u);
  CAF_CHECK_EQUAL(search.at(0).start, 1u);
  CAF_CHECK(search.result(1).ok());
  CAF_CHECK(search.tof_min() == search.result(1).tof && search.tof_max() == search.result(1).tof);
}

CAF_TEST(the same - branch rule is 1e-6 absolute or 1e-4 relative in every coverage) {
  using v = std::vector<double>;
  CAF_CHECK(branch_search::same_branch(v{0.5, 0.5}, v{0.5 + 0.9e-6, 0.5 - 0.9e-6}));
  CAF_CHECK(!branch_search::same_branch(v{0.5, 0.5}, v{0.5 + 1.1e-6 + 0.5e-4, 0.5}));
  CAF_CHECK(branch_search::same_branch(v{0.5, 0.5}, v{0.5 * (1 + 0.9e-4), 0.5}));
  CAF_CHECK(branch_search::same_branch(v{1e-20, 1.0}, v{3e-20, 1.0})); // absolute
  CAF_CHECK(!branch_search::same_branch(v{0.1, 0.9}, v{0.1, 0.9 - 2e-4}));
}

CAF_TEST(a start off the site balance is refused) {
  seed_model m;
  steady_state_solver solver{m.config.model, m.config.solver};
  auto half = m.covered_by(m.co);
  half[static_cast<std::size_t>(m.co)] = 0.5;
  for (const auto& bad : {half, std::vector<double>{1.0}, std::vector<double>{-1.0, 1.0, 1.0}}) {
    bool refused = false;
    try {
      branch_search search{solver, {{}, bad}};
    } catch (const std::invalid_argument&) {
      refused = true;
    }
    CAF_CHECK(refused);
  }
}

CAF_TEST(Langmuir adsorption is stable with eigenvalue minus kf p minus kr) {
  // A_g + *_s <-> A_s by transition-state theory: dθ/dt = kf·a·θ* − kr·θ, θ* = 1 − θ, so the one
  // eigenvalue on the site balance is −(kf·a + kr).
  for (double dG : {-0.3, -0.1, 0.2}) {
    const double a = 0.5;
    auto c = parse_text("[model]\ntemperature = 500\ngas = CO_g mass=28 pressure=0.5\n"
                        "step = CO_g + *_s <-> CO_s dG="
                        + tofmap::test::digits(dG)
                        + "\ntof = CO_g\nspectators = CO_s\n[map]\nx = T 500 500 1\n");
    steady_state_solver solver{c.model, c.solver};
    branch_search search{solver, std::vector<std::vector<double>>(1)};
    search.solve(conditions::base(c.model));
    CAF_REQUIRE_EQUAL(search.count(), 1u);
    const double kf = kT(500) / constants::planck_ev * std::exp(-std::max(0.0, dG) / kT(500));
    const double kr = kf * std::exp(dG / kT(500));
    const auto& v = search.at(0).stability;
    CAF_CHECK(v.stable);
    TOFMAP_CHECK_CLOSE(v.largest_real, -(kf * a + kr), 1e-12);
    TOFMAP_CHECK_CLOSE(v.scale, kf * a + kr, 1e-12);
  }
}

CAF_TEST(searching branches allocates nothing after the first point) {
  seed_model m;
  steady_state_solver solver{m.config.model, m.config.solver};
  branch_search search{solver, m.starts()};
  std::vector<conditions> points;
  for (double p : {1e-3, 1e-2, 0.1, 1.0})
    points.push_back(m.at(p, 0.3));
  search.solve(m.at(0.1, 0.1)); // warm-up
  const long before = tofmap::support::allocations();
  for (const auto& c : points)
    search.solve(c);
  CAF_CHECK_EQUAL(tofmap::support::allocations() - before, 0);
  CAF_CHECK_EQUAL(search.count(), 1u);
}

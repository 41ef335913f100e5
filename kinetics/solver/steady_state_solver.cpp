#include "kinetics/solver/steady_state_solver.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

#include <Eigen/Core>

#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sunmatrix/sunmatrix_dense.h>

#include "kinetics/model/constants.hpp"
#include "kinetics/model/interactions.hpp"
#include "kinetics/model/rate_model.hpp"
#include "kinetics/model/reactants.hpp"
#include "kinetics/solver/analysis.hpp"
#include "kinetics/solver/closed_system.hpp"
#include "kinetics/solver/scaled_lu.hpp"
#include "kinetics/solver/small_dense_solver.hpp"
#include "kinetics/solver/small_vector_ops.hpp"

namespace tofmap {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// The smallest pivot, relative to the largest, of a Jacobian Newton takes a step with. Far from
/// the solution the scaling by the current coverages can make the matrix look nearly singular (a
/// coverage 13 orders of magnitude below its steady value has a column of almost nothing); the
/// step is still the right direction, and the next iterate is checked anyway.
constexpr double newton_min_pivot = 1e-200;

/// The second attempt at a point that failed uses [solver] retry_atol and rtol times this.
constexpr double retry_rtol_factor = 1e-2;

/// With interactions: error-test failures CVODE may take in one step (its default is 7).
constexpr int max_error_test_failures = 20;

/// Throws when a SUNDIALS set-up call fails. Only used while constructing the solver.
void check(int flag, const char* what) {
  if (flag < 0)
    throw std::runtime_error(std::string{"SUNDIALS call failed: "} + what);
}

template <class T>
T* check_ptr(T* ptr, const char* what) {
  if (ptr == nullptr)
    throw std::runtime_error(std::string{"SUNDIALS allocation failed: "} + what);
  return ptr;
}

/// The empty surface: every free-site coverage 1, every adsorbate 0.
void empty_surface(const mechanism& m, Eigen::VectorXd& theta) {
  theta.setZero();
  for (int t = 0; t < static_cast<int>(m.site_types.size()); ++t)
    theta[m.free_site_of(t)] = 1.0;
}

} // namespace

class steady_state_solver::impl {
public:
  impl(const mechanism& m, const solver_settings& s, const analysis_settings& a);
  ~impl();

  impl(const impl&) = delete;
  impl& operator=(const impl&) = delete;

  point_result make_result() const;
  void solve(const conditions& c, point_result& out);
  void solve(const conditions& c, const std::vector<double>& start, point_result& out);
  void rate_jacobian(const double* theta, double* jac) { model_.jacobian(theta, jac); }
  void polish(const conditions& c, point_result& out);
  const mechanism& model() const { return model_.model(); }

private:
  // -- CVODE callbacks: nothing may be thrown through them ------------------
  static int rhs_callback(sunrealtype t, N_Vector y, N_Vector ydot, void* user) noexcept;
  static int jac_callback(sunrealtype t, N_Vector y, N_Vector fy, SUNMatrix jac, void* user,
                          N_Vector, N_Vector, N_Vector) noexcept;
  static void error_callback(int code, const char* module, const char* function, char* msg,
                             void* user) noexcept;

  enum class ode_outcome { steady, not_steady, failed };

  /// Solves from *from_, with *reach_ telling whether the tof gases can be produced.
  void solve_from_start(const conditions& c, point_result& out);

  /// Integrates from the start (*from_) until steady (by the test), t_max, max_steps or a failure.
  ode_outcome integrate(point_result& out);
  /// Integrates on from CVODE's current state; the steady test counts only from `not_before` [s].
  ode_outcome advance(point_result& out, double not_before);
  /// The counts of the integration so far.
  solver_counts counts_now(double t) const;
  /// Newton from out.coverage, and the residual of its result within steady_tol.
  bool newton_polishes(point_result& out);
  /// Integrates and polishes once with CVODE's tolerances set to `atol` and `rtol`.
  void attempt(const conditions& c, point_result& out, double atol, double rtol);
  void set_tolerances(double atol, double rtol);
  /// With interactions: CVODE's corrector tolerance at temperature `T` [K].
  void set_corrector_tolerance(double T);
  bool newton(point_result& out);
  double relative_residual(const double* theta);
  void report(point_result& out);
  /// With interactions: E_i(θ), dG and barriers at the reported coverages.
  void report_energies(point_result& out);
  void fill_failed(point_result& out, point_status status);
  void finish_no_reactant(point_result& out);

  // -- Model ----------------------------------------------------------------
  rate_model model_;
  closed_system system_;
  tof_reachability reachability_;
  bool no_reactant_ = false; // the point being solved cannot produce the tof gases
  solver_settings settings_;
  analysis_settings analyses_;
  Eigen::Index n_;
  Eigen::VectorXd initial_;
  Eigen::VectorXd start_;                    // a start given per call
  tof_reachability start_reachability_;      // ... and its reachability
  const Eigen::VectorXd* from_ = &initial_;  // the start of the point being solved
  tof_reachability* reach_ = &reachability_; // ... and its reachability

  // -- CVODE ----------------------------------------------------------------
  SUNContext context_ = nullptr;
  void* cvode_ = nullptr;
  N_Vector y_ = nullptr;
  N_Vector abstol_ = nullptr;
  SUNMatrix matrix_ = nullptr;
  SUNLinearSolver linear_solver_ = nullptr;
  int last_error_ = 0;
  bool interacting_ = false;    // the rate constants follow the coverages
  double interaction_gain_ = 0; // S·max|ε| [eV]: the largest d(energy)/dθ of interactions
  double atol_ = 0;             // CVODE's tolerances now
  double rtol_ = 0;

  // -- Newton and analyses --------------------------------------------------
  Eigen::VectorXd theta_, g_, delta_, f_;
  Eigen::MatrixXd jac_;
  scaled_lu lu_;
  tof_sensitivity sensitivity_;
};

// -- Construction -------------------------------------------------------------

steady_state_solver::impl::impl(const mechanism& m, const solver_settings& s,
                                const analysis_settings& a)
  : model_(m), system_(model_), reachability_(m, s.initial), settings_(s), analyses_(a),
    n_(static_cast<Eigen::Index>(model_.size())), initial_(n_), start_(n_),
    start_reachability_(m, s.initial), theta_(n_), g_(n_), delta_(n_), f_(n_), jac_(n_, n_),
    lu_(n_), sensitivity_(model_, system_) {
  interacting_ = model_.interacting();
  interaction_gain_ = interacting_ ? m.interactions.response.slope * largest_epsilon(m) : 0.0;
  if (s.initial.empty()) {
    empty_surface(m, initial_);
  } else {
    if (s.initial.size() != static_cast<std::size_t>(n_))
      throw std::invalid_argument("solver_settings::initial has the wrong size");
    initial_ = Eigen::Map<const Eigen::VectorXd>(s.initial.data(), n_);
  }
  check(SUNContext_Create(nullptr, &context_), "SUNContext_Create");
  y_ = check_ptr(N_VNew_Serial(n_, context_), "N_VNew_Serial");
  abstol_ = check_ptr(N_VNew_Serial(n_, context_), "N_VNew_Serial");
  for (auto* v : {y_, abstol_})
    install_small_vector_ops(v); // before CVodeInit clones its workspace from y_
  N_VConst(s.atol, abstol_);
  atol_ = s.atol;
  rtol_ = s.rtol;
  Eigen::Map<Eigen::VectorXd>(N_VGetArrayPointer(y_), n_) = initial_;
  cvode_ = check_ptr(CVodeCreate(CV_BDF, context_), "CVodeCreate");
  check(CVodeSetErrHandlerFn(cvode_, error_callback, this), "CVodeSetErrHandlerFn");
  check(CVodeInit(cvode_, rhs_callback, 0.0, y_), "CVodeInit");
  check(CVodeSVtolerances(cvode_, s.rtol, abstol_), "CVodeSVtolerances");
  check(CVodeSetUserData(cvode_, this), "CVodeSetUserData");
  matrix_ = check_ptr(SUNDenseMatrix(n_, n_, context_), "SUNDenseMatrix");
  linear_solver_ = check_ptr(make_small_dense_solver(n_, context_), "make_small_dense_solver");
  check(CVodeSetLinearSolver(cvode_, linear_solver_, matrix_), "CVodeSetLinearSolver");
  check(CVodeSetJacFn(cvode_, jac_callback), "CVodeSetJacFn");
  if (interacting_)
    // CVODE sizes the first step from a finite-difference estimate of the curvature, which the
    // exponential dependence of the rate constants on the coverages can make too small by many
    // orders: the first step then needs more than the default 7 error-test failures to shrink.
    check(CVodeSetMaxErrTestFails(cvode_, max_error_test_failures), "CVodeSetMaxErrTestFails");
}

steady_state_solver::impl::~impl() {
  CVodeFree(&cvode_);
  SUNLinSolFree(linear_solver_);
  SUNMatDestroy(matrix_);
  N_VDestroy(abstol_);
  N_VDestroy(y_);
  SUNContext_Free(&context_);
}

point_result steady_state_solver::impl::make_result() const {
  point_result r;
  r.coverage.resize(model_.size());
  if (analyses_.rate_control)
    r.rate_control.resize(model_.num_steps());
  if (analyses_.orders)
    r.orders.resize(model_.model().gases.size());
  if (analyses_.production || model_.model().tof_gases.size() > 1)
    r.production.resize(model_.model().gases.size());
  if (analyses_.energies) {
    r.dG.resize(model_.num_steps());
    r.barrier.resize(model_.num_steps());
    if (model_.interacting())
      r.energies.resize(interacting_species(model_.model()).size());
  }
  return r;
}

// -- CVODE callbacks ----------------------------------------------------------

int steady_state_solver::impl::rhs_callback(sunrealtype, N_Vector y, N_Vector ydot,
                                            void* user) noexcept {
  try {
    auto* self = static_cast<impl*>(user);
    auto* f = N_VGetArrayPointer(ydot);
    self->model_.rhs(N_VGetArrayPointer(y), f);
    for (Eigen::Index i = 0; i < self->n_; ++i)
      if (!std::isfinite(f[i]))
        return 1; // recoverable: CVODE retries with a smaller step
    return 0;
  } catch (...) {
    return -1;
  }
}

int steady_state_solver::impl::jac_callback(sunrealtype, N_Vector y, N_Vector, SUNMatrix jac,
                                            void* user, N_Vector, N_Vector, N_Vector) noexcept {
  try {
    auto* self = static_cast<impl*>(user);
    self->model_.jacobian(N_VGetArrayPointer(y), SUNDenseMatrix_Data(jac));
    return 0;
  } catch (...) {
    return -1;
  }
}

void steady_state_solver::impl::error_callback(int code, const char*, const char*, char*,
                                               void* user) noexcept {
  // Keep CVODE quiet: a failed point reports its flag in its status instead of on stderr.
  static_cast<impl*>(user)->last_error_ = code;
}

// -- Solving ------------------------------------------------------------------

void steady_state_solver::impl::solve(const conditions& c, point_result& out) {
  from_ = &initial_;
  reach_ = &reachability_;
  solve_from_start(c, out);
}

void steady_state_solver::impl::solve(const conditions& c, const std::vector<double>& start,
                                      point_result& out) {
  const auto& m = model_.model();
  if (start.empty()) {
    empty_surface(m, start_);
  } else if (start.size() == static_cast<std::size_t>(n_)) {
    start_ = Eigen::Map<const Eigen::VectorXd>(start.data(), n_);
  } else {
    out.detail = 0;
    out.counts = {};
    fill_failed(out, point_status::bad_conditions);
    return;
  }
  start_reachability_.restart(m, start);
  from_ = &start_;
  reach_ = &start_reachability_;
  solve_from_start(c, out);
}

void steady_state_solver::impl::solve_from_start(const conditions& c, point_result& out) {
  out.detail = 0;
  out.counts = {};
  const bool ok = model_.set_conditions(c);
  if (interacting_)
    set_corrector_tolerance(c.temperature);
  for (std::size_t s = 0; s < out.dG.size(); ++s) {
    out.dG[s] = model_.dG(s);
    out.barrier[s] = model_.barrier(s);
  }
  if (!ok) {
    fill_failed(out, point_status::bad_conditions);
    return;
  }
  no_reactant_ = !reach_->producible(c.pressure);
  attempt(c, out, settings_.atol, settings_.rtol);
  const bool failed = out.status == point_status::integration_failed
                      || out.status == point_status::not_steady
                      || out.status == point_status::newton_failed;
  if (failed && settings_.retry_atol > 0) {
    // Coverages far below atol were not resolved, or the steps were too coarse for a stiff
    // transient: integrate again, resolving them more finely.
    attempt(c, out, std::min(settings_.atol, settings_.retry_atol),
            settings_.rtol * retry_rtol_factor);
  }
  if (no_reactant_)
    finish_no_reactant(out);
}

void steady_state_solver::impl::set_corrector_tolerance(double T) {
  // A coverage's error δθ moves rate constants by exp(g·δθ), g = S·max|ε|/kB·T (80 for 3.4 eV at
  // 500 K): a coverage far below the others, slaved to them through such a rate constant, then
  // carries their corrector error times g. CVODE's corrector stops at 0.1 of the error tolerance
  // (weighted); resolve it g/8 times more finely, or the slaved coverage's error test fails at
  // every step size (CV_ERR_FAILURE).
  const double g = interaction_gain_ / (constants::boltzmann_ev * T);
  CVodeSetNonlinConvCoef(cvode_, 0.1 * std::min(1.0, 8.0 / g));
}

void steady_state_solver::impl::set_tolerances(double atol, double rtol) {
  if (atol == atol_ && rtol == rtol_)
    return;
  N_VConst(atol, abstol_);
  CVodeSVtolerances(cvode_, rtol, abstol_);
  atol_ = atol;
  rtol_ = rtol;
}

void steady_state_solver::impl::attempt(const conditions& c, point_result& out, double atol,
                                        double rtol) {
  set_tolerances(atol, rtol);
  out.detail = 0;
  out.counts = {};
  auto outcome = integrate(out);
  // Newton takes over: from a steady state, or from wherever the trajectory is at t_max.
  bool polished = outcome != ode_outcome::failed && newton_polishes(out);
  while (!polished && interacting_ && outcome == ode_outcome::steady) {
    // With interactions the fast steps can pass the steady test on a plateau long before the
    // slow ones settle, and Newton, whose rate constants are exponentials of the coverages, cannot
    // bridge that far: integrate on, and hand over again once t has grown tenfold.
    outcome = advance(out, 10 * out.counts.t_final);
    polished = outcome != ode_outcome::failed && newton_polishes(out);
  }
  if (outcome == ode_outcome::failed) {
    report(out);
    out.status = point_status::integration_failed;
    return;
  }
  const bool steady = outcome == ode_outcome::steady;
  if (!polished) {
    // Report the integrated state; the status says Newton could not confirm it.
    Eigen::Map<Eigen::VectorXd>(out.coverage.data(), n_)
      = Eigen::Map<Eigen::VectorXd>(N_VGetArrayPointer(y_), n_);
    report(out);
    out.status = steady ? point_status::newton_failed : point_status::not_steady;
    return;
  }
  report(out);
  out.status = steady ? point_status::converged : point_status::newton_at_t_max;
  if (analyses_.any()) {
    // lu_ holds the factorization at the last iterate but one; refactorize at the solution.
    system_.jacobian(out.coverage.data(), jac_);
    if (lu_.factorize(jac_, out.coverage.data(), scaled_lu::coverage_floor))
      sensitivity_.compute(c, out.coverage.data(), lu_, analyses_, out);
  }
}

void steady_state_solver::impl::polish(const conditions& c, point_result& out) {
  out.counts = {};
  if (!model_.set_conditions(c)) {
    fill_failed(out, point_status::bad_conditions);
    return;
  }
  no_reactant_ = !reachability_.producible(c.pressure);
  const bool ok = newton(out);
  report(out);
  out.status = ok && out.residual <= settings_.steady_tol ? point_status::converged
                                                          : point_status::newton_failed;
  if (no_reactant_)
    finish_no_reactant(out);
}

bool steady_state_solver::impl::newton_polishes(point_result& out) {
  return newton(out) && relative_residual(out.coverage.data()) <= settings_.steady_tol;
}

double steady_state_solver::impl::relative_residual(const double* theta) {
  const double largest = model_.rhs(theta, f_.data());
  const double worst = f_.lpNorm<Eigen::Infinity>();
  return largest > 0 ? worst / largest : worst;
}

steady_state_solver::impl::ode_outcome steady_state_solver::impl::integrate(point_result& out) {
  auto* y = N_VGetArrayPointer(y_);
  Eigen::Map<Eigen::VectorXd>(y, n_) = *from_;
  last_error_ = 0;
  if (CVodeReInit(cvode_, 0.0, y_) < 0 || CVodeSetStopTime(cvode_, settings_.t_max) < 0) {
    out.detail = last_error_;
    return ode_outcome::failed;
  }
  return advance(out, 0.0);
}

steady_state_solver::impl::ode_outcome steady_state_solver::impl::advance(point_result& out,
                                                                          double not_before) {
  auto* y = N_VGetArrayPointer(y_);
  auto outcome = ode_outcome::not_steady;
  double t = out.counts.t_final;
  int skip = 0;
  // One step at a time, so CVODE uses the output time only to estimate its first step, whose
  // lower bound grows with it (1e-13 of it): beyond 1e12 s that bound exceeds the fast transient
  // and the first step fails. The stop time is t_max all the same.
  const double first_step_horizon = std::min(settings_.t_max, 1e12);
  for (long step = out.counts.steps; step < settings_.max_steps; ++step) {
    const int flag = CVode(cvode_, first_step_horizon, y_, &t, CV_ONE_STEP);
    if (flag < 0) {
      out.detail = flag;
      outcome = ode_outcome::failed;
      break;
    }
    // Far from steady, test only every fourth step: the test costs a rate evaluation, and passing
    // it a few steps late only hands Newton a better start.
    if (skip > 0) {
      --skip;
    } else if (t >= not_before) {
      const double residual = relative_residual(y);
      if (residual <= settings_.steady_tol) {
        outcome = ode_outcome::steady;
        break;
      }
      skip = residual > 1e3 * settings_.steady_tol ? 3 : 0;
    }
    if (flag == CV_TSTOP_RETURN)
      break;
  }
  out.counts = counts_now(t);
  Eigen::Map<Eigen::VectorXd>(out.coverage.data(), n_) = Eigen::Map<Eigen::VectorXd>(y, n_);
  return outcome;
}

solver_counts steady_state_solver::impl::counts_now(double t) const {
  solver_counts c;
  long count = 0;
  CVodeGetNumSteps(cvode_, &count);
  c.steps = count;
  CVodeGetNumRhsEvals(cvode_, &count);
  c.rhs_evals = count;
  CVodeGetNumJacEvals(cvode_, &count);
  c.jac_evals = count;
  c.t_final = t;
  return c;
}

bool steady_state_solver::impl::newton(point_result& out) {
  // Two phases. First, coverages below atol count in absolute terms, as CVODE measured them: the
  // integrated state resolves them only to about atol. Then every coverage counts relative to
  // itself, down to scaled_lu::coverage_floor, so that a free-site coverage of 1e-20 converges to
  // full relative precision.
  theta_ = Eigen::Map<const Eigen::VectorXd>(out.coverage.data(), n_);
  double floor = std::max(atol_, scaled_lu::coverage_floor);
  double previous = std::numeric_limits<double>::infinity();
  for (int it = 0; it < settings_.max_newton_iterations; ++it) {
    out.counts.newton_iterations = it + 1;
    system_.residual(theta_.data(), g_);
    system_.jacobian(theta_.data(), jac_);
    if (!g_.allFinite() || !lu_.factorize(jac_, theta_.data(), floor, newton_min_pivot))
      return false;
    delta_ = -g_;
    lu_.solve(delta_);
    if (!delta_.allFinite())
      return false;
    double step = 0; // largest change, relative to the coverage (or the floor)
    bool clipped = false;
    for (Eigen::Index j = 0; j < n_; ++j) {
      step = std::max(step, std::fabs(delta_[j]) / std::max(std::fabs(theta_[j]), floor));
      if (theta_[j] + delta_[j] >= 0) {
        theta_[j] += delta_[j];
      } else {
        // The linear model overshoots zero: the coverage is smaller than what is left of it.
        theta_[j] *= 1e-3;
        clipped = true;
      }
    }
    if (clipped) {
      previous = std::numeric_limits<double>::infinity();
      continue;
    }
    const bool final_phase = floor <= scaled_lu::coverage_floor;
    if (step <= settings_.newton_tol) {
      if (final_phase)
        break;
      floor = scaled_lu::coverage_floor;
      previous = std::numeric_limits<double>::infinity();
      continue;
    }
    // Rounding-limited: the step stopped shrinking while already tiny, and the rates are steady.
    if (final_phase && step <= 1e-6 && step >= 0.5 * previous) {
      const double scale = model_.rhs(theta_.data(), f_.data());
      if (f_.lpNorm<Eigen::Infinity>() <= settings_.steady_tol * scale)
        break;
    }
    if (it + 1 == settings_.max_newton_iterations)
      return false;
    previous = step;
  }
  Eigen::Map<Eigen::VectorXd>(out.coverage.data(), n_) = theta_;
  return true;
}

void steady_state_solver::impl::report(point_result& out) {
  const auto* theta = out.coverage.data();
  if (model_.interacting() && !out.dG.empty())
    report_energies(out);
  out.residual = relative_residual(theta);
  out.tof = model_.tof(theta);
  // Zero within the solver's accuracy: the coverages are converged to newton_tol relative, so a
  // net rate below that fraction of the one-way rates it is the difference of has no sign.
  if (no_reactant_ || std::fabs(out.tof) <= settings_.newton_tol * model_.tof_gross(theta))
    out.tof = 0;
  if (!out.production.empty()) {
    model_.production(theta, out.production.data());
    if (no_reactant_)
      for (auto g : model_.model().tof_gases)
        out.production[static_cast<std::size_t>(g)] = 0;
  }
  std::fill(out.rate_control.begin(), out.rate_control.end(), nan);
  std::fill(out.orders.begin(), out.orders.end(), nan);
  out.apparent_Ea = nan;
  out.undefined = 0;
}

void steady_state_solver::impl::report_energies(point_result& out) {
  // With interactions the energies follow the coverages: those the reported state saw.
  model_.interacting_energies(out.coverage.data(), out.energies.data());
  for (std::size_t s = 0; s < out.dG.size(); ++s) {
    out.dG[s] = model_.dG(s);
    out.barrier[s] = model_.barrier(s);
  }
}

void steady_state_solver::impl::fill_failed(point_result& out, point_status status) {
  out.status = status;
  out.tof = nan;
  out.residual = nan;
  std::fill(out.coverage.begin(), out.coverage.end(), nan);
  std::fill(out.production.begin(), out.production.end(), nan);
  std::fill(out.rate_control.begin(), out.rate_control.end(), nan);
  std::fill(out.orders.begin(), out.orders.end(), nan);
  std::fill(out.energies.begin(), out.energies.end(), nan);
  out.apparent_Ea = nan;
  out.undefined = 0;
}

void steady_state_solver::impl::finish_no_reactant(point_result& out) {
  // The TOF is 0 by construction (report); the coverages are the state the surface relaxes to,
  // as far as the solver could compute it.
  const bool computable = out.status == point_status::converged
                          || out.status == point_status::newton_at_t_max;
  if (!computable) {
    fill_failed(out, point_status::no_reactant);
    out.tof = 0;
    if (!out.production.empty())
      for (auto g : model_.model().tof_gases)
        out.production[static_cast<std::size_t>(g)] = 0;
    return;
  }
  out.status = point_status::no_reactant;
}

// -- Public interface ---------------------------------------------------------

steady_state_solver::steady_state_solver(const mechanism& m, const solver_settings& settings,
                                         const analysis_settings& analyses)
  : impl_(std::make_unique<impl>(m, settings, analyses)) {
  // nop
}

steady_state_solver::~steady_state_solver() = default;

point_result steady_state_solver::make_result() const {
  return impl_->make_result();
}

void steady_state_solver::solve(const conditions& c, point_result& out) noexcept {
  impl_->solve(c, out);
}

void steady_state_solver::solve(const conditions& c, const std::vector<double>& start,
                                point_result& out) noexcept {
  impl_->solve(c, start, out);
}

void steady_state_solver::rate_jacobian(const double* theta, double* jac) noexcept {
  impl_->rate_jacobian(theta, jac);
}

void steady_state_solver::polish(const conditions& c, point_result& out) noexcept {
  impl_->polish(c, out);
}

const mechanism& steady_state_solver::model() const {
  return impl_->model();
}

} // namespace tofmap

#include "kinetics/solver/branches.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace tofmap {

void check_start(const mechanism& m, const std::vector<double>& start) {
  if (start.empty())
    return;
  if (start.size() != m.surface.size())
    throw std::invalid_argument("a start has " + std::to_string(start.size())
                                + " coverages; the mechanism has "
                                + std::to_string(m.surface.size()) + " state species");
  std::vector<double> sum(m.site_types.size(), 0.0);
  for (std::size_t i = 0; i < start.size(); ++i) {
    if (!(start[i] >= 0) || !std::isfinite(start[i]))
      throw std::invalid_argument("a start's coverage of " + m.surface[i].name
                                  + " is not a finite non-negative number");
    sum[static_cast<std::size_t>(m.surface[i].site_type)] += m.surface[i].sites * start[i];
  }
  for (std::size_t t = 0; t < sum.size(); ++t)
    if (std::fabs(sum[t] - 1.0) > 1e-9)
      throw std::invalid_argument("a start's coverages of site type " + m.site_types[t] + " sum to "
                                  + std::to_string(sum[t]) + ", not 1");
}

branch_search::branch_search(steady_state_solver& solver, std::vector<std::vector<double>> starts)
  : solver_(&solver), starts_(std::move(starts)), branches_(starts_.size()),
    stability_(solver.model()),
    jacobian_(static_cast<Eigen::Index>(solver.model().surface.size()),
              static_cast<Eigen::Index>(solver.model().surface.size())) {
  if (starts_.empty())
    throw std::invalid_argument("branch_search needs at least one start");
  for (const auto& s : starts_)
    check_start(solver.model(), s);
  for (std::size_t s = 0; s < starts_.size(); ++s)
    results_.push_back(solver.make_result());
}

void branch_search::solve(const conditions& c) {
  count_ = 0;
  tof_min_ = std::numeric_limits<double>::infinity();
  tof_max_ = -tof_min_;
  for (std::size_t s = 0; s < starts_.size(); ++s) {
    solver_->solve(c, starts_[s], results_[s]);
    collect(s);
  }
  if (count_ == 0)
    tof_min_ = tof_max_ = std::numeric_limits<double>::quiet_NaN();
}

void branch_search::collect(std::size_t s) {
  const auto& r = results_[s];
  if (!counts(r))
    return;
  for (std::size_t k = 0; k < count_; ++k)
    if (same_branch(state(k).coverage, r.coverage))
      return;
  auto& b = branches_[count_++];
  b.start = s;
  // The solver's model is still at this point's conditions.
  solver_->rate_jacobian(r.coverage.data(), jacobian_.data());
  b.stability = stability_.check(jacobian_.data(), r.coverage.data());
  tof_min_ = std::min(tof_min_, r.tof);
  tof_max_ = std::max(tof_max_, r.tof);
}

bool branch_search::same_branch(const std::vector<double>& a, const std::vector<double>& b) {
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double d = std::fabs(a[i] - b[i]);
    if (!(d <= same_abs || d <= same_rel * std::max(std::fabs(a[i]), std::fabs(b[i]))))
      return false;
  }
  return a.size() == b.size();
}

bool branch_search::counts(const point_result& r) {
  if (is_failure(r.status))
    return false;
  return std::all_of(r.coverage.begin(), r.coverage.end(),
                     [](double x) { return std::isfinite(x); });
}

} // namespace tofmap

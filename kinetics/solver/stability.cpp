#include "kinetics/solver/stability.hpp"

#include <algorithm>
#include <cmath>

namespace tofmap {

namespace {

Eigen::Index reduced_size(const mechanism& m) {
  return static_cast<Eigen::Index>(m.surface.size() - m.site_types.size());
}

} // namespace

stability_test::stability_test(const mechanism& m)
  : eliminated_(m.site_types.size(), -1), kept_(static_cast<std::size_t>(reduced_size(m)), -1),
    reduced_(reduced_size(m), reduced_size(m)), eigen_(reduced_size(m)) {
  for (const auto& sp : m.surface) {
    site_type_.push_back(sp.site_type);
    weight_.push_back(sp.sites);
  }
}

stability_verdict stability_test::check(const double* jac, const double* theta) {
  stability_verdict v;
  if (kept_.empty()) { // only free sites: nothing moves
    v.stable = true;
    v.largest_real = -std::numeric_limits<double>::infinity();
    v.scale = 0;
    return v;
  }
  choose_eliminated(theta);
  restrict(jac);
  balance();
  eigen_.compute(reduced_, false);
  if (eigen_.info() != Eigen::Success || !reduced_.allFinite())
    return v; // NaN: no verdict, not stable
  const auto& lambda = eigen_.eigenvalues();
  v.largest_real = lambda.real().maxCoeff();
  v.scale = lambda.cwiseAbs().maxCoeff();
  const double margin = relative_threshold * v.scale;
  v.stable = v.largest_real < -margin;
  v.marginal = std::fabs(v.largest_real) <= margin;
  return v;
}

void stability_test::choose_eliminated(const double* theta) {
  std::fill(eliminated_.begin(), eliminated_.end(), -1);
  const auto n = static_cast<int>(site_type_.size());
  for (int i = 0; i < n; ++i) {
    auto& e = eliminated_[static_cast<std::size_t>(site_type_[static_cast<std::size_t>(i)])];
    if (e < 0 || theta[i] > theta[e])
      e = i;
  }
  std::size_t k = 0;
  for (int i = 0; i < n; ++i)
    if (eliminated_[static_cast<std::size_t>(site_type_[static_cast<std::size_t>(i)])] != i)
      kept_[k++] = i;
}

void stability_test::restrict(const double* jac) {
  const auto n = static_cast<Eigen::Index>(site_type_.size());
  const Eigen::Map<const Eigen::MatrixXd> J(jac, n, n);
  const auto m = static_cast<Eigen::Index>(kept_.size());
  for (Eigen::Index b = 0; b < m; ++b) {
    const auto j = static_cast<std::size_t>(kept_[static_cast<std::size_t>(b)]);
    const auto e = eliminated_[static_cast<std::size_t>(site_type_[j])];
    const double ratio = weight_[j] / weight_[static_cast<std::size_t>(e)];
    for (Eigen::Index a = 0; a < m; ++a) {
      const auto i = kept_[static_cast<std::size_t>(a)];
      reduced_(a, b) = J(i, static_cast<Eigen::Index>(j)) - J(i, e) * ratio;
    }
  }
}

void stability_test::balance() {
  // Parlett and Reinsch's balancing with radix 2 (as LAPACK's dgebal): scale row i by 1/f and
  // column i by f until the off-diagonal norms of every row and its column are within a factor 2.
  // Balancing is a similarity transform: wherever it stops, the eigenvalues are the same, it only
  // conditions them better. So it may stop early, and it must: near the ends of the double range
  // (norms of 1e-300, subnormal entries that lose bits when scaled) the factors can oscillate
  // forever. At most max_sweeps sweeps, no norm below the smallest normal double, no factor
  // beyond 2^±100 (max_factor).
  constexpr int max_sweeps = 32;
  constexpr double max_factor = 0x1p100;
  const auto m = reduced_.rows();
  for (int sweep = 0; sweep < max_sweeps && balance_sweep(m, max_factor); ++sweep)
    ;
}

bool stability_test::balance_sweep(Eigen::Index m, double max_factor) {
  constexpr double smallest = std::numeric_limits<double>::min();
  bool changed = false;
  for (Eigen::Index i = 0; i < m; ++i) {
    const double c = reduced_.col(i).cwiseAbs().sum() - std::fabs(reduced_(i, i));
    const double r = reduced_.row(i).cwiseAbs().sum() - std::fabs(reduced_(i, i));
    if (!(c >= smallest && r >= smallest) || !std::isfinite(c + r))
      continue;
    double f = 1;
    for (double cc = c; cc < r / 2 && f < max_factor; cc *= 4)
      f *= 2;
    for (double cc = c; cc > 2 * r && f > 1 / max_factor; cc /= 4)
      f /= 2;
    if (f != 1 && (c * f + r / f) < 0.95 * (c + r)) {
      reduced_.col(i) *= f;
      reduced_.row(i) /= f;
      changed = true;
    }
  }
  return changed;
}

} // namespace tofmap

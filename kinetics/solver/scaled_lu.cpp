#include "kinetics/solver/scaled_lu.hpp"

#include <algorithm>
#include <cmath>

namespace tofmap {

scaled_lu::scaled_lu(Eigen::Index n) : scaled_(n, n), rows_(n), columns_(n), work_(n), lu_(n) {
  // nop
}

bool scaled_lu::factorize(const Eigen::MatrixXd& jac, const double* theta, double floor,
                          double min_pivot) {
  const auto n = scaled_.rows();
  for (Eigen::Index j = 0; j < n; ++j)
    columns_[j] = std::max(std::fabs(theta[j]), floor);
  scaled_.noalias() = jac * columns_.asDiagonal();
  for (Eigen::Index i = 0; i < n; ++i) {
    auto largest = scaled_.row(i).cwiseAbs().maxCoeff();
    if (largest > 0 && std::isfinite(largest)) {
      rows_[i] = 1.0 / largest;
      scaled_.row(i) *= rows_[i];
    } else {
      // A row with nothing in it (every rate underflowed): keep that unknown where it is.
      rows_[i] = 0.0;
      scaled_.row(i).setZero();
      scaled_(i, i) = 1.0;
    }
  }
  if (!scaled_.allFinite())
    return false;
  lu_.compute(scaled_);
  const auto& u = lu_.matrixLU();
  double smallest = std::fabs(u(0, 0));
  double largest = smallest;
  for (Eigen::Index i = 1; i < n; ++i) {
    smallest = std::min(smallest, std::fabs(u(i, i)));
    largest = std::max(largest, std::fabs(u(i, i)));
  }
  return smallest > min_pivot * largest;
}

void scaled_lu::solve(Eigen::VectorXd& x) {
  work_ = rows_.cwiseProduct(x);
  x = lu_.solve(work_);
  x.array() *= columns_.array();
}

void scaled_lu::solve_transposed(Eigen::VectorXd& x) {
  work_ = columns_.cwiseProduct(x);
  x = lu_.transpose().solve(work_);
  x.array() *= rows_.array();
}

} // namespace tofmap

#include "kinetics/solver/closed_system.hpp"

namespace tofmap {

closed_system::closed_system(rate_model& model)
  : model_(&model), site_type_of_row_(model.size(), -1) {
  const auto& m = model.model();
  for (int t = 0; t < static_cast<int>(m.site_types.size()); ++t) {
    auto row = m.free_site_of(t);
    free_rows_.push_back(row);
    site_type_of_row_[static_cast<std::size_t>(row)] = t;
  }
  for (const auto& sp : m.surface) {
    weights_.push_back(sp.sites);
    site_type_.push_back(sp.site_type);
  }
}

double closed_system::balance_error(int t, const double* theta) const {
  double sum = 0;
  for (std::size_t i = 0; i < weights_.size(); ++i)
    if (site_type_[i] == t)
      sum += weights_[i] * theta[i];
  return sum - 1.0;
}

double closed_system::residual(const double* theta, Eigen::VectorXd& g) const {
  auto largest = model_->rhs(theta, g.data());
  for (std::size_t t = 0; t < free_rows_.size(); ++t)
    g[free_rows_[t]] = balance_error(static_cast<int>(t), theta);
  return largest;
}

void closed_system::jacobian(const double* theta, Eigen::MatrixXd& jac) const {
  model_->jacobian(theta, jac.data());
  for (std::size_t t = 0; t < free_rows_.size(); ++t) {
    auto row = free_rows_[t];
    for (std::size_t j = 0; j < weights_.size(); ++j)
      jac(row, static_cast<Eigen::Index>(j)) = site_type_[j] == static_cast<int>(t) ? weights_[j]
                                                                                    : 0.0;
  }
}

} // namespace tofmap

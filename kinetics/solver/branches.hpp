#pragma once

#include <cstddef>
#include <vector>

#include <Eigen/Core>

#include "kinetics/model/conditions.hpp"
#include "kinetics/model/mechanism.hpp"
#include "kinetics/solver/point_result.hpp"
#include "kinetics/solver/stability.hpp"
#include "kinetics/solver/steady_state_solver.hpp"

/// The distinct steady states one point reaches from several starts.
///
/// Every start is solved with the same steady_state_solver, one after another, in the order given.
/// The first start's result is what the map's columns report: bit for bit the result of that start
/// alone, whether it succeeded or not. A start's state counts as a branch only when its solve
/// succeeded (a status that is not a failure: `converged`, or `no_reactant` with finite coverages);
/// `newton_at_t_max` does not count, since the trajectory may not end in the state Newton found.
/// So when the first start fails and another converges, the map's columns still describe the
/// failed first start, and the branches are those of the other starts.
///
/// Two states are the same branch when every coverage agrees within 1e-6 absolute or 1e-4
/// relative (`same_branch`). A branch is listed once, with the first start that reached it, in the
/// order the starts reached them; every branch's stability is checked (stability.hpp).
///
/// Sized once; solving a point allocates nothing after the solver's first point.
namespace tofmap {

/// One distinct steady state of a point.
struct branch {
  std::size_t start = 0; ///< the first start that reached it (its result has the state)
  stability_verdict stability;
};

class branch_search {
public:
  /// Absolute and relative tolerances of the same-branch rule.
  static constexpr double same_abs = 1e-6;
  static constexpr double same_rel = 1e-4;

  /// `starts`: each empty (the empty surface) or one coverage per state species of the solver's
  /// mechanism, non-negative and respecting every site balance to 1e-9. Throws
  /// std::invalid_argument for an empty list or a start that is not such.
  branch_search(steady_state_solver& solver, std::vector<std::vector<double>> starts);

  /// Solves the point `c` from every start.
  void solve(const conditions& c);

  std::size_t num_starts() const { return starts_.size(); }
  /// The result of start `s` at the last point; result(0) is what the map's columns report.
  const point_result& result(std::size_t s) const { return results_[s]; }

  /// The distinct states found at the last point (0 when no start succeeded).
  std::size_t count() const { return count_; }
  const branch& at(std::size_t k) const { return branches_[k]; }
  /// The state of branch k: the result of the start that reached it first.
  const point_result& state(std::size_t k) const { return results_[branches_[k].start]; }
  /// The smallest and largest TOF over the branches [1/s per site]; NaN without any.
  double tof_min() const { return tof_min_; }
  double tof_max() const { return tof_max_; }
  /// Whether the reported state, the first start's, counts and is stable (map.csv's `stable`).
  bool reported_stable() const {
    return count_ > 0 && branches_[0].start == 0 && branches_[0].stability.stable;
  }

  /// Whether two coverage vectors are the same branch by the rule above.
  static bool same_branch(const std::vector<double>& a, const std::vector<double>& b);

  /// Whether a solve with this status and these coverages gave a steady state that counts.
  static bool counts(const point_result& r);

private:
  void collect(std::size_t s);

  steady_state_solver* solver_;
  std::vector<std::vector<double>> starts_;
  std::vector<point_result> results_;
  std::vector<branch> branches_; // count_ of them are in use
  std::size_t count_ = 0;
  double tof_min_ = 0, tof_max_ = 0;
  stability_test stability_;
  Eigen::MatrixXd jacobian_;
};

/// Throws std::invalid_argument when `start` is not empty and not a vector of one non-negative
/// coverage per state species of `m` respecting every site balance within 1e-9.
void check_start(const mechanism& m, const std::vector<double>& start);

} // namespace tofmap

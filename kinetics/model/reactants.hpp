#pragma once

#include <cstddef>
#include <vector>

#include "kinetics/model/mechanism.hpp"

/// Whether the tof gases can be produced at a point at all, or a reactant is missing.
///
/// A species is *available* at a point when it is a free site, an adsorbate the starting coverages
/// (`[solver] initial`) hold, or a gas at non-zero pressure other than the tof gases. A step whose
/// initial-state species are all available makes its final-state species available, and the
/// other way round (every step is reversible); the transition state does not count. The tof gases
/// can be produced when one of them becomes available this way. The rule holds for mechanisms that
/// produce their tof gases: it applies only when no step has a tof gas in its initial state.
namespace tofmap {

class tof_reachability {
public:
  /// `initial`: the starting coverages (solver_settings::initial); empty for the empty surface.
  tof_reachability(const mechanism& m, const std::vector<double>& initial);

  /// Takes other starting coverages (same meaning as `initial` above; as many entries as the first
  /// ones had, or empty). Allocates nothing.
  void restart(const mechanism& m, const std::vector<double>& initial);

  /// Whether the rule applies to this mechanism (no step consumes a tof gas as written).
  bool applies() const { return applies_; }

  /// False when the rule applies and no tof gas can be produced with these gas pressures (one per
  /// gas, in the mechanism's order). Allocates nothing.
  bool producible(const std::vector<double>& pressure);

private:
  struct side {
    std::size_t begin, end; // range in nodes_: gases are 0..G-1, surface species G..
  };
  void add_side(const std::vector<term>& gases, const std::vector<term>& surface);
  bool all_available(const side& x) const;
  bool make_available(const side& x);

  std::size_t gases_;
  bool applies_ = true;
  std::vector<std::size_t> nodes_;
  std::vector<side> sides_;     // per step: initial state, then final state
  std::vector<char> start_;     // per node: available before any step (not gases)
  std::vector<char> available_; // per node: workspace of producible()
  std::vector<int> tof_gases_;
};

} // namespace tofmap

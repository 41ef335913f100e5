#include "kinetics/model/reactants.hpp"

#include <algorithm>

namespace tofmap {

tof_reachability::tof_reachability(const mechanism& m, const std::vector<double>& initial)
  : gases_(m.gases.size()), tof_gases_(m.tof_gases) {
  const auto nodes = gases_ + m.surface.size();
  start_.assign(nodes, 0);
  available_.assign(nodes, 0);
  restart(m, initial);
  for (const auto& st : m.steps) {
    add_side(st.gas_initial, st.surface_initial);
    add_side(st.gas_final, st.surface_final);
    for (const auto& t : st.gas_initial)
      if (std::find(tof_gases_.begin(), tof_gases_.end(), t.index) != tof_gases_.end())
        applies_ = false;
  }
}

void tof_reachability::restart(const mechanism& m, const std::vector<double>& initial) {
  for (std::size_t i = 0; i < m.surface.size(); ++i)
    start_[gases_ + i] = m.surface[i].free_site || (i < initial.size() && initial[i] > 0);
}

void tof_reachability::add_side(const std::vector<term>& gases, const std::vector<term>& surface) {
  side x{nodes_.size(), 0};
  for (const auto& t : gases)
    nodes_.push_back(static_cast<std::size_t>(t.index));
  for (const auto& t : surface)
    nodes_.push_back(gases_ + static_cast<std::size_t>(t.index));
  x.end = nodes_.size();
  sides_.push_back(x);
}

bool tof_reachability::all_available(const side& x) const {
  for (auto k = x.begin; k < x.end; ++k)
    if (!available_[nodes_[k]])
      return false;
  return true;
}

bool tof_reachability::make_available(const side& x) {
  bool added = false;
  for (auto k = x.begin; k < x.end; ++k)
    if (!available_[nodes_[k]]) {
      available_[nodes_[k]] = 1;
      added = true;
    }
  return added;
}

bool tof_reachability::producible(const std::vector<double>& pressure) {
  if (!applies_)
    return true;
  std::copy(start_.begin(), start_.end(), available_.begin());
  for (std::size_t g = 0; g < gases_ && g < pressure.size(); ++g)
    available_[g] = pressure[g] > 0;
  for (auto g : tof_gases_)
    available_[static_cast<std::size_t>(g)] = 0; // made, not given
  for (bool added = true; added;) {
    added = false;
    for (std::size_t s = 0; s + 1 < sides_.size(); s += 2) {
      if (all_available(sides_[s]))
        added = make_available(sides_[s + 1]) || added;
      if (all_available(sides_[s + 1]))
        added = make_available(sides_[s]) || added;
    }
  }
  return std::any_of(tof_gases_.begin(), tof_gases_.end(),
                     [this](int g) { return available_[static_cast<std::size_t>(g)] != 0; });
}

} // namespace tofmap

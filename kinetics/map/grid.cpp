#include "kinetics/map/grid.hpp"

#include <cmath>

namespace tofmap {

double axis::value(int i) const {
  if (points <= 1 || i <= 0)
    return first;
  if (i >= points - 1)
    return last;
  if (log) {
    auto lo = std::log10(first);
    auto step = (std::log10(last) - lo) / (points - 1);
    return std::pow(10.0, lo + i * step);
  }
  // As numpy.linspace: i * step + first, so grids match the Python tools point for point.
  auto step = (last - first) / (points - 1);
  return i * step + first;
}

std::size_t map_spec::size() const {
  auto nx = static_cast<std::size_t>(x.points);
  return y ? nx * static_cast<std::size_t>(y->points) : nx;
}

int map_spec::x_index(std::size_t k) const {
  return y ? static_cast<int>(k / static_cast<std::size_t>(y->points)) : static_cast<int>(k);
}

int map_spec::y_index(std::size_t k) const {
  return y ? static_cast<int>(k % static_cast<std::size_t>(y->points)) : 0;
}

void map_spec::apply(std::size_t k, conditions& c) const {
  set_parameter(x.parameter, x.value(x_index(k)), c);
  if (y)
    set_parameter(y->parameter, y->value(y_index(k)), c);
}

void set_parameter(const map_parameter& p, double value, conditions& c) {
  auto i = static_cast<std::size_t>(p.index);
  switch (p.kind) {
    case parameter_kind::pressure:
      c.pressure[i] = value;
      break;
    case parameter_kind::temperature:
      c.temperature = value;
      break;
    case parameter_kind::dG:
      c.dG[i] = value;
      break;
    case parameter_kind::Ga:
      c.Ga[i] = value;
      break;
    case parameter_kind::energy:
      c.E[i] = value;
      break;
  }
}

} // namespace tofmap

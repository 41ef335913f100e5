#include "kinetics/map/grid.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <system_error>

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
  // As numpy.linspace: i * step + first, so grids match the Python tools point for point, except
  // where that is a short decimal spoilt by rounding (-1.0999999999999999 for -1.1, 2.2e-16 for
  // 0): then the decimal itself.
  auto step = (last - first) / (points - 1);
  return without_float_noise(i * step + first, std::max(std::fabs(first), std::fabs(last)));
}

double without_float_noise(double x, double scale) {
  if (std::fabs(x) <= 1e-13 * scale)
    return 0.0;
  // The nearest decimal of 12 significant digits, if rounding alone can explain the difference
  // (a grid point whose true value has more digits, 0.3333366666..., is 1e-13 or more away).
  std::array<char, 32> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), x,
                                 std::chars_format::general, 12);
  if (ec != std::errc{})
    return x;
  double decimal = x;
  std::from_chars(buffer.data(), end, decimal);
  return std::fabs(decimal - x) <= 1e-14 * std::fabs(x) ? decimal : x;
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

#include "kinetics/map/grid.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <system_error>

namespace tofmap {

double axis::value_at(int i, int n) const {
  if (n <= 1 || i <= 0)
    return first;
  if (i >= n - 1)
    return last;
  if (log) {
    auto lo = std::log10(first);
    auto step = (std::log10(last) - lo) / (n - 1);
    return std::pow(10.0, lo + i * step);
  }
  // As numpy.linspace: i * step + first, so grids match the Python tools point for point, except
  // where that is a short decimal spoilt by rounding (-1.0999999999999999 for -1.1, 2.2e-16 for
  // 0): then the decimal itself.
  auto step = (last - first) / (n - 1);
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

namespace {

int finest_points(int points, int refine) {
  return points <= 1 ? points : (points - 1) * (1 << refine) + 1;
}

} // namespace

int map_spec::nx() const {
  return finest_points(x.points, refine);
}

int map_spec::ny() const {
  return y ? finest_points(y->points, refine) : 1;
}

std::size_t map_spec::size() const {
  return static_cast<std::size_t>(nx()) * static_cast<std::size_t>(ny());
}

int map_spec::x_index(std::size_t k) const {
  return static_cast<int>(k / static_cast<std::size_t>(ny()));
}

int map_spec::y_index(std::size_t k) const {
  return static_cast<int>(k % static_cast<std::size_t>(ny()));
}

double map_spec::x_value(std::size_t k) const {
  return x.value_at(x_index(k), nx());
}

double map_spec::y_value(std::size_t k) const {
  return y ? y->value_at(y_index(k), ny()) : 0.0;
}

void map_spec::apply(std::size_t k, conditions& c) const {
  set_parameter(x.parameter, x_value(k), c);
  if (y)
    set_parameter(y->parameter, y_value(k), c);
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

#include "actors/coordinator/point_check.hpp"

#include <cmath>

namespace tofmap {

namespace {

std::string number_text(double x) {
  std::string out;
  append_number(out, x);
  return out;
}

} // namespace

std::string implausible_point(const kinetics_config& config, const map_table& table,
                              std::size_t k) {
  if (table.status[k] != point_status::converged)
    return {};
  const auto* row = table.row(k);
  const auto& surface = config.model.surface;
  const auto residual = surface.size() + 1;
  auto name = [&](std::size_t c) {
    return c == 0          ? std::string{"tof"}
           : c == residual ? std::string{"residual"}
                           : "theta(" + surface[c - 1].name + ")";
  };
  for (std::size_t c = 0; c <= residual && c < table.width; ++c) {
    const auto x = row[c];
    const bool coverage = c > 0 && c < residual;
    if (!std::isfinite(x) || (coverage && (x < -coverage_slack || x > 1 + coverage_slack)))
      return name(c) + " = " + number_text(x) + " with status converged";
  }
  return {};
}

} // namespace tofmap

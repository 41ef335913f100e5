#include "kinetics/map/map_layout.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include "kinetics/model/interactions.hpp"

namespace tofmap {

namespace {

/// True if an axis sweeps the pressure of gas g through values other than zero.
bool swept_nonzero(const std::optional<axis>& a, int g) {
  return a && a->parameter.kind == parameter_kind::pressure && a->parameter.index == g
         && (a->first != 0 || a->last != 0);
}

} // namespace

map_layout::map_layout(const kinetics_config& config)
  : config_(&config), species_(config.model.surface.size()) {
  const auto& m = config.model;
  const auto& a = config.analysis;
  if (a.orders)
    for (int g = 0; g < static_cast<int>(m.gases.size()); ++g)
      if (m.gases[static_cast<std::size_t>(g)].pressure > 0
          || swept_nonzero(std::optional<axis>{config.map.x}, g) || swept_nonzero(config.map.y, g))
        order_gases_.push_back(g);
  selectivity_ = m.tof_gases.size() > 1;
  width_ = 2 + species_ + (a.rate_control ? m.steps.size() : 0) + order_gases_.size()
           + (a.apparent_Ea ? 1 : 0) + (a.production ? m.gases.size() : 0)
           + (selectivity_ ? m.tof_gases.size() : 0) + (a.energies ? 2 * m.steps.size() : 0)
           + (a.energies && m.interactions.any() ? interacting_species(m).size() : 0)
           + (a.any() ? 1 : 0);
}

void map_layout::pack(const point_result& r, double* row) const {
  const auto& a = config_->analysis;
  *row++ = r.tof;
  for (auto x : r.coverage)
    *row++ = x;
  *row++ = r.residual;
  if (a.rate_control)
    for (auto x : r.rate_control)
      *row++ = x;
  for (auto g : order_gases_)
    *row++ = r.orders[static_cast<std::size_t>(g)];
  if (a.apparent_Ea)
    *row++ = r.apparent_Ea;
  if (a.production)
    for (auto x : r.production)
      *row++ = x;
  if (selectivity_)
    for (auto g : config_->model.tof_gases)
      *row++ = r.tof != 0 ? r.production[static_cast<std::size_t>(g)] / r.tof
                          : std::numeric_limits<double>::quiet_NaN(); // no share of nothing
  if (a.energies) {
    for (auto x : r.dG)
      *row++ = x;
    for (auto x : r.barrier)
      *row++ = x;
    for (auto x : r.energies)
      *row++ = x;
  }
  if (a.any()) // the bits of undefined analyses: an integer below 2^53, exact in a double
    *row++ = static_cast<double>(r.undefined & ((uint64_t{1} << 53) - 1));
}

std::string map_layout::csv_header() const {
  const auto& m = config_->model;
  const auto& a = config_->analysis;
  std::string h = config_->map.x.parameter.label;
  if (config_->map.y)
    h += "," + config_->map.y->parameter.label;
  h += ",tof";
  for (const auto& sp : m.surface)
    h += ",theta(" + sp.name + ")";
  h += ",residual,status";
  if (a.rate_control)
    for (std::size_t s = 0; s < m.steps.size(); ++s)
      h += ",X_RC(" + std::to_string(s + 1) + ")";
  for (auto g : order_gases_)
    h += ",order(" + m.gases[static_cast<std::size_t>(g)].name + ")";
  if (a.apparent_Ea)
    h += ",Ea_app";
  if (a.production)
    for (const auto& g : m.gases)
      h += ",rate(" + g.name + ")";
  if (selectivity_)
    for (auto g : m.tof_gases)
      h += ",selectivity(" + m.gases[static_cast<std::size_t>(g)].name + ")";
  if (a.energies) {
    for (std::size_t s = 0; s < m.steps.size(); ++s)
      h += ",dG(" + std::to_string(s + 1) + ")";
    for (std::size_t s = 0; s < m.steps.size(); ++s)
      h += ",Ga(" + std::to_string(s + 1) + ")";
    if (m.interactions.any())
      for (auto i : interacting_species(m))
        h += ",E_theta(" + m.energies[static_cast<std::size_t>(i)].name + ")";
  }
  if (a.any())
    h += ",undefined";
  return h;
}

void map_layout::append_undefined(std::string& out, double bits_value) const {
  const auto& m = config_->model;
  const auto& a = config_->analysis;
  const auto bits = static_cast<uint64_t>(bits_value);
  const auto before = out.size();
  auto add = [&](const std::string& name) {
    if (out.size() > before)
      out += ';';
    out += name;
  };
  if (a.rate_control && (bits & undefined_bits::rate_control) != 0)
    add("X_RC");
  for (auto g : order_gases_)
    if (g < undefined_bits::max_order_gases
        && (bits & (uint64_t{1} << (undefined_bits::first_order + g))) != 0)
      add("order(" + m.gases[static_cast<std::size_t>(g)].name + ")");
  if (a.apparent_Ea && (bits & undefined_bits::apparent_Ea) != 0)
    add("Ea_app");
  if (out.size() == before)
    out += '-';
}

void map_layout::append_csv_row(std::string& out, std::size_t k, const double* row,
                                point_status status) const {
  const auto& map = config_->map;
  append_number(out, map.x_value(k));
  if (map.y) {
    out += ',';
    append_number(out, map.y_value(k));
  }
  // tof, coverages, residual
  for (std::size_t i = 0; i < species_ + 2; ++i) {
    out += ',';
    append_number(out, row[i]);
  }
  out += ',';
  out += to_string(status);
  const auto analyses_end = config_->analysis.any() ? width_ - 1 : width_;
  for (std::size_t i = species_ + 2; i < analyses_end; ++i) {
    out += ',';
    append_number(out, row[i]);
  }
  if (analyses_end < width_) {
    out += ',';
    append_undefined(out, row[analyses_end]);
  }
}

map_table::map_table(const map_layout& layout, std::size_t points)
  : width(layout.width()), values(points * layout.width(), 0.0),
    status(points, point_status::bad_conditions), done(points, 0) {
  // nop
}

void write_map_csv(std::ostream& out, const map_layout& layout, const map_table& table) {
  std::string line = layout.csv_header();
  line += '\n';
  out << line;
  for (std::size_t k = 0; k < table.size(); ++k) {
    line.clear();
    layout.append_csv_row(line, k, table.row(k), table.status[k]);
    line += '\n';
    out << line;
  }
}

void append_number(std::string& out, double x) {
  if (std::isnan(x)) {
    out += "nan";
    return;
  }
  if (std::isinf(x)) {
    out += x > 0 ? "inf" : "-inf";
    return;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), x);
  out.append(buf, end);
}

} // namespace tofmap

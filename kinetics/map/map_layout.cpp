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
  : config_(&config), species_(config.model.surface.size()),
    starts_(1 + config.solver.other_starts.size()) {
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
  base_width_ = width_;
  width_ += 4 + (starts_ > 1 ? starts_ * (3 + species_) : 0);
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

void map_layout::pack_branches(const branch_search& b, double* row) const {
  row += base_width_;
  *row++ = static_cast<double>(b.count());
  *row++ = b.tof_min();
  *row++ = b.tof_max();
  *row++ = b.reported_stable() ? 1 : 0;
  if (starts_ == 1)
    return;
  for (std::size_t k = 0; k < starts_; ++k) {
    const bool used = k < b.count();
    *row++ = used ? static_cast<double>(b.at(k).start) : -1;
    *row++ = used ? b.state(k).tof : 0;
    *row++ = used && b.at(k).stability.stable ? 1 : 0;
    for (std::size_t i = 0; i < species_; ++i)
      *row++ = used ? b.state(k).coverage[i] : 0;
  }
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

void map_layout::append_branch_columns(std::string& out, const double* row) const {
  row += base_width_;
  for (std::size_t i = 0; i < 4; ++i) {
    out += ',';
    append_number(out, row[i]);
  }
}

std::string map_layout::branches_header() const {
  std::string h = config_->map.x.parameter.label;
  if (config_->map.y)
    h += "," + config_->map.y->parameter.label;
  h += ",start,tof";
  for (const auto& sp : config_->model.surface)
    h += ",theta(" + sp.name + ")";
  return h + ",stable";
}

void map_layout::append_branches_rows(std::string& out, std::size_t k, const double* row) const {
  if (starts_ < 2)
    return; // one start: rows have no slots, and branches.csv lists nothing
  const auto& map = config_->map;
  for (std::size_t s = 0; s < starts_; ++s) {
    const double* slot = row + slot_column(s);
    if (slot[0] < 0)
      return;
    append_number(out, map.x_value(k));
    if (map.y) {
      out += ',';
      append_number(out, map.y_value(k));
    }
    out += ',';
    append_number(out, slot[0] + 1); // 1-based: the place of the start in [solver] initial
    out += ',';
    append_number(out, slot[1]); // tof
    for (std::size_t i = 0; i < species_; ++i) {
      out += ',';
      append_number(out, slot[3 + i]);
    }
    out += ',';
    append_number(out, slot[2]); // stable
    out += '\n';
  }
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
  const auto analyses_end = config_->analysis.any() ? base_width_ - 1 : base_width_;
  for (std::size_t i = species_ + 2; i < analyses_end; ++i) {
    out += ',';
    append_number(out, row[i]);
  }
  if (analyses_end < base_width_) {
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
  std::string line = layout.csv_header() + map_layout::branch_header();
  line += '\n';
  out << line;
  for (std::size_t k = 0; k < table.size(); ++k) {
    line.clear();
    layout.append_csv_row(line, k, table.row(k), table.status[k]);
    layout.append_branch_columns(line, table.row(k));
    line += '\n';
    out << line;
  }
}

void write_branches_csv(std::ostream& out, const map_layout& layout, const map_table& table) {
  std::string line = layout.branches_header();
  line += '\n';
  out << line;
  for (std::size_t k = 0; k < table.size(); ++k) {
    if (!table.done[k])
      continue;
    line.clear();
    layout.append_branches_rows(line, k, table.row(k));
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

#include "actors/plots/fields.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace tofmap::plots {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// Inside the parentheses of "theta(CO_s)", or the whole name.
std::string inner(const std::string& column) {
  const auto open = column.find('(');
  const auto close = column.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close < open)
    return column;
  return column.substr(open + 1, close - open - 1);
}

bool starts_with(const std::string& s, const char* prefix) {
  return s.rfind(prefix, 0) == 0;
}

/// The expression of step `number` (e.g. "2") if the spec knows it, else empty.
std::string step_expression(const std::string& number, const plot_spec& spec) {
  const auto n = std::atoi(number.c_str());
  if (n < 1 || static_cast<std::size_t>(n) > spec.steps.size())
    return {};
  return spec.steps[static_cast<std::size_t>(n) - 1];
}

/// The field of a column, if it is one that gets a plot.
bool field_of(const std::string& name, const plot_spec& spec, plot_field& f) {
  f.series_title = name;
  f.value_title = name;
  if (starts_with(name, "theta(")) {
    f.kind = field_kind::coverage;
    f.log = spec.log_coverages;
    f.title = "coverage of " + inner(name) + (f.log ? " (log10)" : "");
    f.value_title = (f.log ? "log10 coverage " : "coverage ") + name;
  } else if (starts_with(name, "X_RC(")) {
    const auto number = inner(name);
    const auto expression = step_expression(number, spec);
    const auto tail = expression.empty() ? std::string{} : ": " + expression;
    f.kind = field_kind::rate_control;
    f.title = "degree of rate control of step " + number + tail;
    f.series_title = name + tail;
  } else if (starts_with(name, "order(")) {
    f.kind = field_kind::order;
    f.title = "reaction order in " + inner(name);
  } else if (name == "Ea_app") {
    f.kind = field_kind::apparent_Ea;
    f.title = "apparent activation energy";
    f.value_title = "Ea_app [eV]";
  } else if (starts_with(name, "selectivity(")) {
    f.kind = field_kind::selectivity;
    f.title = "selectivity to " + inner(name);
  } else {
    return false;
  }
  f.stem = file_stem(name);
  return true;
}

/// What a cell of a point without a value means.
std::string none_text(const plot_field& f) {
  switch (f.kind) {
    case field_kind::tof:
      return "TOF ≤ 0";
    case field_kind::coverage:
      return f.log ? "θ ≤ 0" : "no value";
    default:
      return "undefined";
  }
}

/// The cells before the noise rule: a value where the point has a finite one (positive on a log
/// scale).
void classify(const map_data& m, const plot_field& f, field_cells& out) {
  const auto& column = m.values[f.column];
  out.value.assign(m.rows(), nan);
  out.kind.assign(m.rows(), cell::none);
  for (std::size_t r = 0; r < m.rows(); ++r) {
    const auto kind = m.kind(r);
    if (kind == point_kind::failed) {
      out.kind[r] = cell::failed;
      continue;
    }
    const double v = column[r];
    if ((kind == point_kind::no_tof && f.kind == field_kind::tof) || !std::isfinite(v)
        || (f.log && !(v > 0)))
      continue;
    out.kind[r] = cell::value;
    out.value[r] = f.log ? std::log10(v) : v;
  }
}

/// Rounding noise around zero on a log scale becomes `none` (scales.hpp, noise_count).
void drop_noise(field_cells& c) {
  std::vector<double> logs;
  for (std::size_t r = 0; r < c.value.size(); ++r)
    if (c.kind[r] == cell::value)
      logs.push_back(c.value[r]);
  c.noise = noise_count(logs, c.any(cell::none));
  if (c.noise == 0)
    return;
  std::nth_element(logs.begin(), logs.begin() + static_cast<std::ptrdiff_t>(c.noise - 1),
                   logs.end());
  const double highest = logs[c.noise - 1];
  for (std::size_t r = 0; r < c.value.size(); ++r)
    if (c.kind[r] == cell::value && c.value[r] <= highest) {
      c.kind[r] = cell::none;
      c.value[r] = nan;
    }
  c.none_text += " or < 1e" + std::to_string(static_cast<int>(std::ceil(highest)));
}

value_range range_of(const plot_field& f, const field_cells& c) {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  for (std::size_t r = 0; r < c.value.size(); ++r)
    if (c.kind[r] == cell::value) {
      lo = std::min(lo, c.value[r]);
      hi = std::max(hi, c.value[r]);
    }
  const bool empty = !(lo <= hi);
  if (f.kind == field_kind::coverage && f.log) {
    // Up to full coverage, so that the maps of all species compare.
    return {empty ? -1 : std::min(std::floor(lo), -1.0), 0};
  }
  if (f.kind == field_kind::coverage || f.kind == field_kind::selectivity)
    return {0, 1};
  if (f.kind == field_kind::branches) // a colour per count, 1 at least
    return {0.5, (empty ? 1 : std::max(std::round(hi), 1.0)) + 0.5};
  if (empty)
    return {-1, 1};
  switch (f.kind) {
    case field_kind::tof:
      return decades_range(lo, hi);
    case field_kind::rate_control:
    case field_kind::order:
      return symmetric_range(lo, hi);
    default:
      return rounded_range(lo, hi);
  }
}

} // namespace

std::vector<plot_field> fields_of(const map_data& m, const plot_spec& spec) {
  const auto prefix = spec.title.empty() ? std::string{} : spec.title + ": ";
  std::vector<plot_field> out;
  plot_field tof{m.find("tof"), field_kind::tof, true,
                 "map",         prefix + "TOF",  "log10 TOF [1/s per site]",
                 "TOF"};
  out.push_back(tof);
  // In the order of the kinds, each kind's columns in map.csv's order.
  std::vector<plot_field> found;
  for (std::size_t c = 0; c < m.columns.size(); ++c) {
    plot_field f;
    f.column = c;
    if (field_of(m.columns[c], spec, f)) {
      f.title = prefix + f.title;
      found.push_back(f);
    }
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const plot_field& a, const plot_field& b) { return a.kind < b.kind; });
  out.insert(out.end(), found.begin(), found.end());
  return out;
}

bool field_cells::any(cell c) const {
  return std::find(kind.begin(), kind.end(), c) != kind.end();
}

field_cells cells_of(const map_data& m, const plot_field& f) {
  field_cells c;
  c.none_text = none_text(f);
  classify(m, f, c);
  if (f.log)
    drop_noise(c);
  c.range = range_of(f, c);
  return c;
}

std::string file_stem(const std::string& column) {
  std::string out;
  for (char c : column) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')
      out += c;
    else if (c == '*')
      out += "free";
    else if (!out.empty() && out.back() != '_')
      out += '_';
  }
  while (!out.empty() && out.back() == '_')
    out.pop_back();
  return out.empty() ? "column" : out;
}

} // namespace tofmap::plots

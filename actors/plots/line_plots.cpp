#include "actors/plots/line_plots.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <sstream>

#include "actors/plots/gnuplot.hpp"
#include "actors/plots/scales.hpp"
#include "actors/plots/script.hpp"

namespace tofmap::plots {

namespace {

/// The style of series k of a line plot: a colour of its own for the first 20 series (gnuplot's
/// default cycle has 8, so a mechanism with ten adsorbates had two purple lines), then the same
/// colours with other dashes and point shapes.
std::string series_style(std::size_t k) {
  static const char* colours[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                                  "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
                                  "#393b79", "#ad494a", "#637939", "#e7ba52", "#7b4173",
                                  "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363"};
  static const int points[] = {7, 5, 9, 11, 13};
  constexpr std::size_t n = std::size(colours);
  const auto round = k / n;
  return "linecolor rgb '" + std::string{colours[k % n]} + "' dashtype "
         + std::to_string(round % 5 + 1) + " pointtype "
         + std::to_string(points[round % std::size(points)]);
}

/// The range of all the fields' values, on the plot's scale: the union of their colour ranges,
/// except for X_RC and orders, whose maps centre their range on 0 for the palette, but whose
/// lines want the room they take.
value_range joint_range(const line_plot& plot, const std::vector<field_cells>& cells) {
  const auto kind = plot.fields.front().kind;
  constexpr double inf = std::numeric_limits<double>::infinity();
  value_range r{inf, -inf};
  if (kind != field_kind::rate_control && kind != field_kind::order) {
    for (const auto& c : cells)
      r = {std::min(r.lo, c.range.lo), std::max(r.hi, c.range.hi)};
    return r;
  }
  for (const auto& c : cells)
    for (std::size_t k = 0; k < c.value.size(); ++k)
      if (c.kind[k] == cell::value)
        r = {std::min(r.lo, c.value[k]), std::max(r.hi, c.value[k])};
  return r.lo <= r.hi ? rounded_range(r.lo, r.hi) : cells.front().range;
}

/// `set logscale` and tics at the decades for a log axis from 10^lo to 10^hi.
void add_log_axis(gnuplot_script& s, const char* name, double lo, double hi) {
  s.settings() << "set logscale " << name << "\n" << tics_command(name, log_tics(lo, hi), true);
}

void add_axes(gnuplot_script& s, const std::vector<double>& xs, const plot_axis& axis,
              const line_plot& plot, value_range range) {
  const bool log_y = plot.fields.front().log;
  auto& out = s.settings();
  out << "set title " << plain(plot.title) << "\n"
      << "set xlabel " << plain(axis_title(axis)) << "\n"
      << "set ylabel " << plain(plot.value_title) << "\n"
      << "set grid\n"
      << "set xrange [" << num(xs.front()) << ":" << num(xs.back()) << "]\n";
  if (axis.log)
    add_log_axis(s, "x", std::log10(xs.front()), std::log10(xs.back()));
  if (log_y) {
    out << "set yrange [" << num(std::pow(10.0, range.lo)) << ":" << num(std::pow(10.0, range.hi))
        << "]\n";
    add_log_axis(s, "y", range.lo, range.hi);
  } else {
    out << "set yrange [" << num(range.lo) << ":" << num(range.hi) << "]\n";
  }
}

/// The values, one line per point: the axis value, then each field's value where it has one.
std::string data_block(const map_data& m, const std::vector<double>& xs, const line_plot& plot,
                       const std::vector<field_cells>& cells) {
  std::ostringstream out;
  for (std::size_t r = 0; r < xs.size(); ++r) {
    out << num(xs[r]);
    for (std::size_t k = 0; k < plot.fields.size(); ++k)
      out << ' ' << num(cells[k].kind[r] == cell::value ? m.values[plot.fields[k].column][r] : NAN);
    out << '\n';
  }
  return out.str();
}

/// Marks along the bottom of the plot at the points whose first field is a `kind` cell.
void add_marks(gnuplot_script& s, const std::vector<double>& xs, const field_cells& c, cell kind,
               const std::string& style, const std::string& title) {
  if (!c.any(kind))
    return;
  std::ostringstream block;
  for (std::size_t r = 0; r < xs.size(); ++r)
    if (c.kind[r] == kind)
      block << num(xs[r]) << '\n';
  const auto name = kind == cell::failed ? std::string{"failed"} : std::string{"no_value"};
  s.add_block(name, title + ": marked along the bottom", block.str());
  s.add("$" + name + " using 1:(bottom) with points " + style + " title " + plain(title));
}

/// The key: below the plot for several lines, in a box for one line with marks or the states.
const char* key_of(const line_plot& plot, bool marks, bool states) {
  if (plot.fields.size() > 1)
    return "set key below left Left reverse maxcols 4 height 1.5\n";
  return marks || states ? "set key top right opaque box\n" : "unset key\n";
}

/// The range of the values, widened to the states' TOFs (whole decades).
value_range with_states(value_range r, const sweep_states* states) {
  double lo = 0;
  double hi = 0;
  if (states == nullptr || !states_log_range(*states, lo, hi))
    return r;
  const auto d = decades_range(lo, hi);
  return {std::min(r.lo, d.lo), std::max(r.hi, d.hi)};
}

} // namespace

std::string line_plot_script(const map_data& m, std::size_t along, const plot_axis& axis,
                             const line_plot& plot, const sweep_states* states) {
  const auto& xs = along == 0 ? m.x : m.y;
  std::vector<field_cells> cells;
  for (const auto& f : plot.fields)
    cells.push_back(cells_of(m, f));
  const auto range = with_states(joint_range(plot, cells), states);
  const auto& first = cells.front();
  const bool marks = first.any(cell::none) || first.any(cell::failed);
  gnuplot_script s{plot.stem, plot.title, line_width, line_height, ""};
  add_axes(s, xs, axis, plot, range);
  s.settings() << "bottom = " << num(plot.fields.front().log ? std::pow(10.0, range.lo) : range.lo)
               << "   # where points without a value are marked\n"
               << key_of(plot, marks, states != nullptr);
  if (states != nullptr) {
    add_sweep_states(s, *states);
  } else {
    s.add_block("data",
                "the axis, then " + std::to_string(plot.fields.size())
                  + " value(s) per point (nan: no value)",
                data_block(m, xs, plot, cells));
    for (std::size_t k = 0; k < plot.fields.size(); ++k)
      s.add("$data using 1:" + std::to_string(k + 2) + " with linespoints " + series_style(k)
            + " pointsize 0.5 linewidth 1.5 "
            + (plot.fields.size() == 1 ? std::string{"notitle"}
                                       : "title " + plain(plot.fields[k].series_title)));
  }
  add_marks(s, xs, first, cell::none, "pointtype 6 pointsize 1 linecolor rgb '#555555'",
            first.none_text);
  add_marks(s, xs, first, cell::failed, "pointtype 2 pointsize 1.2 linecolor rgb 'black'",
            "not converged");
  return s.text();
}

} // namespace tofmap::plots

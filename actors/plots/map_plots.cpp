#include "actors/plots/map_plots.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "actors/plots/contours.hpp"
#include "actors/plots/gnuplot.hpp"

namespace tofmap::plots {

namespace {

namespace fs = std::filesystem;

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// -- palettes -----------------------------------------------------------------------------------

/// Turbo (Google's rainbow with even lightness steps): low TOF blue, high TOF dark red, so that
/// poisoned and reactive regions differ in hue, not only in shade.
constexpr const char* turbo_palette = R"(# Turbo (A. Mikhailov, Google, 2019), as polynomials
tr(x) = 0.13572138 + x*(4.61539260 + x*(-42.66032258 + x*(132.13108234 + x*(-152.94239396 + x*59.28637943))))
tg(x) = 0.09140261 + x*(2.19418839 + x*(4.84296658 + x*(-14.18503333 + x*(4.27729857 + x*2.82956604))))
tb(x) = 0.10667330 + x*(12.64194608 + x*(-60.58204836 + x*(110.36276771 + x*(-89.90310912 + x*27.34824973))))
clamp(v) = v < 0 ? 0 : v > 1 ? 1 : v
set palette functions clamp(tr(gray)), clamp(tg(gray)), clamp(tb(gray))
)";

/// Viridis (sequential), for coverages.
constexpr const char* viridis_palette
  = "set palette defined (0 '#440154', 1 '#482878', 2 '#3e4989', 3 '#31688e', 4 '#26828e', "
    "5 '#1f9e89', 6 '#35b779', 7 '#6ece58', 8 '#b5de2b', 9 '#fde725')\n";

/// Blue - white - red, centred on zero, for degrees of rate control.
constexpr const char* diverging_palette
  = "set palette defined (0 '#053061', 1 '#4393c3', 2 '#f7f7f7', 3 '#d6604d', 4 '#67001f')\n";

// -- small helpers ------------------------------------------------------------------------------

/// Shortest text that reads back as exactly x.
std::string num(double x) {
  if (std::isnan(x))
    return "nan";
  if (std::isinf(x))
    return x > 0 ? "inf" : "-inf";
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), x);
  return std::string(buf, end);
}

std::string axis_title(const plot_axis& a) {
  return a.unit.empty() ? a.label : a.label + " [" + a.unit + "]";
}

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

/// What one plot shows.
struct field {
  std::size_t column;          // in map_data
  std::string stem;            // file name without extension
  std::string title;
  std::string colour_title;    // colour bar / y axis
  enum kind_t { tof, coverage, rate_control } kind;
};

std::vector<field> fields_of(const map_data& m, const std::string& model) {
  std::vector<field> out;
  const auto prefix = model.empty() ? std::string{} : model + ": ";
  out.push_back(field{m.find("tof"), "map", prefix + "TOF", "log10 TOF [1/s per site]", field::tof});
  for (std::size_t c = 0; c < m.columns.size(); ++c) {
    const auto& name = m.columns[c];
    if (starts_with(name, "theta("))
      out.push_back(field{c, file_stem(name), prefix + "coverage of " + inner(name),
                          "coverage " + name, field::coverage});
    else if (starts_with(name, "X_RC("))
      out.push_back(field{c, file_stem(name),
                          prefix + "degree of rate control of step " + inner(name), name,
                          field::rate_control});
  }
  return out;
}

/// The value a plot shows at row r: NaN where the point did not converge (or the TOF is not
/// positive, for the log scale).
double shown(const map_data& m, const field& f, std::size_t r) {
  if (!m.converged(r))
    return nan;
  const double v = m.values[f.column][r];
  if (f.kind == field::tof)
    return v > 0 ? std::log10(v) : nan;
  return v;
}

/// The gnuplot function of shown(): of the column's value and the status.
std::string shown_function(const field& f) {
  if (f.kind == field::tof)
    return "# log10 TOF where the point converged to a positive TOF, else no value\n"
           "shown(v, s) = (ok(s) && v > 0) ? log10(v) : NaN\n";
  return "# the value where the point converged, else no value\n"
         "shown(v, s) = ok(s) ? v : NaN\n";
}

/// Colour range of a field over the map.
std::pair<double, double> colour_range(const map_data& m, const field& f) {
  if (f.kind == field::coverage)
    return {0, 1};
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  for (std::size_t r = 0; r < m.rows(); ++r) {
    const double v = shown(m, f, r);
    if (std::isfinite(v)) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  if (!std::isfinite(lo))
    return {-1, 1};
  if (f.kind == field::rate_control) {
    // Symmetric around 0, in tenths, at least ±0.1 (a step that does not limit the rate at all
    // has X_RC = 0 up to rounding everywhere).
    const double a = std::max(0.1, std::ceil(std::max(std::abs(lo), std::abs(hi)) * 10 - 1e-6) / 10);
    return {-a, a};
  }
  lo = std::floor(lo);
  hi = std::ceil(hi);
  if (hi <= lo)
    return {lo - 1, hi + 1};
  return {lo, hi};
}

bool any_unconverged(const map_data& m) {
  for (std::size_t r = 0; r < m.rows(); ++r)
    if (!m.converged(r))
      return true;
  return false;
}

std::string header(const std::string& stem, const std::string& what, int width, int height) {
  std::ostringstream out;
  out << "# " << what << "\n"
      << "# Drawn by tofmap from ../map.csv. Restyle at will, then run in this folder:\n"
      << "#   gnuplot " << stem << ".gp\n"
      << "set terminal pngcairo size " << width << "," << height << " font 'sans,11'\n"
      << "set output " << quoted(stem + ".png") << "\n"
      << "set termoption noenhanced\n"
      << "set datafile separator comma\n"
      << "set datafile columnheaders   # columns by their names in map.csv's first line\n"
      << "ok(s) = s eq 'converged'\n";
  return out.str();
}

// -- 2-D maps -----------------------------------------------------------------------------------

/// Grid coordinate on the plot's scale.
std::vector<double> plot_scale(const std::vector<double>& v, bool log) {
  std::vector<double> out(v);
  if (log)
    for (auto& x : out)
      x = std::log10(x);
  return out;
}

double from_plot_scale(double x, bool log) {
  return log ? std::pow(10.0, x) : x;
}

/// The contour lines and labels of a field as gnuplot data blocks.
std::string contour_blocks(const map_data& m, const std::vector<plot_axis>& axes, const field& f,
                           std::pair<double, double> range) {
  grid_field g{plot_scale(m.x, axes[0].log), plot_scale(m.y, axes[1].log), {}};
  g.z.resize(m.rows());
  for (std::size_t r = 0; r < m.rows(); ++r)
    g.z[r] = shown(m, f, r);
  const int count = f.kind == field::coverage ? 4 : 6;
  const auto levels = nice_levels(range.first, range.second, count);
  const auto segments = contour(g, levels);
  const auto ex = plot_scale(cell_edges(m.x, axes[0].log), axes[0].log);
  const auto ey = plot_scale(cell_edges(m.y, axes[1].log), axes[1].log);
  const auto labels = place_labels(segments, ex.front(), ex.back(), ey.front(), ey.back());
  // Comma-separated with a header line, as map.csv (the script reads every file that way).
  std::ostringstream out;
  out << "# contour lines at " << levels.size() << " levels, segment by segment\n"
      << "$contours << EOD\nx,y,level\n";
  for (const auto& s : segments)
    out << num(from_plot_scale(s.x0, axes[0].log)) << ',' << num(from_plot_scale(s.y0, axes[1].log))
        << ',' << num(s.level) << '\n'
        << num(from_plot_scale(s.x1, axes[0].log)) << ',' << num(from_plot_scale(s.y1, axes[1].log))
        << ',' << num(s.level) << "\n\n";
  out << "EOD\n# where the levels are written on them\n$labels << EOD\nx,y,label\n";
  for (const auto& l : labels)
    out << num(from_plot_scale(l.x, axes[0].log)) << ',' << num(from_plot_scale(l.y, axes[1].log))
        << ',' << level_text(l.level) << '\n';
  out << "EOD\n";
  return out.str();
}

/// `column('NAME')` / `strcol('NAME')` of map.csv in a script.
std::string col(const std::string& name) {
  return "column(" + quoted(name) + ")";
}

/// The functions lo_x(v), hi_x(v) (or _y) of a script: the cell of a grid value, reaching halfway
/// to its neighbours (the grid is even, linearly or logarithmically) and overlapping them by about
/// a pixel, so that no seams show between cells.
std::string cell_functions(const char* n, const std::vector<double>& v, bool log) {
  const double overlap = std::min(0.5, 0.005 + static_cast<double>(v.size()) / 900.0);
  const double steps = static_cast<double>(v.size() - 1);
  std::ostringstream out;
  if (log) {
    const double half = std::pow(v.back() / v.front(), 0.5 / steps); // √(ratio of neighbours)
    const auto k = num(std::pow(half, 1 + overlap));
    out << "lo_" << n << "(v) = v / " << k << "\nhi_" << n << "(v) = v * " << k << "\n";
  } else {
    const auto k = num((v.back() - v.front()) / steps / 2 * (1 + overlap));
    out << "lo_" << n << "(v) = v - " << k << "\nhi_" << n << "(v) = v + " << k << "\n";
  }
  return out.str();
}

/// True if the values are evenly spaced, on a log scale when `log` (as tofmap's grids are).
bool evenly_spaced(const std::vector<double>& v, bool log) {
  if (v.size() < 3)
    return true;
  auto step = [&](std::size_t i) { return log ? std::log(v[i] / v[i - 1]) : v[i] - v[i - 1]; };
  const double first = step(1);
  for (std::size_t i = 2; i < v.size(); ++i)
    if (std::abs(step(i) - first) > 1e-6 * std::abs(first))
      return false;
  return true;
}

std::string map_script(const map_data& m, const std::vector<plot_axis>& axes, const field& f) {
  for (std::size_t a = 0; a < 2; ++a)
    if (!evenly_spaced(a == 0 ? m.x : m.y, axes[a].log))
      throw std::runtime_error("the values of " + axes[a].label + " in map.csv are not evenly spaced"
                               + (axes[a].log ? " on a log scale" : "")
                               + ": not a grid of tofmap");
  const auto range = colour_range(m, f);
  const auto ex = cell_edges(m.x, axes[0].log);
  const auto ey = cell_edges(m.y, axes[1].log);
  const auto x = col(axes[0].label);
  const auto y = col(axes[1].label);
  const auto value = col(m.columns[f.column]);
  const auto status = "strcol('status')";
  std::ostringstream out;
  out << header(f.stem, f.title + " (" + std::to_string(m.x.size()) + " x "
                          + std::to_string(m.y.size()) + " points)",
                map_width, map_height);
  out << "set title " << quoted(f.title) << "\n"
      << "set xlabel " << quoted(axis_title(axes[0])) << "\n"
      << "set ylabel " << quoted(axis_title(axes[1])) << "\n"
      << "set cblabel " << quoted(f.colour_title) << "\n";
  for (int a = 0; a < 2; ++a)
    if (axes[static_cast<std::size_t>(a)].log)
      out << "set logscale " << (a == 0 ? "x" : "y") << "\n";
  out << "set xrange [" << num(ex.front()) << ":" << num(ex.back()) << "]\n"
      << "set yrange [" << num(ey.front()) << ":" << num(ey.back()) << "]\n"
      << "set cbrange [" << num(range.first) << ":" << num(range.second) << "]\n"
      << (f.kind == field::tof        ? turbo_palette
          : f.kind == field::coverage ? viridis_palette
                                      : diverging_palette)
      << "set tics out nomirror\n"
      << "# points without a value (not converged) show the grey background\n"
      << "set object 1 rectangle from graph 0,0 to graph 1,1 behind fillcolor rgb '#c8c8c8' "
         "fillstyle solid noborder\n"
      << "set style fill solid 1.0 noborder\n"
      << "set style textbox opaque fillcolor rgb 'white' noborder margins 1,1\n";
  out << cell_functions("x", m.x, axes[0].log) << cell_functions("y", m.y, axes[1].log);
  for (int a = 0; a < 2; ++a)
    if (axes[static_cast<std::size_t>(a)].log)
      out << "set format " << (a == 0 ? "x" : "y") << " '%g'\n";
  out << contour_blocks(m, axes, f, range);
  const bool unconverged = any_unconverged(m);
  if (unconverged)
    out << "set key at graph 1, graph 1.01 right bottom horizontal\n";
  else
    out << "unset key\n";
  // A cell without a value is not drawn at all (x = NaN), so the background shows.
  out << shown_function(f)
      << "plot '../map.csv' using (z = shown(" << value << ", " << status << "), z == z ? " << x
      << " : NaN):(" << y << "):(lo_x(" << x << ")):(hi_x(" << x << ")):(lo_y(" << y << ")):(hi_y("
      << y << ")):(z) with boxxyerror fillcolor palette notitle, \\\n"
      << "     $contours using 1:2 with lines linecolor rgb 'black' linewidth 1 notitle, \\\n"
      << "     $labels using 1:2:3 with labels boxed font ',9' notitle";
  if (unconverged)
    out << ", \\\n     '../map.csv' using (" << x << "):(ok(" << status << ") ? NaN : " << y
        << ") with points pointtype 2 pointsize 1 linecolor rgb 'black' title 'not converged'";
  out << "\n";
  return out.str();
}

// -- 1-D sweeps ---------------------------------------------------------------------------------

/// The style of series k of a line plot: a colour of its own for the first 20 series (gnuplot's
/// default cycle has 8, so a mechanism with ten adsorbates had two purple lines), then the same
/// colours with other dashes and point shapes.
std::string series_style(std::size_t k) {
  static const char* colours[] = {
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#393b79", "#ad494a", "#637939", "#e7ba52", "#7b4173", "#3182bd",
    "#e6550d", "#31a354", "#756bb1", "#636363"};
  static const int points[] = {7, 5, 9, 11, 13};
  constexpr std::size_t n = std::size(colours);
  const auto round = k / n;
  return "linecolor rgb '" + std::string{colours[k % n]} + "' dashtype "
         + std::to_string(round % 5 + 1) + " pointtype "
         + std::to_string(points[round % std::size(points)]);
}

std::string sweep_script(const map_data& m, const plot_axis& axis, const std::string& stem,
                         const std::string& title, const std::string& y_title,
                         const std::vector<field>& fields, bool log_y) {
  const auto x = col(axis.label);
  const auto status = "strcol('status')";
  std::ostringstream out;
  out << header(stem, title, line_width, line_height);
  out << "set title " << quoted(title) << "\n"
      << "set xlabel " << quoted(axis_title(axis)) << "\n"
      << "set ylabel " << quoted(y_title) << "\n"
      << "set grid\n"
      << (fields.size() > 1       ? "set key outside right top\n"
          : any_unconverged(m) ? "set key top right opaque box\n"
                               : "unset key\n");
  if (axis.log)
    out << "set logscale x\nset format x '%g'\n";
  if (log_y)
    out << "set logscale y\nset format y '10^%L'\n";
  if (fields.front().kind == field::coverage)
    out << "set yrange [0:1]\n";
  out << "plot ";
  for (std::size_t k = 0; k < fields.size(); ++k) {
    const auto& f = fields[k];
    out << (k == 0 ? "" : ", \\\n     ") << "'../map.csv' using (" << x << "):(ok(" << status
        << ") ? " << col(m.columns[f.column]) << " : NaN) with linespoints " << series_style(k)
        << " pointsize 0.5 linewidth 1.5 "
        << (fields.size() == 1 ? std::string{"notitle"} : "title " + quoted(m.columns[f.column]));
  }
  if (any_unconverged(m))
    out << ", \\\n     '../map.csv' using (" << x << "):(ok(" << status << ") ? NaN : "
        << col(m.columns[fields.front().column])
        << ") with points pointtype 2 pointsize 1.2 linecolor rgb 'black' title 'not converged'";
  out << "\n";
  return out.str();
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out{path};
  out << text;
  if (!out)
    throw std::runtime_error("cannot write " + path);
}

/// The plots of an earlier map in the folder go first: an X_RC map of a run with rate control
/// must not stay beside the plots of a run without.
void remove_old_plots(const std::string& plots_dir) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator{plots_dir, ec}) {
    const auto name = e.path().filename().string();
    auto ends = [&](const std::string& tail) {
      return name.size() > tail.size() && name.compare(name.size() - tail.size(), tail.size(), tail) == 0;
    };
    if (e.is_regular_file() && (ends(".png") || ends(".gp") || ends(".gp.log")))
      fs::remove(e.path(), ec);
  }
}

} // namespace

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

std::vector<plot_axis> resolve_axes(const plot_spec& spec, const map_data& m) {
  std::vector<plot_axis> out;
  for (std::size_t a = 0; a < m.axes; ++a) {
    const auto& label = m.columns[a];
    auto i = std::find_if(spec.axes.begin(), spec.axes.end(),
                          [&](const plot_axis& p) { return p.label == label; });
    if (i != spec.axes.end())
      out.push_back(*i);
    else
      out.push_back(plot_axis{label, "", looks_logarithmic(a == 0 ? m.x : m.y)});
    // A log axis needs positive values.
    for (auto v : a == 0 ? m.x : m.y)
      if (!(v > 0))
        out.back().log = false;
  }
  return out;
}

std::vector<std::string> write_plot_scripts(const std::string& plots_dir, const plot_spec& spec,
                                            const map_data& m) {
  const auto axes = resolve_axes(spec, m);
  const auto fields = fields_of(m, spec.title);
  std::vector<std::string> scripts;
  const fs::path dir{plots_dir};
  const bool two_d = m.axes == 2 && m.x.size() > 1 && m.y.size() > 1;
  if (two_d) {
    for (const auto& f : fields) {
      write_text((dir / (f.stem + ".gp")).string(), map_script(m, axes, f));
      scripts.push_back(f.stem + ".gp");
    }
    return scripts;
  }
  // A sweep: one axis, or a 2-D map with a single value on one of its axes.
  std::size_t along = 0;
  if (m.axes == 2 && m.x.size() == 1)
    along = 1;
  if ((along == 0 ? m.x.size() : m.y.size()) < 2)
    return scripts; // a single point: nothing to draw
  const auto& axis = axes[along];
  const auto prefix = spec.title.empty() ? std::string{} : spec.title + ": ";
  write_text((dir / "map.gp").string(), sweep_script(m, axis, "map", prefix + "TOF",
                                                     "TOF [1/s per site]", {fields.front()}, true));
  scripts.push_back("map.gp");
  std::vector<field> coverages;
  std::vector<field> rate_control;
  for (const auto& f : fields) {
    if (f.kind == field::coverage)
      coverages.push_back(f);
    else if (f.kind == field::rate_control)
      rate_control.push_back(f);
  }
  if (!coverages.empty()) {
    write_text((dir / "coverages.gp").string(),
               sweep_script(m, axis, "coverages", prefix + "coverages", "coverage",
                            coverages, false));
    scripts.push_back("coverages.gp");
  }
  if (!rate_control.empty()) {
    write_text((dir / "X_RC.gp").string(),
               sweep_script(m, axis, "X_RC", prefix + "degrees of rate control", "X_RC",
                            rate_control, false));
    scripts.push_back("X_RC.gp");
  }
  return scripts;
}

plot_outcome draw_plots(const std::string& map_dir, const plot_spec& spec) {
  plot_outcome outcome;
  const auto gnuplot = find_gnuplot();
  if (gnuplot.empty()) {
    outcome.gnuplot_found = false;
    return outcome;
  }
  const auto plots_dir = (fs::path{map_dir} / "plots").string();
  std::vector<std::string> scripts;
  try {
    const auto m = read_map_csv((fs::path{map_dir} / "map.csv").string());
    std::error_code ec;
    fs::create_directories(plots_dir, ec);
    if (ec)
      throw std::runtime_error("cannot create " + plots_dir + ": " + ec.message());
    remove_old_plots(plots_dir);
    scripts = write_plot_scripts(plots_dir, spec, m);
  } catch (const std::exception& e) {
    outcome.errors.push_back(e.what());
    return outcome;
  }
  const int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  outcome.errors = run_gnuplot(gnuplot, plots_dir, scripts, jobs);
  for (const auto& s : scripts) {
    const auto png = (fs::path{plots_dir} / (s.substr(0, s.size() - 3) + ".png")).string();
    const bool failed = std::any_of(outcome.errors.begin(), outcome.errors.end(),
                                    [&](const std::string& e) { return starts_with(e, s.c_str()); });
    if (!failed && fs::exists(png))
      outcome.images.push_back(png);
  }
  return outcome;
}

} // namespace tofmap::plots

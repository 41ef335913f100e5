#include "actors/plots/heatmap.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "actors/plots/branch_plots.hpp"
#include "actors/plots/contours.hpp"
#include "actors/plots/gnuplot.hpp"
#include "actors/plots/scales.hpp"
#include "actors/plots/script.hpp"

namespace tofmap::plots {

namespace {

namespace fs = std::filesystem;

// -- palettes -----------------------------------------------------------------------------------

/// Turbo (Google's rainbow with even lightness steps): low TOF blue, high TOF dark red, so that
/// poisoned and reactive regions differ in hue, not only in shade. Sampled from its polynomials
/// (A. Mikhailov, Google, 2019) at 65 points: a palette of functions costs gnuplot a second for a
/// map of 300 x 300 points, one it interpolates a hundredth of that.
std::string turbo_palette() {
  auto poly = [](double x, const double(&c)[6]) {
    const double v = c[0] + x * (c[1] + x * (c[2] + x * (c[3] + x * (c[4] + x * c[5]))));
    return static_cast<int>(std::lround(255 * std::clamp(v, 0.0, 1.0)));
  };
  static const double r[6] = {0.13572138,   4.61539260,    -42.66032258,
                              132.13108234, -152.94239396, 59.28637943};
  static const double g[6] = {0.09140261,   2.19418839, 4.84296658,
                              -14.18503333, 4.27729857, 2.82956604};
  static const double b[6] = {0.10667330,   12.64194608,  -60.58204836,
                              110.36276771, -89.90310912, 27.34824973};
  std::string out = "# Turbo (A. Mikhailov, Google, 2019)\nset palette defined (";
  constexpr int steps = 64;
  for (int k = 0; k <= steps; ++k) {
    const double x = static_cast<double>(k) / steps;
    char colour[16];
    std::snprintf(colour, sizeof(colour), "'#%02x%02x%02x'", poly(x, r), poly(x, g), poly(x, b));
    out += (k == 0 ? "" : ", ") + std::to_string(k) + " " + colour;
  }
  return out + ")\n";
}

/// Viridis (sequential): coverages, selectivities, Ea_app.
constexpr const char* viridis_palette
  = "set palette defined (0 '#440154', 1 '#482878', 2 '#3e4989', 3 '#31688e', 4 '#26828e', "
    "5 '#1f9e89', 6 '#35b779', 7 '#6ece58', 8 '#b5de2b', 9 '#fde725')\n";

/// Blue - white - red, centred on zero: degrees of rate control and reaction orders.
constexpr const char* diverging_palette
  = "set palette defined (0 '#053061', 1 '#4393c3', 2 '#f7f7f7', 3 '#d6604d', 4 '#67001f')\n";

std::string palette_of(field_kind k) {
  switch (k) {
    case field_kind::tof:
      return turbo_palette();
    case field_kind::rate_control:
    case field_kind::order:
      return diverging_palette;
    default:
      return viridis_palette;
  }
}

/// Colours of the cells without a colour of the palette.
constexpr const char* no_value_colour = "#ffffff";
constexpr const char* failed_colour = "#c8c8c8";

// -- the grid -----------------------------------------------------------------------------------

/// The grid on the plot's scale (log10 of the values on a log axis) and the edges of its cells.
struct grid_frame {
  std::vector<double> x, y;
  std::vector<double> ex, ey;
};

std::vector<double> on_scale(const std::vector<double>& v, bool log) {
  std::vector<double> out(v);
  if (log)
    for (auto& x : out)
      x = std::log10(x);
  return out;
}

/// True if the values are evenly spaced (as tofmap's grids are, on the plot's scale).
bool evenly_spaced(const std::vector<double>& v) {
  for (std::size_t i = 2; i < v.size(); ++i)
    if (std::abs((v[i] - v[i - 1]) - (v[1] - v[0])) > 1e-6 * std::abs(v[1] - v[0]))
      return false;
  return true;
}

grid_frame frame_of(const map_data& m, const std::vector<plot_axis>& axes) {
  grid_frame g{on_scale(m.x, axes[0].log), on_scale(m.y, axes[1].log), {}, {}};
  for (std::size_t a = 0; a < 2; ++a)
    if (!evenly_spaced(a == 0 ? g.x : g.y))
      throw std::runtime_error("the values of " + axes[a].label
                               + " in map.csv are not evenly spaced"
                               + (axes[a].log ? " on a log scale" : "") + ": not a grid of tofmap");
  g.ex = cell_edges(g.x, false);
  g.ey = cell_edges(g.y, false);
  return g;
}

// -- the parts of the picture -------------------------------------------------------------------

/// Label, range and, on a log axis, tics at the decades (the axis runs over log10 of the values).
void add_axis(gnuplot_script& s, const char* name, const plot_axis& a,
              const std::vector<double>& edges) {
  auto& out = s.settings();
  out << "set " << name << "label " << plain(axis_title(a)) << "\n"
      << "set " << name << "range [" << num(edges.front()) << ":" << num(edges.back()) << "]"
      << (a.log ? "   # log10 of " + a.label : std::string{}) << "\n";
  if (a.log)
    out << tics_command(name, log_tics(edges.front(), edges.back()), false);
}

void add_colour_bar(gnuplot_script& s, const plot_field& f, const field_cells& c) {
  s.settings() << "set cblabel " << plain(f.value_title) << "\n"
               << "set cbrange [" << num(c.range.lo) << ":" << num(c.range.hi) << "]\n"
               << (f.kind == field_kind::branches
                     ? branches_colour_bar(static_cast<int>(std::lround(c.range.hi - 0.5)))
                     : palette_of(f.kind));
}

/// The cells that have a value: one image, coloured through the palette.
void add_cells(gnuplot_script& s, const std::string& stem) {
  s.add(quoted(stem + ".bin") + " binary matrix with image notitle");
}

/// A legend entry: a box of `colour`.
void add_key_box(gnuplot_script& s, const char* colour, const std::string& title) {
  s.add("keyentry with boxes fillcolor rgb '" + std::string{colour} + "' title " + plain(title));
}

/// `path`: the cells without a value as 8-bit RGBA pixels, rows of constant y, both axes
/// ascending on the plot's scale (gnuplot's `binary array` wants positive steps): white where
/// a fine point has no value, grey where the solver failed, transparent elsewhere.
void write_marks(const std::string& path, const grid_frame& g, const field_cells& c) {
  const auto nx = g.x.size();
  const auto ny = g.y.size();
  const bool x_up = g.x.back() > g.x.front();
  const bool y_up = g.y.back() > g.y.front();
  std::string pixels;
  pixels.reserve(nx * ny * 4);
  for (std::size_t jj = 0; jj < ny; ++jj)
    for (std::size_t ii = 0; ii < nx; ++ii) {
      const auto i = x_up ? ii : nx - 1 - ii;
      const auto j = y_up ? jj : ny - 1 - jj;
      const auto kind = c.kind[i * ny + j];
      const unsigned char level = kind == cell::failed ? 0xc8 : 0xff;
      const unsigned char alpha = kind == cell::value ? 0 : 0xff;
      pixels += {static_cast<char>(level), static_cast<char>(level), static_cast<char>(level),
                 static_cast<char>(alpha)};
    }
  std::ofstream out{path, std::ios::binary};
  out << pixels;
  if (!out)
    throw std::runtime_error("cannot write " + path);
}

/// The cells of points without a value: white where the point is fine (TOF <= 0, an undefined
/// analysis), grey where the solver failed, with a cross on each failed cell when the cells are
/// large enough to hold one; a legend entry for each.
void add_marks(gnuplot_script& s, const std::string& dir, const std::string& stem,
               const grid_frame& g, const field_cells& c) {
  if (!c.any(cell::none) && !c.any(cell::failed))
    return;
  const auto file = stem + "_marks.rgba";
  write_marks((fs::path{dir} / file).string(), g, c);
  const double dx = std::abs(g.x[1] - g.x[0]);
  const double dy = std::abs(g.y[1] - g.y[0]);
  s.add(quoted(file) + " binary array=(" + std::to_string(g.x.size()) + ","
        + std::to_string(g.y.size()) + ") format='%uchar%uchar%uchar%uchar' dx=" + num(dx)
        + " dy=" + num(dy) + " origin=(" + num(std::min(g.x.front(), g.x.back())) + ","
        + num(std::min(g.y.front(), g.y.back())) + ") with rgbalpha notitle");
  if (c.any(cell::none))
    add_key_box(s, no_value_colour, c.none_text);
  if (!c.any(cell::failed))
    return;
  add_key_box(s, failed_colour, "not converged");
  if (g.x.size() > 60 || g.y.size() > 60)
    return;
  std::ostringstream block;
  for (std::size_t i = 0; i < g.x.size(); ++i)
    for (std::size_t j = 0; j < g.y.size(); ++j)
      if (c.kind[i * g.y.size() + j] == cell::failed)
        block << num(g.x[i]) << ' ' << num(g.y[j]) << '\n';
  s.add_block("failed", "the points where the solver failed", block.str());
  s.add("$failed using 1:2 with points pointtype 2 pointsize 1 linecolor rgb 'black' notitle");
}

/// Contour lines at round levels, and their labels.
void add_contours(gnuplot_script& s, const grid_frame& g, const plot_field& f,
                  const field_cells& c) {
  const grid_field field{g.x, g.y, c.value};
  const int count = f.kind == field_kind::coverage && !f.log ? 4 : 6;
  // Levels across the values, which may fill only part of the colour bar (an order from 0.7 to
  // 1.4 on a bar from -1.5 to 1.5).
  double lo = c.range.hi;
  double hi = c.range.lo;
  for (auto v : c.value)
    if (std::isfinite(v)) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  // Values that differ only by rounding have no levels between them.
  const double tolerance = 1e-6 * (c.range.hi - c.range.lo);
  const auto levels = hi - lo > tolerance ? nice_levels(lo, hi, count) : std::vector<double>{};
  // No line where the field only scatters around a level by rounding.
  const auto segments = contour(field, levels, tolerance);
  std::ostringstream lines;
  for (const auto& line : join_segments(segments)) {
    for (std::size_t k = 0; k < line.x.size(); ++k)
      lines << num(line.x[k]) << ' ' << num(line.y[k]) << '\n';
    lines << '\n';
  }
  std::ostringstream labels;
  for (const auto& l : place_labels(segments, g.ex.front(), g.ex.back(), g.ey.front(), g.ey.back()))
    labels << num(l.x) << ' ' << num(l.y) << ' ' << level_text(l.level) << '\n';
  s.add_block("contours", "contour lines at " + std::to_string(levels.size()) + " levels",
              lines.str());
  s.add_block("labels", "where the levels are written on them", labels.str());
  s.add("$contours using 1:2 with lines linecolor rgb 'black' linewidth 1 notitle");
  s.add("$labels using 1:2:3 with labels boxed font ',9' noenhanced notitle");
}

std::string what_is_in(const std::string& stem, const plot_field& f) {
  return "# " + stem + ".bin: the values as a gnuplot binary matrix (32-bit floats), per point "
         + f.value_title + "\n# (the colour bar), NaN where a point has none; " + stem
         + "_marks.rgba (if any): the cells without a value.\n"
           "# Log axes run over log10 of their values.\n";
}

} // namespace

std::string heatmap_script(const std::string& plots_dir, const map_data& m,
                           const std::vector<plot_axis>& axes, const plot_field& f) {
  const auto g = frame_of(m, axes);
  const auto c = cells_of(m, f);
  write_binary_matrix((fs::path{plots_dir} / (f.stem + ".bin")).string(), g.x, g.y, c.value);
  gnuplot_script s{f.stem,
                   f.title + " (" + std::to_string(g.x.size()) + " x " + std::to_string(g.y.size())
                     + " points)",
                   map_width, map_height, f.stem + ".bin"};
  s.settings() << what_is_in(f.stem, f) << "set title " << plain(f.title) << "\n";
  add_axis(s, "x", axes[0], g.ex);
  add_axis(s, "y", axes[1], g.ey);
  add_colour_bar(s, f, c);
  s.settings() << "set tics out nomirror\n"
               << "set style fill solid 1.0 border linecolor rgb 'black'\n"
               << "set style textbox opaque fillcolor rgb 'white' noborder margins 1,1\n"
               << "set key at graph 1, graph 1.01 right bottom horizontal samplen 1.5\n";
  add_cells(s, f.stem);
  add_marks(s, plots_dir, f.stem, g, c);
  if (f.kind == field_kind::branches)
    return s.text(); // a colour per count, no contour lines
  add_contours(s, g, f, c);
  if (f.kind == field_kind::tof)
    add_several_states_outline(s, g.x, g.y, m);
  return s.text();
}

} // namespace tofmap::plots

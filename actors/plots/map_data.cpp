#include "actors/plots/map_data.hpp"

#include "actors/plots/csv_text.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <utility>

namespace tofmap::plots {

namespace {

/// The statuses that are not failures of the solver; every other one is (not_steady,
/// newton_at_t_max, newton_failed, integration_failed, bad_conditions, ...).
const std::pair<const char*, point_kind> status_kinds[] = {
  {"converged", point_kind::solved},
  {"no_reactant", point_kind::no_tof}, // a reactant of the tof gas is absent: TOF exactly 0
};

/// The distinct values of `v` at the rows of level 0, in order of first appearance.
std::vector<double> coarse_values(const std::vector<double>& v, const std::vector<double>& level) {
  std::vector<double> out;
  for (std::size_t r = 0; r < v.size(); ++r)
    if (level[r] == 0 && std::find(out.begin(), out.end(), v[r]) == out.end())
      out.push_back(v[r]);
  return out;
}

/// x and y of a refined 2-D map: its points of level 0, which must make a whole grid.
void read_coarse_grid(const std::string& path, map_data& m) {
  m.refined = true;
  const auto& level = m.values[m.find("level")];
  m.x = coarse_values(m.values[0], level);
  m.y = coarse_values(m.values[1], level);
  const auto coarse = static_cast<std::size_t>(std::count(level.begin(), level.end(), 0.0));
  if (m.x.size() * m.y.size() != coarse)
    throw std::runtime_error(path
                             + ": the points of level 0 are not a grid: not a refined map of "
                               "tofmap");
}

/// Index of `v` on `n` evenly spaced points from `first` to `last` (log10 of them on a log axis).
long grid_index(double v, double first, double last, long n, bool log) {
  if (n <= 1 || first == last)
    return 0;
  auto t = [log](double x) { return log ? std::log10(x) : x; };
  return std::lround((t(v) - t(first)) / (t(last) - t(first)) * static_cast<double>(n - 1));
}

/// `n` values from the first to the last of `v`, evenly spaced (on a log scale when `log`).
std::vector<double> spaced(const std::vector<double>& v, long n, bool log) {
  std::vector<double> out(static_cast<std::size_t>(n));
  const double a = log ? std::log10(v.front()) : v.front();
  const double b = log ? std::log10(v.back()) : v.back();
  for (long k = 0; k < n; ++k) {
    const double t = n > 1 ? a + (b - a) * static_cast<double>(k) / static_cast<double>(n - 1) : a;
    out[static_cast<std::size_t>(k)] = log ? std::pow(10.0, t) : t;
  }
  return out;
}

/// Cell `cell` of `out` takes the values of row `r` of `m`.
void paint(map_data& out, std::size_t cell, const map_data& m, std::size_t r) {
  for (std::size_t c = 0; c < m.columns.size(); ++c)
    out.values[c][cell] = m.values[c][r];
  out.status[cell] = m.status[r];
  out.kinds[cell] = m.kinds[r];
}

} // namespace

map_data on_finest_grid(const map_data& m, const std::vector<plot_axis>& axes) {
  if (!m.refined || m.axes != 2)
    return m;
  const auto& level = m.values[m.find("level")];
  const int top = static_cast<int>(*std::max_element(level.begin(), level.end()));
  const long scale = 1L << top;
  map_data out;
  out.columns = m.columns;
  out.axes = 2;
  out.x = spaced(m.x, (static_cast<long>(m.x.size()) - 1) * scale + 1, axes[0].log);
  out.y = spaced(m.y, (static_cast<long>(m.y.size()) - 1) * scale + 1, axes[1].log);
  const auto nx = static_cast<long>(out.x.size());
  const auto ny = static_cast<long>(out.y.size());
  const auto cells = out.x.size() * out.y.size();
  out.values.assign(m.columns.size(), std::vector<double>(cells, 0.0));
  out.status.assign(cells, "");
  out.kinds.assign(cells, point_kind::failed);
  // Coarse levels first: finer points paint over them.
  std::vector<std::size_t> order(m.rows());
  for (std::size_t r = 0; r < order.size(); ++r)
    order[r] = r;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return level[a] < level[b]; });
  for (auto r : order) {
    const long i = grid_index(m.values[0][r], m.x.front(), m.x.back(), nx, axes[0].log);
    const long j = grid_index(m.values[1][r], m.y.front(), m.y.back(), ny, axes[1].log);
    const long half = (1L << (top - static_cast<int>(level[r]))) / 2;
    for (long a = std::max(0L, i - half); a <= std::min(nx - 1, i + half); ++a)
      for (long b = std::max(0L, j - half); b <= std::min(ny - 1, j + half); ++b)
        paint(out, static_cast<std::size_t>(a * ny + b), m, r);
  }
  // The axis columns take the values of the whole grid.
  for (std::size_t a = 0; a < out.x.size(); ++a)
    for (std::size_t b = 0; b < out.y.size(); ++b) {
      out.values[0][out.row(a, b)] = out.x[a];
      out.values[1][out.row(a, b)] = out.y[b];
    }
  return out;
}

point_kind kind_of_status(const std::string& status) {
  for (const auto& [name, kind] : status_kinds)
    if (status == name)
      return kind;
  return point_kind::failed;
}

std::size_t map_data::find(const std::string& name) const {
  for (std::size_t c = 0; c < columns.size(); ++c)
    if (columns[c] == name)
      return c;
  return std::string::npos;
}

namespace {

/// The grid of a map that lists every point: rows of constant x, y running fastest.
void read_full_grid(const std::string& path, map_data& m) {
  if (m.axes == 2) {
    std::size_t ny = 1;
    while (ny < m.rows() && m.values[0][ny] == m.values[0][0])
      ++ny;
    m.y.assign(m.values[1].begin(), m.values[1].begin() + static_cast<std::ptrdiff_t>(ny));
    for (std::size_t r = 0; r < m.rows(); r += ny)
      m.x.push_back(m.values[0][r]);
  } else {
    m.x = m.values[0];
  }
  const auto ny = m.y.empty() ? 1 : m.y.size();
  if (m.x.size() * ny != m.rows())
    throw std::runtime_error(path + ": the rows are not a grid of constant x, y running fastest");
  for (std::size_t i = 0; i < m.x.size(); ++i)
    for (std::size_t j = 0; j < ny; ++j)
      if (m.values[0][m.row(i, j)] != m.x[i]
          || (!m.y.empty() && m.values[1][m.row(i, j)] != m.y[j]))
        throw std::runtime_error(path + ": line " + std::to_string(m.row(i, j) + 2)
                                 + ": the point is not on the grid of the lines before it");
}

} // namespace

map_data read_map_csv(const std::string& path) {
  std::ifstream in{path};
  if (!in)
    throw std::runtime_error(path + ": cannot read the file");
  map_data m;
  std::string line;
  if (!std::getline(in, line))
    throw std::runtime_error(path + ": the file is empty");
  m.columns = split_csv(line);
  const auto tof = m.find("tof");
  const auto status = m.find("status");
  const auto undefined = m.find("undefined"); // names the analyses without a value: text too
  if (tof == std::string::npos || status == std::string::npos || tof < 1 || tof > 2)
    throw std::runtime_error(path
                             + ": line 1: not a map of tofmap (its columns are the axes, "
                               "then tof, ..., status, ...)");
  m.axes = tof;
  m.values.resize(m.columns.size());
  std::size_t number = 1;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty())
      continue;
    const auto cells = split_csv(line);
    const auto where = path + ": line " + std::to_string(number);
    if (cells.size() != m.columns.size())
      throw std::runtime_error(where + ": " + std::to_string(cells.size())
                               + " values, the header has " + std::to_string(m.columns.size()));
    for (std::size_t c = 0; c < cells.size(); ++c)
      m.values[c].push_back(c == status || c == undefined ? std::numeric_limits<double>::quiet_NaN()
                                                          : parse_number(cells[c], where));
    m.status.push_back(cells[status]);
    m.kinds.push_back(kind_of_status(cells[status]));
  }
  if (m.rows() == 0)
    throw std::runtime_error(path + ": the map has no points");
  if (m.find("level") != std::string::npos && m.axes == 2) {
    read_coarse_grid(path, m);
    return m;
  }
  m.refined = m.find("level") != std::string::npos;
  read_full_grid(path, m);
  return m;
}

std::vector<double> cell_edges(const std::vector<double>& v, bool log) {
  std::vector<double> t(v);
  if (log)
    for (auto& x : t)
      x = std::log10(x);
  std::vector<double> edges(t.size() + 1);
  if (t.size() == 1) {
    const double half = log ? 0.5 : (t[0] != 0 ? 0.5 * std::abs(t[0]) : 0.5);
    edges = {t[0] - half, t[0] + half};
  } else {
    for (std::size_t i = 1; i < t.size(); ++i)
      edges[i] = 0.5 * (t[i - 1] + t[i]);
    edges.front() = t.front() - (edges[1] - t.front());
    edges.back() = t.back() + (t.back() - edges[t.size() - 1]);
  }
  if (log)
    for (auto& x : edges)
      x = std::pow(10.0, x);
  return edges;
}

bool looks_logarithmic(const std::vector<double>& v) {
  if (v.size() < 3)
    return false;
  for (auto x : v)
    if (!(x > 0))
      return false;
  const double ratio = v[1] / v[0];
  const double step = v[1] - v[0];
  bool geometric = true;
  bool arithmetic = true;
  for (std::size_t i = 2; i < v.size(); ++i) {
    geometric = geometric && std::abs(v[i] / v[i - 1] - ratio) <= 1e-6 * std::abs(ratio);
    arithmetic = arithmetic && std::abs((v[i] - v[i - 1]) - step) <= 1e-6 * std::abs(step);
  }
  return geometric && !arithmetic;
}

} // namespace tofmap::plots

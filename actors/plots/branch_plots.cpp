#include "actors/plots/branch_plots.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "actors/plots/contours.hpp"
#include "actors/plots/csv_text.hpp"

namespace tofmap::plots {

namespace {

namespace fs = std::filesystem;

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// The colours of 1, 2, 3, ... states on branches.png (then again from the second).
constexpr const char* count_colours[] = {"#9ecae1", "#e6550d", "#756bb1", "#31a354", "#636363"};

std::string count_colour(int count) {
  constexpr int n = static_cast<int>(std::size(count_colours));
  return count_colours[count <= n ? count - 1 : 1 + (count - 2) % (n - 1)];
}

/// Column `name` of a header; throws when it has none.
std::size_t column_of(const std::vector<std::string>& header, const char* name,
                      const std::string& path) {
  const auto at = std::find(header.begin(), header.end(), name);
  if (at == header.end())
    throw std::runtime_error(path + ": no column '" + name + "': not a branches.csv of tofmap");
  return static_cast<std::size_t>(at - header.begin());
}

/// The highest and the lowest stable TOF at one x (nan: none), and how many stable states.
struct arms_at {
  double x, hi, lo;
  int count;
};

std::vector<arms_at> arms_of(const sweep_states& b) {
  std::vector<arms_at> out;
  for (std::size_t k = 0; k < b.x.size(); ++k) {
    if (out.empty() || out.back().x != b.x[k])
      out.push_back({b.x[k], nan, nan, 0});
    auto& a = out.back();
    if (!b.stable[k])
      continue;
    a.hi = a.count == 0 ? b.tof[k] : std::max(a.hi, b.tof[k]);
    a.lo = a.count == 0 ? b.tof[k] : std::min(a.lo, b.tof[k]);
    ++a.count;
  }
  return out;
}

/// A point of one stable state belongs to the arm whose TOF at the nearest point of several
/// states is closer (in decades), so that an arm ends at its fold instead of jumping to the other.
void assign_single(std::vector<arms_at>& arms) {
  const auto n = arms.size();
  for (std::size_t k = 0; k < n; ++k) {
    if (arms[k].count != 1)
      continue;
    std::size_t near = n;
    for (std::size_t d = 1; d < n && near == n; ++d)
      if (k >= d && arms[k - d].count > 1)
        near = k - d;
      else if (k + d < n && arms[k + d].count > 1)
        near = k + d;
    if (near == n)
      continue;
    auto decades = [](double a, double b) { return std::abs(std::log10(a) - std::log10(b)); };
    if (decades(arms[k].hi, arms[near].hi) < decades(arms[k].hi, arms[near].lo))
      arms[k].lo = nan;
    else
      arms[k].hi = nan;
  }
}

std::string stable_arms(const sweep_states& b) {
  auto arms = arms_of(b);
  assign_single(arms);
  std::ostringstream out;
  for (const auto& a : arms)
    out << num(a.x) << ' ' << num(a.hi) << ' ' << num(a.lo) << '\n';
  return out.str();
}

/// The states that are neither arm: `stable` ones between the arms, or the unstable ones.
std::string other_states(const sweep_states& b, bool stable) {
  std::ostringstream out;
  for (std::size_t k = 0; k < b.x.size(); ++k) {
    if (b.stable[k] != stable)
      continue;
    bool highest = true;
    bool lowest = true;
    for (std::size_t q = 0; q < b.x.size(); ++q)
      if (q != k && b.x[q] == b.x[k] && b.stable[q]) {
        highest = highest && b.tof[q] <= b.tof[k];
        lowest = lowest && b.tof[q] >= b.tof[k];
      }
    if (!stable || !(highest || lowest))
      out << num(b.x[k]) << ' ' << num(b.tof[k]) << '\n';
  }
  return out.str();
}

/// The grid with a frame of points of one branch at the edges of its outer cells, so that the
/// line around a region at the edge of the map runs inside the frame, not out of the picture.
grid_field padded(const std::vector<double>& gx, const std::vector<double>& gy,
                  const std::vector<double>& z) {
  auto pad = [](const std::vector<double>& v) {
    std::vector<double> out{v.front() - (v[1] - v.front()) / 2};
    out.insert(out.end(), v.begin(), v.end());
    out.push_back(v.back() + (v.back() - v[v.size() - 2]) / 2);
    return out;
  };
  grid_field f{pad(gx), pad(gy), {}};
  const auto nx = gx.size();
  const auto ny = gy.size();
  f.z.assign((nx + 2) * (ny + 2), 1.0);
  for (std::size_t i = 0; i < nx; ++i)
    for (std::size_t j = 0; j < ny; ++j)
      f.z[(i + 1) * (ny + 2) + j + 1] = z[i * ny + j];
  return f;
}

} // namespace

int most_branches(const map_data& m) {
  const auto c = m.find("branches");
  if (c == std::string::npos)
    return 0;
  double most = 0;
  for (auto v : m.values[c])
    if (std::isfinite(v))
      most = std::max(most, v);
  return static_cast<int>(most);
}

bool has_several_starts(const std::string& map_dir) {
  std::error_code ec;
  return fs::is_regular_file(fs::path{map_dir} / "branches.csv", ec);
}

void add_several_states_outline(gnuplot_script& s, const std::vector<double>& gx,
                                const std::vector<double>& gy, const map_data& m) {
  const int most = most_branches(m);
  if (most < 2)
    return;
  const auto field = padded(gx, gy, m.values[m.find("branches")]);
  std::ostringstream lines;
  for (const auto& line : join_segments(contour(field, {1.5}))) {
    for (std::size_t k = 0; k < line.x.size(); ++k)
      lines << num(line.x[k]) << ' ' << num(line.y[k]) << '\n';
    lines << '\n';
  }
  s.add_block("several", "around the points with more than one steady state (branches > 1)",
              lines.str());
  const auto title = most == 2 ? std::string{"2 steady states"}
                               : "2 to " + std::to_string(most) + " steady states";
  s.add("$several using 1:2 with lines linecolor rgb '" + std::string{several_states_colour}
        + "' linewidth 3 title " + plain(title));
}

plot_field branches_field(const map_data& m, const plot_spec& spec) {
  const auto prefix = spec.title.empty() ? std::string{} : spec.title + ": ";
  return plot_field{m.find("branches"),
                    field_kind::branches,
                    false,
                    "branches",
                    prefix + "distinct steady states per point",
                    "steady states",
                    "branches"};
}

std::string branches_colour_bar(int most) {
  most = std::max(most, 1);
  std::string out = "set cbtics 1\nset palette defined (";
  for (int k = 1; k <= most; ++k) {
    const auto colour = "'" + count_colour(k) + "'";
    out += (k == 1 ? "" : ", ") + num(k - 0.5) + " " + colour + ", " + num(k + 0.5) + " " + colour;
  }
  return out + ")\n";
}

sweep_states read_sweep_states(const std::string& map_dir, std::size_t along) {
  const auto path = (fs::path{map_dir} / "branches.csv").string();
  std::ifstream in{path};
  std::string line;
  if (!std::getline(in, line))
    throw std::runtime_error("cannot read " + path);
  const auto header = split_csv(line);
  const auto tof = column_of(header, "tof", path);
  const auto stable = column_of(header, "stable", path);
  sweep_states out;
  for (int n = 2; std::getline(in, line); ++n) {
    const auto parts = split_csv(line);
    const auto where = path + ":" + std::to_string(n);
    if (parts.size() != header.size())
      throw std::runtime_error(where + ": " + std::to_string(parts.size())
                               + " values, the header has " + std::to_string(header.size()));
    out.x.push_back(parse_number(parts[along], where));
    out.tof.push_back(parse_number(parts[tof], where));
    out.stable.push_back(parts[stable] == "1");
  }
  return out;
}

bool states_log_range(const sweep_states& b, double& lo, double& hi) {
  lo = std::numeric_limits<double>::infinity();
  hi = -lo;
  for (auto t : b.tof)
    if (t > 0) {
      lo = std::min(lo, std::log10(t));
      hi = std::max(hi, std::log10(t));
    }
  return lo <= hi;
}

void add_sweep_states(gnuplot_script& s, const sweep_states& b) {
  s.add_block("stable", "the axis, the highest and the lowest stable state's TOF (nan: none)",
              stable_arms(b));
  const char* solid = "linecolor rgb '#1f77b4' linewidth 2 dashtype 1";
  s.add("$stable using 1:2 with lines " + std::string{solid} + " title 'stable states'");
  s.add("$stable using 1:3 with lines " + std::string{solid} + " notitle");
  const auto middle = other_states(b, true);
  if (!middle.empty()) {
    s.add_block("stable_between", "stable states between the highest and the lowest", middle);
    s.add("$stable_between using 1:2 with points pointtype 7 pointsize 0.8 linecolor rgb "
          "'#1f77b4' notitle");
  }
  const auto unstable = other_states(b, false);
  if (unstable.empty())
    return;
  s.add_block("unstable", "the unstable states a start reached", unstable);
  s.add("$unstable using 1:2 with linespoints linecolor rgb '#d62728' linewidth 2 dashtype 2 "
        "pointtype 6 pointsize 0.8 title 'unstable states'");
}

} // namespace tofmap::plots

#define CAF_SUITE plots.branches

#include "caf/test/unit_test.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "actors/plots/branch_plots.hpp"
#include "actors/plots/map_plots.hpp"
#include "plot_folder.hpp"

using namespace tofmap::plots;

namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// The bistable corner of an n × n map: i + j < n / 2 (x and y low).
bool bistable(int i, int j, int n) {
  return i + j < n / 2;
}

/// map.csv of an n × n grid over x = 1..n, y = 0.1 .. n/10: a reactive TOF of 1e3 where the
/// empty start finds it (i > j), else 1e-14; with the four columns of several starts when
/// `branch_columns` (two states in the bistable corner, one elsewhere, or one everywhere when
/// `one_start`).
std::string map_csv(int n, bool branch_columns, bool one_start = false) {
  std::string out = "x,y,tof,theta(A_s),residual,status";
  out += branch_columns ? ",branches,tof_min,tof_max,stable\n" : "\n";
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      const bool two = !one_start && bistable(i, j, n);
      const std::string tof = i > j ? "1000" : "1e-14";
      out += std::to_string(i + 1) + "," + std::to_string((j + 1) / 10.0) + "," + tof
             + ",0.5,0,converged";
      if (branch_columns)
        out += std::string{two ? ",2,1e-14,1000,1" : ",1,"} + (two ? "" : tof + "," + tof + ",1");
      out += "\n";
    }
  return out;
}

/// branches.csv of the map of map_csv(n, true): both states in the bistable corner.
std::string branches_csv(int n) {
  std::string out = "x,y,start,tof,theta(A_s),theta(*_s),stable\n";
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      const auto at = std::to_string(i + 1) + "," + std::to_string((j + 1) / 10.0) + ",";
      if (bistable(i, j, n) || i > j)
        out += at + "1,1000,0.1,0.9,1\n";
      if (bistable(i, j, n) || i <= j)
        out += at + (bistable(i, j, n) ? "2" : "1") + ",1e-14,1,0,1\n";
    }
  return out;
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream{path} << text;
}

/// A sweep over x = 1..8 from two starts: the reactive state up to x = 5, the poisoned one from
/// x = 3, an unstable state between them at x = 3..5.
std::string sweep_branches_csv() {
  std::string out = "x,start,tof,theta(A_s),theta(*_s),stable\n";
  for (int i = 1; i <= 8; ++i) {
    const auto x = std::to_string(i) + ",";
    if (i <= 5)
      out += x + "1,1000,0.1,0.9,1\n";
    if (i >= 3)
      out += x + (i <= 5 ? "2" : "1") + ",1e-14,1,0,1\n";
    if (i >= 3 && i <= 5)
      out += x + "3,1e-6,0.5,0.5,0\n";
  }
  return out;
}

std::string sweep_map_csv() {
  std::string out = "x,tof,theta(A_s),residual,status,branches,tof_min,tof_max,stable\n";
  for (int i = 1; i <= 8; ++i) {
    const int count = i <= 2 || i >= 6 ? 1 : 3;
    const std::string tof = i <= 5 ? "1000" : "1e-14";
    out += std::to_string(i) + "," + tof + ",0.1,0,converged," + std::to_string(count) + ","
           + (count > 1 ? "1e-14" : tof) + "," + (i <= 5 ? "1000" : tof) + ",1\n";
  }
  return out;
}

} // namespace

CAF_TEST(a map with two states somewhere outlines them on map.png with a legend entry) {
  plot_folder f{map_csv(8, true)};
  write_file(f.dir / "branches.csv", branches_csv(8));
  const auto scripts = f.write(spec_of("model"));
  const auto map = f.read("map.gp");
  CAF_CHECK(has(map, "$several using 1:2 with lines linecolor rgb '#ff00ff' linewidth 3 "
                     "title '2 steady states' noenhanced"));
  // The line runs between the bistable corner and the rest: at 1.5 between a point of two
  // states and one of one, here between x = 2 and x = 3 at y = 0.2 (i + j = 3 and 4).
  const auto line = f.block("map.gp", "several");
  CAF_CHECK(!line.empty());
  CAF_CHECK(std::find(scripts.begin(), scripts.end(), "branches.gp") != scripts.end());
}

CAF_TEST(branches.png has a colour per count and is drawn only with several starts) {
  plot_folder several{map_csv(8, true)};
  write_file(several.dir / "branches.csv", branches_csv(8));
  several.write(spec_of("model"));
  const auto script = several.read("branches.gp");
  CAF_CHECK(has(script, "set cbrange [0.5:2.5]"));
  CAF_CHECK(has(script, "set cbtics 1"));
  CAF_CHECK(has(script, "set palette defined (0.5 '#9ecae1', 1.5 '#9ecae1', 1.5 '#e6550d', "
                        "2.5 '#e6550d')"));
  CAF_CHECK(!has(script, "$contours"));
  // One start: map.csv has the columns (all 1) but no branches.csv beside it.
  plot_folder one{map_csv(8, true, true)};
  const auto scripts = one.write(spec_of("model"));
  CAF_CHECK(std::find(scripts.begin(), scripts.end(), "branches.gp") == scripts.end());
  CAF_CHECK(!std::filesystem::exists(one.dir / "plots" / "branches.gp"));
}

CAF_TEST(the map of one start draws exactly as a map without the branch columns) {
  plot_folder with{map_csv(8, true, true)};
  plot_folder without{map_csv(8, false)};
  with.write(spec_of("model"));
  without.write(spec_of("model"));
  CAF_CHECK_EQUAL(with.read("map.gp"), without.read("map.gp"));
  CAF_CHECK(!has(with.read("map.gp"), "steady states"));
  CAF_CHECK_EQUAL(with.read("map.bin"), without.read("map.bin"));
}

CAF_TEST(a sweep from several starts draws its stable states solid and the unstable dashed) {
  plot_folder f{sweep_map_csv()};
  write_file(f.dir / "branches.csv", sweep_branches_csv());
  f.write(spec_of("model"));
  const auto map = f.read("map.gp");
  CAF_CHECK(has(map, "$stable using 1:2 with lines linecolor rgb '#1f77b4' linewidth 2 dashtype 1 "
                     "title 'stable states'"));
  CAF_CHECK(has(map, "$unstable using 1:2 with linespoints linecolor rgb '#d62728' linewidth 2 "
                     "dashtype 2"));
  CAF_CHECK(has(map, "title 'unstable states'"));
  // The arms: the reactive one ends at its fold (x = 5), the poisoned one starts at x = 3.
  const std::vector<std::string> arms{"1 1000 nan",   "2 1000 nan",  "3 1000 1e-14", "4 1000 1e-14",
                                      "5 1000 1e-14", "6 nan 1e-14", "7 nan 1e-14",  "8 nan 1e-14"};
  CAF_CHECK_EQUAL(f.block("map.gp", "stable"), arms);
  const std::vector<std::string> unstable{"3 1e-06", "4 1e-06", "5 1e-06"};
  CAF_CHECK_EQUAL(f.block("map.gp", "unstable"), unstable);
  // The value axis holds every state, the lowest (1e-14) too: 1e-14 to 1e3 in decades.
  CAF_CHECK(has(map, "set yrange [1e-14:1000]"));
}

CAF_TEST(a sweep of one start draws the TOF of map.csv as before) {
  std::string csv = "x,tof,theta(A_s),residual,status\n";
  for (int i = 1; i <= 8; ++i)
    csv += std::to_string(i) + ",1000,0.1,0,converged\n";
  plot_folder f{csv};
  f.write(spec_of("model"));
  const auto map = f.read("map.gp");
  CAF_CHECK(has(map, "$data using 1:2 with linespoints"));
  CAF_CHECK(!has(map, "$stable"));
}

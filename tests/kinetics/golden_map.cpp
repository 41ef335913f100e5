#define CAF_SUITE kinetics.golden_map

#include "tests/kinetics/test_support.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "kinetics/map/map_layout.hpp"
#include "kinetics/map/solve_map.hpp"

// tests/data/co_oxidation_map.csv is the map of configs/co_oxidation.ini computed with tolerances
// far tighter than the defaults:
//   tofmap run configs/co_oxidation.ini --solver.rtol=1e-10 --solver.atol=1e-24
//     --solver.steady_tol=1e-10      (one command line)
// It contains the three known points of the original study (see kinetics.steady_state). With the
// default settings every point must land on the same branch (same status, TOF within 1e-9: a
// wrong branch is off by 20 orders of magnitude) and every coverage must agree to 1e-9 relative,
// tiny ones included.

using namespace tofmap;
using tofmap::test::source_path;

namespace {

std::vector<std::vector<std::string>> read_csv(std::istream& in) {
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream ss{line};
    std::string field;
    while (std::getline(ss, field, ','))
      fields.push_back(field);
    rows.push_back(fields);
  }
  return rows;
}

/// `csv` without the last `n` fields of every line.
std::string cut_last_fields(const std::string& csv, std::size_t n) {
  std::istringstream in{csv};
  std::string out;
  std::string line;
  while (std::getline(in, line)) {
    auto end = line.size();
    for (std::size_t i = 0; i < n; ++i)
      end = line.rfind(',', end - 1);
    out += line.substr(0, end) + "\n";
  }
  return out;
}

/// The branch columns of a one-start map, row by row: branches 1 where the point's state counts
/// (a converged status here), tof_min = tof_max = tof there, and stable 0 or 1.
void check_one_start_branches(const std::vector<std::vector<std::string>>& computed,
                              std::size_t old_columns, int& stable_points) {
  const std::vector<std::string> names{"branches", "tof_min", "tof_max", "stable"};
  CAF_REQUIRE(std::equal(names.begin(), names.end(), computed[0].begin() + old_columns));
  std::size_t tof = 0, status = 0;
  while (computed[0][tof] != "tof")
    ++tof;
  while (computed[0][status] != "status")
    ++status;
  for (std::size_t r = 1; r < computed.size(); ++r) {
    const auto& row = computed[r];
    const bool counts = row[status] == "converged" || row[status] == "no_reactant";
    CAF_CHECK_EQUAL(row[old_columns], counts ? "1" : "0");
    if (counts)
      CAF_CHECK(row[old_columns + 1] == row[tof] && row[old_columns + 2] == row[tof]);
    CAF_CHECK(row[old_columns + 3] == "1" || row[old_columns + 3] == "0");
    stable_points += row[old_columns + 3] == "1";
  }
}

} // namespace

namespace {

/// Solves a shipped config with default settings and compares it with its golden map (`rows`
/// lines): same branch and status at every point, every value to 1e-9 relative.
void check_golden(const std::string& config_path, const std::string& golden_path,
                  std::size_t rows) {
  auto config = read_config(source_path(config_path));
  map_layout layout{config};
  auto table = solve_map(config, layout);
  std::ostringstream csv;
  write_map_csv(csv, layout, table);
  std::istringstream computed_text{csv.str()};
  auto computed = read_csv(computed_text);
  std::ifstream golden_file{source_path(golden_path)};
  CAF_REQUIRE(golden_file.good());
  auto golden = read_csv(golden_file);
  CAF_REQUIRE_EQUAL(computed.size(), golden.size());
  CAF_REQUIRE_EQUAL(golden.size(), rows);
  const auto& header = golden[0];
  // The golden files were made before the branch columns: the same columns, then those four.
  CAF_REQUIRE_EQUAL(computed[0].size(), header.size() + 4);
  CAF_CHECK(std::equal(header.begin(), header.end(), computed[0].begin()));
  int stable_points = 0;
  check_one_start_branches(computed, header.size(), stable_points);
  int mismatches = 0;
  for (std::size_t r = 1; r < golden.size(); ++r) {
    CAF_REQUIRE_EQUAL(computed[r].size(), header.size() + 4);
    for (std::size_t f = 0; f < header.size(); ++f) {
      if (header[f] == "residual")
        continue; // rounding noise of a converged point; checked against steady_tol below
      if (header[f] == "status" || header[f] == "undefined") { // text
        if (computed[r][f] != golden[r][f]) {
          CAF_TEST_PRINT_ERROR("row " << r << ": " << header[f] << " " << computed[r][f]
                                      << ", golden " << golden[r][f]);
          ++mismatches;
        }
        continue;
      }
      const double x = std::stod(computed[r][f]);
      const double y = std::stod(golden[r][f]);
      if (tofmap::test::rel_diff(x, y) > 1e-9) {
        CAF_TEST_PRINT_ERROR("row " << r << ", " << header[f] << ": " << computed[r][f]
                                    << ", golden " << golden[r][f]);
        ++mismatches;
      }
    }
  }
  CAF_CHECK_EQUAL(mismatches, 0);
  CAF_MESSAGE(config_path << ": " << stable_points << " of " << rows - 1 << " points stable");
  for (std::size_t k = 0; k < table.size(); ++k)
    CAF_CHECK_LESS_OR_EQUAL(table.row(k)[1 + config.model.surface.size()], // the residual
                            config.solver.steady_tol);
}

} // namespace

CAF_TEST(the reference map matches the golden map) {
  check_golden("configs/co_oxidation.ini", "tests/data/co_oxidation_map.csv", 101);
}

CAF_TEST(the DFT methanation map matches its golden map) {
  // tests/data/co_methanation_ru1121_map.csv, with tight settings (atol 1e-16: at 1e-20 and
  // below CVODE fails at p(H2) = 10 bar),
  //   tofmap run configs/co_methanation_ru1121.ini --solver.rtol=1e-10 --solver.atol=1e-16
  //     --solver.steady_tol=1e-10
  check_golden("configs/co_methanation_ru1121.ini", "tests/data/co_methanation_ru1121_map.csv",
               156);
}

CAF_TEST(the volcano matches its golden map) {
  // tests/data/co_oxidation_volcano_map.csv, with tighter settings than the config's:
  //   tofmap run configs/co_oxidation_volcano.ini --solver.rtol=1e-7 --solver.steady_tol=1e-9
  check_golden("configs/co_oxidation_volcano.ini", "tests/data/co_oxidation_volcano_map.csv", 3722);
}

CAF_TEST(the interacting Pt(111) map matches its golden map) {
  // tests/data/co_oxidation_pt111_interacting_map.csv, with tight settings:
  //   tofmap run configs/co_oxidation_pt111_interacting.ini --solver.rtol=1e-10
  //     --solver.atol=1e-24 --solver.steady_tol=1e-10
  // Every point converges (status converged in the golden file and here).
  check_golden("configs/co_oxidation_pt111_interacting.ini",
               "tests/data/co_oxidation_pt111_interacting_map.csv", 82);
}

CAF_TEST(the Pt(111) model without interactions gives the map of before them byte for byte) {
  // tests/data/co_oxidation_pt111_plain_map.csv was computed by tofmap before adsorbate
  // interactions existed, from configs/co_oxidation_pt111_interacting.ini without its
  // `interaction` lines and with every analysis (rate_control, orders, apparent_Ea, energies,
  // production) on. The same model with --model.interaction=none must give the same bytes.
  auto config = read_config(source_path("configs/co_oxidation_pt111_interacting.ini"),
                            {"--model.interaction=none", "--analysis.rate_control=yes",
                             "--analysis.orders=yes", "--analysis.apparent_Ea=yes",
                             "--analysis.energies=yes", "--analysis.production=yes"});
  map_layout layout{config};
  auto table = solve_map(config, layout);
  std::ostringstream csv;
  write_map_csv(csv, layout, table);
  std::ifstream golden_file{source_path("tests/data/co_oxidation_pt111_plain_map.csv")};
  std::stringstream golden;
  golden << golden_file.rdbuf();
  CAF_REQUIRE(golden_file.good());
  // The file was made before map.csv had its branch columns: without them, the same bytes.
  CAF_CHECK(cut_last_fields(csv.str(), 4) == golden.str());
  std::istringstream computed_text{csv.str()};
  auto computed = read_csv(computed_text);
  int stable_points = 0;
  check_one_start_branches(computed, computed[0].size() - 4, stable_points);
  CAF_CHECK_EQUAL(stable_points, static_cast<int>(computed.size()) - 1); // every point converges
}

CAF_TEST(the map is bistable from the empty surface) {
  // Neighbours on different branches: the reason the map must not depend on solving order.
  std::ifstream golden_file{source_path("tests/data/co_oxidation_map.csv")};
  auto golden = read_csv(golden_file);
  int reactive = 0;
  int poisoned = 0;
  for (std::size_t r = 1; r < golden.size(); ++r) {
    const double tof = std::stod(golden[r][2]);
    reactive += tof > 1e5;
    poisoned += tof < 1e-10;
  }
  CAF_CHECK_GREATER(reactive, 0);
  CAF_CHECK_GREATER(poisoned, 50);
}

#define CAF_SUITE kinetics.map_branches

#include "tests/kinetics/test_support.hpp"

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "kinetics/map/map_layout.hpp"
#include "kinetics/map/refinement.hpp"
#include "kinetics/map/solve_map.hpp"

// The seed model on the 16 x 16 log grid of tests/data/branches/co_oxidation_states.csv (the
// independent reference of kinetics.branches) from `empty; CO_s=1; O_s=1`, as map.csv and
// branches.csv write it.

using namespace tofmap;
using tofmap::test::source_path;

namespace {

run_config seed_map(const std::string& initial) {
  return read_config(source_path("configs/co_oxidation.ini"),
                     {"--map.x=p(CO_g) 1e-4 1 16 log", "--map.y=p(O2_g) 1e-4 1 16 log",
                      "--solver.initial=" + initial});
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in{text};
  std::string line;
  while (std::getline(in, line))
    out.push_back(line);
  return out;
}

std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss{line};
  std::string field;
  while (std::getline(ss, field, ','))
    out.push_back(field);
  return out;
}

/// `line` without its last four fields (the branch columns of map.csv).
std::string old_columns(const std::string& line) {
  auto end = line.size();
  for (int i = 0; i < 4; ++i)
    end = line.rfind(',', end - 1);
  return line.substr(0, end);
}

struct solved {
  std::vector<std::string> map;      // map.csv lines
  std::vector<std::string> branches; // branches.csv lines
};

solved solve(const run_config& c) {
  map_layout layout{c};
  auto table = solve_map(c, layout);
  std::ostringstream map_csv;
  std::ostringstream branches_csv;
  write_map_csv(map_csv, layout, table);
  write_branches_csv(branches_csv, layout, table);
  return {lines_of(map_csv.str()), lines_of(branches_csv.str())};
}

} // namespace

CAF_TEST(several starts keep the columns of the first start and add the branches) {
  auto one = solve(seed_map("empty"));
  auto three = solve(seed_map("empty; CO_s=1; O_s=1"));
  CAF_REQUIRE_EQUAL(one.map.size(), 257u);
  CAF_REQUIRE_EQUAL(three.map.size(), 257u);
  CAF_CHECK_EQUAL(three.map[0], "p(CO_g),p(O2_g),tof,theta(CO_s),theta(O_s),theta(*_s),residual,"
                                "status,branches,tof_min,tof_max,stable");
  int mismatches = 0, bistable = 0, branch_lines = 0;
  for (std::size_t r = 1; r < one.map.size(); ++r) {
    // Every column of before is the first start's, bit for bit as with that start alone.
    mismatches += old_columns(three.map[r]) != old_columns(one.map[r]);
    auto f = fields_of(three.map[r]);
    CAF_REQUIRE_EQUAL(f.size(), 12u);
    CAF_CHECK(f[8] == "1" || f[8] == "2"); // the seed model has at most two stable states
    bistable += f[8] == "2";
    branch_lines += std::stoi(f[8]);
    CAF_CHECK_LESS_OR_EQUAL(std::stod(f[9]), std::stod(f[2]));
    CAF_CHECK_GREATER_OR_EQUAL(std::stod(f[10]), std::stod(f[2]));
    CAF_CHECK_EQUAL(f[11], "1");                  // the first start's state is stable everywhere
    const auto one_start = fields_of(one.map[r]); // a local: CAF_CHECK_EQUAL keeps references
    CAF_CHECK_EQUAL(one_start[8], "1");
  }
  CAF_CHECK_EQUAL(mismatches, 0);
  CAF_CHECK_EQUAL(bistable, 104); // as the reference says (kinetics.branches checks each point)
  CAF_CHECK_EQUAL(three.branches.size(), 1u + static_cast<std::size_t>(branch_lines));
  CAF_CHECK_EQUAL(one.branches.size(), 1u); // one start: the header, no states (no slots)
  CAF_CHECK_EQUAL(three.branches[0],
                  "p(CO_g),p(O2_g),start,tof,theta(CO_s),theta(O_s),theta(*_s),stable");
}

CAF_TEST(branches csv lists both states of a bistable point with their starts) {
  // Reference point (0, 2): p(CO) = 1e-4, p(O2) = 10^(-4 + 8/15) atm. The reactive state is
  // reached from empty (start 1) and O_s=1, the CO-poisoned one from CO_s=1 (start 2).
  auto three = solve(seed_map("empty; CO_s=1; O_s=1"));
  std::vector<std::vector<std::string>> rows;
  for (const auto& line : three.branches)
    if (line.rfind("1e-04,0.0003414548873833601,", 0) == 0)
      rows.push_back(fields_of(line));
  CAF_REQUIRE_EQUAL(rows.size(), 2u);
  CAF_CHECK_EQUAL(rows[0][2], "1");
  CAF_CHECK_EQUAL(rows[1][2], "2");
  const double tof[] = {7.169572833189181e+3, 2.3866830626869631e-14}; // the reference's
  const double co[] = {2.8579438458790323e-5, 9.9999999855034096e-1};
  for (std::size_t b = 0; b < 2; ++b) {
    CAF_CHECK_LESS(std::fabs(std::stod(rows[b][3]) / tof[b] - 1), 1e-6);
    CAF_CHECK_LESS(std::fabs(std::stod(rows[b][4]) / co[b] - 1), 1e-6);
    CAF_CHECK_EQUAL(rows[b][7], "1");
  }
  auto row = fields_of(three.map[1 + 2]); // grid order: rows of constant x, point (0, 2)
  CAF_CHECK_EQUAL(row[8], "2");
  CAF_CHECK_EQUAL(row[9], rows[1][3]);  // tof_min: the poisoned state
  CAF_CHECK_EQUAL(row[10], rows[0][3]); // tof_max: the reactive one, the first start's
  CAF_CHECK_EQUAL(row[2], rows[0][3]);
}

namespace {

/// Computes the refined map of `c` point list by point list, as the coordinator does; returns the
/// refinement (its points and levels) and the branch count of every computed point (-1: none).
std::vector<int> refine(const run_config& c, refinement& r) {
  map_layout layout{c};
  steady_state_solver solver{c.model, c.solver, c.analysis};
  std::vector<int> branches(r.size(), -1);
  for (auto points = r.take(); !points.empty(); points = r.take()) {
    std::vector<double> rows(points.size() * layout.width());
    std::vector<point_status> status(points.size());
    solve_point_list(c, layout, solver, points.data(), points.size(), rows.data(), status.data());
    for (std::size_t i = 0; i < points.size(); ++i) {
      const double* row = rows.data() + i * layout.width();
      branches[points[i]] = static_cast<int>(row[layout.branches_column()]);
      r.learn(points[i], summarize(layout, row, status[i]));
    }
  }
  return branches;
}

} // namespace

CAF_TEST(a refined map splits the cells across the edge of bistability) {
  // refine_tof = 100 decades: no TOF difference splits a cell of this map, so only the number
  // of states (and the status) can.
  const std::vector<std::string> grid{"--map.x=p(CO_g) 1e-4 1 5 log",
                                      "--map.y=p(O2_g) 1e-4 1 5 log", "--map.refine=2",
                                      "--map.refine_tof=100"};
  auto with = [&grid](const std::string& initial) {
    auto overrides = grid;
    overrides.push_back("--solver.initial=" + initial);
    return read_config(source_path("configs/co_oxidation.ini"), overrides);
  };
  auto one = with("empty");
  refinement r1{one.map};
  refine(one, r1);
  CAF_CHECK_EQUAL(r1.points(), 25u); // the coarse grid only
  auto three = with("empty; CO_s=1; O_s=1");
  refinement r3{three.map};
  auto branches = refine(three, r3);
  CAF_CHECK_GREATER(r3.points(), 25u);
  CAF_CHECK_GREATER(r3.points_per_level()[2], 0u);
  // Across every finest pair of computed neighbours the count may change only where both were
  // computed at the finest level's spacing: a pair with different counts lies in a refined cell.
  const int n = three.map.nx();
  int edges = 0;
  for (int i = 0; i + 1 < n; ++i)
    for (int j = 0; j < n; ++j) {
      const auto k = static_cast<std::size_t>(i * n + j);
      const auto right = k + static_cast<std::size_t>(n);
      if (branches[k] >= 0 && branches[right] >= 0 && branches[k] != branches[right])
        ++edges;
    }
  CAF_CHECK_GREATER(edges, 0); // the edge of bistability is resolved at the finest spacing
}

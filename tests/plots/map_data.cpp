#define CAF_SUITE plots.map_data

#include "caf/test/unit_test.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include <unistd.h>

#include "actors/plots/map_data.hpp"
#include "actors/plots/map_plots.hpp"

using namespace tofmap::plots;

namespace {

/// A file with `text` in the temporary folder, removed with the object.
struct temp_file {
  std::string path;
  explicit temp_file(const std::string& text) {
    path = (std::filesystem::temp_directory_path()
            / ("tofmap-map-data-test-" + std::to_string(::getpid()) + ".csv"))
             .string();
    std::ofstream{path} << text;
  }
  ~temp_file() { std::remove(path.c_str()); }
};

const char* grid_2x3 = "T,p(CO_g),tof,theta(CO_s),residual,status\n"
                       "400,0.1,1,0.5,0,converged\n"
                       "400,0.2,2,0.5,0,converged\n"
                       "400,0.3,3,0.5,0,not_steady\n"
                       "500,0.1,4,0.5,0,converged\n"
                       "500,0.2,5,0.5,0,converged\n"
                       "500,0.3,6,0.5,0,converged\n";

bool throws(const std::string& text, const std::string& part) {
  temp_file f{text};
  try {
    read_map_csv(f.path);
  } catch (const std::runtime_error& e) {
    return std::string{e.what()}.find(part) != std::string::npos;
  }
  return false;
}

} // namespace

CAF_TEST(a map csv is read back onto its grid) {
  temp_file f{grid_2x3};
  const auto m = read_map_csv(f.path);
  CAF_CHECK_EQUAL(m.axes, 2u);
  CAF_CHECK_EQUAL(m.x, (std::vector<double>{400, 500}));
  CAF_CHECK_EQUAL(m.y, (std::vector<double>{0.1, 0.2, 0.3}));
  CAF_CHECK_EQUAL(m.values[m.find("tof")][m.row(1, 2)], 6.0);
  CAF_CHECK(m.kind(m.row(0, 2)) == point_kind::failed);
  CAF_CHECK(m.kind(m.row(1, 2)) == point_kind::solved);
}

CAF_TEST(undefined analyses are read as NaN and their column as text) {
  temp_file f{"p(O2_g),tof,theta(O_s),residual,status,X_RC(1),order(O2_g),undefined\n"
              "0,0,0,0,converged,nan,nan,X_RC(1) order(O2_g)\n"
              "1,2,0.5,0,converged,1,0.5,-\n"};
  const auto m = read_map_csv(f.path);
  CAF_REQUIRE_EQUAL(m.rows(), 2u);
  CAF_CHECK(std::isnan(m.values[m.find("X_RC(1)")][0]));
  CAF_CHECK(std::isnan(m.values[m.find("undefined")][1]));
  CAF_CHECK_EQUAL(m.values[m.find("order(O2_g)")][1], 0.5);
  CAF_CHECK(m.kind(1) == point_kind::solved);
}

CAF_TEST(what is not a map of tofmap is refused with the line) {
  CAF_CHECK(throws("a,b\n1,2\n", "not a map of tofmap"));
  CAF_CHECK(throws("x,tof,status\n1,2\n", "line 2: 2 values"));
  CAF_CHECK(throws("x,tof,status\n1,abc,converged\n", "'abc' is not a number"));
  CAF_CHECK(
    throws("x,y,tof,status\n1,1,0,converged\n1,2,0,converged\n2,1,0,converged\n", "not a grid"));
  CAF_CHECK(throws("x,y,tof,status\n1,1,0,converged\n1,2,0,converged\n2,1,0,converged\n"
                   "2,3,0,converged\n",
                   "line 5"));
  CAF_CHECK(throws("x,tof,status\n", "no points"));
}

CAF_TEST(cells reach halfway to their neighbours) {
  CAF_CHECK_EQUAL(cell_edges({0, 1, 3}, false), (std::vector<double>{-0.5, 0.5, 2, 4}));
  const auto e = cell_edges({1, 10, 100}, true);
  CAF_REQUIRE_EQUAL(e.size(), 4u);
  CAF_CHECK_LESS(std::abs(e[1] - std::sqrt(10.0)), 1e-12);
  CAF_CHECK_LESS(std::abs(e[0] - 1 / std::sqrt(10.0)), 1e-12);
}

CAF_TEST(geometric grids look logarithmic and arithmetic ones do not ) {
  CAF_CHECK(looks_logarithmic({1e-4, 1e-3, 1e-2, 1e-1}));
  CAF_CHECK(!looks_logarithmic({1, 2, 3, 4}));
  CAF_CHECK(!looks_logarithmic({-1, 1, 3}));
  CAF_CHECK(!looks_logarithmic({1, 10}));
}

CAF_TEST(statuses are read by name and only failures of the solver are failures) {
  CAF_CHECK(kind_of_status("converged") == point_kind::solved);
  CAF_CHECK(kind_of_status("no_reactant") == point_kind::no_tof);
  for (const char* s : {"newton_at_t_max", "not_steady", "newton_failed", "integration_failed",
                        "bad_conditions", "a_status_of_tomorrow"})
    CAF_CHECK(kind_of_status(s) == point_kind::failed);
}

CAF_TEST(file names of columns are safe) {
  CAF_CHECK_EQUAL(file_stem("theta(CO_s)"), "theta_CO_s");
  CAF_CHECK_EQUAL(file_stem("theta(*_s)"), "theta_free_s");
  CAF_CHECK_EQUAL(file_stem("X_RC(12)"), "X_RC_12");
}

CAF_TEST(a refined map is drawn on its finest grid with each point at the cell size of its level) {
  // 2 x 2 coarse points (x 0 and 4, y 10 and 14) refined twice; the cell was split once (level 1
  // points at 2 and 12) and the quarter at the origin once more (level 2 points at 1 and 11).
  temp_file f{"x,y,tof,status,level\n"
              "0,10,1,converged,0\n0,11,7,converged,2\n0,12,2,converged,1\n0,14,3,converged,0\n"
              "1,10,7,converged,2\n1,11,8,converged,2\n1,12,7,converged,2\n"
              "2,10,2,converged,1\n2,11,7,converged,2\n2,12,5,converged,1\n2,14,2,converged,1\n"
              "4,10,4,converged,0\n4,12,2,converged,1\n4,14,6,converged,0\n"};
  const auto m = read_map_csv(f.path);
  CAF_CHECK(m.refined);
  CAF_CHECK(m.x == (std::vector<double>{0, 4}));
  CAF_CHECK(m.y == (std::vector<double>{10, 14}));
  const auto g = on_finest_grid(m, {plot_axis{"x", "", false}, plot_axis{"y", "", false}});
  CAF_REQUIRE_EQUAL(g.x.size(), 5u);
  CAF_REQUIRE_EQUAL(g.y.size(), 5u);
  CAF_CHECK_EQUAL(g.x[3], 3.0);
  const auto tof = g.find("tof");
  auto at = [&](std::size_t i, std::size_t j) { return g.values[tof][g.row(i, j)]; };
  CAF_CHECK_EQUAL(at(1, 1), 8.0); // a level-2 point: its own cell
  CAF_CHECK_EQUAL(at(2, 2), 5.0); // the centre, level 1
  CAF_CHECK_EQUAL(at(4, 4), 6.0); // a coarse corner
  CAF_CHECK_EQUAL(at(4, 3), 2.0); // the cell of level 1 of (4, 12) paints over its level-0 cell
  CAF_CHECK_EQUAL(at(3, 4), 2.0); // and so does the one of (2, 14)
  CAF_CHECK_EQUAL(at(0, 0), 1.0);
  CAF_CHECK_EQUAL(g.values[0][g.row(3, 0)], 3.0); // the axis columns are the whole grid's
}

#define CAF_SUITE plots.scripts

#include "caf/test/unit_test.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <string>

#include "actors/plots/map_plots.hpp"
#include "plot_folder.hpp"

using namespace tofmap::plots;

namespace {

/// x as map.csv writes it (every digit).
std::string text_of(double x) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.17g", x);
  return buf;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// A row of map.csv: the rest of the line after the axis values, from grid point (i, j).
using row_of = std::function<std::string(int i, int j)>;

/// map.csv of an nx × ny grid over x = 1..nx (descending: nx..1) and y = 0, 0.1, ...
std::string grid_csv(const std::string& header, int nx, int ny, const row_of& row,
                     bool descending_x = false) {
  std::string out = "x,y," + header + "\n";
  for (int i = 0; i < nx; ++i)
    for (int j = 0; j < ny; ++j)
      out += std::to_string(descending_x ? nx - i : i + 1) + "," + std::to_string(j / 10.0) + ","
             + row(i, j) + "\n";
  return out;
}

/// A TOF that rises over the grid, 1e-19 to 1e7.
std::string rising_tof(int i, int j) {
  return "1e" + std::to_string(-19 + 2 * i + j % 7);
}

/// The value of cbrange in a script: "[lo:hi]".
std::string cbrange(const std::string& script) {
  const auto at = script.find("set cbrange ");
  return at == std::string::npos ? "" : script.substr(at + 12, script.find('\n', at) - at - 12);
}

} // namespace

// -- item: the colour bar and the cells without a colour ------------------------------------------

CAF_TEST(rounding noise around a zero TOF does not stretch the colour bar) {
  // p(O2) = 0 (j = 0): the TOF is 0 there, and rounding leaves tiny values of both signs.
  const char* noise[] = {"2.7e-48", "0",       "-1.1e-49", "3.7e-40", "0",
                         "-3e-43",  "1.2e-41", "0",        "0",       "4e-47"};
  plot_folder f{grid_csv("tof,theta(A_s),residual,status", 10, 10, [&](int i, int j) {
    return (j == 0 ? std::string{noise[i]} : rising_tof(i, j)) + ",0.5,0,converged";
  })};
  f.write(spec_of("model"));
  const auto map = f.read("map.gp");
  CAF_CHECK_EQUAL(cbrange(map), "[-19:5]"); // not [-48:5]
  CAF_CHECK(has(map, "title 'TOF ≤ 0 or < 1e-39'"));
  CAF_CHECK(!has(map, "not converged"));
  const auto c = cells_of(f.map, fields_of(f.map, spec_of("model")).front());
  CAF_CHECK_EQUAL(c.noise, 4u);
  for (int i = 0; i < 10; ++i)
    CAF_CHECK(c.kind[static_cast<std::size_t>(i) * 10] == cell::none);
}

CAF_TEST(a point without a reactant is drawn like a TOF of zero and grey is left to failures) {
  plot_folder f{grid_csv("tof,theta(A_s),residual,status", 4, 3, [](int i, int j) {
    if (j == 0)
      return std::string{"0,0.25,0,no_reactant"};
    return std::string{i == 3 && j == 2 ? "5,0.5,0,not_steady" : "5,0.5,0,converged"};
  })};
  f.write(spec_of("model"));
  const auto map = f.read("map.gp");
  CAF_CHECK(has(map, "keyentry with boxes fillcolor rgb '#ffffff' title 'TOF ≤ 0'"));
  CAF_CHECK(has(map, "keyentry with boxes fillcolor rgb '#c8c8c8' title 'not converged'"));
  // The cells without a value, as RGBA pixels, rows of constant y from the bottom.
  const auto marks = f.read("map_marks.rgba");
  CAF_REQUIRE_EQUAL(marks.size(), 4u * 3u * 4u);
  auto pixel = [&](int i, int j) {
    return marks.substr(static_cast<std::size_t>(4 * (j * 4 + i)), 4);
  };
  for (int i = 0; i < 4; ++i)
    CAF_CHECK_EQUAL(pixel(i, 0), std::string(4, '\xff'));           // no reactant: white
  CAF_CHECK_EQUAL(pixel(3, 2), std::string("\xc8\xc8\xc8\xff", 4)); // failed: grey
  CAF_CHECK(pixel(1, 1)[3] == '\0');                                // a value: transparent
  // Its coverage is a value: the point is fine.
  const auto theta = f.read("theta_A_s.gp");
  CAF_CHECK(!has(theta, "title 'no value'"));
}

CAF_TEST(the maps draw their cells from binary matrices beside the scripts) {
  plot_folder f{grid_csv("tof,theta(A_s),residual,status", 5, 4,
                         [](int i, int j) { return rising_tof(i, j) + ",0.5,0,converged"; })};
  const auto scripts = f.write(spec_of("model"));
  CAF_CHECK_EQUAL(scripts, (std::vector<std::string>{"map.gp", "theta_A_s.gp"}));
  const auto map = f.read("map.gp");
  CAF_CHECK(has(map, "plot 'map.bin' binary matrix with image notitle"));
  CAF_CHECK(!has(map, "map.csv'")); // the CSV is not read by column names
  const auto bin = f.read("map.bin");
  CAF_REQUIRE_EQUAL(bin.size(), 4u * (5 + 1) * (4 + 1));
  auto value = [&](std::size_t k) {
    float v;
    std::memcpy(&v, bin.data() + 4 * k, 4);
    return static_cast<double>(v);
  };
  CAF_CHECK_EQUAL(value(0), 5.0);      // nx
  CAF_CHECK_EQUAL(value(1), 1.0);      // x[0]
  CAF_CHECK_EQUAL(value(6 * 2), 0.1f); // y[1], then log10 TOF along x
  CAF_CHECK_EQUAL(value(6 * 2 + 1 + 3), -19.0 + 2 * 3 + 1);
}

// -- item: contour lines --------------------------------------------------------------------------

CAF_TEST(no contour line runs through rounding noise) {
  // X_RC(1) is 0 up to rounding everywhere: no level-0 line, however the signs fall.
  plot_folder f{
    grid_csv("tof,theta(A_s),residual,status,X_RC(1),X_RC(2),undefined", 8, 8, [](int i, int j) {
      const double noise = ((i * 7 + j * 3) % 5 - 2) * 1.3e-16;
      return "2,0.5,0,converged," + text_of(noise) + "," + text_of(1 - noise) + ",-";
    })};
  f.write(spec_of("model"));
  CAF_CHECK(f.block("X_RC_1.gp", "contours").empty());
  CAF_CHECK_EQUAL(cbrange(f.read("X_RC_1.gp")), "[-0.1:0.1]");
}

CAF_TEST(contour labels stay on a descending axis) {
  plot_folder f{grid_csv(
    "tof,theta(A_s),residual,status", 12, 12,
    [](int i, int j) { return rising_tof(i, j) + ",0.5,0,converged"; }, true)};
  f.write(spec_of("model"));
  CAF_CHECK(has(f.read("map.gp"), "set xrange [12.5:0.5]"));
  CAF_CHECK_GREATER_OR_EQUAL(f.block("map.gp", "labels").size(), 3u);
}

// -- item: what a map with analyses gets ----------------------------------------------------------

namespace {

const char* analyses_header = "tof,theta(A_s),residual,status,X_RC(1),X_RC(2),order(A_g),Ea_app,"
                              "selectivity(B_g),selectivity(C_g),undefined";

std::string analyses_row(int i, int j) {
  return "1e" + std::to_string(i - j) + ",0.5,0,converged,0.7,0.3,0.5,"
         + std::to_string(0.8 + 0.01 * i) + ",0.25,0.75,-";
}

plot_spec named_steps() {
  auto spec = spec_of("model");
  spec.steps = {"A_g + *_s <-> A_s", "A_s -> B_g + *_s"};
  return spec;
}

} // namespace

CAF_TEST(a map with analyses gets a picture of each) {
  plot_folder f{grid_csv(analyses_header, 4, 3, analyses_row)};
  CAF_CHECK_EQUAL(f.write(named_steps()),
                  (std::vector<std::string>{"map.gp", "theta_A_s.gp", "X_RC_1.gp", "X_RC_2.gp",
                                            "order_A_g.gp", "Ea_app.gp", "selectivity_B_g.gp",
                                            "selectivity_C_g.gp"}));
  CAF_CHECK(
    has(f.read("X_RC_2.gp"),
        "set title 'model: degree of rate control of step 2: A_s -> B_g + *_s' noenhanced"));
  CAF_CHECK(has(f.read("Ea_app.gp"), "set cblabel 'Ea_app [eV]' noenhanced"));
  CAF_CHECK(has(f.read("order_A_g.gp"), "set title 'model: reaction order in A_g' noenhanced"));
  CAF_CHECK_EQUAL(cbrange(f.read("selectivity_C_g.gp")), "[0:1]");
}

CAF_TEST(a sweep with analyses gets a line plot of each kind) {
  std::string csv = std::string{"x,"} + analyses_header + "\n";
  for (int i = 0; i < 5; ++i)
    csv += std::to_string(i + 1) + "," + analyses_row(i, 0) + "\n";
  plot_folder f{csv};
  CAF_CHECK_EQUAL(f.write(named_steps()),
                  (std::vector<std::string>{"map.gp", "coverages.gp", "X_RC.gp", "orders.gp",
                                            "Ea_app.gp", "selectivity.gp"}));
  CAF_CHECK(has(f.read("X_RC.gp"), "title 'X_RC(1): A_g + *_s <-> A_s' noenhanced"));
}

CAF_TEST(coverages on a log scale show minor intermediates) {
  plot_folder f{grid_csv("tof,theta(A_s),residual,status", 4, 3, [](int i, int j) {
    return "1,1e-" + std::to_string(3 + i + j) + ",0,converged";
  })};
  auto spec = spec_of("model");
  spec.log_coverages = true;
  f.write(spec);
  const auto theta = f.read("theta_A_s.gp");
  CAF_CHECK(has(theta, "set cblabel 'log10 coverage theta(A_s)' noenhanced"));
  CAF_CHECK_EQUAL(cbrange(theta), "[-8:0]");
  spec.log_coverages = false;
  f.write(spec);
  CAF_CHECK_EQUAL(cbrange(f.read("theta_A_s.gp")), "[0:1]");
}

// -- item: line plots -----------------------------------------------------------------------------

CAF_TEST(log tics of a line plot are powers of ten in superscript) {
  plot_folder f{"p,tof,theta(A_s),residual,status\n0.0001,1e-3,0.5,0,converged\n"
                "0.001,1e-2,0.5,0,converged\n0.01,1e-1,0.5,0,converged\n0.1,0,0.5,0,converged\n"};
  f.write(spec_of("model", {plot_axis{"p", "bar", true}}));
  const auto map = f.read("map.gp");
  // Enhanced text renders 10^{-2} with a superscript; with `noenhanced` it printed "10^-2".
  CAF_CHECK(has(map, "set terminal pngcairo size 900,600 enhanced"));
  CAF_CHECK(!has(map, "termoption noenhanced"));
  CAF_CHECK(has(map, "set ytics ('10^{-3}' 0.001"));
  CAF_CHECK(has(map, "'10^{-2}' 0.01"));
  CAF_CHECK(has(map, "set xlabel 'p [bar]' noenhanced"));
  // The TOF of 0 at p = 0.1 is marked along the bottom.
  CAF_CHECK_EQUAL(f.block("map.gp", "no_value"), (std::vector<std::string>{"0.1"}));
  CAF_CHECK(has(map, "title 'TOF ≤ 0' noenhanced"));
}

CAF_TEST(a grid that is not evenly spaced is refused) {
  plot_folder f{"T,p,tof,status\n400,1,1,converged\n400,2,1,converged\n400,4,1,converged\n"
                "500,1,1,converged\n500,2,1,converged\n500,4,1,converged\n"};
  bool refused = false;
  try {
    f.write(spec_of("", {plot_axis{"p", "", false}}));
  } catch (const std::runtime_error& e) {
    refused = has(e.what(), "p in map.csv are not evenly spaced");
  }
  CAF_CHECK(refused);
  // 1, 2, 4 are evenly spaced on a log scale.
  CAF_CHECK_EQUAL(f.write(spec_of("", {plot_axis{"p", "", true}})).size(), 1u);
}

CAF_TEST(scripts name the axes and the colour bar) {
  plot_folder f{
    "T,p(CO_g),tof,theta(CO_s),residual,status\n"
    "400,0.1,1,0.5,0,converged\n400,0.2,2,0.5,0,converged\n400,0.3,3,0.5,0,not_steady\n"
    "500,0.1,4,0.5,0,converged\n500,0.2,5,0.5,0,converged\n500,0.3,6,0.5,0,converged\n"};
  f.write(spec_of("model", {plot_axis{"T", "K", false}}));
  const auto text = f.read("map.gp");
  CAF_CHECK(has(text, "set xlabel 'T [K]' noenhanced"));
  CAF_CHECK(has(text, "set ylabel 'p(CO_g)' noenhanced")); // no unit known
  CAF_CHECK(has(text, "set cbrange [0:1]"));               // log10 of 1 ... 5 (6 failed)
  CAF_CHECK(has(text, "not converged"));
}

CAF_TEST(each coverage of a sweep has a colour of its own) {
  std::string text = "T,tof";
  for (int s = 0; s < 24; ++s)
    text += ",theta(A" + std::to_string(s) + "_s)";
  text += ",residual,status\n";
  for (int t = 400; t <= 500; t += 50) {
    text += std::to_string(t) + ",1";
    for (int s = 0; s < 24; ++s)
      text += ",0.04";
    text += ",0,converged\n";
  }
  plot_folder f{text};
  const auto scripts = f.write(spec_of("model"));
  CAF_CHECK(std::find(scripts.begin(), scripts.end(), "coverages.gp") != scripts.end());
  std::vector<std::string> styles;
  std::size_t at = 0;
  const auto script = f.read("coverages.gp");
  while ((at = script.find("linecolor rgb '#", at)) != std::string::npos) {
    styles.push_back(script.substr(at, script.find(" pointsize", at) - at));
    ++at;
  }
  CAF_CHECK_EQUAL(styles.size(), 24u);
  std::sort(styles.begin(), styles.end());
  CAF_CHECK(std::adjacent_find(styles.begin(), styles.end()) == styles.end()); // all different
}

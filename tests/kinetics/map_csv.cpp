#define CAF_SUITE kinetics.map_csv

#include "tests/kinetics/test_support.hpp"

#include <map>
#include <sstream>

#include "kinetics/map/map_layout.hpp"
#include "kinetics/map/solve_map.hpp"

using namespace tofmap;
using tofmap::test::source_path;

namespace {

run_config with_analyses(std::vector<std::string> overrides = {}) {
  overrides.insert(overrides.end(), {"--analysis.rate_control=yes", "--analysis.orders=yes",
                                     "--analysis.apparent_Ea=yes"});
  return read_config(source_path("configs/co_oxidation.ini"), overrides);
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss{line};
  std::string field;
  while (std::getline(ss, field, ','))
    out.push_back(field);
  return out;
}

} // namespace

CAF_TEST(the header names the axes then tof coverages residual status and analyses) {
  auto c = with_analyses();
  map_layout layout{c};
  CAF_CHECK_EQUAL(layout.csv_header(),
                  "p(CO_g),p(O2_g),tof,theta(CO_s),theta(O_s),theta(*_s),residual,status,"
                  "X_RC(1),X_RC(2),X_RC(3),order(CO_g),order(O2_g),order(CO2_g),Ea_app,"
                  "undefined");
  // ... and the row ends with branches, tof_min, tof_max, stable (one start: no branch slots).
  CAF_CHECK_EQUAL(layout.width(), 2u + 3u + 3u + 3u + 1u + 1u + 4u);
}

CAF_TEST(without analyses there is no undefined column) {
  auto c = read_config(source_path("configs/co_oxidation.ini"), {});
  map_layout layout{c};
  CAF_CHECK_EQUAL(layout.csv_header(),
                  "p(CO_g),p(O2_g),tof,theta(CO_s),theta(O_s),theta(*_s),residual,status");
  CAF_CHECK_EQUAL(layout.width(), 2u + 3u + 4u); // and branches, tof_min, tof_max, stable
}

CAF_TEST(a one - dimensional map has one axis column) {
  auto c = tofmap::test::parse_text(R"([model]
temperature = 500
gas = CO_g mass=28 pressure=0.5
step = CO_g + *_s <-> CO_s dG=-0.5
tof = CO_g
spectators = CO_s
[map]
x = T 450 550 3
)");
  map_layout layout{c};
  CAF_CHECK_EQUAL(layout.csv_header(), "T,tof,theta(CO_s),theta(*_s),residual,status");
}

CAF_TEST(orders are reported for the gases with a pressure somewhere on the map) {
  auto c = with_analyses({"--model.gas=CO_g mass=28.0101", "--model.gas=O2_g mass=31.9988",
                          "--model.gas=CO2_g mass=44.0095"}); // CO2 at 0 everywhere
  map_layout layout{c};
  CAF_REQUIRE_EQUAL(layout.order_gases().size(), 2u);
  CAF_CHECK_EQUAL(c.model.gases[static_cast<std::size_t>(layout.order_gases()[1])].name, "O2_g");
}

namespace {

/// The map of a config, solved, as map.csv writes it: its rows by "x y" (the axis values as
/// written), a field of a row by column name, and the TOF of every point as computed.
struct csv_rows {
  std::vector<std::string> names;
  std::map<std::string, std::vector<std::string>> rows; // "x y" -> fields
  std::vector<double> tof;                              // per point, in grid order

  explicit csv_rows(const run_config& c) {
    map_layout layout{c};
    auto table = solve_map(c, layout);
    for (std::size_t k = 0; k < table.size(); ++k)
      tof.push_back(table.row(k)[0]);
    std::ostringstream csv;
    write_map_csv(csv, layout, table);
    std::istringstream in{csv.str()};
    std::string line;
    std::getline(in, line);
    names = split(line);
    while (std::getline(in, line)) {
      auto fields = split(line);
      CAF_REQUIRE_EQUAL(fields.size(), names.size());
      rows[fields[0] + " " + fields[1]] = fields;
    }
  }

  std::string field(const std::string& point, const std::string& name) const {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == name)
        return rows.at(point)[i];
    CAF_FAIL("no column " << name);
    return std::string{};
  }
};

} // namespace

CAF_TEST(rows carry the values of the point in column order) {
  const csv_rows m{with_analyses({"--map.x=p(CO_g) 0.1 0.1 1", "--map.y=p(O2_g) 0.2 0.2 1"})};
  auto field = [&m](const std::string& name) { return m.field("0.1 0.2", name); };
  CAF_CHECK_EQUAL(field("p(CO_g)"), "0.1");
  CAF_CHECK_EQUAL(field("status"), "converged");
  // The CO-poisoned point of the reference study.
  TOFMAP_CHECK_CLOSE(std::stod(field("tof")), 1.39795e-17, 1e-5);
  TOFMAP_CHECK_CLOSE(std::stod(field("theta(*_s)")), 1.4497e-12, 4e-5);
  // Numbers are written so that they read back exactly.
  CAF_CHECK(std::stod(field("tof")) == m.tof[0]);
  double sum = 0;
  for (int s = 1; s <= 3; ++s)
    sum += std::stod(field("X_RC(" + std::to_string(s) + ")"));
  CAF_CHECK_LESS_OR_EQUAL(std::fabs(sum - 1.0), 1e-8);
}

CAF_TEST(linear axis values carry no float noise) {
  axis a;
  a.first = -1.5;
  a.last = 2.5;
  a.points = 81;
  std::string text;
  for (int i = 0; i < a.points; ++i) {
    text.clear();
    append_number(text, a.value(i));
    CAF_CHECK_LESS_OR_EQUAL(text.size(), 5u); // -1.1, not -1.0999999999999999
  }
  CAF_CHECK(a.value(8) == -1.1);
  a.first = -0.5;
  a.last = 0.5;
  a.points = 11;
  CAF_CHECK(a.value(5) == 0.0); // not 2.2e-16
  CAF_CHECK(a.value(6) == 0.1); // not 0.10000000000000009
  // Values that are not short decimals stay as numpy.linspace computes them, bit for bit.
  a.first = 1e-5;
  a.last = 0.5;
  a.points = 10;
  const double step = (a.last - a.first) / 9;
  for (int i = 1; i < 9; ++i)
    CAF_CHECK(a.value(i) == i * step + a.first);
}

CAF_TEST(the undefined column names the analyses that are undefined at a point) {
  // p(O2) = 0.2: all defined. p(O2) = 0: no CO2 can be made (status no_reactant), the TOF is
  // exactly 0 and everything is undefined.
  const csv_rows m{with_analyses({"--map.x=p(CO_g) 0.125 0.5 2", "--map.y=p(O2_g) 0 0.2 2"})};
  CAF_CHECK_EQUAL(m.field("0.125 0.2", "status"), "converged");
  CAF_CHECK_EQUAL(m.field("0.125 0.2", "undefined"), "-");
  for (const auto* point : {"0.125 0", "0.5 0"}) {
    CAF_CHECK_EQUAL(m.field(point, "status"), "no_reactant");
    CAF_CHECK_EQUAL(m.field(point, "tof"), "0");
    CAF_CHECK_EQUAL(m.field(point, "undefined"),
                    "X_RC;order(CO_g);order(O2_g);order(CO2_g);Ea_app");
    CAF_CHECK_EQUAL(m.field(point, "X_RC(2)"), "nan");
    CAF_CHECK_EQUAL(m.field(point, "Ea_app"), "nan");
  }
  // NaN, never ±inf, in every analysis column of any point.
  for (const auto& [point, fields] : m.rows)
    for (const auto& x : fields)
      CAF_CHECK(x != "inf" && x != "-inf");
  // p(CO2) = 0 at a point with a TOF: only the order in CO2 is undefined (ln p).
  const csv_rows co2{with_analyses(
    {"--model.pressure.O2_g=0.2", "--map.x=p(CO_g) 0.125 0.5 2", "--map.y=p(CO2_g) 0 0.01 2"})};
  CAF_CHECK_EQUAL(co2.field("0.125 0", "status"), "converged");
  CAF_CHECK_EQUAL(co2.field("0.125 0", "undefined"), "order(CO2_g)");
  CAF_CHECK_EQUAL(co2.field("0.125 0", "order(CO2_g)"), "nan");
  CAF_CHECK_NOT_EQUAL(co2.field("0.125 0", "order(CO_g)"), "nan");
}

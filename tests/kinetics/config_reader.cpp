#define CAF_SUITE kinetics.config_reader

#include "tests/kinetics/test_support.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string>
#include <vector>

using namespace tofmap;
using tofmap::test::parse_text;
using tofmap::test::source_path;
using tofmap::test::two_site_config;

namespace {

/// A small valid config; tests change it with overrides.
const std::string small_config = R"([model]
temperature = 500
site_area = 9e-20
gas = CO_g mass=28 pressure=0.1
gas = O2_g mass=32 pressure=0.2
gas = CO2_g mass=44
step = CO_g + *_s <-> CO_s s0=0.5 dG=-1.2
step = O2_g + 2*_s <-> 2O_s s0=0.5 dG=-1.5
step = CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s Ga=0.4 dG=-1.4
tof = CO2_g

[map]
x = p(CO_g) 1e-5 0.5 10
)";

bool operator_eq(const term& x, int index, int coefficient) {
  return x.index == index && x.coefficient == coefficient;
}

std::vector<std::string> surface_names(const mechanism& m) {
  std::vector<std::string> result;
  for (const auto& s : m.surface)
    result.push_back(s.name);
  return result;
}

run_config co_oxidation(const std::vector<std::string>& overrides = {}) {
  return read_config(source_path("configs/co_oxidation.ini"), overrides);
}

} // namespace

CAF_TEST(the reference config gives its gases and conditions) {
  auto c = co_oxidation();
  const auto& m = c.model;
  CAF_CHECK(c.has_model);
  CAF_CHECK_EQUAL(m.name, "co_oxidation");
  CAF_CHECK(m.temperature == 500);
  CAF_CHECK(m.unit == pressure_unit::atm);
  CAF_REQUIRE(m.site_area.has_value());
  CAF_CHECK(*m.site_area == 9.0e-20);
  CAF_REQUIRE_EQUAL(m.gases.size(), 3u);
  CAF_CHECK_EQUAL(m.gases[0].name, "CO_g");
  CAF_CHECK(m.gases[0].mass == 28.0101);
  CAF_CHECK(m.gases[0].pressure == 0);
  CAF_CHECK_EQUAL(m.gases[0].line, 19);
  CAF_CHECK_EQUAL(m.gases[1].name, "O2_g");
  CAF_CHECK(m.gases[1].mass == 31.9988);
  CAF_CHECK(m.gases[1].pressure == 0);
  CAF_CHECK_EQUAL(m.gases[2].name, "CO2_g");
  CAF_CHECK(m.gases[2].mass == 44.0095);
  CAF_CHECK(m.gases[2].pressure == 0.01);
  CAF_CHECK(m.gases[2].composition == formula{{{"C", 1}, {"O", 2}}});
  CAF_CHECK(m.tof_gases == std::vector<int>{2});
  CAF_CHECK(c.warnings.empty());
  CAF_CHECK(c.solver.initial.empty());
  CAF_CHECK_EQUAL(c.output.dir, "results/co_oxidation");
}

CAF_TEST(the reference config gives its state vector and steps) {
  auto c = co_oxidation();
  const auto& m = c.model;
  CAF_CHECK(m.site_types == std::vector<std::string>{"s"});
  CAF_CHECK(surface_names(m) == (std::vector<std::string>{"CO_s", "O_s", "*_s"}));
  CAF_CHECK(m.surface[2].free_site);
  CAF_CHECK(!m.surface[0].free_site);
  CAF_CHECK(m.surface[0].composition == formula{{{"C", 1}, {"O", 1}}});
  CAF_CHECK_EQUAL(m.free_site_of(0), 2);
  CAF_REQUIRE_EQUAL(m.steps.size(), 3u);
  const auto& s1 = m.steps[0];
  CAF_CHECK_EQUAL(s1.expression, "CO_g + *_s <-> CO_s");
  CAF_CHECK_EQUAL(s1.line, 22);
  CAF_REQUIRE_EQUAL(s1.gas_initial.size(), 1u);
  CAF_CHECK(operator_eq(s1.gas_initial[0], 0, 1));
  CAF_CHECK(s1.gas_final.empty());
  CAF_REQUIRE_EQUAL(s1.surface_initial.size(), 1u);
  CAF_CHECK(operator_eq(s1.surface_initial[0], 2, 1));
  CAF_REQUIRE_EQUAL(s1.surface_final.size(), 1u);
  CAF_CHECK(operator_eq(s1.surface_final[0], 0, 1));
  CAF_CHECK(s1.dG == -1.273740);
  CAF_CHECK(!s1.Ga.has_value());
  CAF_CHECK(s1.s0 == 0.4444444444444444);
  CAF_CHECK(s1.transition_state.empty());
  const auto& s2 = m.steps[1];
  CAF_CHECK_EQUAL(s2.expression, "O2_g + 2*_s <-> 2O_s");
  CAF_CHECK(s2.gas_initial == std::vector<term>{{1, 1}});
  CAF_CHECK(s2.surface_initial == std::vector<term>{{2, 2}});
  CAF_CHECK(s2.surface_final == std::vector<term>{{1, 2}});
  CAF_CHECK(s2.Ga == 0.07);
  CAF_CHECK(s2.dG == -1.545853);
  CAF_CHECK(s2.sticking());
  const auto& s3 = m.steps[2];
  CAF_CHECK_EQUAL(s3.expression, "CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s");
  CAF_CHECK(s3.surface_initial == (std::vector<term>{{0, 1}, {1, 1}}));
  CAF_CHECK(s3.gas_initial.empty());
  CAF_CHECK(s3.gas_final == std::vector<term>{{2, 1}});
  CAF_CHECK(s3.surface_final == std::vector<term>{{2, 2}});
  CAF_CHECK_EQUAL(s3.transition_state, "CO-O_2s");
  CAF_CHECK(s3.Ga == 0.39);
  CAF_CHECK(s3.dG == -1.479867);
  CAF_CHECK(!s3.sticking());
}

CAF_TEST(the reference config gives its map) {
  auto c = co_oxidation();
  const auto& x = c.map.x;
  CAF_CHECK(x.parameter.kind == parameter_kind::pressure);
  CAF_CHECK_EQUAL(x.parameter.index, 0);
  CAF_CHECK_EQUAL(x.parameter.label, "p(CO_g)");
  CAF_CHECK(x.first == 1e-5);
  CAF_CHECK(x.last == 0.5);
  CAF_CHECK_EQUAL(x.points, 10);
  CAF_CHECK(!x.log);
  TOFMAP_CHECK_CLOSE(x.value(2), 2 * (0.5 - 1e-5) / 9 + 1e-5, 1e-12); // 0.11111888...
  TOFMAP_CHECK_CLOSE(x.value(2), 0.1111188888888889, 1e-12);
  CAF_CHECK(x.value(9) == 0.5);
  CAF_REQUIRE(c.map.y.has_value());
  CAF_CHECK_EQUAL(c.map.y->parameter.label, "p(O2_g)");
  CAF_CHECK_EQUAL(c.map.y->parameter.index, 1);
  TOFMAP_CHECK_CLOSE(c.map.y->value(5), 5 * (0.5 - 1e-5) / 9 + 1e-5, 1e-12);
  CAF_CHECK_EQUAL(c.map.size(), 100u);
}

CAF_TEST(command line overrides win over the file) {
  auto c = co_oxidation({"--model.temperature=600", "model.pressure_unit=Pa",
                         "--map.y=T 400 700 4 lin", "--solver.rtol=1e-6"});
  CAF_CHECK(c.model.temperature == 600);
  CAF_CHECK(c.model.unit == pressure_unit::pa);
  CAF_CHECK(c.map.y->parameter.kind == parameter_kind::temperature);
  CAF_CHECK(c.map.y->value(1) == 500);
  CAF_CHECK(c.solver.rtol == 1e-6);
  CAF_CHECK(c.model.steps.size() == 3u); // untouched
}

CAF_TEST(one gas pressure is set without restating the gas lines) {
  // Without the key, the reference config's CO and O2 have no pressure of their own.
  auto c = co_oxidation({"--model.pressure.CO_g=0.1", "--map.x=Ga(3) 0 1.5 4"});
  CAF_CHECK(c.model.gases[0].pressure == 0.1);
  CAF_CHECK(c.model.gases[1].pressure == 0);    // untouched
  CAF_CHECK(c.model.gases[2].pressure == 0.01); // untouched
  CAF_CHECK_EQUAL(c.model.gases[0].mass, 28.0101);
  // The same model as the gas line written with that pressure: same canonical text and hash.
  auto written = co_oxidation(
    {"--model.gas=CO_g mass=28.0101 pressure=0.1", "--model.gas=O2_g mass=31.9988",
     "--model.gas=CO2_g mass=44.0095 pressure=0.01", "--map.x=Ga(3) 0 1.5 4"});
  CAF_CHECK_EQUAL(model_hash(c), model_hash(written));
  CAF_CHECK(to_ini(c).find("pressure.") == std::string::npos);
  // In the file too, and the command line wins over the file.
  auto text = small_config + "";
  text.insert(text.find("tof = "), "pressure.CO2_g = 0.25\n");
  CAF_CHECK(parse_text(text).model.gases[2].pressure == 0.25);
  auto both = parse_config(text, "test.ini", {"--model.pressure.CO2_g=0.5"});
  CAF_CHECK(both.model.gases[2].pressure == 0.5);
}

CAF_TEST(a map where a reactant is absent is warned about) {
  // The issue's example: Ga(3) and T axes, CO and O2 at their default pressure 0.
  auto c = co_oxidation({"--map.x=Ga(3) 0 1.5 31", "--map.y=T 400 700 31"});
  CAF_REQUIRE_EQUAL(c.warnings.size(), 1u);
  CAF_CHECK_EQUAL(c.warnings[0],
                  source_path("configs/co_oxidation.ini")
                    + ":19: the tof gas CO2_g cannot be produced at 961 of 961 points of the "
                      "map, where CO_g and O2_g are at zero pressure (a reactant is absent): "
                      "those points report the status no_reactant and TOF 0 (a pressure for "
                      "CO_g: [model] pressure.CO_g = P, or --model.pressure.CO_g=P)");
  // A pressure axis from 0: the points at its first value only, and the axis is named.
  auto axis = co_oxidation({"--map.y=p(O2_g) 0 0.5 11"});
  CAF_REQUIRE_EQUAL(axis.warnings.size(), 1u);
  CAF_CHECK(axis.warnings[0].rfind("command line: --map.y=p(O2_g) 0 0.5 11: the tof gas CO2_g "
                                   "cannot be produced at 10 of 110 points of the map, where "
                                   "O2_g is at zero pressure",
                                   0)
            == 0);
  // Every reactant present: nothing to say.
  CAF_CHECK(co_oxidation().warnings.empty());
  CAF_CHECK(co_oxidation({"--model.pressure.CO_g=0.1", "--model.pressure.O2_g=0.1",
                          "--map.x=Ga(3) 0 1.5 31", "--map.y=T 400 700 31"})
              .warnings.empty());
}

CAF_TEST(overrides of a repeatable key replace all entries of the file) {
  auto c = co_oxidation({"--model.gas=CO2_g mass=44 pressure=0.5", "--model.gas=CO_g mass=28",
                         "--model.gas=O2_g mass=32 pressure=1e-3"});
  const auto& g = c.model.gases;
  CAF_REQUIRE_EQUAL(g.size(), 3u);
  CAF_CHECK_EQUAL(g[0].name, "CO2_g");
  CAF_CHECK(g[0].pressure == 0.5);
  CAF_CHECK_EQUAL(g[1].name, "CO_g");
  CAF_CHECK(g[1].mass == 28);
  CAF_CHECK(g[2].pressure == 1e-3);
  CAF_CHECK_EQUAL(g[2].line, 0);
  CAF_CHECK(c.model.tof_gases == std::vector<int>{0});
  CAF_CHECK(c.model.steps[0].gas_initial == std::vector<term>{{1, 1}});
  auto one_step = parse_config(small_config, "test.ini",
                               {"--model.step=CO_g + O_s <-> CO2_g + *_s dG=-2",
                                "--model.step=O2_g + 2*_s <-> 2O_s dG=-1"});
  CAF_REQUIRE_EQUAL(one_step.model.steps.size(), 2u);
  CAF_CHECK_EQUAL(one_step.model.steps[0].expression, "CO_g + O_s <-> CO2_g + *_s");
  CAF_CHECK(surface_names(one_step.model) == (std::vector<std::string>{"O_s", "*_s"}));
}

CAF_TEST(keys left out take their defaults) {
  auto c = parse_text(small_config);
  solver_settings solver;
  CAF_CHECK(c.model.unit == pressure_unit::bar);
  CAF_CHECK_EQUAL(c.model.name, "test");
  CAF_CHECK(c.solver.initial.empty());
  CAF_CHECK(c.solver.rtol == solver.rtol);
  CAF_CHECK(c.solver.atol == solver.atol);
  CAF_CHECK(c.solver.t_max == solver.t_max);
  CAF_CHECK(c.solver.steady_tol == solver.steady_tol);
  CAF_CHECK(c.solver.newton_tol == solver.newton_tol);
  CAF_CHECK_EQUAL(c.solver.max_steps, solver.max_steps);
  CAF_CHECK(!c.analysis.any());
  CAF_CHECK_EQUAL(c.cluster.listen_host, "127.0.0.1");
  CAF_CHECK_EQUAL(c.cluster.listen_port, 4242);
  CAF_CHECK_EQUAL(c.cluster.join_host, "127.0.0.1");
  CAF_CHECK_EQUAL(c.cluster.join_port, 4242);
  CAF_CHECK_EQUAL(c.cluster.workers, 0);
  CAF_CHECK(c.cluster.heartbeat == std::chrono::milliseconds{1000});
  CAF_CHECK(c.cluster.timeout == std::chrono::milliseconds{10000});
  CAF_CHECK_EQUAL(c.cluster.task_size, 0);
  CAF_CHECK_EQUAL(c.cluster.coordinator_workers, 0);
  CAF_CHECK_EQUAL(c.cluster.wait_for_nodes, 0);
  CAF_CHECK(c.cluster.rejoin == std::chrono::milliseconds{0});
  CAF_CHECK(!c.tls.enabled());
  CAF_CHECK_EQUAL(c.output.dir, "results/test");
  CAF_CHECK(c.output.resume);
  CAF_CHECK(!c.map.y.has_value());
  CAF_CHECK(!c.model.gases[2].pressure);
  CAF_CHECK(!c.model.steps[0].Ga.has_value());
  CAF_CHECK(c.warnings.empty());
}

CAF_TEST(every section reads its values) {
  auto c = parse_config(small_config, "runs/co.ini",
                        {"--model.name=co test",
                         "--solver.initial=CO_s=0.25 O_s=0.5",
                         "--solver.atol=1e-15",
                         "--solver.t_max=1e9",
                         "--solver.steady_tol=1e-9",
                         "--solver.newton_tol=1e-12",
                         "--solver.max_steps=5000",
                         "--analysis.rate_control=yes",
                         "--analysis.orders=On",
                         "--analysis.apparent_Ea=0",
                         "--cluster.listen=0.0.0.0:5000",
                         "--cluster.join=[::1]:6000",
                         "--cluster.workers=3",
                         "--cluster.heartbeat=250ms",
                         "--cluster.timeout=1.5min",
                         "--cluster.task_size=16",
                         "--cluster.coordinator_workers=auto",
                         "--cluster.wait_for_nodes=4",
                         "--cluster.rejoin=2min",
                         "--tls.ca=ca.pem",
                         "--tls.cert=node.pem",
                         "--tls.key=node.key",
                         "--tls.passphrase=secret",
                         "--output.dir=/tmp/out",
                         "--output.resume=no"});
  CAF_CHECK_EQUAL(c.model.name, "co test");
  CAF_CHECK(c.solver.initial == (std::vector<double>{0.25, 0.5, 0.25}));
  CAF_CHECK(c.solver.atol == 1e-15);
  CAF_CHECK(c.solver.t_max == 1e9);
  CAF_CHECK(c.solver.steady_tol == 1e-9);
  CAF_CHECK(c.solver.newton_tol == 1e-12);
  CAF_CHECK_EQUAL(c.solver.max_steps, 5000);
  CAF_CHECK(c.analysis.rate_control);
  CAF_CHECK(c.analysis.orders);
  CAF_CHECK(!c.analysis.apparent_Ea);
  CAF_CHECK_EQUAL(c.cluster.listen_host, "0.0.0.0");
  CAF_CHECK_EQUAL(c.cluster.listen_port, 5000);
  CAF_CHECK_EQUAL(c.cluster.join_host, "::1");
  CAF_CHECK_EQUAL(c.cluster.join_port, 6000);
  CAF_CHECK_EQUAL(c.cluster.workers, 3);
  CAF_CHECK(c.cluster.heartbeat == std::chrono::milliseconds{250});
  CAF_CHECK(c.cluster.timeout == std::chrono::milliseconds{90000});
  CAF_CHECK_EQUAL(c.cluster.task_size, 16);
  CAF_CHECK_EQUAL(c.cluster.coordinator_workers, -1);
  CAF_CHECK_EQUAL(c.cluster.wait_for_nodes, 4);
  CAF_CHECK(c.cluster.rejoin == std::chrono::milliseconds{120000});
  CAF_CHECK(!c.output.resume);
  CAF_CHECK(c.tls.enabled());
  CAF_CHECK_EQUAL(c.tls.ca, "ca.pem");
  CAF_CHECK_EQUAL(c.tls.cert, "node.pem");
  CAF_CHECK_EQUAL(c.tls.key, "node.key");
  CAF_CHECK_EQUAL(c.tls.passphrase, "secret");
  CAF_CHECK_EQUAL(c.output.dir, "/tmp/out");
  auto d = parse_config(small_config, "runs/co.ini",
                        {"--cluster.heartbeat=2", "--cluster.timeout=3s",
                         "--cluster.coordinator_workers=2", "--cluster.rejoin=no"});
  CAF_CHECK(d.cluster.rejoin == std::chrono::milliseconds{0});
  CAF_CHECK(d.cluster.heartbeat == std::chrono::milliseconds{2000});
  CAF_CHECK(d.cluster.timeout == std::chrono::milliseconds{3000});
  CAF_CHECK_EQUAL(d.cluster.coordinator_workers, 2);
  CAF_CHECK_EQUAL(d.model.name, "co");
  CAF_CHECK_EQUAL(d.output.dir, "results/co");
}

CAF_TEST(two site types build site types and state vector in order of appearance) {
  auto c = parse_text(two_site_config);
  const auto& m = c.model;
  CAF_CHECK(m.site_types == (std::vector<std::string>{"t", "s"}));
  CAF_CHECK(surface_names(m) == (std::vector<std::string>{"H_t", "CO_s", "CHO_s", "*_t", "*_s"}));
  std::vector<int> types;
  for (const auto& s : m.surface)
    types.push_back(s.site_type);
  CAF_CHECK(types == (std::vector<int>{0, 1, 1, 0, 1}));
  CAF_CHECK_EQUAL(m.free_site_of(0), 3);
  CAF_CHECK_EQUAL(m.free_site_of(1), 4);
  const auto& s4 = m.steps[3];
  CAF_CHECK(s4.surface_initial == (std::vector<term>{{2, 1}, {0, 1}}));
  CAF_CHECK(s4.gas_final == std::vector<term>{{2, 1}});
  CAF_CHECK(s4.surface_final == (std::vector<term>{{4, 1}, {3, 1}}));
  CAF_CHECK(c.map.x.parameter.kind == parameter_kind::temperature);
}

CAF_TEST(a multi - site adsorbate covers its sites) {
  auto c = parse_text(R"([model]
temperature = 500
gas = O2_g mass=32 pressure=1
step = O2_g + 2*_s <-> O2_2s dG=-0.5
step = O2_2s <-> O-O_2s -> 2O_s Ga=0.3 dG=-1.0
step = 2O_s <-> O2_g + 2*_s dG=1.5
tof = O2_g
[map]
x = Ga(2) 0.1 0.5 5
[solver]
initial = O2_2s=0.3 O_s=0.2
)");
  const auto& m = c.model;
  CAF_CHECK(surface_names(m) == (std::vector<std::string>{"O2_2s", "O_s", "*_s"}));
  CAF_CHECK_EQUAL(m.surface[0].sites, 2);
  CAF_CHECK_EQUAL(m.surface[1].sites, 1);
  CAF_CHECK(m.surface[0].composition == formula{{{"O", 2}}});
  CAF_CHECK_EQUAL(m.steps[1].transition_state, "O-O_2s");
  CAF_CHECK(m.steps[1].surface_final == std::vector<term>{{1, 2}});
  CAF_CHECK(c.map.x.parameter.kind == parameter_kind::Ga);
  CAF_CHECK_EQUAL(c.map.x.parameter.index, 1);
  CAF_CHECK_EQUAL(c.map.x.parameter.label, "Ga(2)");
  CAF_REQUIRE_EQUAL(c.solver.initial.size(), 3u);
  CAF_CHECK(c.solver.initial[0] == 0.3);
  CAF_CHECK(c.solver.initial[1] == 0.2);
  CAF_CHECK(c.solver.initial[2] == 1 - (2 * 0.3 + 0.2)); // free sites: 1 - Σ sites·θ
}

CAF_TEST(initial coverages fill the free sites of every site type) {
  auto c = parse_config(two_site_config, "test.ini", {"--solver.initial=H_t=0.5 CHO_s=0.25"});
  CAF_CHECK(c.solver.initial == (std::vector<double>{0.5, 0, 0.25, 0.5, 0.75}));
  auto full = parse_config(two_site_config, "test.ini", {"--solver.initial=H_t=1 CO_s=1"});
  CAF_CHECK(full.solver.initial == (std::vector<double>{1, 1, 0, 0, 0}));
  auto zero = parse_config(two_site_config, "test.ini", {"--solver.initial=CO_s=0 H_t=0"});
  CAF_CHECK(zero.solver.initial.empty()); // the empty surface, however written
  auto empty = parse_config(two_site_config, "test.ini", {"--solver.initial=empty"});
  CAF_CHECK(empty.solver.initial.empty());
}

CAF_TEST(several starts are read in order and written back identical) {
  auto c = co_oxidation({"--solver.initial=empty;CO_s=1 ;  O_s=0.5 CO_s=0.25"});
  CAF_CHECK(c.solver.initial.empty());
  CAF_REQUIRE_EQUAL(c.solver.other_starts.size(), 2u);
  CAF_CHECK(c.solver.other_starts[0] == (std::vector<double>{1, 0, 0}));
  CAF_CHECK(c.solver.other_starts[1] == (std::vector<double>{0.25, 0.5, 0.25}));
  auto text = to_ini(c);
  CAF_CHECK(text.find("\ninitial = empty; CO_s=1 O_s=0; CO_s=0.25 O_s=0.5\n") != std::string::npos);
  auto d = parse_config(text, c.source);
  CAF_CHECK_EQUAL(to_ini(d), text);
  CAF_CHECK_EQUAL(model_hash(d), model_hash(c));
  CAF_CHECK(d.solver.other_starts == c.solver.other_starts);
  // The starts are part of the model: another list is another model (resume and join refuse it).
  CAF_CHECK_NOT_EQUAL(model_hash(co_oxidation({"--solver.initial=empty; CO_s=1"})),
                      model_hash(co_oxidation()));
  CAF_CHECK_NOT_EQUAL(model_hash(co_oxidation({"--solver.initial=CO_s=1; empty"})),
                      model_hash(co_oxidation({"--solver.initial=empty; CO_s=1"})));
  // One start writes exactly what it wrote before several were possible.
  auto one = co_oxidation({"--solver.initial=CO_s=0.25"});
  CAF_CHECK(one.solver.other_starts.empty());
  CAF_CHECK(to_ini(one).find("\ninitial = CO_s=0.25 O_s=0\n") != std::string::npos);
  CAF_CHECK_EQUAL(model_text(co_oxidation({"--solver.initial=empty"})), model_text(co_oxidation()));
}

CAF_TEST(step expressions are normalized and repeated species merged) {
  auto c = parse_config(small_config, "test.ini",
                        {"--model.step=CO_g+*_s<->CO_s   dG=-1.2  s0=+0.5",
                         "--model.step=O2_g +  *_s + *_s <->   O_s + 1 O_s dG=-1.5",
                         "--model.step=CO_s + O_s <-> CO-O_2s -> CO2_g + 2 *_s Ga=0.4 dG=-1.4"});
  const auto& s = c.model.steps;
  CAF_CHECK_EQUAL(s[0].expression, "CO_g + *_s <-> CO_s");
  CAF_CHECK(s[0].s0 == 0.5);
  CAF_CHECK_EQUAL(s[1].expression, "O2_g + *_s + *_s <-> O_s + 1O_s");
  CAF_CHECK(s[1].surface_initial == std::vector<term>{{2, 2}});
  CAF_CHECK(s[1].surface_final == std::vector<term>{{1, 2}});
  CAF_CHECK_EQUAL(s[2].expression, "CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s");
}

CAF_TEST(comments CRLF and a byte order mark are fine) {
  std::string text = "\xEF\xBB\xBF# a comment\r\n";
  for (auto c : small_config) {
    if (c == '\n')
      text += "   # trailing comment\r";
    text += c;
  }
  auto c = parse_text(text);
  CAF_CHECK(c.model.temperature == 500);
  CAF_CHECK_EQUAL(c.model.gases[0].line, 5);
  CAF_CHECK_EQUAL(c.model.steps[2].line, 10);
  CAF_CHECK_EQUAL(c.model.steps[2].expression, "CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s");
  CAF_CHECK_EQUAL(c.map.x.points, 10);
}

CAF_TEST(a declared gas no step uses is a warning) {
  auto c = parse_config(small_config, "test.ini",
                        {"--model.gas=CO_g mass=28 pressure=0.1",
                         "--model.gas=O2_g mass=32 pressure=0.2", "--model.gas=CO2_g mass=44",
                         "--model.gas=N2_g mass=28"});
  CAF_REQUIRE_EQUAL(c.warnings.size(), 1u);
  CAF_CHECK_EQUAL(c.warnings[0], "command line: --model.gas=N2_g mass=28: gas 'N2_g' is "
                                 "declared but no step uses it");
  auto d = parse_text(small_config + "[model]\ngas = Ar_g mass=39.95\n");
  CAF_REQUIRE_EQUAL(d.warnings.size(), 1u);
  CAF_CHECK_EQUAL(d.warnings[0], "test.ini:15: gas 'Ar_g' is declared but no step uses it");
}

CAF_TEST(to_ini round trips every value bit for bit) {
  auto c = co_oxidation({"--model.step=CO_g + *_s <-> CO_s s0=0.1 dG=-1.1 Ga=0.30000000000000004",
                         "--model.step=O2_g + 2*_s <-> 2O_s s0=0.4444444444444444 Ga=0.07 "
                         "dG=-1.545853",
                         "--model.step=CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s Ga=0.39 dG=-1.479867",
                         "--map.y=dG(3) -1.7 -1.2 6 lin", "--solver.initial=CO_s=0.1 O_s=0.7",
                         "--analysis.orders=yes", "--cluster.heartbeat=1.25s",
                         "--cluster.join=[fe80::1]:4000", "--cluster.coordinator_workers=auto",
                         "--cluster.rejoin=90s", "--cluster.wait_for_nodes=3", "--output.resume=no",
                         "--tls.ca=a.pem", "--tls.cert=b.pem", "--tls.key=c.pem"});
  auto text = to_ini(c);
  auto d = parse_config(text, c.source);
  CAF_CHECK_EQUAL(to_ini(d), text);
  CAF_CHECK_EQUAL(model_hash(d), model_hash(c));
  const auto& m = c.model;
  const auto& n = d.model;
  CAF_CHECK_EQUAL(n.name, m.name);
  CAF_CHECK(n.temperature == m.temperature && n.unit == m.unit && n.site_area == m.site_area);
  CAF_REQUIRE_EQUAL(n.gases.size(), m.gases.size());
  for (std::size_t i = 0; i < m.gases.size(); ++i) {
    CAF_CHECK_EQUAL(n.gases[i].name, m.gases[i].name);
    CAF_CHECK(n.gases[i].mass == m.gases[i].mass && n.gases[i].pressure == m.gases[i].pressure);
    CAF_CHECK(n.gases[i].composition == m.gases[i].composition);
  }
  CAF_CHECK(surface_names(n) == surface_names(m));
  CAF_REQUIRE_EQUAL(n.steps.size(), m.steps.size());
  for (std::size_t i = 0; i < m.steps.size(); ++i) {
    const auto& x = m.steps[i];
    const auto& y = n.steps[i];
    CAF_CHECK_EQUAL(y.expression, x.expression);
    CAF_CHECK(y.gas_initial == x.gas_initial && y.gas_final == x.gas_final);
    CAF_CHECK(y.surface_initial == x.surface_initial && y.surface_final == x.surface_final);
    CAF_CHECK(y.transition_state == x.transition_state);
    CAF_CHECK(y.dG == x.dG && y.Ga == x.Ga && y.s0 == x.s0);
  }
  CAF_CHECK(n.steps[0].Ga == 0.30000000000000004);
  CAF_CHECK(n.tof_gases == m.tof_gases);
  CAF_CHECK(d.map.x.parameter.label == c.map.x.parameter.label);
  CAF_CHECK(d.map.x.first == c.map.x.first && d.map.x.last == c.map.x.last);
  CAF_CHECK(d.map.y->parameter.kind == parameter_kind::dG);
  CAF_CHECK(d.map.y->first == -1.7 && d.map.y->points == 6);
  CAF_CHECK(d.solver.initial == c.solver.initial);
  CAF_CHECK(d.analysis.orders && !d.analysis.rate_control);
  CAF_CHECK(d.cluster.heartbeat == std::chrono::milliseconds{1250});
  CAF_CHECK_EQUAL(d.cluster.join_host, "fe80::1");
  CAF_CHECK_EQUAL(d.cluster.coordinator_workers, -1);
  CAF_CHECK(d.cluster.rejoin == std::chrono::milliseconds{90000});
  CAF_CHECK_EQUAL(d.cluster.wait_for_nodes, 3);
  CAF_CHECK(!d.output.resume);
  CAF_CHECK_EQUAL(d.tls.key, "c.pem");
  CAF_CHECK_EQUAL(d.output.dir, c.output.dir);
}

CAF_TEST(to_ini writes the canonical text) {
  auto text = to_ini(co_oxidation());
  auto has = [&text](const std::string& lines) {
    return text.find(lines + "\n") != std::string::npos;
  };
  CAF_CHECK(has("[model]\nname = co_oxidation\ntemperature = 500\npressure_unit = atm"));
  CAF_CHECK(has("site_area = 9e-20"));
  CAF_CHECK(has("gas = CO_g mass=28.0101 pressure=0"));
  CAF_CHECK(has("gas = CO2_g mass=44.0095 pressure=0.01"));
  CAF_CHECK(has("step = CO_g + *_s <-> CO_s dG=-1.27374 s0=0.4444444444444444"));
  CAF_CHECK(has("step = CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s dG=-1.479867 Ga=0.39"));
  CAF_CHECK(has("x = p(CO_g) 1e-05 0.5 10 lin"));
  CAF_CHECK(has("initial = empty"));
  CAF_CHECK(has("rate_control = no"));
  CAF_CHECK(has("listen = 127.0.0.1:4242"));
  CAF_CHECK(has("heartbeat = 1s"));
  CAF_CHECK(has("rejoin = no"));
  CAF_CHECK(has("resume = yes"));
  CAF_CHECK(has("[tls]"));
  CAF_CHECK(has("dir = results/co_oxidation"));
}

CAF_TEST(model_hash follows the numbers and ignores name output and cluster) {
  auto base = co_oxidation();
  auto hash = model_hash(base);
  CAF_CHECK_EQUAL(hash.size(), 16u);
  CAF_CHECK(hash.find_first_not_of("0123456789abcdef") == std::string::npos);
  CAF_CHECK_EQUAL(model_hash(co_oxidation()), hash);
  CAF_CHECK(model_text(base).find("name") == std::string::npos);
  CAF_CHECK(model_text(base).find("[cluster]") == std::string::npos);
  CAF_CHECK_EQUAL(model_hash(co_oxidation({"--model.name=other"})), hash);
  CAF_CHECK_EQUAL(model_hash(co_oxidation({"--output.dir=elsewhere"})), hash);
  CAF_CHECK_EQUAL(model_hash(co_oxidation({"--cluster.workers=7"})), hash);
  CAF_CHECK_NOT_EQUAL(model_hash(co_oxidation({"--model.temperature=500.001"})), hash);
  // The map says which points, not what a point gives: a worker may have another one.
  CAF_CHECK_EQUAL(model_hash(co_oxidation({"--map.x=p(CO_g) 1e-5 0.5 11"})), hash);
  CAF_CHECK(model_text(base).find("[map]") == std::string::npos);
  CAF_CHECK_NOT_EQUAL(model_hash(co_oxidation({"--solver.rtol=1e-7"})), hash);
  CAF_CHECK_NOT_EQUAL(model_hash(co_oxidation({"--analysis.rate_control=yes"})), hash);
  CAF_CHECK_NOT_EQUAL(model_hash(co_oxidation({"--model.gas=CO_g mass=28.0101 pressure=0.1",
                                               "--model.gas=O2_g mass=31.9988",
                                               "--model.gas=CO2_g mass=44.0095 pressure=0.01"})),
                      hash);
}

CAF_TEST(model_hash is FNV - 1a of the model text) {
  auto c = co_oxidation();
  uint64_t h = 14695981039346656037ull;
  for (auto byte : model_text(c)) {
    h ^= static_cast<unsigned char>(byte);
    h *= 1099511628211ull;
  }
  char expected[17];
  std::snprintf(expected, sizeof expected, "%016llx", static_cast<unsigned long long>(h));
  CAF_CHECK_EQUAL(model_hash(c), std::string{expected});
}

CAF_TEST(a node config may hold only its cluster section) {
  std::string text = "[cluster]\njoin = coordinator.local:4300\nworkers = 2\n";
  auto c = parse_config(text, "node.ini", {}, config_scope::node);
  CAF_CHECK(!c.has_model);
  CAF_CHECK_EQUAL(c.cluster.join_host, "coordinator.local");
  CAF_CHECK_EQUAL(c.cluster.join_port, 4300);
  CAF_CHECK_EQUAL(c.cluster.workers, 2);
  CAF_CHECK(c.model.steps.empty());
  auto ini = to_ini(c);
  CAF_CHECK(ini.find("[model]") == std::string::npos);
  CAF_CHECK(ini.find("[map]") == std::string::npos);
  auto d = parse_config(ini, "node.ini", {}, config_scope::node);
  CAF_CHECK_EQUAL(to_ini(d), ini);
  CAF_CHECK_EQUAL(d.cluster.join_host, "coordinator.local");
  try {
    parse_config(text, "node.ini");
    CAF_FAIL("a run config without [model] was accepted");
  } catch (const config_error& e) {
    CAF_CHECK_EQUAL(std::string{e.what()}, "node.ini: missing required key 'model.temperature'");
  }
}

CAF_TEST(a node config with a model validates it and may leave out the map) {
  auto model_only = small_config.substr(0, small_config.find("[map]"));
  auto c = parse_config(model_only, "node.ini", {}, config_scope::node);
  CAF_CHECK(c.has_model);
  CAF_CHECK_EQUAL(c.model.steps.size(), 3u);
  auto ini = to_ini(c);
  CAF_CHECK(ini.find("[map]") == std::string::npos);
  CAF_CHECK_EQUAL(to_ini(parse_config(ini, "node.ini", {}, config_scope::node)), ini);
  auto with_map = parse_config(small_config, "node.ini", {}, config_scope::node);
  CAF_CHECK_EQUAL(with_map.map.x.parameter.label, "p(CO_g)");
}

CAF_TEST(read_config reports a file it cannot open) {
  try {
    read_config(source_path("tests/data/config/does-not-exist.ini"));
    CAF_FAIL("no error");
  } catch (const config_error& e) {
    CAF_CHECK(std::string{e.what()}.find("does-not-exist.ini: cannot open") != std::string::npos);
    CAF_CHECK_EQUAL(e.line(), 0);
  }
  try {
    read_config(source_path("configs"));
    CAF_FAIL("no error");
  } catch (const config_error& e) {
    CAF_CHECK(std::string{e.what()}.find("configs: is a directory") != std::string::npos);
  }
}

CAF_TEST(a leading tilde in a path is the home directory) {
  const char* home = std::getenv("HOME");
  CAF_REQUIRE(home != nullptr);
  auto c = parse_config(small_config, "test.ini",
                        {"--output.dir=~/maps/co", "--tls.ca=~/ca.pem", "--tls.cert=c.pem",
                         "--tls.key=~"});
  CAF_CHECK_EQUAL(c.output.dir, std::string{home} + "/maps/co");
  CAF_CHECK_EQUAL(c.tls.ca, std::string{home} + "/ca.pem");
  CAF_CHECK_EQUAL(c.tls.cert, "c.pem");
  CAF_CHECK_EQUAL(c.tls.key, std::string{home});
  auto root = parse_config(small_config, "test.ini", {"--output.dir=~root/x"});
  CAF_CHECK_EQUAL(root.output.dir, "/root/x");
  CAF_CHECK_EQUAL(parse_config(small_config, "test.ini", {"--output.dir=a~b"}).output.dir, "a~b");
  try {
    parse_config(small_config, "test.ini", {"--output.dir=~no-such-user-of-tofmap/x"});
    CAF_FAIL("an unknown user was accepted");
  } catch (const config_error& e) {
    CAF_CHECK_EQUAL(std::string{e.what()},
                    "command line: --output.dir=~no-such-user-of-tofmap/x: 'dir': cannot expand "
                    "'~no-such-user-of-tofmap': no such user");
  }
}

CAF_TEST(first_difference names the first key whose value differs) {
  const auto a = parse_config(small_config, "a.ini");
  CAF_CHECK_EQUAL(first_difference(model_text(a), model_text(a), "here", "there"), "");
  const auto t = parse_config(small_config, "b.ini", {"--model.temperature=501"});
  CAF_CHECK_EQUAL(first_difference(model_text(t), model_text(a), "the node", "the coordinator"),
                  "[model] temperature: 501 on the node, 500 on the coordinator");
  // A repeated key is counted: the second step differs.
  const auto s
    = parse_config(small_config, "c.ini",
                   {"--model.step=CO_g + *_s <-> CO_s s0=0.5 dG=-1.2",
                    "--model.step=O2_g + 2*_s <-> 2O_s s0=0.5 dG=-1.6",
                    "--model.step=CO_s + O_s <-> CO-O_2s -> CO2_g + 2*_s Ga=0.4 dG=-1.4"});
  const auto where = first_difference(model_text(s), model_text(a), "A", "B");
  CAF_CHECK(where.rfind("[model] step (the 2nd): O2_g + 2*_s <-> 2O_s dG=-1.6", 0) == 0);
  CAF_CHECK(where.find(" on A, O2_g + 2*_s <-> 2O_s dG=-1.5") != std::string::npos);
  // In another section, and a line one side lacks.
  const auto r = parse_config(small_config, "d.ini", {"--solver.rtol=1e-6"});
  CAF_CHECK_EQUAL(first_difference(model_text(r), model_text(a), "A", "B"),
                  "[solver] rtol: 1e-06 on A, 1e-04 on B");
  CAF_CHECK_EQUAL(first_difference("[model]\nx = 1\n", "[model]\nx = 1\ny = 2\n", "A", "B"),
                  "[model] after 2 equal lines: nothing more on A, 'y = 2' on B");
}

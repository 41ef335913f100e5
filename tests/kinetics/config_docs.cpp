#define CAF_SUITE kinetics.config_docs

#include "tests/kinetics/test_support.hpp"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace tofmap;
using tofmap::test::source_path;

namespace {

std::string config_docs() {
  std::ifstream in{source_path("docs/CONFIG.md")};
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The ```ini blocks of docs/CONFIG.md, in order.
std::vector<std::string> ini_blocks() {
  auto doc = config_docs();
  std::vector<std::string> result;
  const std::string open = "```ini\n";
  for (auto pos = doc.find(open); pos != std::string::npos; pos = doc.find(open, pos)) {
    pos += open.size();
    auto end = doc.find("```", pos);
    if (end == std::string::npos)
      break;
    result.push_back(doc.substr(pos, end - pos));
    pos = end + 3;
  }
  return result;
}

/// A block whose first line is "# node config" is a node config.
config_scope scope_of(const std::string& block) {
  return block.rfind("# node config", 0) == 0 ? config_scope::node : config_scope::full;
}

/// "--section.key=DEFAULT" for every row "| `key` ... | `DEFAULT` |" of the key tables of the
/// sections that need no model ([output] dir aside).
std::vector<std::string> documented_defaults() {
  std::istringstream doc{config_docs()};
  std::vector<std::string> result;
  std::string section;
  for (std::string line; std::getline(doc, line);) {
    if (line.rfind("## [", 0) == 0)
      section = line.substr(4, line.find(']') - 4);
    if (section != "solver" && section != "analysis" && section != "cluster"
        && section != "output")
      continue;
    if (line.rfind("| `", 0) != 0 || line.size() < 4 || line.substr(line.size() - 3) != "` |")
      continue;
    auto key = line.substr(3, line.find('`', 3) - 3);
    if (section == "output" && key == "dir")
      continue; // `results/<model name>` is a pattern; kinetics.config_reader checks it

    auto value_begin = line.rfind("| `") + 3;
    auto value = line.substr(value_begin, line.size() - 3 - value_begin);
    result.push_back("--" + section + "." + key + "=" + value);
  }
  return result;
}

std::vector<std::string> surface_names(const mechanism& m) {
  std::vector<std::string> result;
  for (const auto& s : m.surface)
    result.push_back(s.name);
  return result;
}

} // namespace

CAF_TEST(every ini example of the config docs parses) {
  auto blocks = ini_blocks();
  CAF_REQUIRE_GREATER_OR_EQUAL(blocks.size(), 5u);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    try {
      auto c = parse_config(blocks[i], "CONFIG.md", {}, scope_of(blocks[i]));
      CAF_CHECK(c.warnings.empty());
    } catch (const config_error& e) {
      CAF_FAIL("ini block " << i + 1 << " of docs/CONFIG.md: " << e.what());
    }
  }
}

CAF_TEST(the docs quote the reference config) {
  auto blocks = ini_blocks();
  CAF_REQUIRE(!blocks.empty());
  auto doc = parse_config(blocks[0], "co_oxidation.ini");
  auto file = read_config(source_path("configs/co_oxidation.ini"));
  CAF_CHECK_EQUAL(to_ini(doc), to_ini(file));
}

CAF_TEST(the docs examples mean what the docs say) {
  auto blocks = ini_blocks();
  CAF_REQUIRE_GREATER_OR_EQUAL(blocks.size(), 5u);
  auto two_types = parse_config(blocks[1], "CONFIG.md");
  CAF_CHECK(two_types.model.site_types == (std::vector<std::string>{"t", "s"}));
  CAF_CHECK(surface_names(two_types.model)
            == (std::vector<std::string>{"H_t", "CO_s", "CHO_s", "*_t", "*_s"}));
  auto two_sites = parse_config(blocks[2], "CONFIG.md");
  CAF_CHECK_EQUAL(two_sites.model.surface[0].sites, 2);
  auto initial = parse_config(blocks[3], "CONFIG.md");
  CAF_CHECK(initial.solver.initial == (std::vector<double>{0.25, 0.5, 0.25}));
  CAF_CHECK(initial.map.y->log);
  auto node = parse_config(blocks[4], "CONFIG.md", {}, config_scope::node);
  CAF_CHECK(!node.has_model);
  CAF_CHECK(node.tls.enabled());
  CAF_CHECK(node.cluster.heartbeat == std::chrono::milliseconds{500});
}

CAF_TEST(the defaults the docs state are the defaults of the code) {
  auto overrides = documented_defaults();
  CAF_CHECK_EQUAL(overrides.size(), 19u);   // 7 [solver], 3 [analysis], 8 [cluster], 1 [output]
  auto defaults = parse_config("", "node.ini", {}, config_scope::node);
  try {
    auto documented = parse_config("", "node.ini", overrides, config_scope::node);
    CAF_CHECK_EQUAL(to_ini(documented), to_ini(defaults));
  } catch (const config_error& e) {
    CAF_FAIL("a documented default does not parse: " << e.what());
  }
}

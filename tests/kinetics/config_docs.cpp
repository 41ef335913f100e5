#define CAF_SUITE kinetics.config_docs

#include "tests/kinetics/test_support.hpp"

#include <algorithm>
#include <fstream>
#include <map>
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

/// A row of a key table: its first cell (one or more `key`s) and its last cell.
struct doc_row {
  std::string keys;
  std::string last;
};

/// The first table after each "## [section]" heading of docs/CONFIG.md: its rows by section.
std::map<std::string, std::vector<doc_row>> key_tables() {
  std::istringstream doc{config_docs()};
  std::map<std::string, std::vector<doc_row>> result;
  std::string section;
  bool in_table = false;
  bool table_done = false;
  for (std::string line; std::getline(doc, line);) {
    if (line.rfind("## ", 0) == 0) {
      section = line.rfind("## [", 0) == 0 ? line.substr(4, line.find(']') - 4) : "";
      in_table = table_done = false;
      continue;
    }
    if (section.empty() || table_done)
      continue;
    const bool row = line.rfind("|", 0) == 0;
    if (!row) {
      table_done = in_table;
      continue;
    }
    in_table = true;
    if (line.rfind("| `", 0) != 0)
      continue; // the header and the separator
    auto first_end = line.find(" |", 1);
    auto last_begin = line.rfind("| ", line.size() - 3);
    result[section].push_back(
      {line.substr(2, first_end - 2), line.substr(last_begin + 2, line.size() - last_begin - 4)});
  }
  return result;
}

bool documents(const doc_row& row, std::string_view key) {
  return row.keys.find("`" + std::string{key} + "`") != std::string::npos;
}

std::vector<std::string> surface_names(const mechanism& m) {
  std::vector<std::string> result;
  for (const auto& s : m.surface)
    result.push_back(s.name);
  return result;
}

const std::string small_model = R"([model]
temperature = 500
gas = CO_g mass=28 pressure=0.1
step = CO_g + *_s <-> CO_s dG=-1.2
tof = CO_g
spectators = CO_s

[map]
x = T 400 600 3
)";

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

CAF_TEST(the docs quote the volcano config) {
  for (const auto& b : ini_blocks())
    if (b.find("name = co_oxidation_volcano") != std::string::npos) {
      auto doc = parse_config(b, "co_oxidation_volcano.ini");
      auto file = read_config(source_path("configs/co_oxidation_volcano.ini"));
      CAF_CHECK_EQUAL(to_ini(doc), to_ini(file));
      return;
    }
  CAF_FAIL("docs/CONFIG.md does not quote configs/co_oxidation_volcano.ini");
}

CAF_TEST(the docs quote the interacting config) {
  for (const auto& b : ini_blocks())
    if (b.find("name = co_oxidation_pt111_interacting") != std::string::npos) {
      auto doc = parse_config(b, "co_oxidation_pt111_interacting.ini");
      auto file = read_config(source_path("configs/co_oxidation_pt111_interacting.ini"));
      CAF_CHECK_EQUAL(to_ini(doc), to_ini(file));
      return;
    }
  CAF_FAIL("docs/CONFIG.md does not quote configs/co_oxidation_pt111_interacting.ini");
}

CAF_TEST(the docs examples mean what the docs say) {
  auto blocks = ini_blocks();
  // The example that holds `text`.
  auto block = [&blocks](const std::string& text) {
    for (const auto& b : blocks)
      if (b.find(text) != std::string::npos)
        return b;
    CAF_FAIL("docs/CONFIG.md has no ini example with " << text);
  };
  auto two_types = parse_config(block("gas = CH2O_g"), "CONFIG.md");
  CAF_CHECK(two_types.model.site_types == (std::vector<std::string>{"t", "s"}));
  CAF_CHECK(surface_names(two_types.model)
            == (std::vector<std::string>{"H_t", "CO_s", "CHO_s", "*_t", "*_s"}));
  auto two_sites = parse_config(block("step = O2_g + 2*_s <-> O2_2s"), "CONFIG.md");
  CAF_CHECK_EQUAL(two_sites.model.surface[0].sites, 2);
  auto initial = parse_config(block("initial = CO_s=0.25"), "CONFIG.md");
  CAF_CHECK(initial.solver.initial == (std::vector<double>{0.25, 0.5, 0.25}));
  CAF_CHECK(initial.map.y->log);
  auto node = parse_config(block("# node config"), "CONFIG.md", {}, config_scope::node);
  CAF_CHECK(!node.has_model);
  CAF_CHECK(node.tls.enabled());
  CAF_CHECK(node.cluster.heartbeat == std::chrono::milliseconds{500});
  // The thermochemistry example: steps 1 and 3 take dG from species, step 2 keeps Ga=0.05.
  auto thermo = parse_config(block("species = CO-O_2s"), "CONFIG.md");
  CAF_CHECK(!thermo.model.steps[0].dG && !thermo.model.steps[2].dG && !thermo.model.steps[2].Ga);
  CAF_CHECK(thermo.model.steps[1].Ga == 0.05);
  CAF_CHECK(thermo.analysis.energies);
  CAF_CHECK(thermo.map.x.parameter.kind == parameter_kind::temperature);
}

CAF_TEST(the docs document every key of the registry and nothing else) {
  auto tables = key_tables();
  CAF_CHECK_EQUAL(tables.size(), config_sections().size());
  for (const auto& section : config_sections()) {
    if (tables.count(std::string{section.name}) == 0)
      CAF_FAIL("docs/CONFIG.md has no section ## [" << section.name << "] with a key table");
    const auto& rows = tables[std::string{section.name}];
    for (const auto& spec : section.keys) {
      CAF_CHECK_EQUAL(spec.section, section.name);
      auto found = std::any_of(rows.begin(), rows.end(),
                               [&spec](const doc_row& r) { return documents(r, spec.key); });
      if (!found)
        CAF_FAIL("docs/CONFIG.md: the key table of [" << spec.section << "] lacks " << spec.name());
      if (spec.default_value.empty())
        continue;
      for (const auto& r : rows)
        if (documents(r, spec.key)
            && r.last.find("`" + std::string{spec.default_value} + "`") == std::string::npos)
          CAF_FAIL("docs/CONFIG.md: " << spec.name() << " has default `" << spec.default_value
                                      << "` in the code, the docs say: " << r.last);
    }
  }
  for (const auto& [section, rows] : tables)
    for (const auto& r : rows) {
      auto known = std::any_of(config_keys().begin(), config_keys().end(), [&](const key_spec& k) {
        return k.section == section && documents(r, k.key);
      });
      if (!known)
        CAF_FAIL("docs/CONFIG.md documents " << r.keys << " in [" << section
                                             << "], a key the reader does not know");
    }
}

CAF_TEST(the defaults of the registry are the defaults of the code) {
  std::vector<std::string> overrides;
  for (const auto& spec : config_keys())
    if (!spec.default_value.empty() && spec.default_value.find('<') == std::string_view::npos
        && spec.section != "model" && spec.section != "map")
      overrides.push_back("--" + spec.name() + "=" + std::string{spec.default_value});
  CAF_CHECK_GREATER_OR_EQUAL(overrides.size(), 10u);
  auto defaults = parse_config("", "node.ini", {}, config_scope::node);
  try {
    auto stated = parse_config("", "node.ini", overrides, config_scope::node);
    CAF_CHECK_EQUAL(to_ini(stated), to_ini(defaults));
  } catch (const config_error& e) {
    CAF_FAIL("a default of the registry does not parse: " << e.what());
  }
  // [model] and [map] defaults need a model to be read.
  auto model = parse_config(small_model, "test.ini");
  for (const auto& spec : config_keys())
    if ((spec.section == "model" || spec.section == "map") && !spec.default_value.empty()) {
      auto stated = parse_config(small_model, "test.ini",
                                 {"--" + spec.name() + "=" + std::string{spec.default_value}});
      CAF_CHECK_EQUAL(to_ini(stated), to_ini(model));
    }
}

namespace {

std::string file_text(const std::string& relative) {
  std::ifstream in{source_path(relative)};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The first line of `text` that contains `needle` (case-sensitive), or 0.
std::size_t line_with(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  return at == std::string::npos ? 0 : 1 + std::count(text.begin(), text.begin() + at, '\n');
}

} // namespace

CAF_TEST(documents for users are self-contained and not a development journal) {
  const char* documents[] = {"README.md",           "docs/CONFIG.md",      "docs/PERFORMANCE.md",
                             "docs/RELIABILITY.md", "docs/RUNTIME.md",     "docs/SOLVER.md",
                             "docs/PLOTS.md",       "docs/ARCHITECTURE.md"};
  // What users do not have or cannot use: the project's internal contract and notes, issue
  // numbers, branches, this machine's paths, the people who wrote it.
  const char* banned[] = {"config-format.md", "issue 1", "issue 2",          "issue 3",  "issue 4",
                          "issue 5",          "issue 6", "issue 7",          "issue 8",  "issue 9",
                          "this branch",      "/work/",  "another engineer", "../shared"};
  for (const auto* doc : documents) {
    const auto text = file_text(doc);
    CAF_REQUIRE(!text.empty());
    for (const auto* word : banned)
      if (auto line = line_with(text, word))
        CAF_FAIL(doc << ":" << line << ": '" << word << "' means nothing to a user");
  }
}

// tofmap: steady-state microkinetic maps.
//
//   tofmap run CONFIG [--section.key=value ...]
//
// Exit status: 0 when every point converged, 2 when the map was written but some points did not
// converge (their status column says why), 1 when nothing could be computed (bad config, I/O).

#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "kinetics/config/reader.hpp"
#include "kinetics/map/map_layout.hpp"
#include "kinetics/map/solve_map.hpp"

namespace {

constexpr const char* usage = R"(usage: tofmap COMMAND CONFIG [--section.key=value ...]

commands:
  run CONFIG      compute the map of CONFIG in this process and write map.csv to [output] dir

Any key of the config can be overridden on the command line, e.g. --output.dir=/tmp/map or
--map.x="T 400 600 21". See docs/CONFIG.md.
)";

namespace fs = std::filesystem;

/// Writes `text` to `path` through a temporary file, so a reader never sees half a file.
void write_file(const fs::path& path, const std::string& text) {
  auto tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out{tmp, std::ios::binary};
    out << text;
    if (!out.flush())
      throw std::runtime_error("cannot write " + tmp.string());
  }
  fs::rename(tmp, path);
}

int run(const std::string& path, const std::vector<std::string>& overrides) {
  auto config = tofmap::read_config(path, overrides);
  for (const auto& w : config.warnings)
    std::cerr << "warning: " << w << '\n';
  const tofmap::map_layout layout{config};
  const auto start = std::chrono::steady_clock::now();
  auto table = tofmap::solve_map(config, layout);
  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
  const fs::path dir = config.output.dir;
  fs::create_directories(dir);
  std::ostringstream csv;
  tofmap::write_map_csv(csv, layout, table);
  write_file(dir / "map.csv", csv.str());
  write_file(dir / "config.ini", tofmap::to_ini(config));
  std::map<std::string, std::size_t> by_status;
  for (auto s : table.status)
    ++by_status[tofmap::to_string(s)];
  std::cout << "map: " << table.size() << " points in " << wall.count() << " s ("
            << table.size() / wall.count() << " points/s) -> " << (dir / "map.csv").string()
            << '\n';
  for (const auto& [status, count] : by_status)
    std::cout << "  " << status << ": " << count << '\n';
  auto converged = by_status["converged"];
  if (converged != table.size()) {
    std::cerr << "tofmap: " << table.size() - converged
              << " points did not converge; see the status column of map.csv\n";
    return 2;
  }
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "-h" || args[0] == "--help") {
    std::cout << usage;
    return args.empty() ? 1 : 0;
  }
  if (args.size() < 2) {
    std::cerr << "tofmap: missing CONFIG\n" << usage;
    return 1;
  }
  const auto& command = args[0];
  const auto& config = args[1];
  std::vector<std::string> overrides(args.begin() + 2, args.end());
  try {
    if (command == "run")
      return run(config, overrides);
    std::cerr << "tofmap: unknown command '" << command << "'\n" << usage;
    return 1;
  } catch (const tofmap::config_error& e) {
    std::cerr << e.what() << '\n';
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "tofmap: " << e.what() << '\n';
    return 1;
  }
}

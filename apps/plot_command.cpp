#include "apps/commands.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "actors/coordinator/outputs.hpp"
#include "actors/config/run_config.hpp"
#include "actors/exit_status.hpp"
#include "actors/plots/map_plots.hpp"

namespace tofmap {

namespace {

namespace fs = std::filesystem;

constexpr const char* plot_usage
  = "usage: tofmap plot DIR [--output.coverage_scale=log ...]   (DIR holds the map.csv of a run)\n";

/// How to plot the map in `dir`: from its config.ini (units, log axes, step names) with the
/// `overrides`, if there is a readable one, else what map.csv itself says.
plots::plot_spec spec_of(const fs::path& dir, const std::vector<std::string>& overrides) {
  const auto ini = dir / "config.ini";
  if (!fs::exists(ini)) {
    if (!overrides.empty())
      throw std::runtime_error(overrides.front() + ": there is no " + ini.string()
                               + " to apply it to");
    return {};
  }
  try {
    return plot_spec_of(read_config(ini.string(), overrides));
  } catch (const std::exception& e) {
    if (!overrides.empty())
      throw;
    std::cout << "tofmap: " << ini.string() << " cannot be read (" << e.what()
              << "): axes without units\n";
    return {};
  }
}

} // namespace

int plot_command(const std::vector<std::string>& args) {
  const std::vector<std::string> overrides(args.begin() + (args.empty() ? 0 : 1), args.end());
  const bool overrides_ok
    = std::all_of(overrides.begin(), overrides.end(), [](const std::string& a) {
        return a.rfind("--", 0) == 0 && a.find('=') != std::string::npos;
      });
  const bool no_dir = args.empty() || args[0].empty() || args[0][0] == '-';
  if (no_dir || !overrides_ok) {
    std::cerr << "tofmap: plot: "
              << (no_dir ? "missing DIR" : "one DIR, then --section.key=value only") << "\n"
              << plot_usage;
    return exit_status::failed;
  }
  const fs::path dir{args[0]};
  if (!fs::exists(dir / "map.csv")) {
    std::cerr << "tofmap: plot: " << (dir / "map.csv").string() << " does not exist\n";
    return exit_status::failed;
  }
  const auto outcome = plots::draw_plots(dir.string(), spec_of(dir, overrides));
  if (!outcome.gnuplot_found) {
    std::cerr << "tofmap: plot: gnuplot was not found on PATH (install gnuplot-nox)\n";
    return exit_status::failed;
  }
  for (const auto& e : outcome.errors)
    std::cerr << "tofmap: plot: " << e << '\n';
  for (const auto& png : outcome.images)
    std::cout << "tofmap: plot: " << png << '\n';
  if (outcome.images.empty() && outcome.errors.empty())
    std::cout << "tofmap: plot: a map of a single point has nothing to plot\n";
  return outcome.errors.empty() ? 0 : 1;
}

} // namespace tofmap

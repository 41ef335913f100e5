#include "apps/commands.hpp"

#include <filesystem>
#include <iostream>

#include "actors/coordinator/outputs.hpp"
#include "actors/config/run_config.hpp"
#include "actors/exit_status.hpp"
#include "actors/plots/map_plots.hpp"

namespace tofmap {

namespace {

namespace fs = std::filesystem;

constexpr const char* plot_usage = "usage: tofmap plot DIR   (DIR holds the map.csv of a run)\n";

/// How to plot the map in `dir`: from its config.ini (units, log axes) if there is a readable
/// one, else what map.csv itself says.
plots::plot_spec spec_of(const fs::path& dir) {
  const auto ini = dir / "config.ini";
  if (!fs::exists(ini))
    return {};
  try {
    return plot_spec_of(read_config(ini.string()));
  } catch (const std::exception& e) {
    std::cout << "tofmap: " << ini.string() << " cannot be read (" << e.what()
              << "): axes without units\n";
    return {};
  }
}

} // namespace

int plot_command(const std::vector<std::string>& args) {
  if (args.size() != 1 || args[0].empty() || args[0][0] == '-') {
    std::cerr << "tofmap: plot: " << (args.empty() ? "missing DIR" : "one DIR, no options")
              << "\n" << plot_usage;
    return exit_status::failed;
  }
  const fs::path dir{args[0]};
  if (!fs::exists(dir / "map.csv")) {
    std::cerr << "tofmap: plot: " << (dir / "map.csv").string() << " does not exist\n";
    return exit_status::failed;
  }
  const auto outcome = plots::draw_plots(dir.string(), spec_of(dir));
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

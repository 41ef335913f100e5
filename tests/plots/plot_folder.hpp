#pragma once

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <unistd.h>

#include "actors/plots/map_data.hpp"
#include "actors/plots/map_plots.hpp"

/// A map.csv of a test in a temporary folder of its own, with plots/ beside it; removed with the
/// object.
struct plot_folder {
  std::filesystem::path dir;
  tofmap::plots::map_data map;

  explicit plot_folder(const std::string& csv) {
    static std::atomic<int> count{0};
    dir = std::filesystem::temp_directory_path()
          / ("tofmap-plots-test-" + std::to_string(::getpid()) + "-" + std::to_string(count++));
    std::filesystem::create_directories(dir / "plots");
    std::ofstream{dir / "map.csv"} << csv;
    map = tofmap::plots::read_map_csv((dir / "map.csv").string());
  }
  ~plot_folder() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  plot_folder(const plot_folder&) = delete;
  plot_folder& operator=(const plot_folder&) = delete;

  /// write_plot_scripts into plots/.
  std::vector<std::string> write(const tofmap::plots::plot_spec& spec) const {
    return tofmap::plots::write_plot_scripts((dir / "plots").string(), spec, map);
  }

  /// The contents of plots/NAME.
  std::string read(const std::string& name) const {
    std::ifstream in{dir / "plots" / name, std::ios::binary};
    return {std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
  }

  /// The lines of data block $NAME in plots/SCRIPT, without blank ones.
  std::vector<std::string> block(const std::string& script, const std::string& name) const {
    std::ifstream in{dir / "plots" / script};
    std::vector<std::string> out;
    std::string line;
    bool inside = false;
    while (std::getline(in, line)) {
      if (line == "$" + name + " << EOD")
        inside = true;
      else if (line == "EOD")
        inside = false;
      else if (inside && !line.empty())
        out.push_back(line);
    }
    return out;
  }
};

/// A spec with a title and axes (no step names, linear coverages).
inline tofmap::plots::plot_spec spec_of(const std::string& title,
                                        std::vector<tofmap::plots::plot_axis> axes = {}) {
  tofmap::plots::plot_spec spec;
  spec.title = title;
  spec.axes = std::move(axes);
  return spec;
}

#include "actors/plots/map_plots.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "actors/plots/branch_plots.hpp"
#include "actors/plots/gnuplot.hpp"

namespace tofmap::plots {

namespace {

namespace fs = std::filesystem;

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out{path};
  out << text;
  if (!out)
    throw std::runtime_error("cannot write " + path);
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() > tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

/// The plots of an earlier map in the folder go first: an X_RC map of a run with rate control
/// must not stay beside the plots of a run without.
void remove_old_plots(const std::string& plots_dir) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator{plots_dir, ec}) {
    const auto name = e.path().filename().string();
    if (e.is_regular_file()
        && (ends_with(name, ".png") || ends_with(name, ".gp") || ends_with(name, ".gp.log")
            || ends_with(name, ".bin") || ends_with(name, ".rgba")))
      fs::remove(e.path(), ec);
  }
}

/// The folder of map.csv (and branches.csv): the one above `plots_dir`.
std::string map_folder(const std::string& plots_dir) {
  fs::path p{plots_dir};
  if (!p.has_filename()) // "DIR/plots/"
    p = p.parent_path();
  return p.parent_path().string();
}

/// The line plots of a sweep: the TOF, then one plot per kind of field with all its columns.
std::vector<line_plot> line_plots_of(const std::vector<plot_field>& fields, const plot_spec& spec) {
  const auto prefix = spec.title.empty() ? std::string{} : spec.title + ": ";
  struct group {
    field_kind kind;
    const char* stem;
    const char* title;
    const char* value_title;
  };
  const group groups[] = {
    {field_kind::tof, "map", "TOF", "TOF [1/s per site]"},
    {field_kind::coverage, "coverages", "coverages", "coverage"},
    {field_kind::rate_control, "X_RC", "degrees of rate control", "X_RC"},
    {field_kind::order, "orders", "reaction orders", "reaction order"},
    {field_kind::apparent_Ea, "Ea_app", "apparent activation energy", "Ea_app [eV]"},
    {field_kind::selectivity, "selectivity", "selectivities", "selectivity"},
  };
  std::vector<line_plot> out;
  for (const auto& g : groups) {
    line_plot p{g.stem, prefix + g.title, g.value_title, {}};
    std::copy_if(fields.begin(), fields.end(), std::back_inserter(p.fields),
                 [&](const plot_field& f) { return f.kind == g.kind; });
    if (!p.fields.empty())
      out.push_back(std::move(p));
  }
  return out;
}

} // namespace

std::vector<plot_axis> resolve_axes(const plot_spec& spec, const map_data& m) {
  std::vector<plot_axis> out;
  for (std::size_t a = 0; a < m.axes; ++a) {
    const auto& label = m.columns[a];
    auto i = std::find_if(spec.axes.begin(), spec.axes.end(),
                          [&](const plot_axis& p) { return p.label == label; });
    if (i != spec.axes.end())
      out.push_back(*i);
    else
      out.push_back(plot_axis{label, "", looks_logarithmic(a == 0 ? m.x : m.y)});
    // A log axis needs positive values.
    for (auto v : a == 0 ? m.x : m.y)
      if (!(v > 0))
        out.back().log = false;
  }
  return out;
}

std::vector<std::string> write_plot_scripts(const std::string& plots_dir, const plot_spec& spec,
                                            const map_data& data) {
  const auto axes = resolve_axes(spec, data);
  const auto m = on_finest_grid(data, axes); // a refined map: every point at its level's size
  const auto fields = fields_of(m, spec);
  std::vector<std::string> scripts;
  const fs::path dir{plots_dir};
  const auto map_dir = map_folder(plots_dir);
  if (m.axes == 2 && m.x.size() > 1 && m.y.size() > 1) {
    for (const auto& f : fields) {
      write_text((dir / (f.stem + ".gp")).string(), heatmap_script(plots_dir, m, axes, f));
      scripts.push_back(f.stem + ".gp");
    }
    if (has_several_starts(map_dir) && m.find("branches") != std::string::npos) {
      write_text((dir / "branches.gp").string(),
                 heatmap_script(plots_dir, m, axes, branches_field(m, spec)));
      scripts.push_back("branches.gp");
    }
    return scripts;
  }
  // A sweep: one axis, or a 2-D map with a single value on one of its axes.
  const std::size_t along = m.axes == 2 && m.x.size() == 1 ? 1 : 0;
  if ((along == 0 ? m.x.size() : m.y.size()) < 2)
    return scripts; // a single point: nothing to draw
  sweep_states states;
  const bool several = has_several_starts(map_dir);
  if (several)
    states = read_sweep_states(map_dir, along);
  for (const auto& p : line_plots_of(fields, spec)) {
    const bool tof = several && p.fields.front().kind == field_kind::tof;
    write_text((dir / (p.stem + ".gp")).string(),
               line_plot_script(m, along, axes[along], p, tof ? &states : nullptr));
    scripts.push_back(p.stem + ".gp");
  }
  return scripts;
}

plot_outcome draw_plots(const std::string& map_dir, const plot_spec& spec) {
  const auto start = std::chrono::steady_clock::now();
  plot_outcome outcome;
  const auto gnuplot = find_gnuplot();
  if (gnuplot.empty()) {
    outcome.gnuplot_found = false;
    return outcome;
  }
  const auto plots_dir = (fs::path{map_dir} / "plots").string();
  std::vector<std::string> scripts;
  try {
    const auto m = read_map_csv((fs::path{map_dir} / "map.csv").string());
    std::error_code ec;
    fs::create_directories(plots_dir, ec);
    if (ec)
      throw std::runtime_error("cannot create " + plots_dir + ": " + ec.message());
    remove_old_plots(plots_dir);
    scripts = write_plot_scripts(plots_dir, spec, m);
  } catch (const std::exception& e) {
    outcome.errors.push_back(e.what());
    return outcome;
  }
  const int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  outcome.errors = run_gnuplot(gnuplot, plots_dir, scripts, jobs);
  for (const auto& s : scripts) {
    const auto png = (fs::path{plots_dir} / (s.substr(0, s.size() - 3) + ".png")).string();
    const bool failed = std::any_of(outcome.errors.begin(), outcome.errors.end(),
                                    [&](const std::string& e) { return e.rfind(s, 0) == 0; });
    if (!failed && fs::exists(png))
      outcome.images.push_back(png);
  }
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return outcome;
}

} // namespace tofmap::plots

#include "actors/coordinator/outputs.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "actors/config/run_config.hpp"
#include "kinetics/map/refinement.hpp"

namespace tofmap {

namespace {

namespace fs = std::filesystem;

/// Writes `text` to `path` through `path`.tmp and a rename; on any error the temporary file is
/// removed (a full disk must not leave half files behind) and the error names the file and why.
void write_file(const fs::path& path, const std::string& text) {
  auto tmp = path;
  tmp += ".tmp";
  auto fail = [&](const std::string& what, int err) {
    ::unlink(tmp.c_str());
    throw std::runtime_error(what + ": " + std::strerror(err));
  };
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    fail("cannot write " + tmp.string(), errno);
  const char* p = text.data();
  auto left = text.size();
  while (left > 0) {
    const auto n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      const auto err = n < 0 ? errno : ENOSPC;
      ::close(fd);
      fail("cannot write " + tmp.string(), err);
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0)
    fail("cannot write " + tmp.string(), errno);
  if (::rename(tmp.c_str(), path.c_str()) != 0)
    fail("cannot rename " + tmp.string() + " to " + path.string(), errno);
}

/// The effective config without secrets: a passphrase must not land in the results folder.
std::string public_config(const run_config& config) {
  auto copy = config;
  if (!copy.tls.passphrase.empty())
    copy.tls.passphrase = "(removed)";
  return to_ini(copy);
}

void write_to(const fs::path& dir, const run_config& config, const coordinator_result& result) {
  const map_layout layout{config};
  std::ostringstream csv;
  if (config.map.refine > 0)
    write_refined_map_csv(csv, layout, *result.table, config.map);
  else
    write_map_csv(csv, layout, *result.table);
  write_file(dir / "map.csv", csv.str());
  if (layout.starts() > 1) {
    std::ostringstream branches;
    write_branches_csv(branches, layout, *result.table);
    write_file(dir / "branches.csv", branches.str());
  } else {
    std::error_code ec; // an earlier map's, with several starts: not this map's
    fs::remove(dir / "branches.csv", ec);
  }
  write_file(dir / "config.ini", public_config(config));
  write_file(dir / "timing.json", to_json(result.report));
}

} // namespace

void prepare_outputs(const run_config& config) {
  const fs::path dir = config.output.dir;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    throw std::runtime_error("[output] dir = " + dir.string()
                             + ": cannot create it: " + ec.message());
  const auto probe = dir / ".tofmap-write-test";
  {
    std::ofstream out{probe};
    if (!out)
      throw std::runtime_error("[output] dir = " + dir.string() + ": cannot write there");
  }
  fs::remove(probe, ec);
}

namespace {

/// Field `column` of a CSV line (no quoting in map.csv), or empty.
std::string_view field(std::string_view line, std::size_t column) {
  for (std::size_t c = 0; c < column; ++c) {
    const auto comma = line.find(',');
    if (comma == std::string_view::npos)
      return {};
    line.remove_prefix(comma + 1);
  }
  return line.substr(0, line.find(','));
}

/// Points in map.csv (`rows`) and those whose status is not converged.
void read_statuses(const fs::path& csv, std::size_t& rows, std::size_t& unconverged) {
  std::ifstream in{csv};
  std::string line;
  std::getline(in, line);
  std::size_t column = 0; // of "status" in the header
  while (!field(line, column).empty() && field(line, column) != "status")
    ++column;
  while (std::getline(in, line)) {
    ++rows;
    unconverged += field(line, column) != "converged";
  }
}

/// Where `earlier`, the config of a map in the folder, first differs from `config`'s map.
std::string map_difference(const run_config& earlier, const run_config& config) {
  auto where = first_difference(model_text(earlier), model_text(config), "the finished map",
                                "this run");
  return where.empty() ? "its [map] differs" : where;
}

} // namespace

std::optional<finished_map> find_finished_map(const run_config& config) {
  const fs::path dir = config.output.dir;
  std::error_code ec;
  if (!fs::exists(dir / "map.csv", ec) || fs::exists(dir / "map.journal", ec))
    return std::nullopt;
  finished_map out;
  std::size_t rows = 0;
  read_statuses(dir / "map.csv", rows, out.unconverged);
  try {
    const auto path = (dir / "config.ini").string();
    const auto earlier = parse_config(read_config_text(path), path);
    if (map_hash(earlier) != map_hash(config))
      out.difference = map_difference(earlier, config);
    else if (config.map.refine == 0 && rows != config.map.size())
      out.difference = "its map.csv has " + std::to_string(rows) + " points, this map "
                       + std::to_string(config.map.size());
  } catch (const std::exception& e) {
    out.difference = std::string{"its config.ini cannot be compared: "} + e.what();
  }
  out.same = out.difference.empty();
  return out;
}

output_lock::output_lock(const run_config& config) {
  const auto& dir = config.output.dir;
  fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd_ < 0)
    throw std::runtime_error("[output] dir = " + dir + ": cannot open it: " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const auto err = errno;
    ::close(fd_);
    fd_ = -1;
    if (err == EWOULDBLOCK)
      throw std::runtime_error("[output] dir = " + dir
                               + " is in use by another tofmap process: give this run another "
                                 "folder, or wait until that one is done");
    throw std::runtime_error("[output] dir = " + dir + ": cannot lock it: " + std::strerror(err));
  }
}

output_lock::~output_lock() {
  if (fd_ >= 0)
    ::close(fd_); // releases the lock
}

port_file::port_file(std::string path, uint16_t port,
                     const std::function<void(const std::string&)>& log)
  : path_(std::move(path)) {
  if (path_.empty())
    return;
  try {
    write_file(path_, std::to_string(port) + "\n");
  } catch (const std::exception& e) {
    log(std::string{"warning: [cluster] port_file: "} + e.what());
    path_.clear();
  }
}

port_file::~port_file() {
  if (!path_.empty())
    ::unlink(path_.c_str());
}

void write_outputs(const run_config& config, const coordinator_result& result) {
  prepare_outputs(config); // again: the folder may have gone while the map was computed
  write_to(config.output.dir, config, result);
}

std::string rescue_outputs(const run_config& config, const coordinator_result& result) {
  auto pattern = (fs::temp_directory_path() / "tofmap-rescue-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr)
    throw std::runtime_error("cannot create a folder " + pattern + ": " + std::strerror(errno));
  try {
    write_to(pattern, config, result);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(pattern, ec); // no empty or half-written rescue folder
    throw;
  }
  return pattern;
}

plots::plot_spec plot_spec_of(const run_config& config) {
  plots::plot_spec spec;
  spec.title = config.model.name;
  spec.log_coverages = config.output.log_coverages;
  for (const auto& s : config.model.steps)
    spec.steps.push_back(s.expression);
  auto add = [&](const axis& a) {
    std::string unit;
    switch (a.parameter.kind) {
      case parameter_kind::pressure:
        unit = to_string(config.model.unit);
        break;
      case parameter_kind::temperature:
        unit = "K";
        break;
      case parameter_kind::dG:
      case parameter_kind::Ga:
      case parameter_kind::energy:
        unit = "eV";
        break;
    }
    spec.axes.push_back(plots::plot_axis{a.parameter.label, unit, a.log});
  };
  add(config.map.x);
  if (config.map.y)
    add(*config.map.y);
  return spec;
}

void draw_map_plots(const run_config& config, const std::function<void(const std::string&)>& log) {
  const auto& dir = config.output.dir;
  plots::plot_outcome outcome;
  try {
    outcome = plots::draw_plots(dir, plot_spec_of(config));
  } catch (const std::exception& e) {
    outcome.errors.push_back(e.what());
  }
  if (!outcome.gnuplot_found) {
    log("no plots: gnuplot was not found on PATH (install gnuplot-nox for them; `tofmap plot " + dir
        + "` draws them later)");
    return;
  }
  for (const auto& e : outcome.errors)
    log("warning: plot: " + e);
  if (!outcome.images.empty()) {
    char seconds[32];
    std::snprintf(seconds, sizeof(seconds), " (%.2f s)", outcome.seconds);
    log("plots: " + outcome.images.front()
        + (outcome.images.size() > 1
             ? " and " + std::to_string(outcome.images.size() - 1) + " more in "
                 + (fs::path{outcome.images.front()}.parent_path().string())
             : std::string{})
        + seconds);
  }
}

std::size_t unconverged(const map_table& table) {
  std::size_t n = 0;
  for (std::size_t k = 0; k < table.size(); ++k)
    n += table.done[k] && is_failure(table.status[k]) ? 1 : 0; // a refined map's computed points
  return n;
}

} // namespace tofmap

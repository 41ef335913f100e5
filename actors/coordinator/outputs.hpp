#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "actors/coordinator/coordinator.hpp"
#include "actors/plots/map_plots.hpp"

/// Writing a finished map to [output] dir: map.csv (and branches.csv when [solver] initial has
/// several starts), config.ini and timing.json, each through a
/// temporary file and a rename, so no reader ever sees half a file.
namespace tofmap {

/// Creates [output] dir and checks that files can be written there, before any point is computed;
/// throws std::runtime_error naming the folder and the reason.
void prepare_outputs(const run_config& config);

/// A finished map an earlier run left in [output] dir: map.csv, and no journal (which a run that
/// did not finish leaves).
struct finished_map {
  bool same = false;           ///< of the same map: config.ini has the same model (name aside),
                               ///< solver, analysis and grid, and map.csv all its points
  std::string difference;      ///< if not the same: where config.ini first differs, or why the
                               ///< two cannot be compared
  std::size_t unconverged = 0; ///< points of map.csv whose status is not converged
};

/// The finished map in [output] dir, if there is one (see finished_map).
std::optional<finished_map> find_finished_map(const run_config& config);

/// Holds [output] dir for this process (flock on the folder), so that a second tofmap computing
/// into the same folder — whose journal and map would mix with this one's — is refused at once.
/// Released when the object, or the process, goes.
class output_lock {
public:
  /// Throws std::runtime_error "[output] dir = DIR is in use by another tofmap process".
  explicit output_lock(const run_config& config);
  ~output_lock();
  output_lock(const output_lock&) = delete;
  output_lock& operator=(const output_lock&) = delete;

private:
  int fd_ = -1;
};

/// [cluster] port_file of a coordinator: the port it listens on, one line, written whole (through
/// a temporary file and a rename) when made, removed when destroyed. Nothing with an empty path.
class port_file {
public:
  /// A file that cannot be written is a warning through `log` (the coordinator goes on).
  port_file(std::string path, uint16_t port, const std::function<void(const std::string&)>& log);
  ~port_file();
  port_file(const port_file&) = delete;
  port_file& operator=(const port_file&) = delete;

private:
  std::string path_;
};

/// Writes the three files; throws std::runtime_error naming the file that could not be written.
void write_outputs(const run_config& config, const coordinator_result& result);

/// Writes the three files to a new folder tofmap-rescue-XXXXXX in the system's temporary folder
/// ($TMPDIR, else /tmp), when write_outputs failed: nothing computed is lost. Returns the folder;
/// throws std::runtime_error when that fails too.
std::string rescue_outputs(const run_config& config, const coordinator_result& result);

/// Counts the computed points whose status is a failure (is_failure: not `converged`, not
/// `no_reactant`).
std::size_t unconverged(const map_table& table);

/// How the plots name the axes of `config`'s map: the units of its parameters and which axes are
/// logarithmic.
plots::plot_spec plot_spec_of(const run_config& config);

/// Draws the plots of the map in [output] dir into its plots/ folder (see actors/plots/map_plots.hpp)
/// and says what it did through `log`, one line, or one per failed plot. Without gnuplot it says
/// so and draws nothing; a failed plot never changes the outcome of the run. Never throws.
void draw_map_plots(const run_config& config, const std::function<void(const std::string&)>& log);

} // namespace tofmap

#pragma once

#include <functional>
#include <string>

#include "actors/coordinator/coordinator.hpp"
#include "actors/plots/map_plots.hpp"

/// Writing a finished map to [output] dir: map.csv, config.ini and timing.json, each through a
/// temporary file and a rename, so no reader ever sees half a file.
namespace tofmap {

/// Creates [output] dir and checks that files can be written there, before any point is computed;
/// throws std::runtime_error naming the folder and the reason.
void prepare_outputs(const run_config& config);

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

/// Writes the three files; throws std::runtime_error naming the file that could not be written.
void write_outputs(const run_config& config, const coordinator_result& result);

/// Writes the three files to a new folder tofmap-rescue-XXXXXX in the system's temporary folder
/// ($TMPDIR, else /tmp), when write_outputs failed: nothing computed is lost. Returns the folder;
/// throws std::runtime_error when that fails too.
std::string rescue_outputs(const run_config& config, const coordinator_result& result);

/// Counts the points whose status is a failure (is_failure: not `converged`, not `no_reactant`).
std::size_t unconverged(const map_table& table);

/// How the plots name the axes of `config`'s map: the units of its parameters and which axes are
/// logarithmic.
plots::plot_spec plot_spec_of(const run_config& config);

/// Draws the plots of the map in [output] dir into its plots/ folder (see actors/plots/map_plots.hpp)
/// and says what it did through `log`, one line, or one per failed plot. Without gnuplot it says
/// so and draws nothing; a failed plot never changes the outcome of the run. Never throws.
void draw_map_plots(const run_config& config, const std::function<void(const std::string&)>& log);

} // namespace tofmap

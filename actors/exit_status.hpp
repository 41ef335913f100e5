#pragma once

#include <string_view>

/// The exit statuses of every tofmap command, defined and explained here once: `tofmap help`
/// prints `exit_statuses`, and the docs point to it.
namespace tofmap::exit_status {

/// The command did what it was asked; for a map: complete, and every point converged (a point
/// whose reactants are absent, status no_reactant, is not a failure: point_status is_failure).
inline constexpr int ok = 0;
/// Nothing (or not everything) was done: bad arguments or config, refused by the coordinator,
/// the coordinator lost or never reached, an I/O error, the maps of `bench` differ.
inline constexpr int failed = 1;
/// The map is complete, but some points did not converge (map.csv's status column says why).
inline constexpr int unconverged = 2;

/// The status a shell reports for a process killed by signal `sig` (128 + sig): how `tofmap
/// bench` reports a child that did not exit by itself.
constexpr int killed_by(int sig) {
  return 128 + sig;
}

struct description {
  int code;
  std::string_view name;
  std::string_view meaning;
};

inline constexpr description exit_statuses[] = {
  {ok, "ok", "done; for a map: complete, and every point converged (or has no reactant)"},
  {failed, "failed",
   "not done (the message says why): bad arguments or config, refused, no coordinator, I/O"},
  {unconverged, "unconverged",
   "the map is complete, but some points did not converge (see map.csv's status column)"},
};

} // namespace tofmap::exit_status

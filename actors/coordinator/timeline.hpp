#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

/// How a run went over time: points completed per second, and the nodes and workers connected
/// at each moment, so that a run where nodes join one by one shows the rate rising as each joins.
/// Times are seconds from the start of the run (the first task handed out).
namespace tofmap {

/// One interval of the timeline.
struct timeline_row {
  double t = 0;        ///< start of the interval [s]
  double seconds = 0;  ///< its length (the last one ends with the run) [s]
  uint64_t points = 0; ///< points completed in it
  int32_t nodes = 0;   ///< nodes connected at its end
  int32_t workers = 0; ///< workers connected at its end

  double points_per_second() const {
    return seconds > 0 ? static_cast<double>(points) / seconds : 0;
  }
};

/// Records points per second of the run and every change of the nodes and workers connected.
class timeline {
public:
  /// `n` points completed at `t` (t >= 0).
  void add_points(double t, uint64_t n);

  /// From `t` on (which may be before the start, i.e. < 0), `nodes` nodes and `workers` workers
  /// are connected. Changes are recorded in time order.
  void connected(double t, int32_t nodes, int32_t workers);

  /// The timeline of a run of `wall` seconds, in intervals of a whole number of seconds chosen so
  /// that there are at most `max_rows` rows.
  std::vector<timeline_row> rows(double wall, std::size_t max_rows = 600) const;

private:
  std::vector<uint64_t> per_second_; // points completed in [i, i + 1)
  std::vector<std::pair<double, std::pair<int32_t, int32_t>>> changes_; // t -> nodes, workers
};

/// The rate of recent progress: points per second over the last `window` seconds of samples.
class rate_meter {
public:
  explicit rate_meter(double window = 5) : window_(window) {
    // nop
  }

  /// At `t`, `done` points were complete.
  void sample(double t, uint64_t done);

  /// Points per second between the oldest sample of the window and the newest; 0 without two
  /// samples.
  double rate() const;

private:
  double window_;
  std::deque<std::pair<double, uint64_t>> samples_;
};

/// "45 s", "3 min 20 s", "2 h 05 min": a duration for people.
std::string human_duration(double seconds);

} // namespace tofmap

#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

/// A bound on how often one kind of line is logged, so that a peer retrying every 100 ms, or a
/// flood of them, cannot fill the log: a burst of lines passes, then one per interval (a token
/// bucket). The lines held back are counted, and the next line let through says how many.
namespace tofmap::net {

class log_limiter {
public:
  using clock = std::chrono::steady_clock;

  /// `burst` lines at once (at least 1), then one more every `interval`.
  log_limiter(std::size_t burst, clock::duration interval);

  /// Whether a line may be logged at `now` (times in non-decreasing order). When it may,
  /// `held` is set to the lines held back since the last one let through (and the count
  /// restarts).
  bool allow(clock::time_point now, uint64_t& held);

private:
  std::size_t burst_;
  clock::duration interval_;
  std::size_t tokens_;
  clock::time_point refilled_{};
  bool started_ = false;
  uint64_t held_ = 0;
};

} // namespace tofmap::net

#pragma once

#include <cstdint>
#include <utility>
#include <vector>

struct epoll_event;

/// The gate's wait for descriptors (epoll), and a way for other threads to wake it.
namespace tofmap::net {

class poller {
public:
  /// Throws std::runtime_error when epoll or the wake-up descriptor cannot be made.
  poller();
  ~poller();
  poller(const poller&) = delete;
  poller& operator=(const poller&) = delete;

  /// Watches `fd` for `events` (EPOLLIN, EPOLLOUT); `data` comes back with them. 0 is reserved.
  void watch(int fd, uint32_t events, uint64_t data);

  /// Changes what `fd` is watched for, if `wanted` differs from `current` (then updated). No-op
  /// for fd < 0.
  void rewatch(int fd, uint32_t& current, uint32_t wanted, uint64_t data);

  /// Stops watching `fd` (before it is closed).
  void forget(int fd);

  /// Waits at most `timeout_ms` and returns the data of the descriptors that are ready, with their
  /// events (wake-ups are consumed, not returned). Reuses `out`.
  void wait(int timeout_ms, std::vector<std::pair<uint64_t, uint32_t>>& out);

  /// Ends a wait now or the next one (any thread).
  void wake();

private:
  int ep_ = -1;
  int wake_ = -1;
  std::vector<epoll_event> events_;
};

} // namespace tofmap::net

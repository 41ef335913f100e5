#include "actors/net/log_limiter.hpp"

#include <algorithm>

namespace tofmap::net {

log_limiter::log_limiter(std::size_t burst, clock::duration interval)
  : burst_(std::max<std::size_t>(1, burst)), interval_(interval), tokens_(burst_) {
  // nop
}

bool log_limiter::allow(clock::time_point now, uint64_t& held) {
  if (!started_) {
    started_ = true;
    refilled_ = now;
  }
  if (interval_.count() > 0 && now > refilled_) {
    const auto earned = static_cast<std::size_t>((now - refilled_) / interval_);
    if (earned > 0) {
      tokens_ = std::min(burst_, tokens_ + earned);
      refilled_ += interval_ * static_cast<clock::duration::rep>(earned);
    }
  }
  if (tokens_ == 0) {
    ++held_;
    return false;
  }
  if (tokens_ == burst_)
    refilled_ = now; // a full bucket earns nothing while it waits
  --tokens_;
  held = held_;
  held_ = 0;
  return true;
}

} // namespace tofmap::net

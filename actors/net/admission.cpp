#include "actors/net/admission.hpp"

#include <algorithm>

namespace tofmap::net {

admission_policy::admission_policy(limits lim, std::function<std::size_t()> count_descriptors,
                                   clock::time_point now)
  : limits_(lim), count_(std::move(count_descriptors)), estimate_(count_()), counted_(now) {
  // nop
}

bool admission_policy::room_for(std::size_t need, clock::time_point now) {
  const auto cap = limits_.descriptor_limit > limits_.descriptor_reserve
                     ? limits_.descriptor_limit - limits_.descriptor_reserve
                     : 0;
  if (estimate_ + need <= cap)
    return true;
  if (now - counted_ >= std::chrono::milliseconds{10}) {
    estimate_ = count_();
    counted_ = now;
  }
  return estimate_ + need <= cap;
}

std::string admission_policy::refused(clock::time_point now) {
  last_refused_ = now;
  if (refusing_)
    return {};
  refusing_ = true;
  return "refusing new connections: " + std::to_string(count_()) + " of "
         + std::to_string(limits_.descriptor_limit) + " descriptors are in use and "
         + std::to_string(limits_.descriptor_reserve)
         + " are kept for the map, the journal and the rescue (logged once)";
}

std::optional<uint64_t> admission_policy::admit(uint64_t id, clock::time_point now) {
  if (refusing_ && now - last_refused_ >= limits_.refusal_quiet)
    refusing_ = false;
  std::optional<uint64_t> oldest;
  if (pending_.size() >= limits_.max_pending) {
    while (!order_.empty() && !oldest) {
      if (pending_.erase(order_.front()) > 0)
        oldest = order_.front();
      order_.pop_front();
    }
  }
  while (!order_.empty() && pending_.count(order_.front()) == 0)
    order_.pop_front();
  pending_.insert(id);
  order_.push_back(id);
  return oldest;
}

std::string admission_policy::timeout_reason() const {
  return "no handshake within " + std::to_string(limits_.handshake_timeout.count()) + " ms";
}

std::string admission_policy::eviction_reason() const {
  return "more than " + std::to_string(limits_.max_pending) + " connections without handshake";
}

} // namespace tofmap::net

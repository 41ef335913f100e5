#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <unordered_set>

/// What the gate (gate.hpp) lets in: the descriptors it may use, and the connections that may wait
/// for their handshake. A policy only: it decides from the counts and the times it is given and
/// never touches a socket, so the gate's limits can be tested without any.
namespace tofmap::net {

class admission_policy {
public:
  using clock = std::chrono::steady_clock;

  struct limits {
    std::size_t max_pending = 64;        ///< connections accepted, not through their handshake
    std::size_t descriptor_reserve = 32; ///< descriptors never used for connections
    std::size_t descriptor_limit = 1024; ///< the process's limit on open descriptors
    std::chrono::milliseconds handshake_timeout{5000};
    /// A refusing episode ends when a connection is admitted after this long without a refusal:
    /// room that comes and goes while a flood goes on (CAF closing its ends of connections in
    /// between) does not log the refusal again.
    std::chrono::milliseconds refusal_quiet{10000};
  };

  /// `count_descriptors` says how many descriptors are open now; it is asked at start and, when
  /// the running estimate says the reserve is near, at most every 10 ms (CAF closes its ends of
  /// connections without telling the gate).
  admission_policy(limits lim, std::function<std::size_t()> count_descriptors,
                   clock::time_point now);

  // -- descriptors -------------------------------------------------------------------------------

  /// Whether `need` more descriptors leave the reserve untouched.
  bool room_for(std::size_t need, clock::time_point now);

  /// The gate opened or closed descriptors of its own.
  void opened(std::size_t n) { estimate_ += n; }
  void released(std::size_t n) { estimate_ -= std::min(n, estimate_); }

  /// A connection was refused for the reserve at `now`: the line to log if it is the first of
  /// an episode, else empty. An episode ends when a connection is admitted at least
  /// refusal_quiet after the last refusal.
  std::string refused(clock::time_point now);

  // -- pending connections -----------------------------------------------------------------------

  /// A connection was accepted at `now` (it is pending now; it ends a refusing episode after
  /// refusal_quiet without refusals). Returns the oldest pending connection if there were
  /// max_pending: the gate closes it (eviction_reason).
  std::optional<uint64_t> admit(uint64_t id, clock::time_point now);

  /// The connection is no longer pending (through its handshake, or closed).
  void settle(uint64_t id) { pending_.erase(id); }

  std::size_t pending() const { return pending_.size(); }

  /// When a connection accepted at `now` must have been through its handshake.
  clock::time_point deadline(clock::time_point now) const {
    return now + limits_.handshake_timeout;
  }

  std::string timeout_reason() const;
  std::string eviction_reason() const;

private:
  limits limits_;
  std::function<std::size_t()> count_;
  std::size_t estimate_ = 0; // descriptors open, as far as the gate knows
  clock::time_point counted_;
  bool refusing_ = false;
  clock::time_point last_refused_{};
  std::unordered_set<uint64_t> pending_;
  std::deque<uint64_t> order_; // pending ids by age (some may have settled)
};

} // namespace tofmap::net

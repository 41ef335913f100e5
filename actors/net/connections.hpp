#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <sys/socket.h>

#include "actors/net/closing.hpp"
#include "actors/net/gate.hpp"
#include "actors/net/relay.hpp"
#include "actors/net/tls_session.hpp"

/// The connections of a gate (gate.hpp) from their first byte to their close, on the gate's
/// thread: a connection is made (or accepted), goes through its TLS session's handshake, then its
/// relay moves the bytes until a side ends, a deadline passes or the peer sends what the guard
/// refuses; closing it releases its descriptors and tells the node, the counters and the log.
namespace tofmap::net {

class admission_policy;
class poller;

/// The gate's counters, read by other threads.
class gate_counters {
public:
  template <class F>
  void count(F f) {
    std::lock_guard<std::mutex> guard{mtx_};
    f(stats_);
  }

  gate_stats get() const {
    std::lock_guard<std::mutex> guard{mtx_};
    return stats_;
  }

private:
  mutable std::mutex mtx_;
  gate_stats stats_;
};

/// The low two bits of a descriptor's poller data: what it is (0 is the poller's own).
enum tag : uint64_t { listen_tag = 1, outer_tag = 2, inner_tag = 3 };

/// One connection to a peer and its socketpair to CAF.
struct link {
  using clock = std::chrono::steady_clock;
  /// draining: an accepted link refused in its handshake (told why by an alert, write side shut):
  /// reads and drops what the peer still sends until it closes or the linger time passes, so that
  /// closing never resets the connection under the alert.
  enum class phase { connecting, tls, relay, draining };

  uint64_t id = 0;
  bool accepted = false; ///< by our listener (else connected by us)
  phase ph = phase::connecting;
  int outer = -1; ///< the peer's socket
  int inner = -1; ///< our end of the socketpair
  std::unique_ptr<tls_session> tls;
  std::optional<relay> bytes; ///< from phase::relay on
  bool pending = true;        ///< not through its handshake yet
  bool tls_wants_write = false;
  bool closed = false;
  clock::time_point deadline = clock::time_point::max();
  std::string peer;
  gate::connect_callback done;       ///< connected links: until handed over
  gate::connect_callback unanswered; ///< connected links: handed over, until the peer's first
                                     ///< message passed (a failure before is the peer's refusal)
  int caf_end = -1;                  ///< accepted links: the CAF end, until CAF takes it
  uint32_t outer_events = 0;
  uint32_t inner_events = 0;

  uint64_t data(tag t) const { return (id << 2) | t; }
  uint64_t progress() const { return (bytes ? bytes->progress() : 0) + static_cast<uint64_t>(ph); }

  /// Tells the poller what the link waits for now.
  void watch_for(poller& poll);

  /// Closes its descriptors (no longer watched) and ends its TLS session and relay; returns how
  /// many descriptors it closed.
  std::size_t release(poller& poll);
};

class connections {
public:
  using clock = std::chrono::steady_clock;

  connections(const gate_options& opt, poller& poll, admission_policy& admission, close_log& log,
              gate_counters& counters);
  /// Releases what is left (no callbacks).
  ~connections();

  /// Takes the CAF end of each accepted connection: 0 taken, EAGAIN busy (tried again), or why not.
  std::function<int(int)> handoff;

  /// A connection accepted on `fd` from `peer`: admitted by the policy (which may evict the oldest
  /// pending one), then its TLS, then its relay.
  void accepted(int fd, std::string peer);

  /// Connects to `addr` within `timeout`; `done` as gate::connect says.
  void connect(const sockaddr_storage& addr, socklen_t len, std::string peer,
               std::chrono::milliseconds timeout, gate::connect_callback done);

  /// A descriptor of a connection is ready (`data` from the poller).
  void ready(uint64_t data, uint32_t events);

  /// Tries again to give CAF the connections it was too busy to take.
  void retry_handoffs();

  /// Closes the connections whose deadline has passed, and forgets the closed ones.
  void expire(clock::time_point now);

  /// When the next deadline passes, and whether CAF has connections to take.
  clock::time_point next_deadline() const;
  bool handoffs_waiting() const { return !waiting_.empty(); }
  bool empty() const { return links_.empty(); }

private:
  link& add(bool accepted, std::string peer);
  void connected(link& l);
  void start(link& l);
  bool tls_step(link& l);
  void start_relay(link& l);
  void give_node(link& l, int caf_end);
  bool hand_over(link& l);
  void pump(link& l);
  bool relay_step(link& l);
  void note_handshake(link& l);
  void refuse_tls_peer(link& l);
  void refuse(link& l, closing why, const std::string& detail);
  void drain(link& l);
  void close(link& l, closing why, const std::string& detail);

  const gate_options& opt_;
  poller& poll_;
  admission_policy& admission_;
  close_log& log_;
  gate_counters& counters_;
  std::map<uint64_t, std::unique_ptr<link>> links_;
  std::vector<uint64_t> waiting_; // links whose CAF end CAF has not taken yet
  uint64_t next_id_ = 1;
  char buf_[64 * 1024]; // what one read moves
};

} // namespace tofmap::net

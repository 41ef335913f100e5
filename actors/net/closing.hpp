#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>

#include "actors/net/gate.hpp"
#include "actors/net/log_limiter.hpp"

/// How the gate (gate.hpp) accounts for the connections it closes: the counters, the log lines,
/// and what a node is told when the coordinator ended a connection before answering it.
namespace tofmap::net {

/// Why a connection was closed.
enum class closing { normal, timed_out, evicted, bad_stream, tls_failed, failed };

/// Counts a closed connection in the counter its reason has (normal and failed have none).
void tally(gate_stats& stats, closing why);

/// The gate's log of closed connections: the first of each kind is logged and the rest counted
/// (a peer retrying cannot fill the log), except refusals in the TLS handshake of a connection
/// accepted, which are logged with their reason: each reason a few times, then once a minute,
/// saying how many were held back, so that a flood of one kind hides no other.
class close_log {
public:
  using clock = std::chrono::steady_clock;
  using sink = std::function<void(const std::string&)>;

  /// `out` gets each line; empty: silence.
  explicit close_log(sink out);

  /// Logs a line as it is.
  void line(const std::string& text) const;

  /// A connection from (`accepted`) or to `peer` was closed for `why`; `detail` says how.
  void closed(closing why, bool accepted, const std::string& peer, const std::string& detail,
              clock::time_point now);

  /// Distinct reasons of TLS refusals limited one by one; beyond, one limit for the rest.
  static constexpr std::size_t max_reasons = 256;

private:
  void refusal(const std::string& peer, const std::string& detail, clock::time_point now);

  sink out_;
  std::set<closing> logged_;
  std::map<std::string, log_limiter> refusals_;
};

/// What a node is told about a connection it made that ended before the coordinator's first
/// message: `tls_failure` (the coordinator ended the TLS session with an alert), else `detail`
/// (why the gate closed it), else a guess from what happened — bytes `received`, and `tls`.
std::string unanswered_reason(const std::string& tls_failure, const std::string& detail,
                              uint64_t received, bool tls);

/// Why a connection is closed whose peer's first bytes are TLS while this end speaks none: by the
/// coordinator that `accepted` it (a node with [tls]), or by the node that made it (a coordinator
/// with TLS).
std::string tls_peer_refusal(bool accepted);

} // namespace tofmap::net

#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

/// The gate: every byte between this process and another tofmap node passes through it, so that
/// no peer can make CAF allocate more than [cluster] max_message, hold a pending connection for
/// long, or take the descriptors the map needs.
///
/// CAF 0.17.6 cannot be told any of this: its BASP broker allocates whatever payload a header
/// announces (up to 4 GiB, before any authentication), and its acceptor spins on EMFILE. So the
/// project owns its sockets:
///
///     peer ──TCP (TLS)── gate thread ──socketpair── CAF's BASP broker
///
/// - The gate listens on [cluster] listen itself (a coordinator) or connects to [cluster] join
///   (a worker node). TLS, when configured, ends in the gate (OpenSSL, mutual authentication).
/// - Only then does CAF get a connection: one end of a socketpair (for a coordinator through a
///   doorman of ours, handoff.hpp; for a worker as a scribe it connects with). The gate relays the
///   bytes, and checks those the peer sends with basp_guard: a header passes only whole, valid,
///   and with its payload within bounds; the connection is closed otherwise.
/// - A connection that has not completed its handshake (TLS and BASP's) within
///   `handshake_timeout` is closed; at most `max_pending` such connections exist at once (a new
///   one evicts the oldest).
/// - Before each accept the gate checks the descriptors: it keeps `descriptor_reserve` free for the
///   map, the journal and the rescue, and refuses connections (accept and close) while that
///   reserve would be touched, logging it once per episode, not per connection. EMFILE from
///   accept is handled with a spare descriptor, so the listening socket never spins.
/// - The gate's own buffers are bounded (`buffer` bytes per direction and connection): a peer that
///   does not read stops the relay of its own connection, nothing else.
///
/// Memory per connection is therefore bounded by max_message (CAF's buffer for the message being
/// read) plus two gate buffers, before and after the peer has said anything valid.
namespace tofmap::net {

class tls_context;

struct gate_options {
  /// Largest payload of a message after the handshake, bytes ([cluster] max_message).
  uint32_t max_message = 1u << 20;
  /// TLS for every connection; null: plain TCP.
  std::shared_ptr<const tls_context> tls;
  /// Time a new connection has for its TLS and BASP handshakes.
  std::chrono::milliseconds handshake_timeout{5000};
  /// Connections accepted but not through their handshake, at most.
  std::size_t max_pending = 64;
  /// Descriptors never used for connections.
  std::size_t descriptor_reserve = 32;
  /// Bytes the gate buffers per direction and connection.
  std::size_t buffer = 256 * 1024;
  /// Events, one line each (first of each kind, then counted; a TLS refusal with its reason,
  /// each reason 3 times and then once a minute, saying how many were held back); empty for
  /// silence.
  std::function<void(const std::string&)> log;
};

/// What the gate did, for logs, timing and tests.
struct gate_stats {
  uint64_t accepted = 0;    ///< connections accepted on the listening socket
  uint64_t handed_over = 0; ///< connections given to CAF
  uint64_t handshakes = 0;  ///< connections through their handshake
  uint64_t timed_out = 0;   ///< closed: no handshake within handshake_timeout
  uint64_t evicted = 0;     ///< closed: more than max_pending connections pending
  uint64_t bad_stream = 0;  ///< closed: a header BASP or the bounds do not allow
  uint64_t tls_failed = 0;  ///< closed: the TLS handshake failed
  uint64_t refused = 0;     ///< closed at once: the descriptor reserve was reached
  uint64_t bytes_in = 0;    ///< bytes passed from peers to CAF
  uint64_t bytes_out = 0;   ///< bytes passed from CAF to peers
};

class gate {
public:
  explicit gate(gate_options options);
  /// Closes every connection and stops the thread.
  ~gate();
  gate(const gate&) = delete;
  gate& operator=(const gate&) = delete;

  /// Listens on host:port (port 0: any free port; host "0.0.0.0": every interface) and returns the
  /// port; connections wait in the backlog until accept(). With `loopback_only` it binds only a
  /// loopback address host resolves to (see addresses.hpp), never one other machines reach.
  /// Throws std::runtime_error when it cannot listen.
  uint16_t listen(const std::string& host, uint16_t port, bool loopback_only = false);

  /// Accepts connections on the listening socket. Each one, once through TLS, goes to `handoff`
  /// as the CAF end of a socketpair (called on the gate's thread): it returns 0 when it took the
  /// descriptor, EAGAIN when CAF is busy (the gate tries again on its next round; the connection
  /// stays pending meanwhile), another errno when it cannot (the connection is closed).
  void accept(std::function<int(int)> handoff);

  /// (fd, error, reached): the CAF end of a connection, or -1 and why not; `reached` says that a
  /// TCP connection to the peer was made (so the address and the network are right).
  using connect_callback = std::function<void(int fd, const std::string& error, bool reached)>;

  /// Connects to host:port within `timeout`, through TLS if configured, and calls `done` on the
  /// gate's thread: with the CAF end of a socketpair relayed to the peer, or with -1 and why not.
  /// If the peer ends a connection handed over before its first message (the BASP handshake)
  /// has passed — it refused this node's certificate, it speaks TLS and this node does not, ... —
  /// `done` is called once more, with -1 and why, before CAF sees its end close.
  void connect(const std::string& host, uint16_t port, std::chrono::milliseconds timeout,
               connect_callback done);

  gate_stats stats() const;

  /// A line that sums up what the gate refused or closed, or empty if nothing.
  std::string summary() const;

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// Raises the soft limit on open descriptors to the hard limit; returns the new soft limit.
std::size_t raise_descriptor_limit();

/// Descriptors this process has open now.
std::size_t open_descriptors();

} // namespace tofmap::net

#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "actors/net/basp_guard.hpp"
#include "actors/net/stream_io.hpp"

/// The bytes of one connection, between the peer's socket ("outer", through TLS if the connection
/// has a session) and the gate's end of the socketpair whose other end CAF has ("inner"). What the
/// peer sends passes basp_guard first; each direction holds at most `buffer` bytes (plus one read),
/// so a side that does not read stops its own connection and nothing else.
namespace tofmap::net {

class tls_session;

class relay {
public:
  enum class outcome {
    open,         ///< bytes may move again later
    finished,     ///< a side ended and all it sent has passed on (or the other side is gone)
    bad_stream,   ///< the peer sent what the guard does not let pass: error() says what
    tls_from_peer ///< the peer's first bytes are TLS, and this connection speaks none
  };

  /// `tls`: the session on `outer`, or null for plain TCP (not owned; must outlive the relay).
  relay(int outer, tls_session* tls, int inner, sender_role sender, uint32_t max_message,
        std::size_t buffer);

  /// Moves what can move without blocking, once each way (peer → CAF, CAF → peer), reading
  /// through `scratch`.
  outcome pump(char* scratch, std::size_t size);

  /// The epoll events each side waits for now (EPOLLIN, EPOLLOUT).
  uint32_t outer_events() const;
  uint32_t inner_events() const;

  /// The peer's first message (BASP's handshake) has passed.
  bool handshake_done() const { return guard_.handshake_done(); }

  /// One side has ended: what is left has a little time to pass on.
  bool half_closed() const { return outer_eof_ || inner_eof_; }

  /// Bytes read from the peer so far.
  uint64_t received() const { return received_; }

  /// Bytes read from the peer and bytes sent to it since the last call (then zero).
  uint64_t take_bytes_in() { return take(bytes_in_); }
  uint64_t take_bytes_out() { return take(bytes_out_); }

  /// Changes whenever bytes moved or a side ended.
  uint64_t progress() const;

  /// Why the peer was refused (bad_stream).
  const std::string& error() const { return error_; }

private:
  /// A buffer and how much of it has been sent.
  struct queue {
    std::string bytes;
    std::size_t at = 0;
    std::size_t size() const { return bytes.size() - at; }
    void compact();
  };

  outcome read_outer(char* scratch, std::size_t size);
  bool write_inner();
  void read_inner(char* scratch, std::size_t size);
  bool write_outer();
  io_result read_peer(char* buf, std::size_t size);
  io_result write_peer(const char* data, std::size_t size);
  static uint64_t take(uint64_t& n);

  int outer_;
  int inner_;
  tls_session* tls_;
  std::size_t buffer_;
  basp_guard guard_;
  queue to_inner_; // checked bytes of the peer, for CAF
  queue to_outer_; // CAF's bytes, for the peer
  bool outer_eof_ = false;
  bool inner_eof_ = false;
  bool wants_write_ = false; // TLS must write before it can read
  uint64_t received_ = 0;
  uint64_t bytes_in_ = 0;
  uint64_t bytes_out_ = 0;
  std::string error_;
};

} // namespace tofmap::net

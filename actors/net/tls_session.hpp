#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "actors/net/stream_io.hpp"
#include "actors/net/tls.hpp"

/// One TLS session of the gate on a connected, non-blocking socket: its handshake driven a step at
/// a time, then reads and writes of the decrypted stream. A failed handshake or a session the peer
/// ends with an alert says why in words (tls_failure in tls.hpp); as the server, a peer that does
/// not speak TLS is told so with a protocol_version alert.
namespace tofmap::net {

class tls_session {
public:
  enum class step {
    done,       ///< the handshake is through: read and write
    want_read,  ///< wait until the socket is readable, then step again
    want_write, ///< wait until the socket is writable, then step again
    failed      ///< the handshake failed: failure() says why
  };

  /// A session on `fd` (not owned) in the context's role; null, and why in `error`, if OpenSSL
  /// cannot make one.
  static std::unique_ptr<tls_session> make(const tls_context& ctx, int fd, std::string& error);

  ~tls_session();
  tls_session(const tls_session&) = delete;
  tls_session& operator=(const tls_session&) = delete;

  /// One step of the handshake (call it on the thread that drives the session: the reasons of a
  /// failure are read from this thread's OpenSSL error queue).
  step handshake();

  /// Decrypted bytes of the peer. `closed` when the peer ended the session or it broke; if it ended
  /// it with an alert (e.g. it refused this side's certificate), failure() says why.
  io_result read(char* buf, std::size_t size);

  /// Encrypts and sends; `again` when the socket cannot take more now.
  io_result write(const char* data, std::size_t size);

  /// Why the handshake failed, or why the peer ended the session; empty if neither.
  const std::string& failure() const { return failure_; }

private:
  tls_session(ssl_st* ssl, int fd, tls_context::side side);

  ssl_st* ssl_;
  int fd_;
  tls_context::side side_;
  std::string failure_;
};

} // namespace tofmap::net

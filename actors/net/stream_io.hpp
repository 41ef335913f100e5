#pragma once

#include <cstddef>

/// Non-blocking reads and writes as the gate's parts (relay.hpp, tls_session.hpp) see them: bytes
/// moved, nothing to do now, or the end of the stream.
namespace tofmap::net {

struct io_result {
  enum status_t {
    moved,      ///< `n` bytes were read or written
    again,      ///< nothing now: wait until the descriptor is ready
    want_write, ///< nothing now: TLS must write first (wait until the descriptor is writable)
    closed      ///< the end of the stream, or an error: nothing more will move
  };
  status_t status = again;
  std::size_t n = 0;
};

/// recv on a non-blocking socket (EINTR retried; 0 bytes read is the end of the stream).
io_result read_some(int fd, char* buf, std::size_t size);

/// send on a non-blocking socket, without SIGPIPE (EINTR retried).
io_result write_some(int fd, const char* data, std::size_t size);

} // namespace tofmap::net

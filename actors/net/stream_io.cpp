#include "actors/net/stream_io.hpp"

#include <cerrno>

#include <sys/socket.h>

namespace tofmap::net {

namespace {

io_result outcome(ssize_t n) {
  if (n > 0)
    return {io_result::moved, static_cast<std::size_t>(n)};
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
    return {io_result::again, 0};
  return {io_result::closed, 0};
}

} // namespace

io_result read_some(int fd, char* buf, std::size_t size) {
  for (;;) {
    const auto n = ::recv(fd, buf, size, 0);
    if (n < 0 && errno == EINTR)
      continue;
    return outcome(n);
  }
}

io_result write_some(int fd, const char* data, std::size_t size) {
  for (;;) {
    const auto n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR)
      continue;
    return outcome(n);
  }
}

} // namespace tofmap::net

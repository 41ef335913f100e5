#include "actors/net/acceptor.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "actors/net/addresses.hpp"

namespace tofmap::net {

namespace {

int open_spare() {
  return ::open("/dev/null", O_RDONLY | O_CLOEXEC);
}

/// A listening socket on `ai`, or -1 with why not in `error`.
int listen_at(const addrinfo& ai, std::string& error) {
  const int fd = ::socket(ai.ai_family, ai.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    error = std::strerror(errno);
    return -1;
  }
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (::bind(fd, ai.ai_addr, ai.ai_addrlen) != 0 || ::listen(fd, SOMAXCONN) != 0) {
    error = std::strerror(errno);
    ::close(fd);
    return -1;
  }
  return fd;
}

uint16_t port_of(int fd) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  return addr.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port)
                                    : ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
}

} // namespace

int open_listener(const std::string& host, uint16_t port, bool loopback_only, uint16_t& actual) {
  const auto addresses = listen_addresses(host, port);
  std::string error = "no address";
  int fd = -1;
  for (auto* ai = addresses.get(); ai != nullptr && fd < 0; ai = ai->ai_next) {
    if (loopback_only && !is_loopback(ai->ai_addr))
      error = address_text(ai->ai_addr) + " is not a loopback address";
    else
      fd = listen_at(*ai, error);
  }
  if (fd < 0)
    throw std::runtime_error(error);
  actual = port_of(fd);
  return fd;
}

acceptor::acceptor() : spare_(open_spare()) {
  // nop
}

acceptor::~acceptor() {
  close();
  if (spare_ >= 0)
    ::close(spare_);
}

void acceptor::listen_on(int fd) {
  close();
  fd_ = fd;
}

void acceptor::close() {
  if (fd_ >= 0)
    ::close(fd_);
  fd_ = -1;
}

int acceptor::accept(sockaddr_storage& addr) {
  socklen_t len = sizeof addr;
  return ::accept4(fd_, reinterpret_cast<sockaddr*>(&addr), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

bool acceptor::refuse_one() {
  int fd = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
  if (fd < 0 && (errno == EMFILE || errno == ENFILE) && spare_ >= 0) {
    ::close(spare_);
    fd = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd >= 0)
      ::close(fd); // first: the spare needs the slot back
    spare_ = open_spare();
    return fd >= 0;
  }
  if (fd < 0)
    return false;
  ::close(fd);
  return true;
}

} // namespace tofmap::net

#pragma once

#include <cstdint>
#include <string>

struct sockaddr_storage;

/// The gate's listening socket, and the spare descriptor that keeps it from spinning on EMFILE.
namespace tofmap::net {

/// Makes a non-blocking listening socket on host:port (port 0: any free port; host "0.0.0.0":
/// every interface) and sets `actual` to its port. With `loopback_only` it binds only a loopback
/// address host resolves to. Throws std::runtime_error saying why it cannot listen.
int open_listener(const std::string& host, uint16_t port, bool loopback_only, uint16_t& actual);

class acceptor {
public:
  /// Opens the spare descriptor (/dev/null).
  acceptor();
  /// Closes the listening socket and the spare.
  ~acceptor();
  acceptor(const acceptor&) = delete;
  acceptor& operator=(const acceptor&) = delete;

  /// Takes a listening socket (from open_listener).
  void listen_on(int fd);

  /// The listening socket, or -1.
  int fd() const { return fd_; }

  /// Closes the listening socket: no more connections.
  void close();

  /// One connection, non-blocking, its address in `addr`; -1 and errno (EAGAIN when none waits,
  /// EMFILE when the process has no descriptor left).
  int accept(sockaddr_storage& addr);

  /// Accepts one connection and closes it at once — with the spare descriptor, closed for that
  /// moment, when the process has none left, so that a connection never stays in the backlog to
  /// wake the gate again and again. False if none was waiting.
  bool refuse_one();

private:
  int fd_ = -1;
  int spare_ = -1;
};

} // namespace tofmap::net

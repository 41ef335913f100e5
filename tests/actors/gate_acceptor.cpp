#define CAF_SUITE actors.gate_acceptor

#include "caf/test/unit_test.hpp"

#include <cerrno>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "actors/net/acceptor.hpp"
#include "actors/net/poller.hpp"

// The gate's listening socket (refusing a connection empties the backlog, even when the process
// has no descriptor left) and its wait for descriptors (what is ready comes back with its data, and
// another thread can end a wait).

using namespace tofmap::net;

namespace {

/// A blocking client connected to 127.0.0.1:port (the connection waits in the backlog).
int connect_to(uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  CAF_REQUIRE_EQUAL(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  return fd;
}

/// Whether the peer closed `fd` (blocking read of 0 bytes).
bool closed_by_peer(int fd) {
  char c = 0;
  return ::recv(fd, &c, 1, 0) == 0;
}

struct listening {
  acceptor acc;
  uint16_t port = 0;
  listening() { acc.listen_on(open_listener("127.0.0.1", 0, false, port)); }
};

} // namespace

CAF_TEST(a refused connection is accepted and closed at once) {
  listening l;
  CAF_CHECK(l.port != 0);
  CAF_CHECK(!l.acc.refuse_one()); // nothing waiting
  const int client = connect_to(l.port);
  CAF_CHECK(l.acc.refuse_one());
  CAF_CHECK(closed_by_peer(client));
  CAF_CHECK(!l.acc.refuse_one());
  ::close(client);
}

CAF_TEST(an accepted connection comes with its address and is non - blocking) {
  listening l;
  const int client = connect_to(l.port);
  sockaddr_storage addr{};
  const int fd = l.acc.accept(addr);
  CAF_REQUIRE(fd >= 0);
  CAF_CHECK_EQUAL(addr.ss_family, AF_INET);
  char c = 0;
  CAF_CHECK(::recv(fd, &c, 1, 0) < 0 && errno == EAGAIN);
  CAF_CHECK(l.acc.accept(addr) < 0 && errno == EAGAIN);
  ::close(fd);
  ::close(client);
}

CAF_TEST(with no descriptor left the spare one still empties the backlog) {
  listening l;
  const int client = connect_to(l.port);
  rlimit saved{};
  CAF_REQUIRE_EQUAL(::getrlimit(RLIMIT_NOFILE, &saved), 0);
  std::vector<int> filler;
  rlimit low = saved;
  low.rlim_cur = 256;
  CAF_REQUIRE_EQUAL(::setrlimit(RLIMIT_NOFILE, &low), 0);
  for (int fd; (fd = ::dup(client)) >= 0;)
    filler.push_back(fd);
  sockaddr_storage addr{};
  const bool emfile = l.acc.accept(addr) < 0 && errno == EMFILE;
  const bool refused = l.acc.refuse_one();
  const bool still_full = ::dup(client) < 0 && errno == EMFILE; // the spare is back
  for (int fd : filler)
    ::close(fd);
  ::setrlimit(RLIMIT_NOFILE, &saved);
  CAF_CHECK(!filler.empty());
  CAF_CHECK(emfile);
  CAF_CHECK(refused);
  CAF_CHECK(still_full);
  CAF_CHECK(closed_by_peer(client));
  ::close(client);
}

CAF_TEST(a loopback only listener binds no address others can reach) {
  uint16_t port = 0;
  try {
    open_listener("0.0.0.0", 0, true, port);
    CAF_FAIL("listened on 0.0.0.0");
  } catch (const std::runtime_error& e) {
    CAF_CHECK_EQUAL(std::string{e.what()}, "0.0.0.0:0 is not a loopback address");
  }
  const int fd = open_listener("127.0.0.1", 0, true, port);
  CAF_CHECK(fd >= 0 && port != 0);
  ::close(fd);
}

CAF_TEST(the poller returns what is ready with its data) {
  poller p;
  int pair[2];
  CAF_REQUIRE_EQUAL(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, pair), 0);
  uint32_t current = 0;
  p.watch(pair[0], current, 42);
  CAF_CHECK_EQUAL(::write(pair[1], "x", 1), 1);
  std::vector<std::pair<uint64_t, uint32_t>> ready;
  p.wait(0, ready);
  CAF_CHECK(ready.empty()); // watched for nothing yet
  p.rewatch(pair[0], current, EPOLLIN, 42);
  CAF_CHECK_EQUAL(current, static_cast<uint32_t>(EPOLLIN));
  p.wait(-1, ready);
  CAF_REQUIRE_EQUAL(ready.size(), 1u);
  CAF_CHECK_EQUAL(ready[0].first, 42u);
  CAF_CHECK((ready[0].second & EPOLLIN) != 0);
  p.forget(pair[0]);
  p.wait(0, ready);
  CAF_CHECK(ready.empty());
  ::close(pair[0]);
  ::close(pair[1]);
}

CAF_TEST(a wake from another thread ends a wait without events) {
  poller p;
  std::thread other{[&p] { p.wake(); }};
  std::vector<std::pair<uint64_t, uint32_t>> ready{{1, 1}};
  p.wait(-1, ready); // forever, but for the wake
  other.join();
  CAF_CHECK(ready.empty());
  p.wait(0, ready); // the wake was consumed
  CAF_CHECK(ready.empty());
}

#define CAF_SUITE actors.gate_tls_refusal

#include "caf/test/unit_test.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "actors/net/certs.hpp"
#include "actors/net/gate.hpp"
#include "actors/net/tls.hpp"
#include "actors/net/tls_session.hpp"

// A TLS coordinator's gate that refuses a node's certificate, seen from the node's socket. With
// TLS 1.3 the node's handshake is through before the coordinator has checked its certificate, so
// the node sends its first message at once; the gate must still let it read the alert that says
// why: it shuts its side, reads and drops what the node sends, and closes only when the node has
// closed or its linger time (2 s) has passed. Closing at once with those bytes unread would reset
// the connection, and the node's next write would fail before it had read the alert.

using namespace tofmap::net;
using tofmap::tls_settings;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

using step = tls_session::step;

struct fixture {
  fs::path dir;
  std::unique_ptr<gate> coordinator;
  std::shared_ptr<tls_context> coordinator_tls;
  std::unique_ptr<tls_context> stranger; // a node with a certificate of another CA
  uint16_t port = 0;
  int fd = -1; // the stranger's socket

  fixture() {
    std::string pattern = (fs::temp_directory_path() / "tofmap-gate-refusal-XXXXXX").string();
    CAF_REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    dir = pattern;
    const auto ours = make_certificates((dir / "ours").string(), 1);
    const auto theirs = make_certificates((dir / "theirs").string(), 1);
    using side = tls_context::side;
    coordinator_tls = std::make_shared<tls_context>(side::server,
                                                    tls_settings{ours.ca_cert, ours.node_certs[0],
                                                                 ours.node_keys[0], ""});
    stranger = std::make_unique<tls_context>(side::client,
                                             tls_settings{ours.ca_cert, theirs.node_certs[0],
                                                          theirs.node_keys[0], ""});
    gate_options opt;
    opt.tls = coordinator_tls;
    coordinator = std::make_unique<gate>(opt);
    port = coordinator->listen("127.0.0.1", 0, true);
    coordinator->accept([](int caf_end) {
      ::close(caf_end);
      return 0;
    });
  }

  ~fixture() {
    if (fd >= 0)
      ::close(fd);
    coordinator.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }

  void connect_stranger() {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    CAF_REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CAF_REQUIRE_EQUAL(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  }

  /// Waits until `fd` is readable (or 10 s have passed).
  void wait_readable() {
    pollfd p{fd, POLLIN, 0};
    ::poll(&p, 1, 10'000);
  }

  /// Drives the stranger's handshake on its blocking socket: TLS 1.3 lets it finish before the
  /// coordinator has checked its certificate.
  step handshake(tls_session& s) {
    for (int round = 0; round < 100; ++round) {
      const auto st = s.handshake();
      if (st != step::want_read && st != step::want_write)
        return st;
    }
    return step::failed;
  }

  /// Waits until the gate has refused `n` TLS handshakes (at most 10 s).
  bool wait_for_refusals(uint64_t n) {
    for (int i = 0; i < 1000 && coordinator->stats().tls_failed < n; ++i)
      std::this_thread::sleep_for(10ms);
    return coordinator->stats().tls_failed >= n;
  }

  /// Writes 64 KiB of application data; whether all of it went.
  bool write_chunk(tls_session& s) {
    const std::string chunk(64 * 1024, 'x');
    std::size_t at = 0;
    for (int round = 0; round < 1000 && at < chunk.size(); ++round) {
      const auto r = s.write(chunk.data() + at, chunk.size() - at);
      if (r.status == io_result::closed)
        return false;
      at += r.n;
    }
    return at == chunk.size();
  }

  /// What a read of the stranger's session says once the alert is there.
  io_result::status_t read_end(tls_session& s) {
    char buf[256];
    for (int round = 0; round < 100; ++round) {
      wait_readable();
      const auto r = s.read(buf, sizeof buf);
      if (r.status != io_result::again && r.status != io_result::want_write)
        return r.status;
    }
    return io_result::again;
  }
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(gate_tls_refusal_tests, fixture)

CAF_TEST(a refused node can still write and then reads why it was refused) {
  connect_stranger();
  std::string error;
  auto s = tls_session::make(*stranger, fd, error);
  CAF_REQUIRE(s != nullptr);
  CAF_REQUIRE(handshake(*s) == step::done); // TLS 1.3: through before the coordinator checked
  CAF_CHECK(write_chunk(*s));               // its first message, unread by the coordinator
  CAF_REQUIRE(wait_for_refusals(1));
  std::this_thread::sleep_for(100ms); // a reset, if the gate sent one, has arrived by now
  CAF_CHECK(write_chunk(*s));         // the gate drains: no reset
  CAF_CHECK_EQUAL(read_end(*s), io_result::closed);
  CAF_CHECK_NOT_EQUAL(s->failure().find("refused this node's certificate"), std::string::npos);
  CAF_MESSAGE("the node read: " << s->failure());
  CAF_CHECK_EQUAL(coordinator->stats().tls_failed, 1u);
}

CAF_TEST(a refused node that never hangs up is closed after the linger time) {
  const auto before = open_descriptors();
  connect_stranger();
  std::string error;
  auto s = tls_session::make(*stranger, fd, error);
  CAF_REQUIRE(s != nullptr);
  CAF_REQUIRE(handshake(*s) == step::done);
  CAF_REQUIRE(wait_for_refusals(1));
  // The gate's descriptor for the connection is closed within the linger time (2 s), though the
  // node keeps its own open: the gate's count drops back to `before` plus the node's socket.
  bool closed = false;
  for (int i = 0; i < 1000 && !closed; ++i) {
    closed = open_descriptors() <= before + 1;
    std::this_thread::sleep_for(10ms);
  }
  CAF_CHECK(closed);
  char byte = 0;
  wait_readable();
  CAF_CHECK_EQUAL(::recv(fd, &byte, 1, MSG_PEEK), 1); // the alert is there to read
}

CAF_TEST_FIXTURE_SCOPE_END()

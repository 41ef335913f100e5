#define CAF_SUITE actors.gate_relay

#include "caf/test/unit_test.hpp"

#include <cerrno>
#include <string>

#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "actors/net/relay.hpp"

// The gate's relay on two socketpairs, no network: the peer's bytes reach CAF only through the
// guard, CAF's reach the peer, each direction holds at most its buffer while the other side does
// not read, and the relay ends when a side has ended and all it sent has passed.

using namespace tofmap::net;

namespace {

/// A BASP header (32 bytes, network byte order) and its payload, as CAF writes them.
std::string frame(uint8_t op, const std::string& payload, uint32_t length_claimed) {
  std::string out(32, '\0');
  out[0] = static_cast<char>(op);
  for (int i = 0; i < 4; ++i)
    out[4 + static_cast<std::size_t>(i)] = static_cast<char>(length_claimed >> (24 - 8 * i));
  return out + payload;
}

std::string client_handshake() {
  return frame(1, std::string(32, '\x01'), 32);
}

std::string heartbeat() {
  return frame(6, "", 0);
}

/// What is waiting on `fd` (non-blocking).
std::string drain(int fd) {
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;)
    out.append(buf, static_cast<std::size_t>(n));
  return out;
}

/// Bytes in `fd`'s receive queue.
std::size_t unread(int fd) {
  int n = 0;
  CAF_REQUIRE_EQUAL(::ioctl(fd, FIONREAD, &n), 0);
  return static_cast<std::size_t>(n);
}

void send_all(int fd, const std::string& bytes) {
  CAF_REQUIRE_EQUAL(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL),
                    static_cast<ssize_t>(bytes.size()));
}

struct fixture {
  int peer = -1;  // the node on the other side of the network
  int outer = -1; // the gate's socket to it
  int inner = -1; // the gate's end of the socketpair to CAF
  int caf = -1;   // CAF's end
  char scratch[64 * 1024];

  fixture() {
    int a[2];
    int b[2];
    CAF_REQUIRE_EQUAL(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, a), 0);
    CAF_REQUIRE_EQUAL(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, b), 0);
    peer = a[0];
    outer = a[1];
    inner = b[0];
    caf = b[1];
  }

  ~fixture() {
    for (int fd : {peer, outer, inner, caf})
      if (fd >= 0)
        ::close(fd);
  }

  relay make(std::size_t buffer = 256 * 1024) {
    return relay{outer, nullptr, inner, sender_role::client, 1 << 20, buffer};
  }

  relay::outcome pump(relay& r) { return r.pump(scratch, sizeof scratch); }
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(gate_relay_tests, fixture)

CAF_TEST(the messages of a node reach CAF unchanged and those of CAF reach the node) {
  auto r = make();
  const auto stream = client_handshake() + heartbeat() + heartbeat();
  send_all(peer, stream);
  CAF_CHECK(r.pump(scratch, 7) == relay::outcome::open); // however small the reads
  CAF_CHECK_EQUAL(drain(caf), stream);
  CAF_CHECK(r.handshake_done());
  CAF_CHECK_EQUAL(r.received(), stream.size());
  CAF_CHECK_EQUAL(r.take_bytes_in(), stream.size());
  CAF_CHECK_EQUAL(r.take_bytes_in(), 0u);
  send_all(caf, "the coordinator's answer");
  CAF_CHECK(pump(r) == relay::outcome::open);
  CAF_CHECK_EQUAL(drain(peer), "the coordinator's answer");
  CAF_CHECK_EQUAL(r.take_bytes_out(), 24u);
  CAF_CHECK_EQUAL(r.outer_events(), static_cast<uint32_t>(EPOLLIN));
  CAF_CHECK_EQUAL(r.inner_events(), static_cast<uint32_t>(EPOLLIN));
}

CAF_TEST(a header the guard refuses stops the stream and nothing of it reaches CAF) {
  auto r = make();
  send_all(peer, client_handshake() + frame(2, "", 0xffffffffu));
  CAF_CHECK(pump(r) == relay::outcome::bad_stream);
  CAF_CHECK(r.error().find("4294967295 bytes") != std::string::npos);
  CAF_CHECK_EQUAL(drain(caf), "");
}

CAF_TEST(the first bytes of a TLS peer on a plain connection are reported not passed) {
  auto r = make();
  send_all(peer, std::string{"\x16\x03\x01\x00\x05hello", 10});
  CAF_CHECK(pump(r) == relay::outcome::tls_from_peer);
  CAF_CHECK_EQUAL(r.take_bytes_in(), 10u);
  CAF_CHECK_EQUAL(r.received(), 0u);
  CAF_CHECK_EQUAL(drain(caf), "");
}

CAF_TEST(a peer that does not read stops only the direction to it and at the buffer) {
  auto r = make(1024);
  send_all(peer, client_handshake());
  const std::string block(4096, 'c');
  std::size_t written = 0;
  for (int i = 0; i < 1000 && (r.inner_events() & EPOLLIN) != 0; ++i) {
    for (ssize_t n; (n = ::send(caf, block.data(), block.size(), MSG_NOSIGNAL)) > 0;)
      written += static_cast<std::size_t>(n); // CAF sends all it can
    CAF_CHECK(pump(r) == relay::outcome::open);
  }
  CAF_CHECK_EQUAL(r.inner_events() & EPOLLIN, 0u); // no more of CAF's bytes taken
  CAF_CHECK((r.outer_events() & EPOLLOUT) != 0);   // waiting for the peer to read
  CAF_CHECK((r.outer_events() & EPOLLIN) != 0);    // the peer's own bytes still pass
  const auto held = written - unread(inner) - unread(peer);
  CAF_CHECK(held >= 1024);
  CAF_CHECK(held <= 1024 + sizeof scratch); // the buffer and one read
  send_all(peer, heartbeat());
  CAF_CHECK(pump(r) == relay::outcome::open);
  CAF_CHECK_EQUAL(drain(caf), client_handshake() + heartbeat());
  std::size_t received = 0;
  for (int i = 0; i < 100000 && received < written; ++i) {
    received += drain(peer).size();
    CAF_CHECK(pump(r) == relay::outcome::open);
  }
  CAF_CHECK_EQUAL(received, written); // nothing lost, nothing added
}

CAF_TEST(the relay finishes when a side has ended and what it sent has passed) {
  auto r = make();
  send_all(peer, client_handshake());
  ::shutdown(peer, SHUT_WR);
  CAF_CHECK(pump(r) == relay::outcome::finished);
  CAF_CHECK_EQUAL(drain(caf), client_handshake());
}

CAF_TEST(the relay finishes when CAF has closed its end) {
  auto r = make();
  ::close(caf);
  caf = -1;
  send_all(peer, client_handshake());
  CAF_CHECK(pump(r) == relay::outcome::finished); // nothing to pass the bytes on to
}

CAF_TEST_FIXTURE_SCOPE_END()

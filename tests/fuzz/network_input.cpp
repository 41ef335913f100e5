// libFuzzer target: what a peer sends a coordinator after the BASP handshake.
//
// One coordinator (the reference model on a 300 × 300 map) is published through the network gate
// on 127.0.0.1, as `tofmap coordinator` does. Each input is one connection: a well-formed BASP
// client handshake (a fresh node id), the server's handshake read back, then the input's bytes,
// then the connection is closed. The bytes go through the gate's check and, if it passes them,
// CAF's BASP broker and deserializer and the coordinator's handlers. A bug is a crash, a
// sanitizer report, a hang (-timeout), unbounded memory (-rss_limit_mb), or a coordinator that is
// no longer there or no longer answers a handshake.
//
// `-make_seeds=DIR` writes seed inputs — the messages a worker node really sends (hello, ready,
// results with ±inf, NaN and -0, a model mismatch, heartbeats), serialized by CAF — and exits.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "caf/all.hpp"
#include "caf/binary_serializer.hpp"
#include "caf/io/all.hpp"
#include "caf/io/basp/header.hpp"

#include "actors/coordinator/coordinator.hpp"
#include "actors/net/gate.hpp"
#include "actors/net/handoff.hpp"
#include "actors/protocol/messages.hpp"
#include "actors/runtime.hpp"

namespace {

using caf::io::basp::header;
using caf::io::basp::message_type;

struct harness {
  std::shared_ptr<const tofmap::run_config> config;
  caf::actor_system_config cfg;
  std::unique_ptr<tofmap::net::gate> gate; // outlives the actor system
  std::unique_ptr<caf::actor_system> sys;
  tofmap::coordinator_hdl coordinator;
  uint16_t port = 0;
  uint32_t connections = 0;
};

harness* h = nullptr;

std::string frame(caf::actor_system& sys, message_type op, const std::string& payload,
                  uint8_t flags = 0, uint64_t source = 0, uint64_t dest = 0) {
  header hdr{op, flags, static_cast<uint32_t>(payload.size()), 0, source, dest};
  if (op == message_type::direct_message)
    hdr.operation_data = caf::message_id::default_async_value;
  std::vector<char> buf;
  caf::binary_serializer sink{sys, buf};
  if (sink(hdr))
    std::abort();
  return std::string{buf.begin(), buf.end()} + payload;
}

/// A direct message from actor `source` to the coordinator.
std::string direct(caf::actor_system& sys, uint64_t source, caf::message msg) {
  std::vector<char> buf;
  caf::binary_serializer sink{sys, buf};
  std::vector<caf::strong_actor_ptr> stack;
  if (sink(stack, msg))
    std::abort();
  return frame(sys, message_type::direct_message, std::string{buf.begin(), buf.end()}, 0, source,
               h->coordinator.id());
}

/// A node id as CAF 0.17.6 writes it: its tag, a process id and a 20-byte host id.
std::string node_id(uint32_t n) {
  std::string id = std::string{"\x00\x00\x3e\x9a\xab\x9b\xac\x79", 8};
  const uint32_t pid = htonl(4242);
  id.append(reinterpret_cast<const char*>(&pid), 4);
  std::string host(20, '\x5a');
  std::memcpy(host.data(), &n, sizeof n);
  return id + host;
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out{path, std::ios::binary};
  out << bytes;
}

void make_seeds(const std::string& dir) {
  auto& sys = *h->sys;
  tofmap::node_hello hello;
  hello.host = "seed";
  hello.pid = 4242;
  hello.workers = 1;
  hello.heartbeat_ms = h->config->cluster.heartbeat.count();
  hello.timeout_ms = h->config->cluster.timeout.count();
  tofmap::task_result r;
  r.id = 0;
  r.count = 1;
  for (double x : {std::numeric_limits<double>::infinity(), -0.0,
                   std::numeric_limits<double>::quiet_NaN(), 1.5, 2.5})
    r.values.push_back(tofmap::to_bits(x));
  r.status = std::string(1, '\0');
  const auto hello_frame = direct(sys, 11, caf::make_message(hello));
  const auto ready_frame = direct(sys, 12, caf::make_message(tofmap::ready_atom_v, int32_t{0}));
  const auto result_frame = direct(sys, 12, caf::make_message(r));
  const auto heartbeat = frame(sys, message_type::heartbeat, "");
  write_file(dir + "/hello", hello_frame);
  write_file(dir + "/ready", ready_frame);
  write_file(dir + "/result", result_frame);
  write_file(dir + "/mismatch",
             direct(sys, 11,
                    caf::make_message(
                      tofmap::model_mismatch{0, tofmap::join_error::model_hash_differs, "seed"})));
  write_file(dir + "/heartbeats", heartbeat + heartbeat);
  write_file(dir + "/session", hello_frame + ready_frame + result_frame + heartbeat);
}

bool read_exactly(int fd, char* buf, std::size_t n) {
  while (n > 0) {
    const auto k = ::recv(fd, buf, n, 0);
    if (k <= 0)
      return false;
    buf += k;
    n -= static_cast<std::size_t>(k);
  }
  return true;
}

bool send_all(int fd, const char* p, std::size_t n) {
  while (n > 0) {
    const auto k = ::send(fd, p, n, MSG_NOSIGNAL);
    if (k <= 0)
      return false;
    p += k;
    n -= static_cast<std::size_t>(k);
  }
  return true;
}

/// A connection through BASP's handshake; -1 if the coordinator does not answer.
int handshaken_connection() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(h->port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const auto hs = frame(*h->sys, message_type::client_handshake, node_id(++h->connections));
  char hdr[32];
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0
      || !send_all(fd, hs.data(), hs.size()) || !read_exactly(fd, hdr, sizeof hdr)) {
    ::close(fd);
    return -1;
  }
  uint32_t length = 0;
  std::memcpy(&length, hdr + 4, 4);
  std::vector<char> payload(ntohl(length));
  if (hdr[0] != 0 || payload.size() > 65536 || !read_exactly(fd, payload.data(), payload.size())) {
    ::close(fd);
    return -1;
  }
  return fd;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  h = new harness;
  auto config = tofmap::read_config(TOFMAP_SOURCE_DIR "/configs/co_oxidation.ini",
                                    {"--map.x=p(CO_g) 1e-5 0.5 300", "--map.y=p(O2_g) 1e-5 0.5 300",
                                     "--cluster.listen=127.0.0.1:0"});
  h->config = std::make_shared<const tofmap::run_config>(config);
  tofmap::configure_system(h->cfg, config, true);
  tofmap::net::gate_options gate_opts;
  gate_opts.max_message = tofmap::coordinator_max_message(config);
  h->gate = std::make_unique<tofmap::net::gate>(std::move(gate_opts));
  h->sys = std::make_unique<caf::actor_system>(h->cfg);
  tofmap::coordinator_options opts;
  opts.config = h->config;
  opts.progress_interval = caf::timespan{0};
  opts.on_complete = [](tofmap::coordinator_result&) { return true; };
  h->coordinator = tofmap::spawn_coordinator(*h->sys, opts);
  h->port = h->gate->listen("127.0.0.1", 0);
  h->gate->accept(tofmap::net::publish_through_gate(*h->sys,
                                                    caf::actor_cast<caf::actor>(h->coordinator),
                                                    h->port));
  for (int i = 1; i < *argc; ++i) {
    const std::string arg = (*argv)[i];
    if (arg.rfind("-make_seeds=", 0) == 0) {
      make_seeds(arg.substr(12));
      std::_Exit(0);
    }
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  int fd = handshaken_connection();
  if (fd < 0)
    fd = handshaken_connection(); // once more: a node id may still be in use for a moment
  if (fd < 0) {
    std::cerr << "the coordinator does not answer a BASP handshake any more\n";
    std::abort();
  }
  send_all(fd, reinterpret_cast<const char*>(data), size);
  ::shutdown(fd, SHUT_WR);
  char buf[4096];
  timeval tv{0, 200000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  while (::recv(fd, buf, sizeof buf, 0) > 0) {
    // drain until the gate hangs up or 200 ms pass
  }
  ::close(fd);
  if (h->coordinator->getf(caf::abstract_actor::is_terminated_flag)) {
    std::cerr << "the coordinator terminated\n";
    std::abort();
  }
  return 0;
}

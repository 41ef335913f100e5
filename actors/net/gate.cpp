#include "actors/net/gate.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include <netdb.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include "actors/net/acceptor.hpp"
#include "actors/net/addresses.hpp"
#include "actors/net/admission.hpp"
#include "actors/net/closing.hpp"
#include "actors/net/connections.hpp"
#include "actors/net/poller.hpp"

// The gate's loop only wires its parts: the acceptor and the admission policy decide who gets in,
// `connections` takes each one through its TLS session and its relay to its close, and the close
// log and the counters account for them. Commands from other threads (listen, accept, connect) run
// on the gate's thread, between two waits.

namespace tofmap::net {

namespace {

using clock = std::chrono::steady_clock;

constexpr auto never = clock::time_point::max();

/// How long a stopping gate lets its connections pass on what they have buffered.
constexpr auto linger = std::chrono::seconds{2};

admission_policy::limits limits_of(const gate_options& opt) {
  return {opt.max_pending, opt.descriptor_reserve, raise_descriptor_limit(), opt.handshake_timeout};
}

} // namespace

// -- descriptors ---------------------------------------------------------------------------------

std::size_t raise_descriptor_limit() {
  rlimit lim{};
  if (::getrlimit(RLIMIT_NOFILE, &lim) != 0)
    return 1024;
  if (lim.rlim_cur < lim.rlim_max) {
    lim.rlim_cur = lim.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &lim);
    ::getrlimit(RLIMIT_NOFILE, &lim);
  }
  if (lim.rlim_cur == RLIM_INFINITY)
    return 1u << 20;
  return static_cast<std::size_t>(lim.rlim_cur);
}

std::size_t open_descriptors() {
  std::error_code ec;
  std::size_t n = 0;
  for (std::filesystem::directory_iterator i{"/proc/self/fd", ec}, end; !ec && i != end;
       i.increment(ec))
    ++n;
  return n > 0 ? n - 1 : 0; // without the iterator's own
}

// -- the gate ------------------------------------------------------------------------------------

struct gate::impl {
  gate_options opt;
  poller poll;
  acceptor listener;
  admission_policy admission;
  close_log log;
  gate_counters counters;
  connections conns;

  std::mutex mtx; // guards commands and stopping
  std::vector<std::function<void()>> commands;
  bool stopping = false;

  std::thread thread;

  explicit impl(gate_options o)
    : opt(std::move(o)), admission(limits_of(opt), open_descriptors, clock::now()), log(opt.log),
      conns(opt, poll, admission, log, counters) {
    thread = std::thread{[this] { run(); }};
  }

  ~impl() {
    {
      std::lock_guard<std::mutex> guard{mtx};
      stopping = true;
    }
    poll.wake();
    thread.join();
  }

  void post(std::function<void()> f) {
    {
      std::lock_guard<std::mutex> guard{mtx};
      commands.push_back(std::move(f));
    }
    poll.wake();
  }

  void run() {
    std::vector<std::pair<uint64_t, uint32_t>> ready;
    auto drain_until = never;
    for (;;) {
      auto todo = take_commands(drain_until);
      if (drain_until != never && (conns.empty() || clock::now() >= drain_until))
        return;
      for (auto& f : todo)
        f();
      poll.wait(wait_ms(), ready);
      for (const auto& [data, events] : ready) {
        if ((data & 3) == listen_tag)
          accept_all();
        else
          conns.ready(data, events);
      }
      conns.retry_handoffs();
      conns.expire(clock::now());
    }
  }

  /// The commands posted so far. Once stopping: stop accepting, and let the connections pass on
  /// what they hold (CAF, shut down before the gate, closes its ends after its last bytes, e.g.
  /// the coordinator's done) until `drain_until`.
  std::vector<std::function<void()>> take_commands(clock::time_point& drain_until) {
    std::lock_guard<std::mutex> guard{mtx};
    if (stopping && drain_until == never) {
      drain_until = clock::now() + linger;
      if (listener.fd() >= 0) {
        poll.forget(listener.fd());
        listener.close();
      }
    }
    return std::exchange(commands, {});
  }

  int wait_ms() const {
    // A draining gate looks often, and one with connections CAF has not taken yet more often.
    const auto now = clock::now();
    const auto next = std::min(now + std::chrono::milliseconds{conns.handoffs_waiting() ? 2 : 100},
                               conns.next_deadline());
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(next - now).count();
    return static_cast<int>(std::clamp<long long>(ms, 0, 100));
  }

  void accept_all() {
    for (int round = 0; round < 64; ++round) {
      if (!admission.room_for(3, clock::now())) { // the peer's socket and a socketpair
        if (!refuse_one())
          return; // nothing waiting
        continue;
      }
      sockaddr_storage addr{};
      const int fd = listener.accept(addr);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED)
          continue;
        if ((errno == EMFILE || errno == ENFILE) && refuse_one())
          continue;
        return; // EAGAIN: nothing more
      }
      admission.opened(1);
      counters.count([](gate_stats& s) { ++s.accepted; });
      conns.accepted(fd, address_text(reinterpret_cast<sockaddr*>(&addr)));
    }
  }

  /// Accepts one connection and closes it at once; false if there was none.
  bool refuse_one() {
    if (!listener.refuse_one())
      return false;
    counters.count([](gate_stats& s) { ++s.refused; });
    if (const auto line = admission.refused(clock::now()); !line.empty())
      log.line(line);
    return true;
  }
};

gate::gate(gate_options options) : impl_(std::make_unique<impl>(std::move(options))) {
  // nop
}

gate::~gate() {
  auto s = summary();
  if (!s.empty())
    impl_->log.line(s);
}

uint16_t gate::listen(const std::string& host, uint16_t port, bool loopback_only) {
  uint16_t actual = 0;
  const int fd = open_listener(host, port, loopback_only, actual);
  auto* self = impl_.get();
  self->post([self, fd] { self->listener.listen_on(fd); });
  return actual;
}

void gate::accept(std::function<int(int)> handoff) {
  auto* self = impl_.get();
  self->post([self, handoff = std::move(handoff)]() mutable {
    self->conns.handoff = std::move(handoff);
    if (self->listener.fd() >= 0)
      self->poll.watch(self->listener.fd(), EPOLLIN, listen_tag);
  });
}

void gate::connect(const std::string& host, uint16_t port, std::chrono::milliseconds timeout,
                   connect_callback done) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* res = nullptr;
  const auto service = std::to_string(port);
  if (const int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &res); rc != 0) {
    done(-1, "cannot resolve " + host + ": " + ::gai_strerror(rc), false);
    return;
  }
  sockaddr_storage addr{};
  std::memcpy(&addr, res->ai_addr, res->ai_addrlen);
  const auto len = res->ai_addrlen;
  ::freeaddrinfo(res);
  auto* self = impl_.get();
  self->post(
    [self, addr, len, peer = host + ":" + service, timeout, done = std::move(done)]() mutable {
      self->conns.connect(addr, len, std::move(peer), timeout, std::move(done));
    });
}

gate_stats gate::stats() const {
  return impl_->counters.get();
}

std::string gate::summary() const {
  const auto s = stats();
  std::string out;
  auto add = [&](uint64_t n, const char* what) {
    if (n == 0)
      return;
    out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + what;
  };
  add(s.timed_out, "without a handshake in time");
  add(s.evicted, "evicted (too many pending)");
  add(s.bad_stream, "sent what BASP or max_message does not allow");
  add(s.tls_failed, "failed TLS");
  add(s.refused, "refused (descriptor reserve)");
  if (out.empty())
    return {};
  return "the network gate accepted " + std::to_string(s.accepted)
         + " connections and closed: " + out;
}

} // namespace tofmap::net

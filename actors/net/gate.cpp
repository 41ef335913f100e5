#include "actors/net/gate.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "actors/count_text.hpp"
#include "actors/net/addresses.hpp"
#include "actors/net/basp_guard.hpp"
#include "actors/net/log_limiter.hpp"
#include "actors/net/tls.hpp"

namespace tofmap::net {

namespace {

using clock = std::chrono::steady_clock;

constexpr auto never = clock::time_point::max();

/// How long a closing connection may take to pass on what it has buffered.
constexpr auto linger = std::chrono::seconds{2};

/// The low two bits of an epoll event's data: what the descriptor is.
enum tag : uint64_t { wake_tag = 0, listen_tag = 1, outer_tag = 2, inner_tag = 3 };

enum class phase { connecting, tls, relay };

/// Why a connection was closed, for the counters and the first-of-a-kind log line.
enum class closing { normal, timed_out, evicted, bad_stream, tls_failed, failed };

/// One connection to a peer and its socketpair to CAF.
struct link {
  uint64_t id = 0;
  bool accepted = false;          // by our listener (else connected by us)
  phase ph = phase::connecting;
  int outer = -1;                 // the peer's socket
  int inner = -1;                 // our end of the socketpair
  SSL* ssl = nullptr;
  basp_guard guard;
  std::string to_inner;           // checked bytes of the peer, for CAF
  std::size_t to_inner_at = 0;
  std::string to_outer;           // CAF's bytes, for the peer
  std::size_t to_outer_at = 0;
  bool outer_eof = false;
  bool inner_eof = false;
  bool pending = true;            // not through its handshake yet
  bool ssl_wants_write = false;
  bool closed = false;
  clock::time_point deadline = never;
  std::string peer;
  gate::connect_callback done;    // connected links: until handed over
  gate::connect_callback unanswered; // connected links: handed over, until the peer's first
                                     // message passed (a failure before is the peer's refusal)
  std::string failure;            // why the peer ended the session (a TLS alert), for `unanswered`
  uint64_t received = 0;          // bytes read from the peer
  int caf_end = -1;               // accepted links: the CAF end, until CAF takes it
  uint32_t outer_events = 0;
  uint32_t inner_events = 0;

  link(sender_role sender, uint32_t max_message) : guard(sender, max_message) {
    // nop
  }

  std::size_t inbound() const { return to_inner.size() - to_inner_at; }
  std::size_t outbound() const { return to_outer.size() - to_outer_at; }
};

void set_nodelay(int fd) {
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/// Drops the part of a buffer that has been sent, once it is worth it.
void compact(std::string& buf, std::size_t& at) {
  if (at == buf.size()) {
    buf.clear();
    at = 0;
  } else if (at > 64 * 1024 && at > buf.size() / 2) {
    buf.erase(0, at);
    at = 0;
  }
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
  int ep = -1;
  int wake = -1;
  int listener = -1;
  int spare = -1;                      // for EMFILE: closed, accept, close, reopened
  std::function<int(int)> handoff;
  std::vector<uint64_t> waiting;       // links whose CAF end CAF has not taken yet
  std::map<uint64_t, std::unique_ptr<link>> links;
  std::deque<uint64_t> pending_order;  // accepted links by age (some may be gone)
  std::size_t pending = 0;
  uint64_t next_id = 1;
  std::size_t fd_limit = 1024;
  std::size_t fd_estimate = 0;
  clock::time_point last_count;
  bool refusing = false;
  std::set<closing> logged;
  std::map<std::string, log_limiter> refusals; // TLS refusals by reason: each reason logged
  char buf[64 * 1024];

  std::mutex mtx;                      // guards commands, stopping and stats
  std::vector<std::function<void()>> commands;
  bool stopping = false;
  gate_stats stats;

  std::thread thread;

  explicit impl(gate_options o) : opt(std::move(o)) {
    fd_limit = raise_descriptor_limit();
    ep = ::epoll_create1(EPOLL_CLOEXEC);
    wake = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    spare = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (ep < 0 || wake < 0)
      throw std::runtime_error(std::string{"cannot start the network gate: "}
                               + std::strerror(errno));
    watch(wake, EPOLLIN, wake_tag);
    fd_estimate = open_descriptors();
    last_count = clock::now();
    thread = std::thread{[this] { run(); }};
  }

  ~impl() {
    {
      std::lock_guard<std::mutex> guard{mtx};
      stopping = true;
    }
    poke();
    thread.join();
    for (auto& [id, l] : links)
      release(*l);
    for (int fd : {listener, wake, ep, spare})
      if (fd >= 0)
        ::close(fd);
  }

  void log(const std::string& line) {
    if (opt.log)
      opt.log(line);
  }

  template <class F>
  void count(F f) {
    std::lock_guard<std::mutex> guard{mtx};
    f(stats);
  }

  void poke() {
    uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(wake, &one, sizeof one);
  }

  void post(std::function<void()> f) {
    {
      std::lock_guard<std::mutex> guard{mtx};
      commands.push_back(std::move(f));
    }
    poke();
  }

  void watch(int fd, uint32_t events, uint64_t data) {
    epoll_event ev{};
    ev.events = events;
    ev.data.u64 = data;
    ::epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
  }

  void rewatch(int fd, uint32_t& current, uint32_t wanted, uint64_t data) {
    if (fd < 0 || current == wanted)
      return;
    epoll_event ev{};
    ev.events = wanted;
    ev.data.u64 = data;
    ::epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
    current = wanted;
  }

  // -- the loop ----------------------------------------------------------------------------------

  void run() {
    std::vector<epoll_event> events(256);
    auto drain_until = never;
    for (;;) {
      std::vector<std::function<void()>> todo;
      {
        std::lock_guard<std::mutex> guard{mtx};
        if (stopping && drain_until == never) {
          // Stop accepting; let the connections pass on what they hold (CAF, shut down before
          // the gate, closes its ends after its last bytes, e.g. the coordinator's done).
          drain_until = clock::now() + linger;
          if (listener >= 0) {
            ::epoll_ctl(ep, EPOLL_CTL_DEL, listener, nullptr);
            ::close(listener);
            listener = -1;
          }
        }
        todo.swap(commands);
      }
      if (drain_until != never && (links.empty() || clock::now() >= drain_until))
        return;
      for (auto& f : todo)
        f();
      const int n = ::epoll_wait(ep, events.data(), static_cast<int>(events.size()),
                                 wait_ms());
      for (int i = 0; i < n; ++i)
        dispatch(events[static_cast<std::size_t>(i)]);
      retry_handoffs();
      expire();
      reap();
    }
  }

  int wait_ms() const {
    // A draining gate looks often, and one with connections CAF has not taken yet more often.
    auto next = clock::now() + std::chrono::milliseconds{waiting.empty() ? 100 : 2};
    for (const auto& [id, l] : links)
      next = std::min(next, l->deadline);
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(next - clock::now()).count();
    return static_cast<int>(std::clamp<long long>(ms, 0, 100));
  }

  void dispatch(const epoll_event& ev) {
    const auto what = ev.data.u64 & 3;
    if (what == wake_tag) {
      uint64_t x = 0;
      [[maybe_unused]] auto n = ::read(wake, &x, sizeof x);
      return;
    }
    if (what == listen_tag) {
      accept_all();
      return;
    }
    auto i = links.find(ev.data.u64 >> 2);
    if (i == links.end() || i->second->closed)
      return;
    auto& l = *i->second;
    if (what == outer_tag && l.ph == phase::connecting && (ev.events & (EPOLLOUT | EPOLLERR)))
      connected(l);
    pump(l);
  }

  void expire() {
    const auto now = clock::now();
    for (auto& [id, l] : links) {
      if (l->closed || l->deadline > now)
        continue;
      if (l->ph == phase::relay && !l->pending)
        close(*l, closing::normal, "");                   // lingered long enough
      else if (l->accepted)
        close(*l, closing::timed_out,
              "no handshake within " + std::to_string(opt.handshake_timeout.count()) + " ms");
      else
        close(*l, closing::failed, "no connection within the time allowed");
    }
  }

  void reap() {
    for (auto i = links.begin(); i != links.end();)
      i = i->second->closed ? links.erase(i) : std::next(i);
    while (!pending_order.empty()) {
      auto i = links.find(pending_order.front());
      if (i != links.end() && i->second->pending)
        break;
      pending_order.pop_front();
    }
  }

  // -- descriptors -------------------------------------------------------------------------------

  /// Whether `need` more descriptors leave the reserve untouched.
  bool room_for(std::size_t need) {
    const auto cap = fd_limit > opt.descriptor_reserve ? fd_limit - opt.descriptor_reserve : 0;
    if (fd_estimate + need <= cap)
      return true;
    const auto now = clock::now();
    if (now - last_count >= std::chrono::milliseconds{10}) { // CAF closes its ends by itself
      fd_estimate = open_descriptors();
      last_count = now;
    }
    return fd_estimate + need <= cap;
  }

  /// Accepts one connection and closes it at once; false if there was none.
  bool refuse_one() {
    int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0 && (errno == EMFILE || errno == ENFILE) && spare >= 0) {
      ::close(spare);
      fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
      spare = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    }
    if (fd < 0)
      return false;
    ::close(fd);
    count([](gate_stats& s) { ++s.refused; });
    if (!refusing) {
      refusing = true;
      log("refusing new connections: " + std::to_string(open_descriptors()) + " of "
          + std::to_string(fd_limit) + " descriptors are in use and "
          + std::to_string(opt.descriptor_reserve)
          + " are kept for the map, the journal and the rescue (logged once)");
    }
    return true;
  }

  // -- accepting ---------------------------------------------------------------------------------

  void accept_all() {
    for (int round = 0; round < 64; ++round) {
      if (!room_for(3)) { // the peer's socket and a socketpair
        if (!refuse_one())
          return; // nothing waiting
        continue;
      }
      sockaddr_storage addr{};
      socklen_t len = sizeof addr;
      const int fd = ::accept4(listener, reinterpret_cast<sockaddr*>(&addr), &len,
                               SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED)
          continue;
        if ((errno == EMFILE || errno == ENFILE) && refuse_one())
          continue;
        return; // EAGAIN: nothing more
      }
      refusing = false;
      ++fd_estimate;
      count([](gate_stats& s) { ++s.accepted; });
      if (pending >= opt.max_pending)
        evict_oldest();
      auto l = std::make_unique<link>(sender_role::client, opt.max_message);
      l->id = next_id++;
      l->accepted = true;
      l->outer = fd;
      l->peer = address_text(reinterpret_cast<sockaddr*>(&addr));
      l->deadline = clock::now() + opt.handshake_timeout;
      set_nodelay(fd);
      ++pending;
      pending_order.push_back(l->id);
      auto& ref = *l;
      links.emplace(l->id, std::move(l));
      watch(fd, 0, (ref.id << 2) | outer_tag);
      if (opt.tls)
        start_tls(ref);
      else
        start_relay(ref);
      pump(ref);
    }
  }

  void evict_oldest() {
    while (!pending_order.empty()) {
      auto i = links.find(pending_order.front());
      pending_order.pop_front();
      if (i != links.end() && i->second->pending && !i->second->closed) {
        close(*i->second, closing::evicted,
              "more than " + std::to_string(opt.max_pending) + " connections without handshake");
        return;
      }
    }
  }

  // -- connecting --------------------------------------------------------------------------------

  void start_connect(const sockaddr_storage& addr, socklen_t len, std::string peer,
                     std::chrono::milliseconds timeout, gate::connect_callback done) {
    auto l = std::make_unique<link>(sender_role::server, opt.max_message);
    l->id = next_id++;
    l->peer = std::move(peer);
    l->done = std::move(done);
    l->deadline = clock::now() + timeout;
    l->outer = ::socket(addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    auto& ref = *l;
    links.emplace(l->id, std::move(l));
    if (ref.outer < 0) {
      close(ref, closing::failed, std::string{"cannot make a socket: "} + std::strerror(errno));
      return;
    }
    ++fd_estimate;
    set_nodelay(ref.outer);
    watch(ref.outer, 0, (ref.id << 2) | outer_tag);
    if (::connect(ref.outer, reinterpret_cast<const sockaddr*>(&addr), len) != 0
        && errno != EINPROGRESS) {
      close(ref, closing::failed, std::string{"cannot connect: "} + std::strerror(errno));
      return;
    }
    pump(ref);
  }

  void connected(link& l) {
    int err = 0;
    socklen_t len = sizeof err;
    ::getsockopt(l.outer, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err == EINPROGRESS || err == EALREADY)
      return;
    if (err != 0) {
      close(l, closing::failed, std::string{"cannot connect: "} + std::strerror(err));
      return;
    }
    if (opt.tls)
      start_tls(l);
    else
      start_relay(l);
  }

  // -- TLS ---------------------------------------------------------------------------------------

  void start_tls(link& l) {
    l.ph = phase::tls;
    l.ssl = opt.tls->new_session(l.outer);
    if (l.ssl == nullptr)
      close(l, closing::tls_failed, tls_errors("cannot make a TLS session"));
  }

  /// One step of the TLS handshake; false if the link was closed.
  bool tls_step(link& l) {
    ERR_clear_error();
    const int r = SSL_do_handshake(l.ssl);
    if (r == 1) {
      start_relay(l);
      return !l.closed;
    }
    const int e = SSL_get_error(l.ssl, r);
    if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
      l.ssl_wants_write = e == SSL_ERROR_WANT_WRITE;
      return true;
    }
    if (l.accepted && peer_not_tls())
      send_protocol_version_alert(l.outer);
    close(l, closing::tls_failed,
          tls_failure(l.ssl, opt.tls->role(),
                      e == SSL_ERROR_SYSCALL ? "the peer hung up" : "SSL error"));
    return false;
  }

  // -- relaying ----------------------------------------------------------------------------------

  void start_relay(link& l) {
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, pair) != 0) {
      close(l, closing::failed, std::string{"cannot make a socketpair: "} + std::strerror(errno));
      return;
    }
    fd_estimate += 2;
    l.ph = phase::relay;
    l.inner = pair[0];
    watch(l.inner, 0, (l.id << 2) | inner_tag);
    bool taken = false;
    if (l.accepted) {
      l.caf_end = pair[1];
      if (!hand_over(l))
        return;
      taken = true;
    } else {
      l.pending = false;
      l.deadline = never;
      auto done = std::move(l.done);
      l.done = nullptr;
      if (done) {
        l.unanswered = done;
        done(pair[1], "", true);
        taken = true;
      }
    }
    if (!taken) {
      ::close(pair[1]);
      close(l, closing::failed, "the node did not take the connection");
      return;
    }
    if (!l.accepted)
      count([](gate_stats& s) { ++s.handed_over; });
  }

  /// Gives CAF its end of an accepted link; false if the link was closed. While CAF is busy the
  /// link waits (it stays pending, with its handshake deadline).
  bool hand_over(link& l) {
    const int rc = handoff ? handoff(l.caf_end) : EPIPE;
    if (rc == EAGAIN) {
      waiting.push_back(l.id);
      return true;
    }
    if (rc != 0) {
      close(l, closing::failed, std::string{"CAF cannot take the connection: "}
                                  + std::strerror(rc));
      return false;
    }
    l.caf_end = -1;
    count([](gate_stats& s) { ++s.handed_over; });
    return true;
  }

  /// Tries again the links CAF was too busy to take.
  void retry_handoffs() {
    auto ids = std::move(waiting);
    waiting.clear();
    for (auto id : ids) {
      auto i = links.find(id);
      if (i != links.end() && !i->second->closed && i->second->caf_end >= 0)
        hand_over(*i->second);
    }
  }

  /// Moves whatever can move without blocking, then sets what to wait for.
  void pump(link& l) {
    for (int round = 0; round < 16 && !l.closed; ++round) {
      const auto before = progress(l);
      if (l.ph == phase::tls && !tls_step(l))
        return;
      if (l.ph == phase::relay) {
        if (!read_outer(l) || !write_inner(l) || !read_inner(l) || !write_outer(l))
          return;
        if ((l.outer_eof && l.inbound() == 0) || (l.inner_eof && l.outbound() == 0)) {
          close(l, closing::normal, "");
          return;
        }
        if ((l.outer_eof || l.inner_eof) && l.deadline == never)
          l.deadline = clock::now() + linger;
      }
      if (progress(l) == before)
        break;
    }
    if (!l.closed)
      interest(l);
  }

  static uint64_t progress(const link& l) {
    return l.to_inner.size() + l.to_inner_at + l.to_outer.size() + l.to_outer_at
           + static_cast<uint64_t>(l.ph) + (l.outer_eof ? 1 : 0) + (l.inner_eof ? 2 : 0);
  }

  void interest(link& l) {
    uint32_t outer = 0;
    uint32_t inner = 0;
    switch (l.ph) {
      case phase::connecting:
        outer = EPOLLOUT;
        break;
      case phase::tls:
        outer = EPOLLIN | (l.ssl_wants_write ? EPOLLOUT : 0u);
        break;
      case phase::relay:
        if (!l.outer_eof && l.inbound() < opt.buffer)
          outer |= EPOLLIN;
        if (l.outbound() > 0 || l.ssl_wants_write)
          outer |= EPOLLOUT;
        if (!l.inner_eof && l.outbound() < opt.buffer)
          inner |= EPOLLIN;
        if (l.inbound() > 0)
          inner |= EPOLLOUT;
        break;
    }
    rewatch(l.outer, l.outer_events, outer, (l.id << 2) | outer_tag);
    rewatch(l.inner, l.inner_events, inner, (l.id << 2) | inner_tag);
  }

  /// Closes `l` (and returns true) when the peer's first bytes, in buf, are TLS and this end
  /// speaks none: a node with [tls] at a coordinator without (it is told so with a TLS alert), or
  /// a coordinator with TLS as seen by a node without.
  bool refused_tls_peer(link& l, std::size_t size) {
    if (l.received > 0 || l.ssl != nullptr || !looks_like_tls(buf, size))
      return false;
    if (l.accepted && l.pending) {
      send_protocol_version_alert(l.outer);
      close(l, closing::bad_stream, "it speaks TLS and this coordinator has no [tls] (a node with "
                                    "[tls]?)");
      return true;
    }
    if (!l.unanswered)
      return false;
    close(l, closing::failed, "TLS: the coordinator requires TLS and this node has no [tls]: give "
                              "it [tls] ca, cert and key from the coordinator's certificate "
                              "authority (tofmap certs makes them)");
    return true;
  }

  /// Reads from the peer, checks and queues for CAF; false if the link was closed.
  bool read_outer(link& l) {
    l.ssl_wants_write = false;
    while (!l.outer_eof && l.inbound() < opt.buffer) {
      ssize_t n = 0;
      if (l.ssl != nullptr) {
        ERR_clear_error();
        const int r = SSL_read(l.ssl, buf, static_cast<int>(sizeof buf));
        if (r <= 0) {
          const int e = SSL_get_error(l.ssl, r);
          if (e == SSL_ERROR_WANT_READ)
            break;
          if (e == SSL_ERROR_WANT_WRITE) {
            l.ssl_wants_write = true;
            break;
          }
          if (l.unanswered && e == SSL_ERROR_SSL) // e.g. an alert: the peer refused us
            l.failure = tls_failure(l.ssl, opt.tls->role(), "");
          ERR_clear_error();
          l.outer_eof = true; // closed by the peer, or broken
          break;
        }
        n = r;
      } else {
        n = ::recv(l.outer, buf, sizeof buf, 0);
        if (n < 0 && errno == EINTR)
          continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
          break;
        if (n <= 0) {
          l.outer_eof = true;
          break;
        }
      }
      const auto size = static_cast<std::size_t>(n);
      count([size](gate_stats& s) { s.bytes_in += size; });
      if (refused_tls_peer(l, size))
        return false;
      l.received += size;
      const auto error = l.guard.feed(buf, size, l.to_inner);
      if (!error.empty()) {
        close(l, closing::bad_stream, error);
        return false;
      }
      if (l.unanswered && l.guard.handshake_done())
        l.unanswered = nullptr; // the peer answered: what happens now is CAF's to report
      if (l.pending && l.guard.handshake_done()) {
        l.pending = false;
        l.deadline = never;
        --pending;
        count([](gate_stats& s) { ++s.handshakes; });
      }
    }
    return true;
  }

  bool write_inner(link& l) {
    while (l.inbound() > 0) {
      const auto n = ::send(l.inner, l.to_inner.data() + l.to_inner_at, l.inbound(),
                            MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        break;
      if (n <= 0) { // CAF closed its end
        close(l, closing::normal, "");
        return false;
      }
      l.to_inner_at += static_cast<std::size_t>(n);
    }
    compact(l.to_inner, l.to_inner_at);
    return true;
  }

  bool read_inner(link& l) {
    while (!l.inner_eof && l.outbound() < opt.buffer) {
      const auto n = ::recv(l.inner, buf, sizeof buf, 0);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        break;
      if (n <= 0) {
        l.inner_eof = true;
        break;
      }
      l.to_outer.append(buf, static_cast<std::size_t>(n));
    }
    return true;
  }

  bool write_outer(link& l) {
    while (l.outbound() > 0) { // EPOLLOUT stays on while anything is left
      const auto* data = l.to_outer.data() + l.to_outer_at;
      const auto size = l.outbound();
      ssize_t n = 0;
      if (l.ssl != nullptr) {
        ERR_clear_error();
        const int r = SSL_write(l.ssl, data, static_cast<int>(std::min<std::size_t>(size, 1 << 30)));
        if (r <= 0) {
          const int e = SSL_get_error(l.ssl, r);
          if (e == SSL_ERROR_WANT_WRITE || e == SSL_ERROR_WANT_READ)
            break;
          close(l, closing::normal, "");
          return false;
        }
        n = r;
      } else {
        n = ::send(l.outer, data, size, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
          continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
          break;
        if (n <= 0) {
          close(l, closing::normal, "");
          return false;
        }
      }
      l.to_outer_at += static_cast<std::size_t>(n);
      const auto sent = static_cast<std::size_t>(n);
      count([sent](gate_stats& s) { s.bytes_out += sent; });
    }
    compact(l.to_outer, l.to_outer_at);
    return true;
  }

  // -- closing -----------------------------------------------------------------------------------

  void release(link& l) {
    if (l.caf_end >= 0) {
      ::close(l.caf_end);
      l.caf_end = -1;
      if (fd_estimate > 0)
        --fd_estimate;
    }
    if (l.ssl != nullptr) {
      SSL_free(l.ssl);
      l.ssl = nullptr;
    }
    for (int* fd : {&l.outer, &l.inner})
      if (*fd >= 0) {
        ::epoll_ctl(ep, EPOLL_CTL_DEL, *fd, nullptr);
        ::close(*fd);
        *fd = -1;
        if (fd_estimate > 0)
          --fd_estimate;
      }
  }

  /// Why a connection we made ended before the peer's first message, for the node.
  std::string unanswered_reason(const link& l, const std::string& detail) const {
    if (!l.failure.empty())
      return l.failure;
    if (!detail.empty())
      return detail;
    if (l.received > 0)
      return "the coordinator closed the connection during the handshake";
    if (opt.tls)
      return "TLS: the coordinator closed the connection after the TLS handshake, before its "
             "own: it may have refused this node's certificate (its log says why)";
    return "the coordinator closed the connection before its handshake: it may require TLS, "
           "which this node has no [tls] for, or have refused the connection (its log says why)";
  }

  /// A node refused in the TLS handshake: logged with why. Each reason passes a few times, then
  /// once a minute (a node retries every few seconds), so a flood of one kind hides no other.
  void log_refusal(const link& l, const std::string& detail) {
    constexpr std::size_t max_reasons = 256; // beyond: one limiter for the rest
    auto key = refusals.size() < max_reasons || refusals.count(detail) > 0 ? detail : "";
    auto i = refusals.try_emplace(std::move(key), 3, std::chrono::minutes{1}).first;
    uint64_t held = 0;
    if (!i->second.allow(clock::now(), held))
      return;
    const auto more = held > 0 ? " (" + count_text(held, "more refusal")
                                   + " for this reason since the last line)"
                               : std::string{};
    log("closed the connection from " + l.peer + " (refused): " + detail + more);
  }

  void close(link& l, closing why, const std::string& detail) {
    if (l.closed)
      return;
    l.closed = true;
    if (l.pending && l.accepted)
      --pending;
    if (l.unanswered) { // before CAF sees its end close: the node learns why first
      auto unanswered = std::move(l.unanswered);
      l.unanswered = nullptr;
      unanswered(-1, unanswered_reason(l, detail), true);
    }
    release(l);
    if (l.done) {
      auto done = std::move(l.done);
      l.done = nullptr;
      done(-1, detail.empty() ? "the connection was closed" : detail, l.ph != phase::connecting);
    }
    const char* what = nullptr;
    switch (why) {
      case closing::normal:
      case closing::failed:
        return;
      case closing::timed_out:
        count([](gate_stats& s) { ++s.timed_out; });
        what = "timed out";
        break;
      case closing::evicted:
        count([](gate_stats& s) { ++s.evicted; });
        what = "evicted";
        break;
      case closing::bad_stream:
        count([](gate_stats& s) { ++s.bad_stream; });
        what = "refused";
        break;
      case closing::tls_failed:
        count([](gate_stats& s) { ++s.tls_failed; });
        if (l.accepted)
          log_refusal(l, detail);
        return; // of a connection we made: the node says why
    }
    if (logged.insert(why).second)
      log("closed the connection " + std::string{l.accepted ? "from " : "to "} + l.peer + " ("
          + what + "): " + detail + (l.accepted ? "; further ones are counted, not logged" : ""));
  }
};

gate::gate(gate_options options) : impl_(std::make_unique<impl>(std::move(options))) {
  // nop
}

gate::~gate() {
  auto s = summary();
  if (!s.empty())
    impl_->log(s);
}

uint16_t gate::listen(const std::string& host, uint16_t port, bool loopback_only) {
  const auto addresses = listen_addresses(host, port);
  std::string error = "no address";
  int fd = -1;
  for (auto* ai = addresses.get(); ai != nullptr && fd < 0; ai = ai->ai_next) {
    if (loopback_only && !is_loopback(ai->ai_addr)) {
      error = address_text(ai->ai_addr) + " is not a loopback address";
      continue;
    }
    fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      error = std::strerror(errno);
      continue;
    }
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || ::listen(fd, SOMAXCONN) != 0) {
      error = std::strerror(errno);
      ::close(fd);
      fd = -1;
    }
  }
  if (fd < 0)
    throw std::runtime_error(error);
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const auto actual = addr.ss_family == AF_INET6
                        ? ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port)
                        : ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
  auto* self = impl_.get();
  self->post([self, fd] { self->listener = fd; });
  return actual;
}

void gate::accept(std::function<int(int)> handoff) {
  auto* self = impl_.get();
  self->post([self, handoff = std::move(handoff)]() mutable {
    self->handoff = std::move(handoff);
    if (self->listener >= 0)
      self->watch(self->listener, EPOLLIN, listen_tag);
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
  self->post([self, addr, len, peer = host + ":" + service, timeout,
              done = std::move(done)]() mutable {
    self->start_connect(addr, len, std::move(peer), timeout, std::move(done));
  });
}

gate_stats gate::stats() const {
  std::lock_guard<std::mutex> guard{impl_->mtx};
  return impl_->stats;
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
  return "the network gate accepted " + std::to_string(s.accepted) + " connections and closed: "
         + out;
}

} // namespace tofmap::net

#include "actors/net/connections.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "actors/net/admission.hpp"
#include "actors/net/poller.hpp"
#include "actors/net/tls.hpp"

namespace tofmap::net {

namespace {

constexpr auto never = link::clock::time_point::max();

/// How long a closing connection may take to pass on what it has buffered.
constexpr auto linger = std::chrono::seconds{2};

void set_nodelay(int fd) {
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/// A non-blocking socket connecting to `addr`; -1 and why not in `error`.
int start_connecting(const sockaddr_storage& addr, socklen_t len, std::string& error) {
  const int fd = ::socket(addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    error = std::string{"cannot make a socket: "} + std::strerror(errno);
    return -1;
  }
  set_nodelay(fd);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), len) != 0 && errno != EINPROGRESS) {
    error = std::string{"cannot connect: "} + std::strerror(errno);
    ::close(fd);
    return -1;
  }
  return fd;
}

/// The outcome of a non-blocking connect (SO_ERROR).
int socket_error(int fd) {
  int err = 0;
  socklen_t len = sizeof err;
  ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
  return err;
}

void count_bytes(relay& r, gate_counters& counters) {
  const auto in = r.take_bytes_in();
  const auto out = r.take_bytes_out();
  if (in + out > 0)
    counters.count([in, out](gate_stats& s) {
      s.bytes_in += in;
      s.bytes_out += out;
    });
}

} // namespace

// -- link ----------------------------------------------------------------------------------------

void link::watch_for(poller& poll) {
  uint32_t outer_wanted = EPOLLOUT; // connecting
  uint32_t inner_wanted = 0;
  if (ph == phase::tls) {
    outer_wanted = EPOLLIN | (tls_wants_write ? EPOLLOUT : 0u);
  } else if (ph == phase::relay) {
    outer_wanted = bytes->outer_events();
    inner_wanted = bytes->inner_events();
  } else if (ph == phase::draining) {
    outer_wanted = EPOLLIN;
  }
  poll.rewatch(outer, outer_events, outer_wanted, data(outer_tag));
  poll.rewatch(inner, inner_events, inner_wanted, data(inner_tag));
}

std::size_t link::release(poller& poll) {
  std::size_t closed_fds = 0;
  bytes.reset();
  tls.reset();
  for (int* fd : {&caf_end, &outer, &inner})
    if (*fd >= 0) {
      if (fd != &caf_end)
        poll.forget(*fd);
      ::close(*fd);
      *fd = -1;
      ++closed_fds;
    }
  return closed_fds;
}

// -- connections ---------------------------------------------------------------------------------

connections::connections(const gate_options& opt, poller& poll, admission_policy& admission,
                         close_log& log, gate_counters& counters)
  : opt_(opt), poll_(poll), admission_(admission), log_(log), counters_(counters) {
  // nop
}

connections::~connections() {
  for (auto& [id, l] : links_)
    l->release(poll_);
}

link& connections::add(bool accepted, std::string peer) {
  auto l = std::make_unique<link>();
  l->id = next_id_++;
  l->accepted = accepted;
  l->peer = std::move(peer);
  auto& ref = *l;
  links_.emplace(ref.id, std::move(l));
  return ref;
}

void connections::accepted(int fd, std::string peer) {
  auto& l = add(true, std::move(peer));
  if (const auto oldest = admission_.admit(l.id, clock::now()))
    if (auto i = links_.find(*oldest); i != links_.end())
      close(*i->second, closing::evicted, admission_.eviction_reason());
  l.outer = fd;
  l.deadline = admission_.deadline(clock::now());
  set_nodelay(fd);
  poll_.watch(fd, 0, l.data(outer_tag));
  start(l);
  pump(l);
}

void connections::connect(const sockaddr_storage& addr, socklen_t len, std::string peer,
                          std::chrono::milliseconds timeout, gate::connect_callback done) {
  auto& l = add(false, std::move(peer));
  l.done = std::move(done);
  l.deadline = clock::now() + timeout;
  std::string error;
  l.outer = start_connecting(addr, len, error);
  if (l.outer < 0) {
    close(l, closing::failed, error);
    return;
  }
  admission_.opened(1);
  poll_.watch(l.outer, 0, l.data(outer_tag));
  pump(l);
}

void connections::connected(link& l) {
  const int err = socket_error(l.outer);
  if (err == EINPROGRESS || err == EALREADY)
    return;
  if (err != 0)
    close(l, closing::failed, std::string{"cannot connect: "} + std::strerror(err));
  else
    start(l);
}

void connections::ready(uint64_t data, uint32_t events) {
  auto i = links_.find(data >> 2);
  if (i == links_.end() || i->second->closed)
    return;
  auto& l = *i->second;
  if ((data & 3) == outer_tag && l.ph == link::phase::connecting
      && (events & (EPOLLOUT | EPOLLERR)))
    connected(l);
  pump(l);
}

void connections::expire(clock::time_point now) {
  for (auto& [id, l] : links_) {
    if (l->closed || l->deadline > now)
      continue;
    if (l->ph == link::phase::draining)
      close(*l, closing::normal, ""); // reported when it began to drain
    else if (l->ph == link::phase::relay && !l->pending)
      close(*l, closing::normal, ""); // lingered long enough
    else if (l->accepted)
      close(*l, closing::timed_out, admission_.timeout_reason());
    else
      close(*l, closing::failed, "no connection within the time allowed");
  }
  for (auto i = links_.begin(); i != links_.end();)
    i = i->second->closed ? links_.erase(i) : std::next(i);
}

connections::clock::time_point connections::next_deadline() const {
  auto next = never;
  for (const auto& [id, l] : links_)
    next = std::min(next, l->deadline);
  return next;
}

// -- TLS -----------------------------------------------------------------------------------------

/// A connection is made: its TLS session, or its relay at once.
void connections::start(link& l) {
  if (!opt_.tls) {
    start_relay(l);
    return;
  }
  l.ph = link::phase::tls;
  std::string error;
  l.tls = tls_session::make(*opt_.tls, l.outer, error);
  if (!l.tls)
    close(l, closing::tls_failed, error);
}

/// One step of the TLS handshake; false if the link was closed.
bool connections::tls_step(link& l) {
  const auto step = l.tls->handshake();
  if (step == tls_session::step::done) {
    start_relay(l);
    return !l.closed;
  }
  if (step != tls_session::step::failed) {
    l.tls_wants_write = step == tls_session::step::want_write;
    return true;
  }
  const auto why = l.tls->failure();
  refuse(l, closing::tls_failed, why);
  return false;
}

// -- handing over --------------------------------------------------------------------------------

void connections::start_relay(link& l) {
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, pair) != 0) {
    close(l, closing::failed, std::string{"cannot make a socketpair: "} + std::strerror(errno));
    return;
  }
  admission_.opened(2);
  l.ph = link::phase::relay;
  l.inner = pair[0];
  l.bytes.emplace(l.outer, l.tls.get(), l.inner,
                  l.accepted ? sender_role::client : sender_role::server, opt_.max_message,
                  opt_.buffer);
  poll_.watch(l.inner, 0, l.data(inner_tag));
  if (l.accepted) {
    l.caf_end = pair[1];
    hand_over(l);
  } else {
    give_node(l, pair[1]);
  }
}

/// Gives the node its end of a connection it asked for.
void connections::give_node(link& l, int caf_end) {
  l.pending = false;
  l.deadline = never;
  auto done = std::exchange(l.done, nullptr);
  if (!done) {
    ::close(caf_end);
    close(l, closing::failed, "the node did not take the connection");
    return;
  }
  l.unanswered = done;
  done(caf_end, "", true);
  counters_.count([](gate_stats& s) { ++s.handed_over; });
}

/// Gives CAF its end of an accepted link; false if the link was closed. While CAF is busy the
/// link waits (it stays pending, with its handshake deadline).
bool connections::hand_over(link& l) {
  const int rc = handoff ? handoff(l.caf_end) : EPIPE;
  if (rc == EAGAIN) {
    waiting_.push_back(l.id);
    return true;
  }
  if (rc != 0) {
    close(l, closing::failed, std::string{"CAF cannot take the connection: "} + std::strerror(rc));
    return false;
  }
  l.caf_end = -1;
  counters_.count([](gate_stats& s) { ++s.handed_over; });
  return true;
}

void connections::retry_handoffs() {
  for (auto id : std::exchange(waiting_, {})) {
    auto i = links_.find(id);
    if (i != links_.end() && !i->second->closed && i->second->caf_end >= 0)
      hand_over(*i->second);
  }
}

// -- relaying ------------------------------------------------------------------------------------

/// Moves whatever can move without blocking, then sets what to wait for.
void connections::pump(link& l) {
  if (l.ph == link::phase::draining) {
    drain(l);
    return;
  }
  for (int round = 0; round < 16 && !l.closed; ++round) {
    const auto before = l.progress();
    if (l.ph == link::phase::tls && !tls_step(l))
      return;
    if (l.ph == link::phase::relay && !relay_step(l))
      return;
    if (l.progress() == before)
      break;
  }
  if (!l.closed)
    l.watch_for(poll_);
}

/// One round of the relay; false if the link was closed.
bool connections::relay_step(link& l) {
  const auto out = l.bytes->pump(buf_, sizeof buf_);
  count_bytes(*l.bytes, counters_);
  note_handshake(l);
  switch (out) {
    case relay::outcome::open:
      break;
    case relay::outcome::finished:
      close(l, closing::normal, "");
      return false;
    case relay::outcome::bad_stream:
      close(l, closing::bad_stream, std::string{l.bytes->error()});
      return false;
    case relay::outcome::tls_from_peer:
      refuse_tls_peer(l);
      return false;
  }
  if (l.bytes->half_closed() && l.deadline == never)
    l.deadline = clock::now() + linger;
  return true;
}

/// The peer's first message passed: it answered (what happens now is CAF's to report), and an
/// accepted link is no longer pending.
void connections::note_handshake(link& l) {
  if (!l.bytes->handshake_done())
    return;
  l.unanswered = nullptr;
  if (!l.pending)
    return;
  l.pending = false;
  l.deadline = never;
  admission_.settle(l.id);
  counters_.count([](gate_stats& s) { ++s.handshakes; });
}

/// The peer's first bytes are TLS and this end speaks none: a coordinator without [tls] tells the
/// node so with a TLS alert.
void connections::refuse_tls_peer(link& l) {
  if (l.accepted)
    send_protocol_version_alert(l.outer);
  refuse(l, l.accepted ? closing::bad_stream : closing::failed, tls_peer_refusal(l.accepted));
}

/// Closes `l`, refused in its handshake, after its alert: a link we connected at once; an accepted
/// one is reported closed now and drains (phase::draining). Closing a socket with unread bytes
/// resets the connection, and a reset can reach the peer before it has read the alert: with TLS
/// 1.3 a node sends its first message before the coordinator has checked its certificate.
void connections::refuse(link& l, closing why, const std::string& detail) {
  if (!l.accepted || l.closed) {
    close(l, why, detail);
    return;
  }
  counters_.count([why](gate_stats& s) { tally(s, why); });
  log_.closed(why, l.accepted, l.peer, detail, clock::now());
  ::shutdown(l.outer, SHUT_WR);
  l.ph = link::phase::draining;
  l.deadline = std::min(l.deadline, clock::now() + linger);
  l.watch_for(poll_);
}

/// Reads and drops what a draining link's peer sends; closes the link when the peer has closed.
void connections::drain(link& l) {
  for (int round = 0; round < 16; ++round) {
    const auto n = ::recv(l.outer, buf_, sizeof buf_, 0);
    if (n > 0)
      continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
      return;
    close(l, closing::normal, ""); // reported when it began to drain
    return;
  }
}

// -- closing -------------------------------------------------------------------------------------

void connections::close(link& l, closing why, const std::string& detail) {
  if (l.closed)
    return;
  l.closed = true;
  if (l.pending && l.accepted)
    admission_.settle(l.id);
  if (l.ph == link::phase::draining) {
    admission_.released(l.release(poll_)); // reported when it began to drain
    return;
  }
  if (auto unanswered = std::exchange(l.unanswered, nullptr)) // before CAF sees its end close
    unanswered(-1,
               unanswered_reason(l.tls ? l.tls->failure() : std::string{}, detail,
                                 l.bytes ? l.bytes->received() : 0, opt_.tls != nullptr),
               true);
  admission_.released(l.release(poll_));
  if (auto done = std::exchange(l.done, nullptr))
    done(-1, detail.empty() ? "the connection was closed" : detail,
         l.ph != link::phase::connecting);
  counters_.count([why](gate_stats& s) { tally(s, why); });
  log_.closed(why, l.accepted, l.peer, detail, clock::now());
}

} // namespace tofmap::net

#include "actors/net/relay.hpp"

#include <sys/epoll.h>

#include "actors/net/tls.hpp"
#include "actors/net/tls_session.hpp"

namespace tofmap::net {

void relay::queue::compact() {
  if (at == bytes.size()) {
    bytes.clear();
    at = 0;
  } else if (at > 64 * 1024 && at > bytes.size() / 2) {
    bytes.erase(0, at);
    at = 0;
  }
}

relay::relay(int outer, tls_session* tls, int inner, sender_role sender, uint32_t max_message,
             std::size_t buffer)
  : outer_(outer), inner_(inner), tls_(tls), buffer_(buffer), guard_(sender, max_message) {
  // nop
}

relay::outcome relay::pump(char* scratch, std::size_t size) {
  if (const auto out = read_outer(scratch, size); out != outcome::open)
    return out;
  if (!write_inner())
    return outcome::finished;
  read_inner(scratch, size);
  if (!write_outer())
    return outcome::finished;
  if ((outer_eof_ && to_inner_.size() == 0) || (inner_eof_ && to_outer_.size() == 0))
    return outcome::finished;
  return outcome::open;
}

io_result relay::read_peer(char* buf, std::size_t size) {
  return tls_ != nullptr ? tls_->read(buf, size) : read_some(outer_, buf, size);
}

io_result relay::write_peer(const char* data, std::size_t size) {
  return tls_ != nullptr ? tls_->write(data, size) : write_some(outer_, data, size);
}

relay::outcome relay::read_outer(char* scratch, std::size_t size) {
  wants_write_ = false;
  while (!outer_eof_ && to_inner_.size() < buffer_) {
    const auto r = read_peer(scratch, size);
    if (r.status != io_result::moved) {
      wants_write_ = r.status == io_result::want_write;
      outer_eof_ = r.status == io_result::closed;
      break;
    }
    bytes_in_ += r.n;
    if (received_ == 0 && tls_ == nullptr && looks_like_tls(scratch, r.n))
      return outcome::tls_from_peer;
    received_ += r.n;
    error_ = guard_.feed(scratch, r.n, to_inner_.bytes);
    if (!error_.empty())
      return outcome::bad_stream;
  }
  return outcome::open;
}

bool relay::write_inner() {
  while (to_inner_.size() > 0) {
    const auto r = write_some(inner_, to_inner_.bytes.data() + to_inner_.at, to_inner_.size());
    if (r.status == io_result::closed) // CAF closed its end
      return false;
    if (r.status != io_result::moved)
      break;
    to_inner_.at += r.n;
  }
  to_inner_.compact();
  return true;
}

void relay::read_inner(char* scratch, std::size_t size) {
  while (!inner_eof_ && to_outer_.size() < buffer_) {
    const auto r = read_some(inner_, scratch, size);
    if (r.status != io_result::moved) {
      inner_eof_ = r.status == io_result::closed;
      break;
    }
    to_outer_.bytes.append(scratch, r.n);
  }
}

bool relay::write_outer() {
  while (to_outer_.size() > 0) { // EPOLLOUT stays on while anything is left
    const auto r = write_peer(to_outer_.bytes.data() + to_outer_.at, to_outer_.size());
    if (r.status == io_result::closed)
      return false;
    if (r.status != io_result::moved)
      break;
    to_outer_.at += r.n;
    bytes_out_ += r.n;
  }
  to_outer_.compact();
  return true;
}

uint32_t relay::outer_events() const {
  uint32_t events = 0;
  if (!outer_eof_ && to_inner_.size() < buffer_)
    events |= EPOLLIN;
  if (to_outer_.size() > 0 || wants_write_)
    events |= EPOLLOUT;
  return events;
}

uint32_t relay::inner_events() const {
  uint32_t events = 0;
  if (!inner_eof_ && to_outer_.size() < buffer_)
    events |= EPOLLIN;
  if (to_inner_.size() > 0)
    events |= EPOLLOUT;
  return events;
}

uint64_t relay::progress() const {
  return to_inner_.bytes.size() + to_inner_.at + to_outer_.bytes.size() + to_outer_.at
         + (outer_eof_ ? 1 : 0) + (inner_eof_ ? 2 : 0);
}

uint64_t relay::take(uint64_t& n) {
  const auto out = n;
  n = 0;
  return out;
}

} // namespace tofmap::net

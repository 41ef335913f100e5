#include "actors/net/poller.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace tofmap::net {

namespace {

constexpr uint64_t wake_data = 0;

} // namespace

poller::poller() : events_(256) {
  ep_ = ::epoll_create1(EPOLL_CLOEXEC);
  wake_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (ep_ < 0 || wake_ < 0) {
    const auto why = std::string{std::strerror(errno)};
    for (int fd : {ep_, wake_})
      if (fd >= 0)
        ::close(fd);
    throw std::runtime_error("cannot start the network gate: " + why);
  }
  watch(wake_, EPOLLIN, wake_data);
}

poller::~poller() {
  ::close(wake_);
  ::close(ep_);
}

void poller::watch(int fd, uint32_t events, uint64_t data) {
  epoll_event ev{};
  ev.events = events;
  ev.data.u64 = data;
  ::epoll_ctl(ep_, EPOLL_CTL_ADD, fd, &ev);
}

void poller::rewatch(int fd, uint32_t& current, uint32_t wanted, uint64_t data) {
  if (fd < 0 || current == wanted)
    return;
  epoll_event ev{};
  ev.events = wanted;
  ev.data.u64 = data;
  ::epoll_ctl(ep_, EPOLL_CTL_MOD, fd, &ev);
  current = wanted;
}

void poller::forget(int fd) {
  ::epoll_ctl(ep_, EPOLL_CTL_DEL, fd, nullptr);
}

void poller::wait(int timeout_ms, std::vector<std::pair<uint64_t, uint32_t>>& out) {
  out.clear();
  const int n = ::epoll_wait(ep_, events_.data(), static_cast<int>(events_.size()), timeout_ms);
  for (int i = 0; i < n; ++i) {
    // Copies, not references: epoll_event is packed on x86-64, its u64 is not 8-byte aligned.
    const uint64_t data = events_[static_cast<std::size_t>(i)].data.u64;
    const uint32_t events = events_[static_cast<std::size_t>(i)].events;
    if (data != wake_data) {
      out.emplace_back(data, events);
      continue;
    }
    uint64_t x = 0;
    [[maybe_unused]] auto r = ::read(wake_, &x, sizeof x);
  }
}

void poller::wake() {
  uint64_t one = 1;
  [[maybe_unused]] auto n = ::write(wake_, &one, sizeof one);
}

} // namespace tofmap::net

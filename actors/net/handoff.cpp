#include "actors/net/handoff.hpp"

#include <cerrno>
#include <cstring>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>

#include <sys/socket.h>
#include <unistd.h>

#include "caf/all.hpp"
#include "caf/io/all.hpp"
#include "caf/io/basp_broker.hpp"
#include "caf/io/doorman.hpp"
#include "caf/io/network/acceptor_impl.hpp"
#include "caf/io/network/default_multiplexer.hpp"

namespace tofmap::net {

namespace {

namespace network = caf::io::network;

/// What carries one descriptor over the channel: one byte, and room for an SCM_RIGHTS message.
struct fd_message {
  char byte = 'c';
  iovec iov{&byte, 1};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  msghdr msg{};

  fd_message() {
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
  }
  fd_message(const fd_message&) = delete; // msg points into the object itself
  fd_message& operator=(const fd_message&) = delete;
};

/// The accept of the handoff doorman: one descriptor from the channel, if there is one.
struct handoff_policy {
  bool try_accept(network::native_socket& result, network::native_socket channel) {
    fd_message m;
    if (::recvmsg(channel, &m.msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC) <= 0)
      return false;
    for (auto* c = CMSG_FIRSTHDR(&m.msg); c != nullptr; c = CMSG_NXTHDR(&m.msg, c))
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
        int fd = -1;
        std::memcpy(&fd, CMSG_DATA(c), sizeof fd);
        result = fd;
        return true;
      }
    return false;
  }
};

/// A doorman whose connections come from the gate; modelled on CAF's doorman_impl.
class handoff_doorman : public caf::io::doorman {
public:
  handoff_doorman(network::default_multiplexer& mx, int channel, uint16_t port)
    : doorman(network::accept_hdl_from_socket(channel)), acceptor_(mx, channel), port_(port) {
    // nop
  }

  bool new_connection() override {
    if (detached())
      return false;
    auto& dm = acceptor_.backend();
    auto scribe = dm.new_scribe(acceptor_.accepted_socket());
    auto hdl = scribe->hdl();
    parent()->add_scribe(std::move(scribe));
    return doorman::new_connection(&dm, hdl);
  }

  void graceful_shutdown() override {
    acceptor_.graceful_shutdown();
    detach(&acceptor_.backend(), false);
  }

  void launch() override { acceptor_.start(this); }

  std::string addr() const override { return "tofmap-gate"; }

  uint16_t port() const override { return port_; }

  void add_to_loop() override { acceptor_.activate(this); }

  void remove_from_loop() override { acceptor_.passivate(); }

private:
  network::acceptor_impl<handoff_policy> acceptor_;
  uint16_t port_;
};

network::default_multiplexer& multiplexer(caf::actor_system& sys) {
  auto* mx = dynamic_cast<network::default_multiplexer*>(&sys.middleman().backend());
  if (mx == nullptr)
    throw std::runtime_error("the network gate needs CAF's default network backend");
  return *mx;
}

/// Sends `fd` over the channel and closes it here: 0; or EAGAIN (CAF has not taken the ones
/// before yet) or another errno, and `fd` is left open.
int send_fd(int channel, int fd) {
  fd_message m;
  auto* c = CMSG_FIRSTHDR(&m.msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  std::memcpy(CMSG_DATA(c), &fd, sizeof fd);
  if (::sendmsg(channel, &m.msg, MSG_DONTWAIT | MSG_NOSIGNAL) != 1)
    return errno == EWOULDBLOCK ? EAGAIN : errno;
  ::close(fd);
  return 0;
}

} // namespace

caf::actor basp_broker(caf::actor_system& sys) {
  return sys.middleman().named_broker<caf::io::basp_broker>(caf::atom("BASP"));
}

std::function<int(int)> publish_through_gate(caf::actor_system& sys, const caf::actor& whom,
                                             uint16_t port) {
  int channel[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, channel) != 0)
    throw std::runtime_error(std::string{"cannot make the gate's channel to CAF: "}
                             + std::strerror(errno));
  auto door = caf::make_counted<handoff_doorman>(multiplexer(sys), channel[1], port);
  caf::io::doorman_ptr ptr{door};
  caf::anon_send(basp_broker(sys), caf::publish_atom_v, std::move(ptr), port,
                 caf::actor_cast<caf::strong_actor_ptr>(whom), whom->message_types());
  auto gate_end = std::shared_ptr<int>(new int{channel[0]}, [](int* fd) {
    ::close(*fd);
    delete fd;
  });
  return [gate_end](int fd) { return send_fd(*gate_end, fd); };
}

void make_scribe(caf::actor_system& sys, int fd, std::function<void(caf::io::scribe_ptr)> ready) {
  auto& mx = multiplexer(sys);
  auto scribe = mx.new_scribe(fd);
  // set_context makes the connection's context with last_seen = now (or sets last_seen to now):
  // on the broker's thread, before the connect request exists.
  mx.dispatch([broker = basp_broker(sys), scribe = std::move(scribe), ready = std::move(ready)] {
    auto* ptr = static_cast<caf::io::basp_broker*>(caf::actor_cast<caf::abstract_actor*>(broker));
    if (!ptr->getf(caf::abstract_actor::is_terminated_flag))
      ptr->set_context(scribe->hdl());
    ready(scribe);
  });
}

} // namespace tofmap::net

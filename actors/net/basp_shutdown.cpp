#include "actors/net/basp_shutdown.hpp"

#include <future>

#include "caf/all.hpp"
#include "caf/detail/sync_request_bouncer.hpp"
#include "caf/io/all.hpp"

#include "actors/net/handoff.hpp"

namespace tofmap::net {

namespace {

/// What scheduled_actor::cleanup does and abstract_broker::cleanup skips: closes the mailbox
/// (later messages are dropped, requests answered with an error) and drops what is in it.
/// (This file is built without UBSan's vptr check: CAF's mailbox queues cast their sentinel
/// nodes to the element type, task_queue::promote, only to compare them.)
void close_mailbox(caf::io::abstract_broker& broker) {
  auto& mailbox = broker.mailbox();
  if (mailbox.closed())
    return;
  mailbox.close();
  broker.get_normal_queue().flush_cache();
  broker.get_urgent_queue().flush_cache();
  caf::detail::sync_request_bouncer bounce{caf::exit_reason::user_shutdown};
  while (mailbox.queue().new_round(1000, bounce).consumed_items)
    ; // nop
}

} // namespace

void stop_basp(caf::actor_system& sys) {
  auto& backend = sys.middleman().backend();
  auto handle = basp_broker(sys);
  auto* broker = static_cast<caf::io::abstract_broker*>(
    caf::actor_cast<caf::abstract_actor*>(handle));
  std::promise<void> stopped;
  auto stop = [&] {
    if (!broker->getf(caf::abstract_actor::is_terminated_flag)) {
      broker->context(&backend);
      broker->quit(caf::exit_reason::user_shutdown);
      broker->finalize();
    }
    close_mailbox(*broker);
    stopped.set_value();
  };
  // As middleman::stop() does it, on the multiplexer's thread after what is queued there; and in
  // the round after that, once the connections launched meanwhile are in the loop (CAF 0.17.6's
  // multiplexer drops a launch and a close of one round as a no-op and does not tell the scribe,
  // which then keeps itself).
  backend.post([&backend, stop] { backend.post(stop); });
  stopped.get_future().wait();
}

basp_shutdown::~basp_shutdown() {
  sys_.await_all_actors_done();
  try {
    stop_basp(sys_);
  } catch (const std::exception&) {
    // no memory left to post it: middleman::stop() stops the broker as before
  }
}

} // namespace tofmap::net

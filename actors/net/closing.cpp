#include "actors/net/closing.hpp"

#include "actors/count_text.hpp"

namespace tofmap::net {

void tally(gate_stats& stats, closing why) {
  switch (why) {
    case closing::normal:
    case closing::failed:
      return;
    case closing::timed_out:
      ++stats.timed_out;
      return;
    case closing::evicted:
      ++stats.evicted;
      return;
    case closing::bad_stream:
      ++stats.bad_stream;
      return;
    case closing::tls_failed:
      ++stats.tls_failed;
      return;
  }
}

close_log::close_log(sink out) : out_(std::move(out)) {
  // nop
}

void close_log::line(const std::string& text) const {
  if (out_)
    out_(text);
}

void close_log::closed(closing why, bool accepted, const std::string& peer,
                       const std::string& detail, clock::time_point now) {
  const char* what = nullptr;
  switch (why) {
    case closing::normal:
    case closing::failed:
      return;
    case closing::tls_failed:
      if (accepted)
        refusal(peer, detail, now);
      return; // of a connection this side made: the node says why
    case closing::timed_out:
      what = "timed out";
      break;
    case closing::evicted:
      what = "evicted";
      break;
    case closing::bad_stream:
      what = "refused";
      break;
  }
  if (logged_.insert(why).second)
    line("closed the connection " + std::string{accepted ? "from " : "to "} + peer + " (" + what
         + "): " + detail + (accepted ? "; further ones are counted, not logged" : ""));
}

void close_log::refusal(const std::string& peer, const std::string& detail, clock::time_point now) {
  auto key = refusals_.size() < max_reasons || refusals_.count(detail) > 0 ? detail : "";
  auto i = refusals_.try_emplace(std::move(key), 3, std::chrono::minutes{1}).first;
  uint64_t held = 0;
  if (!i->second.allow(now, held))
    return;
  const auto more = held > 0 ? " (" + count_text(held, "more refusal")
                                 + " for this reason since the last line)"
                             : std::string{};
  line("closed the connection from " + peer + " (refused): " + detail + more);
}

std::string unanswered_reason(const std::string& tls_failure, const std::string& detail,
                              uint64_t received, bool tls) {
  if (!tls_failure.empty())
    return tls_failure;
  if (!detail.empty())
    return detail;
  if (received > 0)
    return "the coordinator closed the connection during the handshake";
  if (tls)
    return "TLS: the coordinator closed the connection after the TLS handshake, before its "
           "own: it may have refused this node's certificate (its log says why)";
  return "the coordinator closed the connection before its handshake: it may require TLS, "
         "which this node has no [tls] for, or have refused the connection (its log says why)";
}

std::string tls_peer_refusal(bool accepted) {
  if (accepted)
    return "it speaks TLS and this coordinator has no [tls] (a node with [tls]?)";
  return "TLS: the coordinator requires TLS and this node has no [tls]: give it [tls] ca, cert and "
         "key from the coordinator's certificate authority (tofmap certs makes them)";
}

} // namespace tofmap::net

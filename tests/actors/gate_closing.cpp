#define CAF_SUITE actors.gate_closing

#include "caf/test/unit_test.hpp"

#include <string>
#include <vector>

#include "actors/net/closing.hpp"

// How the gate accounts for the connections it closes: one log line for the first of each kind
// (then counted only), TLS refusals with their reason, rate-limited one reason at a time, and what
// a node is told when the coordinator ended a connection before answering.

using namespace tofmap::net;
using namespace std::chrono_literals;

namespace {

const close_log::clock::time_point t0{std::chrono::hours{1}};

struct fixture {
  std::vector<std::string> lines;
  close_log log{[this](const std::string& line) { lines.push_back(line); }};
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(gate_closing_tests, fixture)

CAF_TEST(the first connection closed of each kind is logged and the rest only counted) {
  for (int i = 0; i < 3; ++i)
    log.closed(closing::timed_out, true, "192.0.2.1:4000", "no handshake within 5000 ms", t0);
  log.closed(closing::evicted, true, "192.0.2.2:4000", "more than 64 connections", t0);
  log.closed(closing::bad_stream, true, "192.0.2.3:4000", "a routed message", t0);
  log.closed(closing::bad_stream, true, "192.0.2.4:4000", "a routed message", t0);
  CAF_REQUIRE_EQUAL(lines.size(), 3u);
  CAF_CHECK_EQUAL(lines[0], "closed the connection from 192.0.2.1:4000 (timed out): no handshake "
                            "within 5000 ms; further ones are counted, not logged");
  CAF_CHECK_EQUAL(lines[1], "closed the connection from 192.0.2.2:4000 (evicted): more than 64 "
                            "connections; further ones are counted, not logged");
  CAF_CHECK_EQUAL(lines[2], "closed the connection from 192.0.2.3:4000 (refused): a routed "
                            "message; further ones are counted, not logged");
}

CAF_TEST(normal and failed closes are not logged and a connection made says to) {
  log.closed(closing::normal, true, "p", "", t0);
  log.closed(closing::failed, false, "p", "cannot connect", t0);
  log.closed(closing::tls_failed, false, "coordinator:4242", "TLS: refused", t0); // the node says
  CAF_CHECK(lines.empty());
  log.closed(closing::bad_stream, false, "coordinator:4242", "a client handshake", t0);
  CAF_REQUIRE_EQUAL(lines.size(), 1u);
  CAF_CHECK_EQUAL(lines[0], "closed the connection to coordinator:4242 (refused): a client "
                            "handshake");
}

CAF_TEST(each TLS refusal reason passes three times then once a minute with the count held) {
  for (int i = 0; i < 5; ++i)
    log.closed(closing::tls_failed, true, "192.0.2.9:5000", "TLS: it presented no certificate", t0);
  log.closed(closing::tls_failed, true, "192.0.2.8:5000", "TLS: another reason", t0 + 1s);
  CAF_REQUIRE_EQUAL(lines.size(), 4u); // a flood of one reason hides no other
  CAF_CHECK_EQUAL(lines[0], "closed the connection from 192.0.2.9:5000 (refused): TLS: it "
                            "presented no certificate");
  CAF_CHECK_EQUAL(lines[3], "closed the connection from 192.0.2.8:5000 (refused): TLS: another "
                            "reason");
  log.closed(closing::tls_failed, true, "192.0.2.9:5000", "TLS: it presented no certificate",
             t0 + 61s);
  CAF_REQUIRE_EQUAL(lines.size(), 5u);
  CAF_CHECK_EQUAL(lines[4], "closed the connection from 192.0.2.9:5000 (refused): TLS: it "
                            "presented no certificate (2 more refusals for this reason since the "
                            "last line)");
}

CAF_TEST(beyond max_reasons distinct reasons share one limit) {
  for (std::size_t i = 0; i < close_log::max_reasons; ++i)
    log.closed(closing::tls_failed, true, "p", "reason " + std::to_string(i), t0);
  CAF_CHECK_EQUAL(lines.size(), close_log::max_reasons);
  for (int i = 0; i < 10; ++i)
    log.closed(closing::tls_failed, true, "p", "more " + std::to_string(i), t0);
  CAF_CHECK_EQUAL(lines.size(), close_log::max_reasons + 3);
  log.closed(closing::tls_failed, true, "p", "reason 7", t0); // a known reason keeps its own
  CAF_CHECK_EQUAL(lines.size(), close_log::max_reasons + 4);
}

CAF_TEST(each reason counts in its own counter) {
  gate_stats s;
  for (auto why : {closing::normal, closing::failed, closing::timed_out, closing::evicted,
                   closing::evicted, closing::bad_stream, closing::tls_failed})
    tally(s, why);
  CAF_CHECK_EQUAL(s.timed_out, 1u);
  CAF_CHECK_EQUAL(s.evicted, 2u);
  CAF_CHECK_EQUAL(s.bad_stream, 1u);
  CAF_CHECK_EQUAL(s.tls_failed, 1u);
  CAF_CHECK_EQUAL(s.accepted + s.handed_over + s.handshakes + s.refused, 0u);
}

CAF_TEST(a node learns the most precise reason the coordinator did not answer) {
  CAF_CHECK_EQUAL(unanswered_reason("TLS: refused", "detail", 10, true), "TLS: refused");
  CAF_CHECK_EQUAL(unanswered_reason("", "detail", 10, true), "detail");
  CAF_CHECK_EQUAL(unanswered_reason("", "", 10, false),
                  "the coordinator closed the connection during the handshake");
  CAF_CHECK(unanswered_reason("", "", 0, true).find("it may have refused this node's certificate")
            != std::string::npos);
  CAF_CHECK(unanswered_reason("", "", 0, false).find("it may require TLS") != std::string::npos);
}

CAF_TEST(a peer speaking TLS to a plain end is told what to change) {
  CAF_CHECK_EQUAL(tls_peer_refusal(true),
                  "it speaks TLS and this coordinator has no [tls] (a node with [tls]?)");
  CAF_CHECK(tls_peer_refusal(false).find("TLS: the coordinator requires TLS and this node has no "
                                         "[tls]")
            == 0);
}

CAF_TEST(a silent log takes lines and drops them) {
  close_log silent{nullptr};
  silent.line("nothing");
  silent.closed(closing::timed_out, true, "p", "d", t0);
  CAF_CHECK(lines.empty());
}

CAF_TEST_FIXTURE_SCOPE_END()

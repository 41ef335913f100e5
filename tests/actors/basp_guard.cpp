#define CAF_SUITE actors.basp_guard

#include "caf/test/dsl.hpp"

#include <string>
#include <vector>

#include "caf/binary_serializer.hpp"
#include "caf/io/basp/header.hpp"

#include "actors/net/basp_guard.hpp"
#include "actors/protocol/messages.hpp"

// The gate's check of what a peer sends, on bytes that CAF's own serializer wrote: what tofmap's
// nodes send passes unchanged, byte for byte and however the stream is cut; what would make CAF
// allocate without bound, or is not tofmap's protocol, stops the stream before its header.

using namespace tofmap;
using namespace tofmap::net;
using caf::io::basp::header;
using caf::io::basp::message_type;

namespace {

struct test_config : caf::actor_system_config {
  test_config() { add_message_types<caf::id_block::tofmap>(); }
};

struct fixture : test_coordinator_fixture<test_config> {
  static constexpr uint32_t max_message = 1 << 20;

  /// A BASP frame as CAF writes it: the header, then `payload`.
  std::string frame(message_type op, const std::string& payload, uint8_t flags = 0,
                    uint64_t source = 7, uint64_t dest = 9) {
    header hdr{op, flags, static_cast<uint32_t>(payload.size()), 0, source, dest};
    if (op == message_type::direct_message)
      hdr.operation_data = caf::message_id::default_async_value; // as every tofmap message
    if (caf::io::basp::is_handshake(hdr) || caf::io::basp::is_heartbeat(hdr)) {
      // no actors; the server says BASP's version
      hdr.source_actor = 0;
      hdr.dest_actor = 0;
      if (op == message_type::server_handshake)
        hdr.operation_data = 3;
    }
    std::vector<char> buf;
    caf::binary_serializer sink{sys, buf};
    CAF_REQUIRE(!sink(hdr));
    CAF_REQUIRE_EQUAL(buf.size(), basp_guard::header_size);
    return std::string{buf.begin(), buf.end()} + payload;
  }

  /// A header claiming `length` payload bytes, without them.
  std::string bare_header(message_type op, uint32_t length) {
    auto f = frame(op, "");
    f[4] = static_cast<char>(length >> 24);
    f[5] = static_cast<char>(length >> 16);
    f[6] = static_cast<char>(length >> 8);
    f[7] = static_cast<char>(length);
    return f;
  }

  /// The payload of a direct message as CAF writes it: forwarding stack, then the message.
  std::string direct_payload(const caf::message& msg) {
    std::vector<char> buf;
    caf::binary_serializer sink{sys, buf};
    std::vector<caf::strong_actor_ptr> stack;
    auto copy = msg;
    CAF_REQUIRE(!sink(stack, copy));
    return {buf.begin(), buf.end()};
  }

  /// A client's handshake: a node id's worth of bytes (the guard does not look inside).
  std::string client_handshake() {
    return frame(message_type::client_handshake, std::string(32, '\x01'));
  }

  task_result result() {
    task_result r;
    r.id = 3;
    r.count = 2;
    r.values = {to_bits(1.5), to_bits(-0.0), to_bits(2.5), to_bits(3.5)};
    r.status = std::string{"\x00\x01", 2};
    return r;
  }

  /// Feeds `bytes` in pieces of `piece` bytes; returns what passed and sets `error`.
  std::string feed(basp_guard& g, const std::string& bytes, std::size_t piece, std::string& error) {
    std::string out;
    for (std::size_t at = 0; at < bytes.size() && error.empty(); at += piece)
      error = g.feed(bytes.data() + at, std::min(piece, bytes.size() - at), out);
    return out;
  }
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(basp_guard_tests, fixture)

CAF_TEST(the messages of a node pass unchanged however the stream is cut) {
  const auto stream
    = client_handshake() + client_handshake() // CAF 0.17.6 clients send it twice
      + frame(message_type::direct_message, direct_payload(caf::make_message(result())))
      + frame(message_type::direct_message,
              direct_payload(caf::make_message(ready_atom_v, int32_t{4})))
      + frame(message_type::heartbeat, "")
      + frame(message_type::direct_message, direct_payload(caf::make_message(node_hello{})));
  for (std::size_t piece : {std::size_t{1}, std::size_t{7}, std::size_t{33}, stream.size()}) {
    basp_guard g{sender_role::client, max_message};
    std::string error;
    CAF_CHECK_EQUAL(feed(g, stream, piece, error), stream);
    CAF_CHECK_EQUAL(error, "");
    CAF_CHECK_EQUAL(g.messages(), 6u);
    CAF_CHECK(g.handshake_done());
  }
}

CAF_TEST(a header announcing 4 GiB stops the stream before it) {
  for (auto first : {true, false}) {
    basp_guard g{sender_role::client, max_message};
    const auto start = first ? std::string{} : client_handshake();
    const auto op = first ? message_type::client_handshake : message_type::direct_message;
    std::string error;
    const auto out = feed(g, start + bare_header(op, 0xffffffffu), 5, error);
    CAF_CHECK_EQUAL(out, start);
    CAF_CHECK(error.find("4294967295 bytes, more than") != std::string::npos);
    std::string more;
    CAF_CHECK_EQUAL(g.feed("x", 1, more), error); // the stream stays stopped
    CAF_CHECK(more.empty());
  }
}

CAF_TEST(a message one byte over max_message is refused and one at it is not ) {
  basp_guard g{sender_role::client, 1000};
  std::string out;
  const auto hs = client_handshake();
  CAF_REQUIRE_EQUAL(g.feed(hs.data(), hs.size(), out), "");
  const auto over = bare_header(message_type::direct_message, 1001);
  CAF_CHECK_EQUAL(g.feed(over.data(), over.size(), out),
                  "a message of 1001 bytes, more than [cluster] max_message = 1000");
  basp_guard h{sender_role::client, 1000};
  out.clear();
  CAF_REQUIRE_EQUAL(h.feed(hs.data(), hs.size(), out), "");
  const auto at = bare_header(message_type::heartbeat, 0);
  CAF_CHECK_EQUAL(h.feed(at.data(), at.size(), out), "");
}

CAF_TEST(random bytes and a missing handshake are refused) {
  basp_guard g{sender_role::client, max_message};
  std::string out;
  const std::string junk = "GET / HTTP/1.1\r\nHost: example.org\r\n\r\n";
  CAF_CHECK(!g.feed(junk.data(), junk.size(), out).empty());
  CAF_CHECK(out.empty());
  basp_guard h{sender_role::client, max_message};
  const auto direct = frame(message_type::direct_message, "x");
  CAF_CHECK_EQUAL(h.feed(direct.data(), direct.size(), out),
                  "a direct message where the client handshake must come first");
  basp_guard s{sender_role::server, max_message};
  const auto hs = client_handshake();
  CAF_CHECK_EQUAL(s.feed(hs.data(), hs.size(), out),
                  "a client handshake where the server handshake must come first");
}

CAF_TEST(only the element types of the tofmap protocol pass) {
  auto with = [&](const caf::message& msg) {
    basp_guard g{sender_role::client, max_message};
    std::string out;
    const auto bytes = client_handshake()
                       + frame(message_type::direct_message, direct_payload(msg));
    return g.feed(bytes.data(), bytes.size(), out);
  };
  CAF_CHECK_EQUAL(with(caf::make_message(model_mismatch{})), "");
  CAF_CHECK_EQUAL(with(caf::make_message(done_atom_v)), "");
  // CAF resizes a byte vector to whatever length is written: never let one through.
  CAF_CHECK_EQUAL(with(caf::make_message(std::vector<char>{'a', 'b'})),
                  "a direct message with an element of type '@charbuf', which is not in "
                  "tofmap's protocol");
  CAF_CHECK(with(caf::make_message(caf::error{})).find("not in tofmap's protocol")
            != std::string::npos);
  CAF_CHECK(with(caf::make_message(int64_t{1})).find("'@i64'") != std::string::npos);
}

CAF_TEST(other messages to named receivers are dropped and the stream goes on) {
  basp_guard g{sender_role::client, max_message};
  const auto named = frame(message_type::direct_message,
                           direct_payload(caf::make_message(done_atom_v, std::string{"info"})),
                           header::named_receiver_flag);
  const auto hb = frame(message_type::heartbeat, "");
  const auto stream = client_handshake() + named + hb;
  std::string error;
  CAF_CHECK_EQUAL(feed(g, stream, 3, error), client_handshake() + hb);
  CAF_CHECK_EQUAL(error, "");
  CAF_CHECK_EQUAL(g.dropped(), 1u);
}

CAF_TEST(the spawn server handshake of CAF passes a few times per connection) {
  // (sys_atom, get_atom, "info") to a named receiver, answered by (ok_atom, "info", an actor
  // handle, a name): unanswered, CAF's asking actor keeps the BASP broker alive at exit.
  basp_guard g{sender_role::client, max_message};
  const auto ask
    = frame(message_type::direct_message,
            direct_payload(caf::make_message(done_atom_v, done_atom_v, std::string{"info"})),
            header::named_receiver_flag);
  const auto answer = frame(message_type::direct_message,
                            direct_payload(caf::make_message(done_atom_v, std::string{"info"},
                                                             caf::strong_actor_ptr{},
                                                             std::string{"x"})));
  std::string error;
  const auto stream = client_handshake() + ask + answer;
  CAF_CHECK_EQUAL(feed(g, stream, 5, error), stream);
  CAF_CHECK_EQUAL(error, "");
  std::string out;
  CAF_CHECK_EQUAL(g.feed(ask.data(), ask.size(), out), "");
  CAF_CHECK_EQUAL(g.feed(answer.data(), answer.size(), out), "");
  CAF_CHECK(g.feed(ask.data(), ask.size(), out).find("spawn-server handshake")
            != std::string::npos);
}

CAF_TEST(routed messages forwarding stacks and too many source actors are refused) {
  std::string out;
  {
    basp_guard g{sender_role::client, max_message};
    const auto bytes = client_handshake() + frame(message_type::routed_message, "xyz");
    CAF_CHECK_EQUAL(g.feed(bytes.data(), bytes.size(), out),
                    "a routed message after the handshake");
  }
  {
    basp_guard g{sender_role::client, max_message};
    auto payload = direct_payload(caf::make_message(done_atom_v));
    payload[0] = 1; // one forwarding-stack entry
    const auto bytes = client_handshake() + frame(message_type::direct_message, payload);
    CAF_CHECK_EQUAL(g.feed(bytes.data(), bytes.size(), out),
                    "a direct message with a forwarding stack");
  }
  {
    basp_guard g{sender_role::client, max_message};
    auto hs = client_handshake();
    CAF_REQUIRE_EQUAL(g.feed(hs.data(), hs.size(), out), "");
    const auto payload = direct_payload(caf::make_message(done_atom_v));
    std::string error;
    uint64_t source = 1;
    for (; source <= basp_guard::max_source_actors + 1 && error.empty(); ++source) {
      const auto f = frame(message_type::direct_message, payload, 0, source);
      error = g.feed(f.data(), f.size(), out);
    }
    CAF_CHECK_EQUAL(source - 1, basp_guard::max_source_actors + 1);
    CAF_CHECK_EQUAL(error, "more than 4096 source actors");
  }
}

CAF_TEST(a message without its payload is refused) {
  // A client handshake of 0 bytes made CAF dereference a null payload (fuzz.network_input).
  std::string out;
  for (auto op : {message_type::client_handshake, message_type::monitor_message,
                  message_type::down_message, message_type::direct_message}) {
    basp_guard g{sender_role::client, max_message};
    const auto bytes = client_handshake() + bare_header(op, 0);
    CAF_CHECK(g.feed(bytes.data(), bytes.size(), out).find(" without payload")
              != std::string::npos);
  }
  basp_guard g{sender_role::client, max_message};
  const auto first = bare_header(message_type::client_handshake, 0);
  CAF_CHECK_EQUAL(g.feed(first.data(), first.size(), out), "a client handshake without payload");
}

CAF_TEST(only plain asynchronous message ids pass) {
  // A stream message id on a message that is not a stream message crashed the coordinator
  // (CAF 0.17's mailbox; found by fuzz.network_input).
  const auto payload = direct_payload(caf::make_message(done_atom_v));
  for (uint64_t id : {uint64_t{0}, uint64_t{0x3000000000000000}, uint64_t{0x2000000000000000},
                      uint64_t{0x1000000000000001}, uint64_t{0x9000000000000000}}) {
    basp_guard g{sender_role::client, max_message};
    auto bytes = client_handshake() + frame(message_type::direct_message, payload);
    for (int i = 0; i < 8; ++i) // operation_data: bytes 8..15 of the second header
      bytes[client_handshake().size() + 8 + static_cast<std::size_t>(i)] = static_cast<char>(
        id >> (56 - 8 * i));
    std::string out;
    CAF_CHECK(g.feed(bytes.data(), bytes.size(), out).find("only plain asynchronous messages")
              != std::string::npos);
  }
}

CAF_TEST(a coordinator must open with its handshake) {
  basp_guard g{sender_role::server, max_message};
  std::string error;
  const auto stream = frame(message_type::server_handshake, std::string(40, '\x02'))
                      + frame(message_type::direct_message,
                              direct_payload(caf::make_message(task{1, 0, 5, 2})));
  CAF_CHECK_EQUAL(feed(g, stream, 11, error), stream);
  CAF_CHECK_EQUAL(error, "");
}

CAF_TEST_FIXTURE_SCOPE_END()

#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_set>

namespace caf::io::basp {
struct header;
} // namespace caf::io::basp

/// Checks the BASP stream one peer sends, before CAF sees a byte of it.
///
/// CAF 0.17's BASP broker trusts a message header's payload length: it allocates (and zeroes) that
/// many bytes before it reads them, up to 4 GiB from a 32-byte header, and nothing in CAF 0.17.6
/// bounds it (no config key; `basp_broker` calls `configure_read(exactly(payload_len))`). Its
/// deserializer trusts lengths too: a `std::vector<char>` or `std::vector<uint8_t>` is resized to
/// whatever length the sender writes before the bytes are checked, and every new source actor id
/// makes a proxy. The gate (gate.hpp) therefore passes a peer's bytes to CAF only through this
/// check. A header is held back until it is whole, and with it the start of the payload where a
/// message declares its types; they pass only if all of this holds:
///
/// - the header is one CAF itself accepts (caf::io::basp::valid);
/// - a client's first message is its handshake (CAF 0.17.6 clients send it again once the server's
///   has arrived, which is allowed), a server's first message is its handshake; handshakes have at
///   most 64 KiB;
/// - after that: direct messages, monitor and down messages, heartbeats — no routed messages
///   (tofmap's nodes always talk directly) — and the payload is at most `max_payload` bytes;
/// - a direct message is a plain asynchronous one (no request, response, urgent or stream
///   message id: CAF 0.17's mailbox crashes on a stream id whose message is not a stream
///   message), has an empty forwarding stack and declares only the element types of
///   tofmap's protocol (@atom, @i32, @str and the tofmap:: types), none of which CAF 0.17 loads by
///   allocating a length the sender claims; the exception is CAF's spawn-server handshake (a
///   question to a named receiver and its answer, which carries one actor handle), allowed a few
///   times per connection; other messages to named receivers are dropped, not passed on;
/// - every message but a heartbeat has a payload (CAF 0.17.6 dereferences a missing one), a
///   heartbeat has none;
/// - a monitor or down message has at most 1 KiB, and a down message's error carries no context;
/// - one connection uses at most `max_source_actors` distinct source actor ids.
///
/// A BASP header is 32 bytes, integers in network byte order (caf/io/basp/header.hpp):
///
///     u8 operation, u8 padding, u8 padding, u8 flags, u32 payload_len, u64 operation_data,
///     u64 source_actor, u64 dest_actor
///
/// A direct message's payload starts with its forwarding stack (a count, varbyte), then the
/// message: u16 0, the type list as a string (varbyte length, "@<>+type+type..."), the values.
namespace tofmap::net {

/// Who sends the checked stream: a node that connected to us (its first message is BASP's client
/// handshake) or the coordinator we connected to (its first message is the server handshake).
enum class sender_role : uint8_t { client, server };

class basp_guard {
public:
  static constexpr std::size_t header_size = 32;
  /// Largest handshake payload (a node id, application ids, an actor id and interface names:
  /// about 100 bytes in practice).
  static constexpr uint32_t max_handshake = 64 * 1024;
  /// Largest monitor or down message payload (two node ids and an error: about 80 bytes).
  static constexpr uint32_t max_control = 1024;
  /// Distinct source actor ids one connection may use (each makes CAF keep a proxy).
  static constexpr std::size_t max_source_actors = 4096;
  /// Messages of CAF's spawn-server handshake one connection may send (one of each in practice).
  static constexpr uint32_t max_caf_handshakes = 4;

  /// `max_payload`: the largest payload of a message after the handshake ([cluster] max_message).
  basp_guard(sender_role sender, uint32_t max_payload);

  /// Checks `n` more bytes of the stream and appends those that may pass to `out`. Returns an
  /// empty string while the stream is good; otherwise why not, and nothing from the bad message
  /// on is appended (the connection must be closed).
  std::string feed(const char* data, std::size_t n, std::string& out);

  /// The first message (the handshake) has passed whole.
  bool handshake_done() const { return messages_ > 0; }

  /// Messages that have passed whole, and messages dropped.
  uint64_t messages() const { return messages_; }
  uint64_t dropped() const { return dropped_; }

private:
  enum class state { header, prefix, payload };
  enum class verdict { pass, drop, more };

  std::string check_header();
  std::string check_operation(const caf::io::basp::header& hdr);
  std::string check_direct_header(const caf::io::basp::header& hdr);
  verdict check_prefix(std::string& error);
  verdict check_control(std::string& error) const;
  verdict check_types(const std::string& types, std::string& error);
  void feed_header(const char*& data, std::size_t& n, std::string& out);
  void feed_prefix(const char*& data, std::size_t& n, std::string& out);
  void feed_payload(const char*& data, std::size_t& n, std::string& out);
  void end_message();
  void release_held(std::string& out);

  sender_role sender_;
  uint32_t max_payload_;
  state state_ = state::header;
  std::string held_; // the header, then the payload's start, not yet passed on
  uint8_t operation_ = 0;
  uint8_t flags_ = 0;
  uint64_t payload_left_ = 0; // of the current message, after held_
  bool dropping_ = false;     // the current message is skipped, not passed on
  uint64_t messages_ = 0;
  uint64_t dropped_ = 0;
  uint32_t caf_handshakes_ = 0;
  std::unordered_set<uint64_t> sources_;
  std::string error_; // sticky
};

/// The element types a direct message may declare (tofmap's protocol), e.g. "tofmap::task".
bool allowed_element_type(const std::string& name);

} // namespace tofmap::net

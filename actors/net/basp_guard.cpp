#include "actors/net/basp_guard.hpp"

#include <algorithm>
#include <cstdio>
#include <unordered_set>

#include "caf/io/basp/header.hpp"
#include "caf/message_id.hpp"

namespace tofmap::net {

namespace {

using caf::io::basp::message_type;

template <class T>
T big_endian(const unsigned char* p) {
  T x = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i)
    x = static_cast<T>((x << 8) | p[i]);
  return x;
}

std::string hex(const unsigned char* p, std::size_t n) {
  std::string out;
  char buf[4];
  for (std::size_t i = 0; i < n; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", p[i]);
    out += buf;
  }
  return out;
}

const char* name_of(message_type t) {
  switch (t) {
    case message_type::server_handshake:
      return "server handshake";
    case message_type::client_handshake:
      return "client handshake";
    case message_type::direct_message:
      return "direct message";
    case message_type::routed_message:
      return "routed message";
    case message_type::monitor_message:
      return "monitor message";
    case message_type::down_message:
      return "down message";
    case message_type::heartbeat:
      return "heartbeat";
  }
  return "unknown operation";
}

/// Reads a varbyte (CAF 0.17's sequence sizes) at `i`; false if the bytes end first.
bool varbyte(const std::string& b, std::size_t& i, uint32_t& x) {
  x = 0;
  for (int shift = 0; shift < 35; shift += 7) {
    if (i >= b.size())
      return false;
    const auto c = static_cast<uint8_t>(b[i++]);
    x |= static_cast<uint32_t>(c & 0x7f) << shift;
    if ((c & 0x80) == 0)
      return true;
  }
  return true; // overlong: the value is checked by the caller
}

} // namespace

bool allowed_element_type(const std::string& name) {
  static const std::unordered_set<std::string> allowed{
    "@atom",
    "@i32",
    "@str",
    "tofmap::node_hello",
    "tofmap::welcome",
    "tofmap::refusal",
    "tofmap::model_mismatch",
    "tofmap::task",
    "tofmap::task_result",
  };
  return allowed.count(name) > 0;
}

basp_guard::basp_guard(sender_role sender, uint32_t max_payload)
  : sender_(sender), max_payload_(max_payload) {
  // nop
}

std::string basp_guard::check_header() {
  const auto* h = reinterpret_cast<const unsigned char*>(held_.data());
  caf::io::basp::header hdr;
  hdr.operation = static_cast<message_type>(h[0]);
  hdr.padding1 = h[1];
  hdr.padding2 = h[2];
  hdr.flags = h[3];
  hdr.payload_len = big_endian<uint32_t>(h + 4);
  hdr.operation_data = big_endian<uint64_t>(h + 8);
  hdr.source_actor = big_endian<uint64_t>(h + 16);
  hdr.dest_actor = big_endian<uint64_t>(h + 24);
  if (h[0] > static_cast<uint8_t>(message_type::heartbeat))
    return "not a BASP message header (" + hex(h, 8) + "...)";
  const auto op = hdr.operation;
  operation_ = h[0];
  flags_ = h[3];
  payload_left_ = hdr.payload_len;
  if (auto error = check_operation(hdr); !error.empty())
    return error;
  // Every message but a heartbeat has a payload, which CAF deserializes without checking that
  // it is there: a handshake, monitor or down message of 0 bytes made CAF 0.17.6 dereference a
  // null payload (found by fuzz.network_input: SEGV in basp::instance::handle).
  if ((op == message_type::heartbeat) != (hdr.payload_len == 0))
    return std::string{"a "} + name_of(op)
           + (hdr.payload_len == 0 ? " without payload" : " with a payload");
  if (!caf::io::basp::valid(hdr))
    return std::string{"an invalid "} + name_of(op) + " header (" + hex(h, header_size) + ")";
  return {};
}

/// What this operation may be here: the handshake first, then the messages and their bounds.
std::string basp_guard::check_operation(const caf::io::basp::header& hdr) {
  const auto op = hdr.operation;
  auto too_long = [&](const char* what, uint32_t limit, const char* key) {
    return std::string{"a "} + what + " of " + std::to_string(hdr.payload_len)
           + " bytes, more than " + key + std::to_string(limit);
  };
  if (messages_ == 0) {
    const auto expected = sender_ == sender_role::client ? message_type::client_handshake
                                                         : message_type::server_handshake;
    if (op != expected)
      return std::string{"a "} + name_of(op) + " where the " + name_of(expected)
             + " must come first";
    if (hdr.payload_len > max_handshake)
      return too_long("handshake", max_handshake, "");
  } else if (op == message_type::client_handshake && sender_ == sender_role::client) {
    // CAF 0.17.6 clients send it twice: at once, and again (select_connection_flag) after the
    // server's handshake.
    if (hdr.payload_len > max_handshake)
      return too_long("handshake", max_handshake, "");
  } else if (op == message_type::direct_message) {
    if (hdr.payload_len > max_payload_)
      return too_long("message", max_payload_, "[cluster] max_message = ");
    return check_direct_header(hdr);
  } else if (op == message_type::monitor_message || op == message_type::down_message) {
    if (hdr.payload_len > max_control)
      return too_long(name_of(op), max_control, "");
  } else if (op != message_type::heartbeat) {
    return std::string{"a "} + name_of(op) + " after the handshake";
  }
  return {};
}

std::string basp_guard::check_direct_header(const caf::io::basp::header& hdr) {
  // The message id: tofmap's nodes send only plain asynchronous messages. A stream, urgent,
  // request or response id on a message that is not one crashes CAF 0.17's mailbox (found by
  // fuzz.network_input: SEGV in downstream_messages::id_of).
  if (hdr.operation_data != caf::message_id::default_async_value)
    return "a direct message with message id "
           + hex(reinterpret_cast<const unsigned char*>(held_.data()) + 8, 8)
           + " (only plain asynchronous messages are allowed)";
  if (sources_.insert(hdr.source_actor).second && sources_.size() > max_source_actors)
    return "more than " + std::to_string(max_source_actors) + " source actors";
  return {};
}

/// A monitor or down message, all of it held: a down message's error carries no context.
basp_guard::verdict basp_guard::check_control(std::string& error) const {
  if (payload_left_ > 0)
    return verdict::more;
  if (static_cast<message_type>(operation_) == message_type::down_message)
    for (auto at = held_.find("@<>", header_size); at != std::string::npos;
         at = held_.find("@<>", at + 1))
      if (at < header_size + 3 || held_[at - 3] != 0 || held_[at - 2] != 0 || held_[at - 1] != 3) {
        error = "a down message whose error carries a message";
        return verdict::pass;
      }
  return verdict::pass;
}

basp_guard::verdict basp_guard::check_prefix(std::string& error) {
  if (static_cast<message_type>(operation_) != message_type::direct_message)
    return check_control(error);
  std::size_t i = header_size;
  uint32_t stack = 0;
  uint32_t length = 0;
  if (!varbyte(held_, i, stack))
    return verdict::more;
  if (stack != 0) {
    error = "a direct message with a forwarding stack";
    return verdict::pass;
  }
  if (held_.size() < i + 2)
    return verdict::more;
  if (held_[i] != 0 || held_[i + 1] != 0) {
    error = "a direct message that is not a message";
    return verdict::pass;
  }
  i += 2;
  if (!varbyte(held_, i, length))
    return verdict::more;
  if (length > 1024) {
    error = "a direct message declaring " + std::to_string(length) + " bytes of types";
    return verdict::pass;
  }
  if (held_.size() < i + length)
    return verdict::more;
  return check_types(held_.substr(i, length), error);
}

/// The type list of a direct message ("@<>+type+type...").
basp_guard::verdict basp_guard::check_types(const std::string& types, std::string& error) {
  // Beside BASP's handshake CAF has one of its own: a node that learns of another asks the other's
  // spawn server for its config server — (sys_atom, get_atom, "info") to a named receiver — and
  // is answered (ok_atom, "info", the config server, a name). Unanswered, the asking actor never
  // ends and keeps the BASP broker alive at exit (LeakSanitizer saw it). Both pass, a few times
  // per connection; that answer is the only place a peer may send an actor handle (each one makes
  // CAF keep a proxy). Other messages to named receivers are not tofmap's: dropped.
  static const std::string ask = "@<>+@atom+@atom+@str";
  static const std::string answer = "@<>+@atom+@str+@strong_actor_ptr+@str";
  const bool named = (flags_ & caf::io::basp::header::named_receiver_flag) != 0;
  if (named && types != ask)
    return verdict::drop;
  if (named || types == answer) {
    if (++caf_handshakes_ > max_caf_handshakes)
      error = "more than " + std::to_string(max_caf_handshakes)
              + " messages of CAF's spawn-server handshake";
    return verdict::pass;
  }
  if (types.compare(0, 3, "@<>") != 0 || (types.size() > 3 && types[3] != '+')) {
    error = "a direct message with the type list '" + types.substr(0, 64) + "'";
    return verdict::pass;
  }
  for (std::size_t from = 4; from < types.size() + 1 && types.size() > 3;) {
    auto to = types.find('+', from);
    if (to == std::string::npos)
      to = types.size();
    const auto name = types.substr(from, to - from);
    if (!allowed_element_type(name)) {
      error = "a direct message with an element of type '" + name.substr(0, 64)
              + "', which is not in tofmap's protocol";
      return verdict::pass;
    }
    from = to + 1;
  }
  return verdict::pass;
}

void basp_guard::end_message() {
  if (dropping_)
    ++dropped_;
  else
    ++messages_;
  dropping_ = false;
  state_ = state::header;
}

/// The held bytes are checked: passed on (unless the message is dropped), then the payload
/// follows, or the message ends here.
void basp_guard::release_held(std::string& out) {
  if (!dropping_)
    out += held_;
  held_.clear();
  if (payload_left_ == 0)
    end_message();
  else
    state_ = state::payload;
}

std::string basp_guard::feed(const char* data, std::size_t n, std::string& out) {
  if (!error_.empty())
    return error_;
  while (n > 0 && error_.empty()) {
    switch (state_) {
      case state::header:
        feed_header(data, n, out);
        break;
      case state::prefix:
        feed_prefix(data, n, out);
        break;
      case state::payload:
        feed_payload(data, n, out);
        break;
    }
  }
  return error_;
}

void basp_guard::feed_header(const char*& data, std::size_t& n, std::string& out) {
  const auto k = std::min(header_size - held_.size(), n);
  held_.append(data, k);
  data += k;
  n -= k;
  if (held_.size() < header_size)
    return;
  error_ = check_header();
  if (!error_.empty())
    return;
  const auto op = static_cast<message_type>(operation_);
  if (payload_left_ > 0
      && (op == message_type::direct_message || op == message_type::monitor_message
          || op == message_type::down_message)) {
    state_ = state::prefix;
    return;
  }
  release_held(out); // dropping_ is false until a prefix says otherwise
}

void basp_guard::feed_prefix(const char*& data, std::size_t& n, std::string& out) {
  // At most the type list's worth (about 1 KiB) is held back.
  const auto room = header_size + 1100 - held_.size();
  const auto k = static_cast<std::size_t>(std::min<uint64_t>({payload_left_, n, room}));
  held_.append(data, k);
  data += k;
  n -= k;
  payload_left_ -= k;
  const auto v = check_prefix(error_);
  if (!error_.empty())
    return;
  if (v == verdict::more) {
    if (payload_left_ == 0 || held_.size() >= header_size + 1100)
      error_ = std::string{"a "} + name_of(static_cast<message_type>(operation_))
               + " cut short before its types";
    return;
  }
  dropping_ = v == verdict::drop;
  release_held(out);
}

void basp_guard::feed_payload(const char*& data, std::size_t& n, std::string& out) {
  const auto k = static_cast<std::size_t>(std::min<uint64_t>(payload_left_, n));
  if (!dropping_)
    out.append(data, k);
  data += k;
  n -= k;
  payload_left_ -= k;
  if (payload_left_ == 0)
    end_message();
}

} // namespace tofmap::net

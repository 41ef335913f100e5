#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "caf/meta/type_name.hpp"
#include "caf/type_id.hpp"

#include "actors/protocol/join_error.hpp"

/// The messages between coordinator, nodes and workers: the wire protocol of a tofmap cluster.
///
/// Join handshake:
///
///     node                                coordinator
///      | -- node_hello ------------------------> |  version, host, pid, workers, settings
///      | <----------------- welcome | refusal -- |  config text + model hash, or why not
///      | -- (model_mismatch) ------------------> |  only if the node cannot compute that model
///      |    spawns its workers; each worker:     |
///      | -- ready_atom, node, worker ----------> |  (from the worker) monitored, gets 2 tasks
///      | <---------------------------- task ---- |  (to the worker)
///      | -- task_result ----------------------->  |  (from the worker) credit returns
///      | <---------------------------- done ---- |  map complete: shut down
///
/// Every type here is registered in the `tofmap` type ID block on every node; a node with another
/// protocol_version is refused at the handshake. Which actor accepts which message is written down
/// as typed actor interfaces in interfaces.hpp; why a node does not join, as join_error.
namespace tofmap {

/// Bumped whenever a message below changes. 2: task_result carries the bit patterns of its values
/// and its statuses as a string. 3: node_hello.cores; task_result's times are integer nanoseconds
/// (wall and CPU) instead of a double; node_hello.model_text. 4: task.points (refined maps).
/// 5: refusal and model_mismatch carry a join_error and the facts (detail) instead of a sentence;
/// the coordinator is published with its typed interface (coordinator_hdl), which a node checks
/// when it connects. 6: task_result's rows carry the branch columns of map_layout (several starts
/// per point).
constexpr uint32_t protocol_version = 6;

/// A node asks to join.
struct node_hello {
  uint32_t version = protocol_version;
  std::string host;
  int64_t pid = 0;
  int32_t workers = 0;      ///< worker actors the node will run
  int32_t cores = 0;        ///< CPUs the node's process may run on (its affinity mask)
  std::string model_hash;   ///< of the node's own [model]; empty if its config has none
  std::string model_text;   ///< model_text of that [model], so that a refusal can name the
                            ///< first key that differs; empty if none
  int64_t heartbeat_ms = 0; ///< the node's middleman heartbeat interval
  int64_t timeout_ms = 0;   ///< the node's middleman connection timeout
};

/// The coordinator accepts a node: what to compute.
struct welcome {
  int32_t node = 0;        ///< the index the coordinator gave the node
  std::string config_text; ///< canonical INI (to_ini) of the run
  std::string model_hash;  ///< model_hash of that config
};

/// The coordinator turns a node away: map_complete, protocol_version, model_differs or
/// liveness_differs (the sentence: join_error_text(code, detail)).
struct refusal {
  join_error code = join_error::map_complete;
  std::string detail; ///< the facts: versions, hashes, the key that differs
};

/// The node cannot compute the model of the welcome it got: model_hash_differs (it reads the
/// config text as another model hash) or unreadable_config.
struct model_mismatch {
  int32_t node = 0; ///< the index the welcome gave the node
  join_error code = join_error::model_hash_differs;
  std::string detail;
};

/// Solve grid points [first, first + count), or, when `points` is not empty, the `count` grid
/// points it lists (a refined map, whose points are scattered over its finest grid; `first` is
/// then points[0]). A result's rows are in the task's order.
struct task {
  uint32_t id = 0;
  uint32_t attempt = 0;
  uint64_t first = 0;
  uint32_t count = 0;
  std::vector<uint64_t> points{};

  /// Grid point of row r of the task.
  uint64_t point(uint32_t r) const { return points.empty() ? first + r : points[r]; }
};

/// The rows of a task: count × width doubles (map_layout) and one status per point.
///
/// The doubles travel as their IEEE-754 bit patterns, never through CAF 0.17's float serializer,
/// which loops forever on ±inf, sends NaN as -1 and -0 as 0: a map computed across machines is
/// byte-identical to one computed in a single process, whatever its values.
struct task_result {
  uint32_t id = 0;
  uint32_t attempt = 0;
  uint64_t first = 0;
  uint32_t count = 0;
  std::vector<uint64_t> values; ///< bit patterns of count × width doubles (to_bits, from_bits)
  std::string status;           ///< one byte (point_status) per point; a string, not a byte
                                ///< vector: CAF 0.17 resizes a byte vector to the length the
                                ///< sender writes before checking the bytes are there
  uint64_t wall_ns = 0;         ///< time the worker spent solving (its clock on the wall) [ns]
  uint64_t cpu_ns = 0;          ///< CPU time of the solver thread meanwhile [ns]
};

static_assert(sizeof(double) == sizeof(uint64_t), "doubles travel as 64-bit patterns");

/// The bit pattern of `x`: every double, ±inf, NaN payloads and -0 included, and back.
inline uint64_t to_bits(double x) {
  uint64_t bits = 0;
  std::memcpy(&bits, &x, sizeof bits);
  return bits;
}

inline double from_bits(uint64_t bits) {
  double x = 0;
  std::memcpy(&x, &bits, sizeof x);
  return x;
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, node_hello& x) {
  return f(caf::meta::type_name("tofmap::node_hello"), x.version, x.host, x.pid, x.workers, x.cores,
           x.model_hash, x.model_text, x.heartbeat_ms, x.timeout_ms);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, welcome& x) {
  return f(caf::meta::type_name("tofmap::welcome"), x.node, x.config_text, x.model_hash);
}

// The detail goes before the code: a node of an older release (protocol 3, whose refusal and
// model_mismatch were one text) reads the detail as its reason and ignores the byte after it, so
// it still prints why it was refused ("protocol version 3, the coordinator speaks version 4").

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, refusal& x) {
  return f(caf::meta::type_name("tofmap::refusal"), x.detail, x.code);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, model_mismatch& x) {
  return f(caf::meta::type_name("tofmap::model_mismatch"), x.node, x.detail, x.code);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, task& x) {
  return f(caf::meta::type_name("tofmap::task"), x.id, x.attempt, x.first, x.count, x.points);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, task_result& x) {
  return f(caf::meta::type_name("tofmap::task_result"), x.id, x.attempt, x.first, x.count, x.values,
           x.status, x.wall_ns, x.cpu_ns);
}

// Equality, for tests that check what was sent.
bool operator==(const node_hello& x, const node_hello& y);
bool operator==(const welcome& x, const welcome& y);
bool operator==(const refusal& x, const refusal& y);
bool operator==(const model_mismatch& x, const model_mismatch& y);
bool operator==(const task& x, const task& y);
bool operator==(const task_result& x, const task_result& y);

} // namespace tofmap

CAF_BEGIN_TYPE_ID_BLOCK(tofmap, caf::first_custom_type_id)
CAF_ADD_TYPE_ID(tofmap, (tofmap::node_hello))
CAF_ADD_TYPE_ID(tofmap, (tofmap::welcome))
CAF_ADD_TYPE_ID(tofmap, (tofmap::refusal))
CAF_ADD_TYPE_ID(tofmap, (tofmap::model_mismatch))
CAF_ADD_TYPE_ID(tofmap, (tofmap::task))
CAF_ADD_TYPE_ID(tofmap, (tofmap::task_result))
CAF_ADD_ATOM(tofmap, tofmap, ready_atom, "tm_ready")
CAF_ADD_ATOM(tofmap, tofmap, done_atom, "tm_done")
CAF_ADD_ATOM(tofmap, tofmap, tick_atom, "tm_tick")
CAF_ADD_ATOM(tofmap, tofmap, retry_atom, "tm_retry")
CAF_ADD_ATOM(tofmap, tofmap, abort_atom, "tm_abort")
CAF_ADD_ATOM(tofmap, tofmap, gate_up_atom, "tm_gate_up")
CAF_ADD_ATOM(tofmap, tofmap, gate_down_atom, "tm_gate_dn")
CAF_ADD_ATOM(tofmap, tofmap, give_up_atom, "tm_give_up")
CAF_ADD_ATOM(tofmap, tofmap, join_atom, "tm_join")
CAF_ADD_ATOM(tofmap, tofmap, connected_atom, "tm_conn")
CAF_ADD_ATOM(tofmap, tofmap, scribe_ready_atom, "tm_scribe")
CAF_END_TYPE_ID_BLOCK(tofmap)

#include "actors/protocol/messages.hpp"

#include <tuple>

namespace tofmap {

bool operator==(const node_hello& x, const node_hello& y) {
  return std::tie(x.version, x.host, x.pid, x.workers, x.cores, x.model_hash, x.model_text,
                  x.heartbeat_ms, x.timeout_ms)
         == std::tie(y.version, y.host, y.pid, y.workers, y.cores, y.model_hash, y.model_text,
                     y.heartbeat_ms, y.timeout_ms);
}

bool operator==(const welcome& x, const welcome& y) {
  return std::tie(x.node, x.config_text, x.model_hash)
         == std::tie(y.node, y.config_text, y.model_hash);
}

bool operator==(const refusal& x, const refusal& y) {
  return x.code == y.code && x.detail == y.detail;
}

bool operator==(const model_mismatch& x, const model_mismatch& y) {
  return x.node == y.node && x.code == y.code && x.detail == y.detail;
}

bool operator==(const task& x, const task& y) {
  return std::tie(x.id, x.attempt, x.first, x.count, x.points)
         == std::tie(y.id, y.attempt, y.first, y.count, y.points);
}

bool operator==(const task_result& x, const task_result& y) {
  return std::tie(x.id, x.attempt, x.first, x.count, x.values, x.status, x.wall_ns, x.cpu_ns)
         == std::tie(y.id, y.attempt, y.first, y.count, y.values, y.status, y.wall_ns, y.cpu_ns);
}

} // namespace tofmap

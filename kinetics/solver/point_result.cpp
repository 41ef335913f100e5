#include "kinetics/solver/point_result.hpp"

#include <array>
#include <utility>

namespace tofmap {

namespace {

struct status_info {
  point_status status;
  const char* name; ///< as map.csv writes it
  bool failure;     ///< the point did not give the steady state asked for
};

/// Every status, in the order of the enum: the one table that names them and says which fail.
constexpr std::array<status_info, point_status_count> statuses{{
  {point_status::converged, "converged", false},
  {point_status::newton_at_t_max, "newton_at_t_max", true},
  {point_status::not_steady, "not_steady", true},
  {point_status::newton_failed, "newton_failed", true},
  {point_status::integration_failed, "integration_failed", true},
  {point_status::bad_conditions, "bad_conditions", true},
  {point_status::no_reactant, "no_reactant", false},
}};

static_assert(statuses.back().status == point_status::no_reactant,
              "the table lists every status, in the order of the enum");

const status_info* find(point_status x) {
  for (const auto& s : statuses)
    if (s.status == x)
      return &s;
  return nullptr;
}

} // namespace

const char* to_string(point_status x) {
  const auto* s = find(x);
  return s != nullptr ? s->name : "unknown";
}

bool is_failure(point_status x) {
  const auto* s = find(x);
  return s == nullptr || s->failure;
}

} // namespace tofmap

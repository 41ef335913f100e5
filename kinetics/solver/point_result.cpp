#include "kinetics/solver/point_result.hpp"

#include <array>
#include <utility>

namespace tofmap {

namespace {

constexpr std::array<std::pair<point_status, const char*>, 6> status_names{{
  {point_status::converged, "converged"},
  {point_status::newton_at_t_max, "newton_at_t_max"},
  {point_status::not_steady, "not_steady"},
  {point_status::newton_failed, "newton_failed"},
  {point_status::integration_failed, "integration_failed"},
  {point_status::bad_conditions, "bad_conditions"},
}};

} // namespace

const char* to_string(point_status x) {
  for (const auto& [status, name] : status_names)
    if (status == x)
      return name;
  return "unknown";
}

} // namespace tofmap

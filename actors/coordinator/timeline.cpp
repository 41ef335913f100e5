#include "actors/coordinator/timeline.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tofmap {

void timeline::add_points(double t, uint64_t n) {
  const auto i = static_cast<std::size_t>(std::max(0.0, std::floor(t)));
  if (i >= per_second_.size())
    per_second_.resize(i + 1, 0);
  per_second_[i] += n;
}

void timeline::connected(double t, int32_t nodes, int32_t workers) {
  changes_.push_back({t, {nodes, workers}});
}

std::vector<timeline_row> timeline::rows(double wall, std::size_t max_rows) const {
  std::vector<timeline_row> out;
  const auto seconds = std::max<std::size_t>(per_second_.size(),
                                             static_cast<std::size_t>(std::ceil(wall)));
  if (seconds == 0 || max_rows == 0)
    return out;
  const auto step = (seconds + max_rows - 1) / max_rows; // whole seconds per row
  auto change = changes_.begin();
  std::pair<int32_t, int32_t> now{0, 0};
  for (std::size_t first = 0; first < seconds; first += step) {
    timeline_row row;
    row.t = static_cast<double>(first);
    const double end = std::min(static_cast<double>(first + step), std::max(wall, row.t));
    row.seconds = end - row.t;
    for (std::size_t i = first; i < first + step && i < per_second_.size(); ++i)
      row.points += per_second_[i];
    // What is connected at the end of the row: every change up to it (the last row ends the run
    // and takes them all).
    const bool last = first + step >= seconds;
    while (change != changes_.end() && (last || change->first <= end))
      now = (change++)->second;
    row.nodes = now.first;
    row.workers = now.second;
    out.push_back(row);
  }
  return out;
}

void rate_meter::sample(double t, uint64_t done) {
  samples_.emplace_back(t, done);
  while (samples_.size() > 2 && samples_.back().first - samples_[1].first >= window_)
    samples_.pop_front();
}

double rate_meter::rate() const {
  if (samples_.size() < 2)
    return 0;
  const auto& [t0, d0] = samples_.front();
  const auto& [t1, d1] = samples_.back();
  return t1 > t0 ? static_cast<double>(d1 - d0) / (t1 - t0) : 0;
}

std::string human_duration(double seconds) {
  char buf[48];
  const auto s = static_cast<long long>(std::llround(std::max(0.0, seconds)));
  if (s < 60)
    std::snprintf(buf, sizeof(buf), "%lld s", s);
  else if (s < 3600)
    std::snprintf(buf, sizeof(buf), "%lld min %02lld s", s / 60, s % 60);
  else
    std::snprintf(buf, sizeof(buf), "%lld h %02lld min", s / 3600, (s % 3600) / 60);
  return buf;
}

} // namespace tofmap

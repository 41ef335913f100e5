#include "actors/coordinator/task_ledger.hpp"

#include <algorithm>

namespace tofmap {

task_ledger::task_ledger(uint64_t points, std::vector<char> done_before)
  : points_(points), done_before_(std::move(done_before)) {
  if (done_before_.empty())
    return;
  done_before_.resize(points_, 0);
  restored_ahead_ = static_cast<uint64_t>(
    std::count_if(done_before_.begin(), done_before_.end(), [](char c) { return c != 0; }));
  points_done_ = restored_ahead_;
}

task_ledger task_ledger::growing(uint64_t restored) {
  task_ledger out{restored};
  out.growing_ = true;
  out.points_done_ = restored;
  return out;
}

void task_ledger::add(const std::vector<uint64_t>& points) {
  order_.insert(order_.end(), points.begin(), points.end());
  points_ += points.size();
}

task task_ledger::task_of(uint32_t id) const {
  const auto& e = tasks_[id];
  task t{id, 0, first_point(e), e.count, {}};
  if (growing_)
    t.points.assign(order_.begin() + static_cast<std::ptrdiff_t>(e.first),
                    order_.begin() + static_cast<std::ptrdiff_t>(e.first + e.count));
  return t;
}

std::optional<task> task_ledger::next(uint32_t size) {
  while (!requeued_.empty()) {
    const auto id = requeued_.front();
    requeued_.pop_front();
    auto& e = tasks_[id];
    if (e.done)
      continue; // a late result of an earlier attempt finished it meanwhile
    ++redispatched_;
    auto t = task_of(id);
    t.attempt = e.attempts++;
    return t;
  }
  if (growing_)
    return next_growing(size);
  for (; cursor_ < points_ && done_before(cursor_); ++cursor_)
    --restored_ahead_;
  if (cursor_ >= points_)
    return std::nullopt;
  const auto limit = cursor_ + std::min<uint64_t>(std::max<uint32_t>(size, 1), points_ - cursor_);
  auto end = cursor_ + 1;
  while (end < limit && !done_before(end))
    ++end;
  const auto count = static_cast<uint32_t>(end - cursor_);
  const auto id = static_cast<uint32_t>(tasks_.size());
  tasks_.push_back(entry{cursor_, count, 1, 0, false});
  cursor_ += count;
  return task{id, 0, tasks_.back().first, count};
}

std::optional<task> task_ledger::next_growing(uint32_t size) {
  if (cursor_ >= order_.size())
    return std::nullopt;
  const auto count = static_cast<uint32_t>(
    std::min<uint64_t>(std::max<uint32_t>(size, 1), order_.size() - cursor_));
  const auto id = static_cast<uint32_t>(tasks_.size());
  tasks_.push_back(entry{cursor_, count, 1, 0, false});
  cursor_ += count;
  return task_of(id);
}

void task_ledger::assign(const task& t, worker_id w) {
  ++tasks_[t.id].in_flight;
  flights_[w].emplace_back(t.id, t.attempt);
}

bool task_ledger::spans(uint32_t id, uint64_t first, uint32_t count) const {
  return id < tasks_.size() && first_point(tasks_[id]) == first && tasks_[id].count == count;
}

task_ledger::outcome task_ledger::complete(uint32_t id, uint32_t attempt, worker_id w) {
  auto i = flights_.find(w);
  if (i == flights_.end())
    return outcome::unknown;
  auto& list = i->second;
  auto pos = std::find(list.begin(), list.end(), std::make_pair(id, attempt));
  if (pos == list.end())
    return outcome::unknown;
  list.erase(pos);
  auto& e = tasks_[id];
  --e.in_flight;
  if (e.done)
    return outcome::duplicate;
  e.done = true;
  points_done_ += e.count;
  return outcome::accepted;
}

std::size_t task_ledger::release(worker_id w) {
  auto i = flights_.find(w);
  if (i == flights_.end())
    return 0;
  std::size_t given_back = 0;
  for (const auto& [id, attempt] : i->second) {
    auto& e = tasks_[id];
    --e.in_flight;
    if (!e.done && e.in_flight == 0
        && std::find(requeued_.begin(), requeued_.end(), id) == requeued_.end()) {
      requeued_.push_back(id);
      ++given_back;
    }
  }
  flights_.erase(i);
  return given_back;
}

std::size_t task_ledger::in_flight(worker_id w) const {
  auto i = flights_.find(w);
  return i == flights_.end() ? 0 : i->second.size();
}

uint64_t task_ledger::points_pending() const {
  uint64_t result = growing_ ? order_.size() - cursor_ : points_ - cursor_ - restored_ahead_;
  for (auto id : requeued_)
    if (!tasks_[id].done)
      result += tasks_[id].count;
  return result;
}

} // namespace tofmap

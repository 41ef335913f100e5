#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "actors/protocol/messages.hpp"

/// The coordinator's book of tasks: which points are still to be handed out, which task is in
/// flight on which worker (and in which attempt), which are done. Plain C++, no actors: the
/// coordinator actor asks it what to send and tells it what arrived.
///
/// Tasks are cut lazily from the front of the map, so their size can follow the measured cost of a
/// point; a task never spans a point restored from a journal. A task given back by a lost worker
/// keeps its points and is handed out again before any new one, with the next attempt number. The
/// first result of a task wins; any later result of the same task (another attempt, or a
/// duplicate) is dropped, but still returns its worker's credit.
///
/// A growing ledger (a refined map) has no fixed range: its points arrive through add() as the
/// refinement asks for them, and its tasks list their grid points (task::points), cut from the
/// queue in the order they were added.
namespace tofmap {

class task_ledger {
public:
  using worker_id = int32_t;

  enum class outcome : uint8_t {
    accepted,  ///< first result of the task: store it
    duplicate, ///< the task was already done: drop it
    unknown,   ///< no such task or attempt in flight on that worker: drop it
  };

  /// A map of `points` points; those with a non-zero entry in `done_before` (results restored
  /// from a journal; empty for none) count as done and are never handed out.
  explicit task_ledger(uint64_t points, std::vector<char> done_before = {});

  /// A growing ledger: no point to compute yet, `restored` points done already (results restored
  /// from a journal, which add() never lists).
  static task_ledger growing(uint64_t restored);

  /// Appends grid points to compute (a growing ledger only).
  void add(const std::vector<uint64_t>& points);

  /// Task `id` as it was first handed out (its points, attempt 0).
  task task_of(uint32_t id) const;

  /// The next task to hand out, cut to at most `size` points (at least 1); a task given back by a
  /// lost worker comes first. Empty when nothing is left to hand out.
  std::optional<task> next(uint32_t size);

  /// Records that `t` (from next()) is in flight on worker `w`.
  void assign(const task& t, worker_id w);

  /// A result for (id, attempt) arrived from worker `w`.
  outcome complete(uint32_t id, uint32_t attempt, worker_id w);

  /// Whether task `id` exists, starts at grid point `first` and has `count` points.
  bool spans(uint32_t id, uint64_t first, uint32_t count) const;

  /// Worker `w` is lost: every unfinished task in flight on it goes back to the queue (if no other
  /// attempt of it is still in flight). Returns the number of tasks given back.
  std::size_t release(worker_id w);

  /// Tasks in flight on worker `w`.
  std::size_t in_flight(worker_id w) const;

  /// Every point has a result.
  bool finished() const { return points_done_ == points_; }

  uint64_t points() const { return points_; }
  uint64_t points_done() const { return points_done_; }

  /// Points not yet handed out in any task (the unassigned points and given-back tasks).
  uint64_t points_pending() const;

  /// Tasks handed out again after their worker was lost.
  uint32_t redispatched() const { return redispatched_; }

  /// Number of tasks cut so far.
  std::size_t size() const { return tasks_.size(); }

private:
  struct entry {
    uint64_t first; // first point; in a growing ledger, its position in order_
    uint32_t count;
    uint32_t attempts = 0;  // attempts handed out so far
    uint32_t in_flight = 0; // attempts currently in flight
    bool done = false;
  };

  bool done_before(uint64_t k) const { return !done_before_.empty() && done_before_[k] != 0; }
  std::optional<task> next_growing(uint32_t size);
  uint64_t first_point(const entry& e) const { return growing_ ? order_[e.first] : e.first; }

  uint64_t points_;
  std::vector<char> done_before_; // restored results; empty for none
  uint64_t restored_ahead_ = 0;   // restored points at or after cursor_
  uint64_t cursor_ = 0;           // points before it are in a task or restored
  uint64_t points_done_ = 0;
  uint32_t redispatched_ = 0;
  std::vector<entry> tasks_;
  std::deque<uint32_t> requeued_; // ids given back by lost workers
  std::map<worker_id, std::vector<std::pair<uint32_t, uint32_t>>> flights_; // (id, attempt)
  bool growing_ = false;
  std::vector<uint64_t> order_; // a growing ledger's points, as added
};

} // namespace tofmap

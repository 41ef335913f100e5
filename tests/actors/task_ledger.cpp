#define CAF_SUITE actors.task_ledger

#include "caf/test/unit_test.hpp"

#include "actors/coordinator/task_ledger.hpp"

using namespace tofmap;
using outcome = task_ledger::outcome;

CAF_TEST(tasks are cut in order and cover every point once) {
  task_ledger ledger{10};
  std::vector<task> tasks;
  while (auto t = ledger.next(3))
    tasks.push_back(*t);
  CAF_REQUIRE_EQUAL(tasks.size(), 4u);
  uint64_t next = 0;
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    CAF_CHECK_EQUAL(tasks[i].id, i);
    CAF_CHECK_EQUAL(tasks[i].attempt, 0u);
    CAF_CHECK_EQUAL(tasks[i].first, next);
    next += tasks[i].count;
  }
  CAF_CHECK_EQUAL(next, 10u);
  CAF_CHECK_EQUAL(tasks.back().count, 1u); // the tail is shorter
  CAF_CHECK_EQUAL(ledger.points_pending(), 0u);
}

CAF_TEST(a task size of zero still makes progress) {
  task_ledger ledger{2};
  auto t = ledger.next(0);
  CAF_REQUIRE(t);
  CAF_CHECK_EQUAL(t->count, 1u);
}

CAF_TEST(the first result wins and later ones are dropped) {
  task_ledger ledger{4};
  auto t = *ledger.next(4);
  ledger.assign(t, 1);
  CAF_CHECK_EQUAL(ledger.in_flight(1), 1u);
  CAF_CHECK(ledger.complete(t.id, t.attempt, 1) == outcome::accepted);
  CAF_CHECK_EQUAL(ledger.in_flight(1), 0u);
  CAF_CHECK(ledger.finished());
  // The same result again: no longer in flight on that worker.
  CAF_CHECK(ledger.complete(t.id, t.attempt, 1) == outcome::unknown);
  CAF_CHECK_EQUAL(ledger.points_done(), 4u);
}

CAF_TEST(the tasks of a lost worker come back first with the next attempt) {
  task_ledger ledger{6};
  auto a = *ledger.next(2);
  auto b = *ledger.next(2);
  ledger.assign(a, 7);
  ledger.assign(b, 8);
  CAF_CHECK_EQUAL(ledger.release(7), 1u);
  CAF_CHECK_EQUAL(ledger.in_flight(7), 0u);
  CAF_CHECK_EQUAL(ledger.points_pending(), 4u); // a's 2 points and the 2 never cut
  auto again = *ledger.next(2);
  CAF_CHECK_EQUAL(again.id, a.id);
  CAF_CHECK_EQUAL(again.attempt, 1u);
  CAF_CHECK_EQUAL(again.first, a.first);
  CAF_CHECK_EQUAL(again.count, a.count);
  CAF_CHECK_EQUAL(ledger.redispatched(), 1u);
  auto fresh = *ledger.next(2);
  CAF_CHECK_EQUAL(fresh.first, 4u);
}

CAF_TEST(a result of an older attempt completes the task and the newer one is dropped) {
  task_ledger ledger{2};
  auto t = *ledger.next(2);
  ledger.assign(t, 1);
  ledger.release(1); // worker 1 presumed lost
  auto retry = *ledger.next(2);
  ledger.assign(retry, 2);
  // Worker 1 was not dead after all, but the coordinator dropped it: its result is unknown.
  CAF_CHECK(ledger.complete(t.id, t.attempt, 1) == outcome::unknown);
  CAF_CHECK(ledger.complete(retry.id, retry.attempt, 2) == outcome::accepted);
  CAF_CHECK(ledger.finished());
}

CAF_TEST(a task done while given back is not handed out again) {
  task_ledger ledger{4};
  auto t = *ledger.next(2);
  ledger.assign(t, 1);
  auto u = *ledger.next(2);
  ledger.assign(u, 1);
  ledger.assign(t, 2); // a second attempt of t is also in flight on worker 2
  CAF_CHECK(ledger.complete(t.id, t.attempt, 2) == outcome::accepted);
  CAF_CHECK_EQUAL(ledger.release(1), 1u); // only u comes back; t is done
  auto again = *ledger.next(4);
  CAF_CHECK_EQUAL(again.id, u.id);
  CAF_CHECK(!ledger.next(4));
}

CAF_TEST(points restored from a journal are never handed out and no task spans them) {
  //                 0  1  2  3  4  5  6  7  8  9
  std::vector<char> done{1, 1, 0, 0, 1, 0, 0, 0, 1, 1};
  task_ledger ledger{10, done};
  CAF_CHECK_EQUAL(ledger.points_done(), 5u);
  CAF_CHECK_EQUAL(ledger.points_pending(), 5u);
  CAF_CHECK(!ledger.finished());
  std::vector<task> tasks;
  while (auto t = ledger.next(10))
    tasks.push_back(*t);
  CAF_REQUIRE_EQUAL(tasks.size(), 2u);
  CAF_CHECK_EQUAL(tasks[0], (task{0, 0, 2, 2})); // stops before restored point 4
  CAF_CHECK_EQUAL(tasks[1], (task{1, 0, 5, 3})); // stops before restored point 8
  CAF_CHECK_EQUAL(ledger.points_pending(), 0u);
  for (const auto& t : tasks) {
    ledger.assign(t, 3);
    CAF_CHECK(ledger.complete(t.id, t.attempt, 3) == outcome::accepted);
  }
  CAF_CHECK_EQUAL(ledger.points_done(), 10u);
  CAF_CHECK(ledger.finished());
}

CAF_TEST(a map restored whole is finished before any task) {
  task_ledger ledger{3, std::vector<char>(3, 1)};
  CAF_CHECK(ledger.finished());
  CAF_CHECK(!ledger.next(5));
  CAF_CHECK_EQUAL(ledger.size(), 0u);
}

CAF_TEST(small tasks between restored points) {
  // (CAF_CHECK_EQUAL may evaluate its arguments twice: no calls with side effects inside.)
  task_ledger ledger{6, {0, 1, 0, 0, 0, 1}};
  const auto a = ledger.next(2);
  const auto b = ledger.next(2);
  CAF_CHECK_EQUAL(ledger.points_pending(), 1u);
  const auto c = ledger.next(2);
  const auto d = ledger.next(2);
  CAF_REQUIRE(a && b && c);
  CAF_CHECK_EQUAL(*a, (task{0, 0, 0, 1}));
  CAF_CHECK_EQUAL(*b, (task{1, 0, 2, 2}));
  CAF_CHECK_EQUAL(*c, (task{2, 0, 4, 1}));
  CAF_CHECK(!d);
  CAF_CHECK_EQUAL(ledger.points_pending(), 0u);
}

CAF_TEST(
  a growing ledger hands out the points added as listed tasks and a lost task comes back whole) {
  auto ledger = task_ledger::growing(3); // 3 points restored from a journal
  CAF_CHECK_EQUAL(ledger.points(), 3u);
  CAF_CHECK(ledger.finished());
  CAF_CHECK(!ledger.next(4));
  ledger.add({0, 16, 32, 272});
  CAF_CHECK(!ledger.finished());
  auto a = *ledger.next(3);
  CAF_CHECK_EQUAL(a, (task{0, 0, 0, 3, {0, 16, 32}}));
  CAF_CHECK_EQUAL(a.point(2), 32u);
  CAF_CHECK(ledger.spans(0, 0, 3));
  auto b = *ledger.next(3);
  CAF_CHECK_EQUAL(b, (task{1, 0, 272, 1, {272}}));
  ledger.assign(a, 1);
  ledger.assign(b, 2);
  CAF_CHECK(ledger.complete(b.id, b.attempt, 2) == outcome::accepted);
  CAF_CHECK_EQUAL(ledger.release(1), 1u);
  auto again = *ledger.next(1); // a given-back task keeps its points
  CAF_CHECK_EQUAL(again, (task{0, 1, 0, 3, {0, 16, 32}}));
  ledger.assign(again, 2);
  CAF_CHECK(ledger.complete(again.id, again.attempt, 2) == outcome::accepted);
  CAF_CHECK_EQUAL(ledger.points_done(), 7u);
  CAF_CHECK(ledger.finished());
  ledger.add({8}); // a split asks for more
  CAF_CHECK(!ledger.finished());
  CAF_CHECK_EQUAL(ledger.points_pending(), 1u);
  CAF_CHECK_EQUAL(ledger.task_of(0), (task{0, 0, 0, 3, {0, 16, 32}}));
}

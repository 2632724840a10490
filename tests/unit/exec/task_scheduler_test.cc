#include "exec/task_scheduler.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <stdexcept>

namespace dq {
namespace {

TEST(TaskSchedulerTest, RunsEveryIndexOnce) {
  TaskScheduler scheduler(4);
  std::vector<std::atomic<int>> hits(1000);
  scheduler.ParallelFor(nullptr, hits.size(), [&](size_t index) { hits[index]++; });
  for (auto& hit : hits) EXPECT_EQ(hit.load(), 1);
}

TEST(TaskSchedulerTest, RethrowsFirstError) {
  TaskScheduler scheduler(2);
  EXPECT_THROW(scheduler.ParallelFor(nullptr, 100,
                                     [&](size_t index) {
                                       if (index == 7) throw std::runtime_error("task 7 failed");
                                     }),
               std::runtime_error);
}

TEST(TaskSchedulerTest, CancelledQueryStops) {
  TaskScheduler scheduler(2);
  QueryContext query(1, "default");
  std::atomic<int> ran{0};
  try {
    scheduler.ParallelFor(&query, 10000, [&](size_t index) {
      if (++ran == 5) query.Cancel();
      query.CheckCancelled();
    });
    FAIL() << "expected cancellation";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kCancelled);
  }
  EXPECT_LT(ran.load(), 10000);
}

TEST(TaskSchedulerTest, NestedParallelForFromTasks) {
  TaskScheduler scheduler(2);
  std::atomic<int> total{0};
  scheduler.ParallelFor(nullptr, 4, [&](size_t) {
    scheduler.ParallelFor(nullptr, 4, [&](size_t) { total++; });
  });
  EXPECT_EQ(total.load(), 16);
}

}  // namespace
}  // namespace dq

// TaskScheduler: the process-wide pool of worker threads (one per core) that runs the tasks of
// every query.
//
// A query submits a batch of tasks with ParallelFor; the calling thread joins in and runs
// tasks of its own batch until the batch is done, so a query never waits for a free worker to
// make progress. Workers take tasks round-robin across the queries that have pending tasks
// (not FIFO over tasks), so a long query cannot starve a short one; every task carries its
// QueryContext, which is how a later workload manager will weight queries by workload group.
// A cancelled query's pending tasks are dropped and its running tasks stop at the next morsel
// (they call QueryContext::CheckCancelled).
//
// Thread-safety: all methods are thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "exec/query_context.h"

namespace dq {

class TaskScheduler {
 public:
  // `threads` workers; 0 means std::thread::hardware_concurrency().
  explicit TaskScheduler(int threads);
  ~TaskScheduler();
  TaskScheduler(const TaskScheduler&) = delete;
  TaskScheduler& operator=(const TaskScheduler&) = delete;

  // Number of threads that can run a query's tasks at once (workers + the caller).
  int parallelism() const { return static_cast<int>(workers_.size()) + 1; }

  // Runs task(index) for index in [0, count), in parallel, and returns when all have finished.
  // If tasks throw, the remaining tasks of the batch are skipped and the first exception is
  // rethrown here. `query` may be null for internal work.
  void ParallelFor(QueryContext* query, size_t count, const std::function<void(size_t)>& task);

 private:
  struct Batch;
  void WorkerLoop();
  // Pops one task from the next batch in round-robin order; false if none.
  bool TakeTask(std::shared_ptr<Batch>* batch, size_t* index);
  static void RunTask(Batch& batch, size_t index);

  std::mutex mutex_;
  std::condition_variable work_available_;
  std::deque<std::shared_ptr<Batch>> batches_;  // batches with tasks not yet started
  bool shutting_down_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace dq

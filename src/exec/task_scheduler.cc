#include "exec/task_scheduler.h"

#include <atomic>
#include <exception>

namespace dq {

struct TaskScheduler::Batch {
  QueryContext* query = nullptr;
  const std::function<void(size_t)>* task = nullptr;
  size_t count = 0;
  size_t next = 0;      // next index to hand out (guarded by the scheduler mutex)
  size_t finished = 0;  // guarded by done_mutex
  std::mutex done_mutex;
  std::condition_variable done;
  std::exception_ptr error;  // first failure, guarded by done_mutex
  std::atomic<bool> failed{false};
};

TaskScheduler::TaskScheduler(int threads) {
  if (threads <= 0) threads = static_cast<int>(std::thread::hardware_concurrency());
  if (threads <= 0) threads = 1;
  // The caller of ParallelFor works too, so threads - 1 dedicated workers suffice.
  for (int worker = 0; worker + 1 < threads; ++worker) {
    workers_.emplace_back([this] { WorkerLoop(); });
  }
}

TaskScheduler::~TaskScheduler() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    shutting_down_ = true;
  }
  work_available_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

bool TaskScheduler::TakeTask(std::shared_ptr<Batch>* batch, size_t* index) {
  while (!batches_.empty()) {
    std::shared_ptr<Batch> front = batches_.front();
    batches_.pop_front();
    bool skip = front->failed || (front->query && front->query->IsCancelled());
    if (skip) {
      // Count the never-started tasks as finished so the waiter wakes up.
      std::lock_guard<std::mutex> done_lock(front->done_mutex);
      front->finished += front->count - front->next;
      front->next = front->count;
      front->done.notify_all();
      continue;
    }
    *index = front->next++;
    if (front->next < front->count) batches_.push_back(front);  // round-robin across batches
    *batch = std::move(front);
    return true;
  }
  return false;
}

void TaskScheduler::RunTask(Batch& batch, size_t index) {
  std::exception_ptr error;
  try {
    if (batch.query) batch.query->CheckCancelled();
    (*batch.task)(index);
  } catch (...) {
    error = std::current_exception();
  }
  std::lock_guard<std::mutex> lock(batch.done_mutex);
  if (error && !batch.error) batch.error = error;
  if (error) batch.failed = true;
  ++batch.finished;
  if (batch.finished == batch.count) batch.done.notify_all();
}

void TaskScheduler::WorkerLoop() {
  while (true) {
    std::shared_ptr<Batch> batch;
    size_t index = 0;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_available_.wait(lock, [this] { return shutting_down_ || !batches_.empty(); });
      if (shutting_down_) return;
      if (!TakeTask(&batch, &index)) continue;
    }
    RunTask(*batch, index);
  }
}

void TaskScheduler::ParallelFor(QueryContext* query, size_t count,
                                const std::function<void(size_t)>& task) {
  if (count == 0) return;
  auto batch = std::make_shared<Batch>();
  batch->query = query;
  batch->task = &task;
  batch->count = count;
  if (count > 1 && !workers_.empty()) {
    std::lock_guard<std::mutex> lock(mutex_);
    batches_.push_back(batch);
  }
  work_available_.notify_all();
  // The caller runs tasks of its own batch until none are left to start.
  while (true) {
    size_t index;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (batch->next >= batch->count) break;
      if (batch->failed || (query && query->IsCancelled())) break;
      index = batch->next++;
      if (batch->next >= batch->count) {
        for (auto it = batches_.begin(); it != batches_.end(); ++it) {
          if (*it == batch) {
            batches_.erase(it);
            break;
          }
        }
      }
    }
    RunTask(*batch, index);
  }
  {
    // Drop tasks nobody started (after a failure or cancellation).
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = batches_.begin(); it != batches_.end(); ++it) {
      if (*it == batch) {
        batches_.erase(it);
        break;
      }
    }
    std::lock_guard<std::mutex> done_lock(batch->done_mutex);
    batch->finished += batch->count - batch->next;
    batch->next = batch->count;
  }
  std::unique_lock<std::mutex> done_lock(batch->done_mutex);
  batch->done.wait(done_lock, [&] { return batch->finished >= batch->count; });
  if (batch->error) std::rethrow_exception(batch->error);
  if (query) query->CheckCancelled();
}

}  // namespace dq

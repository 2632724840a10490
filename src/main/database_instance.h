// DatabaseInstance: one open warehouse and the process resources that serve it: the storage
// (Warehouse), the worker pool every query runs on, the loaded models (ModelCache) and the
// query id counter.
//
// Thread-safety: shared by all connections; every member is thread-safe.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "exec/task_scheduler.h"
#include "ml/model_cache.h"
#include "storage/warehouse.h"

namespace dq {

class DatabaseInstance {
 public:
  static Result<std::shared_ptr<DatabaseInstance>> Open(const std::string& path, int threads,
                                                        bool create_if_missing);

  Warehouse& warehouse() { return *warehouse_; }
  TaskScheduler& scheduler() { return *scheduler_; }
  ml::ModelCache& model_cache() { return *model_cache_; }
  const std::string& path() const { return path_; }
  uint64_t NextQueryId() { return next_query_id_.fetch_add(1); }

 private:
  std::string path_;
  std::unique_ptr<Warehouse> warehouse_;
  std::unique_ptr<TaskScheduler> scheduler_;
  std::unique_ptr<ml::ModelCache> model_cache_;
  std::atomic<uint64_t> next_query_id_{1};
};

}  // namespace dq

#include "main/database_instance.h"

#include "common/allocator_tuning.h"

namespace dq {

Result<std::shared_ptr<DatabaseInstance>> DatabaseInstance::Open(const std::string& path,
                                                                 int threads,
                                                                 bool create_if_missing) {
  TuneAllocatorForQueries();
  auto instance = std::make_shared<DatabaseInstance>();
  instance->path_ = path;
  Result<std::unique_ptr<Warehouse>> warehouse = Warehouse::Open(path, create_if_missing);
  if (!warehouse.ok()) return warehouse.status();
  instance->warehouse_ = std::move(warehouse).value();
  instance->scheduler_ = std::make_unique<TaskScheduler>(threads);
  instance->model_cache_ = std::make_unique<ml::ModelCache>(path);
  return instance;
}

}  // namespace dq

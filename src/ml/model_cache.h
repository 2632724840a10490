// ModelCache: the loaded (imported, validated, optimized) form of the warehouse's models,
// loaded once per model id and shared by every query and worker thread.
//
// A model's file is immutable and named after its id (models/<id>.onnx), so an entry never
// goes stale: CREATE OR REPLACE MODEL writes a new id. Entries of dropped models stay until
// the cache is destroyed (with the DatabaseInstance); models are expected to be few.
//
// Thread-safety: Get may be called from any thread. Two threads asking for the same id at
// once may both load it; one result is kept.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "catalog/catalog_entries.h"
#include "common/status.h"
#include "ml/model.h"

namespace dq::ml {

class ModelCache {
 public:
  explicit ModelCache(std::string warehouse_directory)
      : warehouse_directory_(std::move(warehouse_directory)) {}

  // The loaded model of `entry`. Reads <warehouse>/<entry.file>, verifies its checksum
  // (kCorruption "Corruption: model file ... checksum mismatch") and loads it.
  Result<std::shared_ptr<const Model>> Get(const ModelEntry& entry);

 private:
  std::string warehouse_directory_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const Model>> models_;  // by model id
};

}  // namespace dq::ml

#include "ml/model_cache.h"

#include "storage/file_util.h"
#include "storage/segment_format.h"

namespace dq::ml {

Result<std::shared_ptr<const Model>> ModelCache::Get(const ModelEntry& entry) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = models_.find(entry.id);
    if (found != models_.end()) return found->second;
  }
  // Loading can take a while; it runs outside the lock.
  std::string path = warehouse_directory_ + "/" + entry.file;
  DQ_ASSIGN_OR_RETURN(std::string bytes, ReadWholeFile(path));
  if (bytes.size() != entry.byte_size || Checksum(bytes) != entry.checksum) {
    return Status::Corruption("Corruption: model file " + path + " of model " + entry.dataset +
                              "." + entry.name + ": checksum mismatch");
  }
  DQ_ASSIGN_OR_RETURN(std::shared_ptr<const Model> model, Model::Load(bytes));
  std::lock_guard<std::mutex> lock(mutex_);
  auto [position, inserted] = models_.emplace(entry.id, std::move(model));
  return position->second;
}

}  // namespace dq::ml

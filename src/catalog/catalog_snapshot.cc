#include "catalog/catalog_snapshot.h"

namespace dq {

namespace {

Status CatalogError(std::string message) {
  return Status::Make(ErrorKind::kCatalog, std::move(message));
}

Status DatasetNotFound(std::string_view name) {
  return CatalogError("Not found: Dataset " + std::string(name) + " was not found");
}

}  // namespace

const DatasetEntry* CatalogSnapshot::FindDataset(std::string_view name) const {
  auto found = datasets_.find(ToLowerAscii(name));
  return found == datasets_.end() ? nullptr : &found->second;
}

std::shared_ptr<const TableEntry> CatalogSnapshot::FindTable(std::string_view dataset,
                                                             std::string_view table) const {
  const DatasetEntry* entry = FindDataset(dataset);
  if (entry == nullptr) return nullptr;
  auto found = entry->tables.find(ToLowerAscii(table));
  return found == entry->tables.end() ? nullptr : found->second;
}

std::shared_ptr<const ViewEntry> CatalogSnapshot::FindView(std::string_view dataset,
                                                           std::string_view view) const {
  const DatasetEntry* entry = FindDataset(dataset);
  if (entry == nullptr) return nullptr;
  auto found = entry->views.find(ToLowerAscii(view));
  return found == entry->views.end() ? nullptr : found->second;
}

std::shared_ptr<const ModelEntry> CatalogSnapshot::FindModel(std::string_view dataset,
                                                             std::string_view model) const {
  const DatasetEntry* entry = FindDataset(dataset);
  if (entry == nullptr) return nullptr;
  auto found = entry->models.find(ToLowerAscii(model));
  return found == entry->models.end() ? nullptr : found->second;
}

DatasetEntry* CatalogBuilder::MutableDataset(std::string_view name) {
  auto found = state_.datasets_.find(ToLowerAscii(name));
  return found == state_.datasets_.end() ? nullptr : &found->second;
}

Status CatalogBuilder::CreateDataset(std::string_view name, int64_t created_micros,
                                     bool if_not_exists) {
  if (name.empty()) return Status::InvalidInput("Dataset name must not be empty");
  if (state_.FindDataset(name) != nullptr) {
    if (if_not_exists) return Status::OK();
    return CatalogError("Already exists: dataset " + std::string(name));
  }
  DatasetEntry entry;
  entry.name = std::string(name);
  entry.created_micros = created_micros;
  state_.datasets_.emplace(ToLowerAscii(name), std::move(entry));
  changed_ = true;
  return Status::OK();
}

Status CatalogBuilder::DropDataset(std::string_view name, bool cascade, bool if_exists) {
  auto found = state_.datasets_.find(ToLowerAscii(name));
  if (found == state_.datasets_.end()) {
    return if_exists ? Status::OK() : DatasetNotFound(name);
  }
  const DatasetEntry& dataset = found->second;
  if (!cascade && (!dataset.tables.empty() || !dataset.views.empty() || !dataset.models.empty())) {
    return CatalogError("Dataset " + found->second.name + " is still in use");
  }
  state_.datasets_.erase(found);
  changed_ = true;
  return Status::OK();
}

Status CatalogBuilder::CreateTable(TableEntry table) {
  return PutTableImpl(std::move(table), /*must_be_new=*/true);
}

Status CatalogBuilder::PutTable(TableEntry table) {
  return PutTableImpl(std::move(table), /*must_be_new=*/false);
}

Status CatalogBuilder::PutTableImpl(TableEntry table, bool must_be_new) {
  if (table.name.empty()) return Status::InvalidInput("Table name must not be empty");
  DatasetEntry* dataset = MutableDataset(table.dataset);
  if (dataset == nullptr) return DatasetNotFound(table.dataset);
  std::string key = ToLowerAscii(table.name);
  if (must_be_new && dataset->tables.count(key) > 0) {
    return CatalogError("Already exists: table " + dataset->name + "." + table.name);
  }
  if (dataset->views.count(key) > 0) {
    return CatalogError("Already exists: view " + dataset->name + "." + table.name);
  }
  if (dataset->models.count(key) > 0) {
    return CatalogError("Already exists: model " + dataset->name + "." + table.name);
  }
  for (char character : table.id) {
    bool allowed = (character >= '0' && character <= '9') || (character >= 'a' && character <= 'z');
    if (!allowed) return Status::InvalidInput("Table id must be [0-9a-z]: " + table.id);
  }
  if (table.id.empty()) table.id = NewObjectId();
  table.dataset = dataset->name;  // canonical spelling
  dataset->tables[key] = std::make_shared<const TableEntry>(std::move(table));
  changed_ = true;
  return Status::OK();
}

Status CatalogBuilder::DropTable(std::string_view dataset_name, std::string_view name,
                                 bool if_exists) {
  DatasetEntry* dataset = MutableDataset(dataset_name);
  if (dataset == nullptr) return if_exists ? Status::OK() : DatasetNotFound(dataset_name);
  auto found = dataset->tables.find(ToLowerAscii(name));
  if (found == dataset->tables.end()) {
    if (if_exists) return Status::OK();
    return CatalogError("Not found: Table " + dataset->name + "." + std::string(name) +
                        " was not found");
  }
  dataset->tables.erase(found);
  changed_ = true;
  return Status::OK();
}

Status CatalogBuilder::PutView(ViewEntry view, bool must_be_new) {
  if (view.name.empty()) return Status::InvalidInput("View name must not be empty");
  DatasetEntry* dataset = MutableDataset(view.dataset);
  if (dataset == nullptr) return DatasetNotFound(view.dataset);
  std::string key = ToLowerAscii(view.name);
  if (dataset->tables.count(key) > 0) {
    return CatalogError("Already exists: table " + dataset->name + "." + view.name);
  }
  if (must_be_new && dataset->views.count(key) > 0) {
    return CatalogError("Already exists: view " + dataset->name + "." + view.name);
  }
  if (dataset->models.count(key) > 0) {
    return CatalogError("Already exists: model " + dataset->name + "." + view.name);
  }
  view.dataset = dataset->name;
  dataset->views[key] = std::make_shared<const ViewEntry>(std::move(view));
  changed_ = true;
  return Status::OK();
}

Status CatalogBuilder::DropView(std::string_view dataset_name, std::string_view name,
                                bool if_exists) {
  DatasetEntry* dataset = MutableDataset(dataset_name);
  if (dataset == nullptr) return if_exists ? Status::OK() : DatasetNotFound(dataset_name);
  auto found = dataset->views.find(ToLowerAscii(name));
  if (found == dataset->views.end()) {
    if (if_exists) return Status::OK();
    return CatalogError("Not found: View " + dataset->name + "." + std::string(name) +
                        " was not found");
  }
  dataset->views.erase(found);
  changed_ = true;
  return Status::OK();
}

Status CatalogBuilder::PutModel(ModelEntry model, bool must_be_new) {
  if (model.name.empty()) return Status::InvalidInput("Model name must not be empty");
  DatasetEntry* dataset = MutableDataset(model.dataset);
  if (dataset == nullptr) return DatasetNotFound(model.dataset);
  std::string key = ToLowerAscii(model.name);
  if (dataset->tables.count(key) > 0) {
    return CatalogError("Already exists: table " + dataset->name + "." + model.name);
  }
  if (dataset->views.count(key) > 0) {
    return CatalogError("Already exists: view " + dataset->name + "." + model.name);
  }
  if (must_be_new && dataset->models.count(key) > 0) {
    return CatalogError("Already exists: model " + dataset->name + "." + model.name);
  }
  if (model.id.empty()) model.id = NewObjectId();
  model.dataset = dataset->name;
  dataset->models[key] = std::make_shared<const ModelEntry>(std::move(model));
  changed_ = true;
  return Status::OK();
}

Status CatalogBuilder::DropModel(std::string_view dataset_name, std::string_view name,
                                 bool if_exists) {
  DatasetEntry* dataset = MutableDataset(dataset_name);
  if (dataset == nullptr) return if_exists ? Status::OK() : DatasetNotFound(dataset_name);
  auto found = dataset->models.find(ToLowerAscii(name));
  if (found == dataset->models.end()) {
    if (if_exists) return Status::OK();
    return CatalogError("Not found: Model " + dataset->name + "." + std::string(name) +
                        " was not found");
  }
  dataset->models.erase(found);
  changed_ = true;
  return Status::OK();
}

std::shared_ptr<const CatalogSnapshot> CatalogBuilder::Build(uint64_t version) const {
  return MakeCatalogSnapshot(version, state_.datasets_);
}

std::shared_ptr<const CatalogSnapshot> MakeCatalogSnapshot(
    uint64_t version, std::map<std::string, DatasetEntry> datasets) {
  auto snapshot = std::make_shared<CatalogSnapshot>();
  snapshot->version_ = version;
  snapshot->datasets_ = std::move(datasets);
  return snapshot;
}

}  // namespace dq

#include "storage/warehouse.h"

#include <unistd.h>

#include <set>

#include "storage/manifest.h"

namespace dq {

namespace {

constexpr char kCurrentFile[] = "CURRENT";
constexpr char kLockFile[] = "LOCK";
constexpr char kDataDirectory[] = "data";
constexpr char kModelDirectory[] = "models";

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string ParentDirectory(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

}  // namespace

Result<std::unique_ptr<Warehouse>> Warehouse::Open(const std::string& dir,
                                                   bool create_if_missing) {
  if (!PathExists(dir)) {
    if (!create_if_missing) return Status::IoError("Warehouse " + dir + " does not exist");
    DQ_RETURN_IF_ERROR(CreateDirectories(dir));
  }
  std::unique_ptr<Warehouse> warehouse(new Warehouse(dir));
  DQ_ASSIGN_OR_RETURN(warehouse->lock_, FileLock::TryAcquire(dir + "/" + kLockFile));
  if (!warehouse->lock_) {
    return Status::IoError("Warehouse " + dir + " is in use by another process");
  }
  DQ_RETURN_IF_ERROR(warehouse->Load(create_if_missing));
  DQ_RETURN_IF_ERROR(warehouse->CollectGarbage());
  return warehouse;
}

Warehouse::~Warehouse() = default;

Status Warehouse::Load(bool create_if_missing) {
  std::string current_path = directory_ + "/" + kCurrentFile;
  if (!PathExists(current_path)) {
    if (!create_if_missing) {
      return Status::IoError("Warehouse " + directory_ + " has no CURRENT file");
    }
    // A new warehouse: commit the empty catalog as version 0.
    auto empty = std::make_shared<const CatalogSnapshot>();
    DQ_ASSIGN_OR_RETURN(std::string manifest, SerializeManifest(*empty));
    DQ_RETURN_IF_ERROR(WriteFileDurably(directory_ + "/" + ManifestFileName(0), manifest));
    DQ_RETURN_IF_ERROR(WriteFileDurably(current_path, ManifestFileName(0) + "\n"));
    DQ_RETURN_IF_ERROR(SyncDirectory(directory_));
    Publish(empty);
    return Status::OK();
  }
  DQ_ASSIGN_OR_RETURN(std::string current, ReadWholeFile(current_path));
  if (!current.empty() && current.back() == '\n') current.pop_back();
  if (current.rfind("manifest-", 0) != 0 || current.find('/') != std::string::npos) {
    return Status::Corruption("Corruption: " + current_path + " does not name a manifest");
  }
  DQ_ASSIGN_OR_RETURN(std::string contents, ReadWholeFile(directory_ + "/" + current));
  DQ_ASSIGN_OR_RETURN(std::shared_ptr<const CatalogSnapshot> snapshot,
                      ParseManifest(contents, current));
  if (ManifestFileName(snapshot->version()) != current) {
    return Status::Corruption("Corruption: manifest " + current + " holds version " +
                              std::to_string(snapshot->version()));
  }
  Publish(std::move(snapshot));
  return Status::OK();
}

Status Warehouse::CollectGarbage() {
  std::shared_ptr<const CatalogSnapshot> snapshot = Snapshot();
  std::set<std::string> referenced;
  for (const auto& [dataset_key, dataset] : snapshot->datasets()) {
    for (const auto& [table_key, table] : dataset.tables) {
      for (const RowGroupMeta& group : table->row_groups) referenced.insert(group.file);
    }
    for (const auto& [model_key, model] : dataset.models) referenced.insert(model->file);
  }
  std::string live_manifest = ManifestFileName(snapshot->version());
  // Root: only our own file names are touched, never a user's other files.
  DQ_ASSIGN_OR_RETURN(std::vector<std::string> names, ListDirectory(directory_));
  for (const std::string& name : names) {
    bool stale_manifest = name.rfind("manifest-", 0) == 0 && name != live_manifest;
    bool temporary = EndsWith(name, kTempSuffix) &&
                     (name.rfind("manifest-", 0) == 0 || name.rfind(kCurrentFile, 0) == 0);
    if (stale_manifest || temporary) DQ_RETURN_IF_ERROR(RemoveFile(directory_ + "/" + name));
  }
  std::string models = directory_ + "/" + kModelDirectory;
  if (PathExists(models)) {
    DQ_ASSIGN_OR_RETURN(std::vector<std::string> model_files, ListDirectory(models));
    for (const std::string& file : model_files) {
      std::string relative = std::string(kModelDirectory) + "/" + file;
      if (referenced.count(relative) == 0) DQ_RETURN_IF_ERROR(RemoveFile(directory_ + "/" + relative));
    }
  }
  std::string data = directory_ + "/" + kDataDirectory;
  if (!PathExists(data)) return Status::OK();
  DQ_ASSIGN_OR_RETURN(std::vector<std::string> table_directories, ListDirectory(data));
  for (const std::string& table_directory : table_directories) {
    std::string relative_directory = std::string(kDataDirectory) + "/" + table_directory;
    auto files = ListDirectory(directory_ + "/" + relative_directory);
    if (!files.ok()) continue;  // not a directory
    size_t kept = 0;
    for (const std::string& file : *files) {
      std::string relative = relative_directory + "/" + file;
      if (referenced.count(relative) > 0) {
        ++kept;
      } else {
        DQ_RETURN_IF_ERROR(RemoveFile(directory_ + "/" + relative));
      }
    }
    if (kept == 0) ::rmdir((directory_ + "/" + relative_directory).c_str());
  }
  return Status::OK();
}

std::shared_ptr<const CatalogSnapshot> Warehouse::Snapshot() const {
  std::lock_guard<std::mutex> lock(snapshot_mutex_);
  return snapshot_;
}

void Warehouse::Publish(std::shared_ptr<const CatalogSnapshot> snapshot) {
  std::lock_guard<std::mutex> lock(snapshot_mutex_);
  snapshot_ = std::move(snapshot);
}

Result<std::unique_ptr<WriteTransaction>> Warehouse::BeginWrite() {
  std::unique_lock<std::mutex> lock(writer_mutex_);
  return std::unique_ptr<WriteTransaction>(new WriteTransaction(this, std::move(lock), Snapshot()));
}

WriteTransaction::WriteTransaction(Warehouse* warehouse, std::unique_lock<std::mutex> lock,
                                   std::shared_ptr<const CatalogSnapshot> base)
    : warehouse_(warehouse),
      writer_lock_(std::move(lock)),
      base_(std::move(base)),
      builder_(*base_),
      written_files_(std::make_shared<WrittenFiles>()) {}

WriteTransaction::~WriteTransaction() {
  if (!finished_) Abort();
}

std::unique_ptr<TableAppender> WriteTransaction::CreateAppender(const TableEntry& table) {
  DQ_CHECK(!table.id.empty());
  return std::make_unique<TableAppender>(warehouse_->directory_,
                                         std::string(kDataDirectory) + "/" + table.id,
                                         table.columns, written_files_);
}

Result<std::string> WriteTransaction::WriteModelFile(const std::string& model_id,
                                                    std::string_view contents) {
  DQ_CHECK(!model_id.empty() && model_id.find('/') == std::string::npos);
  const std::string& root = warehouse_->directory_;
  DQ_RETURN_IF_ERROR(CreateDirectories(root + "/" + kModelDirectory));
  std::string relative = std::string(kModelDirectory) + "/" + model_id + ".onnx";
  written_files_->Add(relative);  // recorded first: abort removes a partial .tmp too
  DQ_RETURN_IF_ERROR(WriteFileDurably(root + "/" + relative, contents));
  return relative;
}

void WriteTransaction::Abort() {
  if (finished_) return;
  finished_ = true;
  for (const std::string& file : written_files_->Take()) {
    std::string path = warehouse_->directory_ + "/" + file;
    (void)RemoveFile(path);
    (void)RemoveFile(path + std::string(kTempSuffix));
  }
  writer_lock_.unlock();
}

Status WriteTransaction::Commit() {
  DQ_CHECK(!finished_);
  if (!builder_.changed()) {
    Abort();  // nothing to publish; removes any unreferenced files
    return Status::OK();
  }
  bool committed_on_disk = false;
  Status status = CommitSteps(&committed_on_disk);
  if (!committed_on_disk) {
    Abort();
    return status;
  }
  finished_ = true;
  written_files_->Take();
  writer_lock_.unlock();
  return status;
}

Status WriteTransaction::CommitSteps(bool* committed_on_disk) {
  const std::string& root = warehouse_->directory_;
  uint64_t version = base_->version() + 1;
  std::shared_ptr<const CatalogSnapshot> snapshot = builder_.Build(version);

  // 1. Segment and model files are durable; make their directory entries (and those of the
  //    directories holding them, up to the root) durable too.
  std::set<std::string> directories;
  for (const std::string& file : written_files_->Take()) {
    for (std::string directory = ParentDirectory(file); !directory.empty();
         directory = ParentDirectory(directory)) {
      directories.insert(directory);
    }
    written_files_->Add(file);
  }
  for (const std::string& directory : directories) {
    DQ_RETURN_IF_ERROR(SyncDirectory(root + "/" + directory));
  }
  if (!directories.empty()) DQ_RETURN_IF_ERROR(SyncDirectory(root));
  DQ_RETURN_IF_ERROR(warehouse_->RunHook(CommitStep::kSegmentsSynced));

  // 2. The new manifest.
  DQ_ASSIGN_OR_RETURN(std::string manifest, SerializeManifest(*snapshot));
  std::string manifest_name = ManifestFileName(version);
  DQ_RETURN_IF_ERROR(WriteFileDurably(root + "/" + manifest_name, manifest));
  DQ_RETURN_IF_ERROR(warehouse_->RunHook(CommitStep::kManifestWritten));

  // 3. The commit point: CURRENT names the new manifest.
  Status status = WriteFileDurably(root + "/" + kCurrentFile, manifest_name + "\n");
  if (!status.ok()) {
    (void)RemoveFile(root + "/" + manifest_name);
    return status;
  }
  *committed_on_disk = true;
  status = SyncDirectory(root);
  warehouse_->Publish(snapshot);
  if (status.ok()) status = warehouse_->RunHook(CommitStep::kCurrentSwitched);
  // The previous manifest is no longer needed (snapshots live in memory).
  (void)RemoveFile(root + "/" + ManifestFileName(base_->version()));
  return status;
}

}  // namespace dq

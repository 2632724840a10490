// CatalogSnapshot: one immutable, versioned state of the whole catalog; CatalogBuilder: the
// mutable copy a write transaction edits before committing it as the next snapshot.
//
// Snapshots are published as std::shared_ptr<const CatalogSnapshot> and never change, so any
// number of threads may read one. A CatalogBuilder belongs to one write transaction (one
// thread at a time). Unchanged entries are shared between a snapshot and its successor.
//
// Errors (kind kCatalog) follow GoogleSQL/BigQuery wording:
//   Already exists: dataset shop            Not found: Dataset shop was not found
//   Already exists: table shop.sales        Not found: Table shop.sales was not found
//   Already exists: model shop.churn        Not found: Model shop.churn was not found
//   Dataset shop is still in use            (DROP SCHEMA without CASCADE on a non-empty dataset)
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "catalog/catalog_entries.h"
#include "common/status.h"

namespace dq {

class CatalogSnapshot;
std::shared_ptr<const CatalogSnapshot> MakeCatalogSnapshot(
    uint64_t version, std::map<std::string, DatasetEntry> datasets);

class CatalogSnapshot {
 public:
  CatalogSnapshot() = default;  // the empty catalog, version 0

  // Commit number: 0 for a new warehouse, +1 for every commit.
  uint64_t version() const { return version_; }
  // Case-insensitive lookups; null / empty when absent.
  const DatasetEntry* FindDataset(std::string_view name) const;
  std::shared_ptr<const TableEntry> FindTable(std::string_view dataset,
                                              std::string_view table) const;
  std::shared_ptr<const ViewEntry> FindView(std::string_view dataset, std::string_view view) const;
  std::shared_ptr<const ModelEntry> FindModel(std::string_view dataset,
                                              std::string_view model) const;
  // All datasets keyed by lower-cased name (iteration is in that order).
  const std::map<std::string, DatasetEntry>& datasets() const { return datasets_; }

 private:
  friend class CatalogBuilder;
  friend std::shared_ptr<const CatalogSnapshot> MakeCatalogSnapshot(
      uint64_t version, std::map<std::string, DatasetEntry> datasets);
  uint64_t version_ = 0;
  std::map<std::string, DatasetEntry> datasets_;
};

class CatalogBuilder {
 public:
  // Starts from a copy of `base` (entries are shared, not deep-copied).
  explicit CatalogBuilder(const CatalogSnapshot& base) : state_(base) {}

  // The catalog as edited so far, for lookups inside the transaction.
  const CatalogSnapshot& current() const { return state_; }
  const DatasetEntry* FindDataset(std::string_view name) const { return state_.FindDataset(name); }
  std::shared_ptr<const TableEntry> FindTable(std::string_view dataset,
                                              std::string_view table) const {
    return state_.FindTable(dataset, table);
  }

  // `if_not_exists`: an existing dataset is not an error (and is left unchanged).
  Status CreateDataset(std::string_view name, int64_t created_micros, bool if_not_exists = false);
  // Fails with "still in use" when the dataset holds objects and `cascade` is false.
  Status DropDataset(std::string_view name, bool cascade, bool if_exists = false);
  // Adds a table; fails if one with that name exists. Assigns a fresh id when table.id is
  // empty. REQUIRES: the dataset exists (else Not found).
  Status CreateTable(TableEntry table);
  // Creates or replaces (CREATE OR REPLACE, appends). Assigns an id when table.id is empty.
  Status PutTable(TableEntry table);
  Status DropTable(std::string_view dataset, std::string_view name, bool if_exists = false);
  // Creates or replaces a view. Fails if a table has the name (or the view exists and
  // `must_be_new`).
  Status PutView(ViewEntry view, bool must_be_new);
  Status DropView(std::string_view dataset, std::string_view name, bool if_exists = false);
  std::shared_ptr<const ViewEntry> FindView(std::string_view dataset, std::string_view view) const {
    return state_.FindView(dataset, view);
  }

  // Creates or replaces a model (CREATE [OR REPLACE] MODEL). Fails if a table or view has the
  // name (or the model exists and `must_be_new`). Assigns an id when model.id is empty.
  Status PutModel(ModelEntry model, bool must_be_new);
  Status DropModel(std::string_view dataset, std::string_view name, bool if_exists = false);
  std::shared_ptr<const ModelEntry> FindModel(std::string_view dataset,
                                              std::string_view model) const {
    return state_.FindModel(dataset, model);
  }

  // Whether any call above changed the catalog.
  bool changed() const { return changed_; }
  // The edited catalog as a snapshot numbered `version`.
  std::shared_ptr<const CatalogSnapshot> Build(uint64_t version) const;

 private:
  Status PutTableImpl(TableEntry table, bool must_be_new);
  DatasetEntry* MutableDataset(std::string_view name);

  CatalogSnapshot state_;
  bool changed_ = false;
};

// Restores a snapshot from its parts (used by the manifest reader).
std::shared_ptr<const CatalogSnapshot> MakeCatalogSnapshot(
    uint64_t version, std::map<std::string, DatasetEntry> datasets);

}  // namespace dq

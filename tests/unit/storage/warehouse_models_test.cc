// Model files in the warehouse: written with the transaction, removed on abort, persisted with
// their catalog entries across reopen, and garbage-collected once dropped.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "storage/segment_format.h"
#include "storage/warehouse.h"
#include "storage_test_util.h"

namespace dq {
namespace {

using testing::TempDirectory;

std::set<std::string> FilesUnder(const std::string& dir) {
  std::set<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files.insert(std::filesystem::relative(entry.path(), dir).string());
  }
  return files;
}

ModelEntry MakeModel(const std::string& id, const std::string& file, std::string_view bytes) {
  ModelEntry model;
  model.dataset = "shop";
  model.name = "Churn";
  model.id = id;
  model.file = file;
  model.checksum = Checksum(bytes);
  model.byte_size = bytes.size();
  model.model_type = "ONNX";
  model.inputs = {{"features", "FLOAT32", {-1, 4}}};
  model.outputs = {{"probabilities", "FLOAT32", {-1, 3}}, {"label", "INT64", {-1}}};
  model.created_micros = 42;
  return model;
}

// Creates dataset shop and model shop.churn in one commit; returns the model's file.
std::string CreateModel(Warehouse& warehouse, std::string_view bytes) {
  auto transaction = warehouse.BeginWrite();
  EXPECT_TRUE(transaction.ok());
  EXPECT_TRUE((*transaction)->catalog().CreateDataset("shop", 1, true).ok());
  std::string id = NewObjectId();
  auto file = (*transaction)->WriteModelFile(id, bytes);
  EXPECT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_TRUE((*transaction)->catalog().PutModel(MakeModel(id, *file, bytes), true).ok());
  EXPECT_TRUE((*transaction)->Commit().ok());
  return *file;
}

TEST(WarehouseModelsTest, ModelPersistsAcrossReopenAndIsCollectedWhenDropped) {
  TempDirectory dir;
  std::string file;
  {
    auto warehouse = Warehouse::Open(dir.path(), true);
    ASSERT_TRUE(warehouse.ok());
    file = CreateModel(**warehouse, "model bytes");
    EXPECT_EQ(file.rfind("models/", 0), 0u);
  }
  {
    auto warehouse = Warehouse::Open(dir.path(), false);
    ASSERT_TRUE(warehouse.ok()) << warehouse.status().ToString();
    auto model = (*warehouse)->Snapshot()->FindModel("SHOP", "churn");
    ASSERT_NE(model, nullptr);
    EXPECT_EQ(*model, MakeModel(model->id, file, "model bytes"));
    EXPECT_TRUE(FilesUnder(dir.path()).count(file));
    // Models share the namespace with tables and views.
    auto transaction = (*warehouse)->BeginWrite();
    ASSERT_TRUE(transaction.ok());
    TableEntry table;
    table.dataset = "shop";
    table.name = "churn";
    table.columns = {{"x", LogicalType(TypeId::kInt64)}};
    Status status = (*transaction)->catalog().CreateTable(table);
    EXPECT_EQ(status.message(), "Already exists: model shop.churn");
    EXPECT_FALSE((*transaction)->catalog().DropDataset("shop", false).ok());
    ASSERT_TRUE((*transaction)->catalog().DropModel("shop", "CHURN").ok());
    ASSERT_TRUE((*transaction)->Commit().ok());
  }
  auto warehouse = Warehouse::Open(dir.path(), false);
  ASSERT_TRUE(warehouse.ok());
  EXPECT_EQ((*warehouse)->Snapshot()->FindModel("shop", "churn"), nullptr);
  EXPECT_FALSE(FilesUnder(dir.path()).count(file));
}

TEST(WarehouseModelsTest, AbortRemovesTheModelFile) {
  TempDirectory dir;
  auto warehouse = Warehouse::Open(dir.path(), true);
  ASSERT_TRUE(warehouse.ok());
  auto before = FilesUnder(dir.path());
  {
    auto transaction = (*warehouse)->BeginWrite();
    ASSERT_TRUE(transaction.ok());
    auto file = (*transaction)->WriteModelFile(NewObjectId(), "bytes");
    ASSERT_TRUE(file.ok());
    EXPECT_TRUE(FilesUnder(dir.path()).count(*file));
  }  // aborted by the destructor
  EXPECT_EQ(FilesUnder(dir.path()), before);
}

}  // namespace
}  // namespace dq

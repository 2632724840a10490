#include "catalog/catalog_snapshot.h"

#include <gtest/gtest.h>

namespace dq {
namespace {

TableEntry MakeTable(std::string dataset, std::string name) {
  TableEntry table;
  table.dataset = std::move(dataset);
  table.name = std::move(name);
  table.columns = {{"Id", TypeId::kInt64, true, ""}, {"amount", TypeId::kFloat64, false, "0"}};
  return table;
}

TEST(CatalogTest, CreateFindAndDropCaseInsensitively) {
  CatalogSnapshot empty;
  CatalogBuilder builder(empty);
  ASSERT_TRUE(builder.CreateDataset("Shop", 11).ok());
  ASSERT_TRUE(builder.CreateTable(MakeTable("shop", "Sales")).ok());
  auto snapshot = builder.Build(1);
  EXPECT_EQ(snapshot->version(), 1u);
  ASSERT_NE(snapshot->FindDataset("SHOP"), nullptr);
  EXPECT_EQ(snapshot->FindDataset("shop")->name, "Shop");
  auto table = snapshot->FindTable("shop", "SALES");
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->name, "Sales");
  EXPECT_EQ(table->dataset, "Shop");
  EXPECT_EQ(table->id.size(), 16u);
  EXPECT_EQ(table->FindColumn("ID"), std::optional<size_t>(0));
  EXPECT_EQ(table->FindColumn("Amount"), std::optional<size_t>(1));
  EXPECT_EQ(table->FindColumn("missing"), std::nullopt);
  // The original snapshot is unchanged.
  EXPECT_EQ(empty.FindDataset("shop"), nullptr);
}

TEST(CatalogTest, ErrorMessages) {
  CatalogBuilder builder{CatalogSnapshot()};
  ASSERT_TRUE(builder.CreateDataset("shop", 0).ok());
  Status status = builder.CreateDataset("SHOP", 0);
  EXPECT_EQ(status.kind(), ErrorKind::kCatalog);
  EXPECT_EQ(status.message(), "Already exists: dataset SHOP");
  EXPECT_TRUE(builder.CreateDataset("shop", 0, /*if_not_exists=*/true).ok());

  EXPECT_EQ(builder.CreateTable(MakeTable("nope", "t")).message(),
            "Not found: Dataset nope was not found");
  ASSERT_TRUE(builder.CreateTable(MakeTable("shop", "sales")).ok());
  EXPECT_EQ(builder.CreateTable(MakeTable("shop", "SALES")).message(),
            "Already exists: table shop.SALES");
  EXPECT_EQ(builder.DropTable("shop", "orders").message(),
            "Not found: Table shop.orders was not found");
  EXPECT_TRUE(builder.DropTable("shop", "orders", /*if_exists=*/true).ok());

  status = builder.DropDataset("shop", /*cascade=*/false);
  EXPECT_EQ(status.kind(), ErrorKind::kCatalog);
  EXPECT_EQ(status.message(), "Dataset shop is still in use");
  EXPECT_NE(builder.FindTable("shop", "sales"), nullptr);
  EXPECT_TRUE(builder.DropDataset("shop", /*cascade=*/true).ok());
  EXPECT_EQ(builder.FindDataset("shop"), nullptr);
  EXPECT_EQ(builder.DropDataset("shop", false).message(), "Not found: Dataset shop was not found");
  EXPECT_TRUE(builder.DropDataset("shop", false, /*if_exists=*/true).ok());
}

TEST(CatalogTest, PutTableReplacesAndSharesUnchangedEntries) {
  CatalogBuilder first{CatalogSnapshot()};
  ASSERT_TRUE(first.CreateDataset("shop", 0).ok());
  ASSERT_TRUE(first.CreateTable(MakeTable("shop", "a")).ok());
  ASSERT_TRUE(first.CreateTable(MakeTable("shop", "b")).ok());
  auto v1 = first.Build(1);

  CatalogBuilder second(*v1);
  EXPECT_FALSE(second.changed());
  TableEntry replaced = *v1->FindTable("shop", "a");
  RowGroupMeta group;
  group.file = "data/x/y.seg";
  group.row_count = 5;
  group.stats.resize(2);
  replaced.AddRowGroups({group, group});
  ASSERT_TRUE(second.PutTable(replaced).ok());
  EXPECT_TRUE(second.changed());
  auto v2 = second.Build(2);
  EXPECT_EQ(v2->FindTable("shop", "a")->row_count, 10u);
  EXPECT_EQ(v2->FindTable("shop", "a")->id, v1->FindTable("shop", "a")->id);
  EXPECT_EQ(v1->FindTable("shop", "a")->row_count, 0u);
  EXPECT_EQ(v2->FindTable("shop", "b").get(), v1->FindTable("shop", "b").get());

  TableEntry bad = MakeTable("shop", "c");
  bad.id = "../etc";
  EXPECT_EQ(second.PutTable(bad).kind(), ErrorKind::kInvalidInput);
}

}  // namespace
}  // namespace dq

#include "storage/csv/csv_uri_expander.h"

#include <gtest/gtest.h>

#include "csv_test_util.h"

namespace dq {
namespace {

using csv_test::TempDir;

TEST(CsvUriExpanderTest, GlobsSortedAndDeduplicated) {
  TempDir dir;
  dir.Write("data/sales_2.csv", "");
  dir.Write("data/sales_10.csv", "");
  dir.Write("data/sales_1.csv", "");
  dir.Write("data/other.csv", "");
  dir.Write("data/x/part-1.csv", "");
  dir.Write("data/y/part-0.csv", "");
  dir.Write("data/y/part-0.txt", "");
  auto files = ExpandCsvUris({"data/sales_*.csv", "data/sales_1.csv"}, dir.path());
  ASSERT_TRUE(files.ok()) << files.status().message();
  EXPECT_EQ(*files, (std::vector<std::string>{"data/sales_1.csv", "data/sales_10.csv",
                                              "data/sales_2.csv"}));
  auto nested = ExpandCsvUris({"file://data/*/part-*.csv"}, dir.path());
  ASSERT_TRUE(nested.ok());
  EXPECT_EQ(*nested, (std::vector<std::string>{"data/x/part-1.csv", "data/y/part-0.csv"}));
  // Directories never match.
  auto all = ExpandCsvUris({"data/*"}, dir.path());
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 4u);
  for (const std::string& file : *all) {
    EXPECT_EQ(file.find("data/x"), std::string::npos);
  }
}

TEST(CsvUriExpanderTest, NoMatchIsNotFound) {
  TempDir dir;
  auto files = ExpandCsvUris({"data/sales_*.csv"}, dir.path());
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(files.status().message(), "Not found: no files match data/sales_*.csv");
}

}  // namespace
}  // namespace dq

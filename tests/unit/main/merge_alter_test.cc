// MERGE and ALTER TABLE through the public API: rows affected and messages, and that their
// commits survive reopening the warehouse (the rewritten segments are what the manifest names).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "deepquery/deepquery.h"

namespace {

class MergeAlterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/deepquery_merge_test_XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    directory_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::unique_ptr<deepquery::Database> Open() {
    auto opened = deepquery::Database::Open(directory_ + "/warehouse");
    EXPECT_TRUE(opened.ok()) << opened.error_message;
    return std::move(opened.database);
  }

  static void Run(deepquery::Connection& connection, const std::string& sql) {
    auto result = connection.Query(sql);
    ASSERT_TRUE(result->ok()) << sql << ": " << result->error_message();
  }

  std::string directory_;
};

TEST_F(MergeAlterTest, MergeCountsEveryKindOfChange) {
  auto database = Open();
  auto connection = database->Connect();
  Run(*connection, "CREATE TABLE t (id INT64, v INT64)");
  Run(*connection, "INSERT INTO t VALUES (1, 10), (2, 20), (3, 30)");
  auto merged = connection->Query(
      "MERGE t USING (SELECT 1 AS id UNION ALL SELECT 2 UNION ALL SELECT 4) AS s ON t.id = s.id "
      "WHEN MATCHED AND s.id = 1 THEN DELETE WHEN MATCHED THEN UPDATE SET v = 0 "
      "WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id) "
      "WHEN NOT MATCHED BY SOURCE THEN UPDATE SET v = -1");
  ASSERT_TRUE(merged->ok()) << merged->error_message();
  EXPECT_EQ(merged->rows_affected(), 4);
  EXPECT_EQ(merged->message(),
            "Merged into default.t: 1 row inserted, 2 rows updated, 1 row deleted");
  auto unchanged = connection->Query("MERGE t USING t AS s ON FALSE WHEN MATCHED THEN DELETE");
  ASSERT_TRUE(unchanged->ok()) << unchanged->error_message();
  EXPECT_EQ(unchanged->rows_affected(), 0);
}

TEST_F(MergeAlterTest, ChangesSurviveReopen) {
  {
    auto database = Open();
    auto connection = database->Connect();
    Run(*connection, "CREATE TABLE t (id INT64, v INT64)");
    Run(*connection, "INSERT INTO t VALUES (1, 10), (2, 20)");
    Run(*connection, "ALTER TABLE t ADD COLUMN w STRING DEFAULT 'w', RENAME COLUMN v TO v2");
    Run(*connection, "MERGE t USING (SELECT 3 AS id) AS s ON t.id = s.id "
                     "WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id)");
    Run(*connection, "ALTER TABLE t RENAME TO u");
  }
  auto database = Open();
  auto connection = database->Connect();
  auto result = connection->Query("SELECT id, v2, w FROM u ORDER BY id");
  ASSERT_TRUE(result->ok()) << result->error_message();
  ASSERT_EQ(result->row_count(), 3u);
  EXPECT_EQ(result->GetInt64(0, 1), 10);
  EXPECT_TRUE(result->IsNull(0, 2));
  EXPECT_EQ(result->GetString(2, 2), "w");
  EXPECT_TRUE(result->IsNull(2, 1));
}

}  // namespace

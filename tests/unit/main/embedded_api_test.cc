// End-to-end tests through the public embedded API: persistence across reopen, a crash in the
// middle of writing, cancellation, parameters and error values.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "deepquery/deepquery.h"

namespace {

class EmbeddedApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/deepquery_api_test_XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    directory_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::unique_ptr<deepquery::Database> Open() {
    auto opened = deepquery::Database::Open(directory_ + "/warehouse");
    EXPECT_TRUE(opened.ok()) << opened.error_message;
    return std::move(opened.database);
  }

  static int64_t Count(deepquery::Connection& connection, const std::string& table) {
    auto result = connection.Query("SELECT COUNT(*) FROM " + table);
    EXPECT_TRUE(result->ok()) << result->error_message();
    return result->ok() ? result->GetInt64(0, 0) : -1;
  }

  std::string directory_;
};

TEST_F(EmbeddedApiTest, DataSurvivesReopen) {
  {
    auto database = Open();
    auto connection = database->Connect();
    ASSERT_TRUE(connection->Query("CREATE SCHEMA shop")->ok());
    ASSERT_TRUE(connection->Query("CREATE TABLE shop.sales (region STRING, amount INT64)")->ok());
    auto inserted = connection->Query(
        "INSERT INTO shop.sales VALUES ('east', 10), ('west', 20), ('east', 5)");
    ASSERT_TRUE(inserted->ok()) << inserted->error_message();
    EXPECT_EQ(inserted->rows_affected(), 3);
  }
  {
    auto database = Open();
    auto connection = database->Connect();
    ASSERT_TRUE(connection->Query("CREATE VIEW shop.east AS SELECT * FROM shop.sales "
                                  "WHERE region = 'east'")->ok());
  }
  auto database = Open();
  auto connection = database->Connect();
  auto view = connection->Query("SELECT SUM(amount) FROM shop.east");
  ASSERT_TRUE(view->ok()) << view->error_message();
  EXPECT_EQ(view->GetInt64(0, 0), 15);
  auto result = connection->Query(
      "SELECT region, SUM(amount) AS total FROM shop.sales GROUP BY region ORDER BY region");
  ASSERT_TRUE(result->ok()) << result->error_message();
  ASSERT_EQ(result->row_count(), 2u);
  EXPECT_EQ(result->GetString(0, 0), "east");
  EXPECT_EQ(result->GetInt64(0, 1), 15);
  EXPECT_EQ(result->column_type(1), "INT64");
}

TEST_F(EmbeddedApiTest, CrashDuringInsertsLeavesLastCommit) {
  {
    auto database = Open();
    auto connection = database->Connect();
    ASSERT_TRUE(connection->Query("CREATE TABLE t (batch INT64, value INT64)")->ok());
  }
  // A child process inserts batches of 100 rows until it is killed at an arbitrary moment.
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto opened = deepquery::Database::Open(directory_ + "/warehouse");
    if (!opened.ok()) _exit(2);
    auto connection = opened.database->Connect();
    for (int batch = 0;; ++batch) {
      std::string sql = "INSERT INTO t SELECT " + std::to_string(batch) +
                        ", x FROM (SELECT 1 AS x)";
      for (int row = 1; row < 100; ++row) sql += " UNION ALL SELECT " + std::to_string(batch) + ", " + std::to_string(row);
      auto result = connection->Query(sql);
      if (!result->ok()) _exit(3);
    }
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  ASSERT_EQ(kill(child, SIGKILL), 0);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);

  auto database = Open();
  auto connection = database->Connect();
  int64_t rows = Count(*connection, "t");
  EXPECT_GT(rows, 0);
  EXPECT_EQ(rows % 100, 0) << "a commit was half applied";
  // Every committed batch is complete.
  auto result = connection->Query(
      "SELECT COUNT(*) FROM (SELECT batch, COUNT(*) AS n FROM t GROUP BY batch) WHERE n != 100");
  ASSERT_TRUE(result->ok()) << result->error_message();
  EXPECT_EQ(result->GetInt64(0, 0), 0);
  // The warehouse still accepts writes.
  ASSERT_TRUE(connection->Query("INSERT INTO t VALUES (-1, -1)")->ok());
  EXPECT_EQ(Count(*connection, "t"), rows + 1);
}

TEST_F(EmbeddedApiTest, InterruptCancelsRunningQuery) {
  auto database = Open();
  auto connection = database->Connect();
  ASSERT_TRUE(connection->Query("CREATE TABLE numbers (x INT64)")->ok());
  std::string values = "INSERT INTO numbers VALUES (0)";
  for (int value = 1; value < 3000; ++value) values += ", (" + std::to_string(value) + ")";
  ASSERT_TRUE(connection->Query(values)->ok());
  std::unique_ptr<deepquery::Result> result;
  std::thread runner([&] {
    // A cross product of 27 billion rows: runs until cancelled.
    result = connection->Query(
        "SELECT COUNT(*) FROM numbers a, numbers b, numbers c WHERE a.x + b.x + c.x < 0");
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  connection->Interrupt();
  runner.join();
  ASSERT_FALSE(result->ok());
  EXPECT_EQ(result->error_kind(), "cancelled");
  // The connection keeps working.
  EXPECT_EQ(Count(*connection, "numbers"), 3000);
}

TEST_F(EmbeddedApiTest, ParametersAndErrors) {
  auto database = Open();
  auto connection = database->Connect();
  auto result = connection->Query("SELECT @x + 1 AS y, @name AS n",
                                  {{"x", {"INT64", "41"}}, {"name", {"STRING", "JP"}}});
  ASSERT_TRUE(result->ok()) << result->error_message();
  EXPECT_EQ(result->GetInt64(0, 0), 42);
  EXPECT_EQ(result->GetString(0, 1), "JP");

  auto missing = connection->Query("SELECT @nope");
  EXPECT_FALSE(missing->ok());
  EXPECT_EQ(missing->error_message(), "Query parameter 'nope' not found [at 1:8]");

  auto syntax = connection->Query("SELECT (1 + 2\nFROM t");
  EXPECT_FALSE(syntax->ok());
  EXPECT_EQ(syntax->error_kind(), "syntax");
  EXPECT_EQ(syntax->error_message(), "Syntax error: Expected \")\" but got keyword FROM [at 2:1]");
}

}  // namespace

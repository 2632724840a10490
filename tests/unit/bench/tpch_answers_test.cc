// All 22 TPC-H queries at SF 0.1 against answers computed by PostgreSQL 15 on the same generated
// data, money columns as exact NUMERIC(15,2) (tests/data/tpch_sf0.1/README.md), through the
// public API. Our FLOAT64 results must agree within 1e-6 relative.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "bench/tpch/table_generator.h"
#include "bench/tpch/tpch_schema.h"
#include "deepquery/deepquery.h"

namespace {

constexpr double kScaleFactor = 0.1;
constexpr char kAnswersDir[] = "/tests/data/tpch_sf0.1/";

std::string ReadFile(const std::string& path) {
  std::ifstream file(path);
  std::stringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

std::vector<std::string> SplitCsvLine(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  for (size_t index = 0; index < line.size(); ++index) {
    char c = line[index];
    if (quoted) {
      if (c == '"' && index + 1 < line.size() && line[index + 1] == '"') {
        field += '"';
        ++index;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(field);
      field.clear();
    } else {
      field += c;
    }
  }
  fields.push_back(field);
  return fields;
}

bool FieldsMatch(const std::string& expected, const std::string& actual) {
  if (expected == actual) return true;
  char* end_expected = nullptr;
  char* end_actual = nullptr;
  double expected_number = std::strtod(expected.c_str(), &end_expected);
  double actual_number = std::strtod(actual.c_str(), &end_actual);
  if (expected.empty() || actual.empty() || *end_expected != '\0' || *end_actual != '\0') {
    return false;
  }
  double scale = std::max({std::fabs(expected_number), std::fabs(actual_number), 1e-9});
  return std::fabs(expected_number - actual_number) / scale <= 1e-6;
}

bool RowsMatch(const std::vector<std::string>& expected, const std::vector<std::string>& actual) {
  if (expected.size() != actual.size()) return false;
  for (size_t field = 0; field < expected.size(); ++field) {
    if (!FieldsMatch(expected[field], actual[field])) return false;
  }
  return true;
}

class TpchAnswersTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char pattern[] = "/tmp/deepquery_tpch_test_XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    directory_ = new std::string(pattern);
    auto opened = deepquery::Database::Open(*directory_ + "/warehouse");
    ASSERT_TRUE(opened.ok()) << opened.error_message;
    database_ = opened.database.release();
    connection_ = database_->Connect().release();
    ASSERT_TRUE(connection_->Query("CREATE SCHEMA tpch")->ok());
    for (const std::string& table : dq::tpch::TableNames()) {
      std::string file = *directory_ + "/" + table + ".tbl";
      ASSERT_TRUE(dq::tpch::WriteCsv(table, kScaleFactor, file).ok());
      std::string columns;
      for (const auto& [name, type] : dq::tpch::TableSchema(table)) {
        columns += (columns.empty() ? "" : ", ") + name + " " + type.ToString();
      }
      auto created = connection_->Query("CREATE TABLE tpch." + table + " (" + columns + ")");
      ASSERT_TRUE(created->ok()) << created->error_message();
      auto loaded = connection_->Query("LOAD DATA INTO tpch." + table +
                                       " FROM FILES(format = 'CSV', field_delimiter = '|', "
                                       "skip_leading_rows = 0, uris = ['" + file + "'])");
      ASSERT_TRUE(loaded->ok()) << loaded->error_message();
    }
  }

  static void TearDownTestSuite() {
    delete connection_;
    delete database_;
    std::filesystem::remove_all(*directory_);
    delete directory_;
  }

  void CheckQuery(int number) {
    std::string source = DEEPQUERY_SOURCE_DIR;
    std::string sql = ReadFile(source + "/bench/queries/tpch/q" + std::to_string(number) + ".sql");
    std::string answers =
        ReadFile(source + kAnswersDir + "q" + std::to_string(number) + ".csv");
    ASSERT_FALSE(sql.empty());
    ASSERT_FALSE(answers.empty());
    auto result = connection_->Query(sql);
    ASSERT_TRUE(result->ok()) << "q" << number << ": " << result->error_message();

    std::vector<std::vector<std::string>> expected;
    std::istringstream lines(answers);
    std::string line;
    std::getline(lines, line);  // header
    while (std::getline(lines, line)) {
      if (!line.empty()) expected.push_back(SplitCsvLine(line));
    }
    std::vector<std::vector<std::string>> actual;
    for (size_t row = 0; row < result->row_count(); ++row) {
      std::vector<std::string> fields;
      for (size_t column = 0; column < result->column_count(); ++column) {
        fields.push_back(result->IsNull(row, column) ? "" : result->GetString(row, column));
      }
      actual.push_back(std::move(fields));
    }
    ASSERT_EQ(actual.size(), expected.size()) << "q" << number << " row count";
    // Every expected row matches a distinct actual row (ties may come in any order). The row
    // in the same place is tried first, so the search is only long for out-of-place rows.
    std::vector<bool> used(actual.size(), false);
    size_t in_place = 0;
    for (size_t row = 0; row < expected.size(); ++row) {
      bool found = false;
      if (RowsMatch(expected[row], actual[row])) {
        ++in_place;
        if (!used[row]) used[row] = found = true;
      }
      for (size_t candidate = 0; candidate < actual.size() && !found; ++candidate) {
        if (!used[candidate] && RowsMatch(expected[row], actual[candidate])) {
          used[candidate] = true;
          found = true;
        }
      }
      ASSERT_TRUE(found) << "q" << number << ": no row matches expected row " << row << ": "
                         << ::testing::PrintToString(expected[row]);
    }
    // Most rows are where ORDER BY puts them (only ties may differ).
    EXPECT_GE(in_place * 10, expected.size() * 9) << "q" << number << " row order";
  }

  static std::string* directory_;
  static deepquery::Database* database_;
  static deepquery::Connection* connection_;
};

std::string* TpchAnswersTest::directory_ = nullptr;
deepquery::Database* TpchAnswersTest::database_ = nullptr;
deepquery::Connection* TpchAnswersTest::connection_ = nullptr;

class TpchQueryTest : public TpchAnswersTest, public ::testing::WithParamInterface<int> {};

TEST_P(TpchQueryTest, MatchesReferenceAnswers) { CheckQuery(GetParam()); }

INSTANTIATE_TEST_SUITE_P(AllQueries, TpchQueryTest, ::testing::Range(1, 23),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return "Q" + std::to_string(info.param);
                         });

}  // namespace

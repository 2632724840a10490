#include "slt_parser.h"

#include <gtest/gtest.h>

namespace deepquery::tools {
namespace {

TEST(SltParserTest, StatementsAndComments) {
  const SltScript script = ParseSltScript(
      "# a comment\n"
      "statement ok\n"
      "CREATE TABLE t1(a INT64,\n"
      "  b STRING)\n"
      "\n"
      "statement error\n"
      "SELECT nope\n"
      "\n"
      "statement error Division by zero\n"
      "SELECT 1 / 0\n"
      "\n"
      "statement error\n"
      "SELECT x\n"
      "----\n"
      "Unrecognized name: x\n");
  ASSERT_EQ(script.records.size(), 4u);
  EXPECT_EQ(script.records[0].kind, SltRecordKind::kStatement);
  EXPECT_EQ(script.records[0].line, 2);
  EXPECT_FALSE(script.records[0].expect_error);
  EXPECT_EQ(script.records[0].sql, "CREATE TABLE t1(a INT64,\n  b STRING)");
  EXPECT_TRUE(script.records[1].expect_error);
  EXPECT_EQ(script.records[1].expected_error, "");
  EXPECT_EQ(script.records[2].expected_error, "Division by zero");
  EXPECT_EQ(script.records[2].sql, "SELECT 1 / 0");
  EXPECT_EQ(script.records[3].expected_error, "Unrecognized name: x");
  EXPECT_EQ(script.records[3].sql, "SELECT x");
}

TEST(SltParserTest, Queries) {
  const SltScript script = ParseSltScript(
      "query IT rowsort label-7\n"
      "SELECT a, b\n"
      "FROM t1\n"
      "----\n"
      "1\n"
      "x\n"
      "\n"
      "query R\n"
      "SELECT 1.5\n"
      "----\n"
      "1.500\n"
      "\n"
      "query error Unrecognized\n"
      "SELECT nope\n"
      "\n"
      "query I valuesort\n"
      "SELECT 1\n");
  ASSERT_EQ(script.records.size(), 4u);
  const SltRecord& first = script.records[0];
  EXPECT_EQ(first.kind, SltRecordKind::kQuery);
  EXPECT_EQ(first.column_types, "IT");
  EXPECT_EQ(first.sort_mode, SltSortMode::kRowSort);
  EXPECT_EQ(first.label, "label-7");
  EXPECT_EQ(first.sql, "SELECT a, b\nFROM t1");
  EXPECT_EQ(first.expected_lines, (std::vector<std::string>{"1", "x"}));
  EXPECT_EQ(first.results_begin, 3);
  EXPECT_EQ(first.end, 6);
  EXPECT_EQ(script.records[1].sort_mode, SltSortMode::kNoSort);
  EXPECT_TRUE(script.records[2].expect_error);
  EXPECT_EQ(script.records[2].expected_error, "Unrecognized");
  EXPECT_EQ(script.records[3].sort_mode, SltSortMode::kValueSort);
  EXPECT_TRUE(script.records[3].expected_lines.empty());
  EXPECT_EQ(script.records[3].results_begin, script.records[3].end);
}

TEST(SltParserTest, ConditionsAndControlRecords) {
  const SltScript script = ParseSltScript(
      "hash-threshold 12\n"
      "\n"
      "skipif mysql\n"
      "onlyif googlesql\n"
      "statement ok\n"
      "SELECT 1\n"
      "\n"
      "mode integer_division\n"
      "\n"
      "onlyif mssql\n"
      "halt\n"
      "\r\n"
      "loop i 0 10\n");
  ASSERT_EQ(script.records.size(), 5u);
  EXPECT_EQ(script.records[0].kind, SltRecordKind::kHashThreshold);
  EXPECT_EQ(script.records[0].hash_threshold, 12);
  EXPECT_EQ(script.records[1].skip_if, (std::vector<std::string>{"mysql"}));
  EXPECT_EQ(script.records[1].only_if, (std::vector<std::string>{"googlesql"}));
  EXPECT_EQ(script.records[1].line, 5);
  EXPECT_EQ(script.records[2].kind, SltRecordKind::kMode);
  EXPECT_EQ(script.records[2].argument, "integer_division");
  EXPECT_EQ(script.records[3].kind, SltRecordKind::kHalt);
  EXPECT_EQ(script.records[3].only_if, (std::vector<std::string>{"mssql"}));
  EXPECT_EQ(script.records[4].kind, SltRecordKind::kInvalid);
  EXPECT_EQ(script.records[4].line, 13);
}

TEST(SltParserTest, UnknownSortModeIsInvalid) {
  const SltScript script = ParseSltScript("query I sideways\nSELECT 1\n----\n1\n");
  ASSERT_EQ(script.records.size(), 1u);
  EXPECT_EQ(script.records[0].kind, SltRecordKind::kInvalid);
}

}  // namespace
}  // namespace deepquery::tools

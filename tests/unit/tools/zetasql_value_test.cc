#include "zetasql_value.h"

#include <gtest/gtest.h>

#include <cmath>

#include "zetasql_value_parser.h"

namespace deepquery::tools {
namespace {

ZetasqlExpected MustParse(const std::string& text) {
  std::string error;
  std::optional<ZetasqlExpected> expected = ParseZetasqlExpected(text, &error);
  EXPECT_TRUE(expected.has_value()) << text << ": " << error;
  return expected.value_or(ZetasqlExpected{});
}

// The single value of a one-row, one-column expected table.
ZetasqlValue Single(const std::string& text) {
  const ZetasqlExpected expected = MustParse(text);
  EXPECT_EQ(expected.table.children.size(), 1u) << text;
  if (expected.table.children.empty() || expected.table.children[0].children.empty()) return {};
  return expected.table.children[0].children[0];
}

TEST(ZetasqlTypeTest, ParsesNestedTypes) {
  std::optional<ZetasqlType> type = ParseZetasqlType("ARRAY<STRUCT<a INT64, DOUBLE, `b c` ARRAY<>>>");
  ASSERT_TRUE(type.has_value());
  EXPECT_EQ(type->kind, ZetasqlKind::kArray);
  const ZetasqlType& row = type->children[0];
  ASSERT_EQ(row.children.size(), 3u);
  EXPECT_EQ(row.field_names, (std::vector<std::string>{"a", "", "b c"}));
  EXPECT_EQ(row.children[0].kind, ZetasqlKind::kInteger);
  EXPECT_EQ(row.children[1].kind, ZetasqlKind::kFloat);
  EXPECT_EQ(row.children[2].kind, ZetasqlKind::kArray);
  EXPECT_TRUE(row.children[2].children.empty());
  std::optional<ZetasqlType> named_like_type = ParseZetasqlType("STRUCT<DOUBLE DOUBLE, FLOAT64>");
  ASSERT_TRUE(named_like_type.has_value());
  EXPECT_EQ(named_like_type->field_names, (std::vector<std::string>{"DOUBLE", ""}));
  EXPECT_EQ(ParseZetasqlType("RANGE<DATE>")->kind, ZetasqlKind::kOther);
  EXPECT_FALSE(ParseZetasqlType("ARRAY<INT64").has_value());
  EXPECT_FALSE(ParseZetasqlType("STRUCT<a INT64> junk").has_value());
}

TEST(ZetasqlExpectedTest, Errors) {
  const ZetasqlExpected expected = MustParse(
      "ERROR: generic::out_of_range: division by zero: 1 / 0 [at 1:9]\nSELECT 1/0\n        ^");
  EXPECT_TRUE(expected.is_error);
  EXPECT_EQ(expected.error_code, "out_of_range");
  std::string error;
  EXPECT_FALSE(ParseZetasqlExpected("STRUCT<num_rows_modified INT64>{1}", &error).has_value());
}

TEST(ZetasqlExpectedTest, ScalarLiterals) {
  EXPECT_EQ(Single("ARRAY<STRUCT<INT64>>[{-42}]").text, "-42");
  EXPECT_EQ(Single("ARRAY<STRUCT<UINT64>>[{18446744073709551615}]").text, "18446744073709551615");
  EXPECT_EQ(Single("ARRAY<STRUCT<BOOL>>[{true}]").text, "true");
  EXPECT_TRUE(Single("ARRAY<STRUCT<INT64>>[{NULL}]").is_null);
  EXPECT_DOUBLE_EQ(Single("ARRAY<STRUCT<DOUBLE>>[{6.2831853071795862}]").float_value, 6.2831853071795862);
  EXPECT_DOUBLE_EQ(Single("ARRAY<STRUCT<DOUBLE>>[{4.6116860184273879e+18}]").float_value, 4.6116860184273879e+18);
  EXPECT_TRUE(std::isnan(Single("ARRAY<STRUCT<DOUBLE>>[{nan}]").float_value));
  EXPECT_EQ(Single("ARRAY<STRUCT<DOUBLE>>[{-inf}]").float_value, -INFINITY);
  EXPECT_TRUE(Single("ARRAY<STRUCT<FLOAT>>[{1.5}]").is_float32);
  EXPECT_EQ(Single("ARRAY<STRUCT<NUMERIC>>[{-0.500}]").text, "-0.5");
  EXPECT_EQ(Single("ARRAY<STRUCT<BIGNUMERIC>>[{1e3}]").text, "1000");
  EXPECT_EQ(Single("ARRAY<STRUCT<STRING>>[{\"a'b\\\"\\n\\x41\\u00e9\\101\"}]").text, "a'b\"\nA\xc3\xa9" "A");
  EXPECT_EQ(Single("ARRAY<STRUCT<BYTES>>[{b\"\\x00\\xff}\"}]").text, std::string("\x00\xff}", 3));
  EXPECT_EQ(Single("ARRAY<STRUCT<DATE>>[{2001-01-01}]").text, "2001-01-01");
  EXPECT_EQ(Single("ARRAY<STRUCT<DATETIME>>[{2001-01-01 10:00:00.500000}]").text, "2001-01-01 10:00:00.5");
  EXPECT_EQ(Single("ARRAY<STRUCT<TIME>>[{12:34:56}]").text, "12:34:56");
  EXPECT_EQ(Single("ARRAY<STRUCT<TIMESTAMP>>[{1970-01-02 00:00:00.25+00}]").micros, 86400250000);
  const ZetasqlValue interval = Single("ARRAY<STRUCT<INTERVAL>>[{-1-2 -15 -0:0:1.5}]");
  EXPECT_EQ(interval.months, -14);
  EXPECT_EQ(interval.days, -15);
  EXPECT_EQ(interval.nanos, -1500000000);
  EXPECT_EQ(Single("ARRAY<STRUCT<JSON>>[{{\"a\": [1, \"x, }\"]}}]").text, "{\"a\":[1,\"x, }\"]}");
  EXPECT_EQ(Single("ARRAY<STRUCT<JSON>>[{null}]").text, "null");
  EXPECT_TRUE(Single("ARRAY<STRUCT<JSON>>[{NULL}]").is_null);
}

TEST(ZetasqlExpectedTest, ArraysStructsAndOrder) {
  const ZetasqlExpected table = MustParse(
      "ARRAY<STRUCT<a INT64, b ARRAY<>, c STRUCT<x STRING, y ARRAY<>>>>[unknown order:\n"
      "  {1, ARRAY<INT64>[known order:1, 2], {\"s\", ARRAY<DATE>[2001-01-01]}},\n"
      "  {2, ARRAY<STRING>(NULL), NULL}\n"
      "]");
  EXPECT_FALSE(table.table.ordered);
  ASSERT_EQ(table.table.children.size(), 2u);
  const ZetasqlValue& first = table.table.children[0];
  EXPECT_TRUE(first.children[1].ordered);
  EXPECT_EQ(first.children[1].children.size(), 2u);
  EXPECT_EQ(first.children[2].children[1].children[0].text, "2001-01-01");
  EXPECT_TRUE(table.table.children[1].children[1].is_null);
  EXPECT_TRUE(table.table.children[1].children[2].is_null);
  EXPECT_TRUE(MustParse("ARRAY<STRUCT<a INT64>>[]").table.children.empty());
}

TEST(ZetasqlSqlLiteralTest, EngineNestedValues) {
  std::string error;
  std::optional<ZetasqlType> type = ParseZetasqlType(
      "STRUCT<t TIMESTAMP, f ARRAY<FLOAT64>, b BYTES, s STRING, j JSON, n NUMERIC, d DATE, e ARRAY<INT64>>");
  ASSERT_TRUE(type.has_value());
  std::optional<ZetasqlValue> value = ParseZetasqlValue(
      *type,
      "(TIMESTAMP \"1970-01-01 00:00:01+00\", [1.5, CAST(\"nan\" AS FLOAT64)], b\"\x01\", \"a\\\"b\", "
      "JSON \"{\\\"a\\\":1}\", NUMERIC \"1.50\", DATE \"2001-01-01\", [])",
      ZetasqlSyntax::kSqlLiteral, &error);
  ASSERT_TRUE(value.has_value()) << error;
  EXPECT_EQ(value->children[0].micros, 1000000);
  EXPECT_TRUE(std::isnan(value->children[1].children[1].float_value));
  EXPECT_EQ(value->children[2].text, "\x01");
  EXPECT_EQ(value->children[3].text, "a\"b");
  EXPECT_EQ(value->children[4].text, "{\"a\":1}");
  EXPECT_EQ(value->children[5].text, "1.5");
  EXPECT_EQ(value->children[6].text, "2001-01-01");
  EXPECT_TRUE(value->children[7].children.empty());
  EXPECT_FALSE(ParseZetasqlValue(*type, "(1", ZetasqlSyntax::kSqlLiteral, &error).has_value());
  std::optional<ZetasqlType> intervals = ParseZetasqlType("ARRAY<INTERVAL>");
  ASSERT_TRUE(intervals.has_value());
  std::optional<ZetasqlValue> array = ParseZetasqlValue(
      *intervals, "[INTERVAL \"0-0 1 0:0:0\" YEAR TO SECOND, NULL]", ZetasqlSyntax::kSqlLiteral,
      &error);
  ASSERT_TRUE(array.has_value()) << error;
  EXPECT_EQ(array->children.size(), 2u);
  EXPECT_TRUE(array->children[1].is_null);
}

TEST(ZetasqlScalarTest, NormalizesEngineText) {
  ZetasqlType timestamp;
  timestamp.kind = ZetasqlKind::kTimestamp;
  EXPECT_EQ(ScalarFromText(timestamp, "1970-01-01 01:00:00+01")->micros, 0);
  EXPECT_EQ(ScalarFromText(timestamp, "1970-01-01T00:00:00Z")->micros, 0);
  ZetasqlType integer;
  integer.kind = ZetasqlKind::kInteger;
  EXPECT_FALSE(ScalarFromText(integer, "1.5").has_value());
}

}  // namespace
}  // namespace deepquery::tools

#include "zetasql_compare.h"

#include <gtest/gtest.h>

#include <cmath>

namespace deepquery::tools {
namespace {

ZetasqlValue Float(double value) {
  ZetasqlValue out;
  out.kind = ZetasqlKind::kFloat;
  out.is_null = false;
  out.float_value = value;
  return out;
}

ZetasqlValue Text(ZetasqlKind kind, const std::string& text) {
  ZetasqlValue out;
  out.kind = kind;
  out.is_null = false;
  out.text = text;
  return out;
}

ZetasqlValue Array(std::vector<ZetasqlValue> elements, bool ordered) {
  ZetasqlValue out;
  out.kind = ZetasqlKind::kArray;
  out.is_null = false;
  out.ordered = ordered;
  out.children = std::move(elements);
  return out;
}

TEST(ZetasqlCompareTest, DoubleTolerance) {
  EXPECT_TRUE(ZetasqlValuesMatch(Float(0.1 + 0.2), Float(0.3), nullptr));
  EXPECT_FALSE(ZetasqlValuesMatch(Float(1.0), Float(1.0 + 1e-9), nullptr));
  EXPECT_TRUE(ZetasqlValuesMatch(Float(NAN), Float(-NAN), nullptr));
  EXPECT_TRUE(ZetasqlValuesMatch(Float(-0.0), Float(0.0), nullptr));
  EXPECT_TRUE(ZetasqlValuesMatch(Float(INFINITY), Float(INFINITY), nullptr));
  EXPECT_FALSE(ZetasqlValuesMatch(Float(INFINITY), Float(-INFINITY), nullptr));
  EXPECT_FALSE(ZetasqlValuesMatch(Float(NAN), Float(1), nullptr));
  ZetasqlValue float32 = Float(1.1);
  float32.is_float32 = true;
  EXPECT_TRUE(ZetasqlValuesMatch(float32, Float(1.10000002384), nullptr));
}

TEST(ZetasqlCompareTest, KindsAndNulls) {
  std::string why;
  EXPECT_FALSE(ZetasqlValuesMatch(Text(ZetasqlKind::kInteger, "1"), Float(1), &why));
  EXPECT_NE(why.find("integer"), std::string::npos);
  EXPECT_TRUE(ZetasqlValuesMatch(Text(ZetasqlKind::kNumeric, "1.5"), Text(ZetasqlKind::kNumeric, "1.5"), nullptr));
  EXPECT_FALSE(ZetasqlValuesMatch(Text(ZetasqlKind::kNumeric, "1.5"), Text(ZetasqlKind::kNumeric, "1.50000001"), nullptr));
  EXPECT_TRUE(ZetasqlValuesMatch(ZetasqlValue::Null(ZetasqlKind::kInteger),
                                 ZetasqlValue::Null(ZetasqlKind::kNull), nullptr));
  EXPECT_FALSE(ZetasqlValuesMatch(ZetasqlValue::Null(ZetasqlKind::kInteger),
                                  Text(ZetasqlKind::kInteger, "0"), nullptr));
}

TEST(ZetasqlCompareTest, OrderedAndMultisetArrays) {
  const auto one = Text(ZetasqlKind::kInteger, "1");
  const auto two = Text(ZetasqlKind::kInteger, "2");
  EXPECT_TRUE(ZetasqlValuesMatch(Array({one, two, two}, false), Array({two, one, two}, true), nullptr));
  EXPECT_FALSE(ZetasqlValuesMatch(Array({one, one, two}, false), Array({two, one, two}, true), nullptr));
  EXPECT_FALSE(ZetasqlValuesMatch(Array({one, two}, true), Array({two, one}, true), nullptr));
  std::string why;
  EXPECT_FALSE(ZetasqlValuesMatch(Array({one}, true), Array({one, two}, true), &why));
  EXPECT_NE(why.find("1 elements"), std::string::npos);
}

TEST(ZetasqlCompareTest, Tables) {
  std::string error;
  const std::optional<ZetasqlExpected> expected =
      ParseZetasqlExpected("ARRAY<STRUCT<a INT64, b DOUBLE>>[known order:{1, 0.5}, {2, nan}]", &error);
  ASSERT_TRUE(expected.has_value()) << error;
  const ZetasqlType type = *ParseZetasqlType("ARRAY<STRUCT<a INT64, b FLOAT64>>");
  ZetasqlValue row1;
  row1.kind = ZetasqlKind::kStruct;
  row1.is_null = false;
  row1.children = {Text(ZetasqlKind::kInteger, "1"), Float(0.5)};
  ZetasqlValue row2 = row1;
  row2.children = {Text(ZetasqlKind::kInteger, "2"), Float(NAN)};
  std::string why;
  EXPECT_TRUE(ZetasqlTablesMatch(*expected, type, Array({row1, row2}, true), &why)) << why;
  EXPECT_FALSE(ZetasqlTablesMatch(*expected, type, Array({row2, row1}, true), &why));
  EXPECT_FALSE(ZetasqlTablesMatch(*expected, type, Array({row1}, true), &why));
  EXPECT_EQ(why, "expected 2 rows, got 1");
  const ZetasqlType wrong_type = *ParseZetasqlType("ARRAY<STRUCT<a INT64, b NUMERIC>>");
  EXPECT_FALSE(ZetasqlTablesMatch(*expected, wrong_type, Array({row1, row2}, true), &why));
  EXPECT_NE(why.find("expected type DOUBLE"), std::string::npos);
}

TEST(ZetasqlCompareTest, ErrorCodes) {
  EXPECT_EQ(ZetasqlCodeForErrorKind("out_of_range"), "out_of_range");
  EXPECT_EQ(ZetasqlCodeForErrorKind("invalid_input"), "out_of_range");
  EXPECT_EQ(ZetasqlCodeForErrorKind("binding"), "invalid_argument");
  EXPECT_EQ(ZetasqlCodeForErrorKind("syntax"), "invalid_argument");
  EXPECT_EQ(ZetasqlCodeForErrorKind("not_supported"), "unimplemented");
  EXPECT_EQ(ZetasqlCodeForErrorKind("internal"), "internal");
}

}  // namespace
}  // namespace deepquery::tools

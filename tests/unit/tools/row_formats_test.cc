#include "row_formats.h"

#include <gtest/gtest.h>

namespace deepquery::tools {
namespace {

TEST(RowFormatsTest, CsvQuoting) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField(" padded"), "\" padded\"");
  EXPECT_EQ(CsvLine({"1", std::nullopt, "x,y", ""}), "1,,\"x,y\",\n");
}

TEST(RowFormatsTest, JsonStrings) {
  EXPECT_EQ(JsonString("plain"), "\"plain\"");
  EXPECT_EQ(JsonString("q\"b\\"), "\"q\\\"b\\\\\"");
  EXPECT_EQ(JsonString("a\nb\tc\x01"), "\"a\\nb\\tc\\u0001\"");
  EXPECT_EQ(JsonString("日本"), "\"日本\"");
}

TEST(RowFormatsTest, JsonNumbers) {
  EXPECT_TRUE(IsJsonNumber("0"));
  EXPECT_TRUE(IsJsonNumber("-12.5e+3"));
  EXPECT_FALSE(IsJsonNumber("inf"));
  EXPECT_FALSE(IsJsonNumber("nan"));
  EXPECT_FALSE(IsJsonNumber("01"));
  EXPECT_FALSE(IsJsonNumber("1."));
  EXPECT_FALSE(IsJsonNumber(""));
}

TEST(RowFormatsTest, JsonObjectKeepsTypes) {
  const std::vector<std::string> names = {"id", "price", "ok", "name", "doc", "missing", "x"};
  std::vector<JsonKind> kinds;
  for (const char* type : {"INT64", "FLOAT64", "BOOL", "STRING", "JSON", "DATE", "FLOAT64"}) {
    kinds.push_back(JsonKindForType(type));
  }
  EXPECT_EQ(
      JsonObject(names, kinds, {"1", "2.5", "true", "a\"b", "{\"k\":1}", std::nullopt, "inf"}),
      "{\"id\":1,\"price\":2.5,\"ok\":true,\"name\":\"a\\\"b\",\"doc\":{\"k\":1},"
      "\"missing\":null,\"x\":\"inf\"}");
}

}  // namespace
}  // namespace deepquery::tools

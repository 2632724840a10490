#include "storage/csv/csv_schema_detector.h"

#include <gtest/gtest.h>

#include "csv_test_util.h"

namespace dq {
namespace {

using csv_test::TempDir;

Result<CsvSchema> Detect(const TempDir& dir, const std::vector<std::string>& files,
                         CsvOptions options = {}) {
  options.base_directory = dir.path();
  return DetectCsvSchema(files, options);
}

TEST(CsvSchemaDetectorTest, ValueTypes) {
  EXPECT_EQ(DetectCsvValueType("true"), TypeId::kBool);
  EXPECT_EQ(DetectCsvValueType("-12"), TypeId::kInt64);
  EXPECT_EQ(DetectCsvValueType("1.5e3"), TypeId::kFloat64);
  EXPECT_EQ(DetectCsvValueType("nan"), TypeId::kString);
  EXPECT_EQ(DetectCsvValueType("2024-01-31"), TypeId::kDate);
  EXPECT_EQ(DetectCsvValueType("2024-01-31 10:00:00"), TypeId::kDatetime);
  EXPECT_EQ(DetectCsvValueType("2024-01-31 10:00:00+01"), TypeId::kTimestamp);
  EXPECT_EQ(DetectCsvValueType("10:30:00"), TypeId::kTime);
  EXPECT_EQ(DetectCsvValueType("abc"), TypeId::kString);
}

TEST(CsvSchemaDetectorTest, TypesAndHeader) {
  TempDir dir;
  dir.Write("s.csv",
            "id,Amount ($),ok,day,at,note,2nd,empty\n"
            "1,2,true,2024-01-01,2024-01-01 00:00:00,x,1,\n"
            "2,2.5,false,2024-01-02,2024-01-02,y z,2024-01-01,\n"
            "3,,,,2024-01-03 10:00:00Z,,,\n");
  auto schema = Detect(dir, {"s.csv"});
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  EXPECT_TRUE(schema->has_header);
  EXPECT_EQ(schema->delimiter, ',');
  EXPECT_EQ(schema->names, (std::vector<std::string>{"id", "Amount____", "ok", "day", "at", "note",
                                                     "_2nd", "empty"}));
  EXPECT_EQ(schema->types,
            (std::vector<LogicalType>{TypeId::kInt64, TypeId::kFloat64, TypeId::kBool,
                                      TypeId::kDate, TypeId::kTimestamp, TypeId::kString,
                                      TypeId::kString, TypeId::kString}));
}

TEST(CsvSchemaDetectorTest, NoHeaderGetsStringFieldNames) {
  TempDir dir;
  dir.Write("n.csv", "1,a b\n2,c d\n");
  auto schema = Detect(dir, {"n.csv"});
  ASSERT_TRUE(schema.ok());
  EXPECT_FALSE(schema->has_header);
  EXPECT_EQ(schema->names, (std::vector<std::string>{"string_field_0", "string_field_1"}));
  EXPECT_EQ(schema->types, (std::vector<LogicalType>{TypeId::kInt64, TypeId::kString}));
}

TEST(CsvSchemaDetectorTest, AllStringHeaderByIdentifierNames) {
  TempDir dir;
  dir.Write("h.csv", "name,city\nAnn Lee,New York\nBo,Paris!\n");
  auto schema = Detect(dir, {"h.csv"});
  ASSERT_TRUE(schema.ok());
  EXPECT_TRUE(schema->has_header);
  EXPECT_EQ(schema->names, (std::vector<std::string>{"name", "city"}));
  dir.Write("plain.csv", "alice,paris\nbob,rome\n");
  auto plain = Detect(dir, {"plain.csv"});
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(plain->has_header);
}

TEST(CsvSchemaDetectorTest, DetectsDelimiters) {
  TempDir dir;
  dir.Write("t.tsv", "a\tb\tc\n1\t2,5\t3\n4\t5\t6\n");
  dir.Write("p.psv", "a|b\n1|x,y\n");
  dir.Write("s.csv", "a;b;c\n1;2;3\n");
  EXPECT_EQ(Detect(dir, {"t.tsv"})->delimiter, '\t');
  EXPECT_EQ(Detect(dir, {"p.psv"})->delimiter, '|');
  EXPECT_EQ(Detect(dir, {"s.csv"})->delimiter, ';');
  CsvOptions given;
  given.field_delimiter = ',';
  EXPECT_EQ(Detect(dir, {"s.csv"}, given)->types.size(), 1u);
}

TEST(CsvSchemaDetectorTest, HeadersOfLaterFilesAreNotData) {
  TempDir dir;
  dir.Write("a.csv", "id,v\n1,2\n");
  dir.Write("b.csv", "id,v\n3,4.5\n");
  auto schema = Detect(dir, {"a.csv", "b.csv"});
  ASSERT_TRUE(schema.ok());
  EXPECT_EQ(schema->types, (std::vector<LogicalType>{TypeId::kInt64, TypeId::kFloat64}));
  CsvOptions options;
  ApplyCsvSchema(*schema, &options);
  EXPECT_EQ(options.skip_leading_rows.value(), 1u);
  EXPECT_EQ(options.delimiter(), ',');
}

TEST(CsvSchemaDetectorTest, ExplicitSkipLeadingRows) {
  TempDir dir;
  dir.Write("a.csv", "# exported\nx,y\n1,2\n");
  CsvOptions options;
  options.skip_leading_rows = 2;
  auto schema = Detect(dir, {"a.csv"}, options);
  ASSERT_TRUE(schema.ok());
  EXPECT_TRUE(schema->has_header);
  EXPECT_EQ(schema->names, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(schema->types, (std::vector<LogicalType>{TypeId::kInt64, TypeId::kInt64}));
}

}  // namespace
}  // namespace dq

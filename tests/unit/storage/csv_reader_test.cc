#include "common/utf8.h"
#include "storage/csv/csv_reader.h"

#include <gtest/gtest.h>

#include "csv_test_util.h"
#include "storage/csv/csv_field_converter.h"

namespace dq {
namespace {

using csv_test::ReadCsv;
using csv_test::TempDir;

CsvOptions Options(const TempDir& dir) {
  CsvOptions options;
  options.base_directory = dir.path();
  return options;
}

TEST(CsvReaderTest, ReadsTypedColumns) {
  TempDir dir;
  dir.Write("a.csv",
            "1,2.5,true,2024-01-31,hello,2024-01-31 10:00:00+02,12.345,aGk=\n"
            "-7,inf,0,1999-12-31,world,2024-02-01T00:00:00Z,-1,\n");
  std::vector<LogicalType> types = {TypeId::kInt64,   TypeId::kFloat64, TypeId::kBool,
                                    TypeId::kDate,    TypeId::kString,  TypeId::kTimestamp,
                                    TypeId::kNumeric, TypeId::kBytes};
  auto outcome = ReadCsv({"a.csv"}, Options(dir), types);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status.message();
  ASSERT_EQ(outcome.rows.size(), 2u);
  EXPECT_EQ(outcome.rows[0], "1|2.5|true|2024-01-31|hello|2024-01-31 08:00:00+00|12.345|hi");
  EXPECT_EQ(outcome.rows[1], "-7|inf|false|1999-12-31|world|2024-02-01 00:00:00+00|-1|NULL");
  EXPECT_EQ(outcome.stats.rows, 2u);
  EXPECT_EQ(outcome.stats.files, 1u);
}

TEST(CsvReaderTest, QuotingAndEscapedQuotes) {
  TempDir dir;
  dir.Write("q.csv", "\"a,b\",\"say \"\"hi\"\"\",plain\r\n\"\",x\"y,\"\"\n");
  auto outcome =
      ReadCsv({"q.csv"}, Options(dir), {TypeId::kString, TypeId::kString, TypeId::kString});
  ASSERT_TRUE(outcome.status.ok()) << outcome.status.message();
  ASSERT_EQ(outcome.rows.size(), 2u);
  EXPECT_EQ(outcome.rows[0], "a,b|say \"hi\"|plain");
  // Quoted empty string is an empty STRING; a quote inside an unquoted field is literal.
  EXPECT_EQ(outcome.rows[1], "|x\"y|");
}

TEST(CsvReaderTest, QuotedNewlines) {
  TempDir dir;
  dir.Write("n.csv", "1,\"line one\nline two\"\n2,plain\n");
  CsvOptions options = Options(dir);
  options.allow_quoted_newlines = true;
  auto outcome = ReadCsv({"n.csv"}, options, {TypeId::kInt64, TypeId::kString});
  ASSERT_TRUE(outcome.status.ok()) << outcome.status.message();
  ASSERT_EQ(outcome.rows.size(), 2u);
  EXPECT_EQ(outcome.rows[0], "1|line one\nline two");
  EXPECT_EQ(outcome.rows[1], "2|plain");

  options.allow_quoted_newlines = false;
  auto failed = ReadCsv({"n.csv"}, options, {TypeId::kInt64, TypeId::kString});
  ASSERT_FALSE(failed.status.ok());
  EXPECT_EQ(failed.status.kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(failed.status.message(),
            "n.csv:1:2: Missing close quote character (\") before the end of the line (set "
            "allow_quoted_newlines to allow newlines in quoted fields)");
}

TEST(CsvReaderTest, JaggedRows) {
  TempDir dir;
  dir.Write("j.csv", "1,a,x\n2,b\n3\n");
  CsvOptions options = Options(dir);
  std::vector<LogicalType> types = {TypeId::kInt64, TypeId::kString, TypeId::kString};
  auto strict = ReadCsv({"j.csv"}, options, types);
  EXPECT_EQ(strict.status.message(), "j.csv:2: Expected 3 fields but found 2");
  options.allow_jagged_rows = true;
  auto jagged = ReadCsv({"j.csv"}, options, types);
  ASSERT_TRUE(jagged.status.ok()) << jagged.status.message();
  EXPECT_EQ(jagged.rows, (std::vector<std::string>{"1|a|x", "2|b|NULL", "3|NULL|NULL"}));
}

TEST(CsvReaderTest, TooManyFieldsIsBad) {
  TempDir dir;
  dir.Write("t.csv", "1,2\n3,4,5\n");
  auto outcome = ReadCsv({"t.csv"}, Options(dir), {TypeId::kInt64, TypeId::kInt64});
  EXPECT_EQ(outcome.status.message(), "t.csv:2: Expected 2 fields but found 3");
}

TEST(CsvReaderTest, NullsAndNullMarker) {
  TempDir dir;
  dir.Write("n.csv", "1,,x\n,\"\",\n");
  std::vector<LogicalType> types = {TypeId::kInt64, TypeId::kFloat64, TypeId::kString};
  auto outcome = ReadCsv({"n.csv"}, Options(dir), types);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status.message();
  EXPECT_EQ(outcome.rows, (std::vector<std::string>{"1|NULL|x", "NULL|NULL|NULL"}));

  dir.Write("m.csv", "\\N,\\N,\\N\n1,2,\n");
  CsvOptions options = Options(dir);
  options.null_marker = "\\N";
  auto marked = ReadCsv({"m.csv"}, options, types);
  ASSERT_TRUE(marked.status.ok()) << marked.status.message();
  // With a custom marker, an empty STRING field is an empty string.
  EXPECT_EQ(marked.rows, (std::vector<std::string>{"NULL|NULL|NULL", "1|2|"}));

  dir.Write("e.csv", "1,,x\n");
  auto bad = ReadCsv({"e.csv"}, options, types);
  EXPECT_EQ(bad.status.message(),
            "e.csv:1:2: Could not parse '' as FLOAT64 for column string_field_1");
}

TEST(CsvReaderTest, ErrorTextsCarryFileLineAndField) {
  TempDir dir;
  dir.Write("data/sales_2.csv", "id,region,amount\n1,north,10\n\n2,south,abc\n");
  CsvOptions options = Options(dir);
  options.skip_leading_rows = 1;
  auto outcome =
      ReadCsv({"data/sales_2.csv"}, options, {TypeId::kInt64, TypeId::kString, TypeId::kInt64}, 2,
              {"id", "region", "amount"});
  EXPECT_EQ(outcome.status.kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(outcome.status.message(),
            "data/sales_2.csv:4:3: Could not parse 'abc' as INT64 for column amount");

  dir.Write("o.csv", "9223372036854775808\n");
  EXPECT_EQ(ReadCsv({"o.csv"}, Options(dir), {TypeId::kInt64}).status.message(),
            "o.csv:1:1: Could not parse '9223372036854775808' as INT64 for column string_field_0");

  dir.Write("d.csv", "1,2024-02-30\n");
  EXPECT_EQ(ReadCsv({"d.csv"}, Options(dir), {TypeId::kInt64, TypeId::kDate}).status.message(),
            "d.csv:1:2: Could not parse '2024-02-30' as DATE for column string_field_1");

  dir.Write("u.csv", "ok\nbad\xff\n");
  EXPECT_EQ(ReadCsv({"u.csv"}, Options(dir), {TypeId::kString}).status.message(),
            "u.csv:2:1: Invalid UTF-8 in field for column string_field_0");

  dir.Write("c.csv", "\"ab\"c,1\n");
  EXPECT_EQ(ReadCsv({"c.csv"}, Options(dir), {TypeId::kString, TypeId::kInt64}).status.message(),
            "c.csv:1:1: Data between close quote character (\") and field separator");

  dir.Write("m.csv", "1,\"open");
  EXPECT_EQ(ReadCsv({"m.csv"}, Options(dir), {TypeId::kInt64, TypeId::kString}).status.message(),
            "m.csv:1:2: Missing close quote character (\")");

  dir.Write("b.csv", "true\nmaybe\n");
  EXPECT_EQ(ReadCsv({"b.csv"}, Options(dir), {TypeId::kBool}).status.message(),
            "b.csv:2:1: Could not parse 'maybe' as BOOL for column string_field_0");

  dir.Write("y.csv", "!!notbase64\n");
  EXPECT_EQ(ReadCsv({"y.csv"}, Options(dir), {TypeId::kBytes}).status.message(),
            "y.csv:1:1: Could not parse '!!notbase64' as BYTES for column string_field_0");
}

TEST(CsvReaderTest, FirstErrorInFileOrderAcrossFiles) {
  TempDir dir;
  dir.Write("a.csv", "1\n2\nx\n");
  dir.Write("b.csv", "y\n");
  auto outcome = ReadCsv({"a.csv", "b.csv"}, Options(dir), {TypeId::kInt64});
  EXPECT_EQ(outcome.status.message(),
            "a.csv:3:1: Could not parse 'x' as INT64 for column string_field_0");
}

TEST(CsvReaderTest, MaxBadRecords) {
  TempDir dir;
  dir.Write("m.csv", "1\nx\n2\ny\n3\n");
  CsvOptions options = Options(dir);
  options.max_bad_records = 2;
  auto outcome = ReadCsv({"m.csv"}, options, {TypeId::kInt64});
  ASSERT_TRUE(outcome.status.ok()) << outcome.status.message();
  EXPECT_EQ(outcome.rows, (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(outcome.stats.bad_records, 2u);
  ASSERT_EQ(outcome.stats.bad_record_messages.size(), 2u);
  EXPECT_EQ(outcome.stats.bad_record_messages[1],
            "m.csv:4:1: Could not parse 'y' as INT64 for column string_field_0");

  options.max_bad_records = 1;
  auto failed = ReadCsv({"m.csv"}, options, {TypeId::kInt64});
  EXPECT_EQ(failed.status.message(),
            "Too many bad records: more than max_bad_records = 1; the first: "
            "m.csv:2:1: Could not parse 'x' as INT64 for column string_field_0; "
            "m.csv:4:1: Could not parse 'y' as INT64 for column string_field_0");
}

TEST(CsvReaderTest, DelimitersAndSkipRowsPerFile) {
  TempDir dir;
  dir.Write("a.tsv", "h1\th2\n1\tx y\n");
  dir.Write("b.tsv", "h1\th2\n2\tz\n");
  CsvOptions options = Options(dir);
  options.field_delimiter = '\t';
  options.skip_leading_rows = 1;
  auto outcome = ReadCsv({"a.tsv", "b.tsv"}, options, {TypeId::kInt64, TypeId::kString});
  ASSERT_TRUE(outcome.status.ok()) << outcome.status.message();
  EXPECT_EQ(outcome.rows, (std::vector<std::string>{"1|x y", "2|z"}));
  EXPECT_EQ(ParseCsvDelimiter("tab").value(), '\t');
  EXPECT_EQ(ParseCsvDelimiter("|").value(), '|');
  EXPECT_FALSE(ParseCsvDelimiter("ab").ok());
}

TEST(CsvReaderTest, NestedTypesAreRejected) {
  TempDir dir;
  dir.Write("a.csv", "1\n");
  auto outcome =
      ReadCsv({"a.csv"}, Options(dir), {LogicalType::Array(TypeId::kInt64)}, 2, {"tags"});
  EXPECT_EQ(outcome.status.kind(), ErrorKind::kNotSupported);
  EXPECT_EQ(
      outcome.status.message(),
      "CSV files cannot hold column tags of type ARRAY<INT64>; use a format with nested types");
}

TEST(CsvReaderTest, MissingFileIsIoError) {
  TempDir dir;
  auto outcome = ReadCsv({"nope.csv"}, Options(dir), {TypeId::kInt64});
  EXPECT_EQ(outcome.status.kind(), ErrorKind::kIo);
}

TEST(CsvReaderTest, FieldParsers) {
  double value;
  EXPECT_TRUE(ParseCsvFloat64("-1e3", &value));
  EXPECT_EQ(value, -1000);
  EXPECT_TRUE(ParseCsvFloat64("NaN", &value));
  EXPECT_TRUE(value != value);
  EXPECT_TRUE(ParseCsvFloat64("+inf", &value));
  EXPECT_FALSE(ParseCsvFloat64("1.2.3", &value));
  EXPECT_FALSE(ParseCsvFloat64("--1", &value));
  int64_t integer;
  EXPECT_TRUE(ParseCsvInt64("-9223372036854775808", &integer));
  EXPECT_EQ(integer, INT64_MIN);
  EXPECT_FALSE(ParseCsvInt64("12a", &integer));
  EXPECT_FALSE(ParseCsvInt64("-", &integer));
  bool flag;
  EXPECT_TRUE(ParseCsvBool("YES", &flag) && flag);
  EXPECT_TRUE(ParseCsvBool("f", &flag) && !flag);
  EXPECT_TRUE(IsValidUtf8("h\xc3\xa9llo \xe2\x82\xac"));
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));  // surrogate
  std::string bytes;
  EXPECT_TRUE(DecodeBase64("aGVsbG8=", &bytes));
  EXPECT_EQ(bytes, "hello");
  EXPECT_FALSE(DecodeBase64("aGVsbG8", &bytes));
}

}  // namespace
}  // namespace dq

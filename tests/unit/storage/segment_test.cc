#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <random>

#include "storage/row_group_reader.h"
#include "storage/row_group_writer.h"
#include "storage_test_util.h"
#include "types/numeric.h"

namespace dq {
namespace {

using testing::MakeChunk;
using testing::TempDirectory;
using testing::TypesOf;

LogicalType NestedStructType() {
  return LogicalType::Struct({{"a", TypeId::kInt64},
                              {"b", TypeId::kString},
                              {"c", LogicalType::Array(TypeId::kFloat64)}});
}

LogicalType ArrayOfStructType() {
  return LogicalType::Array(LogicalType::Struct(
      {{"x", TypeId::kInt64}, {"y", LogicalType::Array(TypeId::kString)}}));
}

std::vector<ColumnDefinition> AllTypeColumns() {
  return {{"b", TypeId::kBool},         {"i", TypeId::kInt64},
          {"f", TypeId::kFloat64},      {"n", TypeId::kNumeric},
          {"s", TypeId::kString},       {"y", TypeId::kBytes},
          {"d", TypeId::kDate},         {"dt", TypeId::kDatetime},
          {"t", TypeId::kTime},         {"ts", TypeId::kTimestamp},
          {"iv", TypeId::kInterval},    {"j", TypeId::kJson},
          {"ai", LogicalType::Array(TypeId::kInt64)},
          {"as", LogicalType::Array(TypeId::kString)},
          {"st", NestedStructType()},   {"aos", ArrayOfStructType()}};
}

// Deterministic test value for (column type, row), with NULLs and edge values.
Value TestValue(const LogicalType& type, size_t row) {
  if (row % 7 == 3) return Value::Null(type);
  auto number = static_cast<int64_t>(row);
  switch (type.id()) {
    case TypeId::kBool: return Value::Bool(row % 3 == 0);
    case TypeId::kInt64: {
      if (row % 11 == 0) return Value::Int64(std::numeric_limits<int64_t>::min());
      if (row % 11 == 1) return Value::Int64(std::numeric_limits<int64_t>::max());
      return Value::Int64(number * 37 - 1000);
    }
    case TypeId::kFloat64: {
      if (row % 13 == 0) return Value::Float64(std::nan(""));
      if (row % 13 == 1) return Value::Float64(-0.0);
      if (row % 13 == 2) return Value::Float64(std::numeric_limits<double>::infinity());
      return Value::Float64(number * 0.25 - 3.5);
    }
    case TypeId::kNumeric: {
      if (row % 5 == 0) return Value::Numeric(NumericMaxScaled());
      if (row % 5 == 1) return Value::Numeric(-NumericMaxScaled());
      return Value::Numeric(static_cast<int128_t>(number) * 1000000001);
    }
    case TypeId::kString:
      if (row % 4 == 0) return Value::String("");
      if (row % 4 == 1) return Value::String(std::string(100 + row % 50, 'a' + row % 26));
      return Value::String("s" + std::to_string(row % 10));
    case TypeId::kBytes: return Value::Bytes(std::string("\0\xff\x01", 3) + std::to_string(row));
    case TypeId::kJson: return Value::Json("{\"k\":" + std::to_string(row) + "}");
    case TypeId::kDate: return Value::Date(static_cast<int32_t>(number - 719162));
    case TypeId::kDatetime: return Value::Datetime(number * 1000003);
    case TypeId::kTime: return Value::Time(number % 86400 * 1000000);
    case TypeId::kTimestamp: return Value::Timestamp(-number * 999);
    case TypeId::kInterval:
      return Value::IntervalValue(Interval{static_cast<int32_t>(row % 12), -static_cast<int32_t>(row),
                                           number * 17});
    case TypeId::kArray: {
      std::vector<Value> elements;
      for (size_t element = 0; element < row % 4; ++element) {
        elements.push_back(TestValue(type.element_type(), row * 3 + element + 1));
      }
      return Value::Array(type.element_type(), std::move(elements));
    }
    case TypeId::kStruct: {
      std::vector<Value> fields;
      for (size_t field = 0; field < type.fields().size(); ++field) {
        fields.push_back(TestValue(*type.fields()[field].type, row + field + 1));
      }
      return Value::Struct(type, std::move(fields));
    }
    default: return Value::Null(type);
  }
}

// Writes `row_count` rows of TestValue in chunks of 2048 rows.
RowGroupMeta WriteTestRowGroup(const std::string& dir, const std::string& file,
                               const std::vector<ColumnDefinition>& columns, size_t row_count) {
  std::vector<LogicalType> types = TypesOf(columns);
  std::vector<DataChunk> chunks;
  for (size_t start = 0; start < row_count; start += kBatchSize) {
    std::vector<std::vector<Value>> rows;
    for (size_t row = start; row < std::min(row_count, start + kBatchSize); ++row) {
      std::vector<Value> values;
      for (const LogicalType& type : types) values.push_back(TestValue(type, row));
      rows.push_back(std::move(values));
    }
    chunks.push_back(MakeChunk(types, rows));
  }
  std::vector<const DataChunk*> pointers;
  for (const DataChunk& chunk : chunks) pointers.push_back(&chunk);
  Result<RowGroupMeta> meta = RowGroupWriter::Write(dir, file, columns, pointers);
  EXPECT_TRUE(meta.ok()) << meta.status().ToString();
  return std::move(meta).value();
}

void ExpectRange(RowGroupReader& reader, const std::vector<ColumnDefinition>& columns,
                 size_t column, size_t start, size_t count) {
  Vector out(columns[column].type, std::max<size_t>(count, 1));
  Status status = reader.ReadColumn(column, start, count, out);
  ASSERT_TRUE(status.ok()) << status.ToString();
  for (size_t row = 0; row < count; ++row) {
    ASSERT_EQ(out.GetValue(row), TestValue(columns[column].type, start + row))
        << columns[column].name << " row " << start + row;
  }
}

TEST(SegmentTest, EveryTypeRoundTripsWithNullsAndEdgeValues) {
  TempDirectory dir;
  std::vector<ColumnDefinition> columns = AllTypeColumns();
  const size_t row_count = 5000;
  RowGroupMeta meta = WriteTestRowGroup(dir.path(), "data/t/a.seg", columns, row_count);
  EXPECT_EQ(meta.row_count, row_count);
  EXPECT_EQ(meta.stats.size(), columns.size());
  auto reader = RowGroupReader::Open(dir.path(), meta, TypesOf(columns));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  for (size_t column = 0; column < columns.size(); ++column) {
    // Consecutive scan batches, then ranges at arbitrary offsets (including empty ones).
    for (size_t start = 0; start < row_count; start += kBatchSize) {
      ExpectRange(**reader, columns, column, start, std::min(kBatchSize, row_count - start));
    }
    for (size_t start : {1ul, 7ul, 2047ul, 3333ul, 4999ul, 5000ul}) {
      ExpectRange(**reader, columns, column, start, std::min<size_t>(61, row_count - start));
    }
  }
  // -0.0 keeps its sign bit.
  Vector floats(TypeId::kFloat64, 2);
  ASSERT_TRUE((*reader)->ReadColumn(2, 14, 1, floats).ok());
  EXPECT_TRUE(std::signbit(floats.Data<double>()[0]));
}

TEST(SegmentTest, ZoneMaps) {
  TempDirectory dir;
  std::vector<ColumnDefinition> columns = {{"i", TypeId::kInt64}, {"s", TypeId::kString},
                                           {"f", TypeId::kFloat64}, {"a", LogicalType::Array(TypeId::kInt64)},
                                           {"allnull", TypeId::kDate}};
  std::string long_max(100, 'z');
  DataChunk chunk = MakeChunk(TypesOf(columns),
                              {{Value::Int64(5), Value::String("pear"), Value::Float64(1.5),
                                Value::Null(columns[3].type), Value::Null(TypeId::kDate)},
                               {Value::Int64(-2), Value::String(long_max), Value::Float64(std::nan("")),
                                Value::Null(columns[3].type), Value::Null(TypeId::kDate)},
                               {Value::Null(TypeId::kInt64), Value::String("apple"),
                                Value::Float64(2), Value::Null(columns[3].type),
                                Value::Null(TypeId::kDate)}});
  auto meta = RowGroupWriter::Write(dir.path(), "z.seg", columns, {&chunk});
  ASSERT_TRUE(meta.ok());
  const std::vector<ColumnStats>& stats = meta->stats;
  EXPECT_TRUE(stats[0].has_min_max);
  EXPECT_EQ(stats[0].min, Value::Int64(-2));
  EXPECT_EQ(stats[0].max, Value::Int64(5));
  EXPECT_EQ(stats[0].null_count, 1u);
  EXPECT_EQ(stats[1].min, Value::String("apple"));
  // Truncated to a 64-byte prefix with the last byte incremented: still >= the true max.
  EXPECT_EQ(stats[1].max.string_value(), std::string(63, 'z') + "{");
  EXPECT_GE(stats[1].max.string_value(), long_max);
  EXPECT_FALSE(stats[2].has_min_max);  // NaN present
  EXPECT_FALSE(stats[3].has_min_max);
  EXPECT_EQ(stats[3].null_count, 3u);
  EXPECT_FALSE(stats[4].has_min_max);
  EXPECT_EQ(stats[4].null_count, 3u);
  // The footer carries the same stats.
  auto reader = RowGroupReader::Open(dir.path(), *meta, TypesOf(columns));
  ASSERT_TRUE(reader.ok());
  for (size_t column = 0; column < columns.size(); ++column) {
    EXPECT_EQ((*reader)->column_meta(column).stats, stats[column]) << column;
  }
}

// Flips one byte inside column `column`'s chunk and expects a Corruption naming it.
TEST(SegmentTest, ChecksumCorruptionIsDetected) {
  TempDirectory dir;
  std::vector<ColumnDefinition> columns = {{"id", TypeId::kInt64}, {"amount", TypeId::kFloat64}};
  RowGroupMeta meta = WriteTestRowGroup(dir.path(), "data/t/c.seg", columns, 3000);
  uint64_t offset;
  {
    auto reader = RowGroupReader::Open(dir.path(), meta, TypesOf(columns));
    ASSERT_TRUE(reader.ok());
    offset = (*reader)->column_meta(1).offset + (*reader)->column_meta(1).length / 2;
  }
  std::string path = dir.path() + "/data/t/c.seg";
  {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekg(offset);
    char byte = static_cast<char>(file.get());
    file.seekp(offset);
    file.put(static_cast<char>(byte ^ 0x20));
  }
  auto reader = RowGroupReader::Open(dir.path(), meta, TypesOf(columns));
  ASSERT_TRUE(reader.ok());
  Vector out(TypeId::kInt64, kBatchSize);
  EXPECT_TRUE((*reader)->ReadColumn(0, 0, kBatchSize, out).ok());  // untouched column reads
  Vector amounts(TypeId::kFloat64, kBatchSize);
  Status status = (*reader)->ReadColumn(1, 0, kBatchSize, amounts);
  EXPECT_EQ(status.kind(), ErrorKind::kCorruption);
  EXPECT_NE(status.message().find("data/t/c.seg"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("column amount"), std::string::npos) << status.message();

  // A damaged footer fails at Open; a type mismatch too.
  {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(-20, std::ios::end);
    file.put('\x7f');
  }
  auto damaged = RowGroupReader::Open(dir.path(), meta, TypesOf(columns));
  EXPECT_EQ(damaged.status().kind(), ErrorKind::kCorruption);
  auto truncated_meta = meta;
  truncated_meta.file = "data/t/missing.seg";
  EXPECT_EQ(RowGroupReader::Open(dir.path(), truncated_meta, TypesOf(columns)).status().kind(),
            ErrorKind::kIo);
}

TEST(SegmentTest, TypeMismatchIsReported) {
  TempDirectory dir;
  std::vector<ColumnDefinition> columns = {{"id", TypeId::kInt64}};
  RowGroupMeta meta = WriteTestRowGroup(dir.path(), "m.seg", columns, 10);
  auto reader = RowGroupReader::Open(dir.path(), meta, {TypeId::kString});
  EXPECT_EQ(reader.status().kind(), ErrorKind::kCorruption);
  EXPECT_NE(reader.status().message().find("expected STRING"), std::string::npos);
}

// Compression on typical columns; prints the ratios (plain = in-memory vector bytes).
TEST(SegmentTest, EncodingsChosenPerColumnAndRatios) {
  TempDirectory dir;
  std::vector<ColumnDefinition> columns = {
      {"sorted_ts", TypeId::kTimestamp}, {"category", TypeId::kString},
      {"small_int", TypeId::kInt64},     {"status_runs", TypeId::kInt64},
      {"price", TypeId::kFloat64},       {"flag", TypeId::kBool},
      {"uuid_text", TypeId::kString},    {"day", TypeId::kDate}};
  const size_t rows = kRowGroupRows;
  std::vector<Vector> data;
  for (const ColumnDefinition& column : columns) data.emplace_back(column.type, rows);
  std::mt19937_64 random(7);
  const char* categories[] = {"electronics", "garden", "toys", "books", "grocery"};
  for (size_t row = 0; row < rows; ++row) {
    data[0].Data<int64_t>()[row] = 1'700'000'000'000'000 + static_cast<int64_t>(row) * 1000 +
                                   static_cast<int64_t>(random() % 1000);
    data[1].Data<StringView>()[row] = data[1].AddString(categories[random() % 5]);
    data[2].Data<int64_t>()[row] = static_cast<int64_t>(random() % 100);
    data[3].Data<int64_t>()[row] = static_cast<int64_t>(row / 5000) * 1000003;
    data[4].Data<double>()[row] = static_cast<double>(random() % 2000) / 100.0;
    data[5].Data<bool>()[row] = random() % 10 == 0;
    data[6].Data<StringView>()[row] =
        data[6].AddString(std::to_string(random()) + "-" + std::to_string(random()));
    data[7].Data<int32_t>()[row] = 19000 + static_cast<int32_t>(row / 400);
  }
  auto meta = RowGroupWriter::WriteColumns(dir.path(), "r.seg", columns, data, rows);
  ASSERT_TRUE(meta.ok());
  auto reader = RowGroupReader::Open(dir.path(), *meta, TypesOf(columns));
  ASSERT_TRUE(reader.ok());
  std::vector<IntEncoding> expected = {IntEncoding::kFrameOfReference, IntEncoding::kDictionary,
                                       IntEncoding::kBitPack,          IntEncoding::kRle,
                                       IntEncoding::kDictionary,       IntEncoding::kBitPack,
                                       IntEncoding::kPlain,            IntEncoding::kRle};
  for (size_t column = 0; column < columns.size(); ++column) {
    const ColumnChunkMeta& chunk = (*reader)->column_meta(column);
    uint64_t plain = rows * columns[column].type.PhysicalSize();
    if (columns[column].type.IsStringLike()) {
      plain = 0;
      for (size_t row = 0; row < rows; ++row) plain += 4 + data[column].Data<StringView>()[row].size();
    }
    std::printf("  %-12s %-10s zstd=%d plain=%8lu stored=%8lu ratio=%6.1fx\n",
                chunk.name.c_str(), std::string(IntEncodingName(chunk.encoding)).c_str(),
                chunk.compression == ChunkCompression::kZstd, static_cast<unsigned long>(plain),
                static_cast<unsigned long>(chunk.length),
                static_cast<double>(plain) / chunk.length);
    EXPECT_EQ(chunk.encoding, expected[column]) << chunk.name;
    EXPECT_LT(chunk.length, plain) << chunk.name;
    for (size_t start = 0; start < rows; start += 40000) {
      Vector out(columns[column].type, 100);
      ASSERT_TRUE((*reader)->ReadColumn(column, start, 100, out).ok());
      for (size_t row = 0; row < 100; ++row) {
        ASSERT_EQ(out.GetValue(row), data[column].GetValue(start + row)) << chunk.name;
      }
    }
  }
}

}  // namespace
}  // namespace dq

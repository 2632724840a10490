// Parallel range parsing must equal a sequential parse, and errors keep exact line numbers.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <random>

#include "csv_test_util.h"
#include "storage/csv/csv_reader.h"

namespace dq {
namespace {

using csv_test::ReadCsv;
using csv_test::TempDir;

// About `rows` records of int, float, quoted string (some with commas, quotes and, when
// `newlines`, line breaks), date, with empty fields sprinkled in.
std::string GenerateCsv(size_t rows, bool newlines, uint32_t seed) {
  std::mt19937 random(seed);
  std::string text;
  char buffer[128];
  for (size_t row = 0; row < rows; ++row) {
    int64_t id = static_cast<int64_t>(row) * 7 - 1000;
    double amount = static_cast<double>(random() % 1000000) / 100.0;
    std::string note = "n" + std::to_string(random() % 1000);
    switch (random() % 6) {
      case 0:
        note = "\"with, comma " + note + "\"";
        break;
      case 1:
        note = "\"say \"\"" + note + "\"\"\"";
        break;
      case 2:
        note = newlines ? "\"two\nlines " + note + "\"" : note;
        break;
      case 3:
        note = "";
        break;
      default:
        break;
    }
    std::snprintf(buffer, sizeof(buffer), "%lld,%.2f,", static_cast<long long>(id), amount);
    text += buffer;
    text += note;
    std::snprintf(buffer, sizeof(buffer), ",2020-%02d-%02d\n", static_cast<int>(row % 12 + 1),
                  static_cast<int>(row % 28 + 1));
    text += buffer;
  }
  return text;
}

const std::vector<LogicalType> kTypes = {TypeId::kInt64, TypeId::kFloat64, TypeId::kString,
                                         TypeId::kDate};

TEST(CsvParallelTest, SplitEqualsSequential) {
  for (bool newlines : {false, true}) {
    TempDir dir;
    dir.Write("big.csv", GenerateCsv(60000, newlines, 42));  // about 2-3 MB
    CsvOptions options;
    options.base_directory = dir.path();
    options.allow_quoted_newlines = newlines;
    options.range_bytes = size_t{1} << 30;
    auto sequential = ReadCsv({"big.csv"}, options, kTypes, 1);
    ASSERT_TRUE(sequential.status.ok()) << sequential.status.message();
    EXPECT_EQ(sequential.rows.size(), 60000u);
    for (size_t range_bytes : {size_t{4096}, size_t{65536}, size_t{1000003}}) {
      options.range_bytes = range_bytes;
      auto parallel = ReadCsv({"big.csv"}, options, kTypes, 4);
      ASSERT_TRUE(parallel.status.ok()) << parallel.status.message();
      EXPECT_EQ(parallel.rows, sequential.rows) << "range_bytes " << range_bytes;
      EXPECT_EQ(parallel.stats.rows, 60000u);
    }
  }
}

TEST(CsvParallelTest, ErrorLineIsExactInParallel) {
  for (bool newlines : {false, true}) {
    TempDir dir;
    std::string text = GenerateCsv(50000, newlines, 7);
    // Break the record that starts on some line deep in the file.
    size_t target_line = 0;
    size_t position = 0;
    size_t line = 1;
    size_t records = 0;
    bool in_quotes = false;
    for (size_t index = 0; index < text.size(); ++index) {
      if (text[index] == '"') in_quotes = !in_quotes;
      if (text[index] == '\n') {
        ++line;
        if (!in_quotes && ++records == 41234) {
          position = index + 1;
          target_line = line;
          break;
        }
      }
    }
    text.insert(position, "oops");
    dir.Write("big.csv", text);
    CsvOptions options;
    options.base_directory = dir.path();
    options.allow_quoted_newlines = newlines;
    options.range_bytes = 8192;
    auto outcome = ReadCsv({"big.csv"}, options, kTypes, 4, {"id", "amount", "note", "day"});
    ASSERT_FALSE(outcome.status.ok());
    EXPECT_EQ(outcome.status.message(),
              "big.csv:" + std::to_string(target_line) + ":1: Could not parse 'oops" +
                  text.substr(position + 4, text.find(',', position) - position - 4) +
                  "' as INT64 for column id");
  }
}

TEST(CsvParallelTest, CancellationStopsTheLoad) {
  TempDir dir;
  dir.Write("big.csv", GenerateCsv(20000, false, 1));
  CsvOptions options;
  options.base_directory = dir.path();
  options.range_bytes = 4096;
  TaskScheduler scheduler(2);
  QueryContext query(1, "default");
  CsvReader reader({"big.csv"}, options, kTypes);
  Status status = reader.Read(
      scheduler, &query, [&](size_t, DataChunk&) { query.Cancel(); }, nullptr);
  EXPECT_EQ(status.kind(), ErrorKind::kCancelled);
}

// Throughput report, not a test: run with --gtest_also_run_disabled_tests.
TEST(CsvParallelTest, DISABLED_MeasureThroughput) {
  TempDir dir;
  std::string text;
  std::mt19937 random(3);
  char buffer[96];
  while (text.size() < (size_t{200} << 20)) {
    std::snprintf(buffer, sizeof(buffer), "%lu,%lu,%lu.%02lu,%lu\n",
                  static_cast<unsigned long>(random() % 100000000),
                  static_cast<unsigned long>(random() % 1000),
                  static_cast<unsigned long>(random() % 100000),
                  static_cast<unsigned long>(random() % 100),
                  static_cast<unsigned long>(random() % 10));
    text += buffer;
  }
  dir.Write("numbers.csv", text);
  CsvOptions options;
  options.base_directory = dir.path();
  std::vector<LogicalType> types = {TypeId::kInt64, TypeId::kInt64, TypeId::kFloat64,
                                    TypeId::kInt64};
  for (int threads : {1, 2}) {
    TaskScheduler scheduler(threads);
    std::atomic<uint64_t> rows{0};
    CsvReader reader({"numbers.csv"}, options, types);
    auto start = std::chrono::steady_clock::now();
    CsvLoadStats stats;
    ASSERT_TRUE(
        reader
            .Read(
                scheduler, nullptr, [&](size_t, DataChunk& chunk) { rows += chunk.size(); }, &stats)
            .ok());
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("threads=%d bytes=%llu rows=%llu seconds=%.3f MB/s=%.1f\n", threads,
                static_cast<unsigned long long>(stats.bytes),
                static_cast<unsigned long long>(rows.load()), seconds, stats.bytes / seconds / 1e6);
  }
}

}  // namespace
}  // namespace dq

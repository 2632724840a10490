#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>
#include <map>
#include <set>

#include "bench/tpch/table_generator.h"
#include "bench/tpch/tpch_rows.h"
#include "bench/tpch/tpch_schema.h"
#include "bench/tpch/tpch_text.h"
#include "exec/task_scheduler.h"
#include "storage/csv/csv_reader.h"
#include "types/date_time.h"

namespace dq::tpch {
namespace {

constexpr double kScale = 0.01;

using Rows = std::vector<std::vector<Value>>;

Rows Generate(const std::string& table, double sf = kScale, size_t part = 0, size_t parts = 1) {
  TableGenerator generator(table, sf, part, parts);
  DataChunk chunk;
  Rows rows;
  while (generator.Next(chunk)) {
    EXPECT_LE(chunk.size(), kBatchSize);
    for (size_t row = 0; row < chunk.size(); ++row) {
      std::vector<Value> values;
      for (size_t column = 0; column < chunk.column_count(); ++column) {
        values.push_back(chunk.GetValue(column, row));
      }
      rows.push_back(std::move(values));
    }
  }
  return rows;
}

// Shared across tests: generating SF 0.01 once keeps the suite fast.
const std::map<std::string, Rows>& AllTables() {
  static const std::map<std::string, Rows> tables = [] {
    std::map<std::string, Rows> result;
    for (const std::string& table : TableNames()) result[table] = Generate(table);
    return result;
  }();
  return tables;
}

TEST(TpchTest, SchemasAndRowCounts) {
  EXPECT_EQ(TableNames().size(), 8u);
  EXPECT_EQ(TableSchema("lineitem").size(), 16u);
  EXPECT_EQ(TableSchema("orders")[0].first, "o_orderkey");
  EXPECT_EQ(RowCount("supplier", kScale), 100u);
  EXPECT_EQ(RowCount("part", kScale), 2000u);
  EXPECT_EQ(RowCount("partsupp", kScale), 8000u);
  EXPECT_EQ(RowCount("customer", kScale), 1500u);
  EXPECT_EQ(RowCount("orders", kScale), 15000u);
  EXPECT_EQ(RowCount("nation", kScale), 25u);
  EXPECT_EQ(RowCount("region", kScale), 5u);
  for (const auto& [table, rows] : AllTables()) {
    EXPECT_EQ(rows.size(), RowCount(table, kScale)) << table;
    EXPECT_EQ(rows.front().size(), TableSchema(table).size()) << table;
  }
  // About four lines per order on average.
  uint64_t lines = RowCount("lineitem", kScale);
  EXPECT_GT(lines, 15000u * 3.8);
  EXPECT_LT(lines, 15000u * 4.2);
  EXPECT_EQ(kPartNameWords.size(), 92u);
}

TEST(TpchTest, SparseOrderKeysAndReferentialIntegrity) {
  const auto& tables = AllTables();
  std::set<int64_t> order_keys;
  std::set<int64_t> customer_keys;
  std::set<std::pair<int64_t, int64_t>> partsupp_keys;
  for (const auto& row : tables.at("customer")) customer_keys.insert(row[0].int64_value());
  for (const auto& row : tables.at("orders")) {
    int64_t key = row[0].int64_value();
    EXPECT_GE((key - 1) % 32, 0);
    EXPECT_LT((key - 1) % 32, 8) << key;
    EXPECT_TRUE(order_keys.insert(key).second);
    EXPECT_NE(row[1].int64_value() % 3, 0);
    EXPECT_TRUE(customer_keys.count(row[1].int64_value()));
  }
  EXPECT_EQ(*order_keys.rbegin(), OrderKeyForIndex(14999));
  EXPECT_EQ(*order_keys.rbegin(), 1874 * 32 + 8);
  for (const auto& row : tables.at("partsupp")) {
    int64_t suppkey = row[1].int64_value();
    EXPECT_GE(suppkey, 1);
    EXPECT_LE(suppkey, 100);
    EXPECT_TRUE(partsupp_keys.insert({row[0].int64_value(), suppkey}).second);
  }
  for (const auto& row : tables.at("lineitem")) {
    EXPECT_TRUE(order_keys.count(row[0].int64_value()));
    EXPECT_TRUE(partsupp_keys.count({row[1].int64_value(), row[2].int64_value()}));
  }
  for (const auto& row : tables.at("supplier")) {
    int64_t nation = row[3].int64_value();
    EXPECT_GE(nation, 0);
    EXPECT_LE(nation, 24);
    EXPECT_EQ(row[4].string_value().substr(0, 3), std::to_string(nation + 10) + "-");
  }
  for (const auto& row : tables.at("nation")) {
    EXPECT_LE(row[2].int64_value(), 4);
  }
}

TEST(TpchTest, LineitemDistributions) {
  const auto& tables = AllTables();
  const int32_t current = CurrentDate();
  std::map<std::string, int> flags;
  std::map<int64_t, std::pair<int, int>> order_status;  // finished lines, all lines
  std::map<int64_t, double> order_totals;
  for (const auto& row : tables.at("lineitem")) {
    double quantity = row[4].float64_value();
    double discount = row[6].float64_value();
    double tax = row[7].float64_value();
    EXPECT_GE(quantity, 1);
    EXPECT_LE(quantity, 50);
    EXPECT_GE(discount, 0.0);
    EXPECT_LE(discount, 0.10 + 1e-12);
    EXPECT_GE(tax, 0.0);
    EXPECT_LE(tax, 0.08 + 1e-12);
    EXPECT_DOUBLE_EQ(row[5].float64_value(),
                     quantity * RetailPriceCents(row[1].int64_value()) / 100.0);
    std::string flag = row[8].string_value();
    int32_t ship = row[10].date_value();
    int32_t receipt = row[12].date_value();
    EXPECT_GE(receipt - ship, 1);
    EXPECT_LE(receipt - ship, 30);
    if (receipt <= current) {
      EXPECT_TRUE(flag == "R" || flag == "A") << flag;
    } else {
      EXPECT_EQ(flag, "N");
    }
    EXPECT_EQ(row[9].string_value(), ship > current ? "O" : "F");
    ++flags[flag];
    auto& status = order_status[row[0].int64_value()];
    status.first += row[9].string_value() == "F" ? 1 : 0;
    status.second += 1;
    order_totals[row[0].int64_value()] += row[5].float64_value() * (1 + tax) * (1 - discount);
  }
  EXPECT_EQ(flags.size(), 3u);
  for (const auto& row : tables.at("orders")) {
    const auto& status = order_status[row[0].int64_value()];
    std::string expected = status.first == status.second ? "F" : status.first == 0 ? "O" : "P";
    EXPECT_EQ(row[2].string_value(), expected);
    EXPECT_NEAR(row[3].float64_value(), order_totals[row[0].int64_value()], 0.05);
    int32_t date = row[4].date_value();
    EXPECT_GE(date, StartDate());
    EXPECT_LE(date, EndDate() - 151);
  }
}

TEST(TpchTest, PartColumnsFollowTheSpecification) {
  for (const auto& row : AllTables().at("part")) {
    int64_t key = row[0].int64_value();
    EXPECT_DOUBLE_EQ(row[7].float64_value(),
                     (90000 + (key / 10) % 20001 + 100 * (key % 1000)) / 100.0);
    std::string name = row[1].string_value();
    EXPECT_EQ(std::count(name.begin(), name.end(), ' '), 4) << name;
    std::string mfgr = row[2].string_value();
    std::string brand = row[3].string_value();
    EXPECT_EQ(brand.substr(0, 7), "Brand#" + mfgr.substr(13, 1));
    int64_t size = row[5].int64_value();
    EXPECT_GE(size, 1);
    EXPECT_LE(size, 50);
  }
}

TEST(TpchTest, DeterministicAndPartsEqualWhole) {
  for (const std::string table : {"lineitem", "partsupp", "customer", "nation"}) {
    Rows whole = Generate(table);
    EXPECT_EQ(whole, Generate(table)) << table;
    Rows joined;
    for (size_t part = 0; part < 3; ++part) {
      Rows rows = Generate(table, kScale, part, 3);
      joined.insert(joined.end(), rows.begin(), rows.end());
    }
    EXPECT_EQ(joined, whole) << table;
  }
}

TEST(TpchTest, WriteCsvRoundTripsThroughTheCsvReader) {
  std::string path = ::testing::TempDir() + "dq_tpch_orders.tbl";
  ASSERT_TRUE(WriteCsv("orders", kScale, path).ok());
  std::vector<LogicalType> types;
  for (const auto& [name, type] : TableSchema("orders")) types.push_back(type);
  CsvOptions options;
  options.field_delimiter = '|';
  TaskScheduler scheduler(2);
  CsvReader reader({path}, options, types);
  CsvLoadStats stats;
  std::atomic<int64_t> key_sum{0};
  Status status = reader.Read(
      scheduler, nullptr,
      [&](size_t, DataChunk& chunk) {
        for (size_t row = 0; row < chunk.size(); ++row) {
          key_sum += chunk.column(0).Data<int64_t>()[row];
        }
      },
      &stats);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(stats.rows, 15000u);
  int64_t expected = 0;
  for (const auto& row : AllTables().at("orders")) expected += row[0].int64_value();
  EXPECT_EQ(key_sum.load(), expected);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace dq::tpch

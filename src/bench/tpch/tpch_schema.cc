#include "bench/tpch/tpch_schema.h"

#include <algorithm>
#include <cmath>

#include "bench/tpch/tpch_random.h"
#include "common/error.h"
#include "types/date_time.h"

namespace dq::tpch {

namespace {

uint64_t Scaled(uint64_t base, double sf) {
  double scaled = std::floor(static_cast<double>(base) * sf + 1e-9);
  return std::max<uint64_t>(1, static_cast<uint64_t>(scaled));
}

}  // namespace

std::vector<std::string> TableNames() {
  return {"part", "supplier", "partsupp", "customer", "orders", "lineitem", "nation", "region"};
}

bool IsTable(const std::string& table) {
  std::vector<std::string> names = TableNames();
  return std::find(names.begin(), names.end(), table) != names.end();
}

std::vector<std::pair<std::string, LogicalType>> TableSchema(const std::string& table) {
  const LogicalType kInt = TypeId::kInt64;
  const LogicalType kMoney = TypeId::kFloat64;
  const LogicalType kText = TypeId::kString;
  const LogicalType kDay = TypeId::kDate;
  if (table == "part") {
    return {{"p_partkey", kInt},    {"p_name", kText},         {"p_mfgr", kText},
            {"p_brand", kText},     {"p_type", kText},         {"p_size", kInt},
            {"p_container", kText}, {"p_retailprice", kMoney}, {"p_comment", kText}};
  }
  if (table == "supplier") {
    return {{"s_suppkey", kInt}, {"s_name", kText},     {"s_address", kText}, {"s_nationkey", kInt},
            {"s_phone", kText},  {"s_acctbal", kMoney}, {"s_comment", kText}};
  }
  if (table == "partsupp") {
    return {{"ps_partkey", kInt},
            {"ps_suppkey", kInt},
            {"ps_availqty", kInt},
            {"ps_supplycost", kMoney},
            {"ps_comment", kText}};
  }
  if (table == "customer") {
    return {{"c_custkey", kInt},     {"c_name", kText},   {"c_address", kText},
            {"c_nationkey", kInt},   {"c_phone", kText},  {"c_acctbal", kMoney},
            {"c_mktsegment", kText}, {"c_comment", kText}};
  }
  if (table == "orders") {
    return {{"o_orderkey", kInt},     {"o_custkey", kInt},      {"o_orderstatus", kText},
            {"o_totalprice", kMoney}, {"o_orderdate", kDay},    {"o_orderpriority", kText},
            {"o_clerk", kText},       {"o_shippriority", kInt}, {"o_comment", kText}};
  }
  if (table == "lineitem") {
    return {{"l_orderkey", kInt},    {"l_partkey", kInt},       {"l_suppkey", kInt},
            {"l_linenumber", kInt},  {"l_quantity", kMoney},    {"l_extendedprice", kMoney},
            {"l_discount", kMoney},  {"l_tax", kMoney},         {"l_returnflag", kText},
            {"l_linestatus", kText}, {"l_shipdate", kDay},      {"l_commitdate", kDay},
            {"l_receiptdate", kDay}, {"l_shipinstruct", kText}, {"l_shipmode", kText},
            {"l_comment", kText}};
  }
  if (table == "nation") {
    return {{"n_nationkey", kInt}, {"n_name", kText}, {"n_regionkey", kInt}, {"n_comment", kText}};
  }
  DQ_CHECK(table == "region");
  return {{"r_regionkey", kInt}, {"r_name", kText}, {"r_comment", kText}};
}

ScaleCounts CountsFor(double sf) {
  return ScaleCounts{Scaled(10000, sf), Scaled(200000, sf), Scaled(150000, sf), Scaled(1500000, sf),
                     Scaled(1000, sf)};
}

int32_t StartDate() { return DaysFromCivil(1992, 1, 1); }
int32_t CurrentDate() { return DaysFromCivil(1995, 6, 17); }
int32_t EndDate() { return DaysFromCivil(1998, 12, 31); }

int64_t LineCountForOrder(uint64_t index) {
  TpchRandom random(TableSeed::kOrders, index);
  return random.Uniform(1, 7);
}

uint64_t RowCount(const std::string& table, double sf) {
  ScaleCounts counts = CountsFor(sf);
  if (table == "part") return counts.parts;
  if (table == "supplier") return counts.suppliers;
  if (table == "partsupp") return counts.parts * 4;
  if (table == "customer") return counts.customers;
  if (table == "orders") return counts.orders;
  if (table == "nation") return 25;
  if (table == "region") return 5;
  DQ_CHECK(table == "lineitem");
  uint64_t lines = 0;
  for (uint64_t index = 0; index < counts.orders; ++index) lines += LineCountForOrder(index);
  return lines;
}

}  // namespace dq::tpch

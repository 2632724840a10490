// TPC-H tables: names, column schemas and cardinalities (TPC-H specification v3, clause 1.4
// and 4.2.5).
//
// Column types: keys and integer counts are INT64; money, quantities, discounts and taxes
// (p_retailprice, s_acctbal, ps_supplycost, c_acctbal, o_totalprice, l_quantity,
// l_extendedprice, l_discount, l_tax) are FLOAT64 holding values with at most two decimals
// (the nearest double to a whole number of cents); dates are DATE; flags and texts STRING.
// Column names are the specification's, lower case.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "types/logical_type.h"

namespace dq::tpch {

// The eight tables in specification order: part, supplier, partsupp, customer, orders,
// lineitem, nation, region.
std::vector<std::string> TableNames();
bool IsTable(const std::string& table);

// REQUIRES: IsTable(table).
std::vector<std::pair<std::string, LogicalType>> TableSchema(const std::string& table);

// Exact row count at scale factor `sf` (> 0). Base counts scale linearly and are rounded down
// (at least 1): SF 0.01 gives 100 suppliers, 2000 parts, 1500 customers, 15000 orders.
// For lineitem the per-order line counts are drawn from the generator's seeds (fast: one
// random draw per order). REQUIRES: IsTable(table).
uint64_t RowCount(const std::string& table, double sf);

// Cardinalities of one scale factor, shared by the row generators.
struct ScaleCounts {
  uint64_t suppliers;
  uint64_t parts;
  uint64_t customers;
  uint64_t orders;
  uint64_t clerks;
};
ScaleCounts CountsFor(double sf);

// Dates of clause 4.2.3, as days since 1970-01-01.
int32_t StartDate();    // 1992-01-01
int32_t CurrentDate();  // 1995-06-17
int32_t EndDate();      // 1998-12-31

// Sparse order keys: the i-th order (0-based) has key (i / 8) * 32 + i % 8 + 1, so only the
// first 8 of every 32 keys are used.
inline int64_t OrderKeyForIndex(uint64_t index) {
  return static_cast<int64_t>((index / 8) * 32 + index % 8 + 1);
}

// Number of lineitems of the i-th order (1..7): the first draw of the order's random stream.
int64_t LineCountForOrder(uint64_t index);

}  // namespace dq::tpch

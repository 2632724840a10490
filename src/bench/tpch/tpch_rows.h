// Row generators of the TPC-H tables, one function per table, following clause 4.2.3.
//
// Each function generates one row from its key alone (seeding TpchRandom from the key), so
// any key range can be generated independently. Orders and their lineitems come from one
// function because o_totalprice and o_orderstatus depend on the lines.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bench/tpch/tpch_schema.h"

namespace dq::tpch {

struct PartRow {
  int64_t partkey;
  std::string name, mfgr, brand, type;
  int64_t size;
  std::string container;
  double retailprice;
  std::string comment;
};

struct SupplierRow {
  int64_t suppkey;
  std::string name, address;
  int64_t nationkey;
  std::string phone;
  double acctbal;
  std::string comment;
};

struct PartSuppRow {
  int64_t partkey, suppkey, availqty;
  double supplycost;
  std::string comment;
};

struct CustomerRow {
  int64_t custkey;
  std::string name, address;
  int64_t nationkey;
  std::string phone;
  double acctbal;
  std::string_view mktsegment;
  std::string comment;
};

struct LineItemRow {
  int64_t orderkey, partkey, suppkey, linenumber;
  double quantity, extendedprice, discount, tax;
  char returnflag, linestatus;
  int32_t shipdate, commitdate, receiptdate;
  std::string_view shipinstruct, shipmode;
  std::string comment;
};

struct OrderRow {
  int64_t orderkey, custkey;
  char orderstatus;
  double totalprice;
  int32_t orderdate;
  std::string_view orderpriority;
  std::string clerk;
  int64_t shippriority;
  std::string comment;
  std::vector<LineItemRow> lines;
};

struct NationRow {
  int64_t nationkey;
  std::string_view name;
  int64_t regionkey;
  std::string comment;
};

struct RegionRow {
  int64_t regionkey;
  std::string_view name;
  std::string comment;
};

// p_retailprice in cents: 90000 + ((partkey / 10) mod 20001) + 100 * (partkey mod 1000).
int64_t RetailPriceCents(int64_t partkey);
// The supplier of the i-th (0..3) partsupp row of `partkey` among `suppliers`:
// (partkey + i * (S / 4 + (partkey - 1) / S)) mod S + 1.
int64_t PartSupplier(int64_t partkey, int64_t i, int64_t suppliers);

// Keys are 1-based (nation/region 0-based); `index` of MakeOrder is the 0-based order number.
void MakePart(int64_t partkey, PartRow* row);
void MakeSupplier(int64_t suppkey, SupplierRow* row);
// The i-th (0..3) partsupp row of `partkey`.
void MakePartSupp(int64_t partkey, int64_t i, const ScaleCounts& counts, PartSuppRow* row);
void MakeCustomer(int64_t custkey, CustomerRow* row);
void MakeOrder(uint64_t index, const ScaleCounts& counts, OrderRow* row);
void MakeNation(int64_t nationkey, NationRow* row);
void MakeRegion(int64_t regionkey, RegionRow* row);

}  // namespace dq::tpch

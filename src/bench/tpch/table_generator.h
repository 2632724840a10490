// TableGenerator: produces the rows of one TPC-H table as DataChunks, optionally only one of
// `part_count` contiguous parts so several generators can run in parallel.
//
// Part p of n covers the rows [N * p / n, N * (p + 1) / n) of the table's driving sequence:
// row keys for part, supplier, customer, nation and region; parts for partsupp (4 rows each);
// orders for lineitem (1..7 lines each). Every row is generated from its key alone, so the
// concatenation of parts 0..n-1 equals the single-part output, for any n.
//
// Thread-safety: one generator per thread; different generators are independent.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "bench/tpch/tpch_rows.h"
#include "bench/tpch/tpch_schema.h"
#include "common/status.h"
#include "vector/data_chunk.h"

namespace dq::tpch {

class TableGenerator {
 public:
  // REQUIRES: IsTable(table), sf > 0, part < part_count.
  TableGenerator(std::string table, double sf, size_t part = 0, size_t part_count = 1);

  const std::vector<LogicalType>& types() const { return types_; }

  // Fills `chunk` (re-initialized with types()) with up to kBatchSize rows in key order.
  // Returns false, with an empty chunk, when the part is exhausted.
  bool Next(DataChunk& chunk);

 private:
  enum class Table : uint8_t {
    kPart,
    kSupplier,
    kPartSupp,
    kCustomer,
    kOrders,
    kLineItem,
    kNation,
    kRegion
  };
  // Writes the row of sequence number `position` (lineitem: the pending order's next line).
  void WriteRow(DataChunk& chunk, size_t row);

  Table table_ = Table::kPart;
  std::vector<LogicalType> types_;
  ScaleCounts counts_;
  uint64_t next_ = 0;  // next position in the driving sequence
  uint64_t end_ = 0;
  // lineitem: the order whose lines are being emitted.
  OrderRow order_;
  size_t next_line_ = 0;
  bool order_loaded_ = false;
  // Reused row buffers.
  PartRow part_;
  SupplierRow supplier_;
  PartSuppRow partsupp_;
  CustomerRow customer_;
  NationRow nation_;
  RegionRow region_;
};

// Writes a whole table as text for other engines (DuckDB, PostgreSQL): one row per line,
// fields separated by `delimiter` ('|' by default, like dbgen's .tbl but without dbgen's
// trailing delimiter), no header, no quoting (generated values never contain '|', ',', '"' or
// line breaks except that text columns may contain ','; use '|' for CSV readers that would
// need quotes). FLOAT64 as fixed two decimals, DATE as YYYY-MM-DD.
// PostgreSQL: COPY lineitem FROM '/path' (FORMAT csv, DELIMITER '|');
// DuckDB: COPY lineitem FROM '/path' (DELIMITER '|', HEADER false).
// REQUIRES: IsTable(table). kIo error when the file cannot be written.
Status WriteCsv(const std::string& table, double sf, const std::string& path, char delimiter = '|');

}  // namespace dq::tpch

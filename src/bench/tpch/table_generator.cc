#include "bench/tpch/table_generator.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "types/date_time.h"

namespace dq::tpch {

namespace {

// Column writers for flat vectors.
void SetInt(DataChunk& chunk, size_t column, size_t row, int64_t value) {
  chunk.column(column).Data<int64_t>()[row] = value;
}
void SetDouble(DataChunk& chunk, size_t column, size_t row, double value) {
  chunk.column(column).Data<double>()[row] = value;
}
void SetDate(DataChunk& chunk, size_t column, size_t row, int32_t days) {
  chunk.column(column).Data<int32_t>()[row] = days;
}
void SetText(DataChunk& chunk, size_t column, size_t row, std::string_view text) {
  Vector& vector = chunk.column(column);
  vector.Data<StringView>()[row] = vector.AddString(text);
}
void SetChar(DataChunk& chunk, size_t column, size_t row, char flag) {
  SetText(chunk, column, row, std::string_view(&flag, 1));
}

}  // namespace

TableGenerator::TableGenerator(std::string table, double sf, size_t part, size_t part_count)
    : counts_(CountsFor(sf)) {
  DQ_CHECK(IsTable(table));
  DQ_CHECK(sf > 0);
  DQ_CHECK_LT(part, part_count);
  for (const auto& [name, type] : TableSchema(table)) types_.push_back(type);
  const std::vector<std::pair<std::string, Table>> kTables = {
      {"part", Table::kPart},         {"supplier", Table::kSupplier},
      {"partsupp", Table::kPartSupp}, {"customer", Table::kCustomer},
      {"orders", Table::kOrders},     {"lineitem", Table::kLineItem},
      {"nation", Table::kNation},     {"region", Table::kRegion}};
  for (const auto& [name, id] : kTables) {
    if (name == table) table_ = id;
  }
  // Length of the driving sequence: rows, or orders for lineitem.
  uint64_t sequence_length = table_ == Table::kLineItem ? counts_.orders : RowCount(table, sf);
  uint64_t units = table_ == Table::kPartSupp ? counts_.parts : sequence_length;
  uint64_t scale = table_ == Table::kPartSupp ? 4 : 1;
  // Split whole parts for partsupp so a part's four rows stay together.
  next_ = units * part / part_count * scale;
  end_ = units * (part + 1) / part_count * scale;
}

void TableGenerator::WriteRow(DataChunk& chunk, size_t row) {
  switch (table_) {
    case Table::kPart: {
      MakePart(static_cast<int64_t>(next_ + 1), &part_);
      SetInt(chunk, 0, row, part_.partkey);
      SetText(chunk, 1, row, part_.name);
      SetText(chunk, 2, row, part_.mfgr);
      SetText(chunk, 3, row, part_.brand);
      SetText(chunk, 4, row, part_.type);
      SetInt(chunk, 5, row, part_.size);
      SetText(chunk, 6, row, part_.container);
      SetDouble(chunk, 7, row, part_.retailprice);
      SetText(chunk, 8, row, part_.comment);
      break;
    }
    case Table::kSupplier: {
      MakeSupplier(static_cast<int64_t>(next_ + 1), &supplier_);
      SetInt(chunk, 0, row, supplier_.suppkey);
      SetText(chunk, 1, row, supplier_.name);
      SetText(chunk, 2, row, supplier_.address);
      SetInt(chunk, 3, row, supplier_.nationkey);
      SetText(chunk, 4, row, supplier_.phone);
      SetDouble(chunk, 5, row, supplier_.acctbal);
      SetText(chunk, 6, row, supplier_.comment);
      break;
    }
    case Table::kPartSupp: {
      MakePartSupp(static_cast<int64_t>(next_ / 4 + 1), static_cast<int64_t>(next_ % 4), counts_,
                   &partsupp_);
      SetInt(chunk, 0, row, partsupp_.partkey);
      SetInt(chunk, 1, row, partsupp_.suppkey);
      SetInt(chunk, 2, row, partsupp_.availqty);
      SetDouble(chunk, 3, row, partsupp_.supplycost);
      SetText(chunk, 4, row, partsupp_.comment);
      break;
    }
    case Table::kCustomer: {
      MakeCustomer(static_cast<int64_t>(next_ + 1), &customer_);
      SetInt(chunk, 0, row, customer_.custkey);
      SetText(chunk, 1, row, customer_.name);
      SetText(chunk, 2, row, customer_.address);
      SetInt(chunk, 3, row, customer_.nationkey);
      SetText(chunk, 4, row, customer_.phone);
      SetDouble(chunk, 5, row, customer_.acctbal);
      SetText(chunk, 6, row, customer_.mktsegment);
      SetText(chunk, 7, row, customer_.comment);
      break;
    }
    case Table::kOrders: {
      MakeOrder(next_, counts_, &order_);
      SetInt(chunk, 0, row, order_.orderkey);
      SetInt(chunk, 1, row, order_.custkey);
      SetChar(chunk, 2, row, order_.orderstatus);
      SetDouble(chunk, 3, row, order_.totalprice);
      SetDate(chunk, 4, row, order_.orderdate);
      SetText(chunk, 5, row, order_.orderpriority);
      SetText(chunk, 6, row, order_.clerk);
      SetInt(chunk, 7, row, order_.shippriority);
      SetText(chunk, 8, row, order_.comment);
      break;
    }
    case Table::kLineItem: {
      const LineItemRow& line = order_.lines[next_line_];
      SetInt(chunk, 0, row, line.orderkey);
      SetInt(chunk, 1, row, line.partkey);
      SetInt(chunk, 2, row, line.suppkey);
      SetInt(chunk, 3, row, line.linenumber);
      SetDouble(chunk, 4, row, line.quantity);
      SetDouble(chunk, 5, row, line.extendedprice);
      SetDouble(chunk, 6, row, line.discount);
      SetDouble(chunk, 7, row, line.tax);
      SetChar(chunk, 8, row, line.returnflag);
      SetChar(chunk, 9, row, line.linestatus);
      SetDate(chunk, 10, row, line.shipdate);
      SetDate(chunk, 11, row, line.commitdate);
      SetDate(chunk, 12, row, line.receiptdate);
      SetText(chunk, 13, row, line.shipinstruct);
      SetText(chunk, 14, row, line.shipmode);
      SetText(chunk, 15, row, line.comment);
      break;
    }
    case Table::kNation: {
      MakeNation(static_cast<int64_t>(next_), &nation_);
      SetInt(chunk, 0, row, nation_.nationkey);
      SetText(chunk, 1, row, nation_.name);
      SetInt(chunk, 2, row, nation_.regionkey);
      SetText(chunk, 3, row, nation_.comment);
      break;
    }
    case Table::kRegion: {
      MakeRegion(static_cast<int64_t>(next_), &region_);
      SetInt(chunk, 0, row, region_.regionkey);
      SetText(chunk, 1, row, region_.name);
      SetText(chunk, 2, row, region_.comment);
      break;
    }
  }
}

bool TableGenerator::Next(DataChunk& chunk) {
  if (chunk.column_count() != types_.size() || chunk.types() != types_) {
    chunk.Initialize(types_);
  } else {
    chunk.Reset();
  }
  size_t row = 0;
  while (row < kBatchSize && next_ < end_) {
    if (table_ == Table::kLineItem) {
      if (!order_loaded_) {
        MakeOrder(next_, counts_, &order_);
        order_loaded_ = true;
        next_line_ = 0;
      }
      WriteRow(chunk, row++);
      if (++next_line_ == order_.lines.size()) {
        order_loaded_ = false;
        ++next_;
      }
    } else {
      WriteRow(chunk, row++);
      ++next_;
    }
  }
  chunk.SetSize(row);
  return row > 0;
}

Status WriteCsv(const std::string& table, double sf, const std::string& path, char delimiter) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!file) return Status::IoError("Cannot create " + path + ": " + std::strerror(errno));
  static thread_local char buffer[1 << 16];
  std::setvbuf(file.get(), buffer, _IOFBF, sizeof(buffer));
  TableGenerator generator(table, sf);
  DataChunk chunk;
  std::string line;
  char number[64];
  while (generator.Next(chunk)) {
    for (size_t row = 0; row < chunk.size(); ++row) {
      line.clear();
      for (size_t column = 0; column < chunk.column_count(); ++column) {
        if (column > 0) line += delimiter;
        const Vector& vector = chunk.column(column);
        switch (vector.type().id()) {
          case TypeId::kInt64:
            std::snprintf(number, sizeof(number), "%lld",
                          static_cast<long long>(vector.Data<int64_t>()[row]));
            line += number;
            break;
          case TypeId::kFloat64:
            std::snprintf(number, sizeof(number), "%.2f", vector.Data<double>()[row]);
            line += number;
            break;
          case TypeId::kDate:
            line += FormatDate(vector.Data<int32_t>()[row]);
            break;
          default:
            line += vector.Data<StringView>()[row].view();
            break;
        }
      }
      line += '\n';
      if (std::fwrite(line.data(), 1, line.size(), file.get()) != line.size()) {
        return Status::IoError("Cannot write " + path + ": " + std::strerror(errno));
      }
    }
  }
  if (std::fclose(file.release()) != 0) {
    return Status::IoError("Cannot write " + path + ": " + std::strerror(errno));
  }
  return Status::OK();
}

}  // namespace dq::tpch

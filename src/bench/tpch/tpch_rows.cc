#include "bench/tpch/tpch_rows.h"

#include <cstdio>

#include "bench/tpch/tpch_random.h"
#include "bench/tpch/tpch_text.h"

namespace dq::tpch {

namespace {

std::string NumberedName(const char* prefix, int64_t number) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%s%09lld", prefix, static_cast<long long>(number));
  return buffer;
}

double Cents(int64_t cents) { return static_cast<double>(cents) / 100.0; }

}  // namespace

int64_t RetailPriceCents(int64_t partkey) {
  return 90000 + (partkey / 10) % 20001 + 100 * (partkey % 1000);
}

int64_t PartSupplier(int64_t partkey, int64_t i, int64_t suppliers) {
  return (partkey + i * (suppliers / 4 + (partkey - 1) / suppliers)) % suppliers + 1;
}

void MakePart(int64_t partkey, PartRow* row) {
  TpchRandom random(TableSeed::kPart, static_cast<uint64_t>(partkey));
  row->partkey = partkey;
  // p_name: five distinct color words.
  size_t chosen[5];
  row->name.clear();
  for (int word = 0; word < 5; ++word) {
    size_t pick;
    bool repeated;
    do {
      pick = static_cast<size_t>(random.Uniform(0, kPartNameWords.size() - 1));
      repeated = false;
      for (int earlier = 0; earlier < word; ++earlier) repeated |= chosen[earlier] == pick;
    } while (repeated);
    chosen[word] = pick;
    if (word > 0) row->name += ' ';
    row->name += kPartNameWords[pick];
  }
  int64_t manufacturer = random.Uniform(1, 5);
  row->mfgr = "Manufacturer#" + std::to_string(manufacturer);
  row->brand = "Brand#" + std::to_string(manufacturer) + std::to_string(random.Uniform(1, 5));
  row->type = std::string(Pick(random, kTypeSyllable1)) + " " +
              std::string(Pick(random, kTypeSyllable2)) + " " +
              std::string(Pick(random, kTypeSyllable3));
  row->size = random.Uniform(1, 50);
  row->container = std::string(Pick(random, kContainerSyllable1)) + " " +
                   std::string(Pick(random, kContainerSyllable2));
  row->retailprice = Cents(RetailPriceCents(partkey));
  row->comment = RandomText(random, 5, 22);
}

void MakeSupplier(int64_t suppkey, SupplierRow* row) {
  TpchRandom random(TableSeed::kSupplier, static_cast<uint64_t>(suppkey));
  row->suppkey = suppkey;
  row->name = NumberedName("Supplier#", suppkey);
  row->address = RandomVString(random, 10, 40);
  row->nationkey = random.Uniform(0, 24);
  row->phone = RandomPhone(random, row->nationkey);
  row->acctbal = Cents(random.Uniform(-99999, 999999));
  // Clause 4.2.3: about 5 per 10000 suppliers complain, as many recommend (Q16 looks for
  // '%Customer%Complaints%').
  int64_t remark = random.Uniform(0, 9999);
  if (remark < 5 || remark >= 9995) {
    row->comment = RandomText(random, 10, 50) + " Customer " + RandomText(random, 5, 20) +
                   (remark < 5 ? " Complaints" : " Recommends");
  } else {
    row->comment = RandomText(random, 25, 100);
  }
}

void MakePartSupp(int64_t partkey, int64_t i, const ScaleCounts& counts, PartSuppRow* row) {
  TpchRandom random(TableSeed::kPartSupp, static_cast<uint64_t>(partkey * 4 + i));
  row->partkey = partkey;
  row->suppkey = PartSupplier(partkey, i, static_cast<int64_t>(counts.suppliers));
  row->availqty = random.Uniform(1, 9999);
  row->supplycost = Cents(random.Uniform(100, 100000));
  row->comment = RandomText(random, 49, 198);
}

void MakeCustomer(int64_t custkey, CustomerRow* row) {
  TpchRandom random(TableSeed::kCustomer, static_cast<uint64_t>(custkey));
  row->custkey = custkey;
  row->name = NumberedName("Customer#", custkey);
  row->address = RandomVString(random, 10, 40);
  row->nationkey = random.Uniform(0, 24);
  row->phone = RandomPhone(random, row->nationkey);
  row->acctbal = Cents(random.Uniform(-99999, 999999));
  row->mktsegment = Pick(random, kSegments);
  row->comment = RandomText(random, 29, 116);
}

void MakeOrder(uint64_t index, const ScaleCounts& counts, OrderRow* row) {
  TpchRandom random(TableSeed::kOrders, index);
  int64_t line_count = random.Uniform(1, 7);  // first draw: see LineCountForOrder
  row->orderkey = OrderKeyForIndex(index);
  // Clause 4.2.3: o_custkey is never a multiple of 3 (a third of customers have no orders).
  do {
    row->custkey = random.Uniform(1, static_cast<int64_t>(counts.customers));
  } while (row->custkey % 3 == 0 && counts.customers >= 3);
  row->orderdate = static_cast<int32_t>(random.Uniform(StartDate(), EndDate() - 151));
  row->orderpriority = Pick(random, kPriorities);
  row->clerk = NumberedName("Clerk#", random.Uniform(1, static_cast<int64_t>(counts.clerks)));
  row->shippriority = 0;
  row->comment = RandomText(random, 19, 78);

  row->lines.resize(static_cast<size_t>(line_count));
  int64_t total_cents = 0;
  int finished_lines = 0;
  const int32_t current_date = CurrentDate();
  for (int64_t line = 0; line < line_count; ++line) {
    LineItemRow& item = row->lines[static_cast<size_t>(line)];
    item.orderkey = row->orderkey;
    item.partkey = random.Uniform(1, static_cast<int64_t>(counts.parts));
    item.suppkey =
        PartSupplier(item.partkey, random.Uniform(0, 3), static_cast<int64_t>(counts.suppliers));
    item.linenumber = line + 1;
    int64_t quantity = random.Uniform(1, 50);
    int64_t extended_cents = quantity * RetailPriceCents(item.partkey);
    int64_t discount_percent = random.Uniform(0, 10);
    int64_t tax_percent = random.Uniform(0, 8);
    item.quantity = static_cast<double>(quantity);
    item.extendedprice = Cents(extended_cents);
    item.discount = Cents(discount_percent);
    item.tax = Cents(tax_percent);
    item.shipdate = row->orderdate + static_cast<int32_t>(random.Uniform(1, 121));
    item.commitdate = row->orderdate + static_cast<int32_t>(random.Uniform(30, 90));
    item.receiptdate = item.shipdate + static_cast<int32_t>(random.Uniform(1, 30));
    int64_t return_draw = random.Uniform(0, 1);
    item.returnflag = item.receiptdate <= current_date ? (return_draw == 0 ? 'R' : 'A') : 'N';
    item.linestatus = item.shipdate > current_date ? 'O' : 'F';
    item.shipinstruct = Pick(random, kShipInstructions);
    item.shipmode = Pick(random, kShipModes);
    item.comment = RandomText(random, 10, 43);
    // extendedprice * (1 + tax) * (1 - discount), rounded to cents.
    total_cents += (extended_cents * (100 + tax_percent) * (100 - discount_percent) + 5000) / 10000;
    finished_lines += item.linestatus == 'F' ? 1 : 0;
  }
  row->totalprice = Cents(total_cents);
  row->orderstatus = finished_lines == line_count ? 'F' : finished_lines == 0 ? 'O' : 'P';
}

void MakeNation(int64_t nationkey, NationRow* row) {
  TpchRandom random(TableSeed::kNation, static_cast<uint64_t>(nationkey));
  row->nationkey = nationkey;
  row->name = kNations[static_cast<size_t>(nationkey)].name;
  row->regionkey = kNations[static_cast<size_t>(nationkey)].region_key;
  row->comment = RandomText(random, 31, 114);
}

void MakeRegion(int64_t regionkey, RegionRow* row) {
  TpchRandom random(TableSeed::kRegion, static_cast<uint64_t>(regionkey));
  row->regionkey = regionkey;
  row->name = kRegions[static_cast<size_t>(regionkey)];
  row->comment = RandomText(random, 31, 115);
}

}  // namespace dq::tpch

#include <gtest/gtest.h>

#include "exec/operator/physical_table_scan.h"

namespace dq {
namespace {

ColumnStats Range(int64_t low, int64_t high, uint64_t nulls = 0) {
  ColumnStats stats;
  stats.has_min_max = true;
  stats.min = Value::Int64(low);
  stats.max = Value::Int64(high);
  stats.null_count = nulls;
  return stats;
}

bool Excludes(const ColumnStats& stats, const std::string& op, int64_t constant) {
  return PhysicalTableScan::ZoneMapExcludes(stats, 100, ZoneMapFilter{0, op, Value::Int64(constant)});
}

TEST(ZoneMapTest, ComparisonsAgainstTheRange) {
  ColumnStats stats = Range(10, 20);
  EXPECT_TRUE(Excludes(stats, "$equal", 9));
  EXPECT_FALSE(Excludes(stats, "$equal", 10));
  EXPECT_FALSE(Excludes(stats, "$equal", 20));
  EXPECT_TRUE(Excludes(stats, "$equal", 21));
  EXPECT_TRUE(Excludes(stats, "$less", 10));
  EXPECT_FALSE(Excludes(stats, "$less", 11));
  EXPECT_TRUE(Excludes(stats, "$less_equal", 9));
  EXPECT_FALSE(Excludes(stats, "$less_equal", 10));
  EXPECT_TRUE(Excludes(stats, "$greater", 20));
  EXPECT_FALSE(Excludes(stats, "$greater", 19));
  EXPECT_TRUE(Excludes(stats, "$greater_equal", 21));
  EXPECT_FALSE(Excludes(stats, "$greater_equal", 20));
}

TEST(ZoneMapTest, NullsAndMissingStats) {
  // A row group of only NULLs never satisfies a comparison.
  EXPECT_TRUE(Excludes(Range(0, 0, 100), "$equal", 0));
  // A comparison with a NULL constant is never TRUE.
  EXPECT_TRUE(PhysicalTableScan::ZoneMapExcludes(Range(0, 5), 100,
                                                 ZoneMapFilter{0, "$equal", Value::Null(TypeId::kInt64)}));
  // Without min/max nothing can be skipped.
  ColumnStats unknown;
  EXPECT_FALSE(Excludes(unknown, "$equal", 3));
}

}  // namespace
}  // namespace dq

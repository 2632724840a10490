#include "slt_result_check.h"

#include <gtest/gtest.h>

namespace deepquery::tools {
namespace {

using Values = std::vector<std::string>;

TEST(SltResultCheckTest, SortModes) {
  Values values = {"9", "b", "10", "a", "9", "a"};
  Values row_sorted = values;
  SortSltValues(&row_sorted, 2, SltSortMode::kRowSort);
  EXPECT_EQ(row_sorted, (Values{"10", "a", "9", "a", "9", "b"}));  // strcmp order: "10" < "9"
  Values value_sorted = values;
  SortSltValues(&value_sorted, 2, SltSortMode::kValueSort);
  EXPECT_EQ(value_sorted, (Values{"10", "9", "9", "a", "a", "b"}));
  Values unsorted = values;
  SortSltValues(&unsorted, 2, SltSortMode::kNoSort);
  EXPECT_EQ(unsorted, values);
}

TEST(SltResultCheckTest, HashLine) {
  size_t count = 0;
  std::string hash;
  EXPECT_TRUE(
      ParseHashLine("30 values hashing to 3c13dee48d9356ae19af2515e05e6b54", &count, &hash));
  EXPECT_EQ(count, 30u);
  EXPECT_EQ(hash, "3c13dee48d9356ae19af2515e05e6b54");
  EXPECT_FALSE(ParseHashLine("30 values hashing to 3c13", &count, &hash));
  EXPECT_FALSE(ParseHashLine("values hashing to 3c13dee48d9356ae19af2515e05e6b54", &count, &hash));
  // MD5 of "1\n2\n".
  EXPECT_EQ(HashSltValues({"1", "2"}), "6ddb4095eb719e2a9f0a3f95677d24e0");
}

TEST(SltResultCheckTest, ExpectedValuesOnePerLineOrTabSeparatedRows) {
  EXPECT_EQ(ExpectedSltValues({"1", "x", "2", "y"}), (Values{"1", "x", "2", "y"}));
  EXPECT_EQ(ExpectedSltValues({"1\tx", "2\ty"}), (Values{"1", "x", "2", "y"}));
  EXPECT_EQ(ExpectedSltValues({"a b\tc"}), (Values{"a b", "c"}));
}

TEST(SltResultCheckTest, ComparesValuesAfterSorting) {
  EXPECT_TRUE(
      CheckSltQuery({"1", "x", "2", "y"}, {"1", "x", "2", "y"}, 2, SltSortMode::kNoSort).ok);
  EXPECT_TRUE(CheckSltQuery({"1\tx", "2\ty"}, {"2", "y", "1", "x"}, 2, SltSortMode::kRowSort).ok);
  // Expected rows given out of order are sorted too.
  EXPECT_TRUE(CheckSltQuery({"2\ty", "1\tx"}, {"1", "x", "2", "y"}, 2, SltSortMode::kRowSort).ok);
  const SltCheckResult mismatch =
      CheckSltQuery({"1\tx", "2\ty"}, {"2", "y", "1", "x"}, 2, SltSortMode::kNoSort);
  EXPECT_FALSE(mismatch.ok);
  EXPECT_NE(mismatch.mismatch.find("expected 4 values"), std::string::npos);
  EXPECT_NE(mismatch.mismatch.find("    2\ty\n    1\tx\n"), std::string::npos);
}

TEST(SltResultCheckTest, ComparesHashes) {
  const std::string hash = HashSltValues({"1", "2", "3"});
  EXPECT_TRUE(
      CheckSltQuery({"3 values hashing to " + hash}, {"3", "1", "2"}, 1, SltSortMode::kValueSort)
          .ok);
  EXPECT_FALSE(
      CheckSltQuery({"3 values hashing to " + hash}, {"3", "1", "2"}, 1, SltSortMode::kNoSort).ok);
  EXPECT_FALSE(
      CheckSltQuery({"4 values hashing to " + hash}, {"1", "2", "3"}, 1, SltSortMode::kNoSort).ok);
  EXPECT_EQ(CheckSltQuery({}, {"3", "1", "2"}, 1, SltSortMode::kValueSort).actual_hash, hash);
}

TEST(SltResultCheckTest, FormatsCompletedResults) {
  EXPECT_EQ(FormatSltExpected({"2", "y", "1", "x"}, 2, SltSortMode::kRowSort, 0),
            (Values{"1\tx", "2\ty"}));
  EXPECT_EQ(FormatSltExpected({"1", "2", "3"}, 1, SltSortMode::kNoSort, 2),
            (Values{"3 values hashing to " + HashSltValues({"1", "2", "3"})}));
}

}  // namespace
}  // namespace deepquery::tools

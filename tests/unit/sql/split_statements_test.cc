#include "sql/split_statements.h"

#include <gtest/gtest.h>

namespace dq::sql {
namespace {

using Strings = std::vector<std::string>;

TEST(SqlSplitStatementsTest, SplitsAtTopLevelSemicolons) {
  std::string remainder = "unchanged";
  EXPECT_EQ(SplitStatements("SELECT 1; SELECT 2;", &remainder), (Strings{"SELECT 1", "SELECT 2"}));
  EXPECT_EQ(remainder, "");
  EXPECT_EQ(SplitStatements(" ;; SELECT 1 ;\n", &remainder), (Strings{"SELECT 1"}));
  EXPECT_EQ(remainder, "");
}

TEST(SqlSplitStatementsTest, IncompleteStatementIsRemainder) {
  std::string remainder;
  EXPECT_EQ(SplitStatements("SELECT 1; SELECT\n  2 ", &remainder), (Strings{"SELECT 1"}));
  EXPECT_EQ(remainder, "SELECT\n  2");
}

TEST(SqlSplitStatementsTest, QuotesAndCommentsHideSemicolons) {
  std::string remainder;
  EXPECT_EQ(SplitStatements("SELECT ';', \";\", `a;b`; SELECT '''x;\n;y''';", &remainder),
            (Strings{"SELECT ';', \";\", `a;b`", "SELECT '''x;\n;y'''"}));
  EXPECT_EQ(SplitStatements("SELECT 1 -- a;b\n, 2; # c;d\nSELECT /* ; */ 3;", &remainder),
            (Strings{"SELECT 1 -- a;b\n, 2", "# c;d\nSELECT /* ; */ 3"}));
  EXPECT_EQ(SplitStatements(R"(SELECT 'it\'s;'; )", &remainder), (Strings{R"(SELECT 'it\'s;')"}));
  EXPECT_EQ(remainder, "");
}

TEST(SqlSplitStatementsTest, UnterminatedInputGoesToRemainder) {
  std::string remainder;
  EXPECT_EQ(SplitStatements("SELECT 1; SELECT 'abc; def", &remainder), (Strings{"SELECT 1"}));
  EXPECT_EQ(remainder, "SELECT 'abc; def");
  EXPECT_EQ(SplitStatements("SELECT 1 /* open; ", &remainder), Strings{});
  EXPECT_EQ(remainder, "SELECT 1 /* open;");
  EXPECT_EQ(SplitStatements("SELECT '''a;\n", &remainder), Strings{});
  EXPECT_EQ(remainder, "SELECT '''a;");
}

TEST(SqlSplitStatementsTest, CommentOnlyTailIsNotRemainder) {
  std::string remainder;
  EXPECT_EQ(SplitStatements("SELECT 1; -- done", &remainder), (Strings{"SELECT 1"}));
  EXPECT_EQ(remainder, "");
  EXPECT_EQ(SplitStatements("-- only;\n", nullptr), Strings{});
}

}  // namespace
}  // namespace dq::sql

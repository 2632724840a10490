#include "error_caret.h"

#include <gtest/gtest.h>

namespace deepquery::tools {
namespace {

TEST(ErrorCaretTest, ParsesPosition) {
  auto position = ParseErrorPosition("Unrecognized name: regoin; Did you mean region? [at 1:8]");
  ASSERT_TRUE(position.has_value());
  EXPECT_EQ(position->line, 1);
  EXPECT_EQ(position->column, 8);
  position = ParseErrorPosition("Syntax error: Expected \")\" [at 3:15]\n");
  ASSERT_TRUE(position.has_value());
  EXPECT_EQ(position->line, 3);
  EXPECT_FALSE(ParseErrorPosition("Division by zero").has_value());
  EXPECT_FALSE(ParseErrorPosition("bad [at x:1]").has_value());
  EXPECT_FALSE(ParseErrorPosition("bad [at 1:2] later").has_value());
}

TEST(ErrorCaretTest, RendersCaretUnderColumn) {
  EXPECT_EQ(RenderErrorCaret("SELECT regoin FROM shop.sales", {1, 8}),
            "  SELECT regoin FROM shop.sales\n"
            "         ^\n");
  EXPECT_EQ(RenderErrorCaret("SELECT a,\n\tb FROM t", {2, 2}, ""), "\tb FROM t\n\t^\n");
  // Columns are bytes: the two-byte é counts as one column of padding.
  EXPECT_EQ(RenderErrorCaret("SELECT 'é' x", {1, 13}, ""), "SELECT 'é' x\n           ^\n");
  EXPECT_EQ(RenderErrorCaret("SELECT", {1, 7}, ""), "SELECT\n      ^\n");
  EXPECT_EQ(RenderErrorCaret("SELECT", {3, 1}), "");
}

}  // namespace
}  // namespace deepquery::tools

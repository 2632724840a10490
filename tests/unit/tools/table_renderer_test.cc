#include "table_renderer.h"

#include <gtest/gtest.h>

#include "text_width.h"

namespace deepquery::tools {
namespace {

TableData SmallTable() {
  TableData table;
  table.names = {"region", "total"};
  table.types = {"STRING", "INT64"};
  table.right_aligned = {false, true};
  table.rows = {{"EU", "12"}, {std::nullopt, "1234567"}};
  return table;
}

TEST(TableRendererTest, UnicodeBoxWithTypesAndNull) {
  EXPECT_EQ(RenderTable(SmallTable(), TableStyle{}),
            "┌────────┬─────────┐\n"
            "│ region │ total   │\n"
            "│ STRING │ INT64   │\n"
            "├────────┼─────────┤\n"
            "│ EU     │      12 │\n"
            "│ NULL   │ 1234567 │\n"
            "└────────┴─────────┘\n");
}

TEST(TableRendererTest, AsciiWithElidedRows) {
  TableData table = SmallTable();
  table.elided_after = 1;
  EXPECT_EQ(RenderTable(table, TableStyle{.unicode = false}),
            "+--------+---------+\n"
            "| region | total   |\n"
            "| STRING | INT64   |\n"
            "+--------+---------+\n"
            "| EU     |      12 |\n"
            "| ~      |       ~ |\n"
            "| NULL   | 1234567 |\n"
            "+--------+---------+\n");
}

TEST(TableRendererTest, TruncatesToWidth) {
  TableData table;
  table.names = {"id", "text"};
  table.rows = {{"1", std::string(50, 'x')}};
  const std::string rendered = RenderTable(table, TableStyle{.unicode = true, .max_width = 20});
  EXPECT_EQ(rendered,
            "┌────┬─────────────┐\n"
            "│ id │ text        │\n"
            "├────┼─────────────┤\n"
            "│ 1  │ xxxxxxxxxx… │\n"
            "└────┴─────────────┘\n");
  size_t line_end = rendered.find('\n');
  EXPECT_EQ(DisplayWidth(rendered.substr(0, line_end)), 20u);
}

TEST(TableRendererTest, ControlCharactersAndWideText) {
  TableData table;
  table.names = {"s"};
  table.rows = {{"a\nb"}, {"日本"}};
  EXPECT_EQ(RenderTable(table, TableStyle{.unicode = false}),
            "+------+\n| s    |\n+------+\n| a\\nb |\n| 日本 |\n+------+\n");
}

TEST(TableRendererTest, RowsToDisplay) {
  std::optional<size_t> elided;
  EXPECT_EQ(RowsToDisplay(3, 40, &elided), (std::vector<size_t>{0, 1, 2}));
  EXPECT_FALSE(elided.has_value());
  EXPECT_EQ(RowsToDisplay(10, 4, &elided), (std::vector<size_t>{0, 1, 8, 9}));
  EXPECT_EQ(elided, 2u);
  EXPECT_EQ(RowsToDisplay(10, 3, &elided), (std::vector<size_t>{0, 1, 9}));
}

TEST(TableRendererTest, Footer) {
  EXPECT_EQ(RowCountFooter(3, 3, 0.0123), "3 rows in 0.012 s");
  EXPECT_EQ(RowCountFooter(1, 1, std::nullopt), "1 row");
  EXPECT_EQ(RowCountFooter(1204, 40, 0.5), "1,204 rows (40 shown) in 0.500 s");
}

TEST(TextWidthTest, WidthAndTruncation) {
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("café"), 4u);
  EXPECT_EQ(DisplayWidth("日本"), 4u);
  EXPECT_EQ(TruncateToWidth("abcdef", 4, "…"), "abc…");
  EXPECT_EQ(TruncateToWidth("abc", 3, "…"), "abc");
  EXPECT_EQ(TruncateToWidth("日本語", 4, "…"), "日…");
  EXPECT_EQ(MakePrintable("a\tb\x01"), "a\\tb?");
}

}  // namespace
}  // namespace deepquery::tools

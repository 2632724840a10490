// Draws query results as a boxed text table:
//
//   ┌────────┬───────┐
//   │ region │ total │   column names
//   │ STRING │ INT64 │   column types (omitted when `types` is empty)
//   ├────────┼───────┤
//   │ EU     │    12 │   numbers right-aligned, text left-aligned, NULL as `NULL`
//   │ …      │     … │   where rows were left out
//   └────────┴───────┘
//
// with ASCII (+-|) instead of box drawing when the terminal is not UTF-8. Cells wider than
// fits are cut with an ellipsis so that the table fits `max_width` columns when possible.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace deepquery::tools {

// A cell; std::nullopt is NULL.
using TableCell = std::optional<std::string>;

struct TableData {
  std::vector<std::string> names;
  std::vector<std::string> types;            // empty, or one per column
  std::vector<bool> right_aligned;           // empty (all left), or one per column
  std::vector<std::vector<TableCell>> rows;  // the rows to show
  // When set, an ellipsis row is drawn after this many of `rows` (rows were left out there).
  std::optional<size_t> elided_after;
};

struct TableStyle {
  bool unicode = true;
  size_t max_width = 120;
};

// The table, one line per row, each ending in "\n".
// REQUIRES: every row has names.size() cells.
std::string RenderTable(const TableData& table, const TableStyle& style);

// Which of `row_count` rows to show: all when row_count <= max_rows, else the first
// ceil(max_rows / 2) and the last floor(max_rows / 2), with `elided_after` set between them.
std::vector<size_t> RowsToDisplay(size_t row_count, size_t max_rows,
                                  std::optional<size_t>* elided_after);

// `3 rows in 0.012 s`, `1 row`, `1,204 rows (40 shown) in 0.500 s`.
std::string RowCountFooter(size_t row_count, size_t shown_rows, std::optional<double> seconds);

// Whether a column of this GoogleSQL type is right-aligned (numbers).
bool IsNumericType(const std::string& type);

}  // namespace deepquery::tools

#include "table_renderer.h"

#include <algorithm>
#include <cstdio>

#include "text_width.h"

namespace deepquery::tools {
namespace {

constexpr size_t kMinimumColumnWidth = 3;

struct Glyphs {
  const char* horizontal;
  const char* vertical;
  const char* top[3];  // left, middle, right
  const char* middle[3];
  const char* bottom[3];
  const char* ellipsis;
};

constexpr Glyphs kUnicodeGlyphs = {"─", "│", {"┌", "┬", "┐"}, {"├", "┼", "┤"}, {"└", "┴", "┘"},
                                   "…"};
constexpr Glyphs kAsciiGlyphs = {"-", "|", {"+", "+", "+"}, {"+", "+", "+"}, {"+", "+", "+"}, "~"};

std::string CellText(const TableCell& cell) {
  return cell.has_value() ? MakePrintable(*cell) : "NULL";
}

// Narrows the widest columns until the table fits `max_width` or all are at the minimum.
void FitWidths(std::vector<size_t>* widths, size_t max_width) {
  auto total = [&] {
    size_t sum = 1;
    for (size_t width : *widths) sum += width + 3;
    return sum;
  };
  for (size_t& width : *widths) width = std::min(width, max_width);
  size_t table_width = total();
  while (table_width > max_width) {
    auto widest = std::max_element(widths->begin(), widths->end());
    if (widest == widths->end() || *widest <= kMinimumColumnWidth) return;
    --*widest;
    --table_width;
  }
}

class Drawer {
 public:
  Drawer(const TableData& table, const Glyphs& glyphs, std::vector<size_t> widths)
      : table_(table), glyphs_(glyphs), widths_(std::move(widths)) {}

  void Rule(const char* const corners[3]) {
    out_ += corners[0];
    for (size_t column = 0; column < widths_.size(); ++column) {
      if (column > 0) out_ += corners[1];
      for (size_t count = 0; count < widths_[column] + 2; ++count) out_ += glyphs_.horizontal;
    }
    out_ += corners[2];
    out_ += '\n';
  }

  // `texts` are already printable; right-aligned where the column says so unless `left`.
  void Line(const std::vector<std::string>& texts, bool align_left) {
    out_ += glyphs_.vertical;
    for (size_t column = 0; column < widths_.size(); ++column) {
      const std::string text = TruncateToWidth(texts[column], widths_[column], glyphs_.ellipsis);
      const std::string padding(widths_[column] - DisplayWidth(text), ' ');
      const bool right =
          !align_left && column < table_.right_aligned.size() && table_.right_aligned[column];
      out_ += ' ';
      out_ += right ? padding + text : text + padding;
      out_ += ' ';
      out_ += glyphs_.vertical;
    }
    out_ += '\n';
  }

  std::string Take() { return std::move(out_); }

 private:
  const TableData& table_;
  const Glyphs& glyphs_;
  std::vector<size_t> widths_;
  std::string out_;
};

}  // namespace

std::string RenderTable(const TableData& table, const TableStyle& style) {
  const Glyphs& glyphs = style.unicode ? kUnicodeGlyphs : kAsciiGlyphs;
  const size_t column_count = table.names.size();
  std::vector<std::vector<std::string>> cells;
  cells.reserve(table.rows.size());
  for (const auto& row : table.rows) {
    std::vector<std::string> texts;
    for (const TableCell& cell : row) texts.push_back(CellText(cell));
    cells.push_back(std::move(texts));
  }
  std::vector<std::string> names, types;
  std::vector<size_t> widths(column_count, 1);
  for (size_t column = 0; column < column_count; ++column) {
    names.push_back(MakePrintable(table.names[column]));
    widths[column] = std::max(widths[column], DisplayWidth(names[column]));
    if (!table.types.empty()) {
      types.push_back(MakePrintable(table.types[column]));
      widths[column] = std::max(widths[column], DisplayWidth(types[column]));
    }
    for (const auto& row : cells) {
      widths[column] = std::max(widths[column], DisplayWidth(row[column]));
    }
  }
  FitWidths(&widths, style.max_width);

  Drawer drawer(table, glyphs, widths);
  drawer.Rule(glyphs.top);
  drawer.Line(names, /*align_left=*/true);
  if (!types.empty()) drawer.Line(types, /*align_left=*/true);
  drawer.Rule(glyphs.middle);
  const std::vector<std::string> ellipsis_row(column_count, glyphs.ellipsis);
  for (size_t row = 0; row < cells.size(); ++row) {
    if (table.elided_after == row) drawer.Line(ellipsis_row, false);
    drawer.Line(cells[row], false);
  }
  if (table.elided_after == cells.size()) drawer.Line(ellipsis_row, false);
  drawer.Rule(glyphs.bottom);
  return drawer.Take();
}

std::vector<size_t> RowsToDisplay(size_t row_count, size_t max_rows,
                                  std::optional<size_t>* elided_after) {
  std::vector<size_t> rows;
  elided_after->reset();
  if (row_count <= max_rows) {
    for (size_t row = 0; row < row_count; ++row) rows.push_back(row);
    return rows;
  }
  const size_t head = (max_rows + 1) / 2;
  const size_t tail = max_rows / 2;
  for (size_t row = 0; row < head; ++row) rows.push_back(row);
  for (size_t row = row_count - tail; row < row_count; ++row) rows.push_back(row);
  *elided_after = head;
  return rows;
}

std::string RowCountFooter(size_t row_count, size_t shown_rows, std::optional<double> seconds) {
  std::string digits = std::to_string(row_count);
  std::string grouped;
  for (size_t index = 0; index < digits.size(); ++index) {
    if (index > 0 && (digits.size() - index) % 3 == 0) grouped += ',';
    grouped += digits[index];
  }
  std::string footer = grouped + (row_count == 1 ? " row" : " rows");
  if (shown_rows < row_count) footer += " (" + std::to_string(shown_rows) + " shown)";
  if (seconds.has_value()) {
    char buffer[48];
    std::snprintf(buffer, sizeof(buffer), " in %.3f s", *seconds);
    footer += buffer;
  }
  return footer;
}

bool IsNumericType(const std::string& type) {
  return type == "INT64" || type == "FLOAT64" || type == "NUMERIC" || type == "BIGNUMERIC" ||
         type == "INT32" || type == "FLOAT32" || type == "UINT64" || type == "UINT32";
}

}  // namespace deepquery::tools

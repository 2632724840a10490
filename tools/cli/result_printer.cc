#include "result_printer.h"

#include <optional>
#include <string>
#include <vector>

#include "error_caret.h"
#include "row_formats.h"
#include "table_renderer.h"

namespace deepquery::tools {
namespace {

std::vector<std::optional<std::string>> RowValues(const Result& result, size_t row) {
  std::vector<std::optional<std::string>> values;
  for (size_t column = 0; column < result.column_count(); ++column) {
    if (result.IsNull(row, column)) {
      values.emplace_back(std::nullopt);
    } else {
      values.emplace_back(result.GetString(row, column));
    }
  }
  return values;
}

void Write(const std::string& text, std::FILE* out) {
  std::fwrite(text.data(), 1, text.size(), out);
}

void PrintTable(const Result& result, const PrintSettings& settings, std::FILE* out) {
  TableData table;
  for (size_t column = 0; column < result.column_count(); ++column) {
    table.names.push_back(result.column_name(column));
    table.types.push_back(result.column_type(column));
    table.right_aligned.push_back(IsNumericType(table.types.back()));
  }
  const std::vector<size_t> shown =
      RowsToDisplay(result.row_count(), settings.max_rows, &table.elided_after);
  for (size_t row : shown) table.rows.push_back(RowValues(result, row));
  Write(RenderTable(table, TableStyle{settings.unicode, settings.max_width}), out);
  Write(RowCountFooter(
            result.row_count(), shown.size(),
            settings.timing ? std::optional<double>(result.elapsed_seconds()) : std::nullopt) +
            "\n",
        out);
}

void PrintCsv(const Result& result, std::FILE* out) {
  std::vector<std::optional<std::string>> header;
  for (size_t column = 0; column < result.column_count(); ++column) {
    header.emplace_back(result.column_name(column));
  }
  Write(CsvLine(header), out);
  for (size_t row = 0; row < result.row_count(); ++row) Write(CsvLine(RowValues(result, row)), out);
}

void PrintJson(const Result& result, std::FILE* out) {
  std::vector<std::string> names;
  std::vector<JsonKind> kinds;
  for (size_t column = 0; column < result.column_count(); ++column) {
    names.push_back(result.column_name(column));
    kinds.push_back(JsonKindForType(result.column_type(column)));
  }
  Write("[", out);
  for (size_t row = 0; row < result.row_count(); ++row) {
    Write((row == 0 ? "\n  " : ",\n  ") + JsonObject(names, kinds, RowValues(result, row)), out);
  }
  Write(result.row_count() == 0 ? "]\n" : "\n]\n", out);
}

}  // namespace

void PrintResult(const Result& result, const PrintSettings& settings, std::FILE* out) {
  if (result.column_count() == 0) {
    // A statement without rows: its summary line, in every format (on stderr for CSV/JSON so
    // that stdout stays machine-readable).
    std::string line = result.message();
    if (settings.timing) {
      char buffer[48];
      std::snprintf(buffer, sizeof(buffer), "%s%.3f s", line.empty() ? "" : " in ",
                    result.elapsed_seconds());
      line += buffer;
    }
    if (!line.empty()) Write(line + "\n", settings.format == OutputFormat::kTable ? out : stderr);
    return;
  }
  switch (settings.format) {
    case OutputFormat::kTable:
      PrintTable(result, settings, out);
      break;
    case OutputFormat::kCsv:
      PrintCsv(result, out);
      break;
    case OutputFormat::kJson:
      PrintJson(result, out);
      break;
  }
  std::fflush(out);
}

void PrintError(std::string_view message, std::string_view sql, bool color, std::FILE* out) {
  std::string text = color ? "\033[31mError: " : "Error: ";
  text.append(message);
  if (color) text += "\033[0m";
  text += '\n';
  if (const auto position = ParseErrorPosition(message)) {
    text += RenderErrorCaret(sql, *position);
  }
  Write(text, out);
  std::fflush(out);
}

}  // namespace deepquery::tools

// Prints a statement's Result in the chosen format, or its error with a caret under the
// position the message names.
#pragma once

#include <cstdio>
#include <string_view>

#include "cli_options.h"
#include "deepquery/deepquery.h"

namespace deepquery::tools {

struct PrintSettings {
  OutputFormat format = OutputFormat::kTable;
  bool unicode = true;     // box drawing characters (UTF-8 terminal)
  size_t max_width = 120;  // terminal columns
  size_t max_rows = 40;    // rows shown in table format
  bool timing = true;
};

// Writes a successful result to `out`: rows (table, CSV or JSON) and, in table format, a
// footer with the row count or the statement's message and the elapsed time.
// REQUIRES: result.ok().
void PrintResult(const Result& result, const PrintSettings& settings, std::FILE* out);

// Writes `Error: <message>` (red when `color`) and, when the message ends in `[at L:C]`,
// the SQL line with a caret under the column, to `out`.
void PrintError(std::string_view message, std::string_view sql, bool color, std::FILE* out);

}  // namespace deepquery::tools

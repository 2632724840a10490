// Points at the place in the SQL text that an error message names with `[at L:C]`:
//
//   Error: Unrecognized name: regoin; Did you mean region? [at 1:8]
//     SELECT regoin FROM shop.sales
//            ^
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace deepquery::tools {

struct SqlPosition {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in bytes (as the engine reports it)
};

// The position from a message ending in `[at L:C]` (trailing whitespace allowed).
std::optional<SqlPosition> ParseErrorPosition(std::string_view message);

// Two lines, each starting with `indent` and ending in "\n": the SQL line at `position`, then a
// caret under the column (tabs kept so the caret lines up). Empty when the line does not exist.
std::string RenderErrorCaret(std::string_view sql, SqlPosition position,
                             std::string_view indent = "  ");

}  // namespace deepquery::tools

// Terminal display width of UTF-8 text, for lining up table columns.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace deepquery::tools {

// Columns `text` takes on a terminal: one per code point, two for East Asian wide and
// fullwidth characters, none for combining marks. Invalid bytes count one column each.
size_t DisplayWidth(std::string_view text);

// `text` cut to at most `width` columns, ending in `ellipsis` when it was cut (the ellipsis'
// width counts toward `width`). Whole code points are kept.
std::string TruncateToWidth(std::string_view text, size_t width, std::string_view ellipsis);

// `text` with control characters made visible on one line: newline as `\n`, tab as `\t`,
// carriage return as `\r`, other bytes below 0x20 and 0x7F as `?`.
std::string MakePrintable(std::string_view text);

}  // namespace deepquery::tools

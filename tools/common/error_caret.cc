#include "error_caret.h"

#include <algorithm>
#include <charconv>

namespace deepquery::tools {
namespace {

bool ParseNumber(std::string_view text, int* value) {
  const char* end = text.data() + text.size();
  auto [position, error] = std::from_chars(text.data(), end, *value);
  return !text.empty() && error == std::errc() && position == end && *value > 0;
}

}  // namespace

std::optional<SqlPosition> ParseErrorPosition(std::string_view message) {
  while (!message.empty() && (message.back() == ' ' || message.back() == '\n')) {
    message.remove_suffix(1);
  }
  if (message.empty() || message.back() != ']') return std::nullopt;
  const size_t open = message.rfind("[at ");
  if (open == std::string_view::npos) return std::nullopt;
  const std::string_view inside = message.substr(open + 4, message.size() - open - 5);
  const size_t colon = inside.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  SqlPosition position;
  if (!ParseNumber(inside.substr(0, colon), &position.line) ||
      !ParseNumber(inside.substr(colon + 1), &position.column)) {
    return std::nullopt;
  }
  return position;
}

std::string RenderErrorCaret(std::string_view sql, SqlPosition position, std::string_view indent) {
  size_t line_begin = 0;
  for (int line = 1; line < position.line; ++line) {
    const size_t newline = sql.find('\n', line_begin);
    if (newline == std::string_view::npos) return "";
    line_begin = newline + 1;
  }
  size_t line_end = sql.find('\n', line_begin);
  if (line_end == std::string_view::npos) line_end = sql.size();
  std::string_view line = sql.substr(line_begin, line_end - line_begin);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

  std::string padding;
  const size_t prefix_bytes = std::min<size_t>(position.column - 1, line.size());
  for (size_t index = 0; index < prefix_bytes; ++index) {
    const auto byte = static_cast<unsigned char>(line[index]);
    if (byte == '\t') {
      padding += '\t';
    } else if ((byte & 0xc0) != 0x80) {  // one space per code point
      padding += ' ';
    }
  }
  padding.append(position.column - 1 - prefix_bytes, ' ');  // past the end of the line
  std::string rendered;
  rendered.append(indent).append(line).append("\n");
  rendered.append(indent).append(padding).append("^\n");
  return rendered;
}

}  // namespace deepquery::tools

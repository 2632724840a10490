#include "text_width.h"

#include <cstdint>

namespace deepquery::tools {
namespace {

// Decodes the code point at `position`, advancing it; invalid bytes decode as themselves.
uint32_t NextCodePoint(std::string_view text, size_t* position) {
  const auto lead = static_cast<unsigned char>(text[*position]);
  size_t length = 1;
  uint32_t code_point = lead;
  if (lead >= 0xf0 && lead < 0xf8) {
    length = 4;
    code_point = lead & 0x07;
  } else if (lead >= 0xe0) {
    length = 3;
    code_point = lead & 0x0f;
  } else if (lead >= 0xc0) {
    length = 2;
    code_point = lead & 0x1f;
  }
  if (length > 1 && *position + length <= text.size()) {
    bool valid = true;
    for (size_t offset = 1; offset < length; ++offset) {
      const auto byte = static_cast<unsigned char>(text[*position + offset]);
      valid = valid && (byte & 0xc0) == 0x80;
      code_point = (code_point << 6) | (byte & 0x3f);
    }
    if (valid) {
      *position += length;
      return code_point;
    }
  }
  *position += 1;
  return lead;
}

size_t CodePointWidth(uint32_t code_point) {
  if ((code_point >= 0x0300 && code_point <= 0x036f) ||
      (code_point >= 0x200b && code_point <= 0x200f) ||
      (code_point >= 0xfe00 && code_point <= 0xfe0f)) {
    return 0;
  }
  const bool wide = (code_point >= 0x1100 && code_point <= 0x115f) ||
                    (code_point >= 0x2e80 && code_point <= 0xa4cf) ||
                    (code_point >= 0xac00 && code_point <= 0xd7a3) ||
                    (code_point >= 0xf900 && code_point <= 0xfaff) ||
                    (code_point >= 0xfe30 && code_point <= 0xfe4f) ||
                    (code_point >= 0xff00 && code_point <= 0xff60) ||
                    (code_point >= 0xffe0 && code_point <= 0xffe6) ||
                    (code_point >= 0x1f300 && code_point <= 0x1faff) ||
                    (code_point >= 0x20000 && code_point <= 0x3fffd);
  return wide ? 2 : 1;
}

}  // namespace

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  size_t position = 0;
  while (position < text.size()) width += CodePointWidth(NextCodePoint(text, &position));
  return width;
}

std::string TruncateToWidth(std::string_view text, size_t width, std::string_view ellipsis) {
  if (DisplayWidth(text) <= width) return std::string(text);
  const size_t ellipsis_width = DisplayWidth(ellipsis);
  if (width < ellipsis_width) return std::string(ellipsis.substr(0, width));
  const size_t budget = width - ellipsis_width;
  size_t used = 0;
  size_t position = 0;
  while (position < text.size()) {
    size_t next = position;
    const size_t code_point_width = CodePointWidth(NextCodePoint(text, &next));
    if (used + code_point_width > budget) break;
    used += code_point_width;
    position = next;
  }
  return std::string(text.substr(0, position)) + std::string(ellipsis);
}

std::string MakePrintable(std::string_view text) {
  std::string printable;
  printable.reserve(text.size());
  for (char character : text) {
    switch (character) {
      case '\n':
        printable += "\\n";
        break;
      case '\t':
        printable += "\\t";
        break;
      case '\r':
        printable += "\\r";
        break;
      default:
        const auto byte = static_cast<unsigned char>(character);
        printable += (byte < 0x20 || byte == 0x7f) ? '?' : character;
    }
  }
  return printable;
}

}  // namespace deepquery::tools

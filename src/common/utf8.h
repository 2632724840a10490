// Small UTF-8 helpers shared by casts and string functions. All work on byte spans and never
// allocate. Functions other than IsValidUtf8 assume valid UTF-8 (STRING values are validated
// when they enter the engine); on invalid input they still stay inside the span.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace dq {

// Whether `text` is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Byte length of the character starting with `lead` (1 for continuation / invalid bytes).
inline size_t Utf8CharLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

// Number of characters (code points) in `text`.
inline int64_t Utf8CharCount(std::string_view text) {
  int64_t count = 0;
  for (unsigned char byte : text) count += (byte & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

// Byte offset of character `index` (0-based); text.size() when index >= the character count.
inline size_t Utf8ByteOffset(std::string_view text, int64_t index) {
  size_t offset = 0;
  while (index > 0 && offset < text.size()) {
    offset += Utf8CharLength(static_cast<unsigned char>(text[offset]));
    --index;
  }
  return offset < text.size() ? offset : text.size();
}

// Decodes the character at `offset`, advancing `offset` past it.
uint32_t Utf8Decode(std::string_view text, size_t* offset);
// Writes the UTF-8 encoding of `code_point` to `out` (room for 4 bytes); returns its length.
size_t Utf8Encode(uint32_t code_point, char* out);

// Simple one-to-one case mappings: ASCII, Latin-1 Supplement, Latin Extended-A, basic Greek
// and Cyrillic. Other code points map to themselves (no locale, no multi-character mappings).
uint32_t ToLowerCodePoint(uint32_t code_point);
uint32_t ToUpperCodePoint(uint32_t code_point);

}  // namespace dq

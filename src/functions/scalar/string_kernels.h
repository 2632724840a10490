// Helpers shared by the string function files (string_functions.cc, string_format.cc):
// substring arithmetic in characters or bytes, trimming by a character set, and the limit on
// result sizes. Included only by those files.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/utf8.h"
#include "vector/string_view.h"

namespace dq {

// Results larger than this are an error (protects against REPEAT('x', 1e12)).
inline constexpr size_t kMaxStringResultBytes = size_t{1} << 30;

[[noreturn]] inline void ThrowResultTooLarge(const char* function) {
  throw Error(ErrorKind::kOutOfRange,
              std::string(function) + " result would exceed the maximum string size");
}

// A StringView over `text`, which must stay alive (e.g. a part of an input string whose
// vector the result keeps alive). Short results are copied inline.
inline StringView ViewOf(std::string_view text) {
  return StringView(text.data(), static_cast<uint32_t>(text.size()));
}

// GoogleSQL SUBSTR(text, position, length) in characters (kChars) or bytes: 1-based,
// position 0 acts as 1, negative positions count from the end (clamped to the start).
// REQUIRES: length >= 0.
template <bool kChars>
std::string_view Substring(std::string_view text, int64_t position, int64_t length) {
  int64_t total = kChars ? Utf8CharCount(text) : static_cast<int64_t>(text.size());
  int64_t start;
  if (position > 0) {
    start = position - 1;
  } else if (position == 0) {
    start = 0;
  } else {
    start = position < -total ? 0 : total + position;
  }
  if (start >= total || length == 0) return std::string_view();
  int64_t take = length < total - start ? length : total - start;
  if (!kChars) return text.substr(static_cast<size_t>(start), static_cast<size_t>(take));
  size_t begin = Utf8ByteOffset(text, start);
  size_t end = begin + Utf8ByteOffset(text.substr(begin), take);
  return text.substr(begin, end - begin);
}

// Strips characters (code points for kChars, else bytes) found in `set` from the chosen ends.
template <bool kChars>
std::string_view TrimCharacters(std::string_view text, std::string_view set, bool left,
                                bool right) {
  auto in_set = [set](std::string_view character) {
    if (!kChars) return set.find(character[0]) != std::string_view::npos;
    size_t offset = 0;
    while (offset < set.size()) {
      size_t length = Utf8CharLength(static_cast<unsigned char>(set[offset]));
      if (set.substr(offset, length) == character) return true;
      offset += length;
    }
    return false;
  };
  size_t begin = 0;
  size_t end = text.size();
  if (left) {
    while (begin < end) {
      size_t length = kChars ? Utf8CharLength(static_cast<unsigned char>(text[begin])) : 1;
      if (!in_set(text.substr(begin, length))) break;
      begin += length;
    }
  }
  if (right) {
    while (end > begin) {
      size_t start = end - 1;
      if (kChars) {
        while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
      }
      if (!in_set(text.substr(start, end - start))) break;
      end = start;
    }
  }
  return text.substr(begin, end - begin);
}

}  // namespace dq

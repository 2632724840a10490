#include "common/error.h"

namespace dq {

std::string_view ErrorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kSyntax: return "syntax";
    case ErrorKind::kBinding: return "binding";
    case ErrorKind::kInvalidInput: return "invalid_input";
    case ErrorKind::kOutOfRange: return "out_of_range";
    case ErrorKind::kCatalog: return "catalog";
    case ErrorKind::kIo: return "io";
    case ErrorKind::kCorruption: return "corruption";
    case ErrorKind::kNotSupported: return "not_supported";
    case ErrorKind::kCancelled: return "cancelled";
    case ErrorKind::kOutOfMemory: return "out_of_memory";
    case ErrorKind::kInternal: return "internal";
  }
  return "unknown";
}

std::string FormatSqlPosition(std::string_view text, int64_t position) {
  int64_t line = 1;
  int64_t column = 1;
  int64_t end = position < 0 ? 0 : std::min<int64_t>(position, text.size());
  for (int64_t offset = 0; offset < end; ++offset) {
    if (text[offset] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return std::to_string(line) + ":" + std::to_string(column);
}

void ThrowInternal(const char* file, int line, const std::string& message) {
  throw Error(ErrorKind::kInternal,
              "Internal error: " + message + " (" + file + ":" + std::to_string(line) + ")");
}

}  // namespace dq

#include "functions/json/json_path.h"

#include "common/error.h"

namespace dq {

namespace {

[[noreturn]] void ThrowInvalidToken(std::string_view rest) {
  throw Error(ErrorKind::kOutOfRange, "Invalid token in JSONPath at: " + std::string(rest));
}

// Reads a quoted name starting at text[*offset] (the quote); advances past the closing quote.
std::string ReadQuoted(std::string_view text, size_t* offset) {
  char quote = text[*offset];
  size_t start = *offset;
  std::string name;
  size_t position = start + 1;
  while (position < text.size() && text[position] != quote) {
    if (text[position] == '\\' && position + 1 < text.size()) ++position;
    name.push_back(text[position++]);
  }
  if (position >= text.size()) ThrowInvalidToken(text.substr(start));
  *offset = position + 1;
  return name;
}

}  // namespace

JsonPath JsonPath::Parse(std::string_view text) {
  size_t offset = 0;
  while (offset < text.size() && text[offset] == ' ') ++offset;
  if (offset >= text.size() || text[offset] != '$') {
    throw Error(ErrorKind::kOutOfRange, "JSONPath must start with '$'");
  }
  ++offset;
  JsonPath path;
  while (offset < text.size()) {
    size_t step_start = offset;
    Step step;
    if (text[offset] == '.') {
      ++offset;
      if (offset < text.size() && (text[offset] == '"' || text[offset] == '\'')) {
        step.name = ReadQuoted(text, &offset);
      } else {
        size_t end = offset;
        while (end < text.size() && text[end] != '.' && text[end] != '[') ++end;
        if (end == offset) ThrowInvalidToken(text.substr(step_start));
        step.name = std::string(text.substr(offset, end - offset));
        offset = end;
      }
    } else if (text[offset] == '[') {
      ++offset;
      if (offset < text.size() && (text[offset] == '"' || text[offset] == '\'')) {
        step.name = ReadQuoted(text, &offset);
      } else {
        size_t end = text.find(']', offset);
        if (end == std::string_view::npos || end == offset) {
          ThrowInvalidToken(text.substr(step_start));
        }
        std::string_view token = text.substr(offset, end - offset);
        bool digits = true;
        for (char c : token) digits = digits && c >= '0' && c <= '9';
        if (digits && token.size() <= 18) {
          step.is_index = true;
          step.index = std::stoll(std::string(token));
        } else {
          step.name = std::string(token);
        }
        offset = end;
      }
      if (offset >= text.size() || text[offset] != ']') ThrowInvalidToken(text.substr(step_start));
      ++offset;
    } else {
      ThrowInvalidToken(text.substr(step_start));
    }
    path.steps_.push_back(std::move(step));
  }
  return path;
}

}  // namespace dq

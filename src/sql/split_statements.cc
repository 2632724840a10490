#include "sql/split_statements.h"

namespace dq::sql {

namespace {

std::string_view Trim(std::string_view text) {
  constexpr std::string_view kWhitespace = " \t\r\n\f\v";
  size_t start = text.find_first_not_of(kWhitespace);
  if (start == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(kWhitespace);
  return text.substr(start, end - start + 1);
}

// Scans `text` from `offset`. Returns the offset after the construct that starts there (a
// quoted section or comment), or npos when it is unterminated; returns `offset` itself when
// no such construct starts there. Sets *is_comment for comments.
size_t SkipQuotedOrComment(std::string_view text, size_t offset, bool* is_comment) {
  *is_comment = false;
  char character = text[offset];
  auto at = [&text](size_t index) { return index < text.size() ? text[index] : '\0'; };
  if (character == '#' || (character == '-' && at(offset + 1) == '-')) {
    *is_comment = true;
    size_t end = text.find('\n', offset);
    return end == std::string_view::npos ? text.size() : end + 1;
  }
  if (character == '/' && at(offset + 1) == '*') {
    *is_comment = true;
    size_t end = text.find("*/", offset + 2);
    return end == std::string_view::npos ? std::string_view::npos : end + 2;
  }
  if (character != '\'' && character != '"' && character != '`') return offset;
  bool triple = character != '`' && at(offset + 1) == character && at(offset + 2) == character;
  size_t index = offset + (triple ? 3 : 1);
  while (index < text.size()) {
    char current = text[index];
    if (current == '\\') {
      index += 2;
      continue;
    }
    if (current == character) {
      if (!triple) return index + 1;
      if (at(index + 1) == character && at(index + 2) == character) return index + 3;
    }
    ++index;
  }
  return std::string_view::npos;
}

// True if `text` holds only whitespace and complete comments.
bool OnlyComments(std::string_view text) {
  size_t offset = 0;
  while (offset < text.size()) {
    char character = text[offset];
    if (character == ' ' || character == '\t' || character == '\r' || character == '\n' ||
        character == '\f' || character == '\v') {
      ++offset;
      continue;
    }
    bool is_comment = false;
    size_t end = SkipQuotedOrComment(text, offset, &is_comment);
    if (!is_comment || end == std::string_view::npos) return false;
    offset = end;
  }
  return true;
}

}  // namespace

std::vector<std::string> SplitStatements(std::string_view text, std::string* remainder) {
  std::vector<std::string> statements;
  size_t statement_start = 0;
  size_t offset = 0;
  while (offset < text.size()) {
    bool is_comment = false;
    size_t end = SkipQuotedOrComment(text, offset, &is_comment);
    if (end == std::string_view::npos) break;  // unterminated: the rest is the remainder
    if (end != offset) {
      offset = end;
      continue;
    }
    if (text[offset] == ';') {
      std::string_view statement = Trim(text.substr(statement_start, offset - statement_start));
      if (!statement.empty() && !OnlyComments(statement)) statements.emplace_back(statement);
      statement_start = offset + 1;
    }
    ++offset;
  }
  if (remainder != nullptr) {
    std::string_view rest = Trim(text.substr(statement_start));
    *remainder = OnlyComments(rest) ? std::string() : std::string(rest);
  }
  return statements;
}

}  // namespace dq::sql

#include "sql/ast_node.h"

#include "sql/token.h"

namespace dq::sql {

namespace {

bool IsPlainIdentifier(std::string_view name) {
  if (name.empty()) return false;
  char first = name[0];
  if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '_')) {
    return false;
  }
  for (char character : name) {
    bool ok = (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
              (character >= '0' && character <= '9') || character == '_';
    if (!ok) return false;
  }
  return !IsReservedKeyword(name);
}

void AppendEscaped(std::string_view value, char quote, bool bytes, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (char character : value) {
    unsigned char byte = static_cast<unsigned char>(character);
    switch (character) {
      case '\n':
        *out += "\\n";
        break;
      case '\t':
        *out += "\\t";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\\':
        *out += "\\\\";
        break;
      default:
        if (character == quote) {
          out->push_back('\\');
          out->push_back(character);
        } else if (byte < 0x20 || byte == 0x7F || (bytes && byte >= 0x80)) {
          *out += "\\x";
          out->push_back(kHex[byte >> 4]);
          out->push_back(kHex[byte & 0xF]);
        } else {
          out->push_back(character);
        }
    }
  }
}

}  // namespace

std::string QuoteIdentifier(std::string_view name) {
  if (IsPlainIdentifier(name)) return std::string(name);
  std::string result = "`";
  AppendEscaped(name, '`', false, &result);
  result += "`";
  return result;
}

std::string PathToString(const std::vector<std::string>& path) {
  return JoinStrings(path, ".", [](const std::string& part) { return QuoteIdentifier(part); });
}

std::string QuoteString(std::string_view value) {
  std::string result = "'";
  AppendEscaped(value, '\'', false, &result);
  result += "'";
  return result;
}

std::string QuoteBytes(std::string_view value) {
  std::string result = "b'";
  AppendEscaped(value, '\'', true, &result);
  result += "'";
  return result;
}

}  // namespace dq::sql

#include "sql/token.h"

#include <algorithm>
#include <array>

namespace dq::sql {

namespace {

// GoogleSQL reserved keywords, sorted for binary search.
// clang-format off
constexpr std::array<std::string_view, 96> kReservedKeywords = {
    "ALL", "AND", "ANY", "ARRAY", "AS", "ASC", "ASSERT_ROWS_MODIFIED", "AT", "BETWEEN", "BY",
    "CASE", "CAST", "COLLATE", "CONTAINS", "CREATE", "CROSS", "CUBE", "CURRENT", "DEFAULT",
    "DEFINE", "DESC", "DISTINCT", "ELSE", "END", "ENUM", "ESCAPE", "EXCEPT", "EXCLUDE", "EXISTS",
    "EXTRACT", "FALSE", "FETCH", "FOLLOWING", "FOR", "FROM", "FULL", "GROUP", "GROUPING", "GROUPS",
    "HASH", "HAVING", "IF", "IGNORE", "IN", "INNER", "INTERSECT", "INTERVAL", "INTO", "IS", "JOIN",
    "LATERAL", "LEFT", "LIKE", "LIMIT", "LOOKUP", "MERGE", "NATURAL", "NEW", "NO", "NOT", "NULL",
    "NULLS", "OF", "ON", "OR", "ORDER", "OUTER", "OVER", "PARTITION", "PRECEDING", "PROTO",
    "QUALIFY", "RANGE", "RECURSIVE", "RESPECT", "RIGHT", "ROLLUP", "ROWS", "SELECT", "SET", "SOME",
    "STRUCT", "TABLESAMPLE", "THEN", "TO", "TREAT", "TRUE", "UNBOUNDED", "UNION", "UNNEST", "USING",
    "WHEN", "WHERE", "WINDOW", "WITH", "WITHIN",
};
// clang-format on

}  // namespace

std::string ToUpperAscii(std::string_view text) {
  std::string result(text);
  for (char& character : result) {
    if (character >= 'a' && character <= 'z') character = static_cast<char>(character - 'a' + 'A');
  }
  return result;
}

bool IsReservedKeyword(std::string_view word) {
  std::string upper = ToUpperAscii(word);
  return std::binary_search(kReservedKeywords.begin(), kReservedKeywords.end(),
                            std::string_view(upper));
}

bool Token::IsWord(std::string_view upper_word) const {
  if (kind != TokenKind::kIdentifier || quoted || text.size() != upper_word.size()) return false;
  return ToUpperAscii(text) == upper_word;
}

std::string DescribeToken(const Token& token) {
  switch (token.kind) {
    case TokenKind::kEnd:
      return "end of statement";
    case TokenKind::kIdentifier:
      return "identifier \"" + token.text + "\"";
    case TokenKind::kKeyword:
      return "keyword " + token.text;
    case TokenKind::kInteger:
      return "integer literal \"" + token.text + "\"";
    case TokenKind::kFloat:
      return "floating point literal \"" + token.text + "\"";
    case TokenKind::kString:
      return "string literal " + token.text;
    case TokenKind::kBytes:
      return "bytes literal " + token.text;
    case TokenKind::kParameter:
      return "query parameter \"@" + token.text + "\"";
    case TokenKind::kSystemVariable:
      return "system variable \"@@" + token.text + "\"";
    case TokenKind::kSymbol:
      return "\"" + token.text + "\"";
  }
  return "token";
}

}  // namespace dq::sql

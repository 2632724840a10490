// Tokens of GoogleSQL, as produced by the lexer (lexer.h) and consumed by the parser.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dq::sql {

enum class TokenKind : uint8_t {
  kEnd,             // end of the input; always the last token
  kIdentifier,      // unquoted non-reserved word or backtick-quoted identifier
  kKeyword,         // a reserved keyword (IsReservedKeyword)
  kInteger,         // decimal or 0x hex integer literal
  kFloat,           // floating point literal: 1.5, .5, 1., 1e10, 1.5E-3
  kString,          // string literal, any quoting, optionally r-prefixed
  kBytes,           // b-prefixed (or rb / br) literal
  kParameter,       // @name
  kSystemVariable,  // @@name (lexed so that errors are precise; no statement uses it yet)
  kSymbol,          // operator or punctuation
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  // kKeyword: the keyword in upper case. kIdentifier: the name as written (decoded when quoted).
  // kSymbol: the symbol, e.g. "<=". kParameter / kSystemVariable: the name without '@'.
  // Literals: the raw source text, e.g. "0x1F", "r'a\\b'".
  std::string text;
  // kString / kBytes: the decoded contents. kKeyword: the keyword as spelled in the source
  // (for keywords used as names after a dot). Empty for other kinds.
  std::string value;
  // Byte offset of the token's first character in the SQL text.
  int64_t position = 0;
  // kIdentifier only: the identifier was written in backticks (so it is never a keyword, and
  // it may contain dots; see parser.h for how dotted quoted names are split into paths).
  bool quoted = false;

  // The token used as a name: identifiers' text, keywords' source spelling.
  const std::string& NameText() const { return kind == TokenKind::kKeyword ? value : text; }

  bool IsKeyword(std::string_view keyword) const {
    return kind == TokenKind::kKeyword && text == keyword;
  }
  bool IsSymbol(std::string_view symbol) const {
    return kind == TokenKind::kSymbol && text == symbol;
  }
  // True for an unquoted identifier equal to `upper_word` ignoring case. Non-reserved words
  // such as TABLE or OFFSET are matched this way.
  bool IsWord(std::string_view upper_word) const;
};

// True if `word` (any case) is a GoogleSQL reserved keyword. Reserved keywords cannot be used
// as unquoted identifiers.
bool IsReservedKeyword(std::string_view word);

// Describes a token for error messages in BigQuery's style: `keyword FROM`,
// `identifier "foo"`, `integer literal "12"`, `string literal 'a'`, `")"`,
// `end of statement`.
std::string DescribeToken(const Token& token);

// ASCII upper-casing, used for keywords and type names.
std::string ToUpperAscii(std::string_view text);

}  // namespace dq::sql

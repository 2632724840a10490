#include "sql/lexer.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace dq::sql {
namespace {

Token Single(std::string_view sql) {
  std::vector<Token> tokens = Tokenize(sql);
  EXPECT_EQ(tokens.size(), 2u) << sql;
  EXPECT_EQ(tokens.back().kind, TokenKind::kEnd);
  return tokens.front();
}

std::string StringValue(std::string_view sql) {
  Token token = Single(sql);
  EXPECT_EQ(token.kind, TokenKind::kString) << sql;
  return token.value;
}

void ExpectLexError(std::string_view sql, const std::string& message, int64_t position) {
  try {
    Tokenize(sql);
    FAIL() << "no error for " << sql;
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kSyntax);
    EXPECT_EQ(error.message(), message) << sql;
    EXPECT_EQ(error.position(), position) << sql;
  }
}

TEST(LexerTest, KeywordsIdentifiersAndPositions) {
  std::vector<Token> tokens = Tokenize("select Table, `from`  FROM");
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kKeyword);
  EXPECT_EQ(tokens[0].text, "SELECT");
  EXPECT_EQ(tokens[1].kind, TokenKind::kIdentifier);  // TABLE is not reserved
  EXPECT_EQ(tokens[1].text, "Table");
  EXPECT_TRUE(tokens[1].IsWord("TABLE"));
  EXPECT_TRUE(tokens[2].IsSymbol(","));
  EXPECT_EQ(tokens[3].kind, TokenKind::kIdentifier);
  EXPECT_TRUE(tokens[3].quoted);
  EXPECT_EQ(tokens[3].text, "from");
  EXPECT_FALSE(tokens[3].IsWord("FROM"));
  EXPECT_EQ(tokens[4].position, 22);
  EXPECT_EQ(tokens[5].kind, TokenKind::kEnd);
  EXPECT_EQ(tokens[5].position, 26);
}

TEST(LexerTest, ReservedKeywordList) {
  EXPECT_TRUE(IsReservedKeyword("qualify"));
  EXPECT_TRUE(IsReservedKeyword("ASSERT_ROWS_MODIFIED"));
  EXPECT_TRUE(IsReservedKeyword("within"));
  EXPECT_FALSE(IsReservedKeyword("OFFSET"));
  EXPECT_FALSE(IsReservedKeyword("date"));
  EXPECT_FALSE(IsReservedKeyword("EXPLAIN"));
}

TEST(LexerTest, Numbers) {
  EXPECT_EQ(Single("42").kind, TokenKind::kInteger);
  EXPECT_EQ(Single("0x1F").kind, TokenKind::kInteger);
  EXPECT_EQ(Single("0x1F").text, "0x1F");
  for (std::string_view text : {"1.5", ".5", "1.", "1e10", "1.5E-3", "2e+2"}) {
    Token token = Single(text);
    EXPECT_EQ(token.kind, TokenKind::kFloat) << text;
    EXPECT_EQ(token.text, text);
  }
  std::vector<Token> tokens = Tokenize("t.a1.b");
  EXPECT_EQ(tokens.size(), 6u);
}

TEST(LexerTest, StringQuotingStyles) {
  EXPECT_EQ(StringValue("'abc'"), "abc");
  EXPECT_EQ(StringValue("\"it's\""), "it's");
  EXPECT_EQ(StringValue("'''a'b\nc'''"), "a'b\nc");
  EXPECT_EQ(StringValue("\"\"\"x\"\"y\"\"\""), "x\"\"y");
  EXPECT_EQ(StringValue("''"), "");
}

TEST(LexerTest, StringEscapes) {
  EXPECT_EQ(StringValue(R"('a\nb\tc\\d\'e\"f')"), "a\nb\tc\\d'e\"f");
  EXPECT_EQ(StringValue(R"('\x41\101\u00e9\U0001F600')"), "AA\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(StringValue(R"('\a\b\f\r\v\?\`')"), "\a\b\f\r\v?`");
}

TEST(LexerTest, RawAndBytesPrefixes) {
  EXPECT_EQ(StringValue(R"(r'a\nb')"), "a\\nb");
  EXPECT_EQ(StringValue(R"(R"\d+")"), "\\d+");
  EXPECT_EQ(StringValue(R"(r'\'')"), "\\'");  // a backslash still protects the quote
  Token bytes = Single(R"(b'\x00\xff')");
  EXPECT_EQ(bytes.kind, TokenKind::kBytes);
  EXPECT_EQ(bytes.value, std::string("\x00\xff", 2));
  Token raw_bytes = Single(R"(rb'\x00')");
  EXPECT_EQ(raw_bytes.kind, TokenKind::kBytes);
  EXPECT_EQ(raw_bytes.value, "\\x00");
  EXPECT_EQ(Single(R"(BR"a")").kind, TokenKind::kBytes);
  // `r` alone followed by a space is an identifier.
  EXPECT_EQ(Tokenize("r 'a'")[0].kind, TokenKind::kIdentifier);
}

TEST(LexerTest, QuotedIdentifiers) {
  Token token = Single("`proj.ds.t`");
  EXPECT_EQ(token.kind, TokenKind::kIdentifier);
  EXPECT_EQ(token.text, "proj.ds.t");
  EXPECT_EQ(Single(R"(`a\`b`)").text, "a`b");
  EXPECT_EQ(Single("`select`").kind, TokenKind::kIdentifier);
}

TEST(LexerTest, CommentsAreSkipped) {
  std::vector<Token> tokens = Tokenize("SELECT -- one\n 1 # two\n /* three\n */ + 2");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[1].text, "1");
  EXPECT_TRUE(tokens[2].IsSymbol("+"));
}

TEST(LexerTest, ParametersAndSymbols) {
  std::vector<Token> tokens = Tokenize("@limit @@sys <> != <= >= << >> || => ~ ^");
  EXPECT_EQ(tokens[0].kind, TokenKind::kParameter);
  EXPECT_EQ(tokens[0].text, "limit");
  EXPECT_EQ(tokens[1].kind, TokenKind::kSystemVariable);
  EXPECT_EQ(tokens[1].text, "sys");
  std::vector<std::string> symbols;
  for (size_t index = 2; index + 1 < tokens.size(); ++index) symbols.push_back(tokens[index].text);
  EXPECT_EQ(symbols,
            (std::vector<std::string>{"<>", "!=", "<=", ">=", "<<", ">>", "||", "=>", "~", "^"}));
}

TEST(LexerTest, Errors) {
  ExpectLexError("SELECT 'abc", "Syntax error: Unclosed string literal", 7);
  ExpectLexError("SELECT 'a\nb'", "Syntax error: Unclosed string literal", 7);
  ExpectLexError("SELECT '''abc''", "Syntax error: Unclosed string literal", 7);
  ExpectLexError("SELECT 1 /* x", "Syntax error: Unclosed comment", 9);
  ExpectLexError(R"(SELECT 'a\qb')", "Syntax error: Illegal escape sequence: \\q", 9);
  ExpectLexError(R"(SELECT '\x4')", "Syntax error: Illegal escape sequence: \\x", 8);
  ExpectLexError("SELECT $1", "Syntax error: Illegal input character \"$\"", 7);
  ExpectLexError("SELECT 1abc", "Syntax error: Missing whitespace between literal and alias", 8);
  ExpectLexError("SELECT `abc", "Syntax error: Unclosed identifier literal", 7);
}

}  // namespace
}  // namespace dq::sql

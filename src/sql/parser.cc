#include "sql/parser.h"

#include "common/error.h"
#include "sql/lexer.h"
#include "sql/parser_internal.h"

namespace dq::sql {

namespace {

constexpr int kMaxDepth = 500;

// Splits a quoted name with dots into parts (table paths only).
void AppendPathPart(const Token& token, bool split_quoted, std::vector<std::string>* path) {
  if (!token.quoted || !split_quoted || token.text.find('.') == std::string::npos) {
    path->push_back(token.NameText());
    return;
  }
  size_t start = 0;
  while (true) {
    size_t dot = token.text.find('.', start);
    path->push_back(token.text.substr(start, dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
}

}  // namespace

Parser::DepthGuard::DepthGuard(Parser* parser) : parser_(parser) {
  if (++parser_->depth_ > kMaxDepth) {
    --parser_->depth_;
    parser_->ThrowSyntaxAt(parser_->Peek().position,
                           "Syntax error: Statement is too deeply nested");
  }
}

Parser::Parser(std::string_view sql, ParseOptions options)
    : sql_(sql), tokens_(Tokenize(sql)), options_(options) {}

const Token& Parser::Peek(int ahead) const {
  size_t index = next_ + ahead;
  return index < tokens_.size() ? tokens_[index] : tokens_.back();
}

const Token& Parser::Advance() {
  const Token& token = tokens_[next_];
  if (next_ + 1 < tokens_.size()) ++next_;
  return token;
}

bool Parser::AcceptKeyword(std::string_view keyword) {
  if (!AtKeyword(keyword)) return false;
  Advance();
  return true;
}

bool Parser::AcceptSymbol(std::string_view symbol) {
  if (!AtSymbol(symbol)) return false;
  Advance();
  return true;
}

bool Parser::AcceptWord(std::string_view upper_word) {
  if (!AtWord(upper_word)) return false;
  Advance();
  return true;
}

const Token& Parser::ExpectKeyword(std::string_view keyword) {
  if (!AtKeyword(keyword)) ThrowExpected("keyword " + std::string(keyword));
  return Advance();
}

const Token& Parser::ExpectSymbol(std::string_view symbol) {
  if (!AtSymbol(symbol)) ThrowExpected("\"" + std::string(symbol) + "\"");
  return Advance();
}

const Token& Parser::ExpectWord(std::string_view upper_word) {
  if (!AtWord(upper_word)) ThrowExpected("keyword " + std::string(upper_word));
  return Advance();
}

void Parser::ExpectClosingAngle() {
  if (AtSymbol(">>")) {
    Token& token = tokens_[next_];
    token.text = ">";
    token.position += 1;
    return;
  }
  ExpectSymbol(">");
}

std::string Parser::ExpectIdentifier() {
  if (!AtIdentifier()) ThrowExpected("identifier");
  return Advance().text;
}

std::vector<std::string> Parser::ParsePath(bool split_quoted) {
  std::vector<std::string> path;
  if (!AtIdentifier()) ThrowExpected("identifier");
  AppendPathPart(Advance(), split_quoted, &path);
  while (AtSymbol(".") &&
         (Peek(1).kind == TokenKind::kIdentifier || Peek(1).kind == TokenKind::kKeyword)) {
    Advance();
    AppendPathPart(Advance(), split_quoted, &path);
  }
  return path;
}

void Parser::ThrowUnexpected() const {
  ThrowSyntaxAt(Peek().position, "Syntax error: Unexpected " + DescribeToken(Peek()));
}

void Parser::ThrowExpected(std::string_view what) const {
  ThrowSyntaxAt(Peek().position, "Syntax error: Expected " + std::string(what) + " but got " +
                                     DescribeToken(Peek()));
}

void Parser::ThrowSyntaxAt(int64_t position, const std::string& message) const {
  throw Error(ErrorKind::kSyntax, message, position);
}

// --- statements ----------------------------------------------------------------------------

StatementPtr Parser::ParseStatementBody() {
  DepthGuard guard(this);
  const Token& token = Peek();
  if (AtQueryStart()) {
    auto statement = std::make_unique<QueryStatement>(token.position);
    statement->query = ParseQuery();
    return statement;
  }
  if (token.IsKeyword("CREATE")) return ParseCreate();
  if (token.IsKeyword("SET")) return ParseSet();
  if (token.IsWord("EXPLAIN")) {
    auto statement = std::make_unique<ExplainStatement>(token.position);
    Advance();
    statement->analyze = AcceptWord("ANALYZE");
    statement->statement = ParseStatementBody();
    return statement;
  }
  if (token.IsWord("DROP")) return ParseDrop();
  if (token.IsWord("INSERT")) return ParseInsert();
  if (token.IsWord("DELETE")) return ParseDelete();
  if (token.IsWord("UPDATE")) return ParseUpdate();
  if (token.IsWord("TRUNCATE")) return ParseTruncate();
  if (token.IsKeyword("MERGE")) return ParseMerge();
  if (token.IsWord("ALTER")) return ParseAlterTable();
  if (token.IsWord("LOAD")) return ParseLoadData();
  ThrowUnexpected();
}

std::vector<StatementPtr> Parser::ParseStatementList() {
  std::vector<StatementPtr> statements;
  while (true) {
    while (AcceptSymbol(";")) {
    }
    if (Peek().kind == TokenKind::kEnd) break;
    statements.push_back(ParseStatementBody());
    if (AcceptSymbol(";")) continue;
    if (Peek().kind != TokenKind::kEnd) ThrowExpected("end of input");
  }
  return statements;
}

StatementPtr Parser::ParseSingleStatement() {
  StatementPtr statement = ParseStatementBody();
  AcceptSymbol(";");
  if (Peek().kind != TokenKind::kEnd) ThrowExpected("end of input");
  return statement;
}

ExpressionPtr Parser::ParseStandaloneExpression() {
  ExpressionPtr expression = ParseExpressionNode();
  if (Peek().kind != TokenKind::kEnd) ThrowExpected("end of input");
  return expression;
}

std::unique_ptr<TypeName> Parser::ParseStandaloneType() {
  std::unique_ptr<TypeName> type = ParseType();
  if (Peek().kind != TokenKind::kEnd) ThrowExpected("end of input");
  return type;
}

// --- entry points ----------------------------------------------------------------------------

std::vector<StatementPtr> ParseStatements(std::string_view sql) {
  return Parser(sql).ParseStatementList();
}

std::vector<StatementPtr> ParseStatements(std::string_view sql, const ParseOptions& options) {
  return Parser(sql, options).ParseStatementList();
}

StatementPtr ParseStatement(std::string_view sql) {
  Parser parser(sql);
  if (parser.Peek().kind == TokenKind::kEnd) parser.ThrowUnexpected();
  return parser.ParseSingleStatement();
}

ExpressionPtr ParseExpression(std::string_view sql) {
  return Parser(sql).ParseStandaloneExpression();
}

std::unique_ptr<TypeName> ParseTypeName(std::string_view sql) {
  return Parser(sql).ParseStandaloneType();
}

}  // namespace dq::sql

// The parser's internal state and grammar methods. Only the parser's own .cc files include
// this header; everyone else uses parser.h.
//
// The grammar is split by area: parser.cc (token helpers, statements, entry points),
// parse_expression.cc (operators), parse_primary.cc (primary expressions, calls, types),
// parse_query.cc (queries, SELECT), parse_from.cc (FROM clause), parse_ddl.cc (CREATE/DROP),
// parse_dml.cc (INSERT/DELETE/UPDATE/TRUNCATE/LOAD DATA/SET), parse_merge.cc (MERGE),
// parse_alter.cc (ALTER TABLE).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sql/ast.h"
#include "sql/parser.h"
#include "sql/token.h"

namespace dq::sql {

class Parser {
 public:
  explicit Parser(std::string_view sql, ParseOptions options = {});

  std::vector<StatementPtr> ParseStatementList();
  StatementPtr ParseSingleStatement();
  ExpressionPtr ParseStandaloneExpression();
  std::unique_ptr<TypeName> ParseStandaloneType();

  // --- token helpers (parser.cc) ---
  const Token& Peek(int ahead = 0) const;
  const Token& Advance();
  bool AtKeyword(std::string_view keyword, int ahead = 0) const {
    return Peek(ahead).IsKeyword(keyword);
  }
  bool AtSymbol(std::string_view symbol, int ahead = 0) const {
    return Peek(ahead).IsSymbol(symbol);
  }
  bool AtWord(std::string_view upper_word, int ahead = 0) const {
    return Peek(ahead).IsWord(upper_word);
  }
  bool AtIdentifier(int ahead = 0) const { return Peek(ahead).kind == TokenKind::kIdentifier; }
  bool AcceptKeyword(std::string_view keyword);
  bool AcceptSymbol(std::string_view symbol);
  bool AcceptWord(std::string_view upper_word);
  const Token& ExpectKeyword(std::string_view keyword);
  const Token& ExpectSymbol(std::string_view symbol);
  const Token& ExpectWord(std::string_view upper_word);
  // Consumes `>`, splitting a `>>` token (for ARRAY<ARRAY<INT64>>).
  void ExpectClosingAngle();
  std::string ExpectIdentifier();
  // After a comma in a SELECT list: whether the list ends here (a trailing comma).
  bool AtSelectListEnd() const;
  // A dotted identifier path; after a dot any keyword is accepted as a name. When
  // `split_quoted` is set, quoted parts containing dots are split (table paths).
  std::vector<std::string> ParsePath(bool split_quoted);
  [[noreturn]] void ThrowUnexpected() const;
  [[noreturn]] void ThrowExpected(std::string_view what) const;
  [[noreturn]] void ThrowSyntaxAt(int64_t position, const std::string& message) const;

  // --- statements (parser.cc, parse_ddl.cc, parse_dml.cc) ---
  StatementPtr ParseStatementBody();
  StatementPtr ParseCreate();
  StatementPtr ParseDrop();
  StatementPtr ParseCreateTable(int64_t position, bool or_replace, bool temporary);
  StatementPtr ParseCreateView(int64_t position, bool or_replace);
  StatementPtr ParseCreateIndex(int64_t position, bool or_replace);
  StatementPtr ParseCreateModel(int64_t position, bool or_replace);
  StatementPtr ParseInsert();
  StatementPtr ParseDelete();
  StatementPtr ParseUpdate();
  StatementPtr ParseTruncate();
  StatementPtr ParseMerge();
  MergeStatement::WhenClause ParseMergeWhenClause();
  std::vector<UpdateStatement::Assignment> ParseAssignmentList();  // after SET
  StatementPtr ParseAlterTable();
  AlterTableStatement::Action ParseAlterTableAction();
  bool ParseIfExists();
  StatementPtr ParseLoadData();
  StatementPtr ParseSet();
  OptionList ParseOptionList();  // after OPTIONS / FILES: (name = value, ...)
  OptionList ParseOptionalOptions();
  ColumnDefinition ParseColumnDefinition();
  std::vector<std::string> ParseParenthesizedNames();
  bool ParseIfNotExists();
  std::string ParseAlias(bool allow_bare);

  // --- queries (parse_query.cc, parse_from.cc) ---
  bool AtQueryStart() const;
  std::unique_ptr<QueryExpression> ParseQuery();
  QueryBodyPtr ParseSetOperationChain();
  QueryBodyPtr ParseQueryPrimary();
  std::unique_ptr<SelectCore> ParseSelectCore();
  SelectItem ParseSelectItem();
  void ParseGroupBy(SelectCore* select);
  GroupingElement ParseGroupingElement(bool inside_grouping_sets);
  std::vector<OrderByItem> ParseOrderByList();  // after ORDER BY
  TableReferencePtr ParseFromList();
  TableReferencePtr ParseTablePrimary();
  TableReferencePtr ParseTableFunctionCall(std::vector<std::string> name, int64_t position);
  bool AtParenthesizedQuery() const;

  // --- expressions (parse_expression.cc, parse_primary.cc) ---
  ExpressionPtr ParseExpressionNode();  // the full precedence ladder
  ExpressionPtr ParseOr();
  ExpressionPtr ParseAnd();
  ExpressionPtr ParseNot();
  ExpressionPtr ParseComparison();
  ExpressionPtr ParseBitwiseOr();
  ExpressionPtr ParseBitwiseXor();
  ExpressionPtr ParseBitwiseAnd();
  ExpressionPtr ParseShift();
  ExpressionPtr ParseAdditive();
  ExpressionPtr ParseMultiplicative();
  ExpressionPtr ParseUnary();
  ExpressionPtr ParsePostfix();
  ExpressionPtr ParsePrimary();
  ExpressionPtr ParseIntegerLiteral(const Token& token, bool negative, int64_t position);
  ExpressionPtr ParseParenthesized();
  ExpressionPtr ParsePathOrCall();
  ExpressionPtr ParseFunctionCall(std::vector<std::string> name, int64_t position);
  ExpressionPtr ParseCast(bool safe, int64_t position);
  ExpressionPtr ParseCase();
  ExpressionPtr ParseExtract();
  ExpressionPtr ParseInterval();
  ExpressionPtr ParseArrayConstructor();
  ExpressionPtr ParseStructConstructor();
  ExpressionPtr ParseStarSuffix(std::vector<std::string> qualifier, int64_t position);
  ExpressionPtr ParseInRight(ExpressionPtr operand, bool negated, int64_t position);
  std::unique_ptr<WindowSpec> ParseWindowSpec();  // at "("
  std::unique_ptr<WindowFrame> ParseWindowFrame();
  FrameBound ParseFrameBound();
  std::unique_ptr<TypeName> ParseType();

 private:
  // Guards recursion depth so that deeply nested input fails cleanly instead of overflowing
  // the stack.
  friend class DepthGuard;
  std::string_view sql_;
  std::vector<Token> tokens_;
  ParseOptions options_;
  size_t next_ = 0;
  int depth_ = 0;

 public:
  class DepthGuard {
   public:
    explicit DepthGuard(Parser* parser);
    ~DepthGuard() { --parser_->depth_; }

   private:
    Parser* parser_;
  };
};

}  // namespace dq::sql

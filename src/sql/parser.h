// The GoogleSQL parser: SQL text -> AST (ast.h). A hand-written recursive-descent parser over
// the tokens of lexer.h.
//
// All entry points throw dq::Error on invalid input:
//  * kind kSyntax, message "Syntax error: ...", position = byte offset of the offending token,
//    e.g. `Syntax error: Expected ")" but got keyword FROM`,
//    `Syntax error: Unexpected end of statement`,
//    `Syntax error: Expected end of input but got keyword SELECT`;
//  * kind kBinding for an integer literal outside INT64, with BigQuery's analysis-time text
//    `Could not cast literal "99999999999999999999" to type INT64` (BigQuery reports this after
//    parsing, so it is not a syntax error), position = the literal (or its minus sign).
//
// Names: a backtick-quoted identifier containing dots is split into path parts where a table
// path is expected (FROM, DDL and DML targets), as BigQuery does: `proj.ds.t` == proj.ds.t.
// Inside expressions it stays one name.
//
// Thread safety: the functions are pure; any thread may call them.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sql/ast.h"

namespace dq::sql {

// Parses statements separated by ';'. A trailing ';' and empty statements are allowed, so ""
// and ";;" give an empty vector.
std::vector<StatementPtr> ParseStatements(std::string_view sql);

struct ParseOptions {
  // SQLite's rules for chains of set operations: UNION/INTERSECT/EXCEPT may be mixed without
  // parentheses and are evaluated left to right (the sqllogictest corpus needs this; GoogleSQL
  // rejects such chains).
  bool sqlite_set_operations = false;
};
std::vector<StatementPtr> ParseStatements(std::string_view sql, const ParseOptions& options);

// Parses exactly one statement, optionally followed by ';'.
StatementPtr ParseStatement(std::string_view sql);

// Parses one standalone expression (DEFAULT values, tests). Positions are offsets in `sql`.
ExpressionPtr ParseExpression(std::string_view sql);

// Parses one type name such as `ARRAY<STRUCT<a INT64>>`.
std::unique_ptr<TypeName> ParseTypeName(std::string_view sql);

}  // namespace dq::sql

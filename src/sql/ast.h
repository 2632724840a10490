// The SQL abstract syntax tree produced by the parser (parser.h) and consumed by the binder.
//
// Three node families, each a base struct with a `kind` enum and a checked `As<T>()` downcast:
//   * Expression (ast_expression.h): ExpressionKind, e.g. Literal, PathExpression,
//     BinaryExpression, FunctionCall, SubqueryExpression. Also TypeName, OrderByItem, WindowSpec.
//   * QueryExpression / QueryBody / TableReference (ast_query.h): WITH + set-operation tree of
//     SelectCore leaves + ORDER BY / LIMIT; FROM clauses as join trees.
//   * Statement (ast_statement.h): StatementKind, one struct per statement.
//
// Conventions shared by all nodes:
//   * Nodes are plain structs with public fields; children are owned by std::unique_ptr and
//     optional children are null when absent. Vectors are empty when a list is absent.
//   * `position` is the byte offset of the node's first token in the SQL text (BinaryExpression
//     additionally records `operator_position`). Binder errors should use it.
//   * Names (identifiers) keep the spelling of the SQL text; quoted ones are decoded. Keywords
//     that the AST stores as strings (type names, date parts) are upper-cased.
//   * ToString() prints canonical GoogleSQL that parses back to an equal tree; operators are
//     fully parenthesized. Tests and EXPLAIN use it.
#pragma once

#include "sql/ast_expression.h"
#include "sql/ast_query.h"
#include "sql/ast_statement.h"

// MERGE statements.
#include "sql/parser_internal.h"

namespace dq::sql {

StatementPtr Parser::ParseMerge() {
  auto statement = std::make_unique<MergeStatement>(ExpectKeyword("MERGE").position);
  AcceptKeyword("INTO");
  statement->table = ParsePath(true);
  statement->alias = ParseAlias(true);
  ExpectKeyword("USING");
  int64_t source_position = Peek().position;
  statement->source = ParseTablePrimary();
  if (statement->source->kind != TableReferenceKind::kTable &&
      statement->source->kind != TableReferenceKind::kSubquery) {
    ThrowSyntaxAt(source_position,
                  "Syntax error: MERGE source must be a table name or a parenthesized query");
  }
  ExpectKeyword("ON");
  statement->condition = ParseExpressionNode();
  if (!AtKeyword("WHEN")) ThrowExpected("keyword WHEN");
  while (AtKeyword("WHEN")) statement->clauses.push_back(ParseMergeWhenClause());
  return statement;
}

MergeStatement::WhenClause Parser::ParseMergeWhenClause() {
  using MatchKind = MergeStatement::MatchKind;
  using ActionKind = MergeStatement::ActionKind;
  MergeStatement::WhenClause clause;
  clause.position = ExpectKeyword("WHEN").position;
  if (AcceptKeyword("NOT")) {
    ExpectWord("MATCHED");
    clause.match = MatchKind::kNotMatchedByTarget;
    if (AcceptKeyword("BY")) {
      if (AcceptWord("SOURCE")) {
        clause.match = MatchKind::kNotMatchedBySource;
      } else if (!AcceptWord("TARGET")) {
        ThrowExpected("keyword SOURCE or keyword TARGET");
      }
    }
  } else {
    ExpectWord("MATCHED");
  }
  if (AcceptKeyword("AND")) clause.condition = ParseExpressionNode();
  ExpectKeyword("THEN");
  if (clause.match == MatchKind::kNotMatchedByTarget) {
    // Only INSERT adds a row that has no target row.
    ExpectWord("INSERT");
    clause.action = ActionKind::kInsert;
    if (AtSymbol("(")) clause.insert_columns = ParseParenthesizedNames();
    if (AcceptWord("ROW")) {
      clause.insert_row = true;
      return clause;
    }
    if (!AtWord("VALUES")) ThrowExpected("keyword VALUES or keyword ROW");
    Advance();
    ExpectSymbol("(");
    do {
      clause.insert_values.push_back(ParseExpressionNode());
    } while (AcceptSymbol(","));
    ExpectSymbol(")");
    return clause;
  }
  if (AcceptWord("UPDATE")) {
    clause.action = ActionKind::kUpdate;
    ExpectKeyword("SET");
    clause.assignments = ParseAssignmentList();
  } else if (AcceptWord("DELETE")) {
    clause.action = ActionKind::kDelete;
  } else {
    ThrowExpected("keyword DELETE or keyword UPDATE");
  }
  return clause;
}

}  // namespace dq::sql

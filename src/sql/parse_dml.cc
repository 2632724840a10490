// INSERT, DELETE, UPDATE, TRUNCATE TABLE, LOAD DATA and SET.
#include "sql/parser_internal.h"

namespace dq::sql {

StatementPtr Parser::ParseInsert() {
  auto statement = std::make_unique<InsertStatement>(ExpectWord("INSERT").position);
  AcceptKeyword("INTO");
  statement->table = ParsePath(true);
  if (AtSymbol("(") && !AtParenthesizedQuery()) statement->columns = ParseParenthesizedNames();
  if (AcceptWord("VALUES")) {
    do {
      ExpressionList row;
      ExpectSymbol("(");
      do {
        row.push_back(ParseExpressionNode());
      } while (AcceptSymbol(","));
      ExpectSymbol(")");
      statement->rows.push_back(std::move(row));
    } while (AcceptSymbol(","));
    return statement;
  }
  if (!AtQueryStart()) ThrowExpected("keyword SELECT or keyword VALUES");
  statement->query = ParseQuery();
  return statement;
}

StatementPtr Parser::ParseDelete() {
  auto statement = std::make_unique<DeleteStatement>(ExpectWord("DELETE").position);
  AcceptKeyword("FROM");
  statement->table = ParsePath(true);
  statement->alias = ParseAlias(true);
  if (AcceptKeyword("WHERE")) statement->where = ParseExpressionNode();
  return statement;
}

StatementPtr Parser::ParseUpdate() {
  auto statement = std::make_unique<UpdateStatement>(ExpectWord("UPDATE").position);
  statement->table = ParsePath(true);
  statement->alias = ParseAlias(true);
  ExpectKeyword("SET");
  statement->assignments = ParseAssignmentList();
  if (AcceptKeyword("FROM")) statement->from = ParseFromList();
  if (AcceptKeyword("WHERE")) statement->where = ParseExpressionNode();
  return statement;
}

std::vector<UpdateStatement::Assignment> Parser::ParseAssignmentList() {
  std::vector<UpdateStatement::Assignment> assignments;
  do {
    UpdateStatement::Assignment assignment;
    assignment.position = Peek().position;
    assignment.target = ParsePath(false);
    ExpectSymbol("=");
    assignment.value = ParseExpressionNode();
    assignments.push_back(std::move(assignment));
  } while (AcceptSymbol(","));
  return assignments;
}

StatementPtr Parser::ParseTruncate() {
  auto statement = std::make_unique<TruncateStatement>(ExpectWord("TRUNCATE").position);
  ExpectWord("TABLE");
  statement->table = ParsePath(true);
  return statement;
}

StatementPtr Parser::ParseLoadData() {
  auto statement = std::make_unique<LoadDataStatement>(ExpectWord("LOAD").position);
  ExpectWord("DATA");
  if (AcceptWord("OVERWRITE")) {
    statement->overwrite = true;
  } else if (!AcceptKeyword("INTO")) {
    ThrowExpected("keyword INTO or keyword OVERWRITE");
  }
  if (AcceptWord("TEMP") || AcceptWord("TEMPORARY")) {
    statement->temporary = true;
    ExpectWord("TABLE");
  }
  statement->table = ParsePath(true);
  if (AcceptSymbol("(")) {
    do {
      statement->columns.push_back(ParseColumnDefinition());
    } while (AcceptSymbol(","));
    ExpectSymbol(")");
  }
  statement->table_options = ParseOptionalOptions();
  ExpectKeyword("FROM");
  ExpectWord("FILES");
  statement->file_options = ParseOptionList();
  return statement;
}

StatementPtr Parser::ParseSet() {
  auto statement = std::make_unique<SetStatement>(ExpectKeyword("SET").position);
  if (Peek(0).kind == TokenKind::kSystemVariable) {
    statement->name = {Advance().text};  // SET @@time_zone = ...
  } else {
    statement->name = ParsePath(false);
  }
  ExpectSymbol("=");
  statement->value = ParseExpressionNode();
  return statement;
}

}  // namespace dq::sql

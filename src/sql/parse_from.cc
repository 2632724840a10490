// The FROM clause: named tables, subqueries, UNNEST, table-valued function calls and joins.
#include "sql/parser_internal.h"

namespace dq::sql {

std::string Parser::ParseAlias(bool allow_bare) {
  if (AcceptKeyword("AS")) return ExpectIdentifier();
  if (allow_bare && AtIdentifier()) return Advance().text;
  return "";
}

TableReferencePtr Parser::ParseFromList() {
  TableReferencePtr left = ParseTablePrimary();
  while (true) {
    JoinType join_type;
    if (AcceptSymbol(",")) {
      join_type = JoinType::kComma;
    } else if (AcceptKeyword("CROSS")) {
      join_type = JoinType::kCross;
      ExpectKeyword("JOIN");
    } else if (AcceptKeyword("JOIN")) {
      join_type = JoinType::kInner;
    } else if (AcceptKeyword("INNER")) {
      join_type = JoinType::kInner;
      ExpectKeyword("JOIN");
    } else if (AtKeyword("LEFT") || AtKeyword("RIGHT") || AtKeyword("FULL")) {
      const Token& token = Advance();
      join_type = token.IsKeyword("LEFT")    ? JoinType::kLeft
                  : token.IsKeyword("RIGHT") ? JoinType::kRight
                                             : JoinType::kFull;
      AcceptKeyword("OUTER");
      ExpectKeyword("JOIN");
    } else {
      return left;
    }
    auto join = std::make_unique<JoinTableReference>(left->position);
    join->join_type = join_type;
    join->left = std::move(left);
    join->right = ParseTablePrimary();
    if (join_type != JoinType::kComma && join_type != JoinType::kCross) {
      if (AcceptKeyword("ON")) {
        join->on_condition = ParseExpressionNode();
      } else if (AcceptKeyword("USING")) {
        join->using_columns = ParseParenthesizedNames();
      }
    }
    left = std::move(join);
  }
}

TableReferencePtr Parser::ParseTablePrimary() {
  DepthGuard guard(this);
  int64_t position = Peek().position;
  if (AtParenthesizedQuery()) {
    auto subquery = std::make_unique<SubqueryTable>(position);
    Advance();
    subquery->query = ParseQuery();
    ExpectSymbol(")");
    subquery->alias = ParseAlias(true);
    return subquery;
  }
  if (AcceptSymbol("(")) {
    TableReferencePtr inner = ParseFromList();
    ExpectSymbol(")");
    if (inner->kind == TableReferenceKind::kJoin) {
      static_cast<JoinTableReference&>(*inner).parenthesized = true;
    }
    return inner;
  }
  if (AcceptKeyword("UNNEST")) {
    auto unnest = std::make_unique<UnnestTable>(position);
    ExpectSymbol("(");
    unnest->array = ParseExpressionNode();
    ExpectSymbol(")");
    unnest->alias = ParseAlias(true);
    if (AtKeyword("WITH") && AtWord("OFFSET", 1)) {
      Advance();
      Advance();
      unnest->with_offset = true;
      unnest->offset_alias = ParseAlias(true);
    }
    return unnest;
  }
  if (!AtIdentifier()) ThrowUnexpected();
  std::vector<std::string> path = ParsePath(true);
  if (AtSymbol("(")) return ParseTableFunctionCall(std::move(path), position);
  auto table = std::make_unique<TableName>(position);
  table->path = std::move(path);
  table->alias = ParseAlias(true);
  return table;
}

TableReferencePtr Parser::ParseTableFunctionCall(std::vector<std::string> name, int64_t position) {
  auto call = std::make_unique<TableFunctionCall>(position);
  call->name = std::move(name);
  ExpectSymbol("(");
  if (!AtSymbol(")")) {
    do {
      TableFunctionArgument argument;
      argument.position = Peek().position;
      if ((AtWord("MODEL") || AtWord("TABLE")) && AtIdentifier(1)) {
        argument.kind = Advance().IsWord("MODEL") ? TableFunctionArgument::Kind::kModel
                                                  : TableFunctionArgument::Kind::kTable;
        argument.path = ParsePath(true);
      } else if (AtSymbol("(") && (AtKeyword("SELECT", 1) || AtKeyword("WITH", 1))) {
        argument.kind = TableFunctionArgument::Kind::kQuery;
        Advance();
        argument.query = ParseQuery();
        ExpectSymbol(")");
      } else {
        argument.expression = ParseExpressionNode();
      }
      call->arguments.push_back(std::move(argument));
    } while (AcceptSymbol(","));
  }
  ExpectSymbol(")");
  call->alias = ParseAlias(true);
  return call;
}

}  // namespace dq::sql

// Queries: WITH, set operations, SELECT cores, GROUP BY, ORDER BY, LIMIT.
#include "sql/parser_internal.h"

namespace dq::sql {

bool Parser::AtQueryStart() const {
  return AtKeyword("SELECT") || AtKeyword("WITH") || AtParenthesizedQuery();
}

bool Parser::AtParenthesizedQuery() const {
  int ahead = 0;
  while (AtSymbol("(", ahead)) ++ahead;
  return ahead > 0 && (AtKeyword("SELECT", ahead) || AtKeyword("WITH", ahead));
}

std::unique_ptr<QueryExpression> Parser::ParseQuery() {
  DepthGuard guard(this);
  auto query = std::make_unique<QueryExpression>();
  query->position = Peek().position;
  if (AcceptKeyword("WITH")) {
    query->recursive = AcceptKeyword("RECURSIVE");
    do {
      WithEntry entry;
      entry.position = Peek().position;
      entry.name = ExpectIdentifier();
      ExpectKeyword("AS");
      ExpectSymbol("(");
      entry.query = ParseQuery();
      ExpectSymbol(")");
      query->with.push_back(std::move(entry));
    } while (AcceptSymbol(","));
  }
  query->body = ParseSetOperationChain();
  if (AcceptKeyword("ORDER")) {
    ExpectKeyword("BY");
    query->order_by = ParseOrderByList();
  }
  if (AcceptKeyword("LIMIT")) {
    query->limit = ParseExpressionNode();
    if (AcceptWord("OFFSET")) query->offset = ParseExpressionNode();
  }
  return query;
}

QueryBodyPtr Parser::ParseSetOperationChain() {
  QueryBodyPtr left = ParseQueryPrimary();
  bool first = true;
  SetOperator first_op = SetOperator::kUnion;
  bool first_all = false;
  while (AtKeyword("UNION") || AtKeyword("INTERSECT") || AtKeyword("EXCEPT")) {
    const Token& token = Advance();
    SetOperator op = token.IsKeyword("UNION")       ? SetOperator::kUnion
                     : token.IsKeyword("INTERSECT") ? SetOperator::kIntersect
                                                    : SetOperator::kExcept;
    bool all = AcceptKeyword("ALL");
    if (!all) AcceptKeyword("DISTINCT");
    if (!first && !options_.sqlite_set_operations && (op != first_op || all != first_all)) {
      ThrowSyntaxAt(token.position,
                    "Syntax error: Different set operations cannot be used in the same query "
                    "without using parentheses for grouping");
    }
    first = false;
    first_op = op;
    first_all = all;
    auto operation = std::make_unique<SetOperation>(left->position);
    operation->op = op;
    operation->all = all;
    operation->left = std::move(left);
    operation->right = ParseQueryPrimary();
    left = std::move(operation);
  }
  return left;
}

QueryBodyPtr Parser::ParseQueryPrimary() {
  if (AtKeyword("SELECT")) return ParseSelectCore();
  if (!AtSymbol("(")) ThrowExpected("\"(\" or keyword SELECT");
  auto nested = std::make_unique<NestedQuery>(Advance().position);
  nested->query = ParseQuery();
  ExpectSymbol(")");
  return nested;
}

std::unique_ptr<SelectCore> Parser::ParseSelectCore() {
  auto select = std::make_unique<SelectCore>(ExpectKeyword("SELECT").position);
  if (!AcceptKeyword("ALL")) select->distinct = AcceptKeyword("DISTINCT");
  if (AtKeyword("AS") && AtKeyword("STRUCT", 1)) {
    Advance();
    Advance();
    select->select_as = SelectCore::SelectAs::kStruct;
  } else if (AtKeyword("AS") && AtWord("VALUE", 1)) {
    Advance();
    Advance();
    select->select_as = SelectCore::SelectAs::kValue;
  }
  do {
    select->items.push_back(ParseSelectItem());
  } while (AcceptSymbol(",") && !AtSelectListEnd());  // GoogleSQL allows a trailing comma
  if (AcceptKeyword("FROM")) select->from = ParseFromList();
  if (AcceptKeyword("WHERE")) select->where = ParseExpressionNode();
  if (AcceptKeyword("GROUP")) {
    ExpectKeyword("BY");
    ParseGroupBy(select.get());
  }
  if (AcceptKeyword("HAVING")) select->having = ParseExpressionNode();
  if (AcceptKeyword("QUALIFY")) select->qualify = ParseExpressionNode();
  if (AcceptKeyword("WINDOW")) {
    do {
      NamedWindow window;
      window.name = ExpectIdentifier();
      ExpectKeyword("AS");
      window.spec = std::move(*ParseWindowSpec());
      select->windows.push_back(std::move(window));
    } while (AcceptSymbol(","));
  }
  return select;
}

bool Parser::AtSelectListEnd() const {
  const Token& token = Peek();
  if (token.kind == TokenKind::kEnd || token.IsSymbol(")") || token.IsSymbol(";")) return true;
  for (const char* keyword : {"FROM", "WHERE", "GROUP", "HAVING", "QUALIFY", "WINDOW", "ORDER",
                              "LIMIT", "UNION", "INTERSECT", "EXCEPT"}) {
    if (token.IsKeyword(keyword)) return true;
  }
  return false;
}

SelectItem Parser::ParseSelectItem() {
  SelectItem item;
  item.position = Peek().position;
  item.expression = ParseExpressionNode();
  if (item.expression->kind != ExpressionKind::kStar) item.alias = ParseAlias(true);
  return item;
}

void Parser::ParseGroupBy(SelectCore* select) {
  if (AcceptKeyword("ALL")) {
    select->group_by_all = true;
    return;
  }
  do {
    select->group_by.push_back(ParseGroupingElement(false));
  } while (AcceptSymbol(","));
}

GroupingElement Parser::ParseGroupingElement(bool inside_grouping_sets) {
  GroupingElement element;
  element.position = Peek().position;
  auto parse_list = [this, &element] {
    ExpectSymbol("(");
    if (!AtSymbol(")")) {
      do {
        element.expressions.push_back(ParseExpressionNode());
      } while (AcceptSymbol(","));
    }
    ExpectSymbol(")");
  };
  if (AcceptKeyword("ROLLUP")) {
    element.kind = GroupingElement::Kind::kRollup;
    parse_list();
  } else if (AcceptKeyword("CUBE")) {
    element.kind = GroupingElement::Kind::kCube;
    parse_list();
  } else if (AtKeyword("GROUPING") && AtWord("SETS", 1)) {
    Advance();
    Advance();
    element.kind = GroupingElement::Kind::kGroupingSets;
    ExpectSymbol("(");
    do {
      element.children.push_back(ParseGroupingElement(true));
    } while (AcceptSymbol(","));
    ExpectSymbol(")");
  } else if (AtSymbol("(") && (inside_grouping_sets || AtSymbol(")", 1))) {
    element.kind = GroupingElement::Kind::kSet;
    parse_list();
  } else {
    element.kind = GroupingElement::Kind::kExpression;
    element.expressions.push_back(ParseExpressionNode());
  }
  return element;
}

std::vector<OrderByItem> Parser::ParseOrderByList() {
  std::vector<OrderByItem> items;
  do {
    OrderByItem item;
    item.expression = ParseExpressionNode();
    if (AcceptKeyword("ASC")) {
      item.direction = OrderByItem::Direction::kAscending;
    } else if (AcceptKeyword("DESC")) {
      item.direction = OrderByItem::Direction::kDescending;
    }
    if (AcceptKeyword("NULLS")) {
      if (AcceptWord("FIRST")) {
        item.nulls = OrderByItem::Nulls::kFirst;
      } else {
        ExpectWord("LAST");
        item.nulls = OrderByItem::Nulls::kLast;
      }
    }
    items.push_back(std::move(item));
  } while (AcceptSymbol(","));
  return items;
}

}  // namespace dq::sql

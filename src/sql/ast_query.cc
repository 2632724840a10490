#include "sql/ast_query.h"

namespace dq::sql {

namespace {

std::string ListToString(const ExpressionList& expressions) {
  return JoinStrings(expressions, ", ", [](const ExpressionPtr& item) { return item->ToString(); });
}

std::string NamesToString(const std::vector<std::string>& names) {
  return JoinStrings(names, ", ", [](const std::string& name) { return QuoteIdentifier(name); });
}

}  // namespace

std::string AliasToString(const std::string& alias) {
  return alias.empty() ? "" : " AS " + QuoteIdentifier(alias);
}

std::string TableName::ToString() const { return PathToString(path) + AliasToString(alias); }

SubqueryTable::~SubqueryTable() = default;

std::string SubqueryTable::ToString() const {
  return "(" + query->ToString() + ")" + AliasToString(alias);
}

std::string UnnestTable::ToString() const {
  std::string result = "UNNEST(" + array->ToString() + ")" + AliasToString(alias);
  if (with_offset) result += " WITH OFFSET" + AliasToString(offset_alias);
  return result;
}

TableFunctionArgument::TableFunctionArgument() = default;
TableFunctionArgument::TableFunctionArgument(TableFunctionArgument&&) noexcept = default;
TableFunctionArgument::~TableFunctionArgument() = default;

std::string TableFunctionArgument::ToString() const {
  switch (kind) {
    case Kind::kExpression:
      return expression->ToString();
    case Kind::kModel:
      return "MODEL " + PathToString(path);
    case Kind::kTable:
      return "TABLE " + PathToString(path);
    case Kind::kQuery:
      return "(" + query->ToString() + ")";
  }
  return "?";
}

std::string TableFunctionCall::ToString() const {
  return PathToString(name) + "(" +
         JoinStrings(arguments, ", ",
                     [](const TableFunctionArgument& argument) { return argument.ToString(); }) +
         ")" + AliasToString(alias);
}

std::string JoinTableReference::ToString() const {
  static constexpr std::string_view kJoins[] = {",",          " CROSS JOIN", " JOIN",
                                                " LEFT JOIN", " RIGHT JOIN", " FULL JOIN"};
  std::string right_text = right->ToString();
  // A join on the right side only arises from parentheses, which it records itself.
  std::string result =
      left->ToString() + std::string(kJoins[static_cast<int>(join_type)]) + " " + right_text;
  if (on_condition != nullptr) result += " ON " + on_condition->ToString();
  if (!using_columns.empty()) result += " USING (" + NamesToString(using_columns) + ")";
  return parenthesized ? "(" + result + ")" : result;
}

std::string SelectItem::ToString() const { return expression->ToString() + AliasToString(alias); }

std::string GroupingElement::ToString() const {
  switch (kind) {
    case Kind::kExpression:
      return expressions.front()->ToString();
    case Kind::kRollup:
      return "ROLLUP(" + ListToString(expressions) + ")";
    case Kind::kCube:
      return "CUBE(" + ListToString(expressions) + ")";
    case Kind::kSet:
      return "(" + ListToString(expressions) + ")";
    case Kind::kGroupingSets:
      return "GROUPING SETS(" +
             JoinStrings(children, ", ",
                         [](const GroupingElement& child) { return child.ToString(); }) +
             ")";
  }
  return "?";
}

std::string SelectCore::ToString() const {
  std::string result = "SELECT";
  if (distinct) result += " DISTINCT";
  if (select_as == SelectAs::kStruct) result += " AS STRUCT";
  if (select_as == SelectAs::kValue) result += " AS VALUE";
  result += " " + JoinStrings(items, ", ", [](const SelectItem& item) { return item.ToString(); });
  if (from != nullptr) result += " FROM " + from->ToString();
  if (where != nullptr) result += " WHERE " + where->ToString();
  if (group_by_all) result += " GROUP BY ALL";
  if (!group_by.empty()) {
    result += " GROUP BY " + JoinStrings(group_by, ", ", [](const GroupingElement& element) {
                return element.ToString();
              });
  }
  if (having != nullptr) result += " HAVING " + having->ToString();
  if (qualify != nullptr) result += " QUALIFY " + qualify->ToString();
  if (!windows.empty()) {
    result += " WINDOW " + JoinStrings(windows, ", ", [](const NamedWindow& window) {
                return QuoteIdentifier(window.name) + " AS " + window.spec.ToString();
              });
  }
  return result;
}

std::string SetOperation::ToString() const {
  static constexpr std::string_view kOperators[] = {"UNION", "INTERSECT", "EXCEPT"};
  return left->ToString() + " " + std::string(kOperators[static_cast<int>(op)]) +
         (all ? " ALL " : " DISTINCT ") + right->ToString();
}

NestedQuery::~NestedQuery() = default;

std::string NestedQuery::ToString() const { return "(" + query->ToString() + ")"; }

WithEntry::WithEntry() = default;
WithEntry::WithEntry(WithEntry&&) noexcept = default;
WithEntry::~WithEntry() = default;

std::string QueryExpression::ToString() const {
  std::string result;
  if (!with.empty()) {
    result = recursive ? "WITH RECURSIVE " : "WITH ";
    result += JoinStrings(with, ", ", [](const WithEntry& entry) {
      return QuoteIdentifier(entry.name) + " AS (" + entry.query->ToString() + ")";
    });
    result += " ";
  }
  result += body->ToString();
  if (!order_by.empty()) result += " " + OrderByToString(order_by);
  if (limit != nullptr) result += " LIMIT " + limit->ToString();
  if (offset != nullptr) result += " OFFSET " + offset->ToString();
  return result;
}

}  // namespace dq::sql

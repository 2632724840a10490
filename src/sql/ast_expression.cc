#include "sql/ast_expression.h"

#include "sql/ast_query.h"
#include "sql/token.h"

namespace dq::sql {

namespace {

std::string ListToString(const ExpressionList& expressions) {
  return JoinStrings(expressions, ", ", [](const ExpressionPtr& item) { return item->ToString(); });
}

}  // namespace

std::string TypeName::ToString() const {
  std::string result = name;
  if (!parameters.empty()) {
    result += "(" +
              JoinStrings(parameters, ", ", [](int64_t value) { return std::to_string(value); }) +
              ")";
  }
  if (name == "ARRAY" || name == "STRUCT") {
    result += "<" +
              JoinStrings(fields, ", ",
                          [](const Field& field) {
                            return field.name.empty()
                                       ? field.type->ToString()
                                       : QuoteIdentifier(field.name) + " " + field.type->ToString();
                          }) +
              ">";
  }
  return result;
}

std::string Literal::ToString() const {
  switch (literal_kind) {
    case LiteralKind::kNull:
      return "NULL";
    case LiteralKind::kBool:
      return bool_value ? "TRUE" : "FALSE";
    case LiteralKind::kInteger:
      return std::to_string(int_value);
    case LiteralKind::kFloat:
      return text;
    case LiteralKind::kString:
      return QuoteString(text);
    case LiteralKind::kBytes:
      return QuoteBytes(text);
    case LiteralKind::kTyped:
      return type_name + " " + QuoteString(text);
  }
  return "?";
}

std::string IntervalLiteral::ToString() const {
  std::string result = "INTERVAL " + value->ToString() + " " + part;
  if (!to_part.empty()) result += " TO " + to_part;
  return result;
}

std::string Parameter::ToString() const { return "@" + QuoteIdentifier(name); }

std::string PathExpression::ToString() const { return PathToString(names); }

std::string StarExpression::ToString() const {
  std::string result = qualifier.empty() ? "*" : PathToString(qualifier) + ".*";
  if (!except_columns.empty()) {
    result += " EXCEPT (" +
              JoinStrings(except_columns, ", ",
                          [](const std::string& name) { return QuoteIdentifier(name); }) +
              ")";
  }
  if (!replacements.empty()) {
    result += " REPLACE (" +
              JoinStrings(replacements, ", ",
                          [](const Replacement& replacement) {
                            return replacement.expression->ToString() + " AS " +
                                   QuoteIdentifier(replacement.name);
                          }) +
              ")";
  }
  return result;
}

std::string UnaryExpression::ToString() const {
  switch (op) {
    case UnaryOperator::kMinus: {
      // "--" would start a comment.
      std::string text = operand->ToString();
      return (text[0] == '-' ? "(- " : "(-") + text + ")";
    }
    case UnaryOperator::kPlus:
      return "(+" + operand->ToString() + ")";
    case UnaryOperator::kNot:
      return "(NOT " + operand->ToString() + ")";
    case UnaryOperator::kBitwiseNot:
      return "(~" + operand->ToString() + ")";
  }
  return "?";
}

std::string_view BinaryOperatorText(BinaryOperator op) {
  switch (op) {
    case BinaryOperator::kAdd:
      return "+";
    case BinaryOperator::kSubtract:
      return "-";
    case BinaryOperator::kMultiply:
      return "*";
    case BinaryOperator::kDivide:
      return "/";
    case BinaryOperator::kConcat:
      return "||";
    case BinaryOperator::kEqual:
      return "=";
    case BinaryOperator::kNotEqual:
      return "!=";
    case BinaryOperator::kLess:
      return "<";
    case BinaryOperator::kLessOrEqual:
      return "<=";
    case BinaryOperator::kGreater:
      return ">";
    case BinaryOperator::kGreaterOrEqual:
      return ">=";
    case BinaryOperator::kAnd:
      return "AND";
    case BinaryOperator::kOr:
      return "OR";
    case BinaryOperator::kBitwiseAnd:
      return "&";
    case BinaryOperator::kBitwiseOr:
      return "|";
    case BinaryOperator::kBitwiseXor:
      return "^";
    case BinaryOperator::kShiftLeft:
      return "<<";
    case BinaryOperator::kShiftRight:
      return ">>";
  }
  return "?";
}

std::string BinaryExpression::ToString() const {
  return "(" + left->ToString() + " " + std::string(BinaryOperatorText(op)) + " " +
         right->ToString() + ")";
}

std::string IsExpression::ToString() const {
  static constexpr std::string_view kTests[] = {"NULL", "TRUE", "FALSE", "DISTINCT FROM "};
  return "(" + operand->ToString() + (negated ? " IS NOT " : " IS ") +
         std::string(kTests[static_cast<int>(test)]) + (other ? other->ToString() : "") + ")";
}

std::string BetweenExpression::ToString() const {
  return "(" + operand->ToString() + (negated ? " NOT BETWEEN " : " BETWEEN ") + low->ToString() +
         " AND " + high->ToString() + ")";
}

std::string LikeExpression::ToString() const {
  return "(" + operand->ToString() + (negated ? " NOT LIKE " : " LIKE ") + pattern->ToString() +
         ")";
}

std::string InListExpression::ToString() const {
  return "(" + operand->ToString() + (negated ? " NOT IN (" : " IN (") + ListToString(values) +
         "))";
}

InSubqueryExpression::~InSubqueryExpression() = default;

std::string InSubqueryExpression::ToString() const {
  return "(" + operand->ToString() + (negated ? " NOT IN (" : " IN (") + query->ToString() + "))";
}

std::string InUnnestExpression::ToString() const {
  return "(" + operand->ToString() + (negated ? " NOT IN UNNEST(" : " IN UNNEST(") +
         array->ToString() + "))";
}

std::string OrderByItem::ToString() const {
  std::string result = expression->ToString();
  if (direction == Direction::kAscending) result += " ASC";
  if (direction == Direction::kDescending) result += " DESC";
  if (nulls == Nulls::kFirst) result += " NULLS FIRST";
  if (nulls == Nulls::kLast) result += " NULLS LAST";
  return result;
}

std::string OrderByToString(const std::vector<OrderByItem>& items) {
  return "ORDER BY " +
         JoinStrings(items, ", ", [](const OrderByItem& item) { return item.ToString(); });
}

std::string FrameBound::ToString() const {
  switch (kind) {
    case Kind::kUnboundedPreceding:
      return "UNBOUNDED PRECEDING";
    case Kind::kPreceding:
      return offset->ToString() + " PRECEDING";
    case Kind::kCurrentRow:
      return "CURRENT ROW";
    case Kind::kFollowing:
      return offset->ToString() + " FOLLOWING";
    case Kind::kUnboundedFollowing:
      return "UNBOUNDED FOLLOWING";
  }
  return "?";
}

std::string WindowFrame::ToString() const {
  std::string result = unit == Unit::kRows ? "ROWS " : "RANGE ";
  if (!has_end) return result + start.ToString();
  return result + "BETWEEN " + start.ToString() + " AND " + end.ToString();
}

std::string WindowSpec::ToString() const {
  std::vector<std::string> parts;
  if (!base_window.empty()) parts.push_back(QuoteIdentifier(base_window));
  if (!partition_by.empty()) parts.push_back("PARTITION BY " + ListToString(partition_by));
  if (!order_by.empty()) parts.push_back(OrderByToString(order_by));
  if (frame != nullptr) parts.push_back(frame->ToString());
  return "(" + JoinStrings(parts, " ", [](const std::string& part) { return part; }) + ")";
}

std::string FunctionCall::ToString() const {
  // Reserved keywords that the parser accepts as function names print unquoted.
  static constexpr std::string_view kKeywordNames[] = {"IF",       "LEFT",    "RIGHT",
                                                       "GROUPING", "COLLATE", "RANGE"};
  bool keyword_name = false;
  for (std::string_view keyword : kKeywordNames) {
    keyword_name = keyword_name || (name.size() == 1 && ToUpperAscii(name[0]) == keyword);
  }
  std::string result = (keyword_name ? name[0] : PathToString(name)) + "(";
  if (distinct) result += "DISTINCT ";
  result += star_argument ? "*" : ListToString(arguments);
  if (null_handling == NullHandling::kIgnoreNulls) result += " IGNORE NULLS";
  if (null_handling == NullHandling::kRespectNulls) result += " RESPECT NULLS";
  if (!order_by.empty()) result += " " + OrderByToString(order_by);
  if (limit != nullptr) result += " LIMIT " + limit->ToString();
  result += ")";
  if (over != nullptr) {
    bool only_name = !over->base_window.empty() && over->partition_by.empty() &&
                     over->order_by.empty() && over->frame == nullptr;
    result += " OVER " + (only_name ? QuoteIdentifier(over->base_window) : over->ToString());
  }
  return result;
}

std::string CastExpression::ToString() const {
  std::string result =
      (safe ? "SAFE_CAST(" : "CAST(") + operand->ToString() + " AS " + type->ToString();
  if (format != nullptr) result += " FORMAT " + format->ToString();
  return result + ")";
}

std::string CaseExpression::ToString() const {
  std::string result = "CASE";
  if (operand != nullptr) result += " " + operand->ToString();
  for (const WhenClause& clause : when_clauses) {
    result += " WHEN " + clause.condition->ToString() + " THEN " + clause.result->ToString();
  }
  if (else_result != nullptr) result += " ELSE " + else_result->ToString();
  return result + " END";
}

std::string ExtractExpression::ToString() const {
  std::string result = "EXTRACT(" + part;
  if (!part_argument.empty()) result += "(" + part_argument + ")";
  result += " FROM " + operand->ToString();
  if (time_zone != nullptr) result += " AT TIME ZONE " + time_zone->ToString();
  return result + ")";
}

SubqueryExpression::~SubqueryExpression() = default;

std::string SubqueryExpression::ToString() const {
  switch (subquery_kind) {
    case SubqueryKind::kScalar:
      return "(" + query->ToString() + ")";
    case SubqueryKind::kExists:
      return "EXISTS(" + query->ToString() + ")";
    case SubqueryKind::kArray:
      return "ARRAY(" + query->ToString() + ")";
  }
  return "?";
}

std::string ArrayConstructor::ToString() const {
  std::string prefix = type != nullptr ? type->ToString() : (array_keyword ? "ARRAY" : "");
  return prefix + "[" + ListToString(elements) + "]";
}

std::string StructConstructor::ToString() const {
  std::string body = JoinStrings(fields, ", ", [](const Field& field) {
    return field.alias.empty()
               ? field.expression->ToString()
               : field.expression->ToString() + " AS " + QuoteIdentifier(field.alias);
  });
  if (tuple_syntax) return "(" + body + ")";
  return (type != nullptr ? type->ToString() : std::string("STRUCT")) + "(" + body + ")";
}

std::string FieldAccess::ToString() const {
  std::string base = operand->ToString();
  // A path operand must stay parenthesized, or it would re-parse as a longer path.
  if (operand->kind == ExpressionKind::kPath) base = "(" + base + ")";
  return base + "." + QuoteIdentifier(field);
}

std::string Subscript::ToString() const {
  static constexpr std::string_view kModes[] = {"", "OFFSET", "ORDINAL", "SAFE_OFFSET",
                                                "SAFE_ORDINAL"};
  std::string base = operand->ToString();
  if (mode == SubscriptMode::kPlain) return base + "[" + index->ToString() + "]";
  return base + "[" + std::string(kModes[static_cast<int>(mode)]) + "(" + index->ToString() + ")]";
}

}  // namespace dq::sql

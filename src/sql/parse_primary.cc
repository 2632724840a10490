// Primary and postfix expressions: literals, paths, function calls, CAST, CASE, EXTRACT,
// INTERVAL, subqueries, ARRAY and STRUCT constructors, field access, subscripts; window
// specifications; type names.
#include <cstdlib>

#include "common/error.h"
#include "sql/parser_internal.h"

namespace dq::sql {

namespace {

// Type keywords that form typed literals when followed by a string: DATE '2024-01-01'.
bool IsTypedLiteralKeyword(const Token& token) {
  static constexpr std::string_view kWords[] = {"DATE",       "DATETIME", "TIME",
                                                "TIMESTAMP",  "NUMERIC",  "BIGNUMERIC",
                                                "BIGDECIMAL", "DECIMAL",  "JSON"};
  for (std::string_view word : kWords) {
    if (token.IsWord(word)) return true;
  }
  return false;
}

// Reserved keywords that GoogleSQL still allows as function names.
bool IsKeywordFunctionName(const Token& token) {
  return token.IsKeyword("IF") || token.IsKeyword("LEFT") || token.IsKeyword("RIGHT") ||
         token.IsKeyword("GROUPING") || token.IsKeyword("COLLATE") || token.IsKeyword("RANGE");
}

}  // namespace

ExpressionPtr Parser::ParseIntegerLiteral(const Token& token, bool negative, int64_t position) {
  // Accumulate the magnitude as unsigned; INT64_MIN's magnitude is 2^63.
  const std::string& text = token.text;
  bool hex = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
  uint64_t limit = negative ? (uint64_t{1} << 63) : (uint64_t{1} << 63) - 1;
  uint64_t base = hex ? 16 : 10;
  uint64_t magnitude = 0;
  bool overflow = false;
  for (size_t index = hex ? 2 : 0; index < text.size(); ++index) {
    char character = text[index];
    uint64_t digit = character <= '9' ? character - '0' : (character | 0x20) - 'a' + 10;
    if (magnitude > (limit - digit) / base) {
      overflow = true;
      break;
    }
    magnitude = magnitude * base + digit;
  }
  if (overflow) {
    throw Error(
        ErrorKind::kBinding,
        "Could not cast literal \"" + std::string(negative ? "-" : "") + text + "\" to type INT64",
        position);
  }
  auto literal = std::make_unique<Literal>(LiteralKind::kInteger, position);
  literal->int_value =
      negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
  return literal;
}

ExpressionPtr Parser::ParsePostfix() {
  ExpressionPtr expression = ParsePrimary();
  while (true) {
    if (AtSymbol(".") && Peek(1).IsSymbol("*")) {
      if (expression->kind != ExpressionKind::kPath) ThrowUnexpected();
      Advance();
      Advance();
      auto names = std::move(expression->As<PathExpression>().names);
      return ParseStarSuffix(std::move(names), expression->position);
    }
    if (AtSymbol(".")) {
      Advance();
      if (!AtIdentifier() && Peek().kind != TokenKind::kKeyword) ThrowExpected("identifier");
      std::string field = Advance().NameText();
      int64_t position = expression->position;
      expression = std::make_unique<FieldAccess>(std::move(expression), std::move(field), position);
      continue;
    }
    if (AtSymbol("[")) {
      Advance();
      auto subscript = std::make_unique<Subscript>(expression->position);
      static constexpr std::pair<std::string_view, SubscriptMode> kModes[] = {
          {"OFFSET", SubscriptMode::kOffset},
          {"ORDINAL", SubscriptMode::kOrdinal},
          {"SAFE_OFFSET", SubscriptMode::kSafeOffset},
          {"SAFE_ORDINAL", SubscriptMode::kSafeOrdinal}};
      for (const auto& [word, mode] : kModes) {
        if (AtWord(word) && AtSymbol("(", 1)) subscript->mode = mode;
      }
      if (subscript->mode != SubscriptMode::kPlain) {
        Advance();
        Advance();
        subscript->index = ParseExpressionNode();
        ExpectSymbol(")");
      } else {
        subscript->index = ParseExpressionNode();
      }
      ExpectSymbol("]");
      subscript->operand = std::move(expression);
      expression = std::move(subscript);
      continue;
    }
    return expression;
  }
}

ExpressionPtr Parser::ParsePrimary() {
  const Token& token = Peek();
  int64_t position = token.position;
  switch (token.kind) {
    case TokenKind::kInteger:
      return ParseIntegerLiteral(Advance(), false, position);
    case TokenKind::kFloat: {
      auto literal = std::make_unique<Literal>(LiteralKind::kFloat, position);
      literal->text = Advance().text;
      literal->float_value = std::strtod(literal->text.c_str(), nullptr);
      return literal;
    }
    case TokenKind::kString:
    case TokenKind::kBytes: {
      auto literal = std::make_unique<Literal>(
          token.kind == TokenKind::kString ? LiteralKind::kString : LiteralKind::kBytes, position);
      literal->text = Advance().value;
      return literal;
    }
    case TokenKind::kParameter:
      return std::make_unique<Parameter>(Advance().text, position);
    case TokenKind::kIdentifier:
      if (IsTypedLiteralKeyword(token) && Peek(1).kind == TokenKind::kString) {
        auto literal = std::make_unique<Literal>(LiteralKind::kTyped, position);
        literal->type_name = ToUpperAscii(Advance().text);
        literal->text = Advance().value;
        return literal;
      }
      if (token.IsWord("SAFE_CAST") && AtSymbol("(", 1)) {
        Advance();
        return ParseCast(true, position);
      }
      return ParsePathOrCall();
    case TokenKind::kSymbol:
      if (token.IsSymbol("(")) return ParseParenthesized();
      if (token.IsSymbol("[")) return ParseArrayConstructor();
      if (token.IsSymbol("*")) {
        Advance();
        return ParseStarSuffix({}, position);
      }
      ThrowUnexpected();
    case TokenKind::kKeyword:
      break;
    default:
      ThrowUnexpected();
  }
  if (token.IsKeyword("NULL") || token.IsKeyword("TRUE") || token.IsKeyword("FALSE")) {
    auto literal = std::make_unique<Literal>(
        token.IsKeyword("NULL") ? LiteralKind::kNull : LiteralKind::kBool, position);
    literal->bool_value = token.IsKeyword("TRUE");
    Advance();
    return literal;
  }
  if (token.IsKeyword("CAST")) {
    Advance();
    return ParseCast(false, position);
  }
  if (token.IsKeyword("CASE")) return ParseCase();
  if (token.IsKeyword("EXTRACT")) return ParseExtract();
  if (token.IsKeyword("INTERVAL")) return ParseInterval();
  if (token.IsKeyword("STRUCT")) return ParseStructConstructor();
  if (token.IsKeyword("DEFAULT")) {
    Advance();
    return std::make_unique<DefaultExpression>(position);
  }
  if (token.IsKeyword("ARRAY")) {
    if (!AtSymbol("(", 1)) return ParseArrayConstructor();
    Advance();
    Advance();
    auto subquery = std::make_unique<SubqueryExpression>(SubqueryKind::kArray, position);
    subquery->query = ParseQuery();
    ExpectSymbol(")");
    return subquery;
  }
  if (token.IsKeyword("EXISTS")) {
    Advance();
    ExpectSymbol("(");
    auto subquery = std::make_unique<SubqueryExpression>(SubqueryKind::kExists, position);
    subquery->query = ParseQuery();
    ExpectSymbol(")");
    return subquery;
  }
  if (IsKeywordFunctionName(token) && AtSymbol("(", 1)) {
    std::vector<std::string> name = {Advance().text};
    return ParseFunctionCall(std::move(name), position);
  }
  ThrowUnexpected();
}

ExpressionPtr Parser::ParseParenthesized() {
  int64_t position = ExpectSymbol("(").position;
  if (AtKeyword("SELECT") || AtKeyword("WITH")) {
    auto subquery = std::make_unique<SubqueryExpression>(SubqueryKind::kScalar, position);
    subquery->query = ParseQuery();
    ExpectSymbol(")");
    return subquery;
  }
  ExpressionPtr first = ParseExpressionNode();
  if (!AtSymbol(",")) {
    ExpectSymbol(")");
    return first;
  }
  auto tuple = std::make_unique<StructConstructor>(position);
  tuple->tuple_syntax = true;
  tuple->fields.push_back({std::move(first), ""});
  while (AcceptSymbol(",")) tuple->fields.push_back({ParseExpressionNode(), ""});
  ExpectSymbol(")");
  return tuple;
}

ExpressionPtr Parser::ParsePathOrCall() {
  int64_t position = Peek().position;
  std::vector<std::string> path = ParsePath(false);
  if (AtSymbol("(")) return ParseFunctionCall(std::move(path), position);
  return std::make_unique<PathExpression>(std::move(path), position);
}

ExpressionPtr Parser::ParseFunctionCall(std::vector<std::string> name, int64_t position) {
  DepthGuard guard(this);
  auto call = std::make_unique<FunctionCall>(position);
  call->name = std::move(name);
  ExpectSymbol("(");
  if (AtSymbol("*") && AtSymbol(")", 1)) {
    Advance();
    call->star_argument = true;
  } else {
    call->distinct = AcceptKeyword("DISTINCT");
    if (!call->distinct) AcceptKeyword("ALL");  // `f(ALL x)`: the default, as in standard SQL
    if (!AtSymbol(")")) {
      do {
        call->arguments.push_back(ParseExpressionNode());
      } while (AcceptSymbol(","));
    }
    if (AtKeyword("IGNORE") || AtKeyword("RESPECT")) {
      call->null_handling =
          Advance().IsKeyword("IGNORE") ? NullHandling::kIgnoreNulls : NullHandling::kRespectNulls;
      ExpectKeyword("NULLS");
    }
    if (AcceptKeyword("ORDER")) {
      ExpectKeyword("BY");
      call->order_by = ParseOrderByList();
    }
    if (AcceptKeyword("LIMIT")) call->limit = ParseExpressionNode();
  }
  ExpectSymbol(")");
  if (AtKeyword("OVER")) {
    int64_t over_position = Advance().position;
    if (AtIdentifier()) {
      call->over = std::make_unique<WindowSpec>();
      call->over->position = over_position;
      call->over->base_window = Advance().text;
    } else {
      call->over = ParseWindowSpec();
    }
  }
  return call;
}

std::unique_ptr<WindowSpec> Parser::ParseWindowSpec() {
  auto spec = std::make_unique<WindowSpec>();
  spec->position = ExpectSymbol("(").position;
  if (AtIdentifier()) spec->base_window = Advance().text;
  if (AcceptKeyword("PARTITION")) {
    ExpectKeyword("BY");
    do {
      spec->partition_by.push_back(ParseExpressionNode());
    } while (AcceptSymbol(","));
  }
  if (AcceptKeyword("ORDER")) {
    ExpectKeyword("BY");
    spec->order_by = ParseOrderByList();
  }
  if (AtKeyword("ROWS") || AtKeyword("RANGE")) spec->frame = ParseWindowFrame();
  ExpectSymbol(")");
  return spec;
}

std::unique_ptr<WindowFrame> Parser::ParseWindowFrame() {
  auto frame = std::make_unique<WindowFrame>();
  frame->position = Peek().position;
  frame->unit = Advance().IsKeyword("ROWS") ? WindowFrame::Unit::kRows : WindowFrame::Unit::kRange;
  if (AcceptKeyword("BETWEEN")) {
    frame->start = ParseFrameBound();
    ExpectKeyword("AND");
    frame->end = ParseFrameBound();
    frame->has_end = true;
  } else {
    frame->start = ParseFrameBound();
  }
  return frame;
}

FrameBound Parser::ParseFrameBound() {
  FrameBound bound;
  if (AcceptKeyword("UNBOUNDED")) {
    if (AcceptKeyword("PRECEDING")) {
      bound.kind = FrameBound::Kind::kUnboundedPreceding;
    } else {
      ExpectKeyword("FOLLOWING");
      bound.kind = FrameBound::Kind::kUnboundedFollowing;
    }
    return bound;
  }
  if (AcceptKeyword("CURRENT")) {
    ExpectWord("ROW");
    bound.kind = FrameBound::Kind::kCurrentRow;
    return bound;
  }
  bound.offset = ParseAdditive();
  if (AcceptKeyword("PRECEDING")) {
    bound.kind = FrameBound::Kind::kPreceding;
  } else {
    ExpectKeyword("FOLLOWING");
    bound.kind = FrameBound::Kind::kFollowing;
  }
  return bound;
}

ExpressionPtr Parser::ParseCast(bool safe, int64_t position) {
  auto cast = std::make_unique<CastExpression>(position);
  cast->safe = safe;
  ExpectSymbol("(");
  cast->operand = ParseExpressionNode();
  ExpectKeyword("AS");
  cast->type = ParseType();
  if (AcceptWord("FORMAT")) cast->format = ParseExpressionNode();
  ExpectSymbol(")");
  return cast;
}

ExpressionPtr Parser::ParseCase() {
  auto result = std::make_unique<CaseExpression>(ExpectKeyword("CASE").position);
  if (!AtKeyword("WHEN")) result->operand = ParseExpressionNode();
  ExpectKeyword("WHEN");
  do {
    CaseExpression::WhenClause clause;
    clause.condition = ParseExpressionNode();
    ExpectKeyword("THEN");
    clause.result = ParseExpressionNode();
    result->when_clauses.push_back(std::move(clause));
  } while (AcceptKeyword("WHEN"));
  if (AcceptKeyword("ELSE")) result->else_result = ParseExpressionNode();
  ExpectKeyword("END");
  return result;
}

ExpressionPtr Parser::ParseExtract() {
  auto extract = std::make_unique<ExtractExpression>(ExpectKeyword("EXTRACT").position);
  ExpectSymbol("(");
  if (!AtIdentifier()) ThrowExpected("date part");
  extract->part = ToUpperAscii(Advance().text);
  if (AcceptSymbol("(")) {
    extract->part_argument = ToUpperAscii(ExpectIdentifier());
    ExpectSymbol(")");
  }
  ExpectKeyword("FROM");
  extract->operand = ParseExpressionNode();
  if (AcceptKeyword("AT")) {
    ExpectWord("TIME");
    ExpectWord("ZONE");
    extract->time_zone = ParseExpressionNode();
  }
  ExpectSymbol(")");
  return extract;
}

ExpressionPtr Parser::ParseInterval() {
  auto interval = std::make_unique<IntervalLiteral>(ExpectKeyword("INTERVAL").position);
  interval->value = ParseExpressionNode();  // INTERVAL 10 * n + 5 DAY
  if (!AtIdentifier()) ThrowExpected("date part");
  interval->part = ToUpperAscii(Advance().text);
  if (AcceptKeyword("TO")) {
    if (!AtIdentifier()) ThrowExpected("date part");
    interval->to_part = ToUpperAscii(Advance().text);
  }
  return interval;
}

ExpressionPtr Parser::ParseArrayConstructor() {
  auto array = std::make_unique<ArrayConstructor>(Peek().position);
  if (AtKeyword("ARRAY")) {
    array->array_keyword = true;
    if (AtSymbol("<", 1)) {
      array->type = ParseType();
    } else {
      Advance();
    }
  }
  ExpectSymbol("[");
  if (!AtSymbol("]")) {
    do {
      array->elements.push_back(ParseExpressionNode());
    } while (AcceptSymbol(","));
  }
  ExpectSymbol("]");
  return array;
}

ExpressionPtr Parser::ParseStructConstructor() {
  auto result = std::make_unique<StructConstructor>(Peek().position);
  if (AtSymbol("<", 1)) {
    result->type = ParseType();
  } else {
    Advance();
  }
  ExpectSymbol("(");
  if (!AtSymbol(")")) {
    do {
      StructConstructor::Field field;
      field.expression = ParseExpressionNode();
      if (AcceptKeyword("AS")) field.alias = ExpectIdentifier();
      result->fields.push_back(std::move(field));
    } while (AcceptSymbol(","));
  }
  ExpectSymbol(")");
  return result;
}

ExpressionPtr Parser::ParseStarSuffix(std::vector<std::string> qualifier, int64_t position) {
  auto star = std::make_unique<StarExpression>(position);
  star->qualifier = std::move(qualifier);
  if (AtKeyword("EXCEPT") && AtSymbol("(", 1)) {
    Advance();
    star->except_columns = ParseParenthesizedNames();
  }
  if (AtWord("REPLACE") && AtSymbol("(", 1)) {
    Advance();
    Advance();
    do {
      StarExpression::Replacement replacement;
      replacement.expression = ParseExpressionNode();
      ExpectKeyword("AS");
      replacement.name = ExpectIdentifier();
      star->replacements.push_back(std::move(replacement));
    } while (AcceptSymbol(","));
    ExpectSymbol(")");
  }
  return star;
}

std::unique_ptr<TypeName> Parser::ParseType() {
  DepthGuard guard(this);
  auto type = std::make_unique<TypeName>();
  type->position = Peek().position;
  if (AcceptKeyword("ARRAY")) {
    type->name = "ARRAY";
    ExpectSymbol("<");
    type->fields.push_back({"", ParseType()});
    ExpectClosingAngle();
    return type;
  }
  if (AcceptKeyword("STRUCT")) {
    type->name = "STRUCT";
    if (AcceptSymbol("<>")) return type;  // STRUCT<>
    ExpectSymbol("<");
    if (!AtSymbol(">") && !AtSymbol(">>")) {
      do {
        TypeName::Field field;
        bool named = AtIdentifier() && (AtIdentifier(1) || AtKeyword("ARRAY", 1) ||
                                        AtKeyword("STRUCT", 1) || AtKeyword("INTERVAL", 1));
        if (named) field.name = Advance().text;
        field.type = ParseType();
        type->fields.push_back(std::move(field));
      } while (AcceptSymbol(","));
    }
    ExpectClosingAngle();
    return type;
  }
  if (AcceptKeyword("INTERVAL")) {
    type->name = "INTERVAL";
    return type;
  }
  if (!AtIdentifier() || Peek().quoted) ThrowExpected("type name");
  type->name = ToUpperAscii(Advance().text);
  if (type->name == "DOUBLE" && AcceptWord("PRECISION")) type->name = "DOUBLE PRECISION";
  if (AcceptSymbol("(")) {
    do {
      if (Peek().kind != TokenKind::kInteger) ThrowExpected("integer literal");
      const Token& token = Advance();
      type->parameters.push_back(
          ParseIntegerLiteral(token, false, token.position)->As<Literal>().int_value);
    } while (AcceptSymbol(","));
    ExpectSymbol(")");
  }
  return type;
}

}  // namespace dq::sql

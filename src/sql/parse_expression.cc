// Binary and unary operators, from OR (lowest) down to unary operators. Precedence, high to
// low: . [] ; unary + - ~ ; * / || ; + - ; << >> ; & ; ^ ; | ;
// comparisons (= != <> < <= > >= [NOT] LIKE [NOT] BETWEEN [NOT] IN IS [NOT]), non-associative;
// NOT ; AND ; OR.
#include <cstdlib>

#include "sql/parser_internal.h"

namespace dq::sql {

namespace {

struct OperatorSpelling {
  std::string_view symbol;
  BinaryOperator op;
};

constexpr OperatorSpelling kComparisonOperators[] = {
    {"=", BinaryOperator::kEqual},           {"!=", BinaryOperator::kNotEqual},
    {"<>", BinaryOperator::kNotEqual},       {"<", BinaryOperator::kLess},
    {"<=", BinaryOperator::kLessOrEqual},    {">", BinaryOperator::kGreater},
    {">=", BinaryOperator::kGreaterOrEqual},
};

// Parses a left-associative chain of the operators in `spellings` over `operand`.
template <size_t N, typename ParseOperand>
ExpressionPtr ParseLeftAssociative(Parser* parser, const OperatorSpelling (&spellings)[N],
                                   ParseOperand parse_operand) {
  ExpressionPtr left = parse_operand();
  while (true) {
    const OperatorSpelling* match = nullptr;
    for (const OperatorSpelling& spelling : spellings) {
      if (parser->AtSymbol(spelling.symbol)) match = &spelling;
    }
    if (match == nullptr) return left;
    int64_t operator_position = parser->Advance().position;
    ExpressionPtr right = parse_operand();
    left = std::make_unique<BinaryExpression>(match->op, std::move(left), std::move(right),
                                              operator_position);
  }
}

}  // namespace

ExpressionPtr Parser::ParseExpressionNode() {
  DepthGuard guard(this);
  return ParseOr();
}

ExpressionPtr Parser::ParseOr() {
  ExpressionPtr left = ParseAnd();
  while (AtKeyword("OR")) {
    int64_t operator_position = Advance().position;
    left = std::make_unique<BinaryExpression>(BinaryOperator::kOr, std::move(left), ParseAnd(),
                                              operator_position);
  }
  return left;
}

ExpressionPtr Parser::ParseAnd() {
  ExpressionPtr left = ParseNot();
  while (AtKeyword("AND")) {
    int64_t operator_position = Advance().position;
    left = std::make_unique<BinaryExpression>(BinaryOperator::kAnd, std::move(left), ParseNot(),
                                              operator_position);
  }
  return left;
}

ExpressionPtr Parser::ParseNot() {
  if (AtKeyword("NOT")) {
    DepthGuard guard(this);
    int64_t position = Advance().position;
    return std::make_unique<UnaryExpression>(UnaryOperator::kNot, ParseNot(), position);
  }
  return ParseComparison();
}

ExpressionPtr Parser::ParseComparison() {
  ExpressionPtr left = ParseBitwiseOr();
  int64_t position = left->position;
  bool matched = false;
  for (const OperatorSpelling& spelling : kComparisonOperators) {
    if (!AtSymbol(spelling.symbol)) continue;
    int64_t operator_position = Advance().position;
    left = std::make_unique<BinaryExpression>(spelling.op, std::move(left), ParseBitwiseOr(),
                                              operator_position);
    matched = true;
    break;
  }
  if (!matched && AtKeyword("IS")) {
    Advance();
    auto is = std::make_unique<IsExpression>(position);
    is->negated = AcceptKeyword("NOT");
    if (AcceptKeyword("NULL")) {
      is->test = IsTest::kNull;
    } else if (AcceptKeyword("TRUE")) {
      is->test = IsTest::kTrue;
    } else if (AcceptKeyword("FALSE")) {
      is->test = IsTest::kFalse;
    } else if (AcceptKeyword("DISTINCT")) {
      ExpectKeyword("FROM");
      is->test = IsTest::kDistinctFrom;
      is->other = ParseBitwiseOr();
    } else {
      ThrowExpected("keyword NULL, TRUE, FALSE or DISTINCT");
    }
    is->operand = std::move(left);
    left = std::move(is);
    matched = true;
  }
  if (!matched) {
    bool negated =
        AtKeyword("NOT") && (AtKeyword("LIKE", 1) || AtKeyword("BETWEEN", 1) || AtKeyword("IN", 1));
    if (negated) Advance();
    if (AcceptKeyword("LIKE")) {
      auto like = std::make_unique<LikeExpression>(position);
      like->operand = std::move(left);
      like->pattern = ParseBitwiseOr();
      like->negated = negated;
      left = std::move(like);
      matched = true;
    } else if (AcceptKeyword("BETWEEN")) {
      auto between = std::make_unique<BetweenExpression>(position);
      between->operand = std::move(left);
      between->low = ParseBitwiseOr();
      ExpectKeyword("AND");
      between->high = ParseBitwiseOr();
      between->negated = negated;
      left = std::move(between);
      matched = true;
    } else if (AcceptKeyword("IN")) {
      left = ParseInRight(std::move(left), negated, position);
      matched = true;
    }
  }
  if (matched) {
    // Comparisons are non-associative: `a = b = c` and `a IS NULL = b` are errors.
    bool another = AtKeyword("IS") || AtKeyword("LIKE") || AtKeyword("BETWEEN") ||
                   AtKeyword("IN") ||
                   (AtKeyword("NOT") &&
                    (AtKeyword("LIKE", 1) || AtKeyword("BETWEEN", 1) || AtKeyword("IN", 1)));
    for (const OperatorSpelling& spelling : kComparisonOperators) {
      another = another || AtSymbol(spelling.symbol);
    }
    if (another) ThrowUnexpected();
  }
  return left;
}

ExpressionPtr Parser::ParseInRight(ExpressionPtr operand, bool negated, int64_t position) {
  if (AcceptKeyword("UNNEST")) {
    auto in = std::make_unique<InUnnestExpression>(position);
    ExpectSymbol("(");
    in->array = ParseExpressionNode();
    ExpectSymbol(")");
    in->operand = std::move(operand);
    in->negated = negated;
    return in;
  }
  ExpectSymbol("(");
  if (AtKeyword("SELECT") || AtKeyword("WITH")) {
    auto in = std::make_unique<InSubqueryExpression>(position);
    in->query = ParseQuery();
    ExpectSymbol(")");
    in->operand = std::move(operand);
    in->negated = negated;
    return in;
  }
  auto in = std::make_unique<InListExpression>(position);
  do {
    in->values.push_back(ParseExpressionNode());
  } while (AcceptSymbol(","));
  ExpectSymbol(")");
  in->operand = std::move(operand);
  in->negated = negated;
  return in;
}

ExpressionPtr Parser::ParseBitwiseOr() {
  static constexpr OperatorSpelling kOperators[] = {{"|", BinaryOperator::kBitwiseOr}};
  return ParseLeftAssociative(this, kOperators, [this] { return ParseBitwiseXor(); });
}

ExpressionPtr Parser::ParseBitwiseXor() {
  static constexpr OperatorSpelling kOperators[] = {{"^", BinaryOperator::kBitwiseXor}};
  return ParseLeftAssociative(this, kOperators, [this] { return ParseBitwiseAnd(); });
}

ExpressionPtr Parser::ParseBitwiseAnd() {
  static constexpr OperatorSpelling kOperators[] = {{"&", BinaryOperator::kBitwiseAnd}};
  return ParseLeftAssociative(this, kOperators, [this] { return ParseShift(); });
}

ExpressionPtr Parser::ParseShift() {
  static constexpr OperatorSpelling kOperators[] = {{"<<", BinaryOperator::kShiftLeft},
                                                    {">>", BinaryOperator::kShiftRight}};
  return ParseLeftAssociative(this, kOperators, [this] { return ParseAdditive(); });
}

ExpressionPtr Parser::ParseAdditive() {
  static constexpr OperatorSpelling kOperators[] = {{"+", BinaryOperator::kAdd},
                                                    {"-", BinaryOperator::kSubtract}};
  return ParseLeftAssociative(this, kOperators, [this] { return ParseMultiplicative(); });
}

ExpressionPtr Parser::ParseMultiplicative() {
  static constexpr OperatorSpelling kOperators[] = {{"*", BinaryOperator::kMultiply},
                                                    {"/", BinaryOperator::kDivide},
                                                    {"||", BinaryOperator::kConcat}};
  return ParseLeftAssociative(this, kOperators, [this] { return ParseUnary(); });
}

ExpressionPtr Parser::ParseUnary() {
  const Token& token = Peek();
  UnaryOperator op;
  if (token.IsSymbol("-")) {
    op = UnaryOperator::kMinus;
  } else if (token.IsSymbol("+")) {
    op = UnaryOperator::kPlus;
  } else if (token.IsSymbol("~")) {
    op = UnaryOperator::kBitwiseNot;
  } else {
    return ParsePostfix();
  }
  DepthGuard guard(this);
  int64_t position = Advance().position;
  // A minus directly before a numeric literal folds into it, so -9223372036854775808 is valid.
  const Token& next = Peek();
  bool literal_alone = !AtSymbol(".", 1) && !AtSymbol("[", 1);
  if (op == UnaryOperator::kMinus && literal_alone && next.kind == TokenKind::kInteger) {
    const Token& literal = Advance();
    return ParseIntegerLiteral(literal, true, position);
  }
  if (op == UnaryOperator::kMinus && literal_alone && next.kind == TokenKind::kFloat) {
    const Token& literal = Advance();
    auto result = std::make_unique<Literal>(LiteralKind::kFloat, position);
    result->text = "-" + literal.text;
    result->float_value = std::strtod(result->text.c_str(), nullptr);
    return result;
  }
  return std::make_unique<UnaryExpression>(op, ParseUnary(), position);
}

}  // namespace dq::sql

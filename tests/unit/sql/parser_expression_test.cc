#include <gtest/gtest.h>

#include "parser_test_util.h"
#include "sql/parser.h"

namespace dq::sql {
namespace {

using testing::ExpectExpression;

TEST(ParserExpressionTest, Literals) {
  ExpectExpression("NULL", "NULL");
  ExpectExpression("true", "TRUE");
  ExpectExpression("0x10", "16");
  ExpectExpression("1.50", "1.50");
  ExpectExpression("\"it's\"", "'it\\'s'");
}

TEST(ParserExpressionTest, LiteralValues) {
  ExpressionPtr integer = ParseExpression("-9223372036854775808");
  ASSERT_EQ(integer->kind, ExpressionKind::kLiteral);
  EXPECT_EQ(integer->As<Literal>().literal_kind, LiteralKind::kInteger);
  EXPECT_EQ(integer->As<Literal>().int_value, INT64_MIN);
  ExpressionPtr float_literal = ParseExpression("-1.5e3");
  EXPECT_EQ(float_literal->As<Literal>().literal_kind, LiteralKind::kFloat);
  EXPECT_EQ(float_literal->As<Literal>().float_value, -1500.0);
  EXPECT_EQ(float_literal->As<Literal>().text, "-1.5e3");
  ExpressionPtr text = ParseExpression(R"("a\n'b")");
  EXPECT_EQ(text->As<Literal>().text, "a\n'b");
  EXPECT_EQ(text->ToString(), R"('a\n\'b')");
  ExpressionPtr bytes = ParseExpression(R"(b'\x01z')");
  EXPECT_EQ(bytes->As<Literal>().literal_kind, LiteralKind::kBytes);
  EXPECT_EQ(bytes->ToString(), R"(b'\x01z')");
}

TEST(ParserExpressionTest, TypedLiteralsAndIntervals) {
  ExpectExpression("date '2024-01-31'", "DATE '2024-01-31'");
  ExpectExpression("TIMESTAMP '2024-01-31 10:00:00+00'", "TIMESTAMP '2024-01-31 10:00:00+00'");
  ExpectExpression("NUMERIC '1.25'", "NUMERIC '1.25'");
  ExpectExpression("JSON '{\"a\": 1}'", "JSON '{\"a\": 1}'");
  ExpressionPtr typed = ParseExpression("datetime '2024-01-01 00:00:00'");
  EXPECT_EQ(typed->As<Literal>().type_name, "DATETIME");
  ExpectExpression("INTERVAL 1 day", "INTERVAL 1 DAY");
  ExpectExpression("INTERVAL -3 HOUR", "INTERVAL -3 HOUR");
  ExpectExpression("INTERVAL '1-2' YEAR TO MONTH", "INTERVAL '1-2' YEAR TO MONTH");
  ExpectExpression("DATE_ADD(d, INTERVAL n DAY)", "DATE_ADD(d, INTERVAL n DAY)");
  // DATE without a string is an identifier or a function name.
  ExpectExpression("date", "date");
  ExpectExpression("DATE(2024, 1, 31)", "DATE(2024, 1, 31)");
}

TEST(ParserExpressionTest, ArithmeticPrecedence) {
  ExpectExpression("1 + 2 * 3", "(1 + (2 * 3))");
  ExpectExpression("1 - 2 - 3", "((1 - 2) - 3)");
  ExpectExpression("a || b * c", "((a || b) * c)");  // || binds like * and /
  ExpectExpression("a + b || c", "(a + (b || c))");
  ExpectExpression("-a * b", "((-a) * b)");
  ExpectExpression("- -5", "(- -5)");
  ExpectExpression("-(-5)", "(- -5)");
  ExpectExpression("-x.y", "(-x.y)");
  ExpectExpression("~a & b | c ^ d", "(((~a) & b) | (c ^ d))");
  ExpectExpression("a << 1 + 2", "(a << (1 + 2))");
  ExpectExpression("a & b << 2", "(a & (b << 2))");
}

TEST(ParserExpressionTest, LogicalPrecedence) {
  ExpectExpression("a OR b AND c", "(a OR (b AND c))");
  ExpectExpression("NOT a = b", "(NOT (a = b))");
  ExpectExpression("NOT a AND b", "((NOT a) AND b)");
  ExpectExpression("a = 1 OR NOT b <> 2", "((a = 1) OR (NOT (b != 2)))");
  ExpectExpression("a | b = c", "((a | b) = c)");
  ExpectExpression("a < b AND c >= d", "((a < b) AND (c >= d))");
}

TEST(ParserExpressionTest, ComparisonForms) {
  ExpectExpression("a IS NULL", "(a IS NULL)");
  ExpectExpression("a IS NOT TRUE", "(a IS NOT TRUE)");
  ExpectExpression("a is false", "(a IS FALSE)");
  ExpectExpression("x BETWEEN 1 AND 2 + 3", "(x BETWEEN 1 AND (2 + 3))");
  ExpectExpression("x NOT BETWEEN a AND b AND c", "((x NOT BETWEEN a AND b) AND c)");
  ExpectExpression("name NOT LIKE 'a%'", "(name NOT LIKE 'a%')");
  ExpectExpression("x IN (1, 2, 3)", "(x IN (1, 2, 3))");
  ExpectExpression("x NOT IN (SELECT y FROM t)", "(x NOT IN (SELECT y FROM t))");
  ExpectExpression("x IN UNNEST([1, 2])", "(x IN UNNEST([1, 2]))");
  ExpressionPtr in = ParseExpression("x NOT IN UNNEST(arr)");
  EXPECT_EQ(in->kind, ExpressionKind::kInUnnest);
  EXPECT_TRUE(in->As<InUnnestExpression>().negated);
}

TEST(ParserExpressionTest, PathsFieldsAndSubscripts) {
  ExpressionPtr path = ParseExpression("t.col.field");
  ASSERT_EQ(path->kind, ExpressionKind::kPath);
  EXPECT_EQ(path->As<PathExpression>().names, (std::vector<std::string>{"t", "col", "field"}));
  ExpectExpression("`my col`.`select`", "`my col`.`select`");
  ExpectExpression("(s).a", "(s).a");
  ExpectExpression("f(x).a.b", "f(x).a.b");
  ExpectExpression("arr[OFFSET(1)]", "arr[OFFSET(1)]");
  ExpectExpression("arr[safe_ordinal(i + 1)].name", "arr[SAFE_ORDINAL((i + 1))].name");
  ExpectExpression("arr[0][1]", "arr[0][1]");
  ExpectExpression("@param + 1", "(@param + 1)");
  ExpressionPtr subscript = ParseExpression("a[SAFE_OFFSET(0)]");
  EXPECT_EQ(subscript->As<Subscript>().mode, SubscriptMode::kSafeOffset);
}

TEST(ParserExpressionTest, FunctionCalls) {
  ExpectExpression("count(*)", "count(*)");
  ExpectExpression("COUNT(DISTINCT x)", "COUNT(DISTINCT x)");
  ExpectExpression("SAFE.SUBSTR(s, 1, 2)", "SAFE.SUBSTR(s, 1, 2)");
  ExpectExpression("ML.DISTANCE(a, b, 'COSINE')", "ML.DISTANCE(a, b, 'COSINE')");
  ExpectExpression("IF(a > 1, 'x', 'y')", "IF((a > 1), 'x', 'y')");
  ExpectExpression("LEFT(s, 2)", "LEFT(s, 2)");
  ExpectExpression("CURRENT_DATE()", "CURRENT_DATE()");
  ExpectExpression("ARRAY_AGG(x IGNORE NULLS ORDER BY y DESC LIMIT 3)",
                   "ARRAY_AGG(x IGNORE NULLS ORDER BY y DESC LIMIT 3)");
  ExpectExpression("STRING_AGG(DISTINCT s, ',' ORDER BY s)",
                   "STRING_AGG(DISTINCT s, ',' ORDER BY s)");
  ExpectExpression("DATE_TRUNC(d, WEEK(MONDAY))", "DATE_TRUNC(d, WEEK(MONDAY))");
  ExpectExpression("DATE_TRUNC(d, month)", "DATE_TRUNC(d, month)");
  ExpressionPtr call = ParseExpression("SAFE.ML.X(1)");
  EXPECT_EQ(call->As<FunctionCall>().name, (std::vector<std::string>{"SAFE", "ML", "X"}));
  ExpressionPtr count = ParseExpression("COUNT(*)");
  EXPECT_TRUE(count->As<FunctionCall>().star_argument);
  EXPECT_TRUE(count->As<FunctionCall>().arguments.empty());
}

TEST(ParserExpressionTest, WindowFunctions) {
  ExpectExpression("ROW_NUMBER() OVER (PARTITION BY a, b ORDER BY c DESC NULLS LAST)",
                   "ROW_NUMBER() OVER (PARTITION BY a, b ORDER BY c DESC NULLS LAST)");
  ExpectExpression("SUM(x) OVER (ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)",
                   "SUM(x) OVER (ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)");
  ExpectExpression("AVG(x) OVER (ORDER BY t RANGE BETWEEN 2 PRECEDING AND 1 + 1 FOLLOWING)",
                   "AVG(x) OVER (ORDER BY t RANGE BETWEEN 2 PRECEDING AND (1 + 1) FOLLOWING)");
  ExpectExpression("SUM(x) OVER (ROWS 3 PRECEDING)", "SUM(x) OVER (ROWS 3 PRECEDING)");
  ExpectExpression("SUM(x) OVER w", "SUM(x) OVER w");
  ExpectExpression("SUM(x) OVER (w ORDER BY y)", "SUM(x) OVER (w ORDER BY y)");
  ExpressionPtr call = ParseExpression("FIRST_VALUE(x RESPECT NULLS) OVER ()");
  const FunctionCall& function = call->As<FunctionCall>();
  EXPECT_EQ(function.null_handling, NullHandling::kRespectNulls);
  ASSERT_NE(function.over, nullptr);
  EXPECT_EQ(function.over->frame, nullptr);
}

TEST(ParserExpressionTest, CastCaseExtract) {
  ExpectExpression("CAST(x AS int64)", "CAST(x AS INT64)");
  ExpectExpression("SAFE_CAST(s AS NUMERIC(10, 2))", "SAFE_CAST(s AS NUMERIC(10, 2))");
  ExpectExpression("CAST(d AS STRING FORMAT 'YYYY')", "CAST(d AS STRING FORMAT 'YYYY')");
  ExpectExpression("CAST(x AS ARRAY<STRUCT<a INT64, b ARRAY<STRING>>>)",
                   "CAST(x AS ARRAY<STRUCT<a INT64, b ARRAY<STRING>>>)");
  ExpectExpression("CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END",
                   "CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END");
  ExpectExpression("CASE x WHEN 1 THEN 'one' END", "CASE x WHEN 1 THEN 'one' END");
  ExpectExpression("EXTRACT(dayofweek FROM d)", "EXTRACT(DAYOFWEEK FROM d)");
  ExpectExpression("EXTRACT(WEEK(monday) FROM d)", "EXTRACT(WEEK(MONDAY) FROM d)");
  ExpectExpression("EXTRACT(DATE FROM ts AT TIME ZONE 'UTC')",
                   "EXTRACT(DATE FROM ts AT TIME ZONE 'UTC')");
}

TEST(ParserExpressionTest, Subqueries) {
  ExpectExpression("(SELECT MAX(x) FROM t)", "(SELECT MAX(x) FROM t)");
  ExpectExpression("EXISTS(SELECT 1 FROM t WHERE t.a = b)",
                   "EXISTS(SELECT 1 FROM t WHERE (t.a = b))");
  ExpectExpression("ARRAY(SELECT x FROM UNNEST(a) AS x)", "ARRAY(SELECT x FROM UNNEST(a) AS x)");
  ExpressionPtr exists = ParseExpression("NOT EXISTS (SELECT 1)");
  ASSERT_EQ(exists->kind, ExpressionKind::kUnary);
  EXPECT_EQ(exists->As<UnaryExpression>().operand->As<SubqueryExpression>().subquery_kind,
            SubqueryKind::kExists);
}

TEST(ParserExpressionTest, ArrayAndStructConstructors) {
  ExpectExpression("[1, 2, 3]", "[1, 2, 3]");
  ExpectExpression("[]", "[]");
  ExpectExpression("ARRAY[1, 2]", "ARRAY[1, 2]");
  ExpectExpression("ARRAY<INT64>[1, 2]", "ARRAY<INT64>[1, 2]");
  ExpectExpression("ARRAY<ARRAY<INT64>>[]", "ARRAY<ARRAY<INT64>>[]");
  ExpectExpression("STRUCT(1 AS a, 'x')", "STRUCT(1 AS a, 'x')");
  ExpectExpression("STRUCT<a INT64, b STRING>(1, 'x')", "STRUCT<a INT64, b STRING>(1, 'x')");
  ExpectExpression("STRUCT<INT64>(1)", "STRUCT<INT64>(1)");
  ExpectExpression("(1, 'x')", "(1, 'x')");
  ExpectExpression("(1)", "1");
  ExpressionPtr tuple = ParseExpression("(a, b, c)");
  ASSERT_EQ(tuple->kind, ExpressionKind::kStruct);
  EXPECT_TRUE(tuple->As<StructConstructor>().tuple_syntax);
  EXPECT_EQ(tuple->As<StructConstructor>().fields.size(), 3u);
}

TEST(ParserExpressionTest, TypeNames) {
  EXPECT_EQ(ParseTypeName("double precision")->ToString(), "DOUBLE PRECISION");
  EXPECT_EQ(ParseTypeName("varchar(30)")->ToString(), "VARCHAR(30)");
  EXPECT_EQ(ParseTypeName("STRUCT<>")->ToString(), "STRUCT<>");
  EXPECT_EQ(ParseTypeName("interval")->ToString(), "INTERVAL");
  std::unique_ptr<TypeName> type = ParseTypeName("STRUCT<x STRING(10), ARRAY<BOOL>>");
  ASSERT_EQ(type->fields.size(), 2u);
  EXPECT_EQ(type->fields[0].name, "x");
  EXPECT_EQ(type->fields[0].type->parameters, std::vector<int64_t>{10});
  EXPECT_EQ(type->fields[1].name, "");
  EXPECT_EQ(type->fields[1].type->fields[0].type->name, "BOOL");
}

TEST(ParserExpressionTest, Positions) {
  ExpressionPtr expression = ParseExpression("a + f(b) * 2");
  const BinaryExpression& add = expression->As<BinaryExpression>();
  EXPECT_EQ(add.position, 0);
  EXPECT_EQ(add.operator_position, 2);
  const BinaryExpression& multiply = add.right->As<BinaryExpression>();
  EXPECT_EQ(multiply.position, 4);
  EXPECT_EQ(multiply.left->position, 4);
  EXPECT_EQ(multiply.right->position, 11);
  EXPECT_EQ(ParseExpression("  -5")->position, 2);
  EXPECT_EQ(ParseExpression("x IS NULL")->position, 0);
}

}  // namespace
}  // namespace dq::sql

#include <gtest/gtest.h>

#include "parser_test_util.h"
#include "sql/parser.h"

namespace dq::sql {
namespace {

using testing::ExpectError;

TEST(ParserErrorTest, ExpectedToken) {
  ExpectError("SELECT COUNT(a FROM t", "Syntax error: Expected \")\" but got keyword FROM", 15);
  ExpectError("SELECT (1 + 2", "Syntax error: Expected \")\" but got end of statement", 13);
  ExpectError("SELECT CAST(1 INT64)",
              "Syntax error: Expected keyword AS but got identifier \"INT64\"", 14);
  ExpectError("SELECT * FROM t WHERE a BETWEEN 1 OR 2",
              "Syntax error: Expected keyword AND but got keyword OR", 34);
  ExpectError("CREATE TABLE t",
              "Syntax error: Expected \"(\" or keyword AS but got end of statement", 14);
  ExpectError("LOAD DATA t FROM FILES()",
              "Syntax error: Expected keyword INTO or keyword OVERWRITE but got identifier \"t\"",
              10);
}

TEST(ParserErrorTest, UnexpectedToken) {
  ExpectError("SELECT", "Syntax error: Unexpected end of statement", 6);
  ExpectError("SELECT 1 +", "Syntax error: Unexpected end of statement", 10);
  ExpectError("SELECT FROM t", "Syntax error: Unexpected keyword FROM", 7);
  ExpectError("foo bar", "Syntax error: Unexpected identifier \"foo\"", 0);
  ExpectError("SELECT 1,, FROM t", "Syntax error: Unexpected \",\"", 9);
  ExpectError("SELECT a = b = c", "Syntax error: Unexpected \"=\"", 13);
  ExpectError("SELECT a IS NULL IS NULL", "Syntax error: Unexpected keyword IS", 17);
  ExpectError("DROP FUNCTION f", "Syntax error: Unexpected identifier \"FUNCTION\"", 5);
  ExpectError("SELECT 'a' 'b'", "Syntax error: Expected end of input but got string literal 'b'",
              11);
}

TEST(ParserErrorTest, TrailingInput) {
  ExpectError("SELECT 1 SELECT 2", "Syntax error: Expected end of input but got keyword SELECT", 9);
  ExpectError("SELECT 1; SELECT 2)", "Syntax error: Expected end of input but got \")\"", 18);
  try {
    ParseStatement("SELECT 1; SELECT 2");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.message(), "Syntax error: Expected end of input but got keyword SELECT");
    EXPECT_EQ(error.position(), 10);
  }
}

TEST(ParserErrorTest, MixedSetOperations) {
  ExpectError("SELECT 1 UNION ALL SELECT 2 EXCEPT DISTINCT SELECT 3",
              "Syntax error: Different set operations cannot be used in the same query without "
              "using parentheses for grouping",
              28);
  ExpectError("SELECT 1 UNION ALL SELECT 2 UNION DISTINCT SELECT 3",
              "Syntax error: Different set operations cannot be used in the same query without "
              "using parentheses for grouping",
              28);
}

TEST(ParserErrorTest, LexerErrorsCarryPositions) {
  ExpectError("SELECT 'abc", "Syntax error: Unclosed string literal", 7);
  ExpectError("SELECT 1\nFROM t WHERE x = 'a\\z'", "Syntax error: Illegal escape sequence: \\z",
              28);
}

TEST(ParserErrorTest, IntegerOverflow) {
  ExpectError("SELECT 99999999999999999999",
              "Could not cast literal \"99999999999999999999\" to type INT64", 7,
              ErrorKind::kBinding);
  ExpectError("SELECT 9223372036854775808",
              "Could not cast literal \"9223372036854775808\" to type INT64", 7,
              ErrorKind::kBinding);
  ExpectError("SELECT -9223372036854775809",
              "Could not cast literal \"-9223372036854775809\" to type INT64", 7,
              ErrorKind::kBinding);
  ExpectError("SELECT 0x10000000000000000",
              "Could not cast literal \"0x10000000000000000\" to type INT64", 7,
              ErrorKind::kBinding);
  EXPECT_EQ(ParseExpression("9223372036854775807")->As<Literal>().int_value, INT64_MAX);
  EXPECT_EQ(ParseExpression("0x7FFFFFFFFFFFFFFF")->As<Literal>().int_value, INT64_MAX);
}

TEST(ParserErrorTest, DeepNestingFailsCleanly) {
  std::string sql = "SELECT " + std::string(5000, '(') + "1" + std::string(5000, ')');
  try {
    ParseStatements(sql);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kSyntax);
    EXPECT_EQ(error.message(), "Syntax error: Statement is too deeply nested");
  }
}

}  // namespace
}  // namespace dq::sql

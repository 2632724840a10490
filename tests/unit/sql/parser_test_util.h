// Helpers shared by the parser unit tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "common/error.h"
#include "sql/parser.h"

namespace dq::sql::testing {

// Parses `sql` as one statement, checks that its canonical form is `expected` and that the
// canonical form parses back to itself.
inline void ExpectStatement(const std::string& sql, const std::string& expected) {
  SCOPED_TRACE(sql);
  StatementPtr statement = ParseStatement(sql);
  EXPECT_EQ(statement->ToString(), expected);
  EXPECT_EQ(ParseStatement(expected)->ToString(), expected);
}

// As ExpectStatement, for a standalone expression.
inline void ExpectExpression(const std::string& sql, const std::string& expected) {
  SCOPED_TRACE(sql);
  ExpressionPtr expression = ParseExpression(sql);
  EXPECT_EQ(expression->ToString(), expected);
  EXPECT_EQ(ParseExpression(expected)->ToString(), expected);
}

// Expects ParseStatements(sql) to throw an error of `kind` with `message` at `position`.
inline void ExpectError(const std::string& sql, const std::string& message, int64_t position,
                        ErrorKind kind = ErrorKind::kSyntax) {
  SCOPED_TRACE(sql);
  try {
    ParseStatements(sql);
    ADD_FAILURE() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), kind);
    EXPECT_EQ(error.message(), message);
    EXPECT_EQ(error.position(), position);
  }
}

}  // namespace dq::sql::testing

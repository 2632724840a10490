#include <gtest/gtest.h>

#include "common/error.h"
#include "function_test_util.h"

namespace dq {
namespace {

using testing::Eval;
using testing::EvalConstant;
using testing::ExpectError;
using testing::FlatVector;
using testing::RunScalar;

Value S(const std::string& text) { return Value::String(text); }
Value B(const std::string& text) { return Value::Bytes(text); }
Value I(int64_t value) { return Value::Int64(value); }
Value StringArray(std::vector<Value> elements) {
  return Value::Array(TypeId::kString, std::move(elements));
}

TEST(RegexpTest, Contains) {
  EXPECT_EQ(Eval("REGEXP_CONTAINS", {S("foobar"), S("o+b")}), Value::Bool(true));
  EXPECT_EQ(Eval("REGEXP_CONTAINS", {S("foobar"), S("^bar")}), Value::Bool(false));
  EXPECT_EQ(EvalConstant("REGEXP_CONTAINS", {S("abc"), S("b")}), Value::Bool(true));
  EXPECT_TRUE(Eval("REGEXP_CONTAINS", {Value::Null(TypeId::kString), S("a")}).is_null());
  EXPECT_EQ(Eval("REGEXP_CONTAINS", {B("a\xff"), B("\xff")}), Value::Bool(true));
}

TEST(RegexpTest, PerRowPatternsCompileEachDistinctPattern) {
  Vector text = FlatVector(TypeId::kString, {S("apple"), S("banana"), S("cherry"), S("apple")});
  Vector patterns = FlatVector(TypeId::kString, {S("p+"), S("an"), S("p+"), Value()});
  std::vector<Value> result = RunScalar("REGEXP_EXTRACT", {text, patterns}, 4);
  ASSERT_EQ(result.size(), 4u);
  EXPECT_EQ(result[0], S("pp"));
  EXPECT_EQ(result[1], S("an"));
  EXPECT_TRUE(result[2].is_null());
  EXPECT_TRUE(result[3].is_null());
}

TEST(RegexpTest, Extract) {
  EXPECT_EQ(Eval("REGEXP_EXTRACT", {S("foo123bar"), S(R"(\d+)")}), S("123"));
  EXPECT_EQ(Eval("REGEXP_EXTRACT", {S("user@example.com"), S("@(.+)")}), S("example.com"));
  EXPECT_EQ(Eval("REGEXP_EXTRACT", {S("aXbXcXd"), S("X."), I(1), I(3)}), S("Xd"));
  EXPECT_EQ(Eval("REGEXP_EXTRACT", {S("日本語x語y"), S("語."), I(4)}), S("語y"));
  EXPECT_TRUE(Eval("REGEXP_EXTRACT", {S("aXb"), S("X."), I(1), I(2)}).is_null());
  EXPECT_TRUE(Eval("REGEXP_EXTRACT", {S("ab"), S("(c)?b")}).is_null());
  ExpectError("REGEXP_EXTRACT", {S("abc"), S("(a)(b)")}, ErrorKind::kOutOfRange,
              "Regular expressions passed into extraction functions must not have more than 1 "
              "capturing group");
  ExpectError("REGEXP_EXTRACT", {S("abc"), S("b"), I(0)}, ErrorKind::kOutOfRange,
              "Position must be positive");
}

TEST(RegexpTest, ExtractAll) {
  EXPECT_EQ(Eval("REGEXP_EXTRACT_ALL", {S("a1b22c333"), S(R"(\d+)")}),
            StringArray({S("1"), S("22"), S("333")}));
  EXPECT_EQ(Eval("REGEXP_EXTRACT_ALL", {S("abc"), S("x")}), StringArray({}));
  EXPECT_EQ(Eval("REGEXP_EXTRACT_ALL", {S("ab"), S("x*")}), StringArray({S(""), S("")}));
  Vector text = FlatVector(TypeId::kString, {S("a1"), Value(), S("b2c3")});
  std::vector<Value> result =
      RunScalar("REGEXP_EXTRACT_ALL", {text, Vector::Constant(S("[0-9]"))}, 3);
  EXPECT_EQ(result[0], StringArray({S("1")}));
  EXPECT_TRUE(result[1].is_null());
  EXPECT_EQ(result[2], StringArray({S("2"), S("3")}));
}

TEST(RegexpTest, Replace) {
  EXPECT_EQ(Eval("REGEXP_REPLACE", {S("john smith"), S(R"((\w+) (\w+))"), S(R"(\2 \1 \0)")}),
            S("smith john john smith"));
  EXPECT_EQ(Eval("REGEXP_REPLACE", {S("abc"), S(""), S("-")}), S("-a-b-c-"));
  EXPECT_EQ(Eval("REGEXP_REPLACE", {S("aaa"), S("a*"), S("X")}), S("X"));
  EXPECT_EQ(Eval("REGEXP_REPLACE", {S("éé"), S(""), S("|")}), S("|é|é|"));
  EXPECT_EQ(Eval("REGEXP_REPLACE", {S("a.b"), S(R"(\.)"), S(R"(\\)")}), S("a\\b"));
  ExpectError("REGEXP_REPLACE", {S("abc"), S("(b)"), S(R"(\2)")}, ErrorKind::kOutOfRange,
              "Invalid REGEXP_REPLACE pattern: Rewrite schema requests 2 matches, but the regexp "
              "only has 1 parenthesized subexpressions.");
}

TEST(RegexpTest, Instr) {
  EXPECT_EQ(Eval("REGEXP_INSTR", {S("ab@cd-ef"), S("@[^-]*")}), I(3));
  EXPECT_EQ(Eval("REGEXP_INSTR", {S("ab@cd-ef"), S("@[^-]*"), I(1), I(1), I(1)}), I(6));
  EXPECT_EQ(Eval("REGEXP_INSTR", {S("ééx"), S("x")}), I(3));
  EXPECT_EQ(Eval("REGEXP_INSTR", {B("\xc3\xa9x"), B("x")}), I(3));
  EXPECT_EQ(Eval("REGEXP_INSTR", {S("abc"), S("z")}), I(0));
}

TEST(RegexpTest, InvalidPatternIsAnErrorOnlyWhenUsed) {
  ExpectError("REGEXP_CONTAINS", {S("a"), S("(")}, ErrorKind::kOutOfRange,
              "Cannot parse regular expression: missing ): (");
  // A NULL row never evaluates the pattern.
  Vector text = FlatVector(TypeId::kString, {Value()});
  Value pattern = S("(");
  std::vector<Value> result =
      RunScalar("REGEXP_CONTAINS", {text, Vector::Constant(pattern)}, 1, {nullptr, &pattern});
  EXPECT_TRUE(result[0].is_null());
}

}  // namespace
}  // namespace dq

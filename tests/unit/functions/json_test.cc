#include <gtest/gtest.h>

#include "common/error.h"
#include "function_test_util.h"
#include "functions/json/json_path.h"

namespace dq {
namespace {

using testing::Eval;
using testing::EvalConstant;
using testing::ExpectError;
using testing::FlatVector;
using testing::RunScalar;

Value S(const std::string& text) { return Value::String(text); }
Value J(const std::string& text) { return Value::Json(text); }

TEST(JsonPathTest, ParsesSteps) {
  JsonPath path = JsonPath::Parse(R"($.a[1]['b.c']."d e"[x])");
  ASSERT_EQ(path.steps().size(), 5u);
  EXPECT_EQ(path.steps()[0].name, "a");
  EXPECT_TRUE(path.steps()[1].is_index);
  EXPECT_EQ(path.steps()[1].index, 1);
  EXPECT_EQ(path.steps()[2].name, "b.c");
  EXPECT_EQ(path.steps()[3].name, "d e");
  EXPECT_EQ(path.steps()[4].name, "x");
  EXPECT_TRUE(JsonPath::Parse("$").steps().empty());
  EXPECT_THROW(JsonPath::Parse("a"), Error);
  EXPECT_THROW(JsonPath::Parse("$.a["), Error);
  EXPECT_THROW(JsonPath::Parse("$a"), Error);
}

TEST(JsonTest, ValueAndQueryOnStrings) {
  EXPECT_EQ(Eval("JSON_VALUE", {S(R"({"a": {"b": "x"}})"), S("$.a.b")}), S("x"));
  EXPECT_EQ(Eval("JSON_VALUE", {S(R"({"a": 1.5})"), S("$.a")}), S("1.5"));
  EXPECT_TRUE(Eval("JSON_VALUE", {S(R"({"a": [1]})"), S("$.a")}).is_null());
  EXPECT_TRUE(Eval("JSON_VALUE", {S("not json"), S("$")}).is_null());
  EXPECT_EQ(Eval("JSON_VALUE", {S(R"("hi")")}), S("hi"));
  EXPECT_EQ(Eval("JSON_QUERY", {S(R"({"a": {"c": 1, "b": [2]}})"), S("$.a")}),
            S(R"({"c":1,"b":[2]})"));
  EXPECT_EQ(Eval("JSON_EXTRACT", {S(R"({"a": null})"), S("$.a")}), S("null"));
  EXPECT_TRUE(Eval("JSON_EXTRACT", {S(R"({"a": 1})"), S("$.a.b")}).is_null());
  EXPECT_EQ(EvalConstant("JSON_EXTRACT_SCALAR", {S(R"([10, 20])"), S("$[1]")}), S("20"));
}

TEST(JsonTest, JsonInputsKeepSortedMembers) {
  Value result = Eval("JSON_QUERY", {J(R"({"z": {"y": 1, "x": 2}})"), S("$.z")});
  EXPECT_EQ(result, J(R"({"x":2,"y":1})"));
  EXPECT_EQ(Eval("PARSE_JSON", {S(R"({"b": 1, "a": [true, null]})")}),
            J(R"({"a":[true,null],"b":1})"));
  ExpectError("PARSE_JSON", {S("[1,")}, ErrorKind::kOutOfRange,
              "Invalid JSON input: parse error at line 1, column 4: syntax error while parsing "
              "value - unexpected end of input; expected '[', '{', or a literal");
}

TEST(JsonTest, PerRowPaths) {
  Vector documents = FlatVector(TypeId::kString, {S(R"({"a": 1, "b": 2})"), S(R"({"a": 3})"),
                                                  S(R"({"a": 4})")});
  Vector paths = FlatVector(TypeId::kString, {S("$.b"), S("$.a"), Value()});
  std::vector<Value> result = RunScalar("JSON_VALUE", {documents, paths}, 3);
  EXPECT_EQ(result[0], S("2"));
  EXPECT_EQ(result[1], S("3"));
  EXPECT_TRUE(result[2].is_null());
}

TEST(JsonTest, Arrays) {
  EXPECT_EQ(Eval("JSON_VALUE_ARRAY", {S(R"({"a": [1, "foo", null]})"), S("$.a")}),
            Value::Array(TypeId::kString, {S("1"), S("foo"), Value::Null(TypeId::kString)}));
  EXPECT_TRUE(Eval("JSON_VALUE_ARRAY", {S("[1, [2]]")}).is_null());
  EXPECT_EQ(Eval("JSON_QUERY_ARRAY", {J(R"([{"b": 1, "a": 2}, 3])")}),
            Value::Array(TypeId::kJson, {J(R"({"a":2,"b":1})"), J("3")}));
  EXPECT_TRUE(Eval("JSON_QUERY_ARRAY", {S(R"({"a": 1})")}).is_null());
}

TEST(JsonTest, ToJsonString) {
  LogicalType row = LogicalType::Struct({{"a", TypeId::kInt64}, {"b", TypeId::kString}});
  Value value = Value::Struct(row, {Value::Int64(1), S("x\n\"")});
  EXPECT_EQ(Eval("TO_JSON_STRING", {value}), S(R"({"a":1,"b":"x\n\""})"));
  EXPECT_EQ(Eval("TO_JSON_STRING", {Value::Int64(int64_t{1} << 60)}), S("\"1152921504606846976\""));
  EXPECT_EQ(Eval("TO_JSON_STRING", {Value::Float64(0.5)}), S("0.5"));
  EXPECT_EQ(Eval("TO_JSON_STRING", {Value::Null(TypeId::kInt64)}), S("null"));
  EXPECT_EQ(Eval("TO_JSON_STRING", {Value::Array(TypeId::kInt64, {}), Value::Bool(true)}),
            S("[]"));
  EXPECT_EQ(Eval("TO_JSON_STRING", {Value::Array(TypeId::kInt64, {Value::Int64(1)}),
                                    Value::Bool(true)}),
            S("[\n  1\n]"));
  EXPECT_EQ(Eval("TO_JSON", {Value::Int64(int64_t{1} << 60)}), J("1152921504606846976"));
}

TEST(JsonTest, Conversions) {
  EXPECT_EQ(Eval("INT64", {J("12")}), Value::Int64(12));
  EXPECT_EQ(Eval("INT64", {J("12.0")}), Value::Int64(12));
  EXPECT_EQ(Eval("FLOAT64", {J("1.25")}), Value::Float64(1.25));
  EXPECT_EQ(Eval("JSON_TYPE", {J(R"({"a":1})")}), S("object"));
  ExpectError("INT64", {J("10.1")}, ErrorKind::kOutOfRange,
              "The provided JSON number: 10.1 cannot be converted to an integer");
  ExpectError("STRING", {J("1")}, ErrorKind::kOutOfRange,
              "The provided JSON input is not a string");
}

}  // namespace
}  // namespace dq

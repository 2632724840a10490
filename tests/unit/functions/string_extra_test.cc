#include <gtest/gtest.h>

#include "common/error.h"
#include "function_test_util.h"
#include "functions/text_encoding.h"

namespace dq {
namespace {

using testing::Eval;
using testing::ExpectError;

Value S(const std::string& text) { return Value::String(text); }
Value B(const std::string& text) { return Value::Bytes(text); }
Value I(int64_t value) { return Value::Int64(value); }

TEST(StringExtraTest, Format) {
  EXPECT_EQ(Eval("FORMAT", {S("%d-%s-%.1f"), I(7), S("x"), Value::Float64(2.25)}), S("7-x-2.2"));
  EXPECT_EQ(Eval("FORMAT", {S("%08.3f|%-6d|%+.2e"), Value::Float64(-3.14159), I(5),
                            Value::Float64(1234.5)}),
            S("-003.142|5     |+1.23e+03"));
  EXPECT_EQ(Eval("FORMAT", {S("%T"), Value::Array(TypeId::kString, {S("a"), S("b")})}),
            S(R"(["a", "b"])"));
  EXPECT_EQ(Eval("FORMAT", {S("%'.2f"), Value::Float64(1234567.891)}), S("1,234,567.89"));
  EXPECT_EQ(Eval("FORMAT", {S("%f"), Value::Float64(1.0 / 0.0)}), S("inf"));
  EXPECT_TRUE(Eval("FORMAT", {S("%d"), Value::Null(TypeId::kInt64)}).is_null());
  EXPECT_EQ(Eval("FORMAT", {S("%t"), Value::Null(TypeId::kInt64)}), S("NULL"));
  ExpectError("FORMAT", {S("%d"), I(1), I(2)}, ErrorKind::kOutOfRange,
              "Too many arguments to FORMAT");
}

TEST(StringExtraTest, Split) {
  EXPECT_EQ(Eval("SPLIT", {S("a,b")}), Value::Array(TypeId::kString, {S("a"), S("b")}));
  EXPECT_EQ(Eval("SPLIT", {S("日本"), S("")}), Value::Array(TypeId::kString, {S("日"), S("本")}));
  EXPECT_EQ(Eval("SPLIT", {B("a--b"), B("--")}), Value::Array(TypeId::kBytes, {B("a"), B("b")}));
}

TEST(StringExtraTest, Instr) {
  EXPECT_EQ(Eval("INSTR", {S("banana"), S("an"), I(1), I(2)}), I(4));
  EXPECT_EQ(Eval("INSTR", {S("banana"), S("an"), I(-3), I(2)}), I(2));
  EXPECT_EQ(Eval("INSTR", {S("banana"), S("an"), I(-1), I(3)}), I(0));
  EXPECT_EQ(Eval("INSTR", {S("a"), S(""), I(-1)}), I(2));
  EXPECT_EQ(Eval("INSTR", {S("日本日本"), S("本"), I(3)}), I(4));
  EXPECT_EQ(Eval("INSTR", {S("abc"), S("c"), I(10)}), I(0));
  ExpectError("INSTR", {S("abc"), S("c"), I(0)}, ErrorKind::kOutOfRange,
              "Position must be non-zero");
}

TEST(StringExtraTest, CaseAndSoundex) {
  EXPECT_EQ(Eval("INITCAP", {S("élan vital_x")}), S("Élan Vital_X"));
  EXPECT_EQ(Eval("SOUNDEX", {S("Pfister")}), S("P236"));
  EXPECT_EQ(Eval("SOUNDEX", {S("Honeyman")}), S("H555"));
  EXPECT_EQ(Eval("NORMALIZE", {S("A\xCC\x8A")}), S("\xC3\x85"));
  EXPECT_EQ(Eval("NORMALIZE", {S("\xC3\x85"), S("NFD")}), S("A\xCC\x8A"));
  EXPECT_EQ(Eval("CONTAINS_SUBSTR", {S("ÀB"), S("àb")}), Value::Bool(true));
}

TEST(StringExtraTest, Encodings) {
  std::string decoded;
  EXPECT_TRUE(Base64Decode("aGk", &decoded));
  EXPECT_EQ(decoded, "hi");
  decoded.clear();
  EXPECT_FALSE(Base64Decode("a", &decoded));
  EXPECT_EQ(Eval("TO_BASE64", {B("\xff\xfe")}), S("//4="));
  EXPECT_EQ(Eval("FROM_HEX", {S("F")}), B("\x0f"));
  EXPECT_EQ(Eval("SAFE_CONVERT_BYTES_TO_STRING", {B("\xed\xa0\x80")}),
            S("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"));
  EXPECT_TRUE(Eval("CODE_POINTS_TO_STRING",
                   {Value::Array(TypeId::kInt64, {I(65), Value::Null(TypeId::kInt64)})})
                  .is_null());
  EXPECT_EQ(Eval("TO_CODE_POINTS", {S("")}), Value::Array(TypeId::kInt64, {}));
  ExpectError("CODE_POINTS_TO_BYTES", {Value::Array(TypeId::kInt64, {I(256)})},
              ErrorKind::kOutOfRange, "Invalid byte value: 256");
}

}  // namespace
}  // namespace dq

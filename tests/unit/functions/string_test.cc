#include <gtest/gtest.h>

#include "common/error.h"
#include "function_test_util.h"

namespace dq {
namespace {

using testing::Eval;
using testing::EvalConstant;
using testing::ExpectError;

Value S(const std::string& text) { return Value::String(text); }
Value B(const std::string& text) { return Value::Bytes(text); }
Value I(int64_t value) { return Value::Int64(value); }
Value True() { return Value::Bool(true); }
Value False() { return Value::Bool(false); }

TEST(StringTest, Lengths) {
  EXPECT_EQ(Eval("LENGTH", {S("héllo")}), I(5));
  EXPECT_EQ(Eval("CHAR_LENGTH", {S("日本語")}), I(3));
  EXPECT_EQ(Eval("CHARACTER_LENGTH", {S("")}), I(0));
  EXPECT_EQ(Eval("LENGTH", {B("héllo")}), I(6));
  EXPECT_EQ(Eval("BYTE_LENGTH", {S("日本語")}), I(9));
  EXPECT_TRUE(Eval("LENGTH", {Value::Null(TypeId::kString)}).is_null());
  EXPECT_EQ(EvalConstant("LENGTH", {S("a constant string value")}), I(23));
}

TEST(StringTest, LowerUpper) {
  EXPECT_EQ(Eval("UPPER", {S("abc xyz, Éé ß")}), S("ABC XYZ, ÉÉ ß"));
  EXPECT_EQ(Eval("LOWER", {S("ÀÉÎ ΣΑΣ ПРИВЕТ Abc")}), S("àéî σασ привет abc"));
  EXPECT_EQ(Eval("UPPER", {S("ÿ")}), S("Ÿ"));
  EXPECT_EQ(Eval("UPPER", {B("ab\xE9")}), B("AB\xE9"));
  EXPECT_EQ(Eval("LOWER", {S("")}), S(""));
}

TEST(StringTest, Concat) {
  EXPECT_EQ(Eval("CONCAT", {S("a"), S("bc"), S("")}), S("abc"));
  EXPECT_EQ(Eval("CONCAT", {S("a fairly long "), S("string to join")}),
            S("a fairly long string to join"));
  EXPECT_TRUE(Eval("CONCAT", {S("a"), Value::Null(TypeId::kString)}).is_null());
  EXPECT_EQ(Eval("CONCAT", {B("\x01"), B("\x02")}), B("\x01\x02"));
  EXPECT_EQ(Eval("$concat", {S("x"), S("y")}), S("xy"));
  EXPECT_EQ(Eval("CONCAT", {S("only")}), S("only"));
}

TEST(StringTest, Substr) {
  EXPECT_EQ(Eval("SUBSTR", {S("apple"), I(2)}), S("pple"));
  EXPECT_EQ(Eval("SUBSTR", {S("apple"), I(2), I(2)}), S("pp"));
  EXPECT_EQ(Eval("SUBSTR", {S("apple"), I(0), I(2)}), S("ap"));
  EXPECT_EQ(Eval("SUBSTR", {S("apple"), I(-2)}), S("le"));
  EXPECT_EQ(Eval("SUBSTR", {S("apple"), I(-10), I(3)}), S("app"));
  EXPECT_EQ(Eval("SUBSTR", {S("apple"), I(10)}), S(""));
  EXPECT_EQ(Eval("SUBSTR", {S("apple"), I(1), I(0)}), S(""));
  EXPECT_EQ(Eval("SUBSTR", {S("apple"), I(INT64_MIN), I(INT64_MAX)}), S("apple"));
  EXPECT_EQ(Eval("SUBSTRING", {S("日本語テキスト"), I(2), I(3)}), S("本語テ"));
  EXPECT_EQ(Eval("SUBSTR", {S("日本語テキスト"), I(-2)}), S("スト"));
  EXPECT_EQ(Eval("SUBSTR", {B("日本"), I(2), I(2)}), B("\x97\xA5"));
  EXPECT_EQ(Eval("SUBSTR", {S("a long string for substr, longer than twelve"), I(3), I(20)}),
            S("long string for subs"));
  ExpectError("SUBSTR", {S("apple"), I(1), I(-1)}, ErrorKind::kOutOfRange,
              "Third argument in SUBSTR() cannot be negative");
}

TEST(StringTest, LeftRight) {
  EXPECT_EQ(Eval("LEFT", {S("日本語"), I(2)}), S("日本"));
  EXPECT_EQ(Eval("RIGHT", {S("日本語"), I(2)}), S("本語"));
  EXPECT_EQ(Eval("RIGHT", {S("abc"), I(10)}), S("abc"));
  EXPECT_EQ(Eval("LEFT", {B("abc"), I(0)}), B(""));
  ExpectError("LEFT", {S("abc"), I(-1)}, ErrorKind::kOutOfRange,
              "Second argument in LEFT() cannot be negative");
}

TEST(StringTest, Trim) {
  EXPECT_EQ(Eval("TRIM", {S("  a b \t\n")}), S("a b"));
  EXPECT_EQ(Eval("LTRIM", {S("  ab ")}), S("ab "));
  EXPECT_EQ(Eval("RTRIM", {S("  ab ")}), S("  ab"));
  EXPECT_EQ(Eval("TRIM", {S("xxyabcyx"), S("xy")}), S("abc"));
  EXPECT_EQ(Eval("TRIM", {S("ééaéé"), S("é")}), S("a"));
  EXPECT_EQ(Eval("RTRIM", {S("abc日日"), S("日")}), S("abc"));
  EXPECT_EQ(Eval("LTRIM", {B("\x01\x01z"), B("\x01")}), B("z"));
  EXPECT_EQ(Eval("TRIM", {S("   ")}), S(""));
}

TEST(StringTest, SearchFunctions) {
  EXPECT_EQ(Eval("STARTS_WITH", {S("apple"), S("app")}), True());
  EXPECT_EQ(Eval("STARTS_WITH", {S("apple"), S("")}), True());
  EXPECT_EQ(Eval("ENDS_WITH", {S("apple"), S("pple")}), True());
  EXPECT_EQ(Eval("ENDS_WITH", {S("apple"), S("x")}), False());
  EXPECT_EQ(Eval("STRPOS", {S("日本語"), S("語")}), I(3));
  EXPECT_EQ(Eval("STRPOS", {S("abc"), S("z")}), I(0));
  EXPECT_EQ(Eval("INSTR", {B("abcabc"), B("ca")}), I(3));
}

TEST(StringTest, ReplaceRepeatReverse) {
  EXPECT_EQ(Eval("REPLACE", {S("a-b-c"), S("-"), S("--")}), S("a--b--c"));
  EXPECT_EQ(Eval("REPLACE", {S("abc"), S(""), S("x")}), S("abc"));
  EXPECT_EQ(Eval("REPLACE", {S("aaaa"), S("aa"), S("")}), S(""));
  EXPECT_EQ(Eval("REPEAT", {S("ab"), I(3)}), S("ababab"));
  EXPECT_EQ(Eval("REPEAT", {S("xyz"), I(0)}), S(""));
  EXPECT_EQ(Eval("REPEAT", {S("abcdef"), I(5)}), S("abcdefabcdefabcdefabcdefabcdef"));
  ExpectError("REPEAT", {S("ab"), I(-1)}, ErrorKind::kOutOfRange,
              "Second argument in REPEAT() cannot be negative");
  ExpectError("REPEAT", {S("ab"), I(INT64_MAX)}, ErrorKind::kOutOfRange,
              "REPEAT result would exceed the maximum string size");
  EXPECT_EQ(Eval("REVERSE", {S("añb日")}), S("日bña"));
  EXPECT_EQ(Eval("REVERSE", {B("\x01\x02\x03")}), B("\x03\x02\x01"));
}

TEST(StringTest, Pad) {
  EXPECT_EQ(Eval("LPAD", {S("abc"), I(6)}), S("   abc"));
  EXPECT_EQ(Eval("LPAD", {S("abc"), I(8), S("xy")}), S("xyxyxabc"));
  EXPECT_EQ(Eval("RPAD", {S("abc"), I(8), S("日本")}), S("abc日本日本日"));
  EXPECT_EQ(Eval("LPAD", {S("abcdef"), I(2)}), S("ab"));
  EXPECT_EQ(Eval("RPAD", {B("ab"), I(4), B(std::string(1, '\0'))}), B(std::string("ab\0\0", 4)));
  ExpectError("LPAD", {S("abc"), I(-1)}, ErrorKind::kOutOfRange,
              "Second argument in LPAD() cannot be negative");
  ExpectError("RPAD", {S("abc"), I(5), S("")}, ErrorKind::kOutOfRange,
              "Third argument in RPAD() cannot be empty");
}

TEST(StringTest, AsciiChr) {
  EXPECT_EQ(Eval("ASCII", {S("abc")}), I(97));
  EXPECT_EQ(Eval("ASCII", {S("")}), I(0));
  EXPECT_EQ(Eval("ASCII", {S("é")}), I(233));
  EXPECT_EQ(Eval("CHR", {I(65)}), S("A"));
  EXPECT_EQ(Eval("CHR", {I(0x65E5)}), S("日"));
  ExpectError("CHR", {I(0xD800)}, ErrorKind::kOutOfRange, "Invalid code point: 55296");
}

TEST(StringTest, Like) {
  EXPECT_EQ(Eval("$like", {S("apple"), S("apple")}), True());
  EXPECT_EQ(Eval("$like", {S("apple"), S("app%")}), True());
  EXPECT_EQ(Eval("$like", {S("apple"), S("%ple")}), True());
  EXPECT_EQ(Eval("$like", {S("apple"), S("%pl%")}), True());
  EXPECT_EQ(Eval("$like", {S("apple"), S("%x%")}), False());
  EXPECT_EQ(Eval("$like", {S("apple"), S("a_p_e")}), True());
  EXPECT_EQ(Eval("$like", {S("apple"), S("a%l_")}), True());
  EXPECT_EQ(Eval("$like", {S("apple"), S("a%z%e")}), False());
  EXPECT_EQ(Eval("$like", {S(""), S("%")}), True());
  EXPECT_EQ(Eval("$like", {S(""), S("_")}), False());
  EXPECT_EQ(Eval("$like", {S("日本"), S("__")}), True());
  EXPECT_EQ(Eval("$like", {B("日本"), B("__")}), False());
  EXPECT_EQ(Eval("$like", {S("100%"), S("100\\%")}), True());
  EXPECT_EQ(Eval("$like", {S("1000"), S("100\\%")}), False());
  EXPECT_EQ(Eval("$like", {S("a_c"), S("a\\_c")}), True());
  EXPECT_EQ(Eval("$like", {S("abc"), S("a\\_c")}), False());
  EXPECT_EQ(Eval("$like", {S("mississippi"), S("%iss%ppi")}), True());
  EXPECT_EQ(Eval("$like", {S("mississippi"), S("m%s_s%i")}), True());
  ExpectError("$like", {S("a"), S("a\\")}, ErrorKind::kInvalidInput,
              "LIKE pattern ends with a backslash");
  EXPECT_TRUE(Eval("$like", {Value::Null(TypeId::kString), S("a")}).is_null());
}

TEST(StringTest, LikeWithPatternColumn) {
  // No constant pattern: compiled per distinct pattern value.
  std::vector<Value> result = testing::RunScalar(
      "$like",
      {testing::FlatVector(TypeId::kString, {S("abc"), S("abd"), S("xyz"), S("q")}),
       testing::FlatVector(TypeId::kString, {S("ab%"), S("ab%"), S("%z"), Value()})},
      4);
  EXPECT_EQ(result[0], True());
  EXPECT_EQ(result[1], True());
  EXPECT_EQ(result[2], True());
  EXPECT_TRUE(result[3].is_null());
}

TEST(StringTest, DictionaryInput) {
  Vector strings = testing::FlatVector(
      TypeId::kString, {S("first long string value"), S("second long string value")});
  SelectionVector selection(3);
  selection.set_index(0, 1);
  selection.set_index(1, 0);
  selection.set_index(2, 1);
  strings.Slice(selection, 3);
  std::vector<Value> result = testing::RunScalar("SUBSTR", {strings, Vector::Constant(I(8))}, 3);
  EXPECT_EQ(result[0], S("long string value"));
  EXPECT_EQ(result[1], S("ong string value"));
  EXPECT_EQ(result[2], S("long string value"));
}

}  // namespace
}  // namespace dq

#include <gtest/gtest.h>

#include "common/error.h"
#include "function_test_util.h"

namespace dq {
namespace {

using testing::Eval;
using testing::EvalConstant;
using testing::ExpectError;
using testing::FlatVector;
using testing::RunAggregate;
using testing::RunScalar;

Value I(int64_t value) { return Value::Int64(value); }
Value S(const std::string& text) { return Value::String(text); }
Value IntArray(std::vector<Value> elements) { return Value::Array(TypeId::kInt64, elements); }
const LogicalType kIntArray = LogicalType::Array(TypeId::kInt64);

TEST(ArrayTest, LengthReverseConcatOverSeveralRows) {
  std::vector<Value> arrays = {IntArray({I(1), I(2)}), IntArray({}), Value::Null(kIntArray),
                               IntArray({I(3), Value::Null(TypeId::kInt64), I(5)})};
  std::vector<Value> lengths = RunScalar("ARRAY_LENGTH", {FlatVector(kIntArray, arrays)}, 4);
  EXPECT_EQ(lengths, (std::vector<Value>{I(2), I(0), Value::Null(TypeId::kInt64), I(3)}));
  std::vector<Value> reversed = RunScalar("ARRAY_REVERSE", {FlatVector(kIntArray, arrays)}, 4);
  EXPECT_EQ(reversed[0], IntArray({I(2), I(1)}));
  EXPECT_EQ(reversed[1], IntArray({}));
  EXPECT_TRUE(reversed[2].is_null());
  EXPECT_EQ(reversed[3], IntArray({I(5), Value::Null(TypeId::kInt64), I(3)}));
  std::vector<Value> concatenated =
      RunScalar("ARRAY_CONCAT", {FlatVector(kIntArray, arrays), FlatVector(kIntArray, arrays)}, 4);
  EXPECT_EQ(concatenated[0], IntArray({I(1), I(2), I(1), I(2)}));
  EXPECT_EQ(concatenated[1], IntArray({}));
  EXPECT_TRUE(concatenated[2].is_null());
  EXPECT_EQ(concatenated[3].children().size(), 6u);
  EXPECT_EQ(EvalConstant("ARRAY_LENGTH", {IntArray({I(7)})}), I(1));
}

TEST(ArrayTest, SubscriptsOverADictionaryVector) {
  Vector arrays = FlatVector(kIntArray, {IntArray({I(10), I(20)}), IntArray({I(30)})});
  SelectionVector selection(3);
  selection.set_index(0, 1);
  selection.set_index(1, 0);
  selection.set_index(2, 1);
  arrays.Slice(selection, 3);
  Vector offsets = FlatVector(TypeId::kInt64, {I(0), I(1), I(0)});
  EXPECT_EQ(RunScalar("$array_at_offset", {arrays, offsets}, 3),
            (std::vector<Value>{I(30), I(20), I(30)}));
  Vector far = FlatVector(TypeId::kInt64, {I(1), I(1), I(5)});
  std::vector<Value> safe = RunScalar("$safe_array_at_offset", {arrays, far}, 3);
  EXPECT_TRUE(safe[0].is_null());
  EXPECT_EQ(safe[1], I(20));
  EXPECT_TRUE(safe[2].is_null());
  ExpectError("$array_at_ordinal", {IntArray({I(1)}), I(2)}, ErrorKind::kOutOfRange,
              "Array index 2 is out of bounds");
  EXPECT_EQ(Eval("$array_at_ordinal", {IntArray({I(1), I(9)}), I(2)}), I(9));
}

TEST(ArrayTest, ArrayToStringAndGenerators) {
  Value words = Value::Array(TypeId::kString, {S("a"), Value::Null(TypeId::kString), S("c")});
  EXPECT_EQ(Eval("ARRAY_TO_STRING", {words, S("+")}), S("a+c"));
  EXPECT_EQ(Eval("ARRAY_TO_STRING", {words, S("+"), S("_")}), S("a+_+c"));
  EXPECT_EQ(Eval("GENERATE_ARRAY", {I(3), I(9), I(3)}), IntArray({I(3), I(6), I(9)}));
  EXPECT_EQ(Eval("GENERATE_ARRAY", {I(3), I(1)}), IntArray({}));
  ExpectError("GENERATE_ARRAY", {I(1), I(2), I(0)}, ErrorKind::kOutOfRange,
              "Sequence step cannot be 0.");
}

TEST(ArrayTest, AggregatesMergePartialStates) {
  std::vector<Value> values = {I(1), I(2), I(3), I(4)};
  EXPECT_EQ(RunAggregate("ARRAY_AGG", TypeId::kInt64, values, 2),
            IntArray({I(1), I(2), I(3), I(4)}));
  EXPECT_EQ(RunAggregate("ARRAY_AGG", TypeId::kInt64, values, 1, /*reverse_combine=*/true),
            IntArray({I(2), I(3), I(4), I(1)}));
  EXPECT_EQ(RunAggregate("STRING_AGG", TypeId::kString,
                         {S("x"), Value::Null(TypeId::kString), S("y")}, 1),
            S("x,y"));
  EXPECT_TRUE(RunAggregate("ARRAY_AGG", TypeId::kInt64, {}, 0).is_null());
}

}  // namespace
}  // namespace dq

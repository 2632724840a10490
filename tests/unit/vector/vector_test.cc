#include "vector/vector.h"

#include <gtest/gtest.h>

#include "vector/data_chunk.h"

namespace dq {
namespace {

TEST(VectorTest, FlatValuesAndNulls) {
  Vector vector(TypeId::kInt64, 4);
  vector.SetValue(0, Value::Int64(7));
  vector.SetValue(1, Value::Null(TypeId::kInt64));
  vector.SetValue(2, Value::Int64(-3));
  EXPECT_EQ(vector.GetValue(0), Value::Int64(7));
  EXPECT_TRUE(vector.GetValue(1).is_null());
  EXPECT_EQ(vector.GetValue(2), Value::Int64(-3));
}

// A mask grows its words only up to the last row set invalid; rows past them are valid.
TEST(VectorTest, ValidityPastAllocatedWordsIsValid) {
  ValidityMask mask;
  mask.SetInvalid(3);
  EXPECT_FALSE(mask.RowIsValid(3));
  EXPECT_TRUE(mask.RowIsValid(4));
  EXPECT_TRUE(mask.RowIsValid(100000));
  EXPECT_EQ(mask.CountInvalid(5000), 1u);
}

TEST(VectorTest, StringsShortAndLong) {
  Vector vector(TypeId::kString, 2);
  vector.SetValue(0, Value::String("short"));
  vector.SetValue(1, Value::String("a string longer than twelve bytes"));
  EXPECT_EQ(vector.GetValue(0).string_value(), "short");
  EXPECT_EQ(vector.GetValue(1).string_value(), "a string longer than twelve bytes");
  EXPECT_TRUE(vector.Data<StringView>()[0].IsInlined());
  EXPECT_FALSE(vector.Data<StringView>()[1].IsInlined());
}

TEST(VectorTest, StringViewEquality) {
  std::string long_a = "abcdefghijklmnopq";
  std::string long_b = "abcdefghijklmnopq";
  EXPECT_EQ(StringView(long_a), StringView(long_b));
  EXPECT_NE(StringView("abcdefghijklmnopq"), StringView("abcdefghijklmnopX"));
  EXPECT_NE(StringView("abc"), StringView("abd"));
  EXPECT_LT(StringView("abc"), StringView("abd"));
  EXPECT_EQ(sizeof(StringView), 16u);
}

TEST(VectorTest, ConstantReadsSameForEveryRow) {
  Vector vector = Vector::Constant(Value::String("same for all rows, long enough"));
  UnifiedVector unified;
  vector.ToUnified(100, unified);
  EXPECT_EQ(unified.index(0), 0u);
  EXPECT_EQ(unified.index(99), 0u);
  EXPECT_EQ(vector.GetValue(50).string_value(), "same for all rows, long enough");
}

TEST(VectorTest, DictionarySliceAndFlatten) {
  Vector vector(TypeId::kFloat64, 4);
  for (int row = 0; row < 4; ++row) vector.SetValue(row, Value::Float64(row * 1.5));
  SelectionVector selection(2);
  selection.set_index(0, 3);
  selection.set_index(1, 1);
  vector.Slice(selection, 2);
  EXPECT_EQ(vector.kind(), VectorKind::kDictionary);
  EXPECT_EQ(vector.GetValue(0), Value::Float64(4.5));
  // Slicing a dictionary composes the selections.
  SelectionVector again(1);
  again.set_index(0, 1);
  vector.Slice(again, 1);
  EXPECT_EQ(vector.GetValue(0), Value::Float64(1.5));
  vector.Flatten(1);
  EXPECT_EQ(vector.kind(), VectorKind::kFlat);
  EXPECT_EQ(vector.GetValue(0), Value::Float64(1.5));
}

TEST(VectorTest, ArraysAndStructsRoundTrip) {
  LogicalType array_type = LogicalType::Array(TypeId::kInt64);
  Vector arrays(array_type, 3);
  arrays.SetValue(0, Value::Array(TypeId::kInt64, {Value::Int64(1), Value::Int64(2)}));
  arrays.SetValue(1, Value::Null(array_type));
  arrays.SetValue(2, Value::Array(TypeId::kInt64, {}));
  EXPECT_EQ(arrays.GetValue(0).children().size(), 2u);
  EXPECT_TRUE(arrays.GetValue(1).is_null());
  EXPECT_EQ(arrays.GetValue(2).children().size(), 0u);

  LogicalType struct_type = LogicalType::Struct({{"a", TypeId::kInt64}, {"b", TypeId::kString}});
  Vector structs(struct_type, 2);
  Value first = Value::Struct(struct_type, {Value::Int64(1), Value::String("x")});
  structs.SetValue(0, first);
  structs.SetValue(1, Value::Null(struct_type));
  EXPECT_EQ(structs.GetValue(0), first);
  EXPECT_TRUE(structs.GetValue(1).is_null());

  Vector copy(struct_type, 2);
  CopyVector(structs, 2, copy, 0);
  EXPECT_EQ(copy.GetValue(0), first);
  EXPECT_TRUE(copy.GetValue(1).is_null());
}

TEST(DataChunkTest, AppendGrowsAndCopiesStrings) {
  DataChunk target({TypeId::kInt64, TypeId::kString}, 2);
  DataChunk source({TypeId::kInt64, TypeId::kString}, 2);
  for (int batch = 0; batch < 3; ++batch) {
    source.Reset();
    source.SetValue(0, 0, Value::Int64(batch));
    source.SetValue(1, 0, Value::String("row number " + std::to_string(batch) + " long text"));
    source.SetSize(1);
    target.Append(source);
  }
  ASSERT_EQ(target.size(), 3u);
  EXPECT_EQ(target.GetValue(0, 2), Value::Int64(2));
  EXPECT_EQ(target.GetValue(1, 1).string_value(), "row number 1 long text");
}

}  // namespace
}  // namespace dq

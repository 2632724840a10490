#include "exec/operator/physical_unnest.h"

#include <gtest/gtest.h>

#include <array>

namespace dq {
namespace {

const LogicalType kIntArray = LogicalType::Array(TypeId::kInt64);

// An input chunk (id INT64, arr ARRAY<INT64>) where row r's array is [0, 1, ..., lengths[r]-1]
// (NULL for a negative length).
DataChunk MakeInput(const std::vector<int64_t>& lengths) {
  DataChunk input({TypeId::kInt64, kIntArray}, lengths.size());
  for (size_t row = 0; row < lengths.size(); ++row) {
    input.SetValue(0, row, Value::Int64(static_cast<int64_t>(row)));
    if (lengths[row] < 0) {
      input.SetValue(1, row, Value::Null(kIntArray));
      continue;
    }
    std::vector<Value> elements;
    for (int64_t element = 0; element < lengths[row]; ++element) {
      elements.push_back(Value::Int64(element));
    }
    input.SetValue(1, row, Value::Array(TypeId::kInt64, std::move(elements)));
  }
  input.SetSize(lengths.size());
  return input;
}

std::unique_ptr<PhysicalUnnest> MakeUnnest(bool preserve_empty) {
  ExpressionPtr array = MakeColumnRef({1, 1}, kIntArray, "arr");
  array->index = 1;
  std::vector<LogicalType> types = {TypeId::kInt64, kIntArray, TypeId::kInt64, TypeId::kInt64};
  return std::make_unique<PhysicalUnnest>(types, std::move(array), /*with_offset=*/true,
                                          preserve_empty);
}

// Runs the operator over `input` until it asks for more input; returns every output row as
// (id, element, offset) with -1 for NULL, and the size of each output chunk.
std::vector<std::array<int64_t, 3>> RunToCompletion(const PhysicalUnnest& unnest, DataChunk& input,
                                                    std::vector<size_t>* chunk_sizes) {
  ExecutionContext context;
  std::unique_ptr<OperatorState> state = unnest.GetOperatorState(context);
  std::vector<std::array<int64_t, 3>> rows;
  for (int call = 0; call < 100; ++call) {
    DataChunk output(unnest.types());
    OperatorResult result = unnest.Execute(context, input, output, *state);
    chunk_sizes->push_back(output.size());
    for (size_t row = 0; row < output.size(); ++row) {
      auto read = [&](size_t column) {
        Value value = output.GetValue(column, row);
        return value.is_null() ? int64_t{-1} : value.int64_value();
      };
      rows.push_back({read(0), read(2), read(3)});
    }
    if (result == OperatorResult::kNeedMoreInput) return rows;
  }
  ADD_FAILURE() << "the operator never finished its input";
  return rows;
}

TEST(PhysicalUnnestTest, ResumesAcrossOutputChunks) {
  DataChunk input = MakeInput({1500, 0, -1, 3000, 2});
  auto unnest = MakeUnnest(/*preserve_empty=*/false);
  std::vector<size_t> sizes;
  std::vector<std::array<int64_t, 3>> rows = RunToCompletion(*unnest, input, &sizes);
  ASSERT_EQ(rows.size(), 4502u);
  EXPECT_EQ(sizes, (std::vector<size_t>{kBatchSize, kBatchSize, 4502 - 2 * kBatchSize}));
  size_t position = 0;
  for (int64_t id : {0, 3, 4}) {
    int64_t length = id == 0 ? 1500 : id == 3 ? 3000 : 2;
    for (int64_t element = 0; element < length; ++element, ++position) {
      ASSERT_EQ(rows[position], (std::array<int64_t, 3>{id, element, element})) << position;
    }
  }
}

TEST(PhysicalUnnestTest, PreserveEmptyKeepsRowsWithoutElements) {
  DataChunk input = MakeInput({0, 2, -1});
  auto unnest = MakeUnnest(/*preserve_empty=*/true);
  std::vector<size_t> sizes;
  std::vector<std::array<int64_t, 3>> rows = RunToCompletion(*unnest, input, &sizes);
  std::vector<std::array<int64_t, 3>> expected = {{0, -1, -1}, {1, 0, 0}, {1, 1, 1}, {2, -1, -1}};
  EXPECT_EQ(rows, expected);
  // The same state serves the next input chunk.
  DataChunk second = MakeInput({-1});
  ExecutionContext context;
  std::unique_ptr<OperatorState> state = unnest->GetOperatorState(context);
  DataChunk output(unnest->types());
  EXPECT_EQ(unnest->Execute(context, second, output, *state), OperatorResult::kNeedMoreInput);
  EXPECT_EQ(output.size(), 1u);
}

}  // namespace
}  // namespace dq

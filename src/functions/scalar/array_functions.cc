// Array functions:
//
//   ARRAY_LENGTH(a)                   number of elements (NULL elements count).
//   ARRAY_CONCAT(a, b, ...), a || b   the elements of every argument in order; NULL if any
//                                     argument is NULL.
//   ARRAY_REVERSE(a)                  the elements in reverse order.
//   ARRAY_TO_STRING(a, delimiter [, null_text])
//                                     STRING or BYTES elements joined by the delimiter; NULL
//                                     elements are skipped, or replaced by null_text when given.
// A NULL array gives NULL.
#include <string>

#include "common/error.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/kernel_helpers.h"
#include "functions/scalar/array_kernels.h"
#include "vector/string_view.h"

namespace dq {

namespace {

constexpr size_t kUnlimitedArguments = static_cast<size_t>(-1);

bool BindArrayArgument(const ScalarBindInput& input, ScalarBindOutput* output) {
  const LogicalType& array = input.argument_types[0];
  if (array.id() != TypeId::kArray) return false;
  output->argument_types = {array};
  output->return_type = array;
  return true;
}

bool BindArrayLength(const ScalarBindInput& input, ScalarBindOutput* output) {
  if (!BindArrayArgument(input, output)) return false;
  output->return_type = TypeId::kInt64;
  return true;
}

void ArrayLengthKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  ExecuteUnary<ArrayEntry, int64_t>(args.column(0), args.size(), result, [](ArrayEntry entry) {
    return static_cast<int64_t>(entry.length);
  });
}

// Every argument is an ARRAY of one element type (NULL literals take that type).
bool BindArrayConcat(const ScalarBindInput& input, ScalarBindOutput* output) {
  LogicalType array = TypeId::kNull;
  for (const LogicalType& type : input.argument_types) {
    if (type.id() == TypeId::kNull) continue;
    if (type.id() != TypeId::kArray) return false;
    if (array.id() == TypeId::kNull) array = type;
    if (type != array) return false;
  }
  if (array.id() == TypeId::kNull) return false;
  output->argument_types.assign(input.argument_types.size(), array);
  output->return_type = array;
  return true;
}

void ArrayConcatKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  const size_t count = args.size();
  const size_t width = args.column_count();
  std::vector<UnifiedVector> inputs(width);
  for (size_t column = 0; column < width; ++column)
    args.column(column).ToUnified(count, inputs[column]);
  // Pass 1: every row's entry (NULL if an argument is NULL).
  ArrayEntry* entries = result.Data<ArrayEntry>();
  uint64_t total = 0;
  for (size_t row = 0; row < count; ++row) {
    uint64_t length = 0;
    bool is_null = false;
    for (const UnifiedVector& input : inputs) {
      sel_t index = input.index(row);
      if (!input.validity->RowIsValid(index)) {
        is_null = true;
        break;
      }
      length += input.Data<ArrayEntry>()[index].length;
    }
    if (is_null) {
      result.SetNull(row);
      entries[row] = ArrayEntry{total, 0};
      continue;
    }
    if (length > kMaxArrayElements) {
      throw Error(ErrorKind::kOutOfRange, "ARRAY_CONCAT result has too many elements");
    }
    entries[row] = ArrayEntry{total, length};
    total += length;
  }
  result.SetArraySize(total);
  // Pass 2: per argument, move all of its elements to their places in one go.
  for (const UnifiedVector& input : inputs) {
    std::vector<sel_t> source_rows;
    std::vector<sel_t> target_rows;
    for (size_t row = 0; row < count; ++row) {
      if (!result.validity().RowIsValid(row)) continue;
      ArrayEntry entry = input.Data<ArrayEntry>()[input.index(row)];
      for (uint64_t element = 0; element < entry.length; ++element) {
        source_rows.push_back(static_cast<sel_t>(entry.offset + element));
        target_rows.push_back(static_cast<sel_t>(entries[row].offset + element));
      }
      // The next argument's elements follow this one's.
      entries[row].offset += entry.length;
    }
    SelectionVector sources(source_rows.size());
    SelectionVector targets(target_rows.size());
    for (size_t index = 0; index < source_rows.size(); ++index) {
      sources.set_index(index, source_rows[index]);
      targets.set_index(index, target_rows[index]);
    }
    MoveElements(ArrayElements(input), sources, targets, source_rows.size(), result.array_child());
  }
  // Restore the entries' start offsets (pass 2 advanced them past every argument).
  for (size_t row = 0; row < count; ++row) entries[row].offset -= entries[row].length;
}

void ArrayReverseKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  const size_t count = args.size();
  UnifiedVector arrays;
  args.column(0).ToUnified(count, arrays);
  const ArrayEntry* entries = arrays.Data<ArrayEntry>();
  ArrayEntry* out = result.Data<ArrayEntry>();
  std::vector<sel_t> source_rows;
  for (size_t row = 0; row < count; ++row) {
    sel_t index = arrays.index(row);
    if (!arrays.validity->RowIsValid(index)) {
      result.SetNull(row);
      out[row] = ArrayEntry{source_rows.size(), 0};
      continue;
    }
    const ArrayEntry entry = entries[index];
    out[row] = ArrayEntry{source_rows.size(), entry.length};
    for (uint64_t element = entry.length; element > 0; --element) {
      source_rows.push_back(static_cast<sel_t>(entry.offset + element - 1));
    }
  }
  result.SetArraySize(source_rows.size());
  SelectionVector selection(source_rows.size());
  for (size_t index = 0; index < source_rows.size(); ++index) {
    selection.set_index(index, source_rows[index]);
  }
  CopyVector(ArrayElements(arrays), selection, source_rows.size(), result.array_child(), 0);
}

bool BindArrayToString(const ScalarBindInput& input, ScalarBindOutput* output) {
  const LogicalType& array = input.argument_types[0];
  if (array.id() != TypeId::kArray) return false;
  TypeId element = array.element_type().id();
  if (element != TypeId::kString && element != TypeId::kBytes) return false;
  output->argument_types.assign(input.argument_types.size(), element);
  output->argument_types[0] = array;
  output->return_type = element;
  return true;
}

void ArrayToStringKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  const size_t count = args.size();
  const bool has_null_text = args.column_count() == 3;
  std::vector<UnifiedVector> inputs(args.column_count());
  for (size_t column = 0; column < args.column_count(); ++column) {
    args.column(column).ToUnified(count, inputs[column]);
  }
  const Vector& element_vector = ArrayElements(inputs[0]);
  UnifiedVector elements;
  element_vector.ToUnified(inputs[0].source->array_size(), elements);
  const StringView* element_text = elements.Data<StringView>();
  StringView* out = result.Data<StringView>();
  std::string text;
  for (size_t row = 0; row < count; ++row) {
    bool is_null = false;
    for (const UnifiedVector& input : inputs) is_null = is_null || !input.IsValid(row);
    if (is_null) {
      result.SetNull(row);
      continue;
    }
    const ArrayEntry entry = inputs[0].Data<ArrayEntry>()[inputs[0].index(row)];
    std::string_view delimiter = inputs[1].Data<StringView>()[inputs[1].index(row)].view();
    text.clear();
    bool first = true;
    for (uint64_t element = 0; element < entry.length; ++element) {
      sel_t index = elements.index(entry.offset + element);
      std::string_view piece;
      if (elements.validity->RowIsValid(index)) {
        piece = element_text[index].view();
      } else if (has_null_text) {
        piece = inputs[2].Data<StringView>()[inputs[2].index(row)].view();
      } else {
        continue;
      }
      if (!first) text += delimiter;
      text += piece;
      first = false;
    }
    out[row] = result.AddString(text);
  }
}

}  // namespace

void RegisterArrayFunctions(FunctionRegistry& registry) {
  registry.AddScalar(ScalarFunction{.name = "ARRAY_LENGTH",
                                    .kernel = ArrayLengthKernel,
                                    .bind = BindArrayLength,
                                    .min_arguments = 1,
                                    .max_arguments = 1});
  for (const char* name : {"ARRAY_CONCAT", "$concat"}) {
    bool is_operator = name[0] == '$';
    registry.AddScalar(ScalarFunction{.name = name,
                                      .kernel = ArrayConcatKernel,
                                      .bind = BindArrayConcat,
                                      .min_arguments = is_operator ? 2u : 1u,
                                      .max_arguments = is_operator ? 2 : kUnlimitedArguments});
  }
  registry.AddScalar(ScalarFunction{.name = "ARRAY_REVERSE",
                                    .kernel = ArrayReverseKernel,
                                    .bind = BindArrayArgument,
                                    .min_arguments = 1,
                                    .max_arguments = 1});
  registry.AddScalar(ScalarFunction{.name = "ARRAY_TO_STRING",
                                    .kernel = ArrayToStringKernel,
                                    .bind = BindArrayToString,
                                    .min_arguments = 2,
                                    .max_arguments = 3});
}

}  // namespace dq

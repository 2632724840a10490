// Constructing and taking apart nested values over vectors:
//
//   $make_array(e0, e1, ...)       [e0, e1, ...]; the binder coerces every element to one type
//                                  first. NULL elements are kept (GoogleSQL arrays may hold
//                                  them); the array itself is never NULL.
//   $make_struct(f0, f1, ...)      STRUCT(f0, f1, ...); the binder sets the result type, which
//                                  carries the field names.
//   $struct_field(s, i)            field i (a constant INT64) of s; NULL when s is NULL.
//   $array_at_offset(a, i)         a[OFFSET(i)] (and a[i]), zero-based;
//   $array_at_ordinal(a, i)        a[ORDINAL(i)], one-based: out of bounds is an error
//                                  "Array index 5 is out of bounds";
//   $safe_array_at_offset / $safe_array_at_ordinal
//                                  SAFE_OFFSET / SAFE_ORDINAL: out of bounds gives NULL.
//   ARRAY_FIRST(a), ARRAY_LAST(a)  the first / last element; an empty array is an error.
//   "$single_element"(a)         a scalar subquery's value from its collected rows
// A NULL array or NULL index gives NULL.
#include <string>
#include <vector>

#include "common/error.h"
#include "functions/function_list.h"
#include "functions/function_registry.h"
#include "functions/scalar/array_kernels.h"

namespace dq {

namespace {

constexpr size_t kUnlimitedArguments = static_cast<size_t>(-1);

bool BindMakeArray(const ScalarBindInput& input, ScalarBindOutput* output) {
  LogicalType element = TypeId::kNull;
  for (const LogicalType& type : input.argument_types) {
    if (type.id() == TypeId::kNull) continue;
    if (element.id() == TypeId::kNull) element = type;
    if (type != element) return false;
  }
  if (element.id() == TypeId::kNull) element = TypeId::kInt64;
  if (element.id() == TypeId::kArray) return false;  // no arrays of arrays
  output->argument_types.assign(input.argument_types.size(), element);
  output->return_type = LogicalType::Array(element);
  return true;
}

void MakeArrayKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  const size_t count = args.size();
  const size_t width = args.column_count();
  result.SetArraySize(count * width);
  ArrayEntry* entries = result.Data<ArrayEntry>();
  for (size_t row = 0; row < count; ++row) entries[row] = ArrayEntry{row * width, width};
  SelectionVector positions(count);
  for (size_t element = 0; element < width; ++element) {
    for (size_t row = 0; row < count; ++row) {
      positions.set_index(row, static_cast<sel_t>(row * width + element));
    }
    ScatterVector(args.column(element), count, positions, result.array_child());
  }
}

bool BindMakeStruct(const ScalarBindInput& input, ScalarBindOutput* output) {
  std::vector<std::pair<std::string, LogicalType>> fields;
  for (const LogicalType& type : input.argument_types) {
    LogicalType field = type.id() == TypeId::kNull ? LogicalType(TypeId::kInt64) : type;
    fields.emplace_back("", field);
    output->argument_types.push_back(field);
  }
  output->return_type = LogicalType::Struct(std::move(fields));
  return true;
}

void MakeStructKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  std::vector<Vector>& fields = result.struct_children();
  for (size_t field = 0; field < args.column_count(); ++field) {
    CopyVector(args.column(field), args.size(), fields[field], 0);
  }
}

// Field index of $struct_field: a constant INT64 argument chosen by the binder.
size_t ConstantIndex(const Vector& column) {
  DQ_CHECK(column.kind() == VectorKind::kConstant);
  return static_cast<size_t>(column.Data<int64_t>()[0]);
}

bool BindStructField(const ScalarBindInput& input, ScalarBindOutput* output) {
  if (input.argument_types[0].id() != TypeId::kStruct || !input.constant_arguments[1] ||
      input.argument_types[1].id() != TypeId::kInt64) {
    return false;
  }
  const auto& fields = input.argument_types[0].fields();
  int64_t index = input.constant_arguments[1]->int64_value();
  if (index < 0 || static_cast<size_t>(index) >= fields.size()) return false;
  output->argument_types = input.argument_types;
  output->return_type = *fields[index].type;
  return true;
}

void StructFieldKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  const size_t count = args.size();
  UnifiedVector structs;
  args.column(0).ToUnified(count, structs);
  const Vector& field = structs.source->struct_children()[ConstantIndex(args.column(1))];
  // The field's rows are indexed like the struct's own rows.
  SelectionVector rows(count);
  for (size_t row = 0; row < count; ++row) rows.set_index(row, structs.index(row));
  CopyVector(field, rows, count, result, 0);
  if (structs.validity->AllValid()) return;
  for (size_t row = 0; row < count; ++row) {
    if (!structs.IsValid(row)) result.SetNull(row);
  }
}

bool BindSubscript(const ScalarBindInput& input, ScalarBindOutput* output) {
  const LogicalType& array = input.argument_types[0];
  if (array.id() != TypeId::kArray) return false;
  output->argument_types = {array, TypeId::kInt64};
  output->return_type = array.element_type();
  return true;
}

// result[row] = the element `pick(row, entry)` selects from row's array (an offset into it),
// or NULL where the array is NULL or pick returns a negative offset. pick may throw.
template <typename Pick>
void CopyPickedElements(const UnifiedVector& arrays, size_t count, Vector& result, Pick&& pick) {
  const ArrayEntry* entries = arrays.Data<ArrayEntry>();
  SelectionVector elements(count);
  std::vector<size_t> null_rows;
  bool any_element = false;
  sel_t placeholder = 0;  // an element index every NULL row may read harmlessly
  for (size_t row = 0; row < count; ++row) {
    sel_t array_index = arrays.index(row);
    if (!arrays.validity->RowIsValid(array_index)) {
      null_rows.push_back(row);
      continue;
    }
    const ArrayEntry entry = entries[array_index];
    const int64_t offset = pick(row, entry);
    if (offset < 0) {
      null_rows.push_back(row);
      continue;
    }
    placeholder = static_cast<sel_t>(entry.offset + static_cast<uint64_t>(offset));
    elements.set_index(row, placeholder);
    any_element = true;
  }
  if (!any_element) {
    for (size_t row = 0; row < count; ++row) result.SetNull(row);
    return;
  }
  for (size_t row : null_rows) elements.set_index(row, placeholder);
  CopyVector(ArrayElements(arrays), elements, count, result, 0);
  for (size_t row : null_rows) result.SetNull(row);
}

template <bool kOrdinal, bool kSafe>
void SubscriptKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  const size_t count = args.size();
  UnifiedVector arrays;
  UnifiedVector indexes;
  args.column(0).ToUnified(count, arrays);
  args.column(1).ToUnified(count, indexes);
  const int64_t* positions = indexes.Data<int64_t>();
  CopyPickedElements(arrays, count, result, [&](size_t row, const ArrayEntry& entry) -> int64_t {
    sel_t position_index = indexes.index(row);
    if (!indexes.validity->RowIsValid(position_index)) return -1;
    const int64_t position = positions[position_index];
    const int64_t offset = kOrdinal ? position - 1 : position;
    if (offset < 0 || static_cast<uint64_t>(offset) >= entry.length) {
      if (kSafe) return -1;
      throw Error(ErrorKind::kOutOfRange,
                  "Array index " + std::to_string(position) + " is out of bounds");
    }
    return offset;
  });
}

bool BindArrayEdge(const ScalarBindInput& input, ScalarBindOutput* output) {
  const LogicalType& array = input.argument_types[0];
  if (array.id() != TypeId::kArray) return false;
  output->argument_types = {array};
  output->return_type = array.element_type();
  return true;
}

// ARRAY_FIRST(a) / ARRAY_LAST(a): an empty array is an error (SAFE. gives NULL).
template <bool kLast>
void ArrayEdgeKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  const size_t count = args.size();
  UnifiedVector arrays;
  args.column(0).ToUnified(count, arrays);
  CopyPickedElements(arrays, count, result, [](size_t, const ArrayEntry& entry) -> int64_t {
    if (entry.length == 0) {
      throw Error(ErrorKind::kOutOfRange,
                  kLast ? "ARRAY_LAST cannot get the last element of an empty array"
                        : "ARRAY_FIRST cannot get the first element of an empty array");
    }
    return kLast ? static_cast<int64_t>(entry.length - 1) : 0;
  });
}

// "$single_element"(a): the value of a scalar subquery collected as an array (decorrelated
// subqueries): NULL for a NULL or empty array, the element for one, an error for more.
void SingleElementKernel(const ScalarCall&, const DataChunk& args, Vector& result) {
  const size_t count = args.size();
  UnifiedVector arrays;
  args.column(0).ToUnified(count, arrays);
  CopyPickedElements(arrays, count, result, [](size_t, const ArrayEntry& entry) -> int64_t {
    if (entry.length > 1) {
      throw Error(ErrorKind::kOutOfRange, "Scalar subquery produced more than one element");
    }
    return entry.length == 0 ? -1 : 0;
  });
}

void AddSubscript(FunctionRegistry& registry, const char* name, ScalarKernel kernel) {
  registry.AddScalar(ScalarFunction{.name = name,
                                    .kernel = kernel,
                                    .bind = BindSubscript,
                                    .min_arguments = 2,
                                    .max_arguments = 2});
}

}  // namespace

void RegisterNestedAccessFunctions(FunctionRegistry& registry) {
  registry.AddScalar(ScalarFunction{.name = "$make_array",
                                    .kernel = MakeArrayKernel,
                                    .bind = BindMakeArray,
                                    .min_arguments = 1,
                                    .max_arguments = kUnlimitedArguments,
                                    .propagates_nulls = false});
  registry.AddScalar(ScalarFunction{.name = "$make_struct",
                                    .kernel = MakeStructKernel,
                                    .bind = BindMakeStruct,
                                    .min_arguments = 1,
                                    .max_arguments = kUnlimitedArguments,
                                    .propagates_nulls = false});
  registry.AddScalar(ScalarFunction{.name = "$struct_field",
                                    .kernel = StructFieldKernel,
                                    .bind = BindStructField,
                                    .min_arguments = 2,
                                    .max_arguments = 2});
  AddSubscript(registry, "$array_at_offset", SubscriptKernel<false, false>);
  AddSubscript(registry, "$array_at_ordinal", SubscriptKernel<true, false>);
  AddSubscript(registry, "$safe_array_at_offset", SubscriptKernel<false, true>);
  AddSubscript(registry, "$safe_array_at_ordinal", SubscriptKernel<true, true>);
  registry.AddScalar(ScalarFunction{.name = "$single_element",
                                    .kernel = SingleElementKernel,
                                    .bind = BindArrayEdge,
                                    .min_arguments = 1,
                                    .max_arguments = 1});
  for (bool last : {false, true}) {
    registry.AddScalar(ScalarFunction{.name = last ? "ARRAY_LAST" : "ARRAY_FIRST",
                                      .kernel = last ? ArrayEdgeKernel<true> : ArrayEdgeKernel<false>,
                                      .bind = BindArrayEdge,
                                      .min_arguments = 1,
                                      .max_arguments = 1});
  }
}

}  // namespace dq

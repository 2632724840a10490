#include "exec/expression_executor.h"

#include "common/error.h"
#include "functions/cast/cast.h"

namespace dq {

namespace {

void EvaluateNode(const Expression& expression, const DataChunk& input, size_t count,
                  Vector& result);

// Makes `result` an exclusively owned flat vector of `type` with room for `count` rows.
void PrepareResult(Vector& result, const LogicalType& type, size_t count) {
  if (result.type() != type) {
    result = Vector(type, std::max<size_t>(count, 1));
  } else {
    result.Reset(std::max<size_t>(count, 1));
  }
}

// Rows of `input` chosen by `selection`, as a chunk of dictionary vectors.
DataChunk SliceChunk(const DataChunk& input, const SelectionVector& selection, size_t count) {
  return DataChunk::SlicedView(input, selection, count);
}

bool IsUserError(const Error& error) {
  return error.kind() == ErrorKind::kInvalidInput || error.kind() == ErrorKind::kOutOfRange;
}

void RunFunction(const Expression& expression, const DataChunk& args, Vector& result) {
  ScalarCall call{expression.bind_data.get(), expression.type};
  expression.function->kernel(call, args, result);
}

// SAFE.f: run the whole batch; if it fails with a user error, run row by row.
void RunSafeFunction(const Expression& expression, const DataChunk& args, size_t count,
                     Vector& result) {
  try {
    RunFunction(expression, args, result);
    return;
  } catch (const Error& error) {
    if (!IsUserError(error)) throw;
  }
  PrepareResult(result, expression.type, count);
  for (size_t row = 0; row < count; ++row) {
    SelectionVector one(1);
    one.set_index(0, static_cast<sel_t>(row));
    DataChunk single = SliceChunk(args, one, 1);
    Vector single_result(expression.type, 1);
    try {
      RunFunction(expression, single, single_result);
      result.SetValue(row, single_result.GetValue(0));
    } catch (const Error& error) {
      if (!IsUserError(error)) throw;
      result.SetNull(row);
    }
  }
}

void EvaluateFunction(const Expression& expression, const DataChunk& input, size_t count,
                      Vector& result) {
  DataChunk args;
  args.Initialize({}, 0);
  bool any_constant_null = false;
  for (const auto& child : expression.children) {
    Vector argument;
    EvaluateNode(*child, input, count, argument);
    if (argument.kind() == VectorKind::kConstant && !argument.validity().RowIsValid(0)) {
      any_constant_null = true;
    }
    args.columns().push_back(std::move(argument));
  }
  args.SetSize(count);
  if (any_constant_null && expression.function->propagates_nulls) {
    result = Vector::ConstantNull(expression.type);
    return;
  }
  PrepareResult(result, expression.type, count);
  try {
    if (expression.safe) {
      RunSafeFunction(expression, args, count, result);
    } else {
      RunFunction(expression, args, result);
    }
  } catch (Error& error) {
    error.SetPositionIfAbsent(expression.position);
    throw;
  }
}

void EvaluateCast(const Expression& expression, const DataChunk& input, size_t count,
                  Vector& result) {
  const Expression& child = *expression.children[0];
  Vector source;
  if (child.kind != ExpressionKind::kConstant) EvaluateNode(child, input, count, source);
  if (child.type.id() == TypeId::kNull) {  // an untyped NULL becomes a NULL of the target type
    // (a non-constant one, ERROR(...), was evaluated above for its error)
    result = Vector::ConstantNull(expression.type);
    return;
  }
  if (child.kind == ExpressionKind::kConstant) EvaluateNode(child, input, count, source);
  if (child.type == expression.type) {
    result = std::move(source);
    return;
  }
  const TimeZone* zone =
      expression.bind_data
          ? &static_cast<const CastTimeZoneData&>(*expression.bind_data).zone
          : nullptr;
  try {
    if (source.kind() == VectorKind::kConstant) {
      Vector single(expression.type, 1);
      CastVector(source, 1, single, expression.safe, zone);
      result = Vector::Constant(single.GetValue(0));
      return;
    }
    PrepareResult(result, expression.type, count);
    CastVector(source, count, result, expression.safe, zone);
  } catch (Error& error) {
    error.SetPositionIfAbsent(expression.position);
    throw;
  }
}

// Three-valued AND / OR over boolean children.
void EvaluateConjunction(const Expression& expression, const DataChunk& input, size_t count,
                         Vector& result) {
  bool is_and = expression.kind == ExpressionKind::kAnd;
  // state per row: 0 = false, 1 = true, 2 = null; start with the identity (AND: true, OR: false).
  std::vector<uint8_t> state(count, is_and ? 1 : 0);
  for (const auto& child : expression.children) {
    Vector value;
    EvaluateNode(*child, input, count, value);
    UnifiedVector unified;
    value.ToUnified(count, unified);
    const bool* data = unified.Data<bool>();
    for (size_t row = 0; row < count; ++row) {
      sel_t index = unified.index(row);
      uint8_t current = state[row];
      if (is_and) {
        if (current == 0) continue;
        if (!unified.validity->RowIsValid(index)) state[row] = 2;
        else if (!data[index]) state[row] = 0;
      } else {
        if (current == 1) continue;
        if (!unified.validity->RowIsValid(index)) state[row] = 2;
        else if (data[index]) state[row] = 1;
      }
    }
  }
  PrepareResult(result, expression.type, count);
  bool* out = result.Data<bool>();
  for (size_t row = 0; row < count; ++row) {
    if (state[row] == 2) {
      result.SetNull(row);
      out[row] = false;
    } else {
      out[row] = state[row] == 1;
    }
  }
}

void EvaluateNot(const Expression& expression, const DataChunk& input, size_t count,
                 Vector& result) {
  Vector value;
  EvaluateNode(*expression.children[0], input, count, value);
  UnifiedVector unified;
  value.ToUnified(count, unified);
  PrepareResult(result, expression.type, count);
  bool* out = result.Data<bool>();
  for (size_t row = 0; row < count; ++row) {
    sel_t index = unified.index(row);
    if (!unified.validity->RowIsValid(index)) {
      result.SetNull(row);
    } else {
      out[row] = !unified.Data<bool>()[index];
    }
  }
}

void EvaluateIsNull(const Expression& expression, const DataChunk& input, size_t count,
                    Vector& result) {
  const Expression& child = *expression.children[0];
  Vector value;
  EvaluateNode(child, input, count, value);
  UnifiedVector unified;
  value.ToUnified(count, unified);
  bool want_null = expression.kind == ExpressionKind::kIsNull;
  PrepareResult(result, expression.type, count);
  bool* out = result.Data<bool>();
  for (size_t row = 0; row < count; ++row) {
    out[row] = unified.IsValid(row) != want_null;
  }
}

// CASE / COALESCE: evaluate each branch only on the rows still undecided.
void EvaluateCase(const Expression& expression, const DataChunk& input, size_t count,
                  Vector& result) {
  PrepareResult(result, expression.type, count);
  SelectionVector remaining(count);
  for (size_t row = 0; row < count; ++row) remaining.set_index(row, static_cast<sel_t>(row));
  size_t remaining_count = count;
  size_t branches = (expression.children.size() - 1) / 2;
  for (size_t branch = 0; branch < branches && remaining_count > 0; ++branch) {
    DataChunk rows = SliceChunk(input, remaining, remaining_count);
    Vector condition;
    EvaluateNode(*expression.children[2 * branch], rows, remaining_count, condition);
    UnifiedVector unified;
    condition.ToUnified(remaining_count, unified);
    SelectionVector taken(remaining_count);   // positions within `rows`
    SelectionVector taken_rows(remaining_count);  // positions within `input`
    SelectionVector rest(remaining_count);
    size_t taken_count = 0;
    size_t rest_count = 0;
    for (size_t row = 0; row < remaining_count; ++row) {
      sel_t index = unified.index(row);
      if (unified.validity->RowIsValid(index) && unified.Data<bool>()[index]) {
        taken.set_index(taken_count, static_cast<sel_t>(row));
        taken_rows.set_index(taken_count++, remaining.get_index(row));
      } else {
        rest.set_index(rest_count++, remaining.get_index(row));
      }
    }
    if (taken_count > 0) {
      DataChunk branch_rows = SliceChunk(rows, taken, taken_count);
      Vector value;
      EvaluateNode(*expression.children[2 * branch + 1], branch_rows, taken_count, value);
      ScatterVector(value, taken_count, taken_rows, result);
    }
    remaining = rest;
    remaining_count = rest_count;
  }
  if (remaining_count > 0) {
    DataChunk rows = SliceChunk(input, remaining, remaining_count);
    Vector value;
    EvaluateNode(*expression.children.back(), rows, remaining_count, value);
    ScatterVector(value, remaining_count, remaining, result);
  }
}

void EvaluateCoalesce(const Expression& expression, const DataChunk& input, size_t count,
                      Vector& result) {
  PrepareResult(result, expression.type, count);
  SelectionVector remaining(count);
  for (size_t row = 0; row < count; ++row) remaining.set_index(row, static_cast<sel_t>(row));
  size_t remaining_count = count;
  for (const auto& child : expression.children) {
    if (remaining_count == 0) break;
    DataChunk rows = SliceChunk(input, remaining, remaining_count);
    Vector value;
    EvaluateNode(*child, rows, remaining_count, value);
    UnifiedVector unified;
    value.ToUnified(remaining_count, unified);
    SelectionVector valid(remaining_count);
    SelectionVector valid_rows(remaining_count);
    SelectionVector rest(remaining_count);
    size_t valid_count = 0;
    size_t rest_count = 0;
    for (size_t row = 0; row < remaining_count; ++row) {
      if (unified.IsValid(row)) {
        valid.set_index(valid_count, static_cast<sel_t>(row));
        valid_rows.set_index(valid_count++, remaining.get_index(row));
      } else {
        rest.set_index(rest_count++, remaining.get_index(row));
      }
    }
    if (valid_count > 0) {
      Vector chosen;
      chosen.Reference(value);
      chosen.Slice(valid, valid_count);
      ScatterVector(chosen, valid_count, valid_rows, result);
    }
    remaining = rest;
    remaining_count = rest_count;
  }
  for (size_t row = 0; row < remaining_count; ++row) result.SetNull(remaining.get_index(row));
}

void EvaluateNode(const Expression& expression, const DataChunk& input, size_t count,
                  Vector& result) {
  switch (expression.kind) {
    case ExpressionKind::kColumnRef:
      result.Reference(input.column(expression.index));
      return;
    case ExpressionKind::kConstant:
      result = expression.value.is_null() ? Vector::ConstantNull(expression.type)
                                          : Vector::Constant(expression.value);
      return;
    case ExpressionKind::kFunction: EvaluateFunction(expression, input, count, result); return;
    case ExpressionKind::kCast: EvaluateCast(expression, input, count, result); return;
    case ExpressionKind::kAnd:
    case ExpressionKind::kOr: EvaluateConjunction(expression, input, count, result); return;
    case ExpressionKind::kNot: EvaluateNot(expression, input, count, result); return;
    case ExpressionKind::kIsNull:
    case ExpressionKind::kIsNotNull: EvaluateIsNull(expression, input, count, result); return;
    case ExpressionKind::kCase: EvaluateCase(expression, input, count, result); return;
    case ExpressionKind::kCoalesce: EvaluateCoalesce(expression, input, count, result); return;
  }
}

}  // namespace

void ExpressionExecutor::Evaluate(const Expression& expression, const DataChunk& input,
                                  size_t count, Vector& result) {
  EvaluateNode(expression, input, count, result);
}

Value ExpressionExecutor::EvaluateConstant(const Expression& expression) {
  DataChunk empty;
  empty.SetSize(1);
  Vector result;
  EvaluateNode(expression, empty, 1, result);
  return result.GetValue(0);
}

void ExpressionExecutor::ExecuteExpression(size_t index, const DataChunk& input, Vector& result) {
  EvaluateNode(*expressions_[index], input, input.size(), result);
}

void ExpressionExecutor::Execute(const DataChunk& input, DataChunk& output) {
  DQ_CHECK_EQ(output.column_count(), expressions_.size());
  size_t count = input.size();
  for (size_t index = 0; index < expressions_.size(); ++index) {
    EvaluateNode(*expressions_[index], input, count, output.column(index));
  }
  output.SetSize(count);
}

namespace {

// Appends to `out` the rows i < count of `values` (a BOOL vector over `count` rows) that are
// TRUE, mapped through `rows` (row i of `values` is input row rows[i]).
size_t KeepTrueRows(const Vector& values, size_t count, const sel_t* rows, sel_t* out) {
  UnifiedVector unified;
  values.ToUnified(count, unified);
  const bool* data = unified.Data<bool>();
  size_t kept = 0;
  if (values.kind() == VectorKind::kConstant) {
    if (!unified.validity->RowIsValid(0) || !data[0]) return 0;
    for (size_t row = 0; row < count; ++row) out[kept++] = rows[row];
    return kept;
  }
  for (size_t row = 0; row < count; ++row) {
    sel_t index = unified.index(row);
    if (unified.validity->RowIsValid(index) && data[index]) out[kept++] = rows[row];
  }
  return kept;
}

}  // namespace

size_t ExpressionExecutor::Select(const DataChunk& input, SelectionVector& selection) {
  size_t count = input.size();
  const Expression& predicate = *expressions_[0];
  if (predicate.kind == ExpressionKind::kAnd) {
    // Evaluate the terms one after another, each only on the rows the previous ones kept.
    std::vector<sel_t> rows(count);
    for (size_t row = 0; row < count; ++row) rows[row] = static_cast<sel_t>(row);
    size_t selected = count;
    for (const auto& term : predicate.children) {
      if (selected == 0) break;
      Vector result;
      if (selected == count) {
        EvaluateNode(*term, input, count, result);
      } else {
        SelectionVector subset(selected);
        std::copy(rows.begin(), rows.begin() + selected, subset.data());
        DataChunk view = SliceChunk(input, subset, selected);
        EvaluateNode(*term, view, selected, result);
      }
      selected = KeepTrueRows(result, selected, rows.data(), rows.data());
    }
    for (size_t row = 0; row < selected; ++row) selection.set_index(row, rows[row]);
    return selected;
  }
  Vector result;
  EvaluateNode(*expressions_[0], input, count, result);
  UnifiedVector unified;
  result.ToUnified(count, unified);
  const bool* data = unified.Data<bool>();
  size_t selected = 0;
  if (result.kind() == VectorKind::kConstant) {
    bool all = unified.validity->RowIsValid(0) && data[0];
    if (!all) return 0;
    for (size_t row = 0; row < count; ++row) selection.set_index(row, static_cast<sel_t>(row));
    return count;
  }
  for (size_t row = 0; row < count; ++row) {
    sel_t index = unified.index(row);
    if (unified.validity->RowIsValid(index) && data[index]) {
      selection.set_index(selected++, static_cast<sel_t>(row));
    }
  }
  return selected;
}

}  // namespace dq

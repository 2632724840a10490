#include "exec/operator/physical_predict.h"

#include <cmath>
#include <limits>
#include <type_traits>

#include "common/error.h"
#include "ml/tensor_layout.h"

namespace dq {

namespace {

// The row's value for an error message, shortened.
std::string ValueText(const UnifiedVector& values, size_t row) {
  std::string text = values.source->GetValue(values.index(row)).ToString();
  if (text.size() > 80) text = text.substr(0, 77) + "...";
  return text;
}

// Whether a FLOAT64 input value survives the conversion to FLOAT32 as a finite number.
bool FitsFloat32(double value) {
  return std::isfinite(value) && std::fabs(value) <= std::numeric_limits<float>::max();
}

// Reads element `index` of a unified INT64 / FLOAT64 vector as the tensor's element type.
template <typename Element>
Element ReadNumber(const UnifiedVector& values, TypeId type, sel_t index) {
  if (type == TypeId::kInt64) return static_cast<Element>(values.Data<int64_t>()[index]);
  return static_cast<Element>(values.Data<double>()[index]);
}

// Converts `count` consecutive INT64 / FLOAT64 elements of flat `values` from `first` into
// `target` (a loop the compiler vectorizes).
template <typename Element>
void ConvertElements(const UnifiedVector& values, TypeId type, uint64_t first, int64_t count,
                     Element* target) {
  if (type == TypeId::kInt64) {
    const int64_t* source = values.Data<int64_t>() + first;
    for (int64_t index = 0; index < count; ++index) target[index] = static_cast<Element>(source[index]);
  } else {
    const double* source = values.Data<double>() + first;
    for (int64_t index = 0; index < count; ++index) target[index] = static_cast<Element>(source[index]);
  }
}

// Writes a labelled output (ml::OutputLabels) for the fed `rows`: STRING labels from class
// indices, or a label map as ARRAY<STRUCT<label, prob>> entries in class order.
void ScatterLabelledOutput(const ml::Tensor& tensor, const ml::TensorInfo& info,
                           const std::vector<sel_t>& rows, Vector& column) {
  const ml::OutputLabels& labels = info.labels;
  const int64_t count = static_cast<int64_t>(rows.size());
  if (labels.kind == ml::OutputLabels::Kind::kStringLabels) {
    const int64_t label_count = static_cast<int64_t>(labels.strings.size());
    for (int64_t position = 0; position < count; ++position) {
      int64_t label = tensor.int64s()[position];
      DQ_CHECK_LE(0, label);
      DQ_CHECK_LT(label, label_count);
      column.Data<StringView>()[rows[position]] = column.AddString(labels.strings[label]);
    }
    return;
  }
  const bool string_keys = !labels.strings.empty();
  const int64_t classes = string_keys ? labels.strings.size() : labels.int64s.size();
  DQ_CHECK_EQ(tensor.element_count(), count * classes);
  const size_t base = column.array_size();
  column.SetArraySize(base + static_cast<size_t>(count * classes));
  std::vector<Vector>& fields = column.array_child().struct_children();
  Vector& label_field = fields[0];
  double* probabilities = fields[1].Data<double>();
  for (int64_t position = 0; position < count; ++position) {
    size_t first = base + position * classes;
    for (int64_t label = 0; label < classes; ++label) {
      if (string_keys) {
        label_field.Data<StringView>()[first + label] =
            label_field.AddString(labels.strings[label]);
      } else {
        label_field.Data<int64_t>()[first + label] = labels.int64s[label];
      }
      probabilities[first + label] = tensor.floats()[position * classes + label];
    }
    column.Data<ArrayEntry>()[rows[position]] = ArrayEntry{first, static_cast<uint64_t>(classes)};
  }
}

}  // namespace

// Per-thread state: the session and the buffers reused across batches.
struct PhysicalPredict::Batch : OperatorState {
  std::unique_ptr<ml::ModelSession> session;
  std::vector<ml::Tensor> inputs;
  std::vector<ml::Tensor> outputs;
  std::vector<UnifiedVector> values;    // per model input: the column (arrays: the entries)
  std::vector<UnifiedVector> elements;  // per model input: an ARRAY column's elements
  std::vector<TypeId> element_types;    // per model input: INT64 or FLOAT64
  std::vector<sel_t> rows;              // rows of the current batch fed to the model
  std::vector<int64_t> row_lengths;     // per model input: values per row in this batch
};

std::vector<std::string> PhysicalPredict::Details() const {
  std::vector<std::string> details = {"model " + model_name_,
                                      "batch_size " + std::to_string(batch_size_)};
  std::string inputs;
  for (const PredictInputSpec& input : inputs_) inputs += (inputs.empty() ? "" : ", ") + input.name;
  details.push_back("inputs " + inputs);
  return details;
}

std::unique_ptr<OperatorState> PhysicalPredict::GetOperatorState(ExecutionContext& context) const {
  auto state = std::make_unique<Batch>();
  state->session = model_->NewSession();
  state->inputs.resize(inputs_.size());
  state->values.resize(inputs_.size());
  state->elements.resize(inputs_.size());
  state->element_types.resize(inputs_.size());
  state->row_lengths.resize(inputs_.size());
  return state;
}

OperatorResult PhysicalPredict::Execute(ExecutionContext& context, DataChunk& input,
                                        DataChunk& output, OperatorState& operator_state) const {
  auto& batch = static_cast<Batch&>(operator_state);
  const size_t count = input.size();
  for (size_t column = 0; column < input.column_count(); ++column) {
    output.column(column).Reference(input.column(column));
  }
  for (size_t index = 0; index < inputs_.size(); ++index) {
    const Vector& column = input.column(inputs_[index].column);
    column.ToUnified(count, batch.values[index]);
    if (inputs_[index].is_array) {
      const Vector& source = *batch.values[index].source;
      source.array_child().ToUnified(source.array_size(), batch.elements[index]);
      batch.element_types[index] = column.type().element_type().id();
    } else {
      batch.element_types[index] = column.type().id();
    }
  }
  for (size_t begin = 0; begin < count; begin += batch_size_) {
    size_t end = std::min(count, begin + batch_size_);
    if (!null_on_error_ || end - begin == 1) {
      RunBatch(batch, begin, end, output);
      continue;
    }
    // A batch the model rejects is rerun row by row so that only the bad rows get NULL.
    try {
      RunBatch(batch, begin, end, output);
    } catch (const Error& error) {
      if (error.kind() == ErrorKind::kInternal || error.kind() == ErrorKind::kCancelled) throw;
      for (size_t row = begin; row < end; ++row) {
        try {
          RunBatch(batch, row, row + 1, output);
        } catch (const Error& row_error) {
          if (row_error.kind() == ErrorKind::kInternal ||
              row_error.kind() == ErrorKind::kCancelled) {
            throw;
          }
          SetNullOutputs(output, row, row + 1);
        }
      }
    }
  }
  output.SetSize(count);
  return OperatorResult::kNeedMoreInput;
}

void PhysicalPredict::SetNullOutputs(DataChunk& output, size_t begin, size_t end) const {
  const size_t first_output = output.column_count() - model_->outputs().size();
  for (size_t row = begin; row < end; ++row) {
    for (size_t column = first_output; column < output.column_count(); ++column) {
      Vector& vector = output.column(column);
      if (vector.type().id() == TypeId::kArray) {
        vector.Data<ArrayEntry>()[row] = ArrayEntry{vector.array_size(), 0};
      }
      vector.SetNull(row);
    }
  }
}

bool PhysicalPredict::RowIsFeedable(Batch& batch, size_t row) const {
  for (size_t index = 0; index < inputs_.size(); ++index) {
    const PredictInputSpec& spec = inputs_[index];
    const UnifiedVector& values = batch.values[index];
    const bool as_nan = missing_as_nan_ && spec.type == ml::ElementType::kFloat32;
    if (!values.IsValid(row)) {
      if (as_nan && !spec.is_array) continue;  // fed as NaN
      return false;
    }
    const bool check_finite = !as_nan && spec.type == ml::ElementType::kFloat32 &&
                              batch.element_types[index] == TypeId::kFloat64;
    auto reject = [&](const std::string& problem) {
      if (null_on_error_) return false;
      throw Error(ErrorKind::kInvalidInput,
                  "ML.PREDICT: row with " + spec.name + " = " + ValueText(values, row) + " " +
                      problem + "; filter such rows or pass STRUCT(TRUE AS null_on_error)");
    };
    if (!spec.is_array) {
      if (check_finite && !FitsFloat32(values.Data<double>()[values.index(row)])) {
        return reject("is not a finite FLOAT32 value for model input " + spec.name);
      }
      continue;
    }
    const ArrayEntry entry = values.Data<ArrayEntry>()[values.index(row)];
    const UnifiedVector& elements = batch.elements[index];
    for (uint64_t element = 0; element < entry.length; ++element) {
      if (!elements.IsValid(entry.offset + element)) {
        if (as_nan) continue;  // fed as NaN
        return false;          // NULL in, NULL out
      }
      if (check_finite &&
          !FitsFloat32(elements.Data<double>()[elements.index(entry.offset + element)])) {
        return reject("has a NaN, infinite or out-of-range element for model input " +
                      spec.name);
      }
    }
    int64_t& expected = batch.row_lengths[index];
    if (expected < 0) expected = static_cast<int64_t>(entry.length);  // dynamic: first row
    if (static_cast<int64_t>(entry.length) != expected) {
      return reject("has " + std::to_string(entry.length) + " elements, but model input " +
                    spec.name + " " + ml::ShapeToString(spec.shape) + " needs " +
                    std::to_string(expected) + " per row");
    }
  }
  return true;
}

void PhysicalPredict::RunBatch(Batch& batch, size_t begin, size_t end, DataChunk& output) const {
  // 1. The rows to feed (RowIsFeedable); the others get NULL outputs.
  batch.rows.clear();
  for (size_t index = 0; index < inputs_.size(); ++index) {
    batch.row_lengths[index] = ml::RowElementCount(inputs_[index].shape);
  }
  for (size_t row = begin; row < end; ++row) {
    if (RowIsFeedable(batch, row)) batch.rows.push_back(static_cast<sel_t>(row));
  }
  const size_t first_output = output.column_count() - model_->outputs().size();
  auto set_null_rows = [&](size_t from, size_t to) { SetNullOutputs(output, from, to); };
  const int64_t rows = static_cast<int64_t>(batch.rows.size());
  if (rows == 0) {
    set_null_rows(begin, end);
    return;
  }

  // 2. Gather the input tensors.
  for (size_t index = 0; index < inputs_.size(); ++index) {
    const PredictInputSpec& spec = inputs_[index];
    std::vector<int64_t> shape = spec.shape;
    if (shape.empty()) shape.push_back(rows);
    shape[0] = rows;
    int64_t known = 1;
    size_t dynamic = 0;
    for (size_t dimension = 1; dimension < shape.size(); ++dimension) {
      if (shape[dimension] < 0) ++dynamic; else known *= shape[dimension];
    }
    if (dynamic > 0) {
      int64_t length = batch.row_lengths[index];
      if (dynamic > 1 || known == 0 || length % known != 0) {
        throw Error(ErrorKind::kNotSupported,
                    "ML.PREDICT: cannot infer the shape of model input " + spec.name + " " +
                        ml::ShapeToString(spec.shape) + " from arrays of " +
                        std::to_string(length) + " elements");
      }
      for (size_t dimension = 1; dimension < shape.size(); ++dimension) {
        if (shape[dimension] < 0) shape[dimension] = length / known;
      }
    }
    ml::Tensor& tensor = batch.inputs[index];
    tensor.Reset(spec.type, shape);
    const int64_t per_row = tensor.element_count() / rows;
    const UnifiedVector& values = batch.values[index];
    const TypeId element_type = batch.element_types[index];
    for (int64_t position = 0; position < rows; ++position) {
      sel_t row = batch.rows[position];
      const UnifiedVector* source = &values;
      uint64_t offset = values.index(row);
      if (spec.is_array) {
        source = &batch.elements[index];
        offset = values.Data<ArrayEntry>()[values.index(row)].offset;
      }
      if (spec.is_array && !source->sel->IsSet() && !missing_as_nan_) {
        // Flat elements, all valid (RowIsFeedable): one converting copy.
        if (spec.type == ml::ElementType::kFloat32) {
          ConvertElements(*source, element_type, offset, per_row,
                          tensor.floats() + position * per_row);
        } else {
          ConvertElements(*source, element_type, offset, per_row,
                          tensor.int64s() + position * per_row);
        }
        continue;
      }
      for (int64_t element = 0; element < per_row; ++element) {
        sel_t physical = spec.is_array ? source->index(offset + element)
                                       : static_cast<sel_t>(offset);
        if (spec.type == ml::ElementType::kFloat32) {
          tensor.floats()[position * per_row + element] =
              missing_as_nan_ && !source->validity->RowIsValid(physical)
                  ? std::numeric_limits<float>::quiet_NaN()
                  : ReadNumber<float>(*source, element_type, physical);
        } else {
          tensor.int64s()[position * per_row + element] =
              ReadNumber<int64_t>(*source, element_type, physical);
        }
      }
    }
  }

  // 3. Run the model.
  Status status = batch.session->Run(batch.inputs, &batch.outputs);
  if (!status.ok()) {
    throw Error(status.kind(), "ML.PREDICT with model " + model_name_ + ": " + status.message());
  }
  if (batch.outputs.size() != model_->outputs().size()) {
    throw Error(ErrorKind::kInternal, "ML.PREDICT: the model returned " +
                                          std::to_string(batch.outputs.size()) + " outputs, " +
                                          std::to_string(model_->outputs().size()) + " declared");
  }

  // 4. Scatter the outputs; rows left out get NULL.
  size_t previous = begin;
  for (int64_t position = 0; position < rows; ++position) {
    set_null_rows(previous, batch.rows[position]);
    previous = batch.rows[position] + 1;
  }
  set_null_rows(previous, end);
  for (size_t index = 0; index < batch.outputs.size(); ++index) {
    const ml::Tensor& tensor = batch.outputs[index];
    Vector& column = output.column(first_output + index);
    const ml::TensorInfo& info = model_->outputs()[index];
    if (info.labels.kind != ml::OutputLabels::Kind::kNone) {
      ScatterLabelledOutput(tensor, info, batch.rows, column);
      continue;
    }
    const int64_t per_row = tensor.element_count() / rows;
    const bool is_array = column.type().id() == TypeId::kArray;
    const TypeId value_type = is_array ? column.type().element_type().id() : column.type().id();
    if (tensor.element_count() != per_row * rows || (!is_array && per_row != 1)) {
      throw Error(ErrorKind::kInvalidInput,
                  "ML.PREDICT: model output " + model_->outputs()[index].name + " has shape " +
                      ml::ShapeToString(tensor.shape()) + " for a batch of " +
                      std::to_string(rows) + " rows");
    }
    auto value_at = [&](int64_t element, auto* out) {
      using Out = std::remove_pointer_t<decltype(out)>;
      *out = tensor.type() == ml::ElementType::kFloat32
                 ? static_cast<Out>(tensor.floats()[element])
                 : static_cast<Out>(tensor.int64s()[element]);
    };
    Vector* target = &column;
    size_t base = 0;
    if (is_array) {
      base = column.array_size();
      column.SetArraySize(base + static_cast<size_t>(per_row * rows));
      target = &column.array_child();
    }
    for (int64_t position = 0; position < rows; ++position) {
      sel_t row = batch.rows[position];
      size_t first = is_array ? base + position * per_row : row;
      for (int64_t element = 0; element < per_row; ++element) {
        int64_t source = position * per_row + element;
        if (value_type == TypeId::kInt64) {
          value_at(source, &target->Data<int64_t>()[first + element]);
        } else {
          value_at(source, &target->Data<double>()[first + element]);
        }
      }
      if (is_array) {
        column.Data<ArrayEntry>()[row] =
            ArrayEntry{first, static_cast<uint64_t>(per_row)};
      }
    }
  }
}

}  // namespace dq

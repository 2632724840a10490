// LabelEncoder (ai.onnx.ml, opset 2 and 3 attributes): maps each input
// value through keys -> values, unknown keys to the default. Keys are INT64 (keys_int64s) or
// FLOAT (keys_floats; a NaN key matches NaN from opset 4, as the spec says, never before, as
// ONNX Runtime does); values INT64, FLOAT, or STRING (values_strings), the
// last written, like a classifier's string labels, as an index into the value strings plus
// the default (OutputLabels kStringLabels), so a STRING result must be a model output. STRING
// keys (keys_strings) would need string inputs, which DeepQuery does not feed: refused at
// import, as is opset 1's classes_strings form.
#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ml/kernels/kernel_families.h"

namespace dq::ml {
namespace {

struct EncoderState : KernelState {
  ElementType key_type = ElementType::kInt64;
  enum class ValueKind { kInt64, kFloat, kString } value_kind = ValueKind::kInt64;
  std::map<int64_t, size_t> int64_keys;  // key -> position in the value lists
  std::map<float, size_t> float_keys;    // NaN kept apart
  bool has_nan_key = false;
  size_t nan_position = 0;
  std::vector<int64_t> int64_values;
  std::vector<float> float_values;
  std::vector<std::string> string_values;  // the default last
  int64_t default_int64 = -1;
  float default_float = -0.0f;
};

Status PrepareLabelEncoder(Node& node) {
  if (node.opset < 2) return NodeError(node, "opset 1's LabelEncoder is not supported");
  auto state = std::make_shared<EncoderState>();
  auto int64_keys = node.GetInts("keys_int64s");
  auto float_keys = node.GetFloats("keys_floats");
  if (node.HasAttribute("keys_tensor") || node.HasAttribute("values_tensor")) {
    return NodeError(node, "keys_tensor and values_tensor (opset 4) are not supported");
  }
  if (!node.GetStrings("keys_strings").empty()) {
    return NodeError(node, "STRING keys are not supported (model inputs are FLOAT or INT64)");
  }
  if (int64_keys.empty() == float_keys.empty()) {
    return NodeError(node, "exactly one of keys_int64s and keys_floats must be given");
  }
  const size_t keys = int64_keys.empty() ? float_keys.size() : int64_keys.size();
  auto int64_values = node.GetInts("values_int64s");
  auto float_values = node.GetFloats("values_floats");
  auto string_values = node.GetStrings("values_strings");
  const int given = !int64_values.empty() + !float_values.empty() + !string_values.empty();
  const size_t values = int64_values.size() + float_values.size() + string_values.size();
  if (given != 1 || values != keys) {
    return NodeError(node, "one list of values with as many entries as keys is required");
  }
  state->key_type = int64_keys.empty() ? ElementType::kFloat32 : ElementType::kInt64;
  for (size_t index = 0; index < keys; ++index) {
    if (!int64_keys.empty()) {
      state->int64_keys.emplace(int64_keys[index], index);
    } else if (std::isnan(float_keys[index])) {
      if (node.opset >= 4 && !state->has_nan_key) {
        state->nan_position = index;
        state->has_nan_key = true;
      }
    } else {
      state->float_keys.emplace(float_keys[index], index);
    }
  }
  if (!int64_values.empty()) {
    state->value_kind = EncoderState::ValueKind::kInt64;
    state->int64_values.assign(int64_values.begin(), int64_values.end());
    state->default_int64 = node.GetInt("default_int64", -1);
  } else if (!float_values.empty()) {
    state->value_kind = EncoderState::ValueKind::kFloat;
    state->float_values.assign(float_values.begin(), float_values.end());
    state->default_float = node.GetFloat("default_float", -0.0f);
  } else {
    state->value_kind = EncoderState::ValueKind::kString;
    state->string_values.assign(string_values.begin(), string_values.end());
    state->string_values.emplace_back(node.GetString("default_string", "_Unused"));
  }
  node.state = std::move(state);
  return Status::OK();
}

Status InferLabelEncoder(InferContext& context) {
  const auto& state = static_cast<const EncoderState&>(*context.node().state);
  DQ_RETURN_IF_ERROR(context.ExpectInput(0, state.key_type));
  context.SetOutput(0,
                    state.value_kind == EncoderState::ValueKind::kFloat ? ElementType::kFloat32
                                                                        : ElementType::kInt64,
                    context.input_shape(0));
  return Status::OK();
}

// The position of `key` in the value lists, or -1.
int64_t Find(const EncoderState& state, int64_t key) {
  auto found = state.int64_keys.find(key);
  return found == state.int64_keys.end() ? -1 : static_cast<int64_t>(found->second);
}
int64_t Find(const EncoderState& state, float key) {
  if (std::isnan(key)) return state.has_nan_key ? static_cast<int64_t>(state.nan_position) : -1;
  auto found = state.float_keys.find(key);
  return found == state.float_keys.end() ? -1 : static_cast<int64_t>(found->second);
}

template <typename Key>
void Encode(const EncoderState& state, const Key* keys, int64_t count, Tensor& out) {
  for (int64_t index = 0; index < count; ++index) {
    const int64_t position = Find(state, keys[index]);
    switch (state.value_kind) {
      case EncoderState::ValueKind::kInt64:
        out.int64s()[index] = position < 0 ? state.default_int64 : state.int64_values[position];
        break;
      case EncoderState::ValueKind::kFloat:
        out.floats()[index] = position < 0 ? state.default_float : state.float_values[position];
        break;
      case EncoderState::ValueKind::kString:  // the default is the last string
        out.int64s()[index] =
            position < 0 ? static_cast<int64_t>(state.string_values.size()) - 1 : position;
        break;
    }
  }
}

void RunLabelEncoder(const RunContext& context) {
  const auto& state = static_cast<const EncoderState&>(*context.node.state);
  const Tensor& in = context.input(0);
  if (in.type() == ElementType::kInt64) {
    Encode(state, in.int64s(), in.element_count(), context.output(0));
  } else {
    Encode(state, in.floats(), in.element_count(), context.output(0));
  }
}

OutputLabels LabelEncoderOutputLabels(const Node& node, size_t index) {
  const auto& state = static_cast<const EncoderState&>(*node.state);
  OutputLabels labels;
  if (state.value_kind == EncoderState::ValueKind::kString) {
    labels.kind = OutputLabels::Kind::kStringLabels;
    labels.strings = state.string_values;
  }
  return labels;
}

const OpKernel kLabelEncoderKernels[] = {
    {.op_type = "LabelEncoder",
     .infer = InferLabelEncoder,
     .run = RunLabelEncoder,
     .domain = kMlDomain,
     .prepare = PrepareLabelEncoder,
     .output_labels = LabelEncoderOutputLabels},
};

}  // namespace

std::span<const OpKernel> LabelEncoderKernels() { return kLabelEncoderKernels; }

}  // namespace dq::ml

// Shared parts of the recurrent kernels (contract in recurrent.h) and the family's table.
#include "ml/kernels/recurrent.h"

#include <cblas.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "common/error.h"
#include "ml/kernels/kernel_families.h"

namespace dq::ml::recurrent {
namespace {

// The input-projection buffer holds at most this many floats (unless one step needs more).
constexpr int64_t kChunkFloats = int64_t{1} << 18;

// Parses the attributes and the sizes given by X and R. Error messages are for Infer to wrap.
Status ParseDimensions(const Node& node, const std::vector<int64_t>& x_shape,
                       const std::vector<int64_t>& r_shape, int64_t gates, int activation_count,
                       Dimensions* dimensions) {
  auto fail = [](std::string message) { return Status::InvalidInput(std::move(message)); };
  Dimensions& out = *dimensions;
  out.gates = gates;
  const int64_t layout = node.GetInt("layout", 0);
  if (layout != 0 && layout != 1) {
    return fail("layout must be 0 or 1, not " + std::to_string(layout));
  }
  out.batch_major = layout == 1;
  std::string_view direction = node.GetString("direction", "forward");
  if (direction == "forward" || direction == "reverse") {
    out.directions = 1;
    out.reverse = direction == "reverse";
  } else if (direction == "bidirectional") {
    out.directions = 2;
  } else {
    return fail("direction must be forward, reverse or bidirectional, not '" +
                std::string(direction) + "'");
  }
  if (x_shape.size() != 3) return fail("X must be 3-D, not " + ShapeToString(x_shape));
  out.seq_length = out.batch_major ? x_shape[1] : x_shape[0];
  out.batch_size = out.batch_major ? x_shape[0] : x_shape[1];
  out.input_size = x_shape[2];
  if (r_shape.size() != 3) return fail("R must be 3-D, not " + ShapeToString(r_shape));
  out.hidden_size = r_shape[2];
  if (node.HasAttribute("hidden_size") && node.GetInt("hidden_size", 0) != out.hidden_size) {
    return fail("hidden_size " + std::to_string(node.GetInt("hidden_size", 0)) +
                " does not match R " + ShapeToString(r_shape));
  }
  if (node.HasAttribute("clip")) {
    out.clip = node.GetFloat("clip", 0);
    if (!(out.clip > 0)) return fail("clip must be positive");
  }
  // Defaults: f = Sigmoid, g = Tanh, h = Tanh.
  for (auto& per_direction : out.activations) {
    per_direction[0] = GateActivation::kSigmoid;
    per_direction[1] = per_direction[2] = GateActivation::kTanh;
  }
  std::span<const std::string> names = node.GetStrings("activations");
  if (!names.empty()) {
    if (static_cast<int64_t>(names.size()) != activation_count * out.directions) {
      return fail("activations lists " + std::to_string(names.size()) + " functions, expected " +
                  std::to_string(activation_count * out.directions));
    }
    for (size_t index = 0; index < names.size(); ++index) {
      if (!ParseGateActivation(
              names[index], &out.activations[index / activation_count][index % activation_count])) {
        return fail("activation '" + names[index] +
                    "' is not supported (supported: Sigmoid, Tanh, Relu)");
      }
    }
  }
  return Status::OK();
}

}  // namespace

Status InferRecurrent(InferContext& context, int64_t gates, int activation_count,
                      Dimensions* dimensions) {
  DQ_RETURN_IF_ERROR(context.ExpectInput(kX, ElementType::kFloat32));
  DQ_RETURN_IF_ERROR(context.ExpectInput(kW, ElementType::kFloat32));
  DQ_RETURN_IF_ERROR(context.ExpectInput(kR, ElementType::kFloat32));
  Status parsed = ParseDimensions(context.node(), context.input_shape(kX), context.input_shape(kR),
                                  gates, activation_count, dimensions);
  if (!parsed.ok()) return context.Error(parsed.message());
  const Dimensions& d = *dimensions;
  const int64_t width = d.gate_width();
  auto expect_shape = [&](size_t index, const char* name,
                          const std::vector<int64_t>& expected) -> Status {
    if (!context.has_input(index)) return Status::OK();
    DQ_RETURN_IF_ERROR(context.ExpectInput(index, ElementType::kFloat32));
    if (context.input_shape(index) != expected) {
      return context.Error(std::string(name) + " has shape " +
                           ShapeToString(context.input_shape(index)) + ", expected " +
                           ShapeToString(expected));
    }
    return Status::OK();
  };
  DQ_RETURN_IF_ERROR(expect_shape(kW, "W", {d.directions, width, d.input_size}));
  DQ_RETURN_IF_ERROR(expect_shape(kR, "R", {d.directions, width, d.hidden_size}));
  DQ_RETURN_IF_ERROR(expect_shape(kB, "B", {d.directions, 2 * width}));
  std::vector<int64_t> state_shape =
      d.batch_major ? std::vector<int64_t>{d.batch_size, d.directions, d.hidden_size}
                    : std::vector<int64_t>{d.directions, d.batch_size, d.hidden_size};
  DQ_RETURN_IF_ERROR(expect_shape(kInitialH, "initial_h", state_shape));
  if (context.has_input(kSequenceLens)) {
    DQ_RETURN_IF_ERROR(context.ExpectInput(kSequenceLens, ElementType::kInt64));
    if (context.input_shape(kSequenceLens) != std::vector<int64_t>{d.batch_size}) {
      return context.Error("sequence_lens has shape " +
                           ShapeToString(context.input_shape(kSequenceLens)) + ", expected [" +
                           std::to_string(d.batch_size) + "]");
    }
  }
  if (gates == 4) {
    DQ_RETURN_IF_ERROR(expect_shape(kInitialC, "initial_c", state_shape));
    DQ_RETURN_IF_ERROR(expect_shape(kPeepholes, "P", {d.directions, 3 * d.hidden_size}));
  } else if (context.input_count() > kInitialC) {
    return context.Error("GRU takes at most 6 inputs");
  }
  const size_t outputs = context.node().outputs.size();
  if (outputs > static_cast<size_t>(gates == 4 ? 3 : 2)) {
    return context.Error("too many outputs");
  }
  context.SetOutput(
      kY, ElementType::kFloat32,
      d.batch_major
          ? std::vector<int64_t>{d.batch_size, d.seq_length, d.directions, d.hidden_size}
          : std::vector<int64_t>{d.seq_length, d.directions, d.batch_size, d.hidden_size});
  for (size_t index = kYH; index < outputs; ++index) {
    context.SetOutput(index, ElementType::kFloat32, state_shape);
  }
  return Status::OK();
}

Dimensions RunDimensions(const RunContext& context, int64_t gates, int activation_count) {
  Dimensions dimensions;
  Status status = ParseDimensions(context.node, context.input(kX).shape(),
                                  context.input(kR).shape(), gates, activation_count, &dimensions);
  DQ_CHECK(status.ok());
  return dimensions;
}

int64_t ChunkSteps(const Dimensions& dimensions) {
  const int64_t per_step = std::max<int64_t>(1, dimensions.batch_size * dimensions.gate_width());
  return std::clamp<int64_t>(kChunkFloats / per_step, 1,
                             std::max<int64_t>(1, dimensions.seq_length));
}

bool ReadSequenceLengths(const RunContext& context, const Dimensions& dimensions,
                         const int64_t** lengths, int64_t* longest) {
  *lengths = nullptr;
  *longest = dimensions.seq_length;
  if (!context.has_input(kSequenceLens)) return true;
  const int64_t* values = context.input(kSequenceLens).int64s();
  int64_t maximum = 0;
  for (int64_t batch = 0; batch < dimensions.batch_size; ++batch) {
    if (values[batch] < 0 || values[batch] > dimensions.seq_length) {
      context.Fail("sequence_lens[" + std::to_string(batch) +
                   "] = " + std::to_string(values[batch]) + " is outside [0, " +
                   std::to_string(dimensions.seq_length) + "]");
      return false;
    }
    maximum = std::max(maximum, values[batch]);
  }
  *lengths = values;
  *longest = maximum;
  return true;
}

void LoadState(const RunContext& context, const Dimensions& dimensions, size_t index,
               int64_t direction, float* state) {
  const int64_t hidden = dimensions.hidden_size;
  if (!context.has_input(index)) {
    std::memset(state, 0, dimensions.batch_size * hidden * sizeof(float));
    return;
  }
  const float* source = context.input(index).floats();
  for (int64_t batch = 0; batch < dimensions.batch_size; ++batch) {
    std::memcpy(state + batch * hidden, source + dimensions.StateOffset(direction, batch),
                hidden * sizeof(float));
  }
}

void StoreState(const Dimensions& dimensions, const float* state, const int64_t* lengths,
                int64_t direction, float* out) {
  const int64_t hidden = dimensions.hidden_size;
  for (int64_t batch = 0; batch < dimensions.batch_size; ++batch) {
    float* target = out + dimensions.StateOffset(direction, batch);
    if ((lengths ? lengths[batch] : dimensions.seq_length) == 0) {
      std::memset(target, 0, hidden * sizeof(float));
    } else {
      std::memcpy(target, state + batch * hidden, hidden * sizeof(float));
    }
  }
}

void ZeroTrailingSteps(const Dimensions& dimensions, int64_t longest, float* y) {
  const int64_t hidden = dimensions.hidden_size;
  for (int64_t time = longest; time < dimensions.seq_length; ++time) {
    for (int64_t direction = 0; direction < dimensions.directions; ++direction) {
      for (int64_t batch = 0; batch < dimensions.batch_size; ++batch) {
        std::memset(y + dimensions.YOffset(time, direction, batch), 0, hidden * sizeof(float));
      }
    }
  }
}

void ProjectInputs(const Dimensions& dimensions, const float* x, const float* weights,
                   int64_t first, int64_t count, float* buffer) {
  const int64_t batch = dimensions.batch_size;
  const int64_t input = dimensions.input_size;
  const int64_t width = dimensions.gate_width();
  if (batch == 0 || width == 0) return;
  if (input == 0) {
    std::memset(buffer, 0, count * batch * width * sizeof(float));
    return;
  }
  if (!dimensions.batch_major) {
    // Rows (t, b) of the chunk are contiguous in X: one GEMM.
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, count * batch, width, input, 1.0f,
                x + dimensions.XOffset(first, 0), input, weights, input, 0.0f, buffer, width);
    return;
  }
  // Batch-major X: the rows of one time step are seq * input floats apart.
  for (int64_t step = 0; step < count; ++step) {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, batch, width, input, 1.0f,
                x + dimensions.XOffset(first + step, 0), dimensions.seq_length * input, weights,
                input, 0.0f, buffer + step * batch * width, width);
  }
}

void MultiplyRecurrence(const Dimensions& dimensions, const float* state, const float* matrix,
                        int64_t columns, float beta, float* out, int64_t out_stride) {
  const int64_t hidden = dimensions.hidden_size;
  if (dimensions.batch_size == 0 || columns == 0 || hidden == 0) return;
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, dimensions.batch_size, columns, hidden, 1.0f,
              state, hidden, matrix, hidden, beta, out, out_stride);
}

}  // namespace dq::ml::recurrent

namespace dq::ml {
namespace {

const OpKernel kRecurrentKernels[] = {
    {"LSTM", recurrent::InferLstm, recurrent::RunLstm},
    {"GRU", recurrent::InferGru, recurrent::RunGru},
};

}  // namespace

std::span<const OpKernel> RecurrentKernels() { return kRecurrentKernels; }

}  // namespace dq::ml

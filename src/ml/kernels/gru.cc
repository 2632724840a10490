// GRU (ONNX opsets 7-17). Per direction and time step t, with gate blocks in the order z, r, h
// (defaults f = Sigmoid, g = Tanh):
//   z   = f(X_t Wz^T + H_{t-1} Rz^T + Wbz + Rbz)
//   r   = f(X_t Wr^T + H_{t-1} Rr^T + Wbr + Rbr)
//   h   = g(X_t Wh^T + (r . H_{t-1}) Rh^T + Rbh + Wbh)     linear_before_reset = 0
//   h   = g(X_t Wh^T + r . (H_{t-1} Rh^T + Rbh) + Wbh)     linear_before_reset != 0 (PyTorch)
//   H_t = (1 - z) . h + z . H_{t-1}
// clip (when set) bounds the input of every activation. With linear_before_reset one GEMM per
// step gives H_{t-1} R^T for all three gates; without it, one GEMM adds H_{t-1} [Rz; Rr]^T to
// the z and r gates and a second adds (r . H_{t-1}) Rh^T to the h gate. Inputs, layouts,
// sequence lengths and the execution strategy: recurrent.h.
#include <algorithm>
#include <cstring>

#include "ml/kernels/recurrent.h"

namespace dq::ml::recurrent {
namespace {

constexpr int64_t kGates = 3;
constexpr int kActivations = 2;

// One time step's gate math for the whole batch.
struct GruStep {
  float* gates = nullptr;             // [batch, 3H]: input projection (+ recurrence)
  const float* recurrence = nullptr;  // linear_before_reset: [batch, 3H] H_{t-1} R^T; else null
  const float* bias = nullptr;        // [3H]: Wb + Rb (linear_before_reset: Wbh alone for h)
  const float* recurrence_bias = nullptr;  // linear_before_reset: Rbh [H]
  float* hidden = nullptr;                 // [batch, H]: H_{t-1} in, H_t out
  float* reset_hidden = nullptr;           // without linear_before_reset: [batch, H] r . H_{t-1}
  float* y = nullptr;                      // Y's row of batch entry 0 at this time and direction
  int64_t y_stride = 0;
  const int64_t* lengths = nullptr;
  int64_t time = 0;
  int64_t batch_size = 0;
  int64_t hidden_size = 0;
  const GateActivation* activations = nullptr;  // f, g
  float clip = 0;                               // 0: none
};

[[gnu::always_inline]] inline void ClipValues(float* data, int64_t count, float bound) {
  for (int64_t index = 0; index < count; ++index) {
    data[index] = std::min(std::max(data[index], -bound), bound);
  }
}

// z and r for every active row, in place; without linear_before_reset also r . H_{t-1}.
DQ_MULTIVERSIONED void GruUpdateAndResetGates(const GruStep& step) {
  const int64_t size = step.hidden_size;
  for (int64_t batch = 0; batch < step.batch_size; ++batch) {
    float* gates = step.gates + batch * kGates * size;  // z then r: 2H values
    const float* hidden = step.hidden + batch * size;
    if (!Active(step.lengths, batch, step.time)) {
      if (step.reset_hidden) std::memset(step.reset_hidden + batch * size, 0, size * sizeof(float));
      continue;
    }
    if (step.recurrence) {
      const float* recurrence = step.recurrence + batch * kGates * size;
      for (int64_t index = 0; index < 2 * size; ++index) {
        gates[index] += step.bias[index] + recurrence[index];
      }
    } else {
      for (int64_t index = 0; index < 2 * size; ++index) gates[index] += step.bias[index];
    }
    if (step.clip > 0) ClipValues(gates, 2 * size, step.clip);
    if (step.activations[0] == GateActivation::kSigmoid) {
      for (int64_t index = 0; index < 2 * size; ++index) gates[index] = FastSigmoid(gates[index]);
    } else {
      ApplyGateActivation(step.activations[0], gates, 2 * size);
    }
    if (step.reset_hidden) {
      const float* reset_gate = gates + size;
      float* reset_hidden = step.reset_hidden + batch * size;
      for (int64_t unit = 0; unit < size; ++unit)
        reset_hidden[unit] = reset_gate[unit] * hidden[unit];
    }
  }
}

// h and H_t for every active row; writes the Y rows (zeros for inactive rows).
DQ_MULTIVERSIONED void GruHiddenGate(const GruStep& step) {
  const int64_t size = step.hidden_size;
  for (int64_t batch = 0; batch < step.batch_size; ++batch) {
    float* y_row = step.y + batch * step.y_stride;
    if (!Active(step.lengths, batch, step.time)) {
      std::memset(y_row, 0, size * sizeof(float));
      continue;
    }
    float* gates = step.gates + batch * kGates * size;
    const float* update_gate = gates;
    const float* reset_gate = gates + size;
    float* candidate = gates + 2 * size;
    const float* bias = step.bias + 2 * size;
    if (step.recurrence) {
      const float* recurrence = step.recurrence + batch * kGates * size + 2 * size;
      for (int64_t unit = 0; unit < size; ++unit) {
        candidate[unit] +=
            bias[unit] + reset_gate[unit] * (recurrence[unit] + step.recurrence_bias[unit]);
      }
    } else {
      for (int64_t unit = 0; unit < size; ++unit) candidate[unit] += bias[unit];
    }
    if (step.clip > 0) ClipValues(candidate, size, step.clip);
    if (step.activations[1] == GateActivation::kTanh) {
      for (int64_t unit = 0; unit < size; ++unit) candidate[unit] = FastTanh(candidate[unit]);
    } else {
      ApplyGateActivation(step.activations[1], candidate, size);
    }
    float* hidden = step.hidden + batch * size;
    for (int64_t unit = 0; unit < size; ++unit) {
      hidden[unit] = candidate[unit] + update_gate[unit] * (hidden[unit] - candidate[unit]);
    }
    std::memcpy(y_row, hidden, size * sizeof(float));
  }
}

}  // namespace

Status InferGru(InferContext& context) {
  Dimensions dimensions;
  DQ_RETURN_IF_ERROR(InferRecurrent(context, kGates, kActivations, &dimensions));
  const int64_t batch = dimensions.batch_size;
  const int64_t size = dimensions.hidden_size;
  const bool linear_before_reset = context.node().GetInt("linear_before_reset", 0) != 0;
  // Gate buffer, hidden state, H_{t-1} R^T or r . H_{t-1}, bias, Rbh.
  context.RequestScratch(ChunkSteps(dimensions) * batch * kGates * size + batch * size +
                         (linear_before_reset ? kGates : 1) * batch * size + (kGates + 1) * size);
  return Status::OK();
}

void RunGru(const RunContext& context) {
  const Dimensions dimensions = RunDimensions(context, kGates, kActivations);
  const int64_t* lengths = nullptr;
  int64_t longest = 0;
  if (!ReadSequenceLengths(context, dimensions, &lengths, &longest)) return;
  const int64_t batch = dimensions.batch_size;
  const int64_t size = dimensions.hidden_size;
  const int64_t width = dimensions.gate_width();
  const bool linear_before_reset = context.node.GetInt("linear_before_reset", 0) != 0;
  float* y = context.output(kY).floats();
  float* buffer = context.scratch;
  float* hidden = buffer + ChunkSteps(dimensions) * batch * width;
  float* extra = hidden + batch * size;  // H_{t-1} R^T, or r . H_{t-1}
  float* bias = extra + (linear_before_reset ? kGates : 1) * batch * size;
  float* recurrence_bias = bias + width;

  GruStep step;
  step.hidden = hidden;
  step.bias = bias;
  step.recurrence = linear_before_reset ? extra : nullptr;
  step.recurrence_bias = recurrence_bias;
  step.reset_hidden = linear_before_reset ? nullptr : extra;
  step.y_stride = dimensions.YBatchStride();
  step.lengths = lengths;
  step.batch_size = batch;
  step.hidden_size = size;
  step.clip = dimensions.clip;
  for (int64_t direction = 0; direction < dimensions.directions; ++direction) {
    std::fill(bias, bias + width + size, 0.0f);
    if (context.has_input(kB)) {
      const float* biases = context.input(kB).floats() + direction * 2 * width;
      // The h gate's R bias stays apart with linear_before_reset (it is scaled by r).
      const int64_t folded = linear_before_reset ? 2 * size : width;
      for (int64_t index = 0; index < width; ++index) bias[index] = biases[index];
      for (int64_t index = 0; index < folded; ++index) bias[index] += biases[width + index];
      if (linear_before_reset) {
        std::memcpy(recurrence_bias, biases + width + 2 * size, size * sizeof(float));
      }
    }
    step.activations = dimensions.activations[direction];
    LoadState(context, dimensions, kInitialH, direction, hidden);
    bool hidden_is_zero = AllZero(hidden, batch * size);
    const float* weights = context.input(kW).floats() + direction * width * dimensions.input_size;
    const float* recurrence = context.input(kR).floats() + direction * width * size;
    ForEachStep(dimensions, direction, longest, context.input(kX).floats(), weights, buffer,
                [&](int64_t time, float* gates) {
                  step.gates = gates;
                  step.time = time;
                  step.y = y + dimensions.YOffset(time, direction, 0);
                  if (linear_before_reset) {
                    if (hidden_is_zero) {
                      std::memset(extra, 0, batch * width * sizeof(float));
                    } else {
                      MultiplyRecurrence(dimensions, hidden, recurrence, width, 0.0f, extra, width);
                    }
                    GruUpdateAndResetGates(step);
                  } else {
                    if (!hidden_is_zero) {
                      MultiplyRecurrence(dimensions, hidden, recurrence, 2 * size, 1.0f, gates,
                                         width);
                    }
                    GruUpdateAndResetGates(step);
                    if (!hidden_is_zero) {
                      MultiplyRecurrence(dimensions, extra, recurrence + 2 * size * size, size,
                                         1.0f, gates + 2 * size, width);
                    }
                  }
                  hidden_is_zero = false;
                  GruHiddenGate(step);
                });
    if (context.node.outputs.size() > kYH) {
      StoreState(dimensions, hidden, lengths, direction, context.output(kYH).floats());
    }
  }
  ZeroTrailingSteps(dimensions, longest, y);
}

}  // namespace dq::ml::recurrent

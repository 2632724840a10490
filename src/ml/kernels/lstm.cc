// LSTM (ONNX opsets 7-17). Per direction and time step t, with gate blocks in the order
// i, o, f, c (defaults f = Sigmoid, g = Tanh, h = Tanh):
//   i   = f(X_t Wi^T + H_{t-1} Ri^T + Pi . C_{t-1} + Wbi + Rbi)
//   f   = f(X_t Wf^T + H_{t-1} Rf^T + Pf . C_{t-1} + Wbf + Rbf)     1 - i when input_forget
//   c   = g(X_t Wc^T + H_{t-1} Rc^T + Wbc + Rbc)
//   C_t = f . C_{t-1} + i . c
//   o   = f(X_t Wo^T + H_{t-1} Ro^T + Po . C_t + Wbo + Rbo)
//   H_t = o . h(C_t)
// clip (when set) bounds the input of every activation, C_t too before h (the state keeps the
// unclipped C_t), as ONNX Runtime does. Inputs, layouts, sequence lengths and the execution
// strategy: recurrent.h.
#include <algorithm>
#include <cstring>

#include "ml/kernels/recurrent.h"

namespace dq::ml::recurrent {
namespace {

constexpr int64_t kGates = 4;
constexpr int kActivations = 3;

// One time step's gate math for the whole batch.
struct LstmStep {
  float* gates = nullptr;            // [batch, 4H]: input projection + recurrence, no bias
  const float* bias = nullptr;       // [4H]: Wb + Rb
  const float* peepholes = nullptr;  // [3H] (i, o, f), or null
  float* hidden = nullptr;           // [batch, H]: H_{t-1} in, H_t out
  float* cell = nullptr;             // [batch, H]: C_{t-1} in, C_t out
  float* y = nullptr;                // Y's row of batch entry 0 at this time and direction
  int64_t y_stride = 0;              // floats between the Y rows of consecutive entries
  const int64_t* lengths = nullptr;  // sequence lengths, or null
  int64_t time = 0;
  int64_t batch_size = 0;
  int64_t hidden_size = 0;
  const GateActivation* activations = nullptr;  // f, g, h
  float clip = 0;                               // 0: none
  bool input_forget = false;
  bool default_cell = false;  // Sigmoid/Tanh/Tanh, no peepholes, clip or input_forget
};

void Clip(float* data, int64_t count, float bound) {
  for (int64_t index = 0; index < count; ++index) {
    data[index] = std::min(std::max(data[index], -bound), bound);
  }
}

// The default cell in one fused loop over the row (restrict: without it GCC gives up on
// checking the overlap of six arrays and leaves the loop scalar).
[[gnu::always_inline]] inline void DefaultCell(const float* __restrict gates,
                                               const float* __restrict bias, int64_t hidden_size,
                                               float* __restrict hidden, float* __restrict cell,
                                               float* __restrict y_row) {
  const int64_t size = hidden_size;
  for (int64_t unit = 0; unit < size; ++unit) {
    const float input_gate = FastSigmoid(gates[unit] + bias[unit]);
    const float output_gate = FastSigmoid(gates[size + unit] + bias[size + unit]);
    const float forget_gate = FastSigmoid(gates[2 * size + unit] + bias[2 * size + unit]);
    const float candidate = FastTanh(gates[3 * size + unit] + bias[3 * size + unit]);
    const float state = forget_gate * cell[unit] + input_gate * candidate;
    cell[unit] = state;
    const float output = output_gate * FastTanh(state);
    hidden[unit] = output;
    y_row[unit] = output;
  }
}

// Any supported activations, peepholes, clip and input_forget: one pass per equation.
[[gnu::always_inline]] inline void GeneralCell(const LstmStep& step, float* gates, float* hidden,
                                               float* cell) {
  const int64_t size = step.hidden_size;
  float* input_gate = gates;
  float* output_gate = gates + size;
  float* forget_gate = gates + 2 * size;
  float* candidate = gates + 3 * size;
  for (int64_t index = 0; index < kGates * size; ++index) gates[index] += step.bias[index];
  if (step.peepholes) {
    const float* peephole_input = step.peepholes;
    const float* peephole_forget = step.peepholes + 2 * size;
    for (int64_t unit = 0; unit < size; ++unit) {
      input_gate[unit] += peephole_input[unit] * cell[unit];
      forget_gate[unit] += peephole_forget[unit] * cell[unit];
    }
  }
  if (step.clip > 0) {
    Clip(input_gate, size, step.clip);
    Clip(forget_gate, 2 * size, step.clip);  // f and c
  }
  ApplyGateActivation(step.activations[0], input_gate, size);
  if (step.input_forget) {
    for (int64_t unit = 0; unit < size; ++unit) forget_gate[unit] = 1.0f - input_gate[unit];
  } else {
    ApplyGateActivation(step.activations[0], forget_gate, size);
  }
  ApplyGateActivation(step.activations[1], candidate, size);
  for (int64_t unit = 0; unit < size; ++unit) {
    cell[unit] = forget_gate[unit] * cell[unit] + input_gate[unit] * candidate[unit];
  }
  if (step.peepholes) {
    const float* peephole_output = step.peepholes + size;
    for (int64_t unit = 0; unit < size; ++unit)
      output_gate[unit] += peephole_output[unit] * cell[unit];
  }
  if (step.clip > 0) Clip(output_gate, size, step.clip);
  ApplyGateActivation(step.activations[0], output_gate, size);
  std::memcpy(hidden, cell, size * sizeof(float));
  if (step.clip > 0) Clip(hidden, size, step.clip);
  ApplyGateActivation(step.activations[2], hidden, size);
  for (int64_t unit = 0; unit < size; ++unit) hidden[unit] *= output_gate[unit];
}

// Updates every active row of the batch and writes its Y row (zeros for inactive rows).
DQ_MULTIVERSIONED void LstmRows(const LstmStep& step) {
  const int64_t size = step.hidden_size;
  for (int64_t batch = 0; batch < step.batch_size; ++batch) {
    float* y_row = step.y + batch * step.y_stride;
    if (!Active(step.lengths, batch, step.time)) {
      std::memset(y_row, 0, size * sizeof(float));
      continue;
    }
    float* gates = step.gates + batch * kGates * size;
    float* hidden = step.hidden + batch * size;
    float* cell = step.cell + batch * size;
    if (step.default_cell) {
      DefaultCell(gates, step.bias, size, hidden, cell, y_row);
    } else {
      GeneralCell(step, gates, hidden, cell);
      std::memcpy(y_row, hidden, size * sizeof(float));
    }
  }
}

}  // namespace

Status InferLstm(InferContext& context) {
  Dimensions dimensions;
  DQ_RETURN_IF_ERROR(InferRecurrent(context, kGates, kActivations, &dimensions));
  const int64_t input_forget = context.node().GetInt("input_forget", 0);
  if (input_forget != 0 && input_forget != 1) return context.Error("input_forget must be 0 or 1");
  const int64_t batch = dimensions.batch_size;
  const int64_t size = dimensions.hidden_size;
  // Gate buffer, hidden and cell states, bias.
  context.RequestScratch(ChunkSteps(dimensions) * batch * kGates * size + 2 * batch * size +
                         kGates * size);
  return Status::OK();
}

void RunLstm(const RunContext& context) {
  const Dimensions dimensions = RunDimensions(context, kGates, kActivations);
  const int64_t* lengths = nullptr;
  int64_t longest = 0;
  if (!ReadSequenceLengths(context, dimensions, &lengths, &longest)) return;
  const int64_t batch = dimensions.batch_size;
  const int64_t size = dimensions.hidden_size;
  const int64_t width = dimensions.gate_width();
  const size_t outputs = context.node.outputs.size();
  float* y = context.output(kY).floats();
  float* buffer = context.scratch;
  float* hidden = buffer + ChunkSteps(dimensions) * batch * width;
  float* cell = hidden + batch * size;
  float* bias = cell + batch * size;

  LstmStep step;
  step.hidden = hidden;
  step.cell = cell;
  step.bias = bias;
  step.y_stride = dimensions.YBatchStride();
  step.lengths = lengths;
  step.batch_size = batch;
  step.hidden_size = size;
  step.clip = dimensions.clip;
  step.input_forget = context.node.GetInt("input_forget", 0) != 0;
  for (int64_t direction = 0; direction < dimensions.directions; ++direction) {
    if (context.has_input(kB)) {
      const float* biases = context.input(kB).floats() + direction * 2 * width;
      for (int64_t index = 0; index < width; ++index)
        bias[index] = biases[index] + biases[width + index];
    } else {
      std::fill(bias, bias + width, 0.0f);
    }
    step.peepholes = nullptr;
    if (context.has_input(kPeepholes)) {
      const float* peepholes = context.input(kPeepholes).floats() + direction * 3 * size;
      if (!AllZero(peepholes, 3 * size)) step.peepholes = peepholes;
    }
    step.activations = dimensions.activations[direction];
    step.default_cell = !step.peepholes && step.clip == 0 && !step.input_forget &&
                        step.activations[0] == GateActivation::kSigmoid &&
                        step.activations[1] == GateActivation::kTanh &&
                        step.activations[2] == GateActivation::kTanh;
    LoadState(context, dimensions, kInitialH, direction, hidden);
    LoadState(context, dimensions, kInitialC, direction, cell);
    bool hidden_is_zero = AllZero(hidden, batch * size);
    const float* weights = context.input(kW).floats() + direction * width * dimensions.input_size;
    const float* recurrence = context.input(kR).floats() + direction * width * size;
    ForEachStep(dimensions, direction, longest, context.input(kX).floats(), weights, buffer,
                [&](int64_t time, float* gates) {
                  if (!hidden_is_zero) {
                    MultiplyRecurrence(dimensions, hidden, recurrence, width, 1.0f, gates, width);
                  }
                  hidden_is_zero = false;
                  step.gates = gates;
                  step.time = time;
                  step.y = y + dimensions.YOffset(time, direction, 0);
                  LstmRows(step);
                });
    if (outputs > kYH)
      StoreState(dimensions, hidden, lengths, direction, context.output(kYH).floats());
    if (outputs > kYC)
      StoreState(dimensions, cell, lengths, direction, context.output(kYC).floats());
  }
  ZeroTrailingSteps(dimensions, longest, y);
}

}  // namespace dq::ml::recurrent

// What the recurrent operators LSTM (lstm.cc) and GRU (gru.cc) share: their attributes, the
// shapes of their inputs and outputs in both layouts, sequence lengths, the input projection
// and the order of time steps. recurrent.cc also lists the family for kernel_registry.cc.
//
// Conventions (ONNX opsets 7-17; G = gates per direction: 4 for LSTM (i, o, f, c), 3 for GRU
// (z, r, h); H = hidden_size; D = 1, or 2 when bidirectional):
//   inputs   X, W [D, G*H, input], R [D, G*H, H], B [D, 2*G*H] (W biases then R biases),
//            sequence_lens [batch], initial_h, then for LSTM initial_c and P [D, 3*H] (i, o, f)
//   layout 0 X [seq, batch, input], Y [seq, D, batch, H], initial_h/c, Y_h/Y_c [D, batch, H]
//   layout 1 X [batch, seq, input], Y [batch, seq, D, H], initial_h/c, Y_h/Y_c [batch, D, H]
// Direction 1 of a bidirectional node runs backwards in time. sequence_lens holds each
// sequence's length in [0, seq] (INT64 here: a constant INT32 one is widened at import; an
// INT32 graph input is rejected there): a sequence's state stops changing at its length, Y is
// zero past it, and a sequence of length 0 gets zero Y_h and Y_c (as ONNX Runtime does).
// Supported activations: Sigmoid, Tanh, Relu (activation_alpha/beta are then unused).
//
// Execution, per direction: the input projections X_t * W^T of a chunk of time steps are one
// GEMM (bounded in size, so the gate buffer stays cache-sized), then each time step adds the
// recurrence H_{t-1} * R^T for the whole batch with one GEMM and applies the gate math row by
// row (vectorized, gate_math.h). Everything lives in the scratch Infer requests.
#pragma once

#include <algorithm>
#include <cstdint>

#include "ml/kernel.h"
#include "ml/kernels/gate_math.h"

// Compiles a hot gate-math function for AVX-512, AVX2+FMA and the baseline, chosen at load
// time (GCC on x86-64; elsewhere a plain function).
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define DQ_MULTIVERSIONED \
  __attribute__((target_clones("default", "arch=x86-64-v3", "arch=x86-64-v4")))
#else
#define DQ_MULTIVERSIONED
#endif

namespace dq::ml::recurrent {

// Input and output positions.
inline constexpr size_t kX = 0, kW = 1, kR = 2, kB = 3, kSequenceLens = 4, kInitialH = 5,
                        kInitialC = 6, kPeepholes = 7;
inline constexpr size_t kY = 0, kYH = 1, kYC = 2;

// A node's attributes and sizes for one input shape.
struct Dimensions {
  int64_t seq_length = 0;
  int64_t batch_size = 0;
  int64_t input_size = 0;
  int64_t hidden_size = 0;
  int64_t gates = 0;         // G
  int64_t directions = 1;    // D
  bool batch_major = false;  // layout 1
  bool reverse = false;      // direction "reverse"
  float clip = 0;            // > 0 clips activation inputs to [-clip, clip]; 0: no clipping
  GateActivation activations[2][3] = {};  // per direction: f, g, h (GRU: f, g)

  int64_t gate_width() const { return gates * hidden_size; }
  bool Backward(int64_t direction) const { return reverse || direction == 1; }
  // Offsets in floats of row (t, b) of X, of Y's row for (t, direction, b) and of the state row
  // for (direction, b) in initial_h/initial_c/Y_h/Y_c.
  int64_t XOffset(int64_t time, int64_t batch) const {
    return (batch_major ? batch * seq_length + time : time * batch_size + batch) * input_size;
  }
  int64_t YOffset(int64_t time, int64_t direction, int64_t batch) const {
    return (batch_major ? (batch * seq_length + time) * directions + direction
                        : (time * directions + direction) * batch_size + batch) *
           hidden_size;
  }
  int64_t StateOffset(int64_t direction, int64_t batch) const {
    return (batch_major ? batch * directions + direction : direction * batch_size + batch) *
           hidden_size;
  }
  // Distance in floats between Y's rows of consecutive batch entries at one (t, direction).
  int64_t YBatchStride() const {
    return batch_major ? seq_length * directions * hidden_size : hidden_size;
  }
};

// Reads the attributes and checks the input shapes of a node with `gates` gates and
// `activation_count` activations per direction; on success sets the outputs' shapes.
Status InferRecurrent(InferContext& context, int64_t gates, int activation_count,
                      Dimensions* dimensions);

// The dimensions again in Run (Infer has checked them; no allocation).
Dimensions RunDimensions(const RunContext& context, int64_t gates, int activation_count);

// Whether every value is 0 (exporters pass zero initial states; the first step's recurrence
// is then skipped).
inline bool AllZero(const float* values, int64_t count) {
  return std::all_of(values, values + count, [](float value) { return value == 0.0f; });
}

// Time steps whose input projections are computed together (at least 1).
int64_t ChunkSteps(const Dimensions& dimensions);

// The sequence lengths (null when absent: every sequence is full) and the longest one. Reports
// a length outside [0, seq] through context.Fail and returns false.
bool ReadSequenceLengths(const RunContext& context, const Dimensions& dimensions,
                         const int64_t** lengths, int64_t* longest);

// Row b is updated at time t when there are no lengths or t < lengths[b].
inline bool Active(const int64_t* lengths, int64_t batch, int64_t time) {
  return !lengths || time < lengths[batch];
}

// Runs direction `direction` over times [0, longest) in its order (backwards for Backward()):
// for each chunk of ChunkSteps() times it computes the input projections
// gates[t][b] = X[t, b] * W^T (no bias; `weights` is this direction's [G*H, input] matrix) into
// `buffer` ([chunk, batch, G*H]) and then calls step(t, gates of t) for each time in order.
template <typename Step>
void ForEachStep(const Dimensions& dimensions, int64_t direction, int64_t longest, const float* x,
                 const float* weights, float* buffer, Step step);

// Copies input `index` (initial_h or initial_c) of `direction` into `state` ([batch, H]), or
// zeros when the input is absent.
void LoadState(const RunContext& context, const Dimensions& dimensions, size_t index,
               int64_t direction, float* state);

// Copies `state` ([batch, H]) into `out` (Y_h or Y_c) at `direction`; sequences of length 0
// (also all of them when seq is 0) get zeros.
void StoreState(const Dimensions& dimensions, const float* state, const int64_t* lengths,
                int64_t direction, float* out);

// Writes zeros to Y at times [longest, seq) (never computed when every sequence is shorter).
void ZeroTrailingSteps(const Dimensions& dimensions, int64_t longest, float* y);

// buffer[t - first] = X[first .. first + count) * W^T, as ForEachStep describes.
void ProjectInputs(const Dimensions& dimensions, const float* x, const float* weights,
                   int64_t first, int64_t count, float* buffer);

// Adds (beta 1) or writes (beta 0) out[b, :] = state[b, :] * matrix^T for the batch, where
// `matrix` is [columns, H] and out's rows are `out_stride` floats apart.
void MultiplyRecurrence(const Dimensions& dimensions, const float* state, const float* matrix,
                        int64_t columns, float beta, float* out, int64_t out_stride);

Status InferLstm(InferContext& context);
void RunLstm(const RunContext& context);
Status InferGru(InferContext& context);
void RunGru(const RunContext& context);

template <typename Step>
void ForEachStep(const Dimensions& dimensions, int64_t direction, int64_t longest, const float* x,
                 const float* weights, float* buffer, Step step) {
  const int64_t chunk = ChunkSteps(dimensions);
  const int64_t block = dimensions.batch_size * dimensions.gate_width();
  const bool backward = dimensions.Backward(direction);
  for (int64_t done = 0; done < longest; done += chunk) {
    const int64_t count = std::min(chunk, longest - done);
    const int64_t first = backward ? longest - done - count : done;
    ProjectInputs(dimensions, x, weights, first, count, buffer);
    for (int64_t index = 0; index < count; ++index) {
      const int64_t offset = backward ? count - 1 - index : index;
      step(first + offset, buffer + offset * block);
    }
  }
}

}  // namespace dq::ml::recurrent

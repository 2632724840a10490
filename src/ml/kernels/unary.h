// Helpers of the one-input FLOAT kernels (elementwise.cc, unary_math.cc): the output has the
// input's shape, and Run maps every element through a function the compiler can inline (and,
// for branch-free functions, vectorize).
#pragma once

#include "ml/kernel.h"

namespace dq::ml {

// Infer of a FLOAT -> FLOAT kernel of the input's shape.
inline Status InferFloatUnary(InferContext& context) {
  DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kFloat32));
  context.SetOutput(0, ElementType::kFloat32, context.input_shape(0));
  return Status::OK();
}

// output[i] = function(input[i]).
template <typename Function>
void MapFloats(const RunContext& context, Function function) {
  const float* in = context.input(0).floats();
  float* out = context.output(0).floats();
  const int64_t count = context.output(0).element_count();
  for (int64_t index = 0; index < count; ++index) out[index] = function(in[index]);
}

}  // namespace dq::ml

// Recognizes layer normalization written out as primitives, as PyTorch exports nn.LayerNorm
// below opset 17:
//
//   m = ReduceMean(x, axes=[-1]); d = Sub(x, m); v = ReduceMean(Pow(d, 2), axes=[-1])
//   y = Add(Mul(Div(d, Sqrt(Add(v, eps))), gamma), beta)
//
// with constant eps (a scalar), gamma and beta ([H], H the last dimension), and replaces the
// nine nodes with one LayerNormalization(x, gamma, beta, axis=-1, epsilon=eps). Only when
// every intermediate is read by the pattern alone and is not a graph output.
#pragma once

#include "ml/graph.h"

namespace dq::ml {

// Returns the number of patterns fused.
int FuseLayerNormalization(Graph* graph);

}  // namespace dq::ml

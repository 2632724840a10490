// Load-time graph rewrites, applied in this order by OptimizeGraph:
//  1. Constant folding: a node whose inputs are all constants (initializers, Constant nodes,
//     earlier folded results) is evaluated once; its outputs become constants.
//  2. Identity, Dropout (inference) and Pad with all-zero pads are removed; their consumers
//     read the input directly.
//  3. Fusion: layer normalization written out as primitives becomes one LayerNormalization
//     (layer_norm_fusion.h); MatMul followed by Add of a constant [N] bias becomes one MatMul with a bias
//     input; a BatchNormalization after a Conv is folded into the Conv's weights and bias;
//     Gemm, MatMul, Conv and ConvTranspose followed by Relu apply the Relu in the same pass.
//     Only when the intermediate has no other reader and is not a graph output.
//  4. Dead nodes (no output read by anything) are dropped.
// Graph outputs keep their names (Graph::output_names) even when their value is replaced.
#pragma once

#include "common/status.h"
#include "ml/graph.h"

namespace dq::ml {

Status OptimizeGraph(Graph* graph);

}  // namespace dq::ml

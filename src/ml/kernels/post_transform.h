// The post_transform attribute of the ai.onnx.ml classifiers and regressors (TreeEnsemble*,
// Linear*): a function applied to each row's scores after aggregation and base values.
//   NONE          scores unchanged
//   LOGISTIC      each score s -> 1 / (1 + exp(-s))
//   SOFTMAX       the row -> exp(s - max) / sum(exp(s - max))
//   SOFTMAX_ZERO  SOFTMAX over the non-zero scores (|s| > 1e-7); zero scores stay ~0. A row
//                 of zeros becomes uniform, 1/count each (unspecified by ONNX: the onnx
//                 reference writes 0.5, ONNX Runtime divides by zero)
//   PROBIT        each score p -> the standard normal quantile of p, sqrt(2) * erfinv(2p - 1).
//                 Computed to double precision; ONNX Runtime and the onnx reference use a
//                 ~1e-3 approximation of erfinv, so their PROBIT outputs differ in the 3rd digit.
// Scores are doubles here; kernels write the results to float tensors.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "ml/graph.h"

namespace dq::ml {

enum class PostTransform : uint8_t { kNone, kLogistic, kSoftmax, kSoftmaxZero, kProbit };

// Reads the node's post_transform attribute (default NONE); an unknown name is an error
// naming the node.
Result<PostTransform> ReadPostTransform(const Node& node);

// Applies `transform` in place to one row of `count` scores.
void ApplyPostTransform(PostTransform transform, double* scores, int64_t count);

}  // namespace dq::ml

// Builds the executor's Graph (graph.h) from ONNX bytes.
//
// Parsing uses the protobuf classes generated from onnx.proto that Debian's libonnx-dev ships
// (libonnx_proto), and the model is validated by onnx::checker::check_model (libonnx) before
// we read it. Shapes are not taken from onnx's shape inference: the executor propagates them
// itself for each batch size (execution_plan.h), which also catches shapes it cannot infer.
//
// What is rejected here (kInvalidInput, message first):
//  * "Invalid model file: ..."   not a protobuf ModelProto, truncated, or failing the checker
//  * "Unsupported opset version N ..."   default-domain opset outside 7..17
//  * "Unsupported ai.onnx.ml opset version N ..."   ai.onnx.ml opset outside 1..3
//  * "Unsupported operator OP in node 'name'"   no kernel for (domain, op): OP is the op type
//    for the default domain, "domain.op" otherwise ("ai.onnx.ml.SVMClassifier")
//  * "Invalid model: node 'n' (Op): ..."   attributes a kernel's prepare step rejects
//  * "Unsupported attribute 'a' in node 'n' ..."   graph attributes, DOUBLE tensor attributes
//  * "Unsupported data type T for tensor 'x'"   anything but FLOAT/INT64 (INT32 constants are
//    widened to INT64), or external data
//  * "Invalid model: node 'n' (Op) uses undefined tensor 'x'"
#pragma once

#include <string_view>

#include "common/status.h"
#include "ml/graph.h"

namespace dq::ml {

inline constexpr int64_t kMinOpset = 7;
inline constexpr int64_t kMaxOpset = 17;
inline constexpr int64_t kMinMlOpset = 1;
inline constexpr int64_t kMaxMlOpset = 3;

Result<Graph> ImportOnnxGraph(std::string_view onnx_bytes);

}  // namespace dq::ml

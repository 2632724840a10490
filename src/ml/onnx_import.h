// Builds the executor's Graph (graph.h) from ONNX bytes.
//
// Parsing uses the protobuf classes generated from onnx.proto that Debian's libonnx-dev ships
// (libonnx_proto), and a model of default-domain opset up to kMaxCheckedOpset (and ai.onnx.ml
// opset up to kMaxCheckedMlOpset) is validated by
// onnx::checker::check_model (libonnx 1.12, which knows the operator schemas up to opset 17)
// before we read it; newer models (opsets 18 to 20, what current PyTorch exports) skip that
// check, which would hold them to opset 17's schemas, and rely on our own: every node input
// defined before use, operators and attributes checked by the kernels, shapes by planning.
// Model-local functions are inlined before anything else (their nodes named "<call>/<node>"). Shapes are not taken from onnx's shape inference: the executor propagates them
// itself for each batch size (execution_plan.h), which also catches shapes it cannot infer.
//
// What is rejected here (kInvalidInput, message first):
//  * "Invalid model file: ..."   not a protobuf ModelProto, truncated, or failing the checker
//  * "Unsupported opset version N ..."   default-domain opset outside 7..20
//  * "Unsupported ai.onnx.ml opset version N ..."   ai.onnx.ml opset outside 1..5
//  * "Unsupported operator OP in node 'name'"   no kernel for (domain, op): OP is the op type
//    for the default domain, "domain.op" otherwise ("ai.onnx.ml.SVMClassifier")
//  * "Invalid model: node 'n' (Op): ..."   attributes a kernel's prepare step rejects
//  * "Unsupported attribute 'a' in node 'n' ..."   graph attributes, DOUBLE tensor attributes
//  * "Unsupported data type T for tensor 'x'"   anything but FLOAT/INT64 (INT32 constants are
//    widened to INT64), or external data
//  * "Invalid model: node 'n' (Op) uses undefined tensor 'x'" (or "redefines tensor 'x'")
#pragma once

#include <string_view>

#include "common/status.h"
#include "ml/graph.h"

namespace dq::ml {

inline constexpr int64_t kMinOpset = 7;
inline constexpr int64_t kMaxOpset = 20;
inline constexpr int64_t kMaxCheckedOpset = 17;  // the newest opset libonnx's checker knows
inline constexpr int64_t kMinMlOpset = 1;
inline constexpr int64_t kMaxMlOpset = 5;
// The newest ai.onnx.ml opset libonnx's checker knows. Opsets 4 and 5 changed only operators
// DeepQuery does not implement (LabelEncoder; the new TreeEnsemble), so the classical
// operators keep their meaning there.
inline constexpr int64_t kMaxCheckedMlOpset = 3;

Result<Graph> ImportOnnxGraph(std::string_view onnx_bytes);

}  // namespace dq::ml

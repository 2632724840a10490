// ZipMap (ai.onnx.ml): X FLOAT [N, C] -> in ONNX a sequence of N maps {label_c: X[n, c]}, with
// the labels from classlabels_int64s or classlabels_strings (exactly one, C of them).
//
// Our tensors hold no sequences or maps, so the output is X itself, unchanged, carrying the
// labels as OutputLabels::Kind::kLabelMap (tensor.h). ML.PREDICT turns it into one
// ARRAY<STRUCT<label INT64|STRING, prob FLOAT64>> per row, in class order, which is the shape
// of BigQuery's predicted_<label>_probs column; ML.FEATURE_INFO shows the output's type as
// "MAP<INT64, FLOAT32>" or "MAP<STRING, FLOAT32>". Because other kernels cannot read a map,
// a ZipMap's output must be a graph output (Model::Load checks).
#include <algorithm>
#include <memory>

#include "ml/kernels/class_labels.h"
#include "ml/kernels/kernel_families.h"

namespace dq::ml {
namespace {

struct ZipMapState : KernelState {
  ClassLabels labels;
};

Status PrepareZipMap(Node& node) {
  auto state = std::make_shared<ZipMapState>();
  DQ_ASSIGN_OR_RETURN(state->labels,
                      ReadClassLabels(node, "classlabels_int64s", "classlabels_strings"));
  node.state = std::move(state);
  return Status::OK();
}

Status InferZipMap(InferContext& context) {
  const auto& state = static_cast<const ZipMapState&>(*context.node().state);
  DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kFloat32));
  const auto& shape = context.input_shape(0);
  if (shape.size() != 2 || shape[1] != state.labels.size()) {
    return context.Error("X must be [batch, " + std::to_string(state.labels.size()) + "] for " +
                         std::to_string(state.labels.size()) + " labels, got " +
                         ShapeToString(shape));
  }
  context.SetOutput(0, ElementType::kFloat32, shape);
  return Status::OK();
}

void RunZipMap(const RunContext& context) {
  const Tensor& input = context.input(0);
  std::copy(input.floats(), input.floats() + input.element_count(), context.output(0).floats());
}

OutputLabels ZipMapOutputLabels(const Node& node, size_t index) {
  const auto& state = static_cast<const ZipMapState&>(*node.state);
  OutputLabels labels;
  labels.kind = OutputLabels::Kind::kLabelMap;
  labels.int64s = state.labels.int64s;
  labels.strings = state.labels.strings;
  return labels;
}

const OpKernel kZipMapKernels[] = {
    {.op_type = "ZipMap",
     .infer = InferZipMap,
     .run = RunZipMap,
     .domain = kMlDomain,
     .prepare = PrepareZipMap,
     .output_labels = ZipMapOutputLabels},
};

}  // namespace

std::span<const OpKernel> ZipMapKernels() { return kZipMapKernels; }

}  // namespace dq::ml

// LinearClassifier and LinearRegressor (ai.onnx.ml): X [N, F] (FLOAT or INT64) times the
// coefficient rows, in double precision.
//
// LinearRegressor: Y FLOAT [N, targets] = post_transform(X * W^T + intercepts), W the
//   `coefficients` as [targets, F] (F = coefficients / targets), intercepts zero when absent.
// LinearClassifier: Y INT64 [N] (label), Z FLOAT [N, C'] (scores).
//   scores = X * W^T + intercepts with T rows: T = |intercepts| (or |coefficients| / F when
//   there are no intercepts). T must equal the number of class labels C, or be 1 with C == 2:
//   the binary case, where a score s becomes [-s, s] (the onnx reference evaluator's rule;
//   ONNX Runtime writes [1 - s, s] with post_transform NONE, and agrees otherwise). Then
//   post_transform over the row; the label is the class of the largest score (the first on
//   ties). multi_class is ignored, as in both references.
// STRING class labels: as TreeEnsembleClassifier (class_labels.h).
#include <memory>

#include "ml/kernels/class_labels.h"
#include "ml/kernels/kernel_families.h"
#include "ml/kernels/post_transform.h"

namespace dq::ml {
namespace {

struct LinearState : KernelState {
  std::vector<float> coefficients;
  std::vector<float> intercepts;  // empty: zeros
  ClassLabels labels;             // classifiers
  PostTransform transform = PostTransform::kNone;
};

// The number of score rows T for an input of `features` columns, checked.
Status InferScoreRows(InferContext& context, const LinearState& state, int64_t declared_rows,
                      int64_t* rows, int64_t* batch, int64_t* features) {
  if (!context.has_input(0)) return context.Error("missing input X");
  const std::vector<int64_t>& shape = context.input_shape(0);
  if (shape.size() != 2) {
    return context.Error("X must be [batch, features], got " + ShapeToString(shape));
  }
  *batch = shape[0];
  *features = shape[1];
  int64_t coefficient_count = state.coefficients.size();
  *rows = declared_rows > 0 ? declared_rows : (*features > 0 ? coefficient_count / *features : 0);
  if (*rows <= 0 || *rows * *features != coefficient_count) {
    return context.Error(
        "X has " + std::to_string(*features) + " features, which does not fit " +
        std::to_string(coefficient_count) + " coefficients" +
        (declared_rows > 0 ? " for " + std::to_string(declared_rows) + " rows" : std::string()));
  }
  return Status::OK();
}

// scores[t] = intercepts[t] + sum_f x[f] * W[t, f] for one row.
template <typename Input>
void Score(const LinearState& state, const Input* row, int64_t features, int64_t rows,
           double* scores) {
  const float* weights = state.coefficients.data();
  for (int64_t target = 0; target < rows; ++target) {
    double sum = state.intercepts.empty() ? 0.0 : state.intercepts[target];
    const float* target_weights = weights + target * features;
    for (int64_t feature = 0; feature < features; ++feature) {
      sum += static_cast<double>(row[feature]) * target_weights[feature];
    }
    scores[target] = sum;
  }
}

// Calls `each(row, scores)` with the score rows of every input row.
template <typename Each>
void ForEachRow(const RunContext& context, const LinearState& state, int64_t rows, Each each) {
  const Tensor& input = context.input(0);
  const int64_t batch = input.shape()[0];
  const int64_t features = input.shape()[1];
  double* scores = context.double_scratch;
  for (int64_t row = 0; row < batch; ++row) {
    if (input.type() == ElementType::kFloat32) {
      Score(state, input.floats() + row * features, features, rows, scores);
    } else {
      Score(state, input.int64s() + row * features, features, rows, scores);
    }
    each(row, scores);
  }
}

Status ReadLinearState(Node& node, std::shared_ptr<LinearState>* state) {
  *state = std::make_shared<LinearState>();
  auto coefficients = node.GetFloats("coefficients");
  auto intercepts = node.GetFloats("intercepts");
  if (coefficients.empty()) return NodeError(node, "coefficients are missing");
  (*state)->coefficients.assign(coefficients.begin(), coefficients.end());
  (*state)->intercepts.assign(intercepts.begin(), intercepts.end());
  DQ_ASSIGN_OR_RETURN((*state)->transform, ReadPostTransform(node));
  return Status::OK();
}

// --- LinearRegressor ---

Status PrepareRegressor(Node& node) {
  std::shared_ptr<LinearState> state;
  DQ_RETURN_IF_ERROR(ReadLinearState(node, &state));
  int64_t targets = node.GetInt("targets", 1);
  if (targets < 1) return NodeError(node, "targets must be at least 1");
  if (!state->intercepts.empty() && static_cast<int64_t>(state->intercepts.size()) != targets) {
    return NodeError(node, "intercepts has " + std::to_string(state->intercepts.size()) +
                               " values for " + std::to_string(targets) + " targets");
  }
  node.state = std::move(state);
  return Status::OK();
}

Status InferRegressor(InferContext& context) {
  const auto& state = static_cast<const LinearState&>(*context.node().state);
  int64_t rows = 0, batch = 0, features = 0;
  DQ_RETURN_IF_ERROR(InferScoreRows(context, state, context.node().GetInt("targets", 1), &rows,
                                    &batch, &features));
  context.SetOutput(0, ElementType::kFloat32, {batch, rows});
  context.RequestDoubleScratch(rows);
  return Status::OK();
}

void RunRegressor(const RunContext& context) {
  const auto& state = static_cast<const LinearState&>(*context.node.state);
  const int64_t targets = context.output(0).shape()[1];
  float* output = context.output(0).floats();
  ForEachRow(context, state, targets, [&](int64_t row, double* scores) {
    ApplyPostTransform(state.transform, scores, targets);
    for (int64_t target = 0; target < targets; ++target) {
      output[row * targets + target] = static_cast<float>(scores[target]);
    }
  });
}

// --- LinearClassifier ---

Status PrepareClassifier(Node& node) {
  std::shared_ptr<LinearState> state;
  DQ_RETURN_IF_ERROR(ReadLinearState(node, &state));
  DQ_ASSIGN_OR_RETURN(state->labels,
                      ReadClassLabels(node, "classlabels_ints", "classlabels_strings"));
  int64_t classes = state->labels.size();
  int64_t rows = state->intercepts.size();
  if (classes < 2) return NodeError(node, "a classifier needs at least 2 class labels");
  if (rows > 0 && rows != classes && !(rows == 1 && classes == 2)) {
    return NodeError(node, std::to_string(rows) + " intercepts for " + std::to_string(classes) +
                               " class labels (expected one per class, or 1 for 2 classes)");
  }
  node.state = std::move(state);
  return Status::OK();
}

Status InferClassifier(InferContext& context) {
  const auto& state = static_cast<const LinearState&>(*context.node().state);
  int64_t classes = state.labels.size();
  int64_t rows = 0, batch = 0, features = 0;
  DQ_RETURN_IF_ERROR(
      InferScoreRows(context, state, state.intercepts.size(), &rows, &batch, &features));
  if (rows != classes && !(rows == 1 && classes == 2)) {
    return context.Error(std::to_string(rows) + " coefficient rows for " + std::to_string(classes) +
                         " class labels");
  }
  context.SetOutput(0, ElementType::kInt64, {batch});
  if (context.node().outputs.size() > 1) {
    context.SetOutput(1, ElementType::kFloat32, {batch, classes});
  }
  context.RequestDoubleScratch(classes);
  return Status::OK();
}

void RunClassifier(const RunContext& context) {
  const auto& state = static_cast<const LinearState&>(*context.node.state);
  const int64_t classes = state.labels.size();
  const int64_t features = context.input(0).shape()[1];
  const int64_t rows = static_cast<int64_t>(state.coefficients.size()) / features;
  int64_t* labels = context.output(0).int64s();
  float* probabilities = context.node.outputs.size() > 1 ? context.output(1).floats() : nullptr;
  ForEachRow(context, state, rows, [&](int64_t row, double* scores) {
    if (rows == 1) {  // binary: [-s, s]
      scores[1] = scores[0];
      scores[0] = -scores[1];
    }
    ApplyPostTransform(state.transform, scores, classes);
    int64_t best = 0;
    for (int64_t label = 1; label < classes; ++label) {
      if (scores[label] > scores[best]) best = label;
    }
    labels[row] = state.labels.LabelValue(best);
    if (probabilities) {
      for (int64_t label = 0; label < classes; ++label) {
        probabilities[row * classes + label] = static_cast<float>(scores[label]);
      }
    }
  });
}

OutputLabels ClassifierOutputLabels(const Node& node, size_t index) {
  const auto& state = static_cast<const LinearState&>(*node.state);
  return index == 0 ? LabelOutputLabels(state.labels) : OutputLabels();
}

const OpKernel kLinearModelKernels[] = {
    {.op_type = "LinearClassifier",
     .infer = InferClassifier,
     .run = RunClassifier,
     .domain = kMlDomain,
     .prepare = PrepareClassifier,
     .output_labels = ClassifierOutputLabels},
    {.op_type = "LinearRegressor",
     .infer = InferRegressor,
     .run = RunRegressor,
     .domain = kMlDomain,
     .prepare = PrepareRegressor},
};

}  // namespace

std::span<const OpKernel> LinearModelKernels() { return kLinearModelKernels; }

}  // namespace dq::ml

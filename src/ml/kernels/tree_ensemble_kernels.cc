// TreeEnsembleClassifier and TreeEnsembleRegressor (ai.onnx.ml): the trees are flattened once
// at import (prepare, tree_ensemble.h); Run evaluates blocks of kBlockRows rows tree by tree
// into double accumulators, then finishes each row.
//
// TreeEnsembleRegressor: X [N, F] (FLOAT or INT64) -> Y FLOAT [N, n_targets].
//   score[t] = aggregate_function (SUM, AVERAGE = SUM / number of trees, MIN, MAX) of the
//   votes for target t; a target without votes (MIN/MAX) counts 0 (as ONNX Runtime; the onnx
//   reference leaves the float extreme). Then + base_values[t], then post_transform.
// TreeEnsembleClassifier: X [N, F] -> Y INT64 [N] (label), Z FLOAT [N, C] (scores), C the
//   number of class labels.
//   score[c] = base_values[c] + sum of the votes for class c. Binary case (C == 2 and every
//   vote names one class k): s = score[k] and the scores become [1 - s, s] for post_transform
//   NONE or PROBIT, [-s, s] for the others (the onnx reference evaluator's rule; ONNX Runtime
//   agrees for the exports that use it: LOGISTIC boosting, NONE forests with positive votes).
//   Then post_transform over the row, and the label is the class with the largest
//   transformed score (the first on ties).
// base_values may be empty (zeros), one value (every score) or one per target/class.
// STRING class labels: Y holds the class index and the strings become the output's
// OutputLabels (class_labels.h), so ML.PREDICT returns a STRING column.
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "ml/kernels/class_labels.h"
#include "ml/kernels/kernel_families.h"
#include "ml/kernels/post_transform.h"
#include "ml/kernels/tree_ensemble.h"

namespace dq::ml {
namespace {

constexpr int64_t kBlockRows = 256;

// base_values expanded to one per score.
Result<std::vector<double>> ReadBaseValues(const Node& node, int64_t count) {
  auto values = node.GetFloats("base_values");
  if (values.empty()) return std::vector<double>(count, 0.0);
  if (values.size() == 1) return std::vector<double>(count, values[0]);
  if (static_cast<int64_t>(values.size()) != count) {
    return NodeError(node, "base_values has " + std::to_string(values.size()) +
                               " values, expected 1 or " + std::to_string(count));
  }
  return std::vector<double>(values.begin(), values.end());
}

// Checks X and sets N; shared by both kernels.
Status InferFeatures(InferContext& context, const TreeEnsemble& trees, int64_t* rows) {
  if (!context.has_input(0)) return context.Error("missing input X");
  const TensorMeta& input = context.input(0);
  if (input.shape.size() != 2) {
    return context.Error("X must be [batch, features], got " + ShapeToString(input.shape));
  }
  if (input.shape[1] < trees.feature_count()) {
    return context.Error("X has " + std::to_string(input.shape[1]) +
                         " features, but the trees read feature " +
                         std::to_string(trees.feature_count() - 1));
  }
  *rows = input.shape[0];
  return Status::OK();
}

// Runs `finish(block_rows, scores, first_row)` per block after accumulating the block's votes
// into scores that `start(block_rows, scores)` initialized.
template <typename Start, typename Finish>
void ForEachBlock(const RunContext& context, const TreeEnsemble& trees, Aggregate aggregate,
                  Start start, Finish finish) {
  const Tensor& input = context.input(0);
  const int64_t rows = input.shape()[0];
  const int64_t width = input.shape()[1];
  double* scores = context.double_scratch;
  for (int64_t first = 0; first < rows; first += kBlockRows) {
    int64_t block = std::min(kBlockRows, rows - first);
    start(block, scores);
    if (input.type() == ElementType::kFloat32) {
      trees.Accumulate(input.floats() + first * width, block, width, aggregate, scores);
    } else {
      trees.Accumulate(input.int64s() + first * width, block, width, aggregate, scores);
    }
    finish(block, scores, first);
  }
}

// --- TreeEnsembleRegressor ---

struct RegressorState : KernelState {
  TreeEnsemble trees;
  Aggregate aggregate = Aggregate::kSum;
  std::vector<double> base_values;
  PostTransform transform = PostTransform::kNone;
};

Status PrepareRegressor(Node& node) {
  auto state = std::make_shared<RegressorState>();
  int64_t targets = node.GetInt("n_targets", 1);
  if (targets < 1) return NodeError(node, "n_targets must be at least 1");
  DQ_ASSIGN_OR_RETURN(state->trees, TreeEnsemble::Build(node, "target", targets));
  std::string_view aggregate = node.GetString("aggregate_function", "SUM");
  if (aggregate == "SUM") {
    state->aggregate = Aggregate::kSum;
  } else if (aggregate == "AVERAGE") {
    state->aggregate = Aggregate::kAverage;
  } else if (aggregate == "MIN") {
    state->aggregate = Aggregate::kMin;
  } else if (aggregate == "MAX") {
    state->aggregate = Aggregate::kMax;
  } else {
    return NodeError(node, "unknown aggregate_function '" + std::string(aggregate) +
                               "' (expected SUM, AVERAGE, MIN or MAX)");
  }
  DQ_ASSIGN_OR_RETURN(state->base_values, ReadBaseValues(node, targets));
  DQ_ASSIGN_OR_RETURN(state->transform, ReadPostTransform(node));
  node.state = std::move(state);
  return Status::OK();
}

Status InferRegressor(InferContext& context) {
  const auto& state = static_cast<const RegressorState&>(*context.node().state);
  int64_t rows = 0;
  DQ_RETURN_IF_ERROR(InferFeatures(context, state.trees, &rows));
  int64_t targets = state.trees.target_count();
  context.SetOutput(0, ElementType::kFloat32, {rows, targets});
  context.RequestDoubleScratch(std::min(rows, kBlockRows) * targets);
  return Status::OK();
}

void RunRegressor(const RunContext& context) {
  const auto& state = static_cast<const RegressorState&>(*context.node.state);
  const int64_t targets = state.trees.target_count();
  const bool extreme = state.aggregate == Aggregate::kMin || state.aggregate == Aggregate::kMax;
  const double tree_count = static_cast<double>(state.trees.tree_count());
  float* output = context.output(0).floats();
  auto start = [&](int64_t block, double* scores) {
    std::fill(scores, scores + block * targets,
              extreme ? std::numeric_limits<double>::quiet_NaN() : 0.0);
  };
  auto finish = [&](int64_t block, double* scores, int64_t first) {
    for (int64_t row = 0; row < block; ++row) {
      double* row_scores = scores + row * targets;
      for (int64_t target = 0; target < targets; ++target) {
        double& score = row_scores[target];
        if (state.aggregate == Aggregate::kAverage) score /= tree_count;
        if (extreme && std::isnan(score)) score = 0;
        score += state.base_values[target];
      }
      ApplyPostTransform(state.transform, row_scores, targets);
      float* row_output = output + (first + row) * targets;
      for (int64_t target = 0; target < targets; ++target) {
        row_output[target] = static_cast<float>(row_scores[target]);
      }
    }
  };
  ForEachBlock(context, state.trees, state.aggregate, start, finish);
}

// --- TreeEnsembleClassifier ---

struct ClassifierState : KernelState {
  TreeEnsemble trees;
  ClassLabels labels;
  std::vector<double> base_values;
  PostTransform transform = PostTransform::kNone;
  int64_t binary_class = -1;  // the binary case's single voted class k, else -1
};

Status PrepareClassifier(Node& node) {
  auto state = std::make_shared<ClassifierState>();
  DQ_ASSIGN_OR_RETURN(state->labels,
                      ReadClassLabels(node, "classlabels_int64s", "classlabels_strings"));
  int64_t classes = state->labels.size();
  if (classes < 2) return NodeError(node, "a classifier needs at least 2 class labels");
  DQ_ASSIGN_OR_RETURN(state->trees, TreeEnsemble::Build(node, "class", classes));
  DQ_ASSIGN_OR_RETURN(state->base_values, ReadBaseValues(node, classes));
  DQ_ASSIGN_OR_RETURN(state->transform, ReadPostTransform(node));
  if (classes == 2 && state->trees.voted_targets().size() == 1) {
    state->binary_class = state->trees.voted_targets()[0];
  }
  node.state = std::move(state);
  return Status::OK();
}

Status InferClassifier(InferContext& context) {
  const auto& state = static_cast<const ClassifierState&>(*context.node().state);
  int64_t rows = 0;
  DQ_RETURN_IF_ERROR(InferFeatures(context, state.trees, &rows));
  int64_t classes = state.labels.size();
  context.SetOutput(0, ElementType::kInt64, {rows});
  if (context.node().outputs.size() > 1) {
    context.SetOutput(1, ElementType::kFloat32, {rows, classes});
  }
  context.RequestDoubleScratch(std::min(rows, kBlockRows) * classes);
  return Status::OK();
}

void RunClassifier(const RunContext& context) {
  const auto& state = static_cast<const ClassifierState&>(*context.node.state);
  const int64_t classes = state.labels.size();
  int64_t* labels = context.output(0).int64s();
  float* probabilities = context.node.outputs.size() > 1 ? context.output(1).floats() : nullptr;
  const bool one_minus =
      state.transform == PostTransform::kNone || state.transform == PostTransform::kProbit;
  auto start = [&](int64_t block, double* scores) {
    for (int64_t row = 0; row < block; ++row) {
      std::copy(state.base_values.begin(), state.base_values.end(), scores + row * classes);
    }
  };
  auto finish = [&](int64_t block, double* scores, int64_t first) {
    for (int64_t row = 0; row < block; ++row) {
      double* row_scores = scores + row * classes;
      if (state.binary_class >= 0) {
        double score = row_scores[state.binary_class];
        row_scores[1] = score;
        row_scores[0] = one_minus ? 1 - score : -score;
      }
      ApplyPostTransform(state.transform, row_scores, classes);
      int64_t best = 0;
      for (int64_t label = 1; label < classes; ++label) {
        if (row_scores[label] > row_scores[best]) best = label;
      }
      labels[first + row] = state.labels.LabelValue(best);
      if (probabilities) {
        float* row_output = probabilities + (first + row) * classes;
        for (int64_t label = 0; label < classes; ++label) {
          row_output[label] = static_cast<float>(row_scores[label]);
        }
      }
    }
  };
  ForEachBlock(context, state.trees, Aggregate::kSum, start, finish);
}

OutputLabels ClassifierOutputLabels(const Node& node, size_t index) {
  const auto& state = static_cast<const ClassifierState&>(*node.state);
  return index == 0 ? LabelOutputLabels(state.labels) : OutputLabels();
}

const OpKernel kTreeEnsembleKernels[] = {
    {.op_type = "TreeEnsembleClassifier",
     .infer = InferClassifier,
     .run = RunClassifier,
     .domain = kMlDomain,
     .prepare = PrepareClassifier,
     .output_labels = ClassifierOutputLabels},
    {.op_type = "TreeEnsembleRegressor",
     .infer = InferRegressor,
     .run = RunRegressor,
     .domain = kMlDomain,
     .prepare = PrepareRegressor},
};

}  // namespace

std::span<const OpKernel> TreeEnsembleKernels() { return kTreeEnsembleKernels; }

}  // namespace dq::ml

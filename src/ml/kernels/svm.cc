// SVMClassifier and SVMRegressor (ai.onnx.ml): support-vector models as scikit-learn's SVC,
// SVR and OneClassSVM export them (skl2onnx), with ONNX Runtime's semantics (the ONNX spec
// leaves them open; checked against ONNX Runtime 1.30 and scikit-learn).
//
// K(x, s) per support vector s: LINEAR x.s, POLY (gamma x.s + coef0)^degree, RBF
// exp(-gamma |x - s|^2), SIGMOID tanh(gamma x.s + coef0); kernel_params = [gamma, coef0,
// degree]. Sums in double precision.
//
// SVMClassifier (one-vs-one, `vectors_per_class` set): the support vectors are grouped by
// class; for each class pair (i, j), i < j, in order (0,1), (0,2), ..., (1,2), ...:
//   v = sum over class i's vectors of coefficients[j - 1][s] K(x, s)
//     + sum over class j's vectors of coefficients[i][s] K(x, s) + rho[pair]
// and i gets the vote when v > 0, else j. Scores Z are the pair values [N, C(C-1)/2] and the
// label the class with most votes (the first on ties). Two classes: Z = [-v, v] (skl2onnx
// negates a binary model's coefficients and rho, so Z = [d, -d] for scikit-learn's decision
// d, and class 1 wins when d > 0). With prob_a and prob_b, Z is instead the class
// probabilities [N, C] of libsvm's pairwise coupling (CoupleProbabilities; the label still
// comes from the votes, as scikit-learn's predict). post_transform applies to Z. The linear
// mode without `vectors_per_class` is refused at import.
//
// SVMRegressor: y = sum_s coefficients[s] K(x, s) + rho[0]; with one_class, 1 if y > 0 else
// -1; then post_transform.
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "ml/kernels/class_labels.h"
#include "ml/kernels/kernel_families.h"
#include "ml/kernels/post_transform.h"

namespace dq::ml {
namespace {

enum class SvmKernel { kLinear, kPoly, kRbf, kSigmoid };

struct SvmState : KernelState {
  SvmKernel kernel = SvmKernel::kLinear;
  double gamma = 0, coef0 = 0, degree = 0;
  int64_t features = 0;
  std::vector<float> support_vectors;  // [count, features]
  std::vector<float> coefficients;
  std::vector<float> rho;
  PostTransform transform = PostTransform::kNone;
  // Classifiers.
  std::vector<int64_t> class_start;   // first support vector of each class, plus the end
  std::vector<float> prob_a, prob_b;  // Platt scaling per class pair; empty: no probabilities
  ClassLabels labels;
  // Regressors.
  bool one_class = false;

  int64_t vector_count() const {
    return features == 0 ? 0 : static_cast<int64_t>(support_vectors.size()) / features;
  }
  double Kernel(const double* x, int64_t vector) const {
    const float* s = support_vectors.data() + vector * features;
    double value = 0;
    if (kernel == SvmKernel::kRbf) {
      for (int64_t f = 0; f < features; ++f) value += (x[f] - s[f]) * (x[f] - s[f]);
      return std::exp(-gamma * value);
    }
    for (int64_t f = 0; f < features; ++f) value += x[f] * s[f];
    if (kernel == SvmKernel::kPoly) return std::pow(gamma * value + coef0, degree);
    if (kernel == SvmKernel::kSigmoid) return std::tanh(gamma * value + coef0);
    return value;
  }
};

Status ReadCommon(Node& node, SvmState* state) {
  const std::string_view kernel = node.GetString("kernel_type", "LINEAR");
  if (kernel == "LINEAR") {
    state->kernel = SvmKernel::kLinear;
  } else if (kernel == "POLY") {
    state->kernel = SvmKernel::kPoly;
  } else if (kernel == "RBF") {
    state->kernel = SvmKernel::kRbf;
  } else if (kernel == "SIGMOID") {
    state->kernel = SvmKernel::kSigmoid;
  } else {
    return NodeError(node, "unknown kernel_type " + std::string(kernel));
  }
  auto parameters = node.GetFloats("kernel_params");
  if (!parameters.empty() && parameters.size() != 3) {
    return NodeError(node, "kernel_params must be [gamma, coef0, degree]");
  }
  if (parameters.size() == 3) {
    state->gamma = parameters[0];
    state->coef0 = parameters[1];
    state->degree = parameters[2];
  }
  auto vectors = node.GetFloats("support_vectors");
  auto coefficients = node.GetFloats("coefficients");
  auto rho = node.GetFloats("rho");
  state->support_vectors.assign(vectors.begin(), vectors.end());
  state->coefficients.assign(coefficients.begin(), coefficients.end());
  state->rho.assign(rho.begin(), rho.end());
  if (state->coefficients.empty()) return NodeError(node, "coefficients are missing");
  DQ_ASSIGN_OR_RETURN(state->transform, ReadPostTransform(node));
  return Status::OK();
}

// The features per row: the input's columns, which must divide the support vectors.
Status InferFeatures(InferContext& context, const SvmState& state, int64_t* batch) {
  if (!context.has_input(0)) return context.Error("missing input X");
  const std::vector<int64_t>& shape = context.input_shape(0);
  if (shape.size() != 2)
    return context.Error("X must be [batch, features], got " + ShapeToString(shape));
  *batch = shape[0];
  if (shape[1] != state.features) {
    return context.Error("X has " + std::to_string(shape[1]) + " features, the support vectors " +
                         std::to_string(state.features));
  }
  return Status::OK();
}

// Calls `each(row, x)` with every input row converted to double.
template <typename Each>
void ForEachRow(const RunContext& context, int64_t features, double* x, Each each) {
  const Tensor& input = context.input(0);
  const int64_t batch = input.shape()[0];
  for (int64_t row = 0; row < batch; ++row) {
    for (int64_t f = 0; f < features; ++f) {
      x[f] = input.type() == ElementType::kFloat32
                 ? input.floats()[row * features + f]
                 : static_cast<double>(input.int64s()[row * features + f]);
    }
    each(row, x);
  }
}

// --- SVMClassifier ---

Status PrepareClassifier(Node& node) {
  auto state = std::make_shared<SvmState>();
  DQ_RETURN_IF_ERROR(ReadCommon(node, state.get()));
  DQ_ASSIGN_OR_RETURN(state->labels,
                      ReadClassLabels(node, "classlabels_ints", "classlabels_strings"));
  const int64_t classes = state->labels.size();
  auto per_class = node.GetInts("vectors_per_class");
  if (per_class.empty()) {
    return NodeError(node, "the linear mode (no vectors_per_class) is not supported");
  }
  if (classes < 2 || static_cast<int64_t>(per_class.size()) != classes) {
    return NodeError(node, "vectors_per_class needs one count per class label");
  }
  state->class_start.push_back(0);
  for (int64_t count : per_class) {
    if (count < 0) return NodeError(node, "vectors_per_class must not be negative");
    state->class_start.push_back(state->class_start.back() + count);
  }
  const int64_t vectors = state->class_start.back();
  if (vectors == 0 || state->support_vectors.size() % vectors != 0) {
    return NodeError(node, "support_vectors do not hold " + std::to_string(vectors) + " vectors");
  }
  state->features = static_cast<int64_t>(state->support_vectors.size()) / vectors;
  const int64_t pairs = classes * (classes - 1) / 2;
  if (static_cast<int64_t>(state->coefficients.size()) != (classes - 1) * vectors ||
      static_cast<int64_t>(state->rho.size()) != pairs) {
    return NodeError(node, "expected " + std::to_string((classes - 1) * vectors) +
                               " coefficients and " + std::to_string(pairs) + " rho values");
  }
  auto prob_a = node.GetFloats("prob_a");
  auto prob_b = node.GetFloats("prob_b");
  if (!prob_a.empty() || !prob_b.empty()) {
    if (static_cast<int64_t>(prob_a.size()) != pairs ||
        static_cast<int64_t>(prob_b.size()) != pairs) {
      return NodeError(node, "prob_a and prob_b need " + std::to_string(pairs) + " values each");
    }
    state->prob_a.assign(prob_a.begin(), prob_a.end());
    state->prob_b.assign(prob_b.begin(), prob_b.end());
  }
  node.state = std::move(state);
  return Status::OK();
}

Status InferClassifier(InferContext& context) {
  const auto& state = static_cast<const SvmState&>(*context.node().state);
  int64_t batch = 0;
  DQ_RETURN_IF_ERROR(InferFeatures(context, state, &batch));
  const int64_t classes = state.labels.size();
  const int64_t pairs = classes * (classes - 1) / 2;
  context.SetOutput(0, ElementType::kInt64, {batch});
  const bool probabilities = !state.prob_a.empty();
  if (context.node().outputs.size() > 1) {
    context.SetOutput(1, ElementType::kFloat32,
                      {batch, probabilities ? classes : (classes == 2 ? 2 : pairs)});
  }
  // Scratch: the row, the kernel values, the pair values (or [-v, v]), the votes, and for
  // probabilities the pairwise matrix, Q, Qp and p of the coupling.
  context.RequestDoubleScratch(state.features + state.vector_count() + pairs + 2 + classes +
                               (probabilities ? 2 * classes * classes + 2 * classes : 0));
  return Status::OK();
}

// libsvm's Platt estimate of P(class i | pair i, j) from the pair value v.
double SigmoidPredict(double value, double a, double b) {
  const double f = value * a + b;
  return f >= 0 ? std::exp(-f) / (1.0 + std::exp(-f)) : 1.0 / (1.0 + std::exp(f));
}

// Class probabilities from the pair values (libsvm's svm_predict_probability, as scikit-learn
// and ONNX Runtime compute them): pairwise Platt estimates clipped to [1e-7, 1 - 1e-7], then
// the iterative coupling of Wu, Lin and Weng (libsvm's multiclass_probability, also for two
// classes). `work` holds 2 C^2 + 2 C doubles; `p` receives C probabilities (it may alias
// `values`, which is read first).
void CoupleProbabilities(const SvmState& state, const double* values, int64_t classes, double* work,
                         double* p) {
  constexpr double kMinProbability = 1e-7;
  double* r = work;                    // r[i * C + j]
  double* q = r + classes * classes;   // Q
  double* qp = q + classes * classes;  // Qp
  double* estimate = qp + classes;     // p, copied to `p` at the end
  int64_t pair = 0;
  for (int64_t i = 0; i < classes; ++i) {
    for (int64_t j = i + 1; j < classes; ++j, ++pair) {
      const double probability =
          std::min(std::max(SigmoidPredict(values[pair], state.prob_a[pair], state.prob_b[pair]),
                            kMinProbability),
                   1 - kMinProbability);
      r[i * classes + j] = probability;
      r[j * classes + i] = 1 - probability;
    }
  }
  for (int64_t t = 0; t < classes; ++t) {
    estimate[t] = 1.0 / classes;
    q[t * classes + t] = 0;
    for (int64_t j = 0; j < t; ++j) {
      q[t * classes + t] += r[j * classes + t] * r[j * classes + t];
      q[t * classes + j] = q[j * classes + t];
    }
    for (int64_t j = t + 1; j < classes; ++j) {
      q[t * classes + t] += r[j * classes + t] * r[j * classes + t];
      q[t * classes + j] = -r[j * classes + t] * r[t * classes + j];
    }
  }
  const int64_t max_iterations = std::max<int64_t>(100, classes);
  const double epsilon = 0.005 / classes;
  for (int64_t iteration = 0; iteration < max_iterations; ++iteration) {
    double pqp = 0;
    for (int64_t t = 0; t < classes; ++t) {
      qp[t] = 0;
      for (int64_t j = 0; j < classes; ++j) qp[t] += q[t * classes + j] * estimate[j];
      pqp += estimate[t] * qp[t];
    }
    double max_error = 0;
    for (int64_t t = 0; t < classes; ++t) max_error = std::max(max_error, std::fabs(qp[t] - pqp));
    if (max_error < epsilon) break;
    for (int64_t t = 0; t < classes; ++t) {
      const double diff = (-qp[t] + pqp) / q[t * classes + t];
      estimate[t] += diff;
      pqp = (pqp + diff * (diff * q[t * classes + t] + 2 * qp[t])) / (1 + diff) / (1 + diff);
      for (int64_t j = 0; j < classes; ++j) {
        qp[j] = (qp[j] + diff * q[t * classes + j]) / (1 + diff);
        estimate[j] /= (1 + diff);
      }
    }
  }
  std::copy(estimate, estimate + classes, p);
}

void RunClassifier(const RunContext& context) {
  const auto& state = static_cast<const SvmState&>(*context.node.state);
  const int64_t classes = state.labels.size();
  const int64_t vectors = state.vector_count();
  const int64_t pairs = classes * (classes - 1) / 2;
  double* x = context.double_scratch;
  double* kernels = x + state.features;
  double* values = kernels + vectors;
  double* votes = values + std::max<int64_t>(pairs, 2);
  int64_t* labels = context.output(0).int64s();
  float* scores = context.node.outputs.size() > 1 ? context.output(1).floats() : nullptr;
  ForEachRow(context, state.features, x, [&](int64_t row, const double* features) {
    for (int64_t vector = 0; vector < vectors; ++vector)
      kernels[vector] = state.Kernel(features, vector);
    std::fill(votes, votes + classes, 0.0);
    int64_t pair = 0;
    for (int64_t i = 0; i < classes; ++i) {
      for (int64_t j = i + 1; j < classes; ++j, ++pair) {
        double sum = state.rho[pair];
        for (int64_t s = state.class_start[i]; s < state.class_start[i + 1]; ++s) {
          sum += state.coefficients[(j - 1) * vectors + s] * kernels[s];
        }
        for (int64_t s = state.class_start[j]; s < state.class_start[j + 1]; ++s) {
          sum += state.coefficients[i * vectors + s] * kernels[s];
        }
        values[pair] = sum;
        votes[sum > 0 ? i : j] += 1;
      }
    }
    int64_t best = 0;
    for (int64_t label = 1; label < classes; ++label) {
      if (votes[label] > votes[best]) best = label;
    }
    int64_t columns = pairs;
    if (!state.prob_a.empty()) {
      CoupleProbabilities(state, values, classes, votes + classes, values);
      columns = classes;
    } else if (classes == 2) {  // [-v, v] (see the file comment)
      values[1] = values[0];
      values[0] = -values[1];
      columns = 2;
    }
    ApplyPostTransform(state.transform, values, columns);
    labels[row] = state.labels.LabelValue(best);
    if (scores) {
      for (int64_t column = 0; column < columns; ++column) {
        scores[row * columns + column] = static_cast<float>(values[column]);
      }
    }
  });
}

OutputLabels ClassifierOutputLabels(const Node& node, size_t index) {
  const auto& state = static_cast<const SvmState&>(*node.state);
  return index == 0 ? LabelOutputLabels(state.labels) : OutputLabels();
}

// --- SVMRegressor ---

Status PrepareRegressor(Node& node) {
  auto state = std::make_shared<SvmState>();
  DQ_RETURN_IF_ERROR(ReadCommon(node, state.get()));
  const int64_t vectors = node.GetInt("n_supports", 0);
  if (vectors <= 0 || state->support_vectors.size() % vectors != 0) {
    return NodeError(node, "n_supports must count the support_vectors");
  }
  state->features = static_cast<int64_t>(state->support_vectors.size()) / vectors;
  if (static_cast<int64_t>(state->coefficients.size()) != vectors || state->rho.size() != 1) {
    return NodeError(node,
                     "expected " + std::to_string(vectors) + " coefficients and one rho value");
  }
  state->one_class = node.GetInt("one_class", 0) != 0;
  node.state = std::move(state);
  return Status::OK();
}

Status InferRegressor(InferContext& context) {
  const auto& state = static_cast<const SvmState&>(*context.node().state);
  int64_t batch = 0;
  DQ_RETURN_IF_ERROR(InferFeatures(context, state, &batch));
  context.SetOutput(0, ElementType::kFloat32, {batch, 1});
  context.RequestDoubleScratch(state.features + 1);
  return Status::OK();
}

void RunRegressor(const RunContext& context) {
  const auto& state = static_cast<const SvmState&>(*context.node.state);
  const int64_t vectors = state.vector_count();
  double* x = context.double_scratch;
  double* value = x + state.features;
  float* output = context.output(0).floats();
  ForEachRow(context, state.features, x, [&](int64_t row, const double* features) {
    double sum = state.rho[0];
    for (int64_t vector = 0; vector < vectors; ++vector) {
      sum += state.coefficients[vector] * state.Kernel(features, vector);
    }
    *value = state.one_class ? (sum > 0 ? 1.0 : -1.0) : sum;
    ApplyPostTransform(state.transform, value, 1);
    output[row] = static_cast<float>(*value);
  });
}

const OpKernel kSvmKernels[] = {
    {.op_type = "SVMClassifier",
     .infer = InferClassifier,
     .run = RunClassifier,
     .domain = kMlDomain,
     .prepare = PrepareClassifier,
     .output_labels = ClassifierOutputLabels},
    {.op_type = "SVMRegressor",
     .infer = InferRegressor,
     .run = RunRegressor,
     .domain = kMlDomain,
     .prepare = PrepareRegressor},
};

}  // namespace

std::span<const OpKernel> SvmKernels() { return kSvmKernels; }

}  // namespace dq::ml

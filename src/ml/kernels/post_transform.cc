#include "ml/kernels/post_transform.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "ml/kernel.h"

namespace dq::ml {
namespace {

double Logistic(double score) {
  // Stable for large |score|: exp of a non-positive number only.
  double e = std::exp(-std::fabs(score));
  return score >= 0 ? 1 / (1 + e) : e / (1 + e);
}

// The standard normal quantile: Winitzki's closed-form erfinv as the start, then Newton steps
// on the normal CDF (computed with erfc, accurate in both tails).
double Probit(double probability) {
  if (!(probability > 0)) return probability == 0 ? -INFINITY : NAN;
  if (!(probability < 1)) return probability == 1 ? INFINITY : NAN;
  constexpr double kA = 0.147;
  double x = 2 * probability - 1;
  double log_term = std::log((1 - x) * (1 + x));
  double first = 2 / (std::numbers::pi * kA) + log_term / 2;
  double erfinv = std::copysign(std::sqrt(std::sqrt(first * first - log_term / kA) - first), x);
  double z = std::numbers::sqrt2 * erfinv;
  for (int step = 0; step < 3; ++step) {
    double cdf = 0.5 * std::erfc(-z / std::numbers::sqrt2);
    double density = std::exp(-z * z / 2) / std::sqrt(2 * std::numbers::pi);
    if (density == 0) break;
    z -= (cdf - probability) / density;
  }
  return z;
}

void Softmax(double* scores, int64_t count) {
  double max = *std::max_element(scores, scores + count);
  double sum = 0;
  for (int64_t index = 0; index < count; ++index) {
    scores[index] = std::exp(scores[index] - max);
    sum += scores[index];
  }
  for (int64_t index = 0; index < count; ++index) scores[index] /= sum;
}

void SoftmaxZero(double* scores, int64_t count) {
  constexpr double kZero = 1e-7;
  double max = *std::max_element(scores, scores + count);
  double exp_minus_max = std::exp(-max);
  double sum = 0;
  for (int64_t index = 0; index < count; ++index) {
    double& score = scores[index];
    score = std::fabs(score) > kZero ? std::exp(score - max) : score * exp_minus_max;
    sum += score;
  }
  for (int64_t index = 0; index < count; ++index) {
    scores[index] = sum == 0 ? 1.0 / count : scores[index] / sum;
  }
}

}  // namespace

Result<PostTransform> ReadPostTransform(const Node& node) {
  std::string_view name = node.GetString("post_transform", "NONE");
  if (name == "NONE") return PostTransform::kNone;
  if (name == "LOGISTIC") return PostTransform::kLogistic;
  if (name == "SOFTMAX") return PostTransform::kSoftmax;
  if (name == "SOFTMAX_ZERO") return PostTransform::kSoftmaxZero;
  if (name == "PROBIT") return PostTransform::kProbit;
  return NodeError(node, "unknown post_transform '" + std::string(name) +
                             "' (expected NONE, LOGISTIC, SOFTMAX, SOFTMAX_ZERO or PROBIT)");
}

void ApplyPostTransform(PostTransform transform, double* scores, int64_t count) {
  switch (transform) {
    case PostTransform::kNone:
      return;
    case PostTransform::kLogistic:
      for (int64_t index = 0; index < count; ++index) scores[index] = Logistic(scores[index]);
      return;
    case PostTransform::kSoftmax:
      if (count > 0) Softmax(scores, count);
      return;
    case PostTransform::kSoftmaxZero:
      if (count > 0) SoftmaxZero(scores, count);
      return;
    case PostTransform::kProbit:
      for (int64_t index = 0; index < count; ++index) scores[index] = Probit(scores[index]);
      return;
  }
}

}  // namespace dq::ml

// Normalizations: BatchNormalization (inference form), InstanceNormalization (also what
// PyTorch's GroupNorm exports to before opset 18, between Reshapes), GroupNormalization,
// LpNormalization, Hardmax, LayerNormalization (opset 17), and
// Softmax / LogSoftmax (before opset 13 over the input coerced to 2-D at `axis`, from 13 along
// one axis).
#include <algorithm>
#include <cmath>

#include "ml/kernels/fast_math.h"
#include "ml/kernels/kernel_families.h"

namespace dq::ml {
namespace {

Status InferBatchNormalization(InferContext& context) {
  DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kFloat32));
  const auto& x = context.input_shape(0);
  if (x.size() < 2) return context.Error("input must have rank >= 2");
  for (size_t index = 1; index <= 4; ++index) {
    DQ_RETURN_IF_ERROR(context.ExpectInput(index, ElementType::kFloat32));
    if (context.input_shape(index) != std::vector<int64_t>{x[1]}) {
      return context.Error("scale, bias, mean and variance must have shape [" +
                           std::to_string(x[1]) + "]");
    }
  }
  if (context.node().outputs.size() > 1) return context.Error("training outputs are not supported");
  context.SetOutput(0, ElementType::kFloat32, x);
  return Status::OK();
}

void RunBatchNormalization(const RunContext& context) {
  const Tensor& x = context.input(0);
  const float* scale = context.input(1).floats();
  const float* bias = context.input(2).floats();
  const float* mean = context.input(3).floats();
  const float* variance = context.input(4).floats();
  float epsilon = context.node.GetFloat("epsilon", 1e-5f);
  int64_t channels = x.shape()[1];
  int64_t area = x.element_count() / std::max<int64_t>(1, x.shape()[0] * channels);
  const float* in = x.floats();
  float* out = context.output(0).floats();
  for (int64_t image = 0; image < x.shape()[0]; ++image) {
    for (int64_t channel = 0; channel < channels; ++channel) {
      float multiplier = scale[channel] / std::sqrt(variance[channel] + epsilon);
      float shift = bias[channel] - mean[channel] * multiplier;
      int64_t offset = (image * channels + channel) * area;
      for (int64_t index = 0; index < area; ++index) {
        out[offset + index] = in[offset + index] * multiplier + shift;
      }
    }
  }
}

// InstanceNormalization: each (image, channel) plane normalized by its own mean and variance
// (accumulated in double), then scale[c] * x + bias[c].
Status InferInstanceNormalization(InferContext& context) {
  DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kFloat32));
  const auto& x = context.input_shape(0);
  if (x.size() < 3) return context.Error("input must have rank >= 3");
  for (size_t index = 1; index <= 2; ++index) {
    DQ_RETURN_IF_ERROR(context.ExpectInput(index, ElementType::kFloat32));
    if (context.input_shape(index) != std::vector<int64_t>{x[1]}) {
      return context.Error("scale and bias must have shape [" + std::to_string(x[1]) + "]");
    }
  }
  context.SetOutput(0, ElementType::kFloat32, x);
  return Status::OK();
}

// Normalizes `blocks` contiguous blocks of `size` values of input 0 into output 0, each by its
// own mean and variance (accumulated in double), then scale[p] * x + bias[p] (inputs 1 and 2)
// for p = block % `parameters`.
void NormalizeBlocks(const RunContext& context, int64_t blocks, int64_t parameters) {
  const Tensor& x = context.input(0);
  const float* scale = context.input(1).floats();
  const float* bias = context.input(2).floats();
  const double epsilon = context.node.GetFloat("epsilon", 1e-5f);
  const int64_t size = blocks == 0 ? 0 : x.element_count() / blocks;
  for (int64_t block = 0; block < blocks; ++block) {
    const float* in = x.floats() + block * size;
    float* out = context.output(0).floats() + block * size;
    double sum = 0, squares = 0;
    for (int64_t index = 0; index < size; ++index) {
      sum += in[index];
      squares += static_cast<double>(in[index]) * in[index];
    }
    const double mean = sum / size;
    const double variance = std::max(0.0, squares / size - mean * mean);
    const int64_t parameter = block % parameters;
    const float multiplier =
        static_cast<float>(scale[parameter] / std::sqrt(variance + epsilon));
    const float shift = static_cast<float>(bias[parameter] - mean * multiplier);
    for (int64_t index = 0; index < size; ++index) out[index] = in[index] * multiplier + shift;
  }
}

void RunInstanceNormalization(const RunContext& context) {
  const auto& shape = context.input(0).shape();
  NormalizeBlocks(context, shape[0] * shape[1], shape[1]);  // one block per (image, channel)
}

// GroupNormalization (opset 18): the channels split into num_groups groups, each group of an
// image normalized over its channels and positions, then scale[g] * x + bias[g] (opset 18's
// per-group scale and bias; opset 21 made them per channel).
Status InferGroupNormalization(InferContext& context) {
  DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kFloat32));
  const auto& x = context.input_shape(0);
  if (x.size() < 3) return context.Error("input must have rank >= 3");
  const int64_t groups = context.node().GetInt("num_groups", 0);
  if (groups <= 0 || x[1] % groups != 0) {
    return context.Error("num_groups " + std::to_string(groups) + " must divide the " +
                         std::to_string(x[1]) + " channels");
  }
  for (size_t index = 1; index <= 2; ++index) {
    DQ_RETURN_IF_ERROR(context.ExpectInput(index, ElementType::kFloat32));
    if (context.input_shape(index) != std::vector<int64_t>{groups}) {
      return context.Error("scale and bias must have shape [" + std::to_string(groups) + "]");
    }
  }
  context.SetOutput(0, ElementType::kFloat32, x);
  return Status::OK();
}

void RunGroupNormalization(const RunContext& context) {
  const int64_t groups = context.node.GetInt("num_groups", 1);
  // One block per (image, group): a group's channels are contiguous in NCHW.
  NormalizeBlocks(context, context.input(0).shape()[0] * groups, groups);
}

Status InferLayerNormalization(InferContext& context) {
  DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kFloat32));
  DQ_RETURN_IF_ERROR(context.ExpectInput(1, ElementType::kFloat32));
  const auto& x = context.input_shape(0);
  int64_t axis;
  if (!NormalizeAxis(context.node().GetInt("axis", -1), x.size(), &axis)) {
    return context.Error("axis out of range");
  }
  std::vector<int64_t> normalized(x.begin() + axis, x.end());
  if (ShapeElementCount(context.input_shape(1)) != ShapeElementCount(normalized) ||
      (context.has_input(2) &&
       ShapeElementCount(context.input_shape(2)) != ShapeElementCount(normalized))) {
    return context.Error("scale and bias must match the normalized shape " +
                         ShapeToString(normalized));
  }
  if (context.node().outputs.size() > 1) {
    return context.Error("the Mean and InvStdDev outputs are not supported");
  }
  context.SetOutput(0, ElementType::kFloat32, x);
  return Status::OK();
}

void RunLayerNormalization(const RunContext& context) {
  const Tensor& x = context.input(0);
  int64_t axis;
  NormalizeAxis(context.node.GetInt("axis", -1), x.shape().size(), &axis);
  int64_t width = 1;
  for (size_t dim = axis; dim < x.shape().size(); ++dim) width *= x.shape()[dim];
  int64_t rows = width == 0 ? 0 : x.element_count() / width;
  float epsilon = context.node.GetFloat("epsilon", 1e-5f);
  const float* scale = context.input(1).floats();
  const float* bias = context.has_input(2) ? context.input(2).floats() : nullptr;
  for (int64_t row = 0; row < rows; ++row) {
    const float* in = x.floats() + row * width;
    float* out = context.output(0).floats() + row * width;
    float mean = 0;
    for (int64_t index = 0; index < width; ++index) mean += in[index];
    mean /= width;
    float variance = 0;
    for (int64_t index = 0; index < width; ++index) {
      variance += (in[index] - mean) * (in[index] - mean);
    }
    float inverse = 1.0f / std::sqrt(variance / width + epsilon);
    for (int64_t index = 0; index < width; ++index) {
      out[index] = (in[index] - mean) * inverse * scale[index] + (bias ? bias[index] : 0.0f);
    }
  }
}

// The softmax axis split as [outer, extent, inner].
struct SoftmaxLayout {
  int64_t outer = 1, extent = 1, inner = 1;
};

bool ComputeSoftmaxLayout(const Node& node, const std::vector<int64_t>& shape,
                          SoftmaxLayout* layout) {
  bool legacy = node.opset < 13;
  int64_t axis;
  if (!NormalizeAxis(node.GetInt("axis", legacy ? 1 : -1), shape.size(), &axis)) return false;
  *layout = SoftmaxLayout{};
  for (size_t dim = 0; dim < shape.size(); ++dim) {
    int64_t extent = shape[dim];
    if (dim < static_cast<size_t>(axis)) {
      layout->outer *= extent;
    } else if (dim == static_cast<size_t>(axis) || legacy) {
      layout->extent *= extent;  // legacy: everything from axis on is one flattened axis
    } else {
      layout->inner *= extent;
    }
  }
  return true;
}

Status InferSoftmax(InferContext& context) {
  DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kFloat32));
  SoftmaxLayout layout;
  if (!ComputeSoftmaxLayout(context.node(), context.input_shape(0), &layout)) {
    return context.Error("axis out of range for input " + ShapeToString(context.input_shape(0)));
  }
  context.SetOutput(0, ElementType::kFloat32, context.input_shape(0));
  return Status::OK();
}

template <bool kLog>
void RunSoftmax(const RunContext& context) {
  SoftmaxLayout layout;
  ComputeSoftmaxLayout(context.node, context.input(0).shape(), &layout);
  const float* in = context.input(0).floats();
  float* out = context.output(0).floats();
  int64_t stride = layout.inner;
  if (stride == 1) {  // the last axis (attention scores): contiguous rows, vectorizable loops
    for (int64_t outer = 0; outer < layout.outer; ++outer) {
      const float* row = in + outer * layout.extent;
      float* target = out + outer * layout.extent;
      float maximum = -INFINITY;
      for (int64_t index = 0; index < layout.extent; ++index) maximum = std::max(maximum, row[index]);
      float sum = 0;
      for (int64_t index = 0; index < layout.extent; ++index) {
        float shifted = row[index] - maximum;
        float exponential = FastExp(shifted);
        sum += exponential;
        target[index] = kLog ? shifted : exponential;
      }
      if constexpr (kLog) {
        float log_sum = std::log(sum);
        for (int64_t index = 0; index < layout.extent; ++index) target[index] -= log_sum;
      } else {
        float inverse = 1.0f / sum;
        for (int64_t index = 0; index < layout.extent; ++index) target[index] *= inverse;
      }
    }
    return;
  }
  for (int64_t outer = 0; outer < layout.outer; ++outer) {
    for (int64_t inner = 0; inner < layout.inner; ++inner) {
      int64_t base = outer * layout.extent * layout.inner + inner;
      float maximum = -INFINITY;
      for (int64_t index = 0; index < layout.extent; ++index) {
        maximum = std::max(maximum, in[base + index * stride]);
      }
      float sum = 0;
      for (int64_t index = 0; index < layout.extent; ++index) {
        float shifted = in[base + index * stride] - maximum;
        float exponential = FastExp(shifted);
        sum += exponential;
        out[base + index * stride] = kLog ? shifted : exponential;
      }
      if constexpr (kLog) {
        float log_sum = std::log(sum);
        for (int64_t index = 0; index < layout.extent; ++index) out[base + index * stride] -= log_sum;
      } else {
        float inverse = 1.0f / sum;
        for (int64_t index = 0; index < layout.extent; ++index) out[base + index * stride] *= inverse;
      }
    }
  }
}

// Hardmax: 1 at the first largest value of each softmax lane (Softmax's axis rules), else 0.
void RunHardmax(const RunContext& context) {
  SoftmaxLayout layout;
  ComputeSoftmaxLayout(context.node, context.input(0).shape(), &layout);
  const float* in = context.input(0).floats();
  float* out = context.output(0).floats();
  std::fill(out, out + context.output(0).element_count(), 0.0f);
  for (int64_t outer = 0; outer < layout.outer; ++outer) {
    for (int64_t lane = 0; lane < layout.inner; ++lane) {
      const int64_t base = outer * layout.extent * layout.inner + lane;
      int64_t best = 0;
      for (int64_t index = 1; index < layout.extent; ++index) {
        if (in[base + index * layout.inner] > in[base + best * layout.inner]) best = index;
      }
      if (layout.extent > 0) out[base + best * layout.inner] = 1.0f;
    }
  }
}

// LpNormalization: x / ||x||_p along `axis` (default -1), p 1 or 2 (default 2); a lane of
// zeros stays zero.
Status InferLpNormalization(InferContext& context) {
  DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kFloat32));
  const auto& shape = context.input_shape(0);
  int64_t axis = context.node().GetInt("axis", -1);
  if (!NormalizeAxis(axis, static_cast<int64_t>(shape.size()), &axis)) {
    return context.Error("axis out of range for input " + ShapeToString(shape));
  }
  const int64_t p = context.node().GetInt("p", 2);
  if (p != 1 && p != 2) return context.Error("p must be 1 or 2");
  context.SetOutput(0, ElementType::kFloat32, shape);
  return Status::OK();
}

void RunLpNormalization(const RunContext& context) {
  const auto& shape = context.input(0).shape();
  int64_t axis = context.node.GetInt("axis", -1);
  NormalizeAxis(axis, static_cast<int64_t>(shape.size()), &axis);
  const bool l1 = context.node.GetInt("p", 2) == 1;
  int64_t outer = 1, inner = 1;
  for (int64_t dim = 0; dim < axis; ++dim) outer *= shape[dim];
  for (size_t dim = axis + 1; dim < shape.size(); ++dim) inner *= shape[dim];
  const int64_t extent = shape[axis];
  const float* in = context.input(0).floats();
  float* out = context.output(0).floats();
  for (int64_t block = 0; block < outer; ++block) {
    for (int64_t lane = 0; lane < inner; ++lane) {
      const int64_t base = block * extent * inner + lane;
      double norm = 0;
      for (int64_t index = 0; index < extent; ++index) {
        const double value = in[base + index * inner];
        norm += l1 ? std::fabs(value) : value * value;
      }
      if (!l1) norm = std::sqrt(norm);
      const double scale = norm > 0 ? 1.0 / norm : 0.0;
      for (int64_t index = 0; index < extent; ++index) {
        out[base + index * inner] = static_cast<float>(in[base + index * inner] * scale);
      }
    }
  }
}

const OpKernel kNormalizationKernels[] = {
    {"BatchNormalization", InferBatchNormalization, RunBatchNormalization},
    {"InstanceNormalization", InferInstanceNormalization, RunInstanceNormalization},
    {"GroupNormalization", InferGroupNormalization, RunGroupNormalization},
    {"LayerNormalization", InferLayerNormalization, RunLayerNormalization},
    {"Softmax", InferSoftmax, RunSoftmax<false>},
    {"LogSoftmax", InferSoftmax, RunSoftmax<true>},
    {"Hardmax", InferSoftmax, RunHardmax},
    {"LpNormalization", InferLpNormalization, RunLpNormalization},
};

}  // namespace

std::span<const OpKernel> NormalizationKernels() { return kNormalizationKernels; }

}  // namespace dq::ml

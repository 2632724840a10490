// 1-D and 2-D convolution (NCL, NCHW; a 1-D one runs as 2-D over a unit height, window.h) on
// oneDNN's convolution primitive (onednn_primitive.h: run state, weights cache, Run). Infer
// creates, once per plan, the primitive for the plan's shapes with the layouts oneDNN prefers
// (on AVX-512, channel-blocked nChw16c and its blocked weights: direct "brgconv" kernels that
// skip the padding taps rather than multiplying zeros). Bias and a fused ReLU are applied by
// the primitive. On small maps, kernel taps that only ever read padding are cropped away first
// (CropToReachableTaps). Supports pads (asymmetric too), strides, dilations, groups, auto_pad
// NOTSET/VALID/SAME_UPPER/SAME_LOWER.
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "ml/kernels/kernel_families.h"
#include "ml/kernels/onednn.h"
#include "ml/kernels/onednn_primitive.h"
#include "ml/kernels/window.h"

namespace dq::ml {
namespace {

struct ConvGeometry {
  int64_t batch, channels, height, width;
  int64_t out_channels, kernel_height, kernel_width, out_height, out_width;
  int64_t groups;
  std::array<int64_t, 4> pads;  // top, left, bottom, right
  std::array<int64_t, 2> strides, dilations;
};

int64_t OutputExtent(int64_t in, int64_t kernel, int64_t pad_begin, int64_t pad_end, int64_t stride,
                     int64_t dilation) {
  return (in + pad_begin + pad_end - ((kernel - 1) * dilation + 1)) / stride + 1;
}

// Fills `geometry` from the input and weight shapes and the node's attributes.
Status ComputeGeometry(const Node& node, const std::vector<int64_t>& input,
                       const std::vector<int64_t>& weight, ConvGeometry* geometry,
                       const InferContext* context) {
  auto fail = [&](const std::string& message) {
    return context ? context->Error(message) : Status::InvalidInput(message);
  };
  if (input.size() != weight.size() || (input.size() != 3 && input.size() != 4)) {
    return fail("only 1-D and 2-D convolutions (NCL, NCHW) are supported (input " +
                ShapeToString(input) + ", weights " + ShapeToString(weight) + ")");
  }
  const std::vector<int64_t> x = AsTwoDimensional(input);
  const std::vector<int64_t> w = AsTwoDimensional(weight);
  geometry->batch = x[0];
  geometry->channels = x[1];
  geometry->height = x[2];
  geometry->width = x[3];
  geometry->out_channels = w[0];
  geometry->kernel_height = w[2];
  geometry->kernel_width = w[3];
  geometry->groups = node.GetInt("group", 1);
  Window2d window;
  if (!ReadWindowAttributes(node, input.size() - 2, &window)) {
    return fail("kernel_shape, strides, dilations and pads must describe " +
                std::to_string(input.size() - 2) + " spatial axes");
  }
  if (node.HasAttribute("kernel_shape") && (window.kernel[0] != w[2] || window.kernel[1] != w[3])) {
    return fail("kernel_shape does not match the weights " + ShapeToString(weight));
  }
  const std::array<int64_t, 2>& strides = window.strides;
  const std::array<int64_t, 2>& dilations = window.dilations;
  geometry->strides = strides;
  geometry->dilations = dilations;
  geometry->pads = window.pads;
  std::string_view auto_pad = node.GetString("auto_pad", "NOTSET");
  if (auto_pad == "VALID") {
    geometry->pads = {0, 0, 0, 0};
  } else if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
    int64_t extents[2] = {x[2], x[3]};
    int64_t kernels[2] = {w[2], w[3]};
    for (int axis = 0; axis < 2; ++axis) {
      int64_t out = (extents[axis] + strides[axis] - 1) / strides[axis];
      int64_t total = std::max<int64_t>(
          0, (out - 1) * strides[axis] + (kernels[axis] - 1) * dilations[axis] + 1 - extents[axis]);
      int64_t small = total / 2;
      int64_t large = total - small;
      geometry->pads[axis] = auto_pad == "SAME_UPPER" ? small : large;
      geometry->pads[axis + 2] = auto_pad == "SAME_UPPER" ? large : small;
    }
  } else if (auto_pad != "NOTSET") {
    return fail("unsupported auto_pad " + std::string(auto_pad));
  }
  if (geometry->groups <= 0 || geometry->channels % geometry->groups != 0 ||
      geometry->out_channels % geometry->groups != 0 ||
      w[1] != geometry->channels / geometry->groups) {
    return fail("weights " + ShapeToString(weight) + " do not match input " + ShapeToString(input) +
                " with group " + std::to_string(geometry->groups));
  }
  for (int64_t value : {strides[0], strides[1], dilations[0], dilations[1]}) {
    if (value <= 0) return fail("strides and dilations must be positive");
  }
  geometry->out_height =
      OutputExtent(x[2], w[2], geometry->pads[0], geometry->pads[2], strides[0], dilations[0]);
  geometry->out_width =
      OutputExtent(x[3], w[3], geometry->pads[1], geometry->pads[3], strides[1], dilations[1]);
  if (geometry->out_height <= 0 || geometry->out_width <= 0) {
    return fail("the kernel is larger than the padded input");
  }
  return Status::OK();
}

Dims WeightDims(const ConvGeometry& g) {
  if (g.groups == 1) return {g.out_channels, g.channels, g.kernel_height, g.kernel_width};
  return {g.groups, g.out_channels / g.groups, g.channels / g.groups, g.kernel_height,
          g.kernel_width};
}

// Kernel taps that read only padding, for every output position, contribute nothing. When the
// taps that can reach the input form a smaller window (a 3x3 kernel over a 1x1 map reads only
// its centre; one with stride 2 over a 2x2 map, its lower-right 2x2), the convolution equals
// the one with the kernel cropped to that window and the padding reduced to match, which does
// a fraction of the work (ResNet's last stage). Crops `g` and sets `first_tap` (per spatial
// axis, the first tap kept); false when no tap can be dropped.
bool CropToReachableTaps(ConvGeometry* g, std::array<int64_t, 2>* first_tap) {
  ConvGeometry cropped = *g;
  bool any = false;
  for (int axis = 0; axis < 2; ++axis) {
    const int64_t extent = axis == 0 ? g->height : g->width;
    const int64_t kernel = axis == 0 ? g->kernel_height : g->kernel_width;
    const int64_t outputs = axis == 0 ? g->out_height : g->out_width;
    const int64_t stride = g->strides[axis], dilation = g->dilations[axis];
    const int64_t pad = g->pads[axis];
    int64_t first = kernel, last = -1;
    for (int64_t tap = 0; tap < kernel; ++tap) {
      // The first output whose input position for this tap is >= 0, and whether it is inside.
      const int64_t offset = tap * dilation - pad;
      const int64_t output = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
      if (output < outputs && output * stride + offset < extent) {
        first = std::min(first, tap);
        last = tap;
      }
    }
    if (last < 0) return false;  // no tap reaches the input: leave it to oneDNN
    const int64_t taps = last - first + 1;
    const int64_t pad_begin = pad - first * dilation;
    const int64_t pad_end = (outputs - 1) * stride + (taps - 1) * dilation + 1 - extent - pad_begin;
    if (taps == kernel || pad_begin < 0 || pad_end < 0) {
      (*first_tap)[axis] = 0;
      continue;
    }
    any = true;
    (*first_tap)[axis] = first;
    (axis == 0 ? cropped.kernel_height : cropped.kernel_width) = taps;
    cropped.pads[axis] = pad_begin;
    cropped.pads[axis + 2] = pad_end;
  }
  if (any) *g = cropped;
  return any;
}

// The weights [M, C/group, kH, kW] of `original` cropped to `cropped`'s kernel from `first_tap`.
Tensor CropWeights(const Tensor& weights, const ConvGeometry& original, const ConvGeometry& cropped,
                   const std::array<int64_t, 2>& first_tap) {
  const int64_t planes = weights.shape()[0] * weights.shape()[1];
  Tensor result(ElementType::kFloat32, {weights.shape()[0], weights.shape()[1],
                                        cropped.kernel_height, cropped.kernel_width});
  for (int64_t plane = 0; plane < planes; ++plane) {
    for (int64_t row = 0; row < cropped.kernel_height; ++row) {
      const float* source =
          weights.floats() +
          (plane * original.kernel_height + first_tap[0] + row) * original.kernel_width +
          first_tap[1];
      std::copy(source, source + cropped.kernel_width,
                result.floats() + (plane * cropped.kernel_height + row) * cropped.kernel_width);
    }
  }
  return result;
}

Status CreateRunState(InferContext& context, ConvGeometry g) {
  const dnnl::engine& engine = CpuEngine();
  ThreadStream();  // primitives size their thread teams when created: one thread (onednn.h)
  const Tensor* known = context.known_input(1);
  Tensor cropped_weights;
  std::array<int64_t, 2> first_tap{};
  const ConvGeometry original = g;
  if (known && CropToReachableTaps(&g, &first_tap)) {
    cropped_weights = CropWeights(*known, original, g, first_tap);
    known = &cropped_weights;
  }
  const bool has_bias = context.has_input(2);
  const Dims src_dims = {g.batch, g.channels, g.height, g.width};
  const Dims dst_dims = {g.batch, g.out_channels, g.out_height, g.out_width};
  const Dims weight_dims = WeightDims(g);
  const Tag weight_tag = g.groups == 1 ? Tag::oihw : Tag::goihw;
  dnnl::memory::desc any_src(src_dims, kF32, Tag::any);
  dnnl::memory::desc any_dst(dst_dims, kF32, Tag::any);
  dnnl::memory::desc any_weights(weight_dims, kF32, Tag::any);
  dnnl::memory::desc bias_desc({g.out_channels}, kF32, Tag::x);
  const Dims strides = {g.strides[0], g.strides[1]};
  const Dims dilations = {g.dilations[0] - 1, g.dilations[1] - 1};
  const Dims pad_begin = {g.pads[0], g.pads[1]};
  const Dims pad_end = {g.pads[2], g.pads[3]};
  const auto descriptor = WindowDescriptor<dnnl::convolution_forward::desc>(
      dnnl::algorithm::convolution_direct, any_src, any_weights, has_bias ? &bias_desc : nullptr,
      any_dst, strides, dilations, pad_begin, pad_end);
  dnnl::convolution_forward::primitive_desc primitive(
      descriptor, PrimitiveAttributes(context.node().activation), engine);
  return BindPrimitive(context, dnnl::convolution_forward(primitive), primitive, src_dims,
                       dst_dims, dnnl::memory::desc(weight_dims, kF32, weight_tag), known,
                       has_bias ? &bias_desc : nullptr);
}

Status InferConv(InferContext& context) {
  DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kFloat32));
  DQ_RETURN_IF_ERROR(context.ExpectInput(1, ElementType::kFloat32));
  ConvGeometry g;
  DQ_RETURN_IF_ERROR(ComputeGeometry(context.node(), context.input_shape(0), context.input_shape(1),
                                     &g, &context));
  return FinishWindowInfer(context, g.batch, g.channels, g.out_channels, g.out_height,
                           g.out_width, "convolution", [&] { return CreateRunState(context, g); });
}

const OpKernel kConvKernels[] = {
    {.op_type = "Conv", .infer = InferConv, .run = RunPrimitive, .prepare = PrepareWeightsCache},
};

}  // namespace

std::span<const OpKernel> ConvKernels() { return kConvKernels; }

}  // namespace dq::ml

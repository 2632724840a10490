// 1-D and 2-D transposed convolution (ConvTranspose; NCL/NCHW, window.h) on oneDNN's
// deconvolution primitive, bound and run like Conv (onednn_primitive.h). Decoders of
// autoencoders (anomaly scores from reconstruction error) and upsampling paths use it.
//
// Output extent per spatial axis: stride * (in - 1) + output_padding + (kernel - 1) *
// dilation + 1 - pad_begin - pad_end, with the pads from `pads`, from auto_pad SAME_UPPER /
// SAME_LOWER (output = in * stride), or derived from `output_shape` as the ONNX spec says. The
// weights are [C, M / group, kH, kW] (oneDNN's "iohw"). output_padding is taken from the end
// padding (negative when it exceeds it: oneDNN then extends the output, whose extra positions
// hold the bias alone, as ONNX's do).
#include <string>
#include <vector>

#include "ml/kernels/kernel_families.h"
#include "ml/kernels/onednn.h"
#include "ml/kernels/onednn_primitive.h"
#include "ml/kernels/window.h"

namespace dq::ml {
namespace {

struct TransposeGeometry {
  int64_t batch, channels, height, width;
  int64_t out_channels, kernel_height, kernel_width, out_height, out_width;
  int64_t groups;
  Window2d window;                        // strides, dilations, pads (top, left, bottom, right)
  std::array<int64_t, 2> output_padding;  // per spatial axis, already part of the out extents
};

// Reads a list of `spatial_rank` values into 2-D form (a unit first axis for 1-D).
bool ReadSpatial(std::span<const int64_t> values, size_t spatial_rank, int64_t fill,
                 std::array<int64_t, 2>* result) {
  if (values.empty()) return true;
  if (values.size() != spatial_rank) return false;
  *result = spatial_rank == 2 ? std::array<int64_t, 2>{values[0], values[1]}
                              : std::array<int64_t, 2>{fill, values[0]};
  return true;
}

Status ComputeGeometry(const InferContext& context, TransposeGeometry* g) {
  const Node& node = context.node();
  const std::vector<int64_t>& input = context.input_shape(0);
  const std::vector<int64_t>& weight = context.input_shape(1);
  if (input.size() != weight.size() || (input.size() != 3 && input.size() != 4)) {
    return context.Error(
        "only 1-D and 2-D transposed convolutions (NCL, NCHW) are supported "
        "(input " +
        ShapeToString(input) + ", weights " + ShapeToString(weight) + ")");
  }
  const size_t spatial_rank = input.size() - 2;
  const std::vector<int64_t> x = AsTwoDimensional(input);
  const std::vector<int64_t> w = AsTwoDimensional(weight);
  g->groups = node.GetInt("group", 1);
  g->batch = x[0];
  g->channels = x[1];
  g->height = x[2];
  g->width = x[3];
  g->out_channels = w[1] * g->groups;
  g->kernel_height = w[2];
  g->kernel_width = w[3];
  if (g->groups <= 0 || w[0] != g->channels || g->channels % g->groups != 0) {
    return context.Error("weights " + ShapeToString(weight) + " do not match input " +
                         ShapeToString(input) + " with group " + std::to_string(g->groups));
  }
  g->output_padding = {0, 0};
  std::array<int64_t, 2> output_shape = {-1, -1};
  if (!ReadWindowAttributes(node, spatial_rank, &g->window) ||
      !ReadSpatial(node.GetInts("output_padding"), spatial_rank, 0, &g->output_padding) ||
      !ReadSpatial(node.GetInts("output_shape"), spatial_rank, 1, &output_shape)) {
    return context.Error(
        "kernel_shape, strides, dilations, pads, output_padding and "
        "output_shape must describe " +
        std::to_string(spatial_rank) + " spatial axes");
  }
  const std::string_view auto_pad = node.GetString("auto_pad", "NOTSET");
  if (auto_pad != "NOTSET" && auto_pad != "VALID" && auto_pad != "SAME_UPPER" &&
      auto_pad != "SAME_LOWER") {
    return context.Error("unsupported auto_pad " + std::string(auto_pad));
  }
  const int64_t extents[2] = {g->height, g->width};
  const int64_t kernels[2] = {g->kernel_height, g->kernel_width};
  int64_t outputs[2];
  for (int axis = 0; axis < 2; ++axis) {
    const int64_t stride = g->window.strides[axis], dilation = g->window.dilations[axis];
    if (stride <= 0 || dilation <= 0)
      return context.Error("strides and dilations must be positive");
    if (g->output_padding[axis] < 0 || g->output_padding[axis] >= std::max(stride, dilation)) {
      return context.Error("output_padding must be below the stride or the dilation");
    }
    const int64_t full =
        stride * (extents[axis] - 1) + g->output_padding[axis] + (kernels[axis] - 1) * dilation + 1;
    int64_t wanted = output_shape[axis];
    if (wanted < 0 && (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER")) {
      wanted = extents[axis] * stride;
    }
    if (auto_pad == "VALID") {
      g->window.pads[axis] = g->window.pads[axis + 2] = 0;
    } else if (wanted >= 0) {
      const int64_t total = full - wanted;
      if (total < 0) return context.Error("output_shape is larger than the full output");
      const bool upper = auto_pad == "SAME_UPPER";
      g->window.pads[axis] = upper ? total / 2 : total - total / 2;
      g->window.pads[axis + 2] = upper ? total - total / 2 : total / 2;
    }
    outputs[axis] = full - g->window.pads[axis] - g->window.pads[axis + 2];
    if (outputs[axis] <= 0) return context.Error("the pads are larger than the output");
  }
  g->out_height = outputs[0];
  g->out_width = outputs[1];
  return Status::OK();
}

Status CreateRunState(InferContext& context, const TransposeGeometry& g) {
  ThreadStream();  // primitives size their thread teams when created: one thread (onednn.h)
  const Dims src_dims = {g.batch, g.channels, g.height, g.width};
  const Dims dst_dims = {g.batch, g.out_channels, g.out_height, g.out_width};
  const bool grouped = g.groups > 1;
  const Dims weight_dims = grouped
                               ? Dims{g.groups, g.out_channels / g.groups, g.channels / g.groups,
                                      g.kernel_height, g.kernel_width}
                               : Dims{g.out_channels, g.channels, g.kernel_height, g.kernel_width};
  const dnnl::memory::desc user_weights(weight_dims, kF32, grouped ? Tag::giohw : Tag::iohw);
  const dnnl::memory::desc bias_desc({g.out_channels}, kF32, Tag::x);
  const dnnl::memory::desc any_src(src_dims, kF32, Tag::any);
  const dnnl::memory::desc any_dst(dst_dims, kF32, Tag::any);
  const dnnl::memory::desc any_weights(weight_dims, kF32, Tag::any);
  const Dims strides = {g.window.strides[0], g.window.strides[1]};
  const Dims dilations = {g.window.dilations[0] - 1, g.window.dilations[1] - 1};
  const Dims pad_begin = {g.window.pads[0], g.window.pads[1]};
  // output_padding extends the output at the end: less padding cut off there.
  const Dims pad_end = {g.window.pads[2] - g.output_padding[0],
                        g.window.pads[3] - g.output_padding[1]};
  const bool has_bias = context.has_input(2);
  const auto descriptor = WindowDescriptor<dnnl::deconvolution_forward::desc>(
      dnnl::algorithm::deconvolution_direct, any_src, any_weights,
      has_bias ? &bias_desc : nullptr, any_dst, strides, dilations, pad_begin, pad_end);
  dnnl::deconvolution_forward::primitive_desc primitive(
      descriptor, PrimitiveAttributes(context.node().activation), CpuEngine());
  return BindPrimitive(context, dnnl::deconvolution_forward(primitive), primitive, src_dims,
                       dst_dims, user_weights, context.known_input(1),
                       has_bias ? &bias_desc : nullptr);
}

Status InferConvTranspose(InferContext& context) {
  DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kFloat32));
  DQ_RETURN_IF_ERROR(context.ExpectInput(1, ElementType::kFloat32));
  TransposeGeometry g;
  DQ_RETURN_IF_ERROR(ComputeGeometry(context, &g));
  return FinishWindowInfer(context, g.batch, g.channels, g.out_channels, g.out_height,
                           g.out_width, "transposed convolution",
                           [&] { return CreateRunState(context, g); });
}

const OpKernel kConvTransposeKernels[] = {
    {.op_type = "ConvTranspose",
     .infer = InferConvTranspose,
     .run = RunPrimitive,
     .prepare = PrepareWeightsCache},
};

}  // namespace

std::span<const OpKernel> ConvTransposeKernels() { return kConvTransposeKernels; }

}  // namespace dq::ml

// 2-D convolution (NCHW) as im2col + cblas_sgemm, per group: the weights of group g,
// [M/g, C/g*kH*kW], times the unfolded input patches, [C/g*kH*kW, oH*oW]. Large images get one
// GEMM each (a 1x1 convolution with unit stride and no padding skips the unfolding); small ones
// (fewer than kSmallArea output positions, where a per-image GEMM is too small to be efficient)
// are unfolded side by side, several images per GEMM, [C/g*kH*kW, n*oH*oW], and the product is
// copied back to NCHW with the bias and activation applied on the way. Supports pads, strides,
// dilations, groups, auto_pad NOTSET/VALID/SAME_UPPER/SAME_LOWER, an optional bias and a fused
// activation.
#include <cblas.h>

#include <algorithm>
#include <array>
#include <string>

#include "ml/kernels/kernel_families.h"

namespace dq::ml {
namespace {

struct ConvGeometry {
  int64_t batch, channels, height, width;
  int64_t out_channels, kernel_height, kernel_width, out_height, out_width;
  int64_t groups;
  std::array<int64_t, 4> pads;  // top, left, bottom, right
  std::array<int64_t, 2> strides, dilations;
};


int64_t OutputExtent(int64_t in, int64_t kernel, int64_t pad_begin, int64_t pad_end,
                     int64_t stride, int64_t dilation) {
  return (in + pad_begin + pad_end - ((kernel - 1) * dilation + 1)) / stride + 1;
}

// Fills `geometry` from the input and weight shapes and the node's attributes.
Status ComputeGeometry(const Node& node, const std::vector<int64_t>& x,
                       const std::vector<int64_t>& w, ConvGeometry* geometry,
                       const InferContext* context) {
  auto fail = [&](const std::string& message) {
    return context ? context->Error(message) : Status::InvalidInput(message);
  };
  if (x.size() != 4 || w.size() != 4) return fail("only 2-D convolution (NCHW) is supported");
  geometry->batch = x[0];
  geometry->channels = x[1];
  geometry->height = x[2];
  geometry->width = x[3];
  geometry->out_channels = w[0];
  geometry->kernel_height = w[2];
  geometry->kernel_width = w[3];
  geometry->groups = node.GetInt("group", 1);
  std::array<int64_t, 2> strides = {1, 1};
  std::array<int64_t, 2> dilations = {1, 1};
  std::array<int64_t, 4> pads = {0, 0, 0, 0};
  if (!ReadInts(node.GetInts("strides"), &strides) ||
      !ReadInts(node.GetInts("dilations"), &dilations) || !ReadInts(node.GetInts("pads"), &pads)) {
    return fail("strides, dilations and pads must describe 2 spatial axes");
  }
  geometry->strides = {strides[0], strides[1]};
  geometry->dilations = {dilations[0], dilations[1]};
  geometry->pads = {pads[0], pads[1], pads[2], pads[3]};
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
    return fail("weights " + ShapeToString(w) + " do not match input " + ShapeToString(x) +
                " with group " + std::to_string(geometry->groups));
  }
  for (int64_t value : {strides[0], strides[1], dilations[0], dilations[1]}) {
    if (value <= 0) return fail("strides and dilations must be positive");
  }
  geometry->out_height = OutputExtent(x[2], w[2], geometry->pads[0], geometry->pads[2],
                                      strides[0], dilations[0]);
  geometry->out_width = OutputExtent(x[3], w[3], geometry->pads[1], geometry->pads[3],
                                     strides[1], dilations[1]);
  if (geometry->out_height <= 0 || geometry->out_width <= 0) {
    return fail("the kernel is larger than the padded input");
  }
  return Status::OK();
}

constexpr int64_t kSmallArea = 256;
// Scratch budget (floats) of the batched path: unfolded patches plus the GEMM's product.
constexpr int64_t kBatchedScratchFloats = int64_t{1} << 17;

// Images unfolded into one GEMM: 1 for large images, else as many as fit the budget.
int64_t ImagesPerGemm(const ConvGeometry& g) {
  int64_t out_area = g.out_height * g.out_width;
  if (out_area >= kSmallArea || g.batch <= 1) return 1;
  int64_t patch = g.channels / g.groups * g.kernel_height * g.kernel_width;
  int64_t per_image = (patch + g.out_channels / g.groups) * out_area;
  return std::clamp<int64_t>(kBatchedScratchFloats / std::max<int64_t>(per_image, 1), 1, g.batch);
}

bool IsPointwise(const ConvGeometry& g) {
  return g.kernel_height == 1 && g.kernel_width == 1 && g.strides[0] == 1 && g.strides[1] == 1 &&
         g.pads == std::array<int64_t, 4>{0, 0, 0, 0};
}

Status InferConv(InferContext& context) {
  DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kFloat32));
  DQ_RETURN_IF_ERROR(context.ExpectInput(1, ElementType::kFloat32));
  ConvGeometry g;
  DQ_RETURN_IF_ERROR(
      ComputeGeometry(context.node(), context.input_shape(0), context.input_shape(1), &g, &context));
  if (context.has_input(2) &&
      context.input_shape(2) != std::vector<int64_t>{g.out_channels}) {
    return context.Error("bias must have shape [" + std::to_string(g.out_channels) + "]");
  }
  context.SetOutput(0, ElementType::kFloat32, {g.batch, g.out_channels, g.out_height, g.out_width});
  int64_t patch = g.channels / g.groups * g.kernel_height * g.kernel_width;
  int64_t out_area = g.out_height * g.out_width;
  int64_t images = ImagesPerGemm(g);
  if (images > 1) {  // columns, product, and the int32 patch map (float-sized entries)
    context.RequestScratch(images * (patch + g.out_channels / g.groups) * out_area +
                           patch * out_area);
  } else if (!IsPointwise(g)) {
    context.RequestScratch(patch * out_area);
  }
  return Status::OK();
}

// Unfolds `channels` planes of `image` into columns: row (c, kh, kw), column (oh, ow); rows
// are `row_stride` floats apart (the output area for one image, more when images sit side by
// side).
void Im2Col(const float* image, int64_t channels, const ConvGeometry& g, float* columns,
            int64_t row_stride) {
  for (int64_t channel = 0; channel < channels; ++channel) {
    const float* plane = image + channel * g.height * g.width;
    for (int64_t kernel_row = 0; kernel_row < g.kernel_height; ++kernel_row) {
      for (int64_t kernel_col = 0; kernel_col < g.kernel_width; ++kernel_col) {
        float* row = columns + ((channel * g.kernel_height + kernel_row) * g.kernel_width +
                                kernel_col) * row_stride;
        for (int64_t out_row = 0; out_row < g.out_height; ++out_row) {
          int64_t in_row = out_row * g.strides[0] - g.pads[0] + kernel_row * g.dilations[0];
          float* target = row + out_row * g.out_width;
          if (in_row < 0 || in_row >= g.height) {
            for (int64_t out_col = 0; out_col < g.out_width; ++out_col) target[out_col] = 0;
            continue;
          }
          const float* source = plane + in_row * g.width;
          // Output columns [first, last) read inside the row; the others read padding.
          const int64_t stride = g.strides[1];
          const int64_t offset = kernel_col * g.dilations[1] - g.pads[1];
          int64_t first = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
          int64_t last = offset >= g.width ? 0 : (g.width - 1 - offset) / stride + 1;
          first = std::min(first, g.out_width);
          last = std::clamp(last, first, g.out_width);
          for (int64_t out_col = 0; out_col < first; ++out_col) target[out_col] = 0.0f;
          for (int64_t out_col = first; out_col < last; ++out_col) {
            target[out_col] = source[out_col * stride + offset];
          }
          for (int64_t out_col = last; out_col < g.out_width; ++out_col) target[out_col] = 0.0f;
        }
      }
    }
  }
}

// For small images: where each unfolded value comes from, as an offset into one group's input
// planes (-1 for padding), row (c, kh, kw), column (oh, ow). Built once per batch, it turns
// the unfolding of every image into one gather.
void BuildPatchMap(const ConvGeometry& g, int64_t channels, int32_t* map) {
  int64_t out_area = g.out_height * g.out_width;
  for (int64_t channel = 0; channel < channels; ++channel) {
    for (int64_t kernel_row = 0; kernel_row < g.kernel_height; ++kernel_row) {
      for (int64_t kernel_col = 0; kernel_col < g.kernel_width; ++kernel_col) {
        int32_t* row = map + ((channel * g.kernel_height + kernel_row) * g.kernel_width +
                              kernel_col) * out_area;
        for (int64_t out_row = 0; out_row < g.out_height; ++out_row) {
          int64_t in_row = out_row * g.strides[0] - g.pads[0] + kernel_row * g.dilations[0];
          for (int64_t out_col = 0; out_col < g.out_width; ++out_col) {
            int64_t in_col = out_col * g.strides[1] - g.pads[1] + kernel_col * g.dilations[1];
            bool inside = in_row >= 0 && in_row < g.height && in_col >= 0 && in_col < g.width;
            row[out_row * g.out_width + out_col] =
                inside ? static_cast<int32_t>((channel * g.height + in_row) * g.width + in_col)
                       : -1;
          }
        }
      }
    }
  }
}

// Several small images per GEMM (see the file comment).
void RunBatchedConv(const RunContext& context, const ConvGeometry& g, int64_t images) {
  const Tensor& x = context.input(0);
  const float* weights_all = context.input(1).floats();
  const float* bias = context.has_input(2) ? context.input(2).floats() : nullptr;
  float* out = context.output(0).floats();
  const bool relu = context.node.activation == Activation::kRelu;
  int64_t group_channels = g.channels / g.groups;
  int64_t group_out_channels = g.out_channels / g.groups;
  int64_t patch = group_channels * g.kernel_height * g.kernel_width;
  int64_t out_area = g.out_height * g.out_width;
  float* columns = context.scratch;
  float* product = context.scratch + images * patch * out_area;
  int32_t* map = reinterpret_cast<int32_t*>(product + images * group_out_channels * out_area);
  BuildPatchMap(g, group_channels, map);
  for (int64_t first = 0; first < g.batch; first += images) {
    int64_t count = std::min(images, g.batch - first);
    int64_t width = count * out_area;
    for (int64_t group = 0; group < g.groups; ++group) {
      for (int64_t image = 0; image < count; ++image) {
        const float* input = x.floats() + ((first + image) * g.channels + group * group_channels) *
                                              g.height * g.width;
        float* column = columns + image * out_area;
        for (int64_t row = 0; row < patch; ++row) {
          const int32_t* sources = map + row * out_area;
          float* target = column + row * width;
          for (int64_t position = 0; position < out_area; ++position) {
            int32_t source = sources[position];
            target[position] = source >= 0 ? input[source] : 0.0f;
          }
        }
      }
      const float* weights = weights_all + group * group_out_channels * patch;
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, group_out_channels, width, patch,
                  1.0f, weights, patch, columns, width, 0.0f, product, width);
      for (int64_t image = 0; image < count; ++image) {
        for (int64_t channel = 0; channel < group_out_channels; ++channel) {
          int64_t out_channel = group * group_out_channels + channel;
          const float* source = product + channel * width + image * out_area;
          float* target = out + ((first + image) * g.out_channels + out_channel) * out_area;
          float shift = bias ? bias[out_channel] : 0.0f;
          if (relu) {
            for (int64_t index = 0; index < out_area; ++index) {
              target[index] = std::max(source[index] + shift, 0.0f);
            }
          } else {
            for (int64_t index = 0; index < out_area; ++index) target[index] = source[index] + shift;
          }
        }
      }
    }
  }
  if (!relu) ApplyActivation(context.node.activation, out, context.output(0).element_count());
}

void RunConv(const RunContext& context) {
  const Tensor& x = context.input(0);
  const Tensor& w = context.input(1);
  Tensor& out = context.output(0);
  ConvGeometry g;
  Status status = ComputeGeometry(context.node, x.shape(), w.shape(), &g, nullptr);
  DQ_CHECK(status.ok());
  int64_t images = ImagesPerGemm(g);
  if (images > 1) return RunBatchedConv(context, g, images);
  int64_t group_channels = g.channels / g.groups;
  int64_t group_out_channels = g.out_channels / g.groups;
  int64_t patch = group_channels * g.kernel_height * g.kernel_width;
  int64_t out_area = g.out_height * g.out_width;
  bool pointwise = IsPointwise(g);
  for (int64_t image = 0; image < g.batch; ++image) {
    for (int64_t group = 0; group < g.groups; ++group) {
      const float* input =
          x.floats() + (image * g.channels + group * group_channels) * g.height * g.width;
      const float* columns = input;
      if (!pointwise) {
        Im2Col(input, group_channels, g, context.scratch, out_area);
        columns = context.scratch;
      }
      const float* weights = w.floats() + group * group_out_channels * patch;
      float* result = out.floats() + (image * g.out_channels + group * group_out_channels) * out_area;
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, group_out_channels, out_area, patch,
                  1.0f, weights, patch, columns, out_area, 0.0f, result, out_area);
    }
    if (context.has_input(2)) {
      const float* bias = context.input(2).floats();
      for (int64_t channel = 0; channel < g.out_channels; ++channel) {
        float* plane = out.floats() + (image * g.out_channels + channel) * out_area;
        for (int64_t index = 0; index < out_area; ++index) plane[index] += bias[channel];
      }
    }
  }
  ApplyActivation(context.node.activation, out.floats(), out.element_count());
}

const OpKernel kConvKernels[] = {
    {"Conv", InferConv, RunConv},
};

}  // namespace

std::span<const OpKernel> ConvKernels() { return kConvKernels; }

}  // namespace dq::ml

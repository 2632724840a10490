// Resize (opsets 10 to 20; from 18 with `axes`, without antialias or aspect-ratio policies)
// and Upsample (7 to 9): nearest and linear resampling of the
// trailing one or two axes of [N, C, L] / [N, C, H, W] (scales of 1 on N and C), what
// upsampling layers, U-Net decoders and F.interpolate export.
//
// Output sizes come from `sizes` or `scales` (inputs known at planning time; attributes for
// Upsample-7). Per resized axis an output coordinate maps to an input coordinate by the
// coordinate_transformation_mode (half_pixel, the default; pytorch_half_pixel, align_corners,
// asymmetric, tf_half_pixel_for_nn), then `nearest` picks an input element by nearest_mode
// (round_prefer_floor, the default; round_prefer_ceil, floor, ceil) and `linear` blends the
// two neighbours (coordinates clamped to the input). The per-axis source indices and weights
// are tables computed once per plan (the kernel's run state); cubic mode is rejected.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "ml/kernels/kernel_families.h"

namespace dq::ml {
namespace {

struct ResizeSpec {
  std::vector<int64_t> out_shape;
  std::vector<float> scales;  // per axis: output / input
};

// The sizes/scales operands by opset: Upsample-7 scales attribute; Upsample-9 and Resize-10
// (X, scales); Resize-11+ (X, roi, scales, sizes).
Status ReadSpec(const InferContext& context, ResizeSpec* spec) {
  const Node& node = context.node();
  const std::vector<int64_t>& shape = context.input_shape(0);
  const bool upsample = node.op_type == "Upsample";
  const Tensor* scales = nullptr;
  const Tensor* sizes = nullptr;
  std::vector<float> scale_attribute;
  if (upsample && node.opset < 9) {
    auto values = node.GetFloats("scales");
    scale_attribute.assign(values.begin(), values.end());
  } else if (upsample || node.opset < 11) {
    if (!context.known_input(1))
      return context.Error("scales must be known when the model is planned");
    scales = context.known_input(1);
  } else {
    if (context.has_input(3) && context.known_input(3) &&
        context.known_input(3)->element_count() > 0) {
      sizes = context.known_input(3);
    } else if (context.has_input(2) && context.known_input(2) &&
               context.known_input(2)->element_count() > 0) {
      scales = context.known_input(2);
    } else {
      return context.Error("scales or sizes must be given and known when the model is planned");
    }
  }
  if (scales) {
    if (scales->type() != ElementType::kFloat32) return context.Error("scales must be FLOAT");
    scale_attribute.assign(scales->floats(), scales->floats() + scales->element_count());
  }
  // Opset 18's `axes`: the sizes or scales given are those of these axes; the others keep
  // their size.
  std::vector<int64_t> axes;
  for (int64_t axis : node.GetInts("axes")) {
    if (!NormalizeAxis(axis, static_cast<int64_t>(shape.size()), &axis)) {
      return context.Error("axes out of range");
    }
    axes.push_back(axis);
  }
  if (axes.empty()) {
    for (size_t axis = 0; axis < shape.size(); ++axis) axes.push_back(axis);
  }
  spec->out_shape = shape;
  spec->scales.assign(shape.size(), 1.0f);
  if (sizes) {
    std::vector<int64_t> values = ToInt64Vector(*sizes);
    if (values.size() != axes.size()) return context.Error("sizes need one value per axis");
    for (size_t index = 0; index < axes.size(); ++index) {
      const int64_t axis = axes[index];
      spec->out_shape[axis] = values[index];
      spec->scales[axis] =
          shape[axis] == 0 ? 1.0f : static_cast<float>(values[index]) / shape[axis];
    }
  } else {
    if (scale_attribute.size() != axes.size()) {
      return context.Error("scales need one value per axis");
    }
    for (size_t index = 0; index < axes.size(); ++index) {
      const int64_t axis = axes[index];
      if (!(scale_attribute[index] > 0)) return context.Error("scales must be positive");
      spec->scales[axis] = scale_attribute[index];
      spec->out_shape[axis] =
          static_cast<int64_t>(std::floor(shape[axis] * scale_attribute[index]));
    }
  }
  return Status::OK();
}

// Per output position of a resized axis: the two input positions it reads and the weight of
// the second (nearest: both the same, weight 0).
struct AxisTable {
  std::vector<int64_t> low, high;
  std::vector<float> weight;
};

// The tables of a plan: rows (one entry for a 1-D resize) and columns.
struct ResizeTables : KernelRunState {
  AxisTable rows, columns;
};

std::unique_ptr<ResizeTables> MakeTables(const Node& node, const std::vector<int64_t>& shape,
                                         const ResizeSpec& spec);

Status InferResize(InferContext& context) {
  DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kFloat32));
  const Node& node = context.node();
  const std::vector<int64_t>& shape = context.input_shape(0);
  if (shape.size() != 3 && shape.size() != 4) {
    return context.Error("only [N, C, L] and [N, C, H, W] inputs are supported (input " +
                         ShapeToString(shape) + ")");
  }
  const std::string_view mode = node.GetString("mode", "nearest");
  if (mode != "nearest" && mode != "linear" && mode != "bilinear") {
    return context.Error("unsupported mode " + std::string(mode) + " (nearest and linear are)");
  }
  const std::string_view transform = node.GetString("coordinate_transformation_mode", "half_pixel");
  if (transform != "half_pixel" && transform != "pytorch_half_pixel" &&
      transform != "align_corners" && transform != "asymmetric" &&
      transform != "tf_half_pixel_for_nn") {
    return context.Error("unsupported coordinate_transformation_mode " + std::string(transform));
  }
  const std::string_view nearest = node.GetString("nearest_mode", "round_prefer_floor");
  if (nearest != "round_prefer_floor" && nearest != "round_prefer_ceil" && nearest != "floor" &&
      nearest != "ceil") {
    return context.Error("unsupported nearest_mode " + std::string(nearest));
  }
  if (node.GetInt("antialias", 0) != 0) return context.Error("antialias is not supported");
  if (node.GetString("keep_aspect_ratio_policy", "stretch") != "stretch") {
    return context.Error("only keep_aspect_ratio_policy 'stretch' is supported");
  }
  ResizeSpec spec;
  DQ_RETURN_IF_ERROR(ReadSpec(context, &spec));
  if (spec.out_shape[0] != shape[0] || spec.out_shape[1] != shape[1]) {
    return context.Error("only the spatial axes may be resized (output " +
                         ShapeToString(spec.out_shape) + ")");
  }
  for (int64_t dim : spec.out_shape) {
    if (dim < 0) return context.Error("negative output size");
  }
  context.SetOutput(0, ElementType::kFloat32, spec.out_shape);
  context.SetRunState(MakeTables(node, shape, spec));
  return Status::OK();
}

// The input coordinate of output position `out` on an axis (see the file comment).
float SourceCoordinate(std::string_view transform, int64_t out, int64_t in_length,
                       int64_t out_length, float scale) {
  if (transform == "align_corners") {
    return out_length == 1 ? 0.0f : static_cast<float>(out) * (in_length - 1) / (out_length - 1);
  }
  if (transform == "asymmetric") return static_cast<float>(out) / scale;
  if (transform == "tf_half_pixel_for_nn") return (static_cast<float>(out) + 0.5f) / scale;
  if (transform == "pytorch_half_pixel" && out_length <= 1) return 0.0f;
  return (static_cast<float>(out) + 0.5f) / scale - 0.5f;  // half_pixel, pytorch_half_pixel
}

int64_t NearestIndex(std::string_view mode, float coordinate, int64_t in_length) {
  float rounded;
  if (mode == "floor") {
    rounded = std::floor(coordinate);
  } else if (mode == "ceil") {
    rounded = std::ceil(coordinate);
  } else {
    const float floor = std::floor(coordinate);
    const float fraction = coordinate - floor;
    const bool up = mode == "round_prefer_ceil" ? fraction >= 0.5f : fraction > 0.5f;
    rounded = up ? floor + 1 : floor;
  }
  return std::clamp<int64_t>(static_cast<int64_t>(rounded), 0, in_length - 1);
}

AxisTable MakeAxisTable(bool linear, std::string_view transform, std::string_view nearest,
                        int64_t in_length, int64_t out_length, float scale) {
  AxisTable table;
  for (int64_t position = 0; position < out_length; ++position) {
    const float coordinate = SourceCoordinate(transform, position, in_length, out_length, scale);
    if (!linear) {
      const int64_t index = NearestIndex(nearest, coordinate, in_length);
      table.low.push_back(index);
      table.high.push_back(index);
      table.weight.push_back(0);
      continue;
    }
    const float clamped = std::clamp(coordinate, 0.0f, static_cast<float>(in_length - 1));
    const int64_t low = static_cast<int64_t>(std::floor(clamped));
    table.low.push_back(low);
    table.high.push_back(std::min(low + 1, in_length - 1));
    table.weight.push_back(clamped - static_cast<float>(low));
  }
  return table;
}

std::unique_ptr<ResizeTables> MakeTables(const Node& node, const std::vector<int64_t>& shape,
                                         const ResizeSpec& spec) {
  // Upsample and Resize-10 are asymmetric with floor rounding.
  const bool legacy = node.op_type == "Upsample" || node.opset < 11;
  const bool linear = node.GetString("mode", "nearest") != "nearest";
  const std::string_view transform =
      legacy ? "asymmetric" : node.GetString("coordinate_transformation_mode", "half_pixel");
  const std::string_view nearest =
      legacy ? "floor" : node.GetString("nearest_mode", "round_prefer_floor");
  auto tables = std::make_unique<ResizeTables>();
  const size_t last = shape.size() - 1;
  tables->columns = MakeAxisTable(linear, transform, nearest, shape[last], spec.out_shape[last],
                                  spec.scales[last]);
  tables->rows = shape.size() == 4 ? MakeAxisTable(linear, transform, nearest, shape[2],
                                                   spec.out_shape[2], spec.scales[2])
                                   : AxisTable{{0}, {0}, {0.0f}};
  return tables;
}

void RunResize(const RunContext& context) {
  const auto& tables = static_cast<const ResizeTables&>(*context.run_state);
  const Tensor& x = context.input(0);
  Tensor& out = context.output(0);
  const auto& in_shape = x.shape();
  const int64_t in_h = in_shape.size() == 4 ? in_shape[2] : 1, in_w = in_shape.back();
  const int64_t out_h = static_cast<int64_t>(tables.rows.low.size());
  const int64_t out_w = static_cast<int64_t>(tables.columns.low.size());
  const AxisTable& cols = tables.columns;
  const int64_t planes = in_shape[0] * in_shape[1];
  for (int64_t plane = 0; plane < planes; ++plane) {
    const float* source = x.floats() + plane * in_h * in_w;
    float* target = out.floats() + plane * out_h * out_w;
    for (int64_t row = 0; row < out_h; ++row) {
      const float* low_row = source + tables.rows.low[row] * in_w;
      const float* high_row = source + tables.rows.high[row] * in_w;
      const float row_weight = tables.rows.weight[row];
      float* line = target + row * out_w;
      for (int64_t col = 0; col < out_w; ++col) {
        const int64_t low = cols.low[col], high = cols.high[col];
        const float top = low_row[low] + (low_row[high] - low_row[low]) * cols.weight[col];
        const float bottom = high_row[low] + (high_row[high] - high_row[low]) * cols.weight[col];
        line[col] = top + (bottom - top) * row_weight;
      }
    }
  }
}

const OpKernel kResizeKernels[] = {
    {"Resize", InferResize, RunResize},
    {"Upsample", InferResize, RunResize},
};

}  // namespace

std::span<const OpKernel> ResizeKernels() { return kResizeKernels; }

}  // namespace dq::ml

// 1-D and 2-D pooling over NCL / NCHW (window.h): MaxPool and AveragePool (kernel_shape, pads,
// strides, ceil_mode, count_include_pad; MaxPool also dilations) and GlobalAveragePool (any rank >=
// 3).
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>

#include "ml/kernels/kernel_families.h"
#include "ml/kernels/window.h"

namespace dq::ml {
namespace {

struct PoolGeometry {
  int64_t planes, height, width, out_height, out_width;
  std::array<int64_t, 2> kernel{1, 1}, strides{1, 1}, dilations{1, 1};
  std::array<int64_t, 4> pads{0, 0, 0, 0};  // top, left, bottom, right
};

int64_t PooledExtent(int64_t in, int64_t kernel, int64_t pad_total, int64_t stride,
                     int64_t dilation, bool ceil_mode) {
  int64_t span = in + pad_total - ((kernel - 1) * dilation + 1);
  int64_t out = (ceil_mode ? (span + stride - 1) / stride : span / stride) + 1;
  // With ceil_mode the last window must start inside the input or the leading padding.
  if (ceil_mode && (out - 1) * stride >= in + pad_total / 2) --out;
  return out;
}

// Returns false (and leaves `geometry` partial) when the attributes are malformed or the input
// is not [N, C, L] or [N, C, H, W].
bool ComputeGeometry(const Node& node, const std::vector<int64_t>& input, PoolGeometry* geometry) {
  if (input.size() != 3 && input.size() != 4) return false;
  const std::vector<int64_t> x = AsTwoDimensional(input);
  Window2d window;
  if (!ReadWindowAttributes(node, input.size() - 2, &window)) return false;
  geometry->kernel = window.kernel;
  geometry->strides = window.strides;
  geometry->dilations = window.dilations;
  geometry->pads = window.pads;
  if (node.GetString("auto_pad", "NOTSET") != "NOTSET" &&
      node.GetString("auto_pad", "NOTSET") != "VALID") {
    return false;
  }
  bool ceil_mode = node.GetInt("ceil_mode", 0) != 0;
  geometry->planes = x[0] * x[1];
  geometry->height = x[2];
  geometry->width = x[3];
  geometry->out_height =
      PooledExtent(x[2], geometry->kernel[0], geometry->pads[0] + geometry->pads[2],
                   geometry->strides[0], geometry->dilations[0], ceil_mode);
  geometry->out_width =
      PooledExtent(x[3], geometry->kernel[1], geometry->pads[1] + geometry->pads[3],
                   geometry->strides[1], geometry->dilations[1], ceil_mode);
  return geometry->out_height > 0 && geometry->out_width > 0 && geometry->strides[0] > 0 &&
         geometry->strides[1] > 0;
}

Status InferPool(InferContext& context) {
  DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kFloat32));
  if (!context.node().HasAttribute("kernel_shape"))
    return context.Error("kernel_shape is required");
  if (context.node().outputs.size() > 1)
    return context.Error("the Indices output is not supported");
  PoolGeometry g;
  if (!ComputeGeometry(context.node(), context.input_shape(0), &g)) {
    return context.Error(
        "only 1-D and 2-D pooling (NCL, NCHW) with explicit pads is supported (input " +
        ShapeToString(context.input_shape(0)) + ")");
  }
  const auto& x = context.input_shape(0);
  context.SetOutput(0, ElementType::kFloat32,
                    WindowOutputShape(x.size(), x[0], x[1], g.out_height, g.out_width));
  return Status::OK();
}

template <bool kMax>
void RunPool(const RunContext& context) {
  PoolGeometry g;
  ComputeGeometry(context.node, context.input(0).shape(), &g);
  bool include_pad = context.node.GetInt("count_include_pad", 0) != 0;
  const float* in = context.input(0).floats();
  float* out = context.output(0).floats();
  // Fast path: every window lies inside the image (no padding, no dilation), so no bounds
  // checks and a fixed divisor.
  bool inside = g.pads == decltype(g.pads){} && g.dilations[0] == 1 && g.dilations[1] == 1 &&
                (g.out_height - 1) * g.strides[0] + g.kernel[0] <= g.height &&
                (g.out_width - 1) * g.strides[1] + g.kernel[1] <= g.width;
  if (inside && g.kernel[0] == 2 && g.kernel[1] == 2 && g.strides[0] == 2 && g.strides[1] == 2) {
    // The common 2x2 / stride 2 window: two input rows per output row, no inner loops.
    for (int64_t plane = 0; plane < g.planes; ++plane) {
      const float* source = in + plane * g.height * g.width;
      float* target = out + plane * g.out_height * g.out_width;
      for (int64_t out_row = 0; out_row < g.out_height; ++out_row) {
        const float* top = source + 2 * out_row * g.width;
        const float* bottom = top + g.width;
        float* row = target + out_row * g.out_width;
        for (int64_t out_col = 0; out_col < g.out_width; ++out_col) {
          float a = top[2 * out_col], b = top[2 * out_col + 1];
          float c = bottom[2 * out_col], d = bottom[2 * out_col + 1];
          if constexpr (kMax) {
            row[out_col] = std::max(std::max(a, b), std::max(c, d));
          } else {
            row[out_col] = ((a + b) + (c + d)) * 0.25f;
          }
        }
      }
    }
    return;
  }
  if (inside) {
    const float scale = 1.0f / static_cast<float>(g.kernel[0] * g.kernel[1]);
    for (int64_t plane = 0; plane < g.planes; ++plane) {
      const float* source = in + plane * g.height * g.width;
      float* target = out + plane * g.out_height * g.out_width;
      for (int64_t out_row = 0; out_row < g.out_height; ++out_row) {
        const float* window_top = source + out_row * g.strides[0] * g.width;
        for (int64_t out_col = 0; out_col < g.out_width; ++out_col) {
          const float* window = window_top + out_col * g.strides[1];
          float accumulator = kMax ? window[0] : 0.0f;
          for (int64_t kernel_row = 0; kernel_row < g.kernel[0]; ++kernel_row) {
            const float* row = window + kernel_row * g.width;
            for (int64_t kernel_col = 0; kernel_col < g.kernel[1]; ++kernel_col) {
              if constexpr (kMax) {
                accumulator = std::max(accumulator, row[kernel_col]);
              } else {
                accumulator += row[kernel_col];
              }
            }
          }
          target[out_row * g.out_width + out_col] = kMax ? accumulator : accumulator * scale;
        }
      }
    }
    return;
  }
  if (g.dilations[0] == 1 && g.dilations[1] == 1) {
    // Padded windows without dilation: per output row and column, the range of kernel taps
    // inside the image is computed once, so the inner loops need no bounds checks. Window
    // positions within the padded extent (the divisor with count_include_pad) are
    // rows_in_extent x columns_in_extent.
    const float initial = kMax ? -std::numeric_limits<float>::infinity() : 0.0f;
    for (int64_t plane = 0; plane < g.planes; ++plane) {
      const float* source = in + plane * g.height * g.width;
      float* target = out + plane * g.out_height * g.out_width;
      for (int64_t out_row = 0; out_row < g.out_height; ++out_row) {
        const int64_t top = out_row * g.strides[0] - g.pads[0];
        const int64_t row_begin = std::max<int64_t>(0, -top);
        const int64_t row_end = std::min<int64_t>(g.kernel[0], g.height - top);
        const int64_t rows_in_extent = std::min<int64_t>(g.kernel[0], g.height + g.pads[2] - top);
        for (int64_t out_col = 0; out_col < g.out_width; ++out_col) {
          const int64_t left = out_col * g.strides[1] - g.pads[1];
          const int64_t col_begin = std::max<int64_t>(0, -left);
          const int64_t col_end = std::min<int64_t>(g.kernel[1], g.width - left);
          float accumulator = initial;
          for (int64_t kernel_row = row_begin; kernel_row < row_end; ++kernel_row) {
            const float* row = source + (top + kernel_row) * g.width + left;
            for (int64_t kernel_col = col_begin; kernel_col < col_end; ++kernel_col) {
              if constexpr (kMax) {
                accumulator = std::max(accumulator, row[kernel_col]);
              } else {
                accumulator += row[kernel_col];
              }
            }
          }
          if constexpr (!kMax) {
            const int64_t counted = std::max<int64_t>(0, row_end - row_begin) *
                                    std::max<int64_t>(0, col_end - col_begin);
            const int64_t cols_in_extent =
                std::min<int64_t>(g.kernel[1], g.width + g.pads[3] - left);
            const int64_t divisor = include_pad ? rows_in_extent * cols_in_extent : counted;
            accumulator = divisor > 0 ? accumulator / divisor : 0.0f;
          }
          target[out_row * g.out_width + out_col] = accumulator;
        }
      }
    }
    return;
  }
  for (int64_t plane = 0; plane < g.planes; ++plane) {
    const float* source = in + plane * g.height * g.width;
    float* target = out + plane * g.out_height * g.out_width;
    for (int64_t out_row = 0; out_row < g.out_height; ++out_row) {
      for (int64_t out_col = 0; out_col < g.out_width; ++out_col) {
        float accumulator = kMax ? -std::numeric_limits<float>::infinity() : 0.0f;
        int64_t counted = 0;
        int64_t padded = 0;
        for (int64_t kernel_row = 0; kernel_row < g.kernel[0]; ++kernel_row) {
          int64_t in_row = out_row * g.strides[0] - g.pads[0] + kernel_row * g.dilations[0];
          for (int64_t kernel_col = 0; kernel_col < g.kernel[1]; ++kernel_col) {
            int64_t in_col = out_col * g.strides[1] - g.pads[1] + kernel_col * g.dilations[1];
            bool inside = in_row >= 0 && in_row < g.height && in_col >= 0 && in_col < g.width;
            if (!inside) {
              // Count only window positions within the padded extent.
              if (in_row < g.height + g.pads[2] && in_col < g.width + g.pads[3]) ++padded;
              continue;
            }
            float value = source[in_row * g.width + in_col];
            if constexpr (kMax) {
              accumulator = std::max(accumulator, value);
            } else {
              accumulator += value;
            }
            ++counted;
          }
        }
        if constexpr (!kMax) {
          int64_t divisor = include_pad ? counted + padded : counted;
          accumulator = divisor > 0 ? accumulator / divisor : 0.0f;
        }
        target[out_row * g.out_width + out_col] = accumulator;
      }
    }
  }
}

Status InferGlobalAveragePool(InferContext& context) {
  DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kFloat32));
  std::vector<int64_t> shape = context.input_shape(0);
  if (shape.size() < 3) return context.Error("input must have rank >= 3");
  std::fill(shape.begin() + 2, shape.end(), 1);
  context.SetOutput(0, ElementType::kFloat32, shape);
  return Status::OK();
}

void RunGlobalAveragePool(const RunContext& context) {
  const Tensor& x = context.input(0);
  int64_t planes = x.shape()[0] * x.shape()[1];
  int64_t area = planes == 0 ? 0 : x.element_count() / planes;
  for (int64_t plane = 0; plane < planes; ++plane) {
    const float* source = x.floats() + plane * area;
    float sum = 0;
    for (int64_t index = 0; index < area; ++index) sum += source[index];
    context.output(0).floats()[plane] = sum / static_cast<float>(area);
  }
}

const OpKernel kPoolKernels[] = {
    {"MaxPool", InferPool, RunPool<true>},
    {"AveragePool", InferPool, RunPool<false>},
    {"GlobalAveragePool", InferGlobalAveragePool, RunGlobalAveragePool},
};

}  // namespace

std::span<const OpKernel> PoolKernels() { return kPoolKernels; }

}  // namespace dq::ml

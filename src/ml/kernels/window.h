// 1-D and 2-D window operators (Conv, MaxPool, AveragePool) share one 2-D implementation: a
// 1-D operator over [N, C, L] (sensor signals, audio, sequences) runs as the 2-D one over
// [N, C, 1, L], which has the same memory layout; its attributes gain a unit height axis.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "ml/graph.h"

namespace dq::ml {

struct Window2d {
  std::array<int64_t, 2> kernel{1, 1};
  std::array<int64_t, 2> strides{1, 1};
  std::array<int64_t, 2> dilations{1, 1};
  std::array<int64_t, 4> pads{0, 0, 0, 0};  // top, left, bottom, right
};

// [N, C, L] as [N, C, 1, L]; any other shape unchanged.
std::vector<int64_t> AsTwoDimensional(const std::vector<int64_t>& shape);

// Reads kernel_shape, strides, dilations and pads (the lists absent keep their defaults) for
// `spatial_rank` (1 or 2) axes into 2-D form. False when a list has the wrong length.
bool ReadWindowAttributes(const Node& node, size_t spatial_rank, Window2d* window);

// [N, C, H, W], or [N, C, W] for a 1-D operator (`rank` 3): the output in the input's rank.
std::vector<int64_t> WindowOutputShape(size_t rank, int64_t batch, int64_t channels, int64_t height,
                                       int64_t width);

}  // namespace dq::ml

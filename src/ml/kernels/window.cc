#include "ml/kernels/window.h"

#include "ml/kernel.h"

namespace dq::ml {

std::vector<int64_t> AsTwoDimensional(const std::vector<int64_t>& shape) {
  if (shape.size() != 3) return shape;
  return {shape[0], shape[1], 1, shape[2]};
}

bool ReadWindowAttributes(const Node& node, size_t spatial_rank, Window2d* window) {
  if (spatial_rank == 2) {
    return ReadInts(node.GetInts("kernel_shape"), &window->kernel) &&
           ReadInts(node.GetInts("strides"), &window->strides) &&
           ReadInts(node.GetInts("dilations"), &window->dilations) &&
           ReadInts(node.GetInts("pads"), &window->pads);
  }
  if (spatial_rank != 1) return false;
  std::array<int64_t, 1> kernel{window->kernel[1]}, stride{1}, dilation{1};
  std::array<int64_t, 2> pads{0, 0};
  if (!ReadInts(node.GetInts("kernel_shape"), &kernel) ||
      !ReadInts(node.GetInts("strides"), &stride) ||
      !ReadInts(node.GetInts("dilations"), &dilation) || !ReadInts(node.GetInts("pads"), &pads)) {
    return false;
  }
  window->kernel = {1, kernel[0]};
  window->strides = {1, stride[0]};
  window->dilations = {1, dilation[0]};
  window->pads = {0, pads[0], 0, pads[1]};
  return true;
}

std::vector<int64_t> WindowOutputShape(size_t rank, int64_t batch, int64_t channels, int64_t height,
                                       int64_t width) {
  if (rank == 3) return {batch, channels, width};
  return {batch, channels, height, width};
}

}  // namespace dq::ml

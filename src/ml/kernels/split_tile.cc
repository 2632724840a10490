// Split and Tile: data moved in contiguous blocks without looking at it (any element type).
//
// Split cuts its input along `axis` into one piece per output: sizes from the `split` input
// (opset 13; known at planning time) or attribute (earlier opsets), or from num_outputs
// (opset 18: pieces of ceil(extent / n), the last smaller), else equal pieces, which must
// divide the axis. Tile repeats the input `repeats[d]` times along each axis d (`repeats`
// known at planning time).
#include <cstring>
#include <numeric>

#include "ml/kernels/kernel_families.h"

namespace dq::ml {
namespace {

// The piece sizes of a Split node for an axis of `extent`; false with `error` set when they
// are malformed.
bool SplitSizes(const InferContext& context, int64_t extent, std::vector<int64_t>* sizes,
                std::string* error) {
  const size_t pieces = context.node().outputs.size();
  if (context.node().opset >= 13) {
    if (context.has_input(1)) {
      const Tensor* split = context.known_input(1);
      if (!split) {
        *error = "split sizes must be known when the model is planned";
        return false;
      }
      *sizes = ToInt64Vector(*split);
    }
  } else {
    auto attribute = context.node().GetInts("split");
    sizes->assign(attribute.begin(), attribute.end());
  }
  if (sizes->empty() && context.node().HasAttribute("num_outputs")) {
    // Opset 18: pieces of ceil(extent / n), the last one smaller.
    const int64_t count = context.node().GetInt("num_outputs", 0);
    if (count != static_cast<int64_t>(pieces)) {
      *error = "num_outputs " + std::to_string(count) + " differs from the node's " +
               std::to_string(pieces) + " outputs";
      return false;
    }
    const int64_t chunk = (extent + count - 1) / count;
    sizes->assign(pieces, chunk);
    sizes->back() = extent - chunk * (count - 1);
  } else if (sizes->empty()) {
    if (extent % static_cast<int64_t>(pieces) != 0) {
      *error = "an axis of " + std::to_string(extent) + " does not split into " +
               std::to_string(pieces) + " equal pieces";
      return false;
    }
    sizes->assign(pieces, extent / static_cast<int64_t>(pieces));
  }
  if (sizes->size() != pieces ||
      std::accumulate(sizes->begin(), sizes->end(), int64_t{0}) != extent ||
      std::any_of(sizes->begin(), sizes->end(), [](int64_t size) { return size < 0; })) {
    *error = "split sizes " + ShapeToString(*sizes) + " do not cut an axis of " +
             std::to_string(extent) + " into " + std::to_string(pieces) + " pieces";
    return false;
  }
  return true;
}

Status InferSplit(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing input");
  const std::vector<int64_t>& shape = context.input_shape(0);
  int64_t axis;
  if (!NormalizeAxis(context.node().GetInt("axis", 0), shape.size(), &axis)) {
    return context.Error("axis out of range");
  }
  std::vector<int64_t> sizes;
  std::string error;
  if (!SplitSizes(context, shape[axis], &sizes, &error)) return context.Error(error);
  for (size_t piece = 0; piece < sizes.size(); ++piece) {
    std::vector<int64_t> piece_shape = shape;
    piece_shape[axis] = sizes[piece];
    context.SetOutput(piece, context.input(0).type, piece_shape);
  }
  return Status::OK();
}

void RunSplit(const RunContext& context) {
  const Tensor& in = context.input(0);
  int64_t axis;
  NormalizeAxis(context.node.GetInt("axis", 0), in.shape().size(), &axis);
  int64_t outer = 1, inner = 1;
  for (int64_t dim = 0; dim < axis; ++dim) outer *= in.shape()[dim];
  for (size_t dim = axis + 1; dim < in.shape().size(); ++dim) inner *= in.shape()[dim];
  const size_t element = ElementSize(in.type());
  const int64_t in_block = in.shape()[axis] * inner * element;
  int64_t offset = 0;
  for (size_t piece = 0; piece < context.node.outputs.size(); ++piece) {
    Tensor& out = context.output(piece);
    const int64_t block = out.shape()[axis] * inner * element;
    for (int64_t row = 0; row < outer; ++row) {
      std::memcpy(out.raw_bytes() + row * block, in.raw_bytes() + row * in_block + offset, block);
    }
    offset += block;
  }
}

Status InferTile(InferContext& context) {
  if (!context.has_input(0)) return context.Error("missing input");
  const Tensor* repeats = context.known_input(1);
  if (!repeats) return context.Error("repeats must be known when the model is planned");
  std::vector<int64_t> shape = context.input_shape(0);
  std::vector<int64_t> counts = ToInt64Vector(*repeats);
  if (counts.size() != shape.size()) {
    return context.Error("repeats " + ShapeToString(counts) + " must have one value per axis of " +
                         ShapeToString(shape));
  }
  for (size_t dim = 0; dim < shape.size(); ++dim) {
    if (counts[dim] < 0) return context.Error("repeats must not be negative");
    shape[dim] *= counts[dim];
  }
  context.SetOutput(0, context.input(0).type, shape);
  return Status::OK();
}

// Tiles axes [axis, rank) of one block of `in` (at `source`) into `target`; returns the bytes
// written.
int64_t TileAxes(const std::vector<int64_t>& in_shape, const std::vector<int64_t>& out_shape,
                 size_t axis, size_t element, const char* source, char* target) {
  if (axis == in_shape.size()) {
    std::memcpy(target, source, element);
    return element;
  }
  int64_t in_stride = element;
  for (size_t dim = axis + 1; dim < in_shape.size(); ++dim) in_stride *= in_shape[dim];
  // One copy of this axis: each of its input slices tiled along the inner axes.
  int64_t written = 0;
  for (int64_t index = 0; index < in_shape[axis]; ++index) {
    written += TileAxes(in_shape, out_shape, axis + 1, element, source + index * in_stride,
                        target + written);
  }
  // The repeats of that copy.
  const int64_t copy = written;
  for (int64_t repeat = 1; repeat < out_shape[axis] / std::max<int64_t>(in_shape[axis], 1);
       ++repeat) {
    std::memcpy(target + written, target, copy);
    written += copy;
  }
  return written;
}

void RunTile(const RunContext& context) {
  const Tensor& in = context.input(0);
  Tensor& out = context.output(0);
  if (out.element_count() == 0) return;
  TileAxes(in.shape(), out.shape(), 0, ElementSize(in.type()), in.raw_bytes(), out.raw_bytes());
}

const OpKernel kSplitTileKernels[] = {
    {"Split", InferSplit, RunSplit},
    {"Tile", InferTile, RunTile},
};

}  // namespace

std::span<const OpKernel> SplitTileKernels() { return kSplitTileKernels; }

}  // namespace dq::ml

// DepthToSpace and SpaceToDepth over [N, C, H, W] with block size b (super-resolution's pixel
// shuffle, detection backbones' space-to-depth stems):
//   DepthToSpace, mode DCR (default): out[n][c][h b + i][w b + j] = in[n][(i b + j) C' + c][h][w]
//   DepthToSpace, mode CRD:           out[n][c][h b + i][w b + j] = in[n][c b b + i b + j][h][w]
//   SpaceToDepth:                     out[n][(i b + j) C + c][h][w] = in[n][c][h b + i][w b + j]
// with C' = C / b^2 output channels for DepthToSpace.
#include <cstring>
#include <string>

#include "ml/kernels/kernel_families.h"

namespace dq::ml {
namespace {

Status InferRearrange(InferContext& context, bool to_space) {
  if (!context.has_input(0)) return context.Error("missing input");
  const auto& x = context.input_shape(0);
  const int64_t block = context.node().GetInt("blocksize", 0);
  if (x.size() != 4) return context.Error("input must be [N, C, H, W], got " + ShapeToString(x));
  if (block < 1) return context.Error("blocksize must be positive");
  if (to_space) {
    const std::string_view mode = context.node().GetString("mode", "DCR");
    if (mode != "DCR" && mode != "CRD") return context.Error("mode must be DCR or CRD");
    if (x[1] % (block * block) != 0) {
      return context.Error(std::to_string(x[1]) + " channels do not divide into blocks of " +
                           std::to_string(block * block));
    }
    context.SetOutput(0, context.input(0).type,
                      {x[0], x[1] / (block * block), x[2] * block, x[3] * block});
  } else {
    if (x[2] % block != 0 || x[3] % block != 0) {
      return context.Error("height and width must be multiples of the block size");
    }
    context.SetOutput(0, context.input(0).type,
                      {x[0], x[1] * block * block, x[2] / block, x[3] / block});
  }
  return Status::OK();
}
Status InferDepthToSpace(InferContext& context) { return InferRearrange(context, true); }
Status InferSpaceToDepth(InferContext& context) { return InferRearrange(context, false); }

// Copies one element for every (n, c, h, w, i, j) of the space-side tensor [N, C, H b, W b],
// `depth_channel(c, i, j)` naming its channel on the depth side [N, C b^2, H, W].
template <typename DepthChannel>
void Shuffle(const Tensor& in, Tensor& out, bool to_space, int64_t block,
             DepthChannel depth_channel) {
  const Tensor& space = to_space ? out : in;
  const Tensor& depth = to_space ? in : out;
  const int64_t batch = space.shape()[0], channels = space.shape()[1];
  const int64_t height = depth.shape()[2], width = depth.shape()[3];
  const int64_t depth_channels = depth.shape()[1];
  const size_t element = ElementSize(in.type());
  const char* source = in.raw_bytes();
  char* target = out.raw_bytes();
  for (int64_t n = 0; n < batch; ++n) {
    for (int64_t c = 0; c < channels; ++c) {
      for (int64_t h = 0; h < height; ++h) {
        for (int64_t i = 0; i < block; ++i) {
          for (int64_t w = 0; w < width; ++w) {
            for (int64_t j = 0; j < block; ++j) {
              const int64_t space_index =
                  ((n * channels + c) * height * block + h * block + i) * width * block +
                  w * block + j;
              const int64_t depth_index =
                  ((n * depth_channels + depth_channel(c, i, j)) * height + h) * width + w;
              const int64_t from = to_space ? depth_index : space_index;
              const int64_t to = to_space ? space_index : depth_index;
              std::memcpy(target + to * element, source + from * element, element);
            }
          }
        }
      }
    }
  }
}

void RunDepthToSpace(const RunContext& context) {
  const int64_t block = context.node.GetInt("blocksize", 1);
  const int64_t channels = context.output(0).shape()[1];
  if (context.node.GetString("mode", "DCR") == "CRD") {
    Shuffle(context.input(0), context.output(0), true, block,
            [&](int64_t c, int64_t i, int64_t j) { return c * block * block + i * block + j; });
  } else {
    Shuffle(context.input(0), context.output(0), true, block,
            [&](int64_t c, int64_t i, int64_t j) { return (i * block + j) * channels + c; });
  }
}

void RunSpaceToDepth(const RunContext& context) {
  const int64_t block = context.node.GetInt("blocksize", 1);
  const int64_t channels = context.input(0).shape()[1];
  Shuffle(context.input(0), context.output(0), false, block,
          [&](int64_t c, int64_t i, int64_t j) { return (i * block + j) * channels + c; });
}

const OpKernel kSpaceDepthKernels[] = {
    {"DepthToSpace", InferDepthToSpace, RunDepthToSpace},
    {"SpaceToDepth", InferSpaceToDepth, RunSpaceToDepth},
};

}  // namespace

std::span<const OpKernel> SpaceDepthKernels() { return kSpaceDepthKernels; }

}  // namespace dq::ml

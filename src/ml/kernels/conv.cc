// 1-D and 2-D convolution (NCL, NCHW; a 1-D one runs as 2-D over a unit height, window.h) on
// oneDNN's convolution primitive (onednn.h). Infer creates, once
// per plan, the primitive for the plan's shapes with the layouts oneDNN prefers (on AVX-512,
// channel-blocked nChw16c and its blocked weights: direct "brgconv" kernels that skip the
// padding taps rather than multiplying zeros), plus the reorders between our NCHW tensors and
// those layouts. The weights are reordered once and shared by every plan of every session of
// the model through a cache on the node (keyed by the weights' content hash and layout); the
// blocked copies of input and output and oneDNN's scratchpad live in the plan's scratch. Bias
// and a fused ReLU are applied by the primitive. On small maps, kernel taps that only ever read
// padding are cropped away first (CropToReachableTaps). Supports pads (asymmetric too), strides,
// dilations, groups, auto_pad NOTSET/VALID/SAME_UPPER/SAME_LOWER.
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "ml/kernels/kernel_families.h"
#include "ml/kernels/onednn.h"
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

using Dims = dnnl::memory::dims;
using Tag = dnnl::memory::format_tag;
constexpr auto kF32 = dnnl::memory::data_type::f32;

// Reordered weights shared across plans and sessions (the node's KernelState). An entry is
// found by the source weights' content and the layout a primitive asked for, so a plan never
// reads weights that differ from its own.
class ConvWeightsCache : public KernelState {
 public:
  // The weights `source` (described by `source_desc`) in layout `desc`, reordering them on
  // first use.
  dnnl::memory Get(const Tensor& source, const dnnl::memory::desc& source_desc,
                   const dnnl::memory::desc& desc) const {
    const uint64_t hash = XXH3_64bits(source.floats(), source.element_count() * sizeof(float));
    std::lock_guard<std::mutex> lock(mutex_);
    for (const Entry& entry : entries_) {
      if (entry.hash == hash && entry.desc == desc) return entry.weights;
    }
    dnnl::memory user(source_desc, CpuEngine(), const_cast<float*>(source.floats()));
    dnnl::memory weights(desc, CpuEngine());
    dnnl::reorder(user, weights).execute(ThreadStream(), user, weights);
    ThreadStream().wait();
    if (entries_.size() == kMaxEntries) entries_.erase(entries_.begin());
    entries_.push_back(Entry{hash, desc, weights});
    return weights;
  }

 private:
  static constexpr size_t kMaxEntries = 4;
  struct Entry {
    uint64_t hash;
    dnnl::memory::desc desc;
    dnnl::memory weights;
  };
  mutable std::mutex mutex_;
  mutable std::vector<Entry> entries_;
};

Status PrepareConv(Node& node) {
  node.state = std::make_shared<ConvWeightsCache>();
  return Status::OK();
}

// What a plan's Runs of one Conv node need. Memory objects are handles: the ones in `args`
// share their buffers with the named members, whose data handles Run points at the tensors and
// the scratch.
struct ConvRunState : KernelRunState {
  dnnl::convolution_forward convolution;
  std::unordered_map<int, dnnl::memory> args;
  dnnl::memory user_src, src, user_dst, dst, scratchpad, bias;
  dnnl::reorder src_reorder, dst_reorder;  // valid when the layouts differ
  bool reorder_src = false, reorder_dst = false;
  // Weights that are not constants are reordered on every run.
  dnnl::memory user_weights, weights;
  dnnl::reorder weights_reorder;
  bool reorder_weights = false;
  size_t src_offset = 0, dst_offset = 0, scratchpad_offset = 0, weights_offset = 0;
};

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
  auto state = std::make_unique<ConvRunState>();
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
  auto descriptor =
      has_bias
          ? dnnl::convolution_forward::desc(
                dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct, any_src,
                any_weights, bias_desc, any_dst, strides, dilations, pad_begin, pad_end)
          : dnnl::convolution_forward::desc(
                dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct, any_src,
                any_weights, any_dst, strides, dilations, pad_begin, pad_end);
  dnnl::primitive_attr attributes;
  attributes.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  if (context.node().activation == Activation::kRelu) {
    dnnl::post_ops post_ops;
    post_ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_relu, 0.0f, 0.0f);
    attributes.set_post_ops(post_ops);
  }
  dnnl::convolution_forward::primitive_desc primitive(descriptor, attributes, engine);
  state->convolution = dnnl::convolution_forward(primitive);

  ScratchCarver carver;
  state->user_src = dnnl::memory({src_dims, kF32, Tag::nchw}, engine, nullptr);
  state->reorder_src = primitive.src_desc() != state->user_src.get_desc();
  state->src = state->user_src;
  if (state->reorder_src) {
    state->src = dnnl::memory(primitive.src_desc(), engine, nullptr);
    state->src_offset = carver.Reserve(primitive.src_desc().get_size());
    state->src_reorder = dnnl::reorder(state->user_src, state->src);
  }
  state->user_dst = dnnl::memory({dst_dims, kF32, Tag::nchw}, engine, nullptr);
  state->reorder_dst = primitive.dst_desc() != state->user_dst.get_desc();
  state->dst = state->user_dst;
  if (state->reorder_dst) {
    state->dst = dnnl::memory(primitive.dst_desc(), engine, nullptr);
    state->dst_offset = carver.Reserve(primitive.dst_desc().get_size());
    state->dst_reorder = dnnl::reorder(state->dst, state->user_dst);
  }
  state->scratchpad = dnnl::memory(primitive.scratchpad_desc(), engine, nullptr);
  state->scratchpad_offset = carver.Reserve(primitive.scratchpad_desc().get_size());

  const dnnl::memory::desc user_weights_desc(weight_dims, kF32, weight_tag);
  if (known && context.node().state) {
    const auto& cache = static_cast<const ConvWeightsCache&>(*context.node().state);
    state->weights = cache.Get(*known, user_weights_desc, primitive.weights_desc());
  } else if (known) {  // a node made after import (no cache): this plan's own copy
    dnnl::memory user(user_weights_desc, engine, const_cast<float*>(known->floats()));
    state->weights = dnnl::memory(primitive.weights_desc(), engine);
    dnnl::reorder(user, state->weights).execute(ThreadStream(), user, state->weights);
    ThreadStream().wait();
  } else {
    state->user_weights = dnnl::memory(user_weights_desc, engine, nullptr);
    state->reorder_weights = primitive.weights_desc() != user_weights_desc;
    state->weights = state->user_weights;
    if (state->reorder_weights) {
      state->weights = dnnl::memory(primitive.weights_desc(), engine, nullptr);
      state->weights_offset = carver.Reserve(primitive.weights_desc().get_size());
      state->weights_reorder = dnnl::reorder(state->user_weights, state->weights);
    }
  }
  state->args = {{DNNL_ARG_SRC, state->src},
                 {DNNL_ARG_WEIGHTS, state->weights},
                 {DNNL_ARG_DST, state->dst},
                 {DNNL_ARG_SCRATCHPAD, state->scratchpad}};
  if (has_bias) {
    state->bias = dnnl::memory(bias_desc, engine, nullptr);
    state->args.emplace(DNNL_ARG_BIAS, state->bias);
  }
  context.RequestScratch(carver.floats());
  context.SetRunState(std::move(state));
  return Status::OK();
}

Status InferConv(InferContext& context) {
  DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kFloat32));
  DQ_RETURN_IF_ERROR(context.ExpectInput(1, ElementType::kFloat32));
  ConvGeometry g;
  DQ_RETURN_IF_ERROR(ComputeGeometry(context.node(), context.input_shape(0), context.input_shape(1),
                                     &g, &context));
  if (context.has_input(2) && context.input_shape(2) != std::vector<int64_t>{g.out_channels}) {
    return context.Error("bias must have shape [" + std::to_string(g.out_channels) + "]");
  }
  context.SetOutput(0, ElementType::kFloat32,
                    WindowOutputShape(context.input_shape(0).size(), g.batch, g.out_channels,
                                      g.out_height, g.out_width));
  if (g.batch == 0 || g.channels == 0 || g.out_channels == 0) return Status::OK();  // no work
  try {
    return CreateRunState(context, g);
  } catch (const dnnl::error& error) {
    return context.Error(std::string("oneDNN cannot create this convolution: ") + error.what());
  }
}

void RunConv(const RunContext& context) {
  if (context.run_state == nullptr) return;  // an empty batch
  auto& state = static_cast<ConvRunState&>(*context.run_state);
  dnnl::stream& stream = ThreadStream();
  float* scratch = context.scratch;
  state.user_src.set_data_handle(const_cast<float*>(context.input(0).floats()));
  state.user_dst.set_data_handle(context.output(0).floats());
  state.scratchpad.set_data_handle(ScratchCarver::At(scratch, state.scratchpad_offset));
  if (state.reorder_src) {
    state.src.set_data_handle(ScratchCarver::At(scratch, state.src_offset));
    state.src_reorder.execute(stream, state.user_src, state.src);
  }
  if (state.reorder_dst) state.dst.set_data_handle(ScratchCarver::At(scratch, state.dst_offset));
  if (state.user_weights) {
    state.user_weights.set_data_handle(const_cast<float*>(context.input(1).floats()));
    if (state.reorder_weights) {
      state.weights.set_data_handle(ScratchCarver::At(scratch, state.weights_offset));
      state.weights_reorder.execute(stream, state.user_weights, state.weights);
    }
  }
  if (state.bias) state.bias.set_data_handle(const_cast<float*>(context.input(2).floats()));
  state.convolution.execute(stream, state.args);
  if (state.reorder_dst) state.dst_reorder.execute(stream, state.dst, state.user_dst);
  stream.wait();
}

const OpKernel kConvKernels[] = {
    {.op_type = "Conv", .infer = InferConv, .run = RunConv, .prepare = PrepareConv},
};

}  // namespace

std::span<const OpKernel> ConvKernels() { return kConvKernels; }

}  // namespace dq::ml

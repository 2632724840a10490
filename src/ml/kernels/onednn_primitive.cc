#include "ml/kernels/onednn_primitive.h"

#include <xxhash.h>

#include <mutex>
#include <unordered_map>
#include <vector>

#include "ml/kernels/onednn.h"

namespace dq::ml {
namespace {

// The node's KernelState: internally synchronized (see the header).
class WeightsCache : public KernelState {
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
    dnnl::memory weights = Reorder(source, source_desc, desc);
    if (entries_.size() == kMaxEntries) entries_.erase(entries_.begin());
    entries_.push_back(Entry{hash, desc, weights});
    return weights;
  }

  // `source` copied into a new memory of layout `desc`.
  static dnnl::memory Reorder(const Tensor& source, const dnnl::memory::desc& source_desc,
                              const dnnl::memory::desc& desc) {
    dnnl::memory user(source_desc, CpuEngine(), const_cast<float*>(source.floats()));
    dnnl::memory weights(desc, CpuEngine());
    dnnl::reorder(user, weights).execute(ThreadStream(), user, weights);
    ThreadStream().wait();
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

// What a plan's Runs of the node need. Memory objects are handles: the ones in `args` share
// their buffers with the named members, whose data handles Run points at the tensors and the
// scratch.
struct PrimitiveRunState : KernelRunState {
  dnnl::primitive primitive;
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

}  // namespace

dnnl::primitive_attr PrimitiveAttributes(Activation activation) {
  dnnl::primitive_attr attributes;
  attributes.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  if (activation == Activation::kRelu) {
    dnnl::post_ops post_ops;
    post_ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_relu, 0.0f, 0.0f);
    attributes.set_post_ops(post_ops);
  }
  return attributes;
}

Status PrepareWeightsCache(Node& node) {
  node.state = std::make_shared<WeightsCache>();
  return Status::OK();
}

Status BindPrimitive(InferContext& context, dnnl::primitive primitive,
                     const dnnl::primitive_desc_base& descriptor, const Dims& src_dims,
                     const Dims& dst_dims, const dnnl::memory::desc& user_weights_desc,
                     const Tensor* known_weights, const dnnl::memory::desc* bias_desc) {
  const dnnl::engine& engine = CpuEngine();
  auto state = std::make_unique<PrimitiveRunState>();
  state->primitive = std::move(primitive);
  const dnnl::memory::desc src_desc = descriptor.src_desc(0);
  const dnnl::memory::desc dst_desc = descriptor.dst_desc(0);
  const dnnl::memory::desc weights_desc = descriptor.weights_desc(0);
  const dnnl::memory::desc scratchpad_desc = descriptor.scratchpad_desc();

  ScratchCarver carver;
  state->user_src = dnnl::memory({src_dims, kF32, Tag::nchw}, engine, nullptr);
  state->reorder_src = src_desc != state->user_src.get_desc();
  state->src = state->user_src;
  if (state->reorder_src) {
    state->src = dnnl::memory(src_desc, engine, nullptr);
    state->src_offset = carver.Reserve(src_desc.get_size());
    state->src_reorder = dnnl::reorder(state->user_src, state->src);
  }
  state->user_dst = dnnl::memory({dst_dims, kF32, Tag::nchw}, engine, nullptr);
  state->reorder_dst = dst_desc != state->user_dst.get_desc();
  state->dst = state->user_dst;
  if (state->reorder_dst) {
    state->dst = dnnl::memory(dst_desc, engine, nullptr);
    state->dst_offset = carver.Reserve(dst_desc.get_size());
    state->dst_reorder = dnnl::reorder(state->dst, state->user_dst);
  }
  state->scratchpad = dnnl::memory(scratchpad_desc, engine, nullptr);
  state->scratchpad_offset = carver.Reserve(scratchpad_desc.get_size());

  if (known_weights && context.node().state) {
    const auto& cache = static_cast<const WeightsCache&>(*context.node().state);
    state->weights = cache.Get(*known_weights, user_weights_desc, weights_desc);
  } else if (known_weights) {  // a node made after import (no cache): this plan's own copy
    state->weights = WeightsCache::Reorder(*known_weights, user_weights_desc, weights_desc);
  } else {
    state->user_weights = dnnl::memory(user_weights_desc, engine, nullptr);
    state->reorder_weights = weights_desc != user_weights_desc;
    state->weights = state->user_weights;
    if (state->reorder_weights) {
      state->weights = dnnl::memory(weights_desc, engine, nullptr);
      state->weights_offset = carver.Reserve(weights_desc.get_size());
      state->weights_reorder = dnnl::reorder(state->user_weights, state->weights);
    }
  }
  state->args = {{DNNL_ARG_SRC, state->src},
                 {DNNL_ARG_WEIGHTS, state->weights},
                 {DNNL_ARG_DST, state->dst},
                 {DNNL_ARG_SCRATCHPAD, state->scratchpad}};
  if (bias_desc) {
    state->bias = dnnl::memory(*bias_desc, engine, nullptr);
    state->args.emplace(DNNL_ARG_BIAS, state->bias);
  }
  context.RequestScratch(carver.floats());
  context.SetRunState(std::move(state));
  return Status::OK();
}

void RunPrimitive(const RunContext& context) {
  if (context.run_state == nullptr) return;  // an empty batch
  auto& state = static_cast<PrimitiveRunState&>(*context.run_state);
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
  state.primitive.execute(stream, state.args);
  if (state.reorder_dst) state.dst_reorder.execute(stream, state.dst, state.user_dst);
  stream.wait();
}

}  // namespace dq::ml

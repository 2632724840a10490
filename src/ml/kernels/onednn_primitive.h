// What the kernels built on a oneDNN primitive with weights (Conv, ConvTranspose) share: the
// per-plan run state, the model-wide cache of reordered weights, and Run.
//
// A kernel's Infer creates the primitive for the plan's shapes, letting oneDNN choose the
// layouts (format `any`), and hands it to BindPrimitive, which adds the reorders between our
// row-major NCHW tensors and those layouts, reorders constant weights once through the node's
// WeightsCache (shared by every plan of every session of the model; keyed by the weights'
// content and the layout asked for, so a plan never reads other weights), and places the
// blocked copies and oneDNN's scratchpad in the plan's scratch (onednn.h: ScratchCarver).
// Weights that are not constants are reordered on every run.
#pragma once

#include <dnnl.hpp>

#include <string>
#include <string_view>

#include "ml/kernel.h"
#include "ml/kernels/window.h"

namespace dq::ml {

using Dims = dnnl::memory::dims;
using Tag = dnnl::memory::format_tag;
inline constexpr auto kF32 = dnnl::memory::data_type::f32;

// The forward-inference descriptor of a convolution-like primitive (`Desc`:
// dnnl::convolution_forward::desc or dnnl::deconvolution_forward::desc), with a bias when
// `bias` is not null. `dilations` count from 0 (oneDNN's convention: ONNX's minus 1).
template <typename Desc>
Desc WindowDescriptor(dnnl::algorithm algorithm, const dnnl::memory::desc& src,
                      const dnnl::memory::desc& weights, const dnnl::memory::desc* bias,
                      const dnnl::memory::desc& dst, const Dims& strides, const Dims& dilations,
                      const Dims& pad_begin, const Dims& pad_end) {
  constexpr auto kInference = dnnl::prop_kind::forward_inference;
  if (bias) {
    return Desc(kInference, algorithm, src, weights, *bias, dst, strides, dilations, pad_begin,
                pad_end);
  }
  return Desc(kInference, algorithm, src, weights, dst, strides, dilations, pad_begin, pad_end);
}

// Attributes for such primitives: a user-managed scratchpad (BindPrimitive places it) and the
// node's fused activation as a post-op.
dnnl::primitive_attr PrimitiveAttributes(Activation activation);

// The end of such a kernel's Infer: checks that the bias (input 2), if any, has
// [out_channels] values, sets output 0 ([N, M, H, W], or [N, M, W] for a 1-D input), and unless
// there is nothing to compute runs `create` (which builds and binds the primitive), turning a
// oneDNN error into one that says it cannot create `what`.
template <typename Create>
Status FinishWindowInfer(InferContext& context, int64_t batch, int64_t channels,
                         int64_t out_channels, int64_t out_height, int64_t out_width,
                         std::string_view what, Create create) {
  if (context.has_input(2) && context.input_shape(2) != std::vector<int64_t>{out_channels}) {
    return context.Error("bias must have shape [" + std::to_string(out_channels) + "]");
  }
  context.SetOutput(0, ElementType::kFloat32,
                    WindowOutputShape(context.input_shape(0).size(), batch, out_channels,
                                      out_height, out_width));
  if (batch == 0 || channels == 0 || out_channels == 0) return Status::OK();  // no work
  try {
    return create();
  } catch (const dnnl::error& error) {
    return context.Error("oneDNN cannot create this " + std::string(what) + ": " + error.what());
  }
}

// OpKernel::prepare for such kernels: gives the node its WeightsCache.
Status PrepareWeightsCache(Node& node);

// Sets the run state of `primitive` (created from `descriptor`) for NCHW tensors of
// `src_dims` / `dst_dims`, the weights as the model stores them (`user_weights_desc`; the
// data of `known_weights` when constant, else input 1 at run time), and `bias_desc` (input 2)
// when not null; requests its scratch.
Status BindPrimitive(InferContext& context, dnnl::primitive primitive,
                     const dnnl::primitive_desc_base& descriptor, const Dims& src_dims,
                     const Dims& dst_dims, const dnnl::memory::desc& user_weights_desc,
                     const Tensor* known_weights, const dnnl::memory::desc* bias_desc);

// OpKernel::run: executes the bound primitive on input 0 (and 1, 2) into output 0.
void RunPrimitive(const RunContext& context);

}  // namespace dq::ml

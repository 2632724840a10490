// The kernel families; kernel_registry.cc collects them into one lookup table.
// One .cc per family: elementwise.cc, unary_math.cc, variadic.cc, matmul.cc, conv.cc,
// conv_transpose.cc, resize.cc, pool.cc, normalization.cc, reduce.cc, top_k.cc, comparison.cc,
// selection.cc, shape_ops.cc, recurrent.cc (with lstm.cc and gru.cc); the ai.onnx.ml domain:
// tree_ensemble_kernels.cc (with tree_ensemble.h), linear_models.cc, svm.cc, label_encoder.cc,
// preprocessing.cc, zipmap.cc.
#pragma once

#include <span>

#include "ml/kernel.h"

namespace dq::ml {

std::span<const OpKernel> ElementwiseKernels();    // Add..Pow, Relu..Neg, Clip, Cast, Identity
std::span<const OpKernel> UnaryMathKernels();      // Abs, Floor, Sin, ..., Softplus, Elu, Selu
std::span<const OpKernel> VariadicKernels();       // Max, Min, Sum, Mean, PRelu
std::span<const OpKernel> MatMulKernels();         // Gemm, MatMul
std::span<const OpKernel> ConvKernels();           // Conv
std::span<const OpKernel> ConvTransposeKernels();  // ConvTranspose
std::span<const OpKernel> ResizeKernels();         // Resize, Upsample
std::span<const OpKernel> PoolKernels();           // MaxPool, AveragePool, GlobalAveragePool
std::span<const OpKernel> NormalizationKernels();  // BatchNormalization, LayerNormalization,
                                                   // Softmax, LogSoftmax
std::span<const OpKernel> ReduceKernels();         // ReduceMean/Sum/Max/Min/..., ArgMax/ArgMin
std::span<const OpKernel> TopKKernels();           // TopK
std::span<const OpKernel> ComparisonKernels();     // Equal, Less, Greater, ..., Not, And, Or, Xor
std::span<const OpKernel> SelectionKernels();      // Where, Expand
std::span<const OpKernel> IndexKernels();          // GatherElements, OneHot, CumSum, Trilu
std::span<const OpKernel> SpaceDepthKernels();     // DepthToSpace, SpaceToDepth
std::span<const OpKernel> SplitTileKernels();      // Split, Tile
std::span<const OpKernel> ShapeKernels();          // Reshape, Transpose, Gather, Slice, ...
std::span<const OpKernel> RecurrentKernels();      // LSTM, GRU
// ai.onnx.ml
std::span<const OpKernel> TreeEnsembleKernels();   // TreeEnsembleClassifier, TreeEnsembleRegressor
std::span<const OpKernel> SvmKernels();            // SVMClassifier, SVMRegressor
std::span<const OpKernel> LinearModelKernels();    // LinearClassifier, LinearRegressor
std::span<const OpKernel> PreprocessingKernels();  // Scaler, Normalizer, Binarizer,
                                                   // OneHotEncoder, ArrayFeatureExtractor
std::span<const OpKernel> LabelEncoderKernels();   // LabelEncoder
std::span<const OpKernel> ZipMapKernels();         // ZipMap

// Applies `activation` in place to `count` floats.
void ApplyActivation(Activation activation, float* data, int64_t count);

}  // namespace dq::ml

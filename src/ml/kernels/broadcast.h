// Numpy-style broadcasting loops shared by the elementwise, comparison and selection kernels.
//
// BroadcastBinary walks the output one innermost row at a time: the row's offset into each
// input comes from a multi-dimensional counter (stride 0 on broadcast axes), and the inner loop
// is a plain strided loop the compiler vectorizes for the common stride-1 / stride-0 cases.
// BroadcastVisit is the general form for any number of inputs (Where, Expand), one element at
// a time. Shapes are those InferContext checked with BroadcastShapes; ranks up to
// kMaxBroadcastRank.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "ml/tensor.h"

namespace dq::ml {

constexpr size_t kMaxBroadcastRank = 8;
using AxisArray = std::array<int64_t, kMaxBroadcastRank>;

// Strides of `shape` right-aligned to out_shape's rank, 0 on broadcast axes.
inline AxisArray BroadcastStrides(const std::vector<int64_t>& shape,
                                  const std::vector<int64_t>& out_shape) {
  size_t rank = out_shape.size();
  AxisArray strides{};
  int64_t stride = 1;
  for (size_t offset = 1; offset <= shape.size(); ++offset) {
    size_t axis = rank - offset;
    int64_t dim = shape[shape.size() - offset];
    strides[axis] = dim == 1 ? 0 : stride;
    stride *= dim;
  }
  return strides;
}

// out[i] = Op::Apply(a[ia], b[ib]) over the broadcast of a_shape and b_shape (out_shape,
// `count` elements).
template <typename Op, typename In, typename Out>
void BroadcastBinary(const In* a, const std::vector<int64_t>& a_shape, const In* b,
                     const std::vector<int64_t>& b_shape, Out* out,
                     const std::vector<int64_t>& out_shape, int64_t count) {
  if (count == 0) return;
  if (a_shape == b_shape) {
    for (int64_t index = 0; index < count; ++index) out[index] = Op::Apply(a[index], b[index]);
    return;
  }
  if (ShapeElementCount(b_shape) == 1) {
    In scalar = b[0];
    for (int64_t index = 0; index < count; ++index) out[index] = Op::Apply(a[index], scalar);
    return;
  }
  if (ShapeElementCount(a_shape) == 1) {
    In scalar = a[0];
    for (int64_t index = 0; index < count; ++index) out[index] = Op::Apply(scalar, b[index]);
    return;
  }
  size_t rank = out_shape.size();
  AxisArray a_strides = BroadcastStrides(a_shape, out_shape);
  AxisArray b_strides = BroadcastStrides(b_shape, out_shape);
  int64_t row_length = out_shape[rank - 1];
  int64_t a_step = a_strides[rank - 1];
  int64_t b_step = b_strides[rank - 1];
  AxisArray counter{};
  int64_t a_offset = 0;
  int64_t b_offset = 0;
  for (int64_t row_start = 0; row_start < count; row_start += row_length) {
    Out* out_row = out + row_start;
    const In* a_row = a + a_offset;
    const In* b_row = b + b_offset;
    if (a_step == 1 && b_step == 1) {
      for (int64_t col = 0; col < row_length; ++col)
        out_row[col] = Op::Apply(a_row[col], b_row[col]);
    } else if (a_step == 1 && b_step == 0) {
      In scalar = b_row[0];
      for (int64_t col = 0; col < row_length; ++col) out_row[col] = Op::Apply(a_row[col], scalar);
    } else if (a_step == 0 && b_step == 1) {
      In scalar = a_row[0];
      for (int64_t col = 0; col < row_length; ++col) out_row[col] = Op::Apply(scalar, b_row[col]);
    } else {
      for (int64_t col = 0; col < row_length; ++col) {
        out_row[col] = Op::Apply(a_row[col * a_step], b_row[col * b_step]);
      }
    }
    // Advance the counter over the outer dimensions.
    for (int64_t axis = static_cast<int64_t>(rank) - 2; axis >= 0; --axis) {
      ++counter[axis];
      a_offset += a_strides[axis];
      b_offset += b_strides[axis];
      if (counter[axis] < out_shape[axis]) break;
      a_offset -= a_strides[axis] * counter[axis];
      b_offset -= b_strides[axis] * counter[axis];
      counter[axis] = 0;
    }
  }
}

// Calls visit(index, offsets) for every element of out_shape in row-major order, where
// offsets[i] is the element of input i (of shapes[i], broadcast to out_shape) it reads.
template <size_t N, typename Visit>
void BroadcastVisit(const std::vector<int64_t>& out_shape,
                    const std::array<const std::vector<int64_t>*, N>& shapes, Visit visit) {
  const int64_t count = ShapeElementCount(out_shape);
  if (count == 0) return;
  const size_t rank = out_shape.size();
  std::array<AxisArray, N> strides;
  for (size_t input = 0; input < N; ++input)
    strides[input] = BroadcastStrides(*shapes[input], out_shape);
  AxisArray counter{};
  std::array<int64_t, N> offsets{};
  for (int64_t index = 0; index < count; ++index) {
    visit(index, offsets);
    for (int64_t axis = static_cast<int64_t>(rank) - 1; axis >= 0; --axis) {
      ++counter[axis];
      for (size_t input = 0; input < N; ++input) offsets[input] += strides[input][axis];
      if (counter[axis] < out_shape[axis]) break;
      for (size_t input = 0; input < N; ++input) {
        offsets[input] -= strides[input][axis] * counter[axis];
      }
      counter[axis] = 0;
    }
  }
}

}  // namespace dq::ml

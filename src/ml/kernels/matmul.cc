// Matrix products on OpenBLAS (cblas_sgemm): Gemm and MatMul (2-D, batched N-D with numpy
// broadcasting of the batch dimensions). Both accept the results of fusion
// (graph_optimizer.h): MatMul may carry a third input, a bias of shape [N] added to every row,
// and either may carry an activation applied to its output in the same pass.
#include <cblas.h>

#include <cstring>
#include <span>

#include "ml/kernels/kernel_families.h"

namespace dq::ml {
namespace {

// Adds a bias of shape [N] to each of `rows` rows of length N.
void AddRowBias(const float* bias, int64_t rows, int64_t columns, float* out) {
  for (int64_t row = 0; row < rows; ++row) {
    float* out_row = out + row * columns;
    for (int64_t column = 0; column < columns; ++column) out_row[column] += bias[column];
  }
}

Status InferGemm(InferContext& context) {
  DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kFloat32));
  DQ_RETURN_IF_ERROR(context.ExpectInput(1, ElementType::kFloat32));
  const auto& a = context.input_shape(0);
  const auto& b = context.input_shape(1);
  if (a.size() != 2 || b.size() != 2) return context.Error("inputs must be 2-D");
  bool trans_a = context.node().GetInt("transA", 0) != 0;
  bool trans_b = context.node().GetInt("transB", 0) != 0;
  int64_t m = trans_a ? a[1] : a[0];
  int64_t k = trans_a ? a[0] : a[1];
  int64_t k_b = trans_b ? b[1] : b[0];
  int64_t n = trans_b ? b[0] : b[1];
  if (k != k_b) {
    return context.Error("inner dimensions differ: " + ShapeToString(a) + " x " + ShapeToString(b));
  }
  if (context.has_input(2)) {
    DQ_RETURN_IF_ERROR(context.ExpectInput(2, ElementType::kFloat32));
    std::vector<int64_t> broadcast;
    if (!BroadcastShapes(context.input_shape(2), {m, n}, &broadcast) ||
        broadcast != std::vector<int64_t>{m, n}) {
      return context.Error("bias shape " + ShapeToString(context.input_shape(2)) +
                           " does not broadcast to [" + std::to_string(m) + ", " +
                           std::to_string(n) + "]");
    }
  }
  context.SetOutput(0, ElementType::kFloat32, {m, n});
  return Status::OK();
}

void RunGemm(const RunContext& context) {
  const Tensor& a = context.input(0);
  const Tensor& b = context.input(1);
  Tensor& out = context.output(0);
  bool trans_a = context.node.GetInt("transA", 0) != 0;
  bool trans_b = context.node.GetInt("transB", 0) != 0;
  float alpha = context.node.GetFloat("alpha", 1.0f);
  float beta = context.node.GetFloat("beta", 1.0f);
  int64_t m = out.shape()[0];
  int64_t n = out.shape()[1];
  int64_t k = trans_a ? a.shape()[0] : a.shape()[1];
  float* c = out.floats();
  float gemm_beta = 0.0f;
  if (context.has_input(2) && beta != 0.0f) {
    // Broadcast C into the output, then accumulate the product onto it.
    const Tensor& bias = context.input(2);
    const auto& shape = bias.shape();
    int64_t bias_rows = shape.size() == 2 ? shape[0] : 1;
    int64_t bias_columns = shape.empty() ? 1 : shape.back();
    for (int64_t row = 0; row < m; ++row) {
      const float* bias_row = bias.floats() + (bias_rows == 1 ? 0 : row) * bias_columns;
      float* out_row = c + row * n;
      if (bias_columns == 1) {
        for (int64_t column = 0; column < n; ++column) out_row[column] = beta * bias_row[0];
      } else {
        for (int64_t column = 0; column < n; ++column) out_row[column] = beta * bias_row[column];
      }
    }
    gemm_beta = 1.0f;
  }
  if (m > 0 && n > 0) {
    cblas_sgemm(CblasRowMajor, trans_a ? CblasTrans : CblasNoTrans,
                trans_b ? CblasTrans : CblasNoTrans, m, n, k, alpha, a.floats(), a.shape()[1],
                b.floats(), b.shape()[1], gemm_beta, c, n);
  }
  ApplyActivation(context.node.activation, c, out.element_count());
}

Status InferMatMul(InferContext& context) {
  DQ_RETURN_IF_ERROR(context.ExpectInput(0, ElementType::kFloat32));
  DQ_RETURN_IF_ERROR(context.ExpectInput(1, ElementType::kFloat32));
  std::vector<int64_t> a = context.input_shape(0);
  std::vector<int64_t> b = context.input_shape(1);
  if (a.empty() || b.empty()) return context.Error("inputs must have rank >= 1");
  bool a_vector = a.size() == 1;
  bool b_vector = b.size() == 1;
  if (a_vector) a.insert(a.begin(), 1);
  if (b_vector) b.push_back(1);
  if (a[a.size() - 1] != b[b.size() - 2]) {
    return context.Error("inner dimensions differ: " + ShapeToString(context.input_shape(0)) +
                         " x " + ShapeToString(context.input_shape(1)));
  }
  std::vector<int64_t> batch;
  if (!BroadcastShapes(std::vector<int64_t>(a.begin(), a.end() - 2),
                       std::vector<int64_t>(b.begin(), b.end() - 2), &batch)) {
    return context.Error("batch dimensions do not broadcast");
  }
  std::vector<int64_t> shape = batch;
  if (!a_vector) shape.push_back(a[a.size() - 2]);
  if (!b_vector) shape.push_back(b.back());
  if (context.has_input(2)) {  // fused bias
    if (b_vector || context.input_shape(2) != std::vector<int64_t>{b.back()}) {
      return context.Error("fused bias must have shape [N]");
    }
  }
  context.SetOutput(0, ElementType::kFloat32, shape);
  return Status::OK();
}

// Offset of batch `index` (row-major over `batch`) into an operand with batch dims `own`
// (right-aligned, broadcast where 1), in matrices.
int64_t BatchOffset(int64_t index, std::span<const int64_t> batch,
                    std::span<const int64_t> own) {
  int64_t offset = 0;
  int64_t own_stride = 1;
  for (size_t back = 1; back <= batch.size(); ++back) {
    int64_t dim = batch[batch.size() - back];
    int64_t position = index % dim;
    index /= dim;
    if (back <= own.size()) {
      int64_t own_dim = own[own.size() - back];
      if (own_dim != 1) offset += position * own_stride;
      own_stride *= own_dim;
    }
  }
  return offset;
}

void RunMatMul(const RunContext& context) {
  const Tensor& a = context.input(0);
  const Tensor& b = context.input(1);
  Tensor& out = context.output(0);
  const auto& a_shape = a.shape();
  const auto& b_shape = b.shape();
  int64_t k = a_shape.back();
  int64_t m = a_shape.size() == 1 ? 1 : a_shape[a_shape.size() - 2];
  int64_t n = b_shape.size() == 1 ? 1 : b_shape.back();
  float* c = out.floats();
  if (out.element_count() == 0) return;
  if (b_shape.size() <= 2) {
    // [..., M, K] x [K, N]: one GEMM over all of A's rows.
    int64_t rows = a.element_count() / k;
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, n, k, 1.0f, a.floats(), k,
                b.floats(), n, 0.0f, c, n);
  } else {
    // Spans over the shapes: no allocation per batch.
    std::span<const int64_t> a_batch(a_shape.data(), a_shape.size() - (a_shape.size() == 1 ? 1 : 2));
    std::span<const int64_t> b_batch(b_shape.data(), b_shape.size() - 2);
    int64_t batch_count = out.element_count() / (m * n);
    const auto& out_shape = out.shape();
    std::span<const int64_t> batch(out_shape.data(),
                                   out_shape.size() - (a_shape.size() == 1 ? 1 : 2));
    for (int64_t index = 0; index < batch_count; ++index) {
      const float* a_matrix = a.floats() + BatchOffset(index, batch, a_batch) * m * k;
      const float* b_matrix = b.floats() + BatchOffset(index, batch, b_batch) * k * n;
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0f, a_matrix, k,
                  b_matrix, n, 0.0f, c + index * m * n, n);
    }
  }
  if (context.has_input(2)) AddRowBias(context.input(2).floats(), out.element_count() / n, n, c);
  ApplyActivation(context.node.activation, c, out.element_count());
}

const OpKernel kMatMulKernels[] = {
    {"Gemm", InferGemm, RunGemm},
    {"MatMul", InferMatMul, RunMatMul},
};

}  // namespace

std::span<const OpKernel> MatMulKernels() { return kMatMulKernels; }

}  // namespace dq::ml

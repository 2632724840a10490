// Steady-state behaviour of a session: Run allocates no buffers once it has seen a batch shape
// (oneDNN's execute still builds small argument maps per primitive call; those are not counted),
// and (disabled by default; run with --gtest_also_run_disabled_tests) a throughput report in
// rows per second at batch 1024 on one thread.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <new>

#include "ml/model.h"
#include "test_tensor_file.h"

// Counts global allocations of buffer size (kBufferBytes or more) while `g_counting` is set
// (this test binary only).
namespace {
constexpr std::size_t kBufferBytes = 1024;
std::atomic<bool> g_counting{false};
std::atomic<int64_t> g_allocations{0};
}  // namespace

// GCC cannot see that these replace the global pair together and warns about malloc/free.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t size) {
  if (size >= kBufferBytes && g_counting.load(std::memory_order_relaxed)) {
    g_allocations.fetch_add(1);
  }
  if (void* memory = std::malloc(size ? size : 1)) return memory;
  throw std::bad_alloc();
}
void operator delete(void* memory) noexcept { std::free(memory); }
void operator delete(void* memory, std::size_t) noexcept { std::free(memory); }
#pragma GCC diagnostic pop

namespace dq::ml {
namespace {

using testing::ReadFileBytes;
using testing::TestDataPath;

std::vector<Tensor> MakeInputs(const Model& model, int64_t batch) {
  std::vector<Tensor> inputs;
  for (const auto& info : model.inputs()) {
    std::vector<int64_t> shape = info.shape;
    for (int64_t& dim : shape) {
      if (dim < 0) dim = batch;
    }
    Tensor tensor(info.type, shape);
    for (int64_t index = 0; index < tensor.element_count(); ++index) {
      if (info.type == ElementType::kFloat32) {
        tensor.floats()[index] = static_cast<float>(index % 17) / 17.0f;
      } else {
        tensor.int64s()[index] = index % 50;
      }
    }
    inputs.push_back(std::move(tensor));
  }
  return inputs;
}

TEST(ModelSessionTest, RunAllocatesNoBuffersAfterFirstBatch) {
  for (const char* file :
       {"mlp.onnx", "cnn.onnx", "text_encoder.onnx", "lstm_forecaster.onnx", "rnn_encoder.onnx"}) {
    auto model = Model::Load(ReadFileBytes(TestDataPath(file)));
    ASSERT_TRUE(model.ok()) << model.status().ToString();
    auto session = (*model)->NewSession();
    auto large = MakeInputs(**model, 64);
    auto small = MakeInputs(**model, 5);
    std::vector<Tensor> outputs;
    ASSERT_TRUE(session->Run(large, &outputs).ok());
    ASSERT_TRUE(session->Run(small, &outputs).ok());  // a partial batch gets its own plan
    g_allocations = 0;
    g_counting = true;
    Status first = session->Run(large, &outputs);
    Status second = session->Run(small, &outputs);
    Status third = session->Run(large, &outputs);
    g_counting = false;
    ASSERT_TRUE(first.ok() && second.ok() && third.ok());
    EXPECT_EQ(g_allocations.load(), 0) << file;
    // The hook does see allocations: planning a new, larger batch size allocates buffers.
    auto larger = MakeInputs(**model, 256);
    g_counting = true;
    ASSERT_TRUE(session->Run(larger, &outputs).ok());
    g_counting = false;
    EXPECT_GT(g_allocations.load(), 0) << file;
  }
}

// Rows per second at batch 1024, one thread (OpenBLAS is single-threaded for sessions).
TEST(ModelSessionTest, DISABLED_Throughput) {
  for (const char* file :
       {"mlp.onnx", "cnn.onnx", "text_encoder.onnx", "lstm_forecaster.onnx", "rnn_encoder.onnx"}) {
    auto model = Model::Load(ReadFileBytes(TestDataPath(file)));
    ASSERT_TRUE(model.ok());
    auto session = (*model)->NewSession();
    auto inputs = MakeInputs(**model, 1024);
    std::vector<Tensor> outputs;
    ASSERT_TRUE(session->Run(inputs, &outputs).ok());
    int64_t rows = 0;
    auto start = std::chrono::steady_clock::now();
    double seconds = 0;
    while (seconds < 1.0) {
      ASSERT_TRUE(session->Run(inputs, &outputs).ok());
      rows += 1024;
      seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    std::printf("[throughput] %s: %.0f rows/s (batch 1024, 1 thread)\n", file, rows / seconds);
  }
}

}  // namespace
}  // namespace dq::ml

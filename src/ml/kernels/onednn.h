// oneDNN (Debian's libdnnl 2.6, OpenMP runtime) for the kernels built on its primitives
// (conv.cc): one CPU engine for the process, one stream per thread.
//
// Threading: the query engine already runs one batch per worker thread, so a primitive must
// not start threads of its own. ThreadStream() limits the calling thread's OpenMP team to
// itself the first time that thread uses oneDNN; kernels get their stream from it.
//
// Memory: kernels create primitives with a user-managed scratchpad and carve it, and any
// blocked-layout copies of their tensors, out of the plan's scratch with ScratchCarver, so a
// Run allocates nothing of its own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <dnnl.hpp>

namespace dq::ml {

// The process's CPU engine.
const dnnl::engine& CpuEngine();
// The calling thread's stream on CpuEngine() (see the file comment).
dnnl::stream& ThreadStream();

// Lays out 64-byte-aligned byte ranges in a float scratch buffer: Reserve() at Infer time
// returns each range's offset, floats() is what to request; At() finds a range at Run time.
class ScratchCarver {
 public:
  static constexpr size_t kAlignment = 64;
  size_t Reserve(size_t bytes) {
    size_t offset = bytes_;
    bytes_ += (bytes + kAlignment - 1) / kAlignment * kAlignment;
    return offset;
  }
  // Floats to request: the ranges plus slack to align the buffer's start.
  int64_t floats() const { return static_cast<int64_t>((bytes_ + kAlignment) / sizeof(float)); }
  // The range at `offset` within `scratch` (as requested through floats()).
  static void* At(float* scratch, size_t offset) {
    auto start = reinterpret_cast<uintptr_t>(scratch);
    start = (start + kAlignment - 1) / kAlignment * kAlignment;
    return reinterpret_cast<void*>(start + offset);
  }

 private:
  size_t bytes_ = 0;
};

}  // namespace dq::ml

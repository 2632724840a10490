#include "common/allocator_tuning.h"

#include <malloc.h>

#include <mutex>

namespace dq {

void TuneAllocatorForQueries() {
  static std::once_flag once;
  std::call_once(once, [] {
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
  });
}

}  // namespace dq

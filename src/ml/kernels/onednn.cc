#include "ml/kernels/onednn.h"

#include <omp.h>

namespace dq::ml {

const dnnl::engine& CpuEngine() {
  static const dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

dnnl::stream& ThreadStream() {
  thread_local dnnl::stream stream = [] {
    omp_set_num_threads(1);
    return dnnl::stream(CpuEngine());
  }();
  return stream;
}

}  // namespace dq::ml

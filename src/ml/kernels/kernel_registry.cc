// The table of supported operators: every family's kernels by op type.
#include <algorithm>
#include <string>
#include <unordered_map>

#include "ml/kernels/kernel_families.h"

namespace dq::ml {
namespace {

const std::unordered_map<std::string_view, const OpKernel*>& KernelTable() {
  static const auto* table = [] {
    auto* map = new std::unordered_map<std::string_view, const OpKernel*>();
    for (auto family : {ElementwiseKernels(), MatMulKernels(), ConvKernels(), PoolKernels(),
                        NormalizationKernels(), ReduceKernels(), ShapeKernels(),
                        RecurrentKernels()}) {
      for (const OpKernel& kernel : family) map->emplace(kernel.op_type, &kernel);
    }
    return map;
  }();
  return *table;
}

}  // namespace

const OpKernel* FindKernel(std::string_view op_type) {
  auto found = KernelTable().find(op_type);
  return found == KernelTable().end() ? nullptr : found->second;
}

std::vector<std::string_view> SupportedOperators() {
  std::vector<std::string_view> names;
  for (const auto& [name, kernel] : KernelTable()) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace dq::ml

// The table of supported operators: every family's kernels by (domain, op type).
#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "ml/kernels/kernel_families.h"

namespace dq::ml {
namespace {

using KernelKey = std::pair<std::string_view, std::string_view>;  // (domain, op_type)

const std::map<KernelKey, const OpKernel*>& KernelTable() {
  static const auto* table = [] {
    auto* map = new std::map<KernelKey, const OpKernel*>();
    for (auto family : {ElementwiseKernels(),   UnaryMathKernels(),    VariadicKernels(),
                        MatMulKernels(),        ConvKernels(),         ConvTransposeKernels(),
                        ResizeKernels(),        PoolKernels(),         NormalizationKernels(),
                        ReduceKernels(),        TopKKernels(),         ComparisonKernels(),
                        SelectionKernels(),     ShapeKernels(),        SplitTileKernels(),
                        IndexKernels(),         SpaceDepthKernels(),   RecurrentKernels(),
                        TreeEnsembleKernels(),  LinearModelKernels(),  SvmKernels(),
                        PreprocessingKernels(), LabelEncoderKernels(), ZipMapKernels()}) {
      for (const OpKernel& kernel : family) {
        map->emplace(KernelKey{kernel.domain, kernel.op_type}, &kernel);
      }
    }
    return map;
  }();
  return *table;
}

}  // namespace

const OpKernel* FindKernel(std::string_view domain, std::string_view op_type) {
  if (domain == "ai.onnx") domain = kDefaultDomain;
  auto found = KernelTable().find(KernelKey{domain, op_type});
  return found == KernelTable().end() ? nullptr : found->second;
}

std::vector<std::string> SupportedOperators() {
  std::vector<std::string> names;
  for (const auto& [key, kernel] : KernelTable()) {
    const auto& [domain, op_type] = key;
    names.push_back(domain.empty() ? std::string(op_type)
                                   : std::string(domain) + "." + std::string(op_type));
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace dq::ml

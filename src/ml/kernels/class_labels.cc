#include "ml/kernels/class_labels.h"

#include "ml/kernel.h"

namespace dq::ml {

Result<ClassLabels> ReadClassLabels(const Node& node, std::string_view int64_attribute,
                                    std::string_view string_attribute) {
  ClassLabels labels;
  auto int64s = node.GetInts(int64_attribute);
  auto strings = node.GetStrings(string_attribute);
  labels.int64s.assign(int64s.begin(), int64s.end());
  labels.strings.assign(strings.begin(), strings.end());
  if (labels.int64s.empty() == labels.strings.empty()) {
    return NodeError(node, "exactly one of " + std::string(int64_attribute) + " and " +
                               std::string(string_attribute) + " must list the class labels");
  }
  return labels;
}

OutputLabels LabelOutputLabels(const ClassLabels& labels) {
  OutputLabels result;
  if (labels.are_strings()) {
    result.kind = OutputLabels::Kind::kStringLabels;
    result.strings = labels.strings;
  }
  return result;
}

}  // namespace dq::ml

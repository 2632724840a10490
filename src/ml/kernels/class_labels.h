// Class labels of the ai.onnx.ml classifiers and ZipMap: an INT64 list (classlabels_int64s,
// classlabels_ints) or a STRING list (classlabels_strings); exactly one is given.
//
// A classifier's label output is an INT64 tensor either way: the label itself for INT64
// labels, the class index for STRING labels, whose strings travel as OutputLabels
// (kStringLabels, tensor.h) to ML.PREDICT, which writes a STRING column.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "ml/graph.h"
#include "ml/tensor.h"

namespace dq::ml {

struct ClassLabels {
  std::vector<int64_t> int64s;
  std::vector<std::string> strings;

  bool are_strings() const { return !strings.empty(); }
  int64_t size() const { return are_strings() ? strings.size() : int64s.size(); }
  // What the label output holds for class `index`.
  int64_t LabelValue(int64_t index) const { return are_strings() ? index : int64s[index]; }
};

// Reads the labels from the two attributes; an error names the node unless exactly one of
// them is a non-empty list.
Result<ClassLabels> ReadClassLabels(const Node& node, std::string_view int64_attribute,
                                    std::string_view string_attribute);

// The OutputLabels of a classifier's label output: kStringLabels for STRING labels, else kNone.
OutputLabels LabelOutputLabels(const ClassLabels& labels);

}  // namespace dq::ml

// PhysicalUnionAll: concatenates its two inputs (same types). It never runs itself: the
// pipeline builder gives each input its own copy of the pipeline above the union.
#pragma once

#include "exec/physical_operator.h"

namespace dq {

class PhysicalUnionAll : public PhysicalOperator {
 public:
  explicit PhysicalUnionAll(std::vector<LogicalType> types) : PhysicalOperator(std::move(types)) {}
  std::string Name() const override { return "UNION ALL"; }
};

}  // namespace dq

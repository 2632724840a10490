// The immutable result of Model::Load, shared by a Model and its sessions.
#pragma once

#include "ml/graph.h"

namespace dq::ml {

struct Plan {
  Graph graph;  // optimized, topologically ordered
};

}  // namespace dq::ml

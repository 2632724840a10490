// Pipelines: the physical plan cut at its sinks into chains `source -> operators -> sink`,
// each run by several threads pulling morsels from the source (morsel-driven parallelism).
//
// Cutting rules (BuildPipelines):
//  * a sink-and-source operator (aggregate, sort, top-N, limit) ends the pipeline of its
//    child and is the source of the pipeline reading its output;
//  * a hash join is a streaming operator (probe) in its probe side's pipeline and the sink of
//    a separate build pipeline; when the join must emit unmatched build rows (RIGHT/FULL), a
//    tail pipeline sourced by the join runs after the probe pipeline;
//  * UNION ALL duplicates the pipeline above it, one copy per input, all feeding one sink.
// A pipeline whose source or operator reads a sink's state depends on every pipeline feeding
// that sink; the executor runs pipelines in dependency order and finalizes a sink once all
// pipelines feeding it are done.
#pragma once

#include <memory>
#include <vector>

#include "exec/physical_operator.h"

namespace dq {

struct Pipeline {
  const PhysicalOperator* source = nullptr;
  std::vector<const PhysicalOperator*> operators;  // in the order chunks flow through them
  const PhysicalOperator* sink = nullptr;
  // True for the tail pipeline of a join emitting unmatched build rows (source = the join).
  bool is_join_tail = false;
  std::vector<size_t> dependencies;  // indexes into the pipeline list
};

// Cuts the plan rooted at `root` (a sink) into pipelines in an order where every pipeline
// comes after its dependencies.
std::vector<Pipeline> BuildPipelines(const PhysicalOperator& root);

}  // namespace dq

// Executor: runs a physical plan whose root is a sink: builds its pipelines and runs each on
// the task scheduler with one task per thread, in dependency order.
//
// REQUIRES: the plan and the ExecutionContext outlive Run(). Errors thrown by operators
// (user errors, cancellation) propagate out of Run() after every task has stopped.
#pragma once

#include "exec/physical_operator.h"
#include "exec/pipeline.h"

namespace dq {

class Executor {
 public:
  explicit Executor(ExecutionContext& context) : context_(context) {}

  // Runs the plan to completion; afterwards the root's finalized sink state is in
  // context.sink_states[&root].
  void Run(const PhysicalOperator& root);

 private:
  void RunPipeline(const Pipeline& pipeline);

  ExecutionContext& context_;
};

}  // namespace dq

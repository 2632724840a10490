#include "exec/pipeline.h"

#include <algorithm>
#include <functional>

#include "common/error.h"
#include "exec/operator/physical_hash_join.h"
#include "exec/operator/physical_union_all.h"

namespace dq {

namespace {

class PipelineBuilder {
 public:
  std::vector<Pipeline> pipelines;

  // Fills pipeline `index` (whose sink and operators above `op` are set) with `op` and below.
  void Build(const PhysicalOperator& op, size_t index) {
    if (auto* join = dynamic_cast<const PhysicalHashJoin*>(&op)) {
      pipelines[index].operators.insert(pipelines[index].operators.begin(), join);
      if (join->HasBuildTail()) {
        // Tail: the join as source, then the operators above it, into the same sink.
        Pipeline tail;
        tail.source = join;
        tail.is_join_tail = true;
        tail.operators.assign(pipelines[index].operators.begin() + 1,
                              pipelines[index].operators.end());
        tail.sink = pipelines[index].sink;
        pipelines.push_back(std::move(tail));
      }
      size_t build = NewPipeline(join);
      Build(*join->children()[1], build);
      Build(*join->children()[0], index);
      return;
    }
    if (dynamic_cast<const PhysicalUnionAll*>(&op)) {
      Pipeline copy = pipelines[index];
      pipelines.push_back(copy);
      size_t second = pipelines.size() - 1;
      Build(*op.children()[0], index);
      Build(*op.children()[1], second);
      return;
    }
    if (op.IsSink()) {
      DQ_CHECK(op.IsSource());
      pipelines[index].source = &op;
      size_t child = NewPipeline(&op);
      Build(*op.children()[op.SinkChildIndex()], child);
      return;
    }
    if (op.IsSource()) {
      pipelines[index].source = &op;
      return;
    }
    pipelines[index].operators.insert(pipelines[index].operators.begin(), &op);
    DQ_CHECK_EQ(op.children().size(), 1u);
    Build(*op.children()[0], index);
  }

  size_t NewPipeline(const PhysicalOperator* sink) {
    Pipeline pipeline;
    pipeline.sink = sink;
    pipelines.push_back(std::move(pipeline));
    return pipelines.size() - 1;
  }
};

}  // namespace

std::vector<Pipeline> BuildPipelines(const PhysicalOperator& root) {
  DQ_CHECK(root.IsSink());
  PipelineBuilder builder;
  size_t top = builder.NewPipeline(&root);
  builder.Build(*root.children()[root.SinkChildIndex()], top);
  std::vector<Pipeline>& pipelines = builder.pipelines;

  // Dependencies: a pipeline reading a sink's state (as its source, or a join it probes)
  // depends on every pipeline feeding that sink; a join tail depends on the probe pipelines.
  for (size_t index = 0; index < pipelines.size(); ++index) {
    Pipeline& pipeline = pipelines[index];
    std::vector<const PhysicalOperator*> reads;
    if (pipeline.source->IsSink() && !pipeline.is_join_tail) reads.push_back(pipeline.source);
    for (const PhysicalOperator* op : pipeline.operators) {
      if (dynamic_cast<const PhysicalHashJoin*>(op)) reads.push_back(op);
    }
    for (size_t other = 0; other < pipelines.size(); ++other) {
      if (other == index) continue;
      for (const PhysicalOperator* read : reads) {
        if (pipelines[other].sink == read) pipeline.dependencies.push_back(other);
      }
      if (pipeline.is_join_tail) {
        const auto& ops = pipelines[other].operators;
        if (std::find(ops.begin(), ops.end(), pipeline.source) != ops.end() &&
            !pipelines[other].is_join_tail) {
          pipeline.dependencies.push_back(other);
        }
      }
    }
  }

  // Topological order.
  std::vector<Pipeline> ordered;
  std::vector<int> state(pipelines.size(), 0);  // 0 new, 1 visiting, 2 done
  std::vector<size_t> new_index(pipelines.size());
  std::function<void(size_t)> visit = [&](size_t index) {
    if (state[index] == 2) return;
    DQ_CHECK(state[index] != 1);
    state[index] = 1;
    for (size_t dependency : pipelines[index].dependencies) visit(dependency);
    state[index] = 2;
    new_index[index] = ordered.size();
    ordered.push_back(pipelines[index]);
  };
  for (size_t index = 0; index < pipelines.size(); ++index) visit(index);
  for (Pipeline& pipeline : ordered) {
    for (size_t& dependency : pipeline.dependencies) dependency = new_index[dependency];
  }
  return ordered;
}

}  // namespace dq

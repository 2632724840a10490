#include "exec/executor.h"

#include <algorithm>
#include <atomic>
#include <map>

#include "common/error.h"
#include "exec/task_scheduler.h"

namespace dq {

namespace {

uint64_t NowNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// One thread's run of a pipeline: pulls chunks from the source and pushes them through.
class PipelineTask {
 public:
  PipelineTask(ExecutionContext& context, const Pipeline& pipeline, GlobalSourceState& source,
               std::atomic<bool>& sink_finished)
      : context_(context), pipeline_(pipeline), global_source_(source),
        sink_finished_(sink_finished) {}

  void Run() {
    const PhysicalOperator& source = *pipeline_.source;
    auto local_source = source.GetLocalSourceState(context_, global_source_);
    for (const PhysicalOperator* op : pipeline_.operators) {
      states_.push_back(op->GetOperatorState(context_));
      chunks_.emplace_back(op->types());
    }
    GlobalSinkState& global_sink = *context_.sink_states.at(pipeline_.sink);
    local_sink_ = pipeline_.sink->GetLocalSinkState(context_, global_sink);
    DataChunk source_chunk(source.types());
    while (!sink_finished_.load(std::memory_order_relaxed) && !finished_) {
      context_.query->CheckCancelled();
      source_chunk.Reset();
      uint64_t start = NowNanos();
      SourceResult result = source.GetData(context_, source_chunk, global_source_, *local_source);
      source.profile.nanos.fetch_add(NowNanos() - start, std::memory_order_relaxed);
      source.profile.rows_out.fetch_add(source_chunk.size(), std::memory_order_relaxed);
      if (source_chunk.size() > 0) Push(0, source_chunk, global_sink);
      if (result == SourceResult::kFinished) break;
    }
    pipeline_.sink->Combine(context_, global_sink, *local_sink_);
  }

 private:
  void Push(size_t position, DataChunk& chunk, GlobalSinkState& global_sink) {
    if (position == pipeline_.operators.size()) {
      uint64_t start = NowNanos();
      SinkResult result = pipeline_.sink->Sink(context_, chunk, global_sink, *local_sink_);
      pipeline_.sink->profile.nanos.fetch_add(NowNanos() - start, std::memory_order_relaxed);
      if (result == SinkResult::kFinished) sink_finished_.store(true, std::memory_order_relaxed);
      return;
    }
    const PhysicalOperator& op = *pipeline_.operators[position];
    DataChunk& output = chunks_[position];
    while (true) {
      output.Reset();
      uint64_t start = NowNanos();
      OperatorResult result = op.Execute(context_, chunk, output, *states_[position]);
      op.profile.nanos.fetch_add(NowNanos() - start, std::memory_order_relaxed);
      op.profile.rows_out.fetch_add(output.size(), std::memory_order_relaxed);
      if (output.size() > 0) Push(position + 1, output, global_sink);
      if (result == OperatorResult::kFinished) {
        finished_ = true;
        return;
      }
      if (result == OperatorResult::kNeedMoreInput) return;
      if (sink_finished_.load(std::memory_order_relaxed)) return;
      // One input chunk can produce many output chunks (joins): stay cancellable.
      context_.query->CheckCancelled();
    }
  }

  ExecutionContext& context_;
  const Pipeline& pipeline_;
  GlobalSourceState& global_source_;
  std::atomic<bool>& sink_finished_;
  std::vector<std::unique_ptr<OperatorState>> states_;
  std::vector<DataChunk> chunks_;
  std::unique_ptr<LocalSinkState> local_sink_;
  bool finished_ = false;
};

}  // namespace

void Executor::RunPipeline(const Pipeline& pipeline) {
  auto global_source = pipeline.source->GetGlobalSourceState(context_);
  size_t threads = std::min<size_t>(context_.scheduler->parallelism(),
                                    pipeline.source->MaxSourceThreads(*global_source));
  if (pipeline.sink->SinkRequiresOrder()) threads = 1;
  threads = std::max<size_t>(threads, 1);
  std::atomic<bool> sink_finished{false};
  context_.scheduler->ParallelFor(context_.query, threads, [&](size_t) {
    PipelineTask task(context_, pipeline, *global_source, sink_finished);
    task.Run();
  });
}

void Executor::Run(const PhysicalOperator& root) {
  std::vector<Pipeline> pipelines = BuildPipelines(root);
  std::map<const PhysicalOperator*, size_t> remaining_feeders;
  for (const Pipeline& pipeline : pipelines) {
    remaining_feeders[pipeline.sink]++;
    if (!context_.sink_states.count(pipeline.sink)) {
      context_.sink_states[pipeline.sink] = pipeline.sink->GetGlobalSinkState(context_);
    }
  }
  for (const Pipeline& pipeline : pipelines) {
    RunPipeline(pipeline);
    if (--remaining_feeders[pipeline.sink] == 0) {
      uint64_t start = NowNanos();
      pipeline.sink->Finalize(context_, *context_.sink_states.at(pipeline.sink));
      pipeline.sink->profile.nanos.fetch_add(NowNanos() - start, std::memory_order_relaxed);
    }
  }
}

}  // namespace dq

// PhysicalHashJoin: equi-join (plus an optional residual predicate) of a probe side
// (children[0]) with a build side (children[1]).
//
// Build (sink): threads collect build rows and their key values; Finalize builds a chained
// hash table over all rows with non-NULL keys. Without equality keys every build row is a
// candidate for every probe row (cross products and theta joins share this code path).
// Probe (streaming operator): emits up to kBatchSize matching pairs per call, resuming where
// it stopped, then (for probe-outer, semi and anti joins) the probe rows the type asks for.
// Tail (source, see HasBuildTail): after every probe finished, emits build rows never matched
// (or, for RIGHT SEMI, the ones matched).
//
// Output columns: probe columns then build columns; SEMI and ANTI output probe columns only,
// RIGHT SEMI and RIGHT ANTI build columns only.
// NULL keys never match (SQL equality), unless `null_equal_keys` (NULL = NULL, as INTERSECT and
// EXCEPT compare rows).
#pragma once

#include "exec/physical_operator.h"
#include "plan/expression.h"

namespace dq {

enum class JoinType : uint8_t {
  kInner,
  kLeft,   // probe rows without a match are kept (build columns NULL)
  kRight,  // build rows without a match are kept (probe columns NULL)
  kFull,
  kSemi,   // probe rows with at least one match, once
  kAnti,   // probe rows without any match
  // Semi / anti joins with the roles swapped (the preserved side is hashed because it is the
  // smaller one): probing only marks build rows; the tail emits the build rows that were
  // matched (kRightSemi) or never matched (kRightAnti), build columns only.
  kRightSemi,
  kRightAnti,
};

std::string JoinTypeName(JoinType type);

class PhysicalHashJoin : public PhysicalOperator {
 public:
  // `residual` (may be null) reads columns of the output layout (probe columns, then build
  // columns) even for SEMI/ANTI joins.
  PhysicalHashJoin(std::vector<LogicalType> types, JoinType join_type,
                   std::unique_ptr<PhysicalOperator> probe, std::unique_ptr<PhysicalOperator> build,
                   std::vector<ExpressionPtr> probe_keys, std::vector<ExpressionPtr> build_keys,
                   ExpressionPtr residual, bool null_equal_keys = false);

  std::string Name() const override;
  std::vector<std::string> Details() const override;
  JoinType join_type() const { return join_type_; }
  // Whether a tail pipeline emits build rows after every probe finished (RIGHT, FULL and the
  // right semi/anti joins).
  bool HasBuildTail() const {
    return join_type_ == JoinType::kRight || join_type_ == JoinType::kFull ||
           join_type_ == JoinType::kRightSemi || join_type_ == JoinType::kRightAnti;
  }

  // Build side.
  bool IsSink() const override { return true; }
  size_t SinkChildIndex() const override { return 1; }
  std::unique_ptr<GlobalSinkState> GetGlobalSinkState(ExecutionContext& context) const override;
  std::unique_ptr<LocalSinkState> GetLocalSinkState(ExecutionContext& context,
                                                    GlobalSinkState& global) const override;
  SinkResult Sink(ExecutionContext& context, DataChunk& chunk, GlobalSinkState& global,
                  LocalSinkState& local) const override;
  void Combine(ExecutionContext& context, GlobalSinkState& global,
               LocalSinkState& local) const override;
  void Finalize(ExecutionContext& context, GlobalSinkState& global) const override;

  // Probe side.
  std::unique_ptr<OperatorState> GetOperatorState(ExecutionContext& context) const override;
  OperatorResult Execute(ExecutionContext& context, DataChunk& input, DataChunk& output,
                         OperatorState& state) const override;

  // Tail: unmatched build rows (RIGHT / FULL).
  bool IsSource() const override { return false; }
  std::unique_ptr<GlobalSourceState> GetGlobalSourceState(ExecutionContext& context) const override;
  SourceResult GetData(ExecutionContext& context, DataChunk& chunk, GlobalSourceState& global,
                       LocalSourceState& local) const override;

 private:
  size_t ProbeColumnCount() const { return probe_types_.size(); }

  JoinType join_type_;
  std::vector<LogicalType> probe_types_;
  std::vector<LogicalType> build_types_;
  std::vector<ExpressionPtr> probe_keys_;
  std::vector<ExpressionPtr> build_keys_;
  ExpressionPtr residual_;
  bool null_equal_keys_;
};

}  // namespace dq

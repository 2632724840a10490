#include "exec/operator/physical_hash_join.h"

#include <atomic>
#include <cmath>
#include <mutex>

#include "common/error.h"
#include "exec/column_data_collection.h"
#include "exec/expression_executor.h"
#include "exec/row_operations.h"

namespace dq {

namespace {

constexpr uint32_t kEndOfChain = UINT32_MAX;

// Build side: all build rows with their key values appended as extra columns.
struct JoinGlobalState : GlobalSinkState {
  std::mutex mutex;
  ColumnDataCollection rows;
  // After Finalize:
  std::vector<RowReference> references;   // row id -> location
  std::vector<uint64_t> hashes;           // row id -> hash
  std::vector<uint32_t> buckets;          // hash & mask -> first row id
  std::vector<uint32_t> next;             // row id -> next row id in chain
  std::unique_ptr<std::atomic<uint8_t>[]> matched;  // row id -> matched (RIGHT/FULL)
  size_t mask = 0;
};

struct JoinLocalSinkState : LocalSinkState {
  explicit JoinLocalSinkState(std::vector<LogicalType> types) : rows(std::move(types)) {}
  ColumnDataCollection rows;
  ExpressionExecutor key_executor;
  DataChunk keys;
  DataChunk combined;
};

struct ProbeState : OperatorState {
  ExpressionExecutor key_executor;
  std::unique_ptr<ExpressionExecutor> residual_executor;
  DataChunk keys;
  std::vector<UnifiedVector> probe_keys;
  std::vector<uint64_t> hashes;
  std::vector<uint8_t> key_is_null;
  std::vector<uint8_t> found;
  // Resume point within the current input chunk.
  bool started = false;
  size_t probe_row = 0;
  uint32_t chain = kEndOfChain;
  bool emitted_unmatched = false;
  std::vector<sel_t> pair_probe;
  std::vector<RowReference> pair_build;
  std::vector<uint32_t> pair_build_id;
};

// The first build row to consider for probe row `row`.
uint32_t FirstCandidate(const JoinGlobalState& global, const ProbeState& state, size_t row,
                        bool keyless, bool null_equal_keys) {
  if (keyless) return global.references.empty() ? kEndOfChain : 0;
  if (state.key_is_null[row] && !null_equal_keys) return kEndOfChain;
  return global.buckets[state.hashes[row] & global.mask];
}

struct TailState : GlobalSourceState {
  size_t next_chunk = 0;
  size_t next_row_id = 0;
};

}  // namespace

std::string JoinTypeName(JoinType type) {
  switch (type) {
    case JoinType::kInner: return "INNER";
    case JoinType::kLeft: return "LEFT";
    case JoinType::kRight: return "RIGHT";
    case JoinType::kFull: return "FULL";
    case JoinType::kSemi: return "SEMI";
    case JoinType::kAnti: return "ANTI";
    case JoinType::kRightSemi: return "RIGHT_SEMI";
    case JoinType::kRightAnti: return "RIGHT_ANTI";
  }
  return "?";
}

PhysicalHashJoin::PhysicalHashJoin(std::vector<LogicalType> types, JoinType join_type,
                                   std::unique_ptr<PhysicalOperator> probe,
                                   std::unique_ptr<PhysicalOperator> build,
                                   std::vector<ExpressionPtr> probe_keys,
                                   std::vector<ExpressionPtr> build_keys, ExpressionPtr residual,
                                   bool null_equal_keys)
    : PhysicalOperator(std::move(types)),
      join_type_(join_type),
      probe_types_(probe->types()),
      build_types_(build->types()),
      probe_keys_(std::move(probe_keys)),
      build_keys_(std::move(build_keys)),
      residual_(std::move(residual)),
      null_equal_keys_(null_equal_keys) {
  AddChild(std::move(probe));
  AddChild(std::move(build));
}

std::string PhysicalHashJoin::Name() const {
  if (probe_keys_.empty()) return JoinTypeName(join_type_) + " NESTED_LOOP_JOIN";
  return JoinTypeName(join_type_) + " HASH_JOIN";
}

std::vector<std::string> PhysicalHashJoin::Details() const {
  std::vector<std::string> details;
  for (size_t key = 0; key < probe_keys_.size(); ++key) {
    details.push_back(probe_keys_[key]->ToString() + " = " + build_keys_[key]->ToString());
  }
  if (residual_) details.push_back(residual_->ToString());
  return details;
}

// ---- build ----

std::unique_ptr<GlobalSinkState> PhysicalHashJoin::GetGlobalSinkState(
    ExecutionContext& context) const {
  auto state = std::make_unique<JoinGlobalState>();
  std::vector<LogicalType> types = build_types_;
  for (const auto& key : build_keys_) types.push_back(key->type);
  state->rows = ColumnDataCollection(types);
  return state;
}

std::unique_ptr<LocalSinkState> PhysicalHashJoin::GetLocalSinkState(ExecutionContext& context,
                                                                    GlobalSinkState& global) const {
  auto& global_state = static_cast<JoinGlobalState&>(global);
  auto state = std::make_unique<JoinLocalSinkState>(global_state.rows.types());
  std::vector<LogicalType> key_types;
  for (const auto& key : build_keys_) {
    state->key_executor.AddExpression(key.get());
    key_types.push_back(key->type);
  }
  state->keys.Initialize(key_types);
  return state;
}

SinkResult PhysicalHashJoin::Sink(ExecutionContext& context, DataChunk& chunk,
                                  GlobalSinkState& global, LocalSinkState& local_state) const {
  auto& local = static_cast<JoinLocalSinkState&>(local_state);
  local.keys.Reset();
  local.key_executor.Execute(chunk, local.keys);
  DataChunk combined = DataChunk::ViewOf(chunk);
  for (const Vector& column : local.keys.columns()) combined.AddColumn(column);
  local.rows.Append(combined);
  return SinkResult::kNeedMoreInput;
}

void PhysicalHashJoin::Combine(ExecutionContext& context, GlobalSinkState& global,
                               LocalSinkState& local_state) const {
  auto& global_state = static_cast<JoinGlobalState&>(global);
  std::lock_guard<std::mutex> lock(global_state.mutex);
  global_state.rows.Combine(std::move(static_cast<JoinLocalSinkState&>(local_state).rows));
}

void PhysicalHashJoin::Finalize(ExecutionContext& context, GlobalSinkState& global) const {
  auto& state = static_cast<JoinGlobalState&>(global);
  size_t total = state.rows.row_count();
  if (total >= kEndOfChain) {
    throw Error(ErrorKind::kNotSupported, "Join build side exceeds 4 billion rows");
  }
  state.references.resize(total);
  state.hashes.resize(total);
  state.next.assign(total, kEndOfChain);
  state.matched.reset(new std::atomic<uint8_t>[std::max<size_t>(total, 1)]);
  for (size_t row = 0; row < total; ++row) state.matched[row].store(0, std::memory_order_relaxed);
  size_t bucket_count = 1;
  while (bucket_count < total * 2) bucket_count <<= 1;
  state.buckets.assign(bucket_count, kEndOfChain);
  state.mask = bucket_count - 1;
  size_t key_start = build_types_.size();
  size_t row_id = 0;
  for (size_t chunk_index = 0; chunk_index < state.rows.chunk_count(); ++chunk_index) {
    const DataChunk& chunk = state.rows.chunk(chunk_index);
    size_t count = chunk.size();
    std::vector<uint64_t> hashes(count, 0);
    // A NULL key never equals anything in a join, nor does a NaN (IEEE: NaN = NaN is false);
    // only set operations (null_equal_keys_) match them, with grouping semantics.
    std::vector<uint8_t> never_matches(count, 0);
    for (size_t key = 0; key < build_keys_.size(); ++key) {
      const Vector& column = chunk.column(key_start + key);
      HashVector(column, count, hashes.data(), key > 0);
      bool is_double = column.type().id() == TypeId::kFloat64;
      for (size_t row = 0; row < count; ++row) {
        if (!column.validity().RowIsValid(row) ||
            (is_double && std::isnan(column.Data<double>()[row]))) {
          never_matches[row] = 1;
        }
      }
    }
    for (size_t row = 0; row < count; ++row, ++row_id) {
      state.references[row_id] = MakeRowReference(chunk_index, row);
      state.hashes[row_id] = hashes[row];
      if (never_matches[row] && !build_keys_.empty() && !null_equal_keys_) continue;
      size_t bucket = hashes[row] & state.mask;
      state.next[row_id] = state.buckets[bucket];
      state.buckets[bucket] = static_cast<uint32_t>(row_id);
    }
  }
}

// ---- probe ----

std::unique_ptr<OperatorState> PhysicalHashJoin::GetOperatorState(ExecutionContext& context) const {
  auto state = std::make_unique<ProbeState>();
  std::vector<LogicalType> key_types;
  for (const auto& key : probe_keys_) {
    state->key_executor.AddExpression(key.get());
    key_types.push_back(key->type);
  }
  state->keys.Initialize(key_types);
  if (residual_) {
    state->residual_executor = std::make_unique<ExpressionExecutor>();
    state->residual_executor->AddExpression(residual_.get());
  }
  return state;
}

OperatorResult PhysicalHashJoin::Execute(ExecutionContext& context, DataChunk& input,
                                         DataChunk& output, OperatorState& operator_state) const {
  auto& global = context.SinkStateOf<JoinGlobalState>(this);
  auto& state = static_cast<ProbeState&>(operator_state);
  size_t count = input.size();
  size_t total_build = global.references.size();
  bool keyless = probe_keys_.empty();

  if (!state.started) {
    state.started = true;
    state.probe_row = 0;
    state.chain = kEndOfChain;
    state.emitted_unmatched = false;
    state.found.assign(count, 0);
    state.hashes.assign(count, 0);
    state.key_is_null.assign(count, 0);
    if (!keyless) {
      state.keys.Reset();
      state.key_executor.Execute(input, state.keys);
      state.probe_keys.resize(probe_keys_.size());
      for (size_t key = 0; key < probe_keys_.size(); ++key) {
        const Vector& column = state.keys.column(key);
        HashVector(column, count, state.hashes.data(), key > 0);
        column.ToUnified(count, state.probe_keys[key]);
        for (size_t row = 0; row < count; ++row) {
          if (!state.probe_keys[key].IsValid(row)) state.key_is_null[row] = 1;
        }
      }
    }
    if (count > 0) state.chain = FirstCandidate(global, state, 0, keyless, null_equal_keys_);
  }

  bool right_semi_or_anti =
      join_type_ == JoinType::kRightSemi || join_type_ == JoinType::kRightAnti;
  bool wants_pairs = join_type_ != JoinType::kSemi && join_type_ != JoinType::kAnti &&
                     !right_semi_or_anti;
  size_t key_start = build_types_.size();
  while (state.probe_row < count) {
    // Collect up to kBatchSize candidate pairs.
    state.pair_probe.clear();
    state.pair_build.clear();
    state.pair_build_id.clear();
    while (state.probe_row < count && state.pair_probe.size() < kBatchSize) {
      if (state.chain == kEndOfChain) {
        ++state.probe_row;
        if (state.probe_row < count) state.chain = FirstCandidate(global, state, state.probe_row, keyless, null_equal_keys_);
        continue;
      }
      uint32_t build_id = state.chain;
      state.chain = keyless ? (build_id + 1 < total_build ? build_id + 1 : kEndOfChain)
                            : global.next[build_id];
      if (!keyless) {
        if (global.hashes[build_id] != state.hashes[state.probe_row]) continue;
        RowReference reference = global.references[build_id];
        const DataChunk& build_chunk = global.rows.chunk(reference >> 32);
        uint32_t build_row = static_cast<uint32_t>(reference);
        bool equal = true;
        for (size_t key = 0; key < probe_keys_.size() && equal; ++key) {
          UnifiedVector build_key;
          build_chunk.column(key_start + key).ToUnified(build_chunk.size(), build_key);
          if (null_equal_keys_) {
            equal = RowsEqualForGrouping(probe_keys_[key]->type, state.probe_keys[key],
                                         state.probe_row, build_key, build_row);
          } else {
            equal = CompareValues(probe_keys_[key]->type, state.probe_keys[key],
                                  state.probe_keys[key].index(state.probe_row), build_key,
                                  build_row) == 0;
          }
        }
        if (!equal) continue;
      }
      // SEMI/ANTI without residual: one match decides the probe row.
      if (!wants_pairs && !residual_) {
        if (right_semi_or_anti) {
          // Every matching build row counts; keep following the chain.
          global.matched[build_id].store(1, std::memory_order_relaxed);
          continue;
        }
        state.found[state.probe_row] = 1;
        state.chain = kEndOfChain;
        continue;
      }
      state.pair_probe.push_back(static_cast<sel_t>(state.probe_row));
      state.pair_build.push_back(global.references[build_id]);
      state.pair_build_id.push_back(build_id);
    }
    size_t pairs = state.pair_probe.size();
    if (pairs == 0) continue;

    // Materialize the pairs: probe columns by selection, build columns gathered.
    SelectionVector probe_selection(pairs);
    std::copy(state.pair_probe.begin(), state.pair_probe.end(), probe_selection.data());
    DataChunk joined = DataChunk::SlicedView(input, probe_selection, pairs);
    for (size_t column = 0; column < build_types_.size(); ++column) {
      Vector gathered(build_types_[column], pairs);
      GatherRows(global.rows, column, state.pair_build.data(), pairs, gathered);
      joined.AddColumn(std::move(gathered));
    }
    size_t kept = pairs;
    SelectionVector kept_rows(pairs);
    if (residual_) {
      kept = state.residual_executor->Select(joined, kept_rows);
    } else {
      for (size_t row = 0; row < pairs; ++row) kept_rows.set_index(row, static_cast<sel_t>(row));
    }
    for (size_t row = 0; row < kept; ++row) {
      size_t pair = kept_rows.get_index(row);
      state.found[state.pair_probe[pair]] = 1;
      if (HasBuildTail()) {
        global.matched[state.pair_build_id[pair]].store(1, std::memory_order_relaxed);
      }
    }
    if (wants_pairs && kept > 0) {
      if (kept < pairs) joined.Slice(kept_rows, kept);
      output.Reference(joined);
      return OperatorResult::kHaveMoreOutput;
    }
  }

  // Probe rows the join type keeps without a match (LEFT/FULL), or by match (SEMI/ANTI).
  if (!state.emitted_unmatched) {
    state.emitted_unmatched = true;
    bool keep_found = join_type_ == JoinType::kSemi;
    bool emits = join_type_ == JoinType::kLeft || join_type_ == JoinType::kFull ||
                 join_type_ == JoinType::kSemi || join_type_ == JoinType::kAnti;
    if (emits) {
      SelectionVector selection(std::max<size_t>(count, 1));
      size_t selected = 0;
      for (size_t row = 0; row < count; ++row) {
        if ((state.found[row] != 0) == keep_found) {
          selection.set_index(selected++, static_cast<sel_t>(row));
        }
      }
      if (selected > 0) {
        DataChunk rows = DataChunk::SlicedView(input, selection, selected);
        if (wants_pairs) {
          for (const LogicalType& type : build_types_) rows.AddColumn(Vector::ConstantNull(type));
        }
        output.Reference(rows);
      }
    }
  }
  state.started = false;
  return OperatorResult::kNeedMoreInput;
}

// ---- tail: unmatched build rows ----

std::unique_ptr<GlobalSourceState> PhysicalHashJoin::GetGlobalSourceState(
    ExecutionContext& context) const {
  return std::make_unique<TailState>();
}

SourceResult PhysicalHashJoin::GetData(ExecutionContext& context, DataChunk& chunk,
                                       GlobalSourceState& global_source,
                                       LocalSourceState& local) const {
  auto& global = context.SinkStateOf<JoinGlobalState>(this);
  auto& tail = static_cast<TailState&>(global_source);
  if (tail.next_chunk >= global.rows.chunk_count()) return SourceResult::kFinished;
  const DataChunk& build_chunk = global.rows.chunk(tail.next_chunk++);
  SelectionVector selection(std::max<size_t>(build_chunk.size(), 1));
  size_t selected = 0;
  bool want_matched = join_type_ == JoinType::kRightSemi;
  for (size_t row = 0; row < build_chunk.size(); ++row) {
    bool matched = global.matched[tail.next_row_id + row].load(std::memory_order_relaxed) != 0;
    if (matched == want_matched) selection.set_index(selected++, static_cast<sel_t>(row));
  }
  tail.next_row_id += build_chunk.size();
  // RIGHT/FULL: NULL probe columns first; the right semi/anti joins output build columns only.
  size_t first_build_column = 0;
  if (join_type_ == JoinType::kRight || join_type_ == JoinType::kFull) {
    first_build_column = probe_types_.size();
    for (size_t column = 0; column < probe_types_.size(); ++column) {
      chunk.column(column) = Vector::ConstantNull(probe_types_[column]);
    }
  }
  for (size_t column = 0; column < build_types_.size(); ++column) {
    Vector view;
    view.Reference(build_chunk.column(column));
    view.Slice(selection, selected);
    chunk.column(first_build_column + column) = std::move(view);
  }
  chunk.SetSize(selected);
  return tail.next_chunk >= global.rows.chunk_count() ? SourceResult::kFinished
                                                       : SourceResult::kHaveMoreOutput;
}

}  // namespace dq

#include "exec/aggregate_hash_table.h"

#include <algorithm>
#include <cstring>

#include "common/error.h"
#include "exec/row_operations.h"

namespace dq {

namespace {

constexpr size_t kStateAlignment = 16;
constexpr size_t kInitialSlots = 1024;

size_t AlignUp(size_t value) { return (value + kStateAlignment - 1) & ~(kStateAlignment - 1); }

}  // namespace

AggregateHashTable::AggregateHashTable(std::vector<LogicalType> key_types,
                                       const std::vector<BoundAggregate>* aggregates,
                                       size_t compared_keys)
    : key_types_(std::move(key_types)),
      compared_keys_(std::min(compared_keys, key_types_.size())),
      aggregates_(aggregates) {
  for (const BoundAggregate& aggregate : *aggregates_) {
    state_offsets_.push_back(state_size_);
    state_size_ += AlignUp(std::max<size_t>(aggregate.function->state_size, 1));
  }
  state_size_ = std::max<size_t>(state_size_, kStateAlignment);
  arena_block_size_ = std::max<size_t>(state_size_ * 1024, 64 * 1024);
  slots_.assign(kInitialSlots, 0);
  key_capacity_ = kBatchSize;
  for (const LogicalType& type : key_types_) keys_.emplace_back(type, key_capacity_);
}

AggregateHashTable::~AggregateHashTable() {
  for (size_t aggregate = 0; aggregate < aggregates_->size(); ++aggregate) {
    auto destroy = (*aggregates_)[aggregate].function->destroy;
    if (!destroy) continue;
    for (uint8_t* state : states_) destroy(state + state_offsets_[aggregate]);
  }
}

uint8_t* AggregateHashTable::AllocateState() {
  if (arena_blocks_.empty() || arena_used_ + state_size_ > arena_block_size_) {
    arena_blocks_.emplace_back(new uint8_t[arena_block_size_]);
    arena_used_ = 0;
  }
  uint8_t* state = arena_blocks_.back().get() + arena_used_;
  arena_used_ += state_size_;
  for (size_t aggregate = 0; aggregate < aggregates_->size(); ++aggregate) {
    (*aggregates_)[aggregate].function->initialize(state + state_offsets_[aggregate]);
  }
  return state;
}

uint32_t AggregateHashTable::AddGroup(uint64_t hash) {
  uint32_t group = static_cast<uint32_t>(group_count_++);
  hashes_.push_back(hash);
  states_.push_back(AllocateState());
  return group;
}

void AggregateHashTable::Grow() {
  std::vector<uint32_t> grown(slots_.size() * 2, 0);
  size_t mask = grown.size() - 1;
  for (size_t group = 0; group < group_count_; ++group) {
    size_t slot = hashes_[group] & mask;
    while (grown[slot] != 0) slot = (slot + 1) & mask;
    grown[slot] = static_cast<uint32_t>(group + 1);
  }
  slots_ = std::move(grown);
}

uint8_t* AggregateHashTable::SingleGroupState() {
  if (group_count_ == 0) AddGroup(0);
  return states_[0];
}

void AggregateHashTable::FindOrCreateGroups(const DataChunk& keys, const uint64_t* hashes,
                                            const SelectionVector& selection, size_t count,
                                            uint8_t** states) {
  if (key_types_.empty()) {
    uint8_t* state = SingleGroupState();
    for (size_t index = 0; index < count; ++index) states[selection.get_index(index)] = state;
    return;
  }
  // Make room so that no rehash or key growth happens mid-batch.
  while ((group_count_ + count) * 2 > slots_.size()) Grow();
  if (group_count_ + count > key_capacity_) {
    size_t new_capacity = std::max(key_capacity_ * 2, group_count_ + count);
    for (Vector& column : keys_) column.Resize(group_count_, new_capacity);
    key_capacity_ = new_capacity;
  }
  size_t key_count = key_types_.size();
  std::vector<UnifiedVector> input(key_count);
  std::vector<UnifiedVector> stored(key_count);
  for (size_t column = 0; column < key_count; ++column) {
    keys.column(column).ToUnified(keys.size(), input[column]);
    keys_[column].ToUnified(key_capacity_, stored[column]);
  }
  // Groups created in this batch keep their keys in the input until copied at the end.
  uint32_t first_new_group = static_cast<uint32_t>(group_count_);
  std::vector<sel_t> new_group_rows;
  size_t mask = slots_.size() - 1;
  for (size_t index = 0; index < count; ++index) {
    sel_t row = selection.get_index(index);
    uint64_t hash = hashes[row];
    size_t slot = hash & mask;
    while (true) {
      uint32_t entry = slots_[slot];
      if (entry == 0) {
        uint32_t group = AddGroup(hash);
        slots_[slot] = group + 1;
        new_group_rows.push_back(row);
        states[row] = states_[group];
        break;
      }
      uint32_t group = entry - 1;
      if (hashes_[group] == hash) {
        bool equal = true;
        if (group >= first_new_group) {
          sel_t other_row = new_group_rows[group - first_new_group];
          for (size_t column = 0; column < compared_keys_ && equal; ++column) {
            equal = RowsEqualForGrouping(key_types_[column], input[column], row, input[column],
                                         other_row);
          }
        } else {
          for (size_t column = 0; column < compared_keys_ && equal; ++column) {
            equal = RowsEqualForGrouping(key_types_[column], input[column], row, stored[column],
                                         group);
          }
        }
        if (equal) {
          states[row] = states_[group];
          break;
        }
      }
      slot = (slot + 1) & mask;
    }
  }
  if (!new_group_rows.empty()) {
    SelectionVector new_rows(new_group_rows.size());
    std::copy(new_group_rows.begin(), new_group_rows.end(), new_rows.data());
    for (size_t column = 0; column < key_count; ++column) {
      CopyVector(keys.column(column), new_rows, new_group_rows.size(), keys_[column],
                 first_new_group);
    }
  }
}

void AggregateHashTable::Merge(AggregateHashTable& other) {
  if (other.group_count_ == 0) return;
  std::vector<uint8_t*> targets(kBatchSize);
  for (size_t start = 0; start < other.group_count_; start += kBatchSize) {
    size_t count = std::min(kBatchSize, other.group_count_ - start);
    DataChunk keys;
    keys.Initialize(key_types_, count);
    other.FetchKeys(start, count, keys);
    SelectionVector all(count);
    for (size_t row = 0; row < count; ++row) all.set_index(row, static_cast<sel_t>(row));
    FindOrCreateGroups(keys, other.hashes_.data() + start, all, count, targets.data());
    for (size_t row = 0; row < count; ++row) {
      uint8_t* source = other.states_[start + row];
      for (size_t aggregate = 0; aggregate < aggregates_->size(); ++aggregate) {
        const BoundAggregate& bound = (*aggregates_)[aggregate];
        AggregateCall call{bound.bind_data.get(), bound.return_type};
        try {
          bound.function->combine(call, source + state_offsets_[aggregate],
                                  targets[row] + state_offsets_[aggregate]);
        } catch (Error& error) {
          error.SetPositionIfAbsent(bound.position);
          throw;
        }
      }
    }
  }
}

void AggregateHashTable::FetchKeys(size_t start, size_t count, DataChunk& out) const {
  SelectionVector rows(count);
  for (size_t row = 0; row < count; ++row) rows.set_index(row, static_cast<sel_t>(start + row));
  for (size_t column = 0; column < key_types_.size(); ++column) {
    Vector& target = out.column(column);
    if (target.capacity() < count) target = Vector(key_types_[column], count);
    CopyVector(keys_[column], rows, count, target, 0);
  }
  out.SetSize(count);
}

}  // namespace dq

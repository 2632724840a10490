// AggregateHashTable: groups rows by key columns and keeps one block of aggregate states per
// group. Open addressing with linear probing over group ids; each group's key values live in
// growable flat vectors (one per key column) and its hash beside them, so probing compares the
// stored hash before touching keys.
//
// Keys compare with grouping semantics (NULL = NULL, NaN = NaN). States for all aggregates of
// a group are one contiguous block in an arena; `state_offsets()[a]` locates aggregate a.
//
// Thread-compatibility: one thread per table. Tables built by different threads are merged
// with Merge (combining states).
#pragma once

#include <cstdint>
#include <cstddef>
#include <memory>
#include <vector>

#include "plan/bound_aggregate.h"
#include "vector/data_chunk.h"

namespace dq {

class AggregateHashTable {
 public:
  // Only the first `compared_keys` keys identify a group (hashes cover just those too); the
  // others are functionally dependent on them and stored from a group's first row.
  AggregateHashTable(std::vector<LogicalType> key_types,
                     const std::vector<BoundAggregate>* aggregates,
                     size_t compared_keys = SIZE_MAX);
  ~AggregateHashTable();
  AggregateHashTable(const AggregateHashTable&) = delete;
  AggregateHashTable& operator=(const AggregateHashTable&) = delete;

  // For rows selection[i], i < count, of `keys` (with their hashes, indexed by row) finds or
  // creates the group and writes the address of its state block to states[selection[i]].
  void FindOrCreateGroups(const DataChunk& keys, const uint64_t* hashes,
                          const SelectionVector& selection, size_t count, uint8_t** states);
  // Creates (once) and returns the single group of a table without keys.
  uint8_t* SingleGroupState();

  // Moves every group of `other` into this table, combining the states of equal keys.
  void Merge(AggregateHashTable& other);

  size_t group_count() const { return group_count_; }
  const std::vector<size_t>& state_offsets() const { return state_offsets_; }
  uint8_t* GroupState(size_t group) { return states_[group]; }
  // Reads the keys of groups [start, start + count) into `out` columns [0, key count).
  void FetchKeys(size_t start, size_t count, DataChunk& out) const;

 private:
  uint32_t AddGroup(uint64_t hash);
  void Grow();
  uint8_t* AllocateState();

  std::vector<LogicalType> key_types_;
  size_t compared_keys_;
  const std::vector<BoundAggregate>* aggregates_;
  std::vector<size_t> state_offsets_;
  size_t state_size_ = 0;

  std::vector<Vector> keys_;           // one growable flat vector per key column
  std::vector<uint64_t> hashes_;       // per group
  std::vector<uint8_t*> states_;       // per group
  std::vector<uint32_t> slots_;        // group id + 1, 0 = empty; size is a power of two
  size_t group_count_ = 0;
  size_t key_capacity_ = 0;

  std::vector<std::unique_ptr<uint8_t[]>> arena_blocks_;
  size_t arena_used_ = 0;
  size_t arena_block_size_ = 0;
};

}  // namespace dq

// QueryContext: what every task of one running query shares: its identity (query id and
// workload group, for fair scheduling), its cancellation flag and its progress counters.
//
// Thread-safety: all members may be read and written from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "common/error.h"

namespace dq {

class QueryContext {
 public:
  QueryContext(uint64_t query_id, std::string workload_group)
      : query_id_(query_id), workload_group_(std::move(workload_group)) {}

  uint64_t query_id() const { return query_id_; }
  const std::string& workload_group() const { return workload_group_; }

  void Cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool IsCancelled() const { return cancelled_.load(std::memory_order_relaxed); }
  // Called between morsels: throws a kCancelled error once the query is cancelled.
  void CheckCancelled() const {
    if (IsCancelled()) throw Error(ErrorKind::kCancelled, "Query cancelled");
  }

  // Progress: scans announce their total work and report what they finish.
  void AddTotalWork(uint64_t units) { total_work_.fetch_add(units, std::memory_order_relaxed); }
  void AddDoneWork(uint64_t units) { done_work_.fetch_add(units, std::memory_order_relaxed); }
  // Fraction in [0, 1], or -1 when no work was announced yet.
  double Progress() const {
    uint64_t total = total_work_.load(std::memory_order_relaxed);
    if (total == 0) return -1;
    double fraction = static_cast<double>(done_work_.load(std::memory_order_relaxed)) / total;
    return fraction > 1 ? 1 : fraction;
  }

 private:
  uint64_t query_id_;
  std::string workload_group_;
  std::atomic<bool> cancelled_{false};
  std::atomic<uint64_t> total_work_{0};
  std::atomic<uint64_t> done_work_{0};
};

}  // namespace dq

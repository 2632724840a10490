// Tallies of a GoogleSQL compliance run: per-case outcomes, per-file and overall counts,
// skips by missing feature and failures by cause, and their text rendering.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "zetasql_case_filter.h"

namespace deepquery::tools {

enum class ZetasqlStatus { kPassed, kFailed, kSkipped };

struct ZetasqlCaseOutcome {
  ZetasqlStatus status = ZetasqlStatus::kPassed;
  std::string name;
  int line = 0;
  // kSkipped: why.
  ZetasqlSkip skip;
  // kFailed: a short grouping key (our error message without position and long tails, or
  // "wrong result", "expected an error", ...) and the full explanation.
  std::string cause;
  std::string detail;
};

struct ZetasqlReport {
  size_t passed = 0;
  size_t failed = 0;
  size_t skipped = 0;
  // Skipped cases counted once per missing feature, and once per other reason.
  std::map<std::string, size_t> skipped_by_feature;
  std::map<std::string, size_t> skipped_by_reason;
  std::map<std::string, size_t> failures_by_cause;
  // Failed cases, in file order.
  std::vector<ZetasqlCaseOutcome> failures;

  void Add(const ZetasqlCaseOutcome& outcome);
  // Adds the counts of `other` (its failures list is not copied).
  void MergeCounts(const ZetasqlReport& other);
};

// The grouping key for an engine error message: the message without a trailing
// ` [at L:C]` position, cut to its first line and 70 characters.
std::string ZetasqlFailureCause(const std::string& message);

// "N passed, M failed, K skipped" (plus " (T time-zone dependent)" when T > 0).
std::string FormatZetasqlCounts(const ZetasqlReport& report);

// The --list-unsupported tables: skips by missing feature and other reasons, and failures by
// cause, each sorted by count (descending) then name.
std::string FormatZetasqlBreakdown(const ZetasqlReport& report);

}  // namespace deepquery::tools

#include "zetasql_report.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace deepquery::tools {
namespace {

std::string FormatTable(const std::string& title, const std::map<std::string, size_t>& counts) {
  std::vector<std::pair<std::string, size_t>> rows(counts.begin(), counts.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& left, const auto& right) { return left.second > right.second; });
  std::string out = title + "\n";
  for (const auto& [name, count] : rows) {
    char buffer[24];
    std::snprintf(buffer, sizeof(buffer), "%8zu  ", count);
    out += buffer + name + "\n";
  }
  if (rows.empty()) out += "       (none)\n";
  return out;
}

}  // namespace

void ZetasqlReport::Add(const ZetasqlCaseOutcome& outcome) {
  switch (outcome.status) {
    case ZetasqlStatus::kPassed:
      ++passed;
      break;
    case ZetasqlStatus::kSkipped:
      ++skipped;
      for (const std::string& feature : outcome.skip.missing_features) ++skipped_by_feature[feature];
      if (!outcome.skip.reason.empty()) ++skipped_by_reason[outcome.skip.reason];
      break;
    case ZetasqlStatus::kFailed:
      ++failed;
      ++failures_by_cause[outcome.cause];
      failures.push_back(outcome);
      break;
  }
}

void ZetasqlReport::MergeCounts(const ZetasqlReport& other) {
  passed += other.passed;
  failed += other.failed;
  skipped += other.skipped;
  for (const auto& [name, count] : other.skipped_by_feature) skipped_by_feature[name] += count;
  for (const auto& [name, count] : other.skipped_by_reason) skipped_by_reason[name] += count;
  for (const auto& [name, count] : other.failures_by_cause) failures_by_cause[name] += count;
}

std::string ZetasqlFailureCause(const std::string& message) {
  std::string cause = message.substr(0, message.find('\n'));
  const size_t at = cause.rfind(" [at ");
  if (at != std::string::npos && !cause.empty() && cause.back() == ']') cause.resize(at);
  if (cause.size() > 70) cause = cause.substr(0, 70) + "...";
  return cause;
}

std::string FormatZetasqlCounts(const ZetasqlReport& report) {
  std::string out = std::to_string(report.passed) + " passed, " + std::to_string(report.failed) +
                    " failed, " + std::to_string(report.skipped) + " skipped";
  return out;
}

std::string FormatZetasqlBreakdown(const ZetasqlReport& report) {
  return FormatTable("Skipped cases by missing feature (a case counts once per feature):",
                     report.skipped_by_feature) +
         FormatTable("Skipped cases by other reason:", report.skipped_by_reason) +
         FormatTable("Failures by cause (our error message, or the kind of mismatch):",
                     report.failures_by_cause);
}

}  // namespace deepquery::tools

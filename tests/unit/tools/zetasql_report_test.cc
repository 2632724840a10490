#include "zetasql_report.h"

#include <gtest/gtest.h>

namespace deepquery::tools {
namespace {

TEST(ZetasqlReportTest, CountsAndBreakdown) {
  ZetasqlReport report;
  ZetasqlCaseOutcome passed;
  report.Add(passed);
  ZetasqlCaseOutcome skipped;
  skipped.status = ZetasqlStatus::kSkipped;
  skipped.skip.missing_features = {"ANALYTIC_FUNCTIONS", "JSON_TYPE"};
  report.Add(skipped);
  ZetasqlCaseOutcome failed;
  failed.status = ZetasqlStatus::kFailed;
  failed.cause = ZetasqlFailureCause("Function not found: FOO [at 1:8]");
  report.Add(failed);
  EXPECT_EQ(FormatZetasqlCounts(report), "1 passed, 1 failed, 1 skipped");
  EXPECT_EQ(report.skipped_by_feature["JSON_TYPE"], 1u);
  EXPECT_EQ(report.failures_by_cause["Function not found: FOO"], 1u);
  ZetasqlReport total;
  total.MergeCounts(report);
  total.MergeCounts(report);
  EXPECT_EQ(total.passed, 2u);
  EXPECT_EQ(total.skipped_by_feature["ANALYTIC_FUNCTIONS"], 2u);
  EXPECT_TRUE(total.failures.empty());
  EXPECT_NE(FormatZetasqlBreakdown(total).find("       2  ANALYTIC_FUNCTIONS"), std::string::npos);
}

}  // namespace
}  // namespace deepquery::tools

#include "slt_file_runner.h"

#include <gtest/gtest.h>

#include <map>

#include "slt_result_check.h"

namespace deepquery::tools {
namespace {

// Answers SQL texts from a fixed table; unknown SQL fails with "no such table".
class FakeExecutor : public SltExecutor {
 public:
  std::map<std::string, SltOutcome> answers;
  std::vector<std::string> executed;
  std::map<std::string, std::string> settings;

  SltOutcome Execute(const std::string& sql) override {
    executed.push_back(sql);
    auto found = answers.find(sql);
    if (found != answers.end()) return found->second;
    SltOutcome outcome;
    outcome.ok = false;
    outcome.error_message = "Table not found: nope [at 1:15]";
    return outcome;
  }
  void SetSetting(const std::string& name, const std::string& value) override {
    settings[name] = value;
  }
};

SltOutcome Rows(size_t column_count, std::vector<SltValue> values) {
  SltOutcome outcome;
  outcome.column_count = column_count;
  outcome.values = std::move(values);
  return outcome;
}

class SltFileRunnerTest : public ::testing::Test {
 protected:
  SltFileRunnerTest() {
    executor_.answers["CREATE TABLE t(a INT64)"] = SltOutcome{};
    executor_.answers["SELECT a, s FROM t"] = Rows(
        2, {SltValue::Integer(2), SltValue::Text("b"), SltValue::Integer(1), SltValue::Null()});
    executor_.answers["SELECT 7 / 2"] = Rows(1, {SltValue::Real(3.5)});
  }

  SltFileSummary Run(const std::string& text, SltRunOptions options = {}) {
    script_ = ParseSltScript(text);
    return RunSltScript(script_, "x.test", executor_, options);
  }

  FakeExecutor executor_;
  SltScript script_;
};

TEST_F(SltFileRunnerTest, CountsPassesFailuresAndSkips) {
  const SltFileSummary summary =
      Run("statement ok\nCREATE TABLE t(a INT64)\n\n"
          "statement error Table not found\nSELECT * FROM nope\n\n"
          "statement error\nSELECT * FROM nope\n----\nnot found: nope\n\n"
          "query IT rowsort\nSELECT a, s FROM t\n----\n1\tNULL\n2\tb\n\n"
          "query R nosort\nSELECT 7 / 2\n----\n3.500\n\n"
          "onlyif mysql\nstatement ok\nSELECT * FROM nope\n\n"
          "skipif googlesql\nstatement ok\nSELECT * FROM nope\n\n"
          "statement ok\nSELECT * FROM nope\n");
  EXPECT_EQ(summary.passed, 5u);
  EXPECT_EQ(summary.failed, 1u);
  EXPECT_EQ(summary.skipped, 2u);
  EXPECT_NE(summary.report.find("x.test:31: FAILED statement ok\n    SELECT * FROM nope\n"
                                "  unexpected error: Table not found"),
            std::string::npos)
      << summary.report;
}

TEST_F(SltFileRunnerTest, ReportsMismatchesAndWrongErrors) {
  const SltFileSummary summary =
      Run("query I nosort\nSELECT 7 / 2\n----\n4\n\n"
          "statement error Division by zero\nSELECT * FROM nope\n\n"
          "statement error\nCREATE TABLE t(a INT64)\n\n"
          "query II nosort\nSELECT 7 / 2\n----\n3\n");
  EXPECT_EQ(summary.passed, 0u);
  EXPECT_EQ(summary.failed, 4u);
  EXPECT_NE(summary.report.find("actual 1 values:\n    3\n"), std::string::npos);
  EXPECT_NE(summary.report.find("expected error containing: Division by zero"), std::string::npos);
  EXPECT_NE(summary.report.find("expected an error, but the statement succeeded"),
            std::string::npos);
  EXPECT_NE(summary.report.find("declares 2 columns but the result has 1"), std::string::npos);
}

TEST_F(SltFileRunnerTest, LabelsMustAgree) {
  executor_.answers["SELECT 3.5"] = Rows(1, {SltValue::Real(3.5)});
  executor_.answers["SELECT 4.5"] = Rows(1, {SltValue::Real(4.5)});
  const std::string hash = HashSltValues({"3.500"});
  const SltFileSummary summary =
      Run("query R nosort label-1\nSELECT 7 / 2\n----\n1 values hashing to " + hash +
          "\n\n"
          "query R nosort label-1\nSELECT 3.5\n----\n1 values hashing to " +
          hash +
          "\n\n"
          "query R nosort label-1\nSELECT 4.5\n");
  EXPECT_EQ(summary.passed, 2u);
  EXPECT_EQ(summary.failed, 1u);
}

TEST_F(SltFileRunnerTest, HaltModeAndStopOnFail) {
  SltFileSummary summary =
      Run("mode integer_division\n\nstatement ok\nCREATE TABLE t(a INT64)\n\n"
          "halt\n\nstatement ok\nSELECT * FROM nope\n");
  EXPECT_EQ(summary.passed, 1u);
  EXPECT_EQ(summary.failed, 0u);
  EXPECT_EQ(executor_.settings["integer_division"], "true");

  SltRunOptions options;
  options.stop_on_fail = true;
  summary =
      Run("statement ok\nSELECT * FROM nope\n\nstatement ok\nCREATE TABLE t(a INT64)\n", options);
  EXPECT_EQ(summary.failed, 1u);
  EXPECT_EQ(summary.passed, 0u);
}

TEST_F(SltFileRunnerTest, CompleteRewritesExpectedResults) {
  SltRunOptions options;
  options.complete = true;
  const SltFileSummary summary =
      Run("# keep me\nquery IT rowsort\nSELECT a, s FROM t\n----\nold\n\n"
          "query R\nSELECT 7 / 2\n\nstatement ok\nCREATE TABLE t(a INT64)\n",
          options);
  EXPECT_EQ(summary.completed_text,
            "# keep me\nquery IT rowsort\nSELECT a, s FROM t\n----\n1\tNULL\n2\tb\n\n"
            "query R\nSELECT 7 / 2\n----\n3.500\n\nstatement ok\nCREATE TABLE t(a INT64)\n");
}

TEST(SltErrorMatchesTest, SubstringAndRegex) {
  EXPECT_TRUE(SltErrorMatches("", "anything"));
  EXPECT_TRUE(SltErrorMatches("by zero", "Division by zero [at 1:8]"));
  EXPECT_FALSE(SltErrorMatches("by one", "Division by zero"));
  EXPECT_TRUE(SltErrorMatches("<REGEX>:Division.*\\[at 1:[0-9]+\\]", "Division by zero [at 1:8]"));
  EXPECT_FALSE(SltErrorMatches("<REGEX>:^zero", "Division by zero"));
}

}  // namespace
}  // namespace deepquery::tools

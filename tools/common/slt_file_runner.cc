#include "slt_file_runner.h"

#include <algorithm>
#include <regex>

#include "slt_result_check.h"

namespace deepquery::tools {
namespace {

constexpr int kDefaultHashThreshold = 8;

std::string Indent(const std::string& text, const std::string& prefix) {
  std::string indented = prefix;
  for (char character : text) {
    indented += character;
    if (character == '\n') indented += prefix;
  }
  return indented;
}

class ScriptRun {
 public:
  ScriptRun(const SltScript& script, const std::string& file_name, SltExecutor& executor,
            const SltRunOptions& options)
      : script_(script), file_name_(file_name), executor_(executor), options_(options) {}

  SltFileSummary Run() {
    if (options_.integer_division) executor_.SetSetting("integer_division", "true");
    if (options_.sqlite_compatibility) executor_.SetSetting("sqlite_compatibility", "true");
    for (size_t index = 0; index < script_.records.size() && !stopped_; ++index) {
      RunRecord(index, script_.records[index]);
    }
    if (options_.complete) summary_.completed_text = CompletedText();
    return std::move(summary_);
  }

 private:
  bool Applies(const SltRecord& record) const {
    for (const auto& name : record.skip_if) {
      if (name == options_.engine_name) return false;
    }
    for (const auto& name : record.only_if) {
      if (name != options_.engine_name) return false;
    }
    return true;
  }

  void RunRecord(size_t index, const SltRecord& record) {
    const bool runs_sql =
        record.kind == SltRecordKind::kStatement || record.kind == SltRecordKind::kQuery;
    if (!Applies(record) || (skipping_ && runs_sql)) {
      if (runs_sql) ++summary_.skipped;
      return;
    }
    switch (record.kind) {
      case SltRecordKind::kHashThreshold:
        hash_threshold_ = record.hash_threshold;
        break;
      case SltRecordKind::kHalt:
        stopped_ = true;
        break;
      case SltRecordKind::kMode:
        RunMode(record);
        break;
      case SltRecordKind::kInvalid:
        Fail(record, "  " + record.argument + "\n");
        break;
      case SltRecordKind::kStatement:
        RunStatement(record);
        break;
      case SltRecordKind::kQuery:
        if (record.expect_error) {
          RunStatement(record);
        } else {
          RunQuery(index, record);
        }
        break;
    }
  }

  void RunMode(const SltRecord& record) {
    if (record.argument == "integer_division") {
      executor_.SetSetting("integer_division", "true");
    } else if (record.argument == "skip") {
      skipping_ = true;
    } else if (record.argument == "unskip") {
      skipping_ = false;
    } else {
      Fail(record, "  unknown mode: " + record.argument + "\n");
    }
  }

  void RunStatement(const SltRecord& record) {
    const SltOutcome outcome = executor_.Execute(record.sql);
    if (!record.expect_error) {
      if (outcome.ok) return Pass(record);
      return Fail(record, "  unexpected error: " + outcome.error_message + "\n");
    }
    if (outcome.ok) return Fail(record, "  expected an error, but the statement succeeded\n");
    if (SltErrorMatches(record.expected_error, outcome.error_message)) return Pass(record);
    Fail(record, "  expected error containing: " + record.expected_error +
                     "\n  actual error: " + outcome.error_message + "\n");
  }

  void RunQuery(size_t index, const SltRecord& record) {
    const SltOutcome outcome = executor_.Execute(record.sql);
    if (!outcome.ok) return Fail(record, "  unexpected error: " + outcome.error_message + "\n");
    const size_t column_count = record.column_types.size();
    if (outcome.column_count != column_count) {
      return Fail(record, "  the record declares " + std::to_string(column_count) +
                              " columns but the result has " +
                              std::to_string(outcome.column_count) + "\n");
    }
    std::vector<std::string> rendered;
    rendered.reserve(outcome.values.size());
    for (size_t position = 0; position < outcome.values.size(); ++position) {
      rendered.push_back(
          RenderSltValue(outcome.values[position], record.column_types[position % column_count]));
    }
    if (options_.complete) {
      const bool was_hashed =
          record.expected_lines.size() == 1 &&
          record.expected_lines[0].find(" values hashing to ") != std::string::npos;
      completions_[index] = FormatSltExpected(rendered, column_count, record.sort_mode,
                                              was_hashed ? hash_threshold_ : 0);
    }
    const SltCheckResult check =
        CheckSltQuery(record.expected_lines, std::move(rendered), column_count, record.sort_mode);
    if (!check.ok) return Fail(record, check.mismatch);
    if (!record.label.empty()) {
      auto [entry, inserted] = labels_.try_emplace(record.label, check.actual_hash, record.line);
      if (!inserted && entry->second.first != check.actual_hash) {
        return Fail(record, "  " + record.label + " gives a different result than at line " +
                                std::to_string(entry->second.second) + "\n");
      }
    }
    Pass(record);
  }

  void Pass(const SltRecord& record) {
    ++summary_.passed;
    if (options_.verbose) summary_.report += Location(record) + ": ok\n";
  }

  void Fail(const SltRecord& record, const std::string& details) {
    ++summary_.failed;
    if (options_.stop_on_fail) stopped_ = true;
    if (summary_.failed > options_.max_failures_shown) return;
    summary_.report += Location(record) + ": FAILED " + script_.lines[record.line - 1] + "\n";
    if (!record.sql.empty()) summary_.report += Indent(record.sql, "    ") + "\n";
    summary_.report += details;
  }

  std::string Location(const SltRecord& record) const {
    return file_name_ + ":" + std::to_string(record.line);
  }

  std::string CompletedText() const {
    std::string text;
    auto append_line = [&text](const std::string& line) { text += line + "\n"; };
    int cursor = 0;
    for (const auto& [index, lines] : completions_) {
      const SltRecord& record = script_.records[index];
      for (; cursor < record.results_begin; ++cursor) append_line(script_.lines[cursor]);
      append_line("----");
      for (const std::string& line : lines) append_line(line);
      cursor = record.end;
    }
    for (; cursor < static_cast<int>(script_.lines.size()); ++cursor) {
      append_line(script_.lines[cursor]);
    }
    return text;
  }

  const SltScript& script_;
  const std::string& file_name_;
  SltExecutor& executor_;
  const SltRunOptions& options_;
  SltFileSummary summary_;
  int hash_threshold_ = kDefaultHashThreshold;
  bool stopped_ = false;
  bool skipping_ = false;
  // label -> (hash of the first query with the label, its line)
  std::map<std::string, std::pair<std::string, int>> labels_;
  // record index -> new expected lines (with --complete)
  std::map<size_t, std::vector<std::string>> completions_;
};

}  // namespace

bool SltErrorMatches(const std::string& expected, const std::string& message) {
  constexpr std::string_view kRegexPrefix = "<REGEX>:";
  if (expected.rfind(kRegexPrefix, 0) == 0) {
    try {
      return std::regex_search(message, std::regex(expected.substr(kRegexPrefix.size())));
    } catch (const std::regex_error&) {
      return false;
    }
  }
  return message.find(expected) != std::string::npos;
}

SltFileSummary RunSltScript(const SltScript& script, const std::string& file_name,
                            SltExecutor& executor, const SltRunOptions& options) {
  return ScriptRun(script, file_name, executor, options).Run();
}

}  // namespace deepquery::tools

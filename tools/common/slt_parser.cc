#include "slt_parser.h"

#include <cstdlib>
#include <sstream>

namespace deepquery::tools {
namespace {

bool IsBlank(const std::string& line) { return line.find_first_not_of(" \t") == std::string::npos; }

std::vector<std::string> SplitWords(const std::string& line) {
  std::vector<std::string> words;
  std::istringstream stream(line);
  std::string word;
  while (stream >> word) words.push_back(word);
  return words;
}

// The text after the first `count` words of `line`, trimmed.
std::string TextAfterWords(const std::string& line, int count) {
  size_t position = 0;
  for (int word = 0; word < count; ++word) {
    position = line.find_first_not_of(" \t", position);
    if (position == std::string::npos) return "";
    position = line.find_first_of(" \t", position);
    if (position == std::string::npos) return "";
  }
  const size_t begin = line.find_first_not_of(" \t", position);
  if (begin == std::string::npos) return "";
  const size_t last = line.find_last_not_of(" \t");
  return line.substr(begin, last - begin + 1);
}

class Parser {
 public:
  explicit Parser(std::vector<std::string> lines) { script_.lines = std::move(lines); }

  SltScript Parse() {
    const int line_count = static_cast<int>(script_.lines.size());
    while (cursor_ < line_count) {
      const std::string& line = script_.lines[cursor_];
      if (IsBlank(line) || line[0] == '#') {
        ++cursor_;
        continue;
      }
      ParseRecord();
    }
    return std::move(script_);
  }

 private:
  bool AtRecordLine() const {
    return cursor_ < static_cast<int>(script_.lines.size()) && !IsBlank(script_.lines[cursor_]);
  }

  // Reads lines up to a blank line or `----`; leaves the cursor on the stop line.
  std::string ReadSql() {
    std::string sql;
    while (AtRecordLine() && script_.lines[cursor_] != "----") {
      if (!sql.empty()) sql += '\n';
      sql += script_.lines[cursor_++];
    }
    return sql;
  }

  std::vector<std::string> ReadBlock() {
    std::vector<std::string> lines;
    while (AtRecordLine()) lines.push_back(script_.lines[cursor_++]);
    return lines;
  }

  void ParseRecord() {
    SltRecord record;
    std::vector<std::string> words = SplitWords(script_.lines[cursor_]);
    while ((words[0] == "skipif" || words[0] == "onlyif") && words.size() >= 2) {
      (words[0] == "skipif" ? record.skip_if : record.only_if).push_back(words[1]);
      ++cursor_;
      if (!AtRecordLine()) {
        Finish(std::move(record), SltRecordKind::kInvalid, "condition without a record");
        return;
      }
      words = SplitWords(script_.lines[cursor_]);
    }
    record.line = cursor_ + 1;
    const std::string command_line = script_.lines[cursor_++];
    const std::string& command = words[0];
    if (command == "statement" && words.size() >= 2 && (words[1] == "ok" || words[1] == "error")) {
      record.kind = SltRecordKind::kStatement;
      ParseStatementBody(&record, words[1] == "error", command_line);
    } else if (command == "query" && words.size() >= 2 && words[1] == "error") {
      record.kind = SltRecordKind::kQuery;
      ParseStatementBody(&record, true, command_line);
    } else if (command == "query" && words.size() >= 2) {
      ParseQuery(&record, words);
    } else if (command == "hash-threshold" && words.size() == 2) {
      record.hash_threshold = std::atoi(words[1].c_str());
      Finish(std::move(record), SltRecordKind::kHashThreshold, "");
    } else if (command == "halt") {
      Finish(std::move(record), SltRecordKind::kHalt, "");
    } else if (command == "mode" && words.size() == 2) {
      Finish(std::move(record), SltRecordKind::kMode, words[1]);
    } else {
      Finish(std::move(record), SltRecordKind::kInvalid, "unknown command: " + command_line);
    }
  }

  void ParseStatementBody(SltRecord* record, bool expect_error, const std::string& command_line) {
    record->expect_error = expect_error;
    if (expect_error) record->expected_error = TextAfterWords(command_line, 2);
    record->sql = ReadSql();
    record->results_begin = cursor_;
    if (AtRecordLine()) {  // `----` then the expected message, DuckDB style
      ++cursor_;
      std::string message;
      for (const std::string& line : ReadBlock()) {
        if (!message.empty()) message += '\n';
        message += line;
      }
      if (!expect_error) {
        record->kind = SltRecordKind::kInvalid;
        record->argument = "`statement ok` followed by `----`";
      } else if (!message.empty()) {
        record->expected_error = message;
      }
    }
    record->end = cursor_;
    script_.records.push_back(std::move(*record));
  }

  void ParseQuery(SltRecord* record, const std::vector<std::string>& words) {
    record->kind = SltRecordKind::kQuery;
    record->column_types = words[1];
    if (words.size() >= 3) {
      if (words[2] == "nosort") {
        record->sort_mode = SltSortMode::kNoSort;
      } else if (words[2] == "rowsort") {
        record->sort_mode = SltSortMode::kRowSort;
      } else if (words[2] == "valuesort") {
        record->sort_mode = SltSortMode::kValueSort;
      } else {
        record->kind = SltRecordKind::kInvalid;
        record->argument = "unknown sort mode: " + words[2];
      }
    }
    if (words.size() >= 4) record->label = words[3];
    record->sql = ReadSql();
    record->results_begin = cursor_;
    if (AtRecordLine()) {  // `----`
      ++cursor_;
      record->expected_lines = ReadBlock();
    }
    record->end = cursor_;
    script_.records.push_back(std::move(*record));
  }

  // Ends a one-line record (or a bad one, skipping the rest of its lines).
  void Finish(SltRecord record, SltRecordKind kind, std::string argument) {
    record.kind = kind;
    record.argument = std::move(argument);
    if (record.line == 0) record.line = cursor_;
    if (kind == SltRecordKind::kInvalid) ReadBlock();
    record.results_begin = cursor_;
    record.end = cursor_;
    script_.records.push_back(std::move(record));
  }

  SltScript script_;
  int cursor_ = 0;
};

}  // namespace

SltScript ParseSltScript(std::string_view text) {
  std::vector<std::string> lines;
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(begin, end - begin);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.emplace_back(line);
    begin = end + 1;
  }
  return Parser(std::move(lines)).Parse();
}

}  // namespace deepquery::tools

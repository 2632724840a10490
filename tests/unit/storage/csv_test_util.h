// Helpers for the CSV tests: a per-test temporary directory and a reader that collects rows.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "exec/task_scheduler.h"
#include "storage/csv/csv_reader.h"

namespace dq::csv_test {

class TempDir {
 public:
  TempDir() {
    std::string pattern = ::testing::TempDir() + "dq_csv_XXXXXX";
    char* made = ::mkdtemp(pattern.data());
    EXPECT_NE(made, nullptr);
    path_ = pattern;
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  const std::string& path() const { return path_; }

  // Writes `contents` to path()/relative, creating parent directories.
  void Write(const std::string& relative, const std::string& contents) const {
    std::string full = path_ + "/" + relative;
    for (size_t slash = full.find('/', path_.size() + 1); slash != std::string::npos;
         slash = full.find('/', slash + 1)) {
      ::mkdir(full.substr(0, slash).c_str(), 0755);
    }
    std::ofstream out(full, std::ios::binary);
    out << contents;
  }

 private:
  std::string path_;
};

struct ReadOutcome {
  Status status;
  CsvLoadStats stats;
  // Rows in file order, each as its values' text joined by '|' (NULL as "NULL").
  std::vector<std::string> rows;
};

inline ReadOutcome ReadCsv(const std::vector<std::string>& files, const CsvOptions& options,
                           const std::vector<LogicalType>& types, int threads = 2,
                           std::vector<std::string> names = {}) {
  TaskScheduler scheduler(threads);
  std::mutex mutex;
  std::map<size_t, std::vector<std::string>> by_range;
  CsvReader reader(files, options, types, std::move(names));
  ReadOutcome outcome;
  outcome.status = reader.Read(
      scheduler, nullptr,
      [&](size_t range, DataChunk& chunk) {
        std::vector<std::string> rows;
        for (size_t row = 0; row < chunk.size(); ++row) {
          std::string text;
          for (size_t column = 0; column < chunk.column_count(); ++column) {
            if (column > 0) text += "|";
            text += chunk.GetValue(column, row).ToString();
          }
          rows.push_back(text);
        }
        std::lock_guard<std::mutex> lock(mutex);
        auto& target = by_range[range];
        target.insert(target.end(), rows.begin(), rows.end());
      },
      &outcome.stats);
  for (auto& [range, rows] : by_range) {
    outcome.rows.insert(outcome.rows.end(), rows.begin(), rows.end());
  }
  return outcome;
}

}  // namespace dq::csv_test

// deepquery-bench: times queries on a prepared DeepQuery warehouse through the public
// embedded API only (deepquery/deepquery.h). See BenchUsage() for the command line.
//
// Measured: the wall time of Connection::Query for the query text, which includes planning,
// execution and materializing the result rows; data is already loaded, `--warmup` untimed
// runs come first. Prints best and median per query; the rows of the last run go to
// <answers-out>/<query>.csv for checking against a peer engine.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "answer_csv.h"
#include "bench_options.h"
#include "deepquery/deepquery.h"
#include "row_formats.h"

namespace deepquery::tools {
namespace {

struct QueryTiming {
  std::string name;
  std::vector<double> runs_ms;
  size_t rows = 0;
  double best_ms() const { return *std::min_element(runs_ms.begin(), runs_ms.end()); }
  double median_ms() const {
    std::vector<double> sorted = runs_ms;
    std::sort(sorted.begin(), sorted.end());
    size_t middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
};

struct LoadTiming {
  std::string statement;  // first line, for the report
  double ms;
  int64_t rows;
};

bool ReadWholeFile(const std::string& path, std::string* text) {
  std::ifstream input(path, std::ios::binary);
  if (!input) return false;
  std::stringstream buffer;
  buffer << input.rdbuf();
  *text = buffer.str();
  return true;
}

double MillisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

// Query names for `--queries all`: every <name>.sql in the folder, q2 before q10.
std::vector<std::string> AllQueries(const std::string& folder) {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    if (entry.path().extension() == ".sql") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  return names;
}

bool RunLoadScript(Connection& connection, const std::string& path,
                   std::vector<LoadTiming>* timings) {
  std::string script;
  if (!ReadWholeFile(path, &script)) {
    std::cerr << "deepquery-bench: cannot read " << path << "\n";
    return false;
  }
  std::string remainder;
  std::vector<std::string> statements = SplitStatements(script, &remainder);
  if (!remainder.empty()) statements.push_back(remainder);
  for (const std::string& statement : statements) {
    auto start = std::chrono::steady_clock::now();
    std::unique_ptr<Result> result = connection.Query(statement);
    double elapsed = MillisecondsSince(start);
    if (!result->ok()) {
      std::cerr << "deepquery-bench: load failed: " << result->error_message() << "\n";
      return false;
    }
    if (result->rows_affected() > 0) {
      std::fprintf(stderr, "load: %-50s %9.1f ms\n", result->message().c_str(), elapsed);
    }
    timings->push_back({result->message(), elapsed, result->rows_affected()});
  }
  return true;
}

std::string TimingsJson(const BenchOptions& options, int threads,
                        const std::vector<LoadTiming>& loads,
                        const std::vector<QueryTiming>& queries) {
  std::ostringstream json;
  json.precision(6);
  json << std::fixed << "{\"engine\":\"deepquery\",\"threads\":" << threads
       << ",\"runs\":" << options.runs << ",\"load\":[";
  double load_total = 0;
  for (size_t index = 0; index < loads.size(); ++index) {
    load_total += loads[index].ms;
    json << (index ? "," : "") << "{\"message\":" << JsonString(loads[index].statement)
         << ",\"ms\":" << loads[index].ms << ",\"rows\":" << loads[index].rows << "}";
  }
  json << "],\"load_total_ms\":" << load_total << ",\"queries\":{";
  for (size_t index = 0; index < queries.size(); ++index) {
    const QueryTiming& query = queries[index];
    json << (index ? "," : "") << JsonString(query.name) << ":{\"best_ms\":" << query.best_ms()
         << ",\"median_ms\":" << query.median_ms() << ",\"rows\":" << query.rows
         << ",\"runs_ms\":[";
    for (size_t run = 0; run < query.runs_ms.size(); ++run) {
      json << (run ? "," : "") << query.runs_ms[run];
    }
    json << "]}";
  }
  json << "}}\n";
  return json.str();
}

int Main(int argc, char** argv) {
  BenchOptions options;
  std::string error;
  if (!ParseBenchOptions(std::vector<std::string>(argv + 1, argv + argc), &options, &error)) {
    std::cerr << "deepquery-bench: " << error << "\n\n" << BenchUsage();
    return 2;
  }
  if (options.help) {
    std::cout << BenchUsage();
    return 0;
  }
  if (options.queries.size() == 1 && options.queries[0] == "all") {
    options.queries = AllQueries(options.query_dir);
  }
  DatabaseOptions database_options;
  database_options.threads = options.threads;
  Database::OpenResult opened = Database::Open(options.warehouse, database_options);
  if (!opened.ok()) {
    std::cerr << "deepquery-bench: cannot open warehouse " << options.warehouse << ": "
              << opened.error_message << "\n";
    return 1;
  }
  std::unique_ptr<Connection> connection = opened.database->Connect();

  std::vector<LoadTiming> loads;
  if (!options.load_script.empty() && !RunLoadScript(*connection, options.load_script, &loads)) {
    return 1;
  }
  if (!options.answers_out.empty()) {
    std::filesystem::create_directories(options.answers_out);
  }

  bool all_ok = true;
  std::vector<QueryTiming> timings;
  std::printf("deepquery  threads=%d runs=%d warmup=%d\n", opened.database->threads(), options.runs,
              options.warmup);
  std::printf("%-8s %12s %12s %8s\n", "query", "best_ms", "median_ms", "rows");
  for (const std::string& name : options.queries) {
    std::string path = options.query_dir + "/" + name + ".sql";
    std::string sql;
    if (!ReadWholeFile(path, &sql)) {
      std::cerr << "deepquery-bench: cannot read " << path << "\n";
      all_ok = false;
      continue;
    }
    QueryTiming timing{name, {}, 0};
    std::unique_ptr<Result> result;
    for (int run = 0; run < options.warmup + options.runs; ++run) {
      auto start = std::chrono::steady_clock::now();
      result = connection->Query(sql);
      double elapsed = MillisecondsSince(start);
      if (!result->ok()) break;
      if (run >= options.warmup) timing.runs_ms.push_back(elapsed);
    }
    if (!result->ok()) {
      std::printf("%-8s FAILED: %s\n", name.c_str(), result->error_message().c_str());
      all_ok = false;
      continue;
    }
    timing.rows = result->row_count();
    std::printf("%-8s %12.1f %12.1f %8zu\n", name.c_str(), timing.best_ms(), timing.median_ms(),
                timing.rows);
    std::fflush(stdout);
    if (!options.answers_out.empty()) {
      std::ofstream answer(options.answers_out + "/" + name + ".csv", std::ios::binary);
      answer << ResultToAnswerCsv(*result);
    }
    timings.push_back(std::move(timing));
  }
  if (!options.json_out.empty()) {
    std::ofstream json(options.json_out, std::ios::binary);
    json << TimingsJson(options, opened.database->threads(), loads, timings);
  }
  return all_ok ? 0 : 1;
}

}  // namespace
}  // namespace deepquery::tools

int main(int argc, char** argv) { return deepquery::tools::Main(argc, argv); }

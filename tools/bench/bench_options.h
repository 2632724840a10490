// Command-line options of `deepquery-bench`:
//
//   deepquery-bench --warehouse DIR --queries q1,q6 [--runs 5] [--warmup 1] [--threads N]
//                   [--query-dir bench/queries/tpch] [--load schema.sql]
//                   [--answers-out DIR] [--json FILE]
//
// Queries are files <query-dir>/<name>.sql; `--queries all` takes every .sql file there.
#pragma once

#include <string>
#include <vector>

namespace deepquery::tools {

struct BenchOptions {
  std::string warehouse;
  std::string query_dir = "bench/queries/tpch";
  std::vector<std::string> queries;  // names without .sql; {"all"} expands to the folder
  int runs = 5;
  int warmup = 1;           // untimed runs before the timed ones
  int threads = 0;          // 0: one per core
  std::string load_script;  // run before the queries, statement by statement, timed
  std::string answers_out;  // folder for <query>.csv of the last run
  std::string json_out;     // timings as JSON
  bool help = false;
};

std::string BenchUsage();

// Parses argv[1..]. Returns false and sets `error` on a bad option.
bool ParseBenchOptions(const std::vector<std::string>& arguments, BenchOptions* options,
                       std::string* error);

}  // namespace deepquery::tools

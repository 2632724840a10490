#include "bench_options.h"

#include <cstdlib>

namespace deepquery::tools {

namespace {

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) items.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return items;
}

bool ParseCount(const std::string& text, int minimum, int* value) {
  char* end = nullptr;
  long parsed = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || parsed < minimum || parsed > 1000000) return false;
  *value = static_cast<int>(parsed);
  return true;
}

}  // namespace

std::string BenchUsage() {
  return "Usage: deepquery-bench --warehouse DIR --queries q1,q6|all [options]\n"
         "  --runs N          timed runs per query (default 5)\n"
         "  --warmup N        untimed runs before them (default 1)\n"
         "  --threads N       worker threads (default: one per core)\n"
         "  --query-dir DIR   where <query>.sql live (default bench/queries/tpch)\n"
         "  --load FILE       run this SQL script first (e.g. schema.sql), timing each statement\n"
         "  --answers-out DIR write the last run's rows to DIR/<query>.csv\n"
         "  --json FILE       write load and query timings as JSON\n";
}

bool ParseBenchOptions(const std::vector<std::string>& arguments, BenchOptions* options,
                       std::string* error) {
  for (size_t index = 0; index < arguments.size(); ++index) {
    const std::string& argument = arguments[index];
    if (argument == "-h" || argument == "--help") {
      options->help = true;
      return true;
    }
    if (index + 1 >= arguments.size()) {
      *error = "missing value after " + argument;
      return false;
    }
    const std::string& value = arguments[++index];
    if (argument == "--warehouse") {
      options->warehouse = value;
    } else if (argument == "--queries") {
      options->queries = SplitList(value);
    } else if (argument == "--query-dir") {
      options->query_dir = value;
    } else if (argument == "--runs") {
      if (!ParseCount(value, 1, &options->runs)) {
        *error = "--runs must be a positive integer, got " + value;
        return false;
      }
    } else if (argument == "--warmup") {
      if (!ParseCount(value, 0, &options->warmup)) {
        *error = "--warmup must be a non-negative integer, got " + value;
        return false;
      }
    } else if (argument == "--threads") {
      if (!ParseCount(value, 0, &options->threads)) {
        *error = "--threads must be a non-negative integer, got " + value;
        return false;
      }
    } else if (argument == "--load") {
      options->load_script = value;
    } else if (argument == "--answers-out") {
      options->answers_out = value;
    } else if (argument == "--json") {
      options->json_out = value;
    } else {
      *error = "unknown option " + argument;
      return false;
    }
  }
  if (options->warehouse.empty()) {
    *error = "--warehouse is required";
    return false;
  }
  if (options->queries.empty() && options->load_script.empty()) {
    *error = "--queries (or --load) is required";
    return false;
  }
  return true;
}

}  // namespace deepquery::tools

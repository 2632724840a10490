// deepquery-dbgen: writes the TPC-H tables as '|'-separated text files for DeepQuery and peer
// engines, plus a schema.sql that creates and loads them in a DeepQuery warehouse.
//
//   deepquery-dbgen --sf 1 --out DIR [--tables lineitem,orders] [--threads N]
//
// Output: DIR/<table>.tbl (no header, no trailing delimiter, see dq::tpch::WriteCsv) and
// DIR/schema.sql (see schema_script.h). Tables are generated in parallel, one per thread.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bench/tpch/table_generator.h"
#include "bench/tpch/tpch_schema.h"
#include "schema_script.h"

namespace deepquery::tools {
namespace {

struct DbgenOptions {
  double sf = 1;
  std::string out;
  std::vector<std::string> tables;  // empty: all
  int threads = 0;                  // 0: one per core
};

constexpr const char* kUsage =
    "Usage: deepquery-dbgen --sf SF --out DIR [--tables t1,t2] [--threads N]\n"
    "Writes DIR/<table>.tbl for the TPC-H tables ('|'-separated, no header) and\n"
    "DIR/schema.sql that creates and loads them: deepquery WAREHOUSE -f DIR/schema.sql\n";

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

bool ParseOptions(int argc, char** argv, DbgenOptions* options, std::string* error) {
  for (int index = 1; index < argc; ++index) {
    std::string argument = argv[index];
    if (argument == "-h" || argument == "--help") {
      *error = "";
      return false;
    }
    if (index + 1 >= argc) {
      *error = "missing value after " + argument;
      return false;
    }
    std::string value = argv[++index];
    if (argument == "--sf") {
      char* end = nullptr;
      options->sf = std::strtod(value.c_str(), &end);
      if (*end != '\0' || !(options->sf > 0)) {
        *error = "--sf must be a positive number, got " + value;
        return false;
      }
    } else if (argument == "--out") {
      options->out = value;
    } else if (argument == "--tables") {
      options->tables = SplitList(value);
      for (const std::string& table : options->tables) {
        if (!dq::tpch::IsTable(table)) {
          *error = "unknown TPC-H table " + table;
          return false;
        }
      }
    } else if (argument == "--threads") {
      options->threads = std::atoi(value.c_str());
    } else {
      *error = "unknown option " + argument;
      return false;
    }
  }
  if (options->out.empty()) {
    *error = "--out is required";
    return false;
  }
  if (options->tables.empty()) options->tables = dq::tpch::TableNames();
  return true;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int Main(int argc, char** argv) {
  DbgenOptions options;
  std::string error;
  if (!ParseOptions(argc, argv, &options, &error)) {
    if (!error.empty()) std::cerr << "deepquery-dbgen: " << error << "\n\n";
    std::cerr << kUsage;
    return error.empty() ? 0 : 2;
  }
  std::error_code filesystem_error;
  std::filesystem::create_directories(options.out, filesystem_error);
  std::string out_dir = std::filesystem::absolute(options.out).lexically_normal().string();
  if (!out_dir.empty() && out_dir.back() == '/') out_dir.pop_back();

  // Largest tables first so the longest job starts at once.
  std::vector<std::string> order = options.tables;
  std::stable_sort(order.begin(), order.end(), [&](const std::string& a, const std::string& b) {
    return dq::tpch::RowCount(a, options.sf) > dq::tpch::RowCount(b, options.sf);
  });
  size_t thread_count = options.threads > 0 ? options.threads : std::thread::hardware_concurrency();
  thread_count = std::clamp<size_t>(thread_count, 1, order.size());

  auto start = std::chrono::steady_clock::now();
  std::atomic<size_t> next_table{0};
  std::atomic<bool> failed{false};
  std::mutex output_mutex;
  auto worker = [&] {
    for (size_t index = next_table++; index < order.size(); index = next_table++) {
      const std::string& table = order[index];
      auto table_start = std::chrono::steady_clock::now();
      dq::Status status = dq::tpch::WriteCsv(table, options.sf, out_dir + "/" + table + ".tbl");
      std::lock_guard<std::mutex> lock(output_mutex);
      if (!status.ok()) {
        std::cerr << "deepquery-dbgen: " << status.message() << "\n";
        failed = true;
        return;
      }
      std::fprintf(stderr, "%-9s %10llu rows  %7.2f s\n", table.c_str(),
                   static_cast<unsigned long long>(dq::tpch::RowCount(table, options.sf)),
                   SecondsSince(table_start));
    }
  };
  std::vector<std::thread> threads;
  for (size_t index = 0; index < thread_count; ++index) threads.emplace_back(worker);
  for (std::thread& thread : threads) thread.join();
  if (failed) return 1;

  std::string schema_path = out_dir + "/schema.sql";
  std::ofstream schema(schema_path, std::ios::binary);
  schema << TpchSchemaScript(options.tables, out_dir);
  if (!schema.flush()) {
    std::cerr << "deepquery-dbgen: cannot write " << schema_path << "\n";
    return 1;
  }
  std::fprintf(stderr, "generated SF %g in %.2f s into %s\n", options.sf, SecondsSince(start),
               out_dir.c_str());
  return 0;
}

}  // namespace
}  // namespace deepquery::tools

int main(int argc, char** argv) { return deepquery::tools::Main(argc, argv); }

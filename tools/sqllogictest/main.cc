// sqllogictest: runs sqllogictest scripts against DeepQuery through the public API.
// See SltUsage() in tools/common/slt_options.cc for the command line.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "connection_executor.h"
#include "slt_options.h"

namespace deepquery::tools {
namespace {

SltFileSummary RunFile(const std::string& path, const SltProgramOptions& options) {
  SltFileSummary summary;
  std::ifstream input(path, std::ios::binary);
  if (!input) {
    summary.failed = 1;
    summary.report = path + ": cannot read the file\n";
    return summary;
  }
  std::stringstream text;
  text << input.rdbuf();
  const SltScript script = ParseSltScript(text.str());

  std::string error;
  ConnectionExecutor executor(options.threads, &error);
  if (!error.empty()) {
    summary.failed = 1;
    summary.report = path + ": " + error + "\n";
    return summary;
  }
  summary = RunSltScript(script, path, executor, options.run);
  if (options.run.complete && summary.completed_text != text.str()) {
    std::ofstream output(path, std::ios::binary | std::ios::trunc);
    output << summary.completed_text;
    if (!output) summary.report += path + ": cannot rewrite the file\n";
  }
  return summary;
}

// Runs `files` on `options.jobs` threads and prints each file's summary in file order.
// Returns the number of failures; `passed` gets the number of passes.
size_t RunFiles(const std::vector<std::string>& files, const SltProgramOptions& options,
                size_t* passed) {
  std::vector<std::optional<SltFileSummary>> summaries(files.size());
  std::mutex mutex;
  std::condition_variable finished;
  std::atomic<size_t> next_file{0};
  std::atomic<bool> stop{false};

  auto worker = [&] {
    while (!stop) {
      const size_t index = next_file++;
      if (index >= files.size()) return;
      SltFileSummary summary = RunFile(files[index], options);
      if (options.run.stop_on_fail && summary.failed > 0) stop = true;
      std::lock_guard<std::mutex> lock(mutex);
      summaries[index] = std::move(summary);
      finished.notify_all();
    }
  };
  std::vector<std::thread> workers;
  const size_t worker_count = std::min<size_t>(std::max(options.jobs, 1), files.size());
  for (size_t count = 0; count < worker_count; ++count) workers.emplace_back(worker);

  size_t failed = 0;
  for (size_t index = 0; index < files.size(); ++index) {
    std::unique_lock<std::mutex> lock(mutex);
    // Files are taken in order, so every file up to the first failure (which ends the loop
    // under --stop-on-fail) is run.
    finished.wait(lock, [&] { return summaries[index].has_value(); });
    const SltFileSummary& summary = *summaries[index];
    if (!options.summary_only) std::cout << summary.report;
    std::cout << files[index] << ": " << summary.passed << " passed, " << summary.failed
              << " failed, " << summary.skipped << " skipped" << std::endl;
    *passed += summary.passed;
    failed += summary.failed;
    if (stop && summary.failed > 0) break;
  }
  for (auto& thread : workers) thread.join();
  return failed;
}

int Main(int argc, char** argv) {
  SltProgramOptions options;
  std::string error;
  if (!ParseSltOptions(std::vector<std::string>(argv + 1, argv + argc), &options, &error)) {
    std::cerr << "sqllogictest: " << error << "\n\n" << SltUsage();
    return 2;
  }
  if (options.help) {
    std::cout << SltUsage();
    return 0;
  }
  std::vector<std::string> files;
  if (!CollectSltFiles(options.paths, &files, &error)) {
    std::cerr << "sqllogictest: " << error << "\n";
    return 2;
  }
  if (options.summary_only) options.run.max_failures_shown = 0;
  size_t passed = 0;
  const size_t failed = RunFiles(files, options, &passed);
  std::cout << passed << " passed, " << failed << " failed" << std::endl;
  return failed == 0 ? 0 : 1;
}

}  // namespace
}  // namespace deepquery::tools

int main(int argc, char** argv) { return deepquery::tools::Main(argc, argv); }

// zetasql_compliance: runs GoogleSQL (ZetaSQL) file-based compliance tests against DeepQuery
// and prints `FILE: N passed, M failed, K skipped` per file and the overall counts.
// See docs/compliance.md.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "compliance_runner.h"
#include "feature_probe.h"
#include "temporary_directory.h"
#include "zetasql_test_file.h"

namespace deepquery::tools {
namespace {

constexpr const char* kUsage =
    "usage: zetasql_compliance [options] PATH...\n"
    "Runs GoogleSQL compliance .test files (PATH: files or directories) on fresh temporary\n"
    "warehouses and prints per-file and overall pass counts.\n"
    "  --features F1,F2,...     declared features (default: probed from the engine)\n"
    "  --verbose                print every failure with its SQL\n"
    "  --max-failures-shown N   failures listed per file (default 3; --verbose: all)\n"
    "  --list-unsupported       print skips by missing feature and failures by cause\n"
    "  --threads N              worker threads per warehouse (default 1)\n"
    "  --timeout-seconds N      interrupt a query after N seconds (default 30)\n"
    "  --fail-on-failure        exit 1 when any case fails (for smoke tests)\n";

struct ProgramOptions {
  ComplianceOptions run;
  bool features_given = false;
  bool verbose = false;
  size_t max_failures_shown = 3;
  bool list_unsupported = false;
  bool fail_on_failure = false;
  std::vector<std::string> paths;
};

bool ParseArguments(int argc, char** argv, ProgramOptions* options, std::string* error) {
  for (int index = 1; index < argc; ++index) {
    const std::string argument = argv[index];
    auto next_value = [&](std::string* value) {
      if (index + 1 >= argc) {
        *error = argument + " needs a value";
        return false;
      }
      *value = argv[++index];
      return true;
    };
    std::string value;
    if (argument == "--features") {
      if (!next_value(&value)) return false;
      options->features_given = true;
      for (const std::string& feature : SplitCommaList(value)) options->run.features.insert(feature);
    } else if (argument == "--verbose") {
      options->verbose = true;
    } else if (argument == "--list-unsupported") {
      options->list_unsupported = true;
    } else if (argument == "--fail-on-failure") {
      options->fail_on_failure = true;
    } else if (argument == "--max-failures-shown" || argument == "--threads" ||
               argument == "--timeout-seconds") {
      if (!next_value(&value)) return false;
      const int number = std::atoi(value.c_str());
      if (number < 0 || (number == 0 && value != "0")) {
        *error = argument + " needs a number";
        return false;
      }
      if (argument == "--max-failures-shown") options->max_failures_shown = static_cast<size_t>(number);
      if (argument == "--threads") options->run.threads = number;
      if (argument == "--timeout-seconds") options->run.timeout_seconds = std::max(number, 1);
    } else if (argument == "--help" || argument == "-h") {
      std::cout << kUsage;
      std::exit(0);
    } else if (!argument.empty() && argument[0] == '-') {
      *error = "unknown option " + argument;
      return false;
    } else {
      options->paths.push_back(argument);
    }
  }
  if (options->paths.empty()) *error = "no PATH given";
  return error->empty();
}

// Files named on the command line, and the *.test files under directories (sorted).
std::vector<std::string> CollectFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ignored;
    if (!std::filesystem::is_directory(path, ignored)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(path, ignored)) {
      if (entry.is_regular_file() && entry.path().extension() == ".test") found.push_back(entry.path().string());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

std::set<std::string> ProbeFeatures() {
  TemporaryDirectory directory("deepquery-zetasql-probe");
  Database::OpenResult opened = Database::Open(directory.path() + "/warehouse");
  if (!opened.ok()) return {};
  std::unique_ptr<Connection> connection = opened.database->Connect();
  std::set<std::string> features = ProbeDeclaredFeatures(*connection);
  connection.reset();
  return features;
}

void PrintFailures(const std::string& path, const ZetasqlReport& report, const ProgramOptions& options,
                   const std::vector<ZetasqlSection>& sections) {
  const size_t limit = options.verbose ? report.failures.size() : options.max_failures_shown;
  for (size_t index = 0; index < report.failures.size() && index < limit; ++index) {
    const ZetasqlCaseOutcome& failure = report.failures[index];
    std::cout << "  FAIL " << path << ":" << failure.line << " " << failure.name
              << "\n    " << failure.detail << "\n";
    if (!options.verbose) continue;
    for (const ZetasqlSection& section : sections) {
      if (section.line == failure.line) std::cout << "    SQL: " << section.sql << "\n";
    }
  }
  if (report.failures.size() > limit) {
    std::cout << "  ... " << report.failures.size() - limit << " more failures\n";
  }
}

int Main(int argc, char** argv) {
  ProgramOptions options;
  std::string error;
  if (!ParseArguments(argc, argv, &options, &error)) {
    std::cerr << "zetasql_compliance: " << error << "\n" << kUsage;
    return 2;
  }
  if (!options.features_given) options.run.features = ProbeFeatures();
  std::cout << "declared features:";
  for (const std::string& feature : options.run.features) std::cout << " " << feature;
  std::cout << "\n";

  ZetasqlReport overall;
  bool unreadable = false;
  for (const std::string& path : CollectFiles(options.paths)) {
    std::ifstream input(path, std::ios::binary);
    if (!input) {
      std::cout << path << ": cannot read the file\n";
      unreadable = true;
      continue;
    }
    std::stringstream text;
    text << input.rdbuf();
    ZetasqlReport report;
    if (!RunComplianceFile(text.str(), options.run, &report, &error)) {
      std::cout << path << ": " << error << "\n";
      unreadable = true;
      continue;
    }
    PrintFailures(path, report, options, ParseZetasqlFile(text.str()));
    std::cout << path << ": " << FormatZetasqlCounts(report) << std::endl;
    overall.MergeCounts(report);
  }
  if (options.list_unsupported) std::cout << "\n" << FormatZetasqlBreakdown(overall) << "\n";
  const size_t run = overall.passed + overall.failed;
  std::cout << FormatZetasqlCounts(overall);
  if (run > 0) std::cout << "; pass rate " << (100 * overall.passed / run) << "% of the cases run";
  std::cout << "\n" << overall.passed << " passed, " << overall.failed << " failed\n";
  if (unreadable) return 1;
  return options.fail_on_failure && overall.failed > 0 ? 1 : 0;
}

}  // namespace
}  // namespace deepquery::tools

int main(int argc, char** argv) { return deepquery::tools::Main(argc, argv); }

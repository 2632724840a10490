// deepquery: the interactive shell and script runner for DeepQuery warehouses.
// See CliUsage() in tools/common/cli_options.cc for the command line.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli_options.h"
#include "deepquery/deepquery.h"
#include "interrupt_signal.h"
#include "shell.h"

namespace deepquery::tools {
namespace {

constexpr const char* kVersion = "0.1.0-dev";

bool ReadWholeFile(const std::string& path, std::string* text) {
  std::ifstream input(path, std::ios::binary);
  if (!input) return false;
  std::stringstream buffer;
  buffer << input.rdbuf();
  *text = buffer.str();
  return true;
}

int Main(int argc, char** argv) {
  CliOptions options;
  std::string error;
  if (!ParseCliOptions(std::vector<std::string>(argv + 1, argv + argc),
                       std::getenv("DEEPQUERY_HOME"), &options, &error)) {
    std::cerr << "deepquery: " << error << "\n\n" << CliUsage();
    return 2;
  }
  if (options.help) {
    std::cout << CliUsage();
    return 0;
  }
  if (options.version) {
    std::cout << "deepquery " << kVersion << "\n";
    return 0;
  }
  InstallInterruptHandler();

  DatabaseOptions database_options;
  database_options.threads = options.threads;
  Database::OpenResult opened = Database::Open(options.warehouse, database_options);
  if (!opened.ok()) {
    std::cerr << "Error: cannot open warehouse " << options.warehouse << ": "
              << opened.error_message << "\n";
    return 1;
  }
  std::unique_ptr<Connection> connection = opened.database->Connect();
  Shell shell(*connection, options);

  if (!options.inputs.empty()) {
    bool all_ok = true;
    for (const CliOptions::Input& input : options.inputs) {
      std::string text = input.text;
      if (input.is_file && !ReadWholeFile(input.text, &text)) {
        std::cerr << "Error: cannot read " << input.text << "\n";
        return 1;
      }
      all_ok = shell.RunText(text) && all_ok;
      if (!all_ok && !options.keep_going) break;
    }
    return all_ok ? 0 : 1;
  }
  if (!isatty(STDIN_FILENO)) {
    std::stringstream text;
    text << std::cin.rdbuf();
    return shell.RunText(text.str()) ? 0 : 1;
  }
  std::printf("DeepQuery %s, warehouse %s. Enter .help for help.\n", kVersion,
              opened.database->path().c_str());
  shell.RunInteractive();
  return 0;
}

}  // namespace
}  // namespace deepquery::tools

int main(int argc, char** argv) { return deepquery::tools::Main(argc, argv); }

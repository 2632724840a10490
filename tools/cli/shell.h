// The `deepquery` shell: runs statements from text (-c, -f, stdin) or from an interactive
// prompt with line editing and history, and prints their results.
#pragma once

#include <string>
#include <string_view>

#include "cli_options.h"
#include "deepquery/deepquery.h"

namespace deepquery::tools {

class Shell {
 public:
  // `connection` must outlive the shell. Single-threaded.
  Shell(Connection& connection, const CliOptions& options);

  // Runs every statement in `text`, printing results to stdout and errors to stderr.
  // Stops at the first failure unless --keep-going. Returns false if any statement failed.
  bool RunText(std::string_view text);

  // Reads statements at the `deepquery> ` prompt until `.quit` or end of input. History is
  // kept in ~/.deepquery_history.
  void RunInteractive();

 private:
  bool RunStatement(const std::string& statement);
  // Handles `.help`, `.quit`... Returns false when the shell should exit.
  bool RunShellCommand(const std::string& command);

  Connection& connection_;
  const CliOptions& options_;
  bool stderr_is_terminal_;
  bool unicode_;
};

}  // namespace deepquery::tools

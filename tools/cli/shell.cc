#include "shell.h"

#include <editline/readline.h>
#include <langinfo.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "interrupt_signal.h"
#include "query_runner.h"
#include "result_printer.h"

namespace deepquery::tools {
namespace {

constexpr const char* kPrompt = "deepquery> ";
constexpr const char* kContinuationPrompt = "        -> ";
constexpr size_t kDefaultWidth = 120;

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string Trim(std::string_view text) {
  const size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return "";
  const size_t end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

size_t TerminalWidth() {
  winsize size{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    return size.ws_col;
  }
  return kDefaultWidth;
}

bool LocaleIsUtf8() {
  std::setlocale(LC_CTYPE, "");
  const char* codeset = nl_langinfo(CODESET);
  return codeset != nullptr &&
         (std::strcmp(codeset, "UTF-8") == 0 || std::strcmp(codeset, "utf8") == 0);
}

std::string HistoryPath() {
  const char* home = std::getenv("HOME");
  return home == nullptr ? "" : std::string(home) + "/.deepquery_history";
}

}  // namespace

Shell::Shell(Connection& connection, const CliOptions& options)
    : connection_(connection),
      options_(options),
      stderr_is_terminal_(isatty(STDERR_FILENO)),
      unicode_(LocaleIsUtf8()) {}

bool Shell::RunStatement(const std::string& statement) {
  // Positions in error messages are relative to the text sent, so send it trimmed: the caret
  // line then starts at the statement's first line.
  const std::string sql = Trim(statement);
  const std::unique_ptr<Result> result = RunWatchedQuery(connection_, sql, stderr_is_terminal_);
  if (!result->ok()) {
    PrintError(result->error_message(), sql, stderr_is_terminal_, stderr);
    return false;
  }
  PrintSettings settings;
  settings.format = options_.format;
  settings.unicode = unicode_;
  settings.max_width = TerminalWidth();
  settings.max_rows = options_.max_rows;
  settings.timing = options_.timing;
  PrintResult(*result, settings, stdout);
  return true;
}

bool Shell::RunText(std::string_view text) {
  std::string remainder;
  std::vector<std::string> statements = SplitStatements(text, &remainder);
  if (!IsBlank(remainder)) statements.push_back(remainder);
  bool all_ok = true;
  for (const std::string& statement : statements) {
    if (IsBlank(statement)) continue;
    if (!RunStatement(statement)) {
      all_ok = false;
      if (!options_.keep_going) break;
    }
  }
  return all_ok;
}

bool Shell::RunShellCommand(const std::string& command) {
  if (command == ".quit" || command == ".exit" || command == "\\q") return false;
  if (command == ".help" || command == "\\?") {
    std::printf(
        "Enter GoogleSQL statements ending in `;` (they may span lines).\n"
        "  .help      show this help\n"
        "  .quit      exit (also \\q or Ctrl-D)\n"
        "Ctrl-C cancels the running query, or clears the line at the prompt.\n");
  } else {
    std::fprintf(stderr, "Unknown command: %s (try .help)\n", command.c_str());
  }
  return true;
}

void Shell::RunInteractive() {
  const std::string history_path = HistoryPath();
  using_history();
  if (!history_path.empty()) read_history(history_path.c_str());

  std::string buffer;
  while (true) {
    char* line = readline(buffer.empty() ? kPrompt : kContinuationPrompt);
    if (TakeInterruptRequest()) {  // Ctrl-C at the prompt: drop what was typed
      std::free(line);
      buffer.clear();
      std::printf("\n");
      continue;
    }
    if (line == nullptr) {  // Ctrl-D
      std::printf("\n");
      break;
    }
    std::string text(line);
    std::free(line);
    if (buffer.empty() && (text.starts_with(".") || text.starts_with("\\"))) {
      const std::string command = Trim(text);
      add_history(command.c_str());
      if (!RunShellCommand(command)) break;
      continue;
    }
    buffer += text;
    buffer += '\n';
    std::string remainder;
    const std::vector<std::string> statements = SplitStatements(buffer, &remainder);
    if (statements.empty()) {
      if (IsBlank(remainder)) buffer.clear();
      continue;
    }
    const std::string entered = Trim(buffer.substr(0, buffer.size() - remainder.size()));
    if (!entered.empty()) add_history(entered.c_str());
    for (const std::string& statement : statements) {
      if (!IsBlank(statement)) RunStatement(statement);
    }
    buffer = IsBlank(remainder) ? "" : remainder;
  }
  if (!history_path.empty()) write_history(history_path.c_str());
}

}  // namespace deepquery::tools

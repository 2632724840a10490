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
  // Line by line, so that a `.command` line between statements runs in order (as at the
  // prompt); statements are everything else, split at `;`.
  std::string buffer;
  bool all_ok = true;
  auto run_statements = [&](const std::vector<std::string>& statements) {
    for (const std::string& statement : statements) {
      if (IsBlank(statement)) continue;
      if (!RunStatement(statement)) {
        all_ok = false;
        if (!options_.keep_going) return false;
      }
    }
    return true;
  };
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    std::string trimmed = Trim(line);
    if (IsBlank(buffer) && (trimmed.starts_with(".") || trimmed.starts_with("\\"))) {
      if (!RunShellCommand(trimmed)) return all_ok;
      continue;
    }
    buffer.append(line);
    buffer += '\n';
    std::string remainder;
    std::vector<std::string> statements = SplitStatements(buffer, &remainder);
    if (statements.empty()) continue;  // keep the whole text, newlines included
    if (!run_statements(statements)) return false;
    buffer = remainder;
    // A statement may continue on the next line: keep a separator after what remains.
    if (!buffer.empty()) buffer += '\n';
  }
  if (!IsBlank(buffer) && !run_statements({buffer})) return false;
  return all_ok;
}

namespace {

// A SQL string literal of `text` (single-quoted, quotes and backslashes escaped).
std::string Quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

bool Shell::RunShellCommand(const std::string& command) {
  if (command == ".quit" || command == ".exit" || command == "\\q") return false;
  std::string name;
  if (command.starts_with(".describe ")) name = Trim(command.substr(10));
  if (command == ".help" || command == "\\?") {
    std::printf(
        "Enter GoogleSQL statements ending in `;` (they may span lines).\n"
        "  .tables          list tables and views\n"
        "  .models          list models\n"
        "  .describe NAME   columns of a table or view, inputs and outputs of a model\n"
        "                   (NAME is [dataset.]name)\n"
        "  .help            show this help\n"
        "  .quit            exit (also \\q or Ctrl-D)\n"
        "Ctrl-C cancels the running query, or clears the line at the prompt.\n");
  } else if (command == ".tables") {
    RunStatement(
        "SELECT table_schema, table_name, table_type, row_count FROM INFORMATION_SCHEMA.TABLES "
        "ORDER BY table_schema, table_name");
  } else if (command == ".models") {
    RunStatement(
        "SELECT model_schema, model_name, model_type, creation_time FROM "
        "INFORMATION_SCHEMA.MODELS ORDER BY model_schema, model_name");
  } else if (!name.empty()) {
    size_t dot = name.rfind('.');
    std::string dataset = dot == std::string::npos ? "default" : name.substr(0, dot);
    std::string object = dot == std::string::npos ? name : name.substr(dot + 1);
    auto models = connection_.Query(
        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.MODELS WHERE LOWER(model_schema) = LOWER(" +
        Quoted(dataset) + ") AND LOWER(model_name) = LOWER(" + Quoted(object) + ")");
    if (models->ok() && models->row_count() == 1 && models->GetString(0, 0) != "0") {
      RunStatement("SELECT * FROM ML.FEATURE_INFO(MODEL `" + dataset + "`.`" + object + "`)");
    } else {
      auto columns = connection_.Query(
          "SELECT column_name, data_type, is_nullable, column_default FROM "
          "INFORMATION_SCHEMA.COLUMNS WHERE LOWER(table_schema) = LOWER(" + Quoted(dataset) +
          ") AND LOWER(table_name) = LOWER(" + Quoted(object) + ") ORDER BY ordinal_position");
      if (columns->ok() && columns->row_count() == 0) {
        std::fprintf(stderr, "No table, view or model named %s\n", name.c_str());
      } else {
        RunStatement(
            "SELECT column_name, data_type, is_nullable, column_default FROM "
            "INFORMATION_SCHEMA.COLUMNS WHERE LOWER(table_schema) = LOWER(" + Quoted(dataset) +
            ") AND LOWER(table_name) = LOWER(" + Quoted(object) + ") ORDER BY ordinal_position");
      }
    }
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

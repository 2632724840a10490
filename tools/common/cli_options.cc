#include "cli_options.h"

#include <charconv>

namespace deepquery::tools {
namespace {

bool ParseCount(const std::string& text, long minimum, long* value) {
  const char* end = text.data() + text.size();
  auto [position, error] = std::from_chars(text.data(), end, *value);
  return error == std::errc() && position == end && *value >= minimum;
}

}  // namespace

std::string CliUsage() {
  return "Usage: deepquery [options] [WAREHOUSE]\n"
         "Opens the warehouse directory WAREHOUSE (default: $DEEPQUERY_HOME, else ./warehouse;\n"
         "created when absent) and runs GoogleSQL. Without -c/-f, statements are read from\n"
         "stdin when it is not a terminal; otherwise an interactive shell starts.\n"
         "\n"
         "Options:\n"
         "  -c SQL                  run SQL and exit (may be repeated)\n"
         "  -f FILE                 run the statements in FILE and exit (may be repeated)\n"
         "  --format table|csv|json output format (default table)\n"
         "  --max-rows N            rows shown in table format (default 40)\n"
         "  --threads N             worker threads (default: one per core)\n"
         "  --no-timing             do not print elapsed times\n"
         "  --keep-going            run the remaining statements after an error\n"
         "  -h, --help              show this help\n"
         "  --version               show the version\n"
         "\n"
         "The exit status is 1 when a statement failed in -c/-f/stdin mode.\n"
         "In the shell: end statements with `;`, `.help` for help, `.quit` or Ctrl-D to exit,\n"
         "Ctrl-C cancels the running query.\n";
}

bool ParseCliOptions(const std::vector<std::string>& arguments, const char* deepquery_home,
                     CliOptions* options, std::string* error) {
  std::vector<std::string> positional;
  for (size_t index = 0; index < arguments.size(); ++index) {
    const std::string& argument = arguments[index];
    std::string value;
    auto next_value = [&] {
      if (index + 1 >= arguments.size()) {
        *error = argument + " needs a value";
        return false;
      }
      value = arguments[++index];
      return true;
    };
    if (argument == "-h" || argument == "--help") {
      options->help = true;
    } else if (argument == "--version") {
      options->version = true;
    } else if (argument == "--no-timing") {
      options->timing = false;
    } else if (argument == "--keep-going") {
      options->keep_going = true;
    } else if (argument == "-c" || argument == "-f") {
      if (!next_value()) return false;
      options->inputs.push_back({argument == "-f", value});
    } else if (argument == "--format") {
      if (!next_value()) return false;
      if (value == "table") {
        options->format = OutputFormat::kTable;
      } else if (value == "csv") {
        options->format = OutputFormat::kCsv;
      } else if (value == "json") {
        options->format = OutputFormat::kJson;
      } else {
        *error = "unknown format: " + value + " (use table, csv or json)";
        return false;
      }
    } else if (argument == "--threads" || argument == "--max-rows") {
      if (!next_value()) return false;
      long count = 0;
      if (!ParseCount(value, argument == "--threads" ? 0 : 1, &count)) {
        *error = "bad value for " + argument + ": " + value;
        return false;
      }
      if (argument == "--threads") options->threads = static_cast<int>(count);
      if (argument == "--max-rows") options->max_rows = static_cast<size_t>(count);
    } else if (argument.size() > 1 && argument[0] == '-') {
      *error = "unknown option: " + argument;
      return false;
    } else {
      positional.push_back(argument);
    }
  }
  if (positional.size() > 1) {
    *error = "more than one warehouse given: " + positional[0] + ", " + positional[1];
    return false;
  }
  if (!positional.empty()) {
    options->warehouse = positional[0];
  } else if (deepquery_home != nullptr && *deepquery_home != '\0') {
    options->warehouse = deepquery_home;
  } else {
    options->warehouse = "warehouse";
  }
  return true;
}

}  // namespace deepquery::tools

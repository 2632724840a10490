#include "storage/csv/csv_options.h"

#include <cctype>

namespace dq {

Result<char> ParseCsvDelimiter(std::string_view text) {
  std::string lower;
  for (char c : text)
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (lower == "tab" || lower == "\\t" || lower == "\t") return '\t';
  if (lower == "comma") return ',';
  if (lower == "pipe") return '|';
  if (lower == "semicolon") return ';';
  if (text.size() == 1 && text[0] != '\n' && text[0] != '\r') return text[0];
  return Status::InvalidInput("Invalid field_delimiter '" + std::string(text) +
                              "': expected one character or 'tab'");
}

Status ValidateCsvOptions(const CsvOptions& options) {
  char delimiter = options.delimiter();
  if (delimiter == '\n' || delimiter == '\r' || delimiter == '\0') {
    return Status::InvalidInput(
        "Invalid field_delimiter: a line break or NUL cannot separate fields");
  }
  if (options.quote == '\n' || options.quote == '\r') {
    return Status::InvalidInput("Invalid quote: a line break cannot quote fields");
  }
  if (options.quote != '\0' && options.quote == delimiter) {
    return Status::InvalidInput("Invalid CSV options: quote and field_delimiter are both '" +
                                std::string(1, delimiter) + "'");
  }
  if (options.range_bytes == 0)
    return Status::InvalidInput("Invalid CSV options: range_bytes is 0");
  return Status::OK();
}

std::string ResolveCsvPath(const std::string& base_directory, const std::string& path) {
  if (base_directory.empty() || (!path.empty() && path[0] == '/')) return path;
  if (base_directory.back() == '/') return base_directory + path;
  return base_directory + "/" + path;
}

}  // namespace dq

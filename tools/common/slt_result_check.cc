#include "slt_result_check.h"

#include <algorithm>
#include <cctype>

#include "md5.h"

namespace deepquery::tools {
namespace {

using Rows = std::vector<std::vector<std::string>>;

Rows ToRows(const std::vector<std::string>& values, size_t column_count) {
  Rows rows;
  for (size_t begin = 0; begin < values.size(); begin += column_count) {
    const size_t end = std::min(values.size(), begin + column_count);
    rows.emplace_back(values.begin() + begin, values.begin() + end);
  }
  return rows;
}

std::string JoinRow(const std::vector<std::string>& row) {
  std::string line;
  for (size_t column = 0; column < row.size(); ++column) {
    if (column > 0) line += '\t';
    line += row[column];
  }
  return line;
}

// At most `max_lines` rows of `values` as TAB-joined lines, indented, with a count of the rest.
std::string Excerpt(const std::vector<std::string>& values, size_t column_count, size_t max_lines) {
  const Rows rows = ToRows(values, column_count);
  std::string text;
  for (size_t row = 0; row < rows.size() && row < max_lines; ++row) {
    text += "    " + JoinRow(rows[row]) + "\n";
  }
  if (rows.size() > max_lines) {
    text += "    ... (" + std::to_string(rows.size() - max_lines) + " more rows)\n";
  }
  if (rows.empty()) text += "    (no rows)\n";
  return text;
}

}  // namespace

void SortSltValues(std::vector<std::string>* values, size_t column_count, SltSortMode mode) {
  if (mode == SltSortMode::kValueSort) {
    std::sort(values->begin(), values->end());
  } else if (mode == SltSortMode::kRowSort && column_count > 0 &&
             values->size() % column_count == 0) {
    Rows rows = ToRows(*values, column_count);
    std::sort(rows.begin(), rows.end());
    values->clear();
    for (auto& row : rows) {
      for (auto& value : row) values->push_back(std::move(value));
    }
  }
}

std::string HashSltValues(const std::vector<std::string>& values) {
  Md5 md5;
  for (const std::string& value : values) {
    md5.Update(value);
    md5.Update("\n");
  }
  return md5.HexDigest();
}

bool ParseHashLine(std::string_view line, size_t* value_count, std::string* hash) {
  constexpr std::string_view kMiddle = " values hashing to ";
  size_t digits = 0;
  while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) {
    ++digits;
  }
  if (digits == 0 || line.substr(digits, kMiddle.size()) != kMiddle) return false;
  const std::string_view hex = line.substr(digits + kMiddle.size());
  if (hex.size() != 32) return false;
  for (char character : hex) {
    if (!std::isxdigit(static_cast<unsigned char>(character)) ||
        std::isupper(static_cast<unsigned char>(character))) {
      return false;
    }
  }
  *value_count = std::stoull(std::string(line.substr(0, digits)));
  *hash = std::string(hex);
  return true;
}

std::vector<std::string> ExpectedSltValues(const std::vector<std::string>& lines) {
  const bool tab_separated = std::any_of(lines.begin(), lines.end(), [](const std::string& line) {
    return line.find('\t') != std::string::npos;
  });
  if (!tab_separated) return lines;
  std::vector<std::string> values;
  for (const std::string& line : lines) {
    size_t begin = 0;
    while (true) {
      const size_t tab = line.find('\t', begin);
      values.push_back(
          line.substr(begin, tab == std::string::npos ? std::string::npos : tab - begin));
      if (tab == std::string::npos) break;
      begin = tab + 1;
    }
  }
  return values;
}

SltCheckResult CheckSltQuery(const std::vector<std::string>& expected_lines,
                             std::vector<std::string> actual_values, size_t column_count,
                             SltSortMode mode, size_t max_lines_shown) {
  SltCheckResult result;
  SortSltValues(&actual_values, column_count, mode);
  result.actual_hash = HashSltValues(actual_values);

  size_t expected_count = 0;
  std::string expected_hash;
  if (expected_lines.size() == 1 &&
      ParseHashLine(expected_lines[0], &expected_count, &expected_hash)) {
    result.ok = expected_count == actual_values.size() && expected_hash == result.actual_hash;
    if (!result.ok) {
      result.mismatch = "  expected: " + expected_lines[0] +
                        "\n  actual:   " + std::to_string(actual_values.size()) +
                        " values hashing to " + result.actual_hash + "\n" +
                        Excerpt(actual_values, column_count, max_lines_shown);
    }
    return result;
  }

  std::vector<std::string> expected_values = ExpectedSltValues(expected_lines);
  SortSltValues(&expected_values, column_count, mode);
  result.ok = expected_values == actual_values;
  if (!result.ok) {
    result.mismatch = "  expected " + std::to_string(expected_values.size()) + " values:\n" +
                      Excerpt(expected_values, column_count, max_lines_shown) + "  actual " +
                      std::to_string(actual_values.size()) + " values:\n" +
                      Excerpt(actual_values, column_count, max_lines_shown);
  }
  return result;
}

std::vector<std::string> FormatSltExpected(std::vector<std::string> actual_values,
                                           size_t column_count, SltSortMode mode,
                                           size_t hash_threshold) {
  SortSltValues(&actual_values, column_count, mode);
  if (hash_threshold > 0 && actual_values.size() > hash_threshold) {
    return {std::to_string(actual_values.size()) + " values hashing to " +
            HashSltValues(actual_values)};
  }
  std::vector<std::string> lines;
  for (const auto& row : ToRows(actual_values, column_count)) lines.push_back(JoinRow(row));
  return lines;
}

}  // namespace deepquery::tools

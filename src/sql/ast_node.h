// Shared pieces of the SQL abstract syntax tree (see ast.h for the overview).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dq::sql {

// Renders `name` as an identifier: unchanged when it is a valid unquoted non-reserved
// identifier, otherwise in backticks with escapes.
std::string QuoteIdentifier(std::string_view name);
// Renders a path such as {"ds", "t"} as `ds.t`, quoting each part as needed.
std::string PathToString(const std::vector<std::string>& path);
// Renders `value` as a GoogleSQL string literal in single quotes, escaping as needed.
std::string QuoteString(std::string_view value);
// Renders `value` as a bytes literal b'...'.
std::string QuoteBytes(std::string_view value);

// Joins the ToString() of each element of a vector of (smart) pointers or objects.
template <typename Container, typename Render>
std::string JoinStrings(const Container& items, std::string_view separator, Render render) {
  std::string result;
  bool first = true;
  for (const auto& item : items) {
    if (!first) result += separator;
    first = false;
    result += render(item);
  }
  return result;
}

}  // namespace dq::sql

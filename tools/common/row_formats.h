// CSV (RFC 4180) and JSON renderings of result rows, for `deepquery --format csv|json`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace deepquery::tools {

// A field, quoted with `"` (inner quotes doubled) when it contains a comma, a quote, CR or
// LF, or starts or ends with a space.
std::string CsvField(std::string_view text);

// Fields joined by commas and ended by "\n". NULL (std::nullopt) is an empty field.
std::string CsvLine(const std::vector<std::optional<std::string>>& fields);

// `text` as a JSON string literal, with quotes: `"` and `\` escaped, control characters as
// \n, \t, \r, \b, \f or \u00XX; other bytes (UTF-8) copied.
std::string JsonString(std::string_view text);

// How a column's values appear in JSON.
enum class JsonKind {
  kString,  // a JSON string
  kNumber,  // a bare number; values that are not JSON numbers (inf, nan) become strings
  kBool,    // true / false
  kRaw,     // already JSON text (GoogleSQL JSON values), copied
};

// The JsonKind for a GoogleSQL type name (INT64 -> kNumber, BOOL -> kBool, JSON -> kRaw...).
JsonKind JsonKindForType(const std::string& type);

// One row as a JSON object `{"name":value,...}` (no newline); NULL is `null`.
// REQUIRES: names, kinds and values have the same size.
std::string JsonObject(const std::vector<std::string>& names, const std::vector<JsonKind>& kinds,
                       const std::vector<std::optional<std::string>>& values);

// Whether `text` is a number in JSON's grammar.
bool IsJsonNumber(std::string_view text);

}  // namespace deepquery::tools

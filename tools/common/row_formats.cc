#include "row_formats.h"

#include <cctype>
#include <cstdio>

namespace deepquery::tools {

std::string CsvField(std::string_view text) {
  const bool needs_quotes = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                            (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!needs_quotes) return std::string(text);
  std::string quoted = "\"";
  for (char character : text) {
    if (character == '"') quoted += '"';
    quoted += character;
  }
  quoted += '"';
  return quoted;
}

std::string CsvLine(const std::vector<std::optional<std::string>>& fields) {
  std::string line;
  for (size_t index = 0; index < fields.size(); ++index) {
    if (index > 0) line += ',';
    if (fields[index].has_value()) line += CsvField(*fields[index]);
  }
  line += '\n';
  return line;
}

std::string JsonString(std::string_view text) {
  std::string json = "\"";
  for (char character : text) {
    switch (character) {
      case '"':
        json += "\\\"";
        break;
      case '\\':
        json += "\\\\";
        break;
      case '\n':
        json += "\\n";
        break;
      case '\r':
        json += "\\r";
        break;
      case '\t':
        json += "\\t";
        break;
      case '\b':
        json += "\\b";
        break;
      case '\f':
        json += "\\f";
        break;
      default:
        if (static_cast<unsigned char>(character) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof(buffer), "\\u%04x", character);
          json += buffer;
        } else {
          json += character;
        }
    }
  }
  json += '"';
  return json;
}

JsonKind JsonKindForType(const std::string& type) {
  if (type == "INT64" || type == "FLOAT64" || type == "NUMERIC" || type == "BIGNUMERIC" ||
      type == "INT32" || type == "FLOAT32" || type == "UINT64" || type == "UINT32") {
    return JsonKind::kNumber;
  }
  if (type == "BOOL") return JsonKind::kBool;
  if (type == "JSON") return JsonKind::kRaw;
  return JsonKind::kString;
}

bool IsJsonNumber(std::string_view text) {
  size_t position = 0;
  auto digits = [&] {
    const size_t begin = position;
    while (position < text.size() && std::isdigit(static_cast<unsigned char>(text[position]))) {
      ++position;
    }
    return position - begin;
  };
  if (position < text.size() && text[position] == '-') ++position;
  if (position < text.size() && text[position] == '0') {
    ++position;
  } else if (digits() == 0) {
    return false;
  }
  if (position < text.size() && text[position] == '.') {
    ++position;
    if (digits() == 0) return false;
  }
  if (position < text.size() && (text[position] == 'e' || text[position] == 'E')) {
    ++position;
    if (position < text.size() && (text[position] == '+' || text[position] == '-')) ++position;
    if (digits() == 0) return false;
  }
  return position == text.size();
}

std::string JsonObject(const std::vector<std::string>& names, const std::vector<JsonKind>& kinds,
                       const std::vector<std::optional<std::string>>& values) {
  std::string json = "{";
  for (size_t index = 0; index < names.size(); ++index) {
    if (index > 0) json += ',';
    json += JsonString(names[index]);
    json += ':';
    if (!values[index].has_value()) {
      json += "null";
      continue;
    }
    const std::string& value = *values[index];
    switch (kinds[index]) {
      case JsonKind::kNumber:
        json += IsJsonNumber(value) ? value : JsonString(value);
        break;
      case JsonKind::kBool:
        json += (value == "true" || value == "TRUE") ? "true" : "false";
        break;
      case JsonKind::kRaw:
        json += value;
        break;
      case JsonKind::kString:
        json += JsonString(value);
        break;
    }
  }
  json += '}';
  return json;
}

}  // namespace deepquery::tools

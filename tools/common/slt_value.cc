#include "slt_value.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace deepquery::tools {
namespace {

// Like SQLite's column_int on text: optional spaces and sign, then digits; 0 if none.
int64_t LeadingInteger(const std::string& text) {
  size_t position = text.find_first_not_of(" \t\n");
  if (position == std::string::npos) return 0;
  bool negative = false;
  if (text[position] == '+' || text[position] == '-') {
    negative = text[position] == '-';
    ++position;
  }
  uint64_t magnitude = 0;
  const uint64_t limit = uint64_t{std::numeric_limits<int64_t>::max()} + (negative ? 1 : 0);
  for (; position < text.size() && text[position] >= '0' && text[position] <= '9'; ++position) {
    magnitude = magnitude * 10 + static_cast<uint64_t>(text[position] - '0');
    if (magnitude > limit) {
      magnitude = limit;
      break;
    }
  }
  return negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
}

int64_t TruncateReal(double value) {
  if (std::isnan(value)) return 0;
  if (value >= 9.2233720368547758e18) return std::numeric_limits<int64_t>::max();
  if (value <= -9.2233720368547758e18) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(value);
}

std::string RenderInteger(const SltValue& value) {
  int64_t integer = 0;
  switch (value.kind) {
    case SltValue::Kind::kBool:
    case SltValue::Kind::kInteger:
      integer = value.integer;
      break;
    case SltValue::Kind::kReal:
      integer = TruncateReal(value.real);
      break;
    default:
      integer = LeadingInteger(value.text);
      break;
  }
  return std::to_string(integer);
}

std::string RenderReal(const SltValue& value) {
  double real = 0;
  switch (value.kind) {
    case SltValue::Kind::kBool:
    case SltValue::Kind::kInteger:
      real = static_cast<double>(value.integer);
      break;
    case SltValue::Kind::kReal:
      real = value.real;
      break;
    default:
      real = std::strtod(value.text.c_str(), nullptr);
      break;
  }
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.3f", real);
  return buffer;
}

std::string RenderText(const std::string& text) {
  if (text.empty()) return "(empty)";
  std::string rendered = text;
  for (char& character : rendered) {
    const auto byte = static_cast<unsigned char>(character);
    if (byte < 0x20 || byte > 0x7e) character = '@';
  }
  return rendered;
}

}  // namespace

SltValue SltValue::Integer(int64_t value) {
  SltValue result;
  result.kind = Kind::kInteger;
  result.integer = value;
  result.text = std::to_string(value);
  return result;
}

SltValue SltValue::Real(double value) {
  SltValue result;
  result.kind = Kind::kReal;
  result.real = value;
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.17g", value);
  result.text = buffer;
  return result;
}

SltValue SltValue::Text(std::string value) {
  SltValue result;
  result.kind = Kind::kText;
  result.text = std::move(value);
  return result;
}

SltValue SltValue::Bool(bool value) {
  SltValue result;
  result.kind = Kind::kBool;
  result.integer = value ? 1 : 0;
  result.text = value ? "true" : "false";
  return result;
}

std::string RenderSltValue(const SltValue& value, char column_type) {
  if (value.kind == SltValue::Kind::kNull) return "NULL";
  switch (column_type) {
    case 'I':
      return RenderInteger(value);
    case 'R':
      return RenderReal(value);
    default:
      return RenderText(value.text);
  }
}

}  // namespace deepquery::tools

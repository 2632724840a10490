#include "zetasql_compare.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace deepquery::tools {
namespace {

const char* KindName(ZetasqlKind kind) {
  switch (kind) {
    case ZetasqlKind::kInteger: return "integer";
    case ZetasqlKind::kFloat: return "floating point";
    case ZetasqlKind::kNumeric: return "NUMERIC";
    case ZetasqlKind::kBool: return "BOOL";
    case ZetasqlKind::kString: return "STRING";
    case ZetasqlKind::kBytes: return "BYTES";
    case ZetasqlKind::kDate: return "DATE";
    case ZetasqlKind::kDatetime: return "DATETIME";
    case ZetasqlKind::kTime: return "TIME";
    case ZetasqlKind::kTimestamp: return "TIMESTAMP";
    case ZetasqlKind::kInterval: return "INTERVAL";
    case ZetasqlKind::kJson: return "JSON";
    case ZetasqlKind::kArray: return "ARRAY";
    case ZetasqlKind::kStruct: return "STRUCT";
    case ZetasqlKind::kNull: return "NULL";
    case ZetasqlKind::kOther: return "other";
  }
  return "?";
}

void SetWhy(std::string* why, const std::string& text) {
  if (why != nullptr) *why = text;
}

bool FloatsMatch(double expected, double actual, double tolerance) {
  if (std::isnan(expected) || std::isnan(actual)) return std::isnan(expected) && std::isnan(actual);
  if (expected == actual) return true;  // also -0 == 0 and inf == inf
  if (std::isinf(expected) || std::isinf(actual)) return false;
  const double scale = std::max(std::fabs(expected), std::fabs(actual));
  return std::fabs(expected - actual) <= tolerance * scale;
}

// Multiset match: each expected element takes the first unused actual element that matches.
bool MultisetMatch(const std::vector<ZetasqlValue>& expected, const std::vector<ZetasqlValue>& actual,
                   std::string* why) {
  std::vector<bool> used(actual.size(), false);
  for (const ZetasqlValue& element : expected) {
    bool found = false;
    for (size_t index = 0; index < actual.size() && !found; ++index) {
      if (!used[index] && ZetasqlValuesMatch(element, actual[index], nullptr)) {
        used[index] = true;
        found = true;
      }
    }
    if (!found) {
      SetWhy(why, "expected element " + element.DebugString() + " not found");
      return false;
    }
  }
  return true;
}

}  // namespace

bool ZetasqlValuesMatch(const ZetasqlValue& expected, const ZetasqlValue& actual, std::string* why) {
  const bool kinds_compatible = expected.kind == actual.kind ||
                                (expected.is_null && expected.kind == ZetasqlKind::kNull) ||
                                (actual.is_null && actual.kind == ZetasqlKind::kNull);
  if (!kinds_compatible) {
    SetWhy(why, std::string("expected a ") + KindName(expected.kind) + " value " +
                    expected.DebugString() + ", got a " + KindName(actual.kind) + " value " +
                    actual.DebugString());
    return false;
  }
  if (expected.is_null || actual.is_null) {
    if (expected.is_null && actual.is_null) return true;
    SetWhy(why, "expected " + expected.DebugString() + ", got " + actual.DebugString());
    return false;
  }
  bool match = true;
  switch (expected.kind) {
    case ZetasqlKind::kFloat:
      match = FloatsMatch(expected.float_value, actual.float_value,
                          expected.is_float32 ? kFloat32Tolerance : kDoubleTolerance);
      break;
    case ZetasqlKind::kTimestamp:
      match = expected.micros == actual.micros;
      break;
    case ZetasqlKind::kInterval:
      match = expected.months == actual.months && expected.days == actual.days &&
              expected.nanos == actual.nanos;
      break;
    case ZetasqlKind::kArray:
    case ZetasqlKind::kStruct: {
      if (expected.children.size() != actual.children.size()) {
        SetWhy(why, std::string("expected ") + KindName(expected.kind) + " with " +
                        std::to_string(expected.children.size()) + " elements " +
                        expected.DebugString() + ", got " + std::to_string(actual.children.size()) +
                        ": " + actual.DebugString());
        return false;
      }
      if (expected.kind == ZetasqlKind::kArray && !expected.ordered) {
        return MultisetMatch(expected.children, actual.children, why);
      }
      for (size_t index = 0; index < expected.children.size(); ++index) {
        if (!ZetasqlValuesMatch(expected.children[index], actual.children[index], why)) return false;
      }
      return true;
    }
    default:
      match = expected.text == actual.text;
  }
  if (!match) SetWhy(why, "expected " + expected.DebugString() + ", got " + actual.DebugString());
  return match;
}

bool ZetasqlTablesMatch(const ZetasqlExpected& expected, const ZetasqlType& actual_type,
                        const ZetasqlValue& actual_table, std::string* why) {
  const ZetasqlType& expected_row = expected.type.children.at(0);
  const ZetasqlType& actual_row = actual_type.children.at(0);
  if (expected_row.children.size() != actual_row.children.size()) {
    SetWhy(why, "expected " + std::to_string(expected_row.children.size()) + " columns, got " +
                    std::to_string(actual_row.children.size()));
    return false;
  }
  for (size_t column = 0; column < expected_row.children.size(); ++column) {
    const ZetasqlKind expected_kind = expected_row.children[column].kind;
    const ZetasqlKind actual_kind = actual_row.children[column].kind;
    if (expected_kind != actual_kind && actual_kind != ZetasqlKind::kNull) {
      SetWhy(why, "column " + std::to_string(column + 1) + ": expected type " +
                      expected_row.children[column].name + ", got " +
                      actual_row.children[column].name);
      return false;
    }
  }
  const size_t expected_rows = expected.table.is_null ? 0 : expected.table.children.size();
  if (expected_rows != actual_table.children.size()) {
    SetWhy(why, "expected " + std::to_string(expected_rows) + " rows, got " +
                    std::to_string(actual_table.children.size()));
    return false;
  }
  return ZetasqlValuesMatch(expected.table, actual_table, why);
}

std::string ZetasqlCodeForErrorKind(const std::string& error_kind) {
  if (error_kind == "out_of_range" || error_kind == "invalid_input") return "out_of_range";
  if (error_kind == "syntax" || error_kind == "binding" || error_kind == "catalog") {
    return "invalid_argument";
  }
  if (error_kind == "not_supported") return "unimplemented";
  return "internal";
}

}  // namespace deepquery::tools

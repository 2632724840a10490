// Compares a query's rendered values with a record's expected results.
//
// Expected results (the lines after `----`) are read by this rule:
//   1. one line `N values hashing to <32 hex digits>`: the MD5 of the actual values after
//      sorting, each followed by "\n", must equal the hash, and N the number of values;
//   2. otherwise, if any line contains a TAB, each line is one row and its values are
//      separated by TABs (DuckDB style). Rendered values never contain a TAB (it becomes `@`),
//      so this cannot misread a one-value-per-line block;
//   3. otherwise each line is one value, row-major (the SQLite format).
// Under `rowsort` / `valuesort` both sides are sorted before comparing, so hand-written
// expectations need not be in sorted order.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "slt_record.h"

namespace deepquery::tools {

// Sorts row-major `values` (`column_count` per row): rows compared value by value with
// byte-wise string comparison (rowsort), or all values individually (valuesort).
void SortSltValues(std::vector<std::string>* values, size_t column_count, SltSortMode mode);

// MD5 over the values, each followed by "\n".
std::string HashSltValues(const std::vector<std::string>& values);

// Parses `N values hashing to <md5>`; false if `line` is not of that form.
bool ParseHashLine(std::string_view line, size_t* value_count, std::string* hash);

// Rule 2/3 above (a hash line is not handled here).
std::vector<std::string> ExpectedSltValues(const std::vector<std::string>& lines);

struct SltCheckResult {
  bool ok = false;
  // On mismatch: a multi-line description of expected vs actual (first lines of each).
  std::string mismatch;
  // The hash of the sorted actual values, for label checks.
  std::string actual_hash;
};

// REQUIRES: column_count > 0. `actual_values` are rendered, row-major, in result order.
SltCheckResult CheckSltQuery(const std::vector<std::string>& expected_lines,
                             std::vector<std::string> actual_values, size_t column_count,
                             SltSortMode mode, size_t max_lines_shown = 10);

// The expected block for --complete: a hash line when the values exceed `hash_threshold`
// (0 = never hash), else one row per line with TAB-separated values. Values are sorted by
// `mode` first.
std::vector<std::string> FormatSltExpected(std::vector<std::string> actual_values,
                                           size_t column_count, SltSortMode mode,
                                           size_t hash_threshold);

}  // namespace deepquery::tools

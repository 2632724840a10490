// Runs one GoogleSQL compliance file (see tools/common/zetasql_test_file.h) against a fresh
// temporary DeepQuery warehouse through the public embedded API and tallies the outcome of
// each case.
//
// Per case: skip when it needs an undeclared feature, touches protos/enums, or uses a table
// whose [prepare_database] section was skipped; fail when that section failed; otherwise
// evaluate [parameters] with `SELECT <list>`, run the SQL with them, and compare (errors by
// code, results as typed values; see zetasql_compare.h).
#pragma once

#include <set>
#include <string>

#include "zetasql_report.h"

namespace deepquery::tools {

struct ComplianceOptions {
  std::set<std::string> features;
  // Worker threads of the temporary warehouse.
  int threads = 1;
  // A query running longer than this is interrupted and fails.
  int timeout_seconds = 30;
};

// Runs the file's text; `report.failures` lists the failed cases. If the warehouse cannot be
// created, returns false with `error` set.
bool RunComplianceFile(const std::string& text, const ComplianceOptions& options,
                       ZetasqlReport* report, std::string* error);

}  // namespace deepquery::tools

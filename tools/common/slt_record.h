// One record of a sqllogictest script, as read by ParseSltScript (slt_parser.h).
//
// The file format is described in /work/shared/testdata/sqllogictest/README.md; our additions
// are listed in slt_parser.h.
#pragma once

#include <string>
#include <vector>

namespace deepquery::tools {

enum class SltRecordKind {
  kStatement,      // statement ok | statement error [message]
  kQuery,          // query <types> [<sortmode>] [<label>] | query error [message]
  kHashThreshold,  // hash-threshold N
  kHalt,           // halt: stop running the file
  kMode,           // mode <name>, e.g. `mode integer_division`
  kInvalid,        // a line the parser does not understand; reported as a failure
};

enum class SltSortMode { kNoSort, kRowSort, kValueSort };

struct SltRecord {
  SltRecordKind kind = SltRecordKind::kInvalid;
  // 1-based line of the record's command line (`statement`, `query`, ...), for reports.
  int line = 0;
  // Engine names from `skipif <db>` / `onlyif <db>` lines before the command line.
  std::vector<std::string> skip_if;
  std::vector<std::string> only_if;

  // kStatement and kQuery.
  std::string sql;
  bool expect_error = false;
  // Expected substring of the error message (empty: any error). A message starting with
  // `<REGEX>:` is a regular expression that must match part of the message.
  std::string expected_error;

  // kQuery (not an error query).
  std::string column_types;  // one letter per result column: I, R or T
  SltSortMode sort_mode = SltSortMode::kNoSort;
  std::string label;
  std::vector<std::string> expected_lines;  // the lines after `----`

  // kHashThreshold.
  int hash_threshold = 0;
  // kMode, and kInvalid (the offending text).
  std::string argument;

  // 0-based indexes into the script's lines, used by --complete to rewrite results:
  // the first line after the SQL (the `----` line when present) and one past the last line.
  int results_begin = 0;
  int end = 0;
};

}  // namespace deepquery::tools

// Parses sqllogictest scripts into records.
//
// Format: records are separated by blank lines; a line starting with `#` outside a record is a
// comment. A record is optional `skipif <db>` / `onlyif <db>` lines, a command line, and for
// statements and queries the SQL on the following lines (no trailing `;` needed).
//
//   statement ok | statement error [message]   SQL; for `statement error` a `----` line may
//                                               follow the SQL, then the expected message
//                                               (DuckDB style)
//   query <types> [nosort|rowsort|valuesort] [label]
//                                               SQL, `----`, then the expected results
//   query error [message]                      like `statement error`
//   hash-threshold N | halt | mode <name>
//
// Expected results are either one value per line, one row per line with TAB-separated
// values, or one line `N values hashing to <md5>`; see slt_result_check.h for the rule.
// Unknown commands become kInvalid records so that the runner can report them with a line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "slt_record.h"

namespace deepquery::tools {

struct SltScript {
  // The script's lines without line terminators (a trailing `\r` is removed).
  std::vector<std::string> lines;
  std::vector<SltRecord> records;
};

// Never fails: problems are kInvalid records.
SltScript ParseSltScript(std::string_view text);

}  // namespace deepquery::tools

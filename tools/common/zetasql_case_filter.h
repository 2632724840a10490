// Decides which GoogleSQL compliance cases a given engine can run, and classifies them.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "zetasql_test_file.h"

namespace deepquery::tools {

// Why a case is not run; empty `missing_features` and `reason` mean "run it".
struct ZetasqlSkip {
  // required_features not in the declared set (all of them, for the per-feature table).
  std::vector<std::string> missing_features;
  // Any other reason: "proto/enum", "forbidden feature X is declared", ...
  std::string reason;

  bool skipped() const { return !missing_features.empty() || !reason.empty(); }
  // One line: the reason, or "missing feature A, B".
  std::string Describe() const;
};

// A pseudo-feature for the ZetaSQL types BigQuery lacks: cases whose SQL, parameters or
// expected output mention INT32, UINT32 or UINT64 need it.
inline constexpr const char* kNonBigQueryIntegerTypes = "INT32_UINT32_UINT64_TYPES";

// Checks the section's required/forbidden features (and kNonBigQueryIntegerTypes) against `declared` (feature names
// without the FEATURE_ prefix) and skips every case touching protos or enums
// (load_proto_*/load_enum_names options, `zetasql_test__` names, PROTO/ENUM types).
ZetasqlSkip ZetasqlSkipFor(const ZetasqlSection& section, const std::set<std::string>& declared);

// The table a `[prepare_database]` section creates (`CREATE [OR REPLACE] TABLE [IF NOT EXISTS]
// name ...`), or "" when the SQL is not a CREATE TABLE.
std::string ZetasqlPreparedTableName(std::string_view sql);

// True when `sql` (or the parameters) mentions `table` as a whole word, ignoring case.
bool ZetasqlMentionsTable(const ZetasqlSection& section, const std::string& table);

}  // namespace deepquery::tools

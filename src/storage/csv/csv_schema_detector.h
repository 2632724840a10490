// Schema auto-detection for CSV loads into a table that does not exist yet, following
// BigQuery's schema auto-detection:
//  * delimiter (unless given): among , \t | ; the one that splits the first records into the
//    same number (> 1) of fields most consistently, then the most fields; ',' otherwise;
//  * per column type from the first options.sample_rows data rows, NULLs (empty or null_marker)
//    ignored: each value gets the narrowest of BOOL (true/false only), INT64, FLOAT64, DATE,
//    TIME, DATETIME (no zone), TIMESTAMP (with zone), STRING; a column takes the join of its
//    values: INT64+FLOAT64 = FLOAT64, DATE+DATETIME = DATETIME, DATE|DATETIME+TIMESTAMP =
//    TIMESTAMP, any other mix = STRING; an all-NULL column is STRING;
//  * header (unless skip_leading_rows is given): the first row is a header when some column
//    has a non-STRING type that its first-row value does not fit, or, when every column is
//    STRING, when the first row's values are distinct identifier-like names while some data
//    value is not identifier-like;
//  * names: header values made into valid column names (characters other than letters,
//    digits and '_' become '_', a leading digit gets a '_' prefix, duplicates get _2, _3...);
//    without a header string_field_0, string_field_1, ... as in BigQuery.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "storage/csv/csv_options.h"
#include "types/logical_type.h"

namespace dq {

struct CsvSchema {
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  bool has_header = false;
  char delimiter = ',';
};

// Samples the first files in order. REQUIRES: !files.empty().
Result<CsvSchema> DetectCsvSchema(const std::vector<std::string>& files, const CsvOptions& options);

// Copies the decisions into `options` so CsvReader reads what was detected: the delimiter and,
// unless already set, skip_leading_rows = 1 when a header was found (0 otherwise).
void ApplyCsvSchema(const CsvSchema& schema, CsvOptions* options);

// The value type of one non-NULL field, as used by detection (exposed for tests).
TypeId DetectCsvValueType(std::string_view text);

}  // namespace dq

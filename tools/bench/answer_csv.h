// Result rows as CSV for answer checking against a peer engine (bench/compare_answers.mjs).
//
// A header line of column names, then one line per row, RFC 4180 quoting (see CsvField).
// FLOAT64 values print with printf "%.15g" (15 significant digits, so two engines' sums that
// agree to 1e-6 relative compare equal after parsing), INT64 as integers, NULL as an empty
// field, everything else as GoogleSQL's CAST(x AS STRING) (DATE as YYYY-MM-DD).
#pragma once

#include <string>

#include "deepquery/deepquery.h"

namespace deepquery::tools {

// The 15-significant-digit rendering used for FLOAT64 values.
std::string FormatAnswerDouble(double value);

// REQUIRES: result.ok().
std::string ResultToAnswerCsv(const Result& result);

}  // namespace deepquery::tools

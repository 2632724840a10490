// Comparison rules of the GoogleSQL compliance runner: typed values (float tolerance, NULLs,
// ordered vs unordered arrays), whole result tables, and error codes.
#pragma once

#include <string>

#include "zetasql_value.h"
#include "zetasql_value_parser.h"

namespace deepquery::tools {

// Relative tolerance for DOUBLE; FLOAT (32-bit) expected values get kFloat32Tolerance.
inline constexpr double kDoubleTolerance = 1e-12;
inline constexpr double kFloat32Tolerance = 1e-6;

// True when `actual` matches `expected`: NULL only equals NULL of a compatible kind;
// DOUBLE within the relative tolerance, nan == nan, -0 == 0, inf only equals inf; every
// other scalar by its normalized form (see zetasql_value.h); arrays with `ordered` false in
// `expected` as multisets, others element by element; structs field by field. Integer vs
// NUMERIC vs DOUBLE are different kinds and never match. On mismatch `why` (may be null)
// says where.
bool ZetasqlValuesMatch(const ZetasqlValue& expected, const ZetasqlValue& actual, std::string* why);

// Compares a result table (an array of row structs, in the engine's row order) with the
// expected table: column count, column kinds of the header against `actual_type`, row count,
// then rows in order (known order) or as a multiset.
bool ZetasqlTablesMatch(const ZetasqlExpected& expected, const ZetasqlType& actual_type,
                        const ZetasqlValue& actual_table, std::string* why);

// Maps an engine error kind (deepquery::Result::error_kind()) to the ZetaSQL status code it
// corresponds to: runtime data errors ("out_of_range", "invalid_input") -> "out_of_range";
// analysis errors ("syntax", "binding", "catalog") -> "invalid_argument"; "not_supported" ->
// "unimplemented" (a missing engine feature, so it never matches an expected result or an
// analysis error); anything else -> "internal".
std::string ZetasqlCodeForErrorKind(const std::string& error_kind);

}  // namespace deepquery::tools

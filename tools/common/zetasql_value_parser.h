// Parsers for the two text forms of GoogleSQL values that the compliance runner compares:
// the expected-output grammar of the compliance files (README in
// ../shared/testdata/zetasql) and the GoogleSQL literals the engine prints for nested values.
// Both are type-directed: the type says how to read each value (a TIMESTAMP is read up to
// the next `,`/`}`/`]`; a JSON value by balancing brackets), and ARRAY values in expected
// output carry their element type (`ARRAY<INT64>[...]`) because headers write `ARRAY<>`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "zetasql_value.h"

namespace deepquery::tools {

// The expected output of a compliance case.
struct ZetasqlExpected {
  bool is_error = false;
  // For errors: "out_of_range", "invalid_argument", ...
  std::string error_code;
  // For results: the header type (ARRAY<STRUCT<...>>) and the table as an array of structs.
  ZetasqlType type;
  ZetasqlValue table;
};

// Parses `ERROR: generic::<code>: ...` or `ARRAY<STRUCT<...>>[...]`. On failure returns
// nullopt and sets `error`.
std::optional<ZetasqlExpected> ParseZetasqlExpected(std::string_view text, std::string* error);

// Which literal syntax a nested value is written in.
enum class ZetasqlSyntax {
  // The compliance output grammar: `ARRAY<INT64>[known order: 1, 2]`, `{1, "x"}`, bare
  // dates/timestamps, `nan`.
  kExpectedOutput,
  // GoogleSQL literals as the engine prints nested values: `[1, 2]`, `(1, "x")`,
  // `DATE "2001-01-01"`, `CAST("nan" AS FLOAT64)`, `JSON "{...}"`.
  kSqlLiteral,
};

// Parses one value of `type` written in `syntax`. Nullopt (with `error` set) on malformed
// text or trailing garbage.
std::optional<ZetasqlValue> ParseZetasqlValue(const ZetasqlType& type, std::string_view text,
                                              ZetasqlSyntax syntax, std::string* error);

}  // namespace deepquery::tools

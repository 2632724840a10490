// GoogleSQL format elements for FORMAT_DATE / FORMAT_DATETIME / FORMAT_TIME / FORMAT_TIMESTAMP
// and their PARSE_* counterparts.
//
// Supported elements: %A %a %B %b %h %C %c %D %d %e %F %G %g %H %I %j %k %l %M %m %n %P %p %Q
// %R %S %s %T %t %U %u %V %W %w %X %x %Y %y %Z %z %Ez %E#S (# = 0..9 fractional digits) %E*S
// (all significant fractional digits) %E4Y %% and the %O / %E alternatives of numeric
// elements, which behave like the plain ones. Unknown elements are copied as written when
// formatting and are an error when parsing.
//
// Parsing follows GoogleSQL: whitespace in the format matches any run (possibly empty) of
// whitespace in the input, leading and trailing input whitespace is ignored, numbers take at
// most their field width, month and day names match case-insensitively in full or
// abbreviated form, and unspecified fields default to 1970-01-01 00:00:00. Any mismatch is a
// kOutOfRange error: Failed to parse input string "<input>".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dq {

// A civil date and time with an optional UTC offset, the unit formatting and parsing work on.
struct CivilDateTime {
  int64_t year = 1970;
  int32_t month = 1;
  int32_t day = 1;
  int32_t hour = 0;
  int32_t minute = 0;
  int32_t second = 0;
  int64_t micros = 0;            // fraction of the second, 0..999999
  int32_t offset_seconds = 0;    // UTC offset of the civil time (TIMESTAMP formatting)
  std::string zone_abbreviation;  // for %Z, e.g. "UTC" or "PST"
};

// Splits microseconds since the civil epoch into fields.
CivilDateTime CivilFromMicros(int64_t micros);
// Microseconds since the civil epoch of `civil` (ignores the offset).
int64_t MicrosFromCivil(const CivilDateTime& civil);

// Expands `format` for `civil`. `epoch_seconds` feeds %s (seconds since the Unix epoch).
std::string FormatCivil(std::string_view format, const CivilDateTime& civil,
                        int64_t epoch_seconds);

struct ParsedCivil {
  CivilDateTime civil;
  std::optional<int32_t> offset_seconds;  // from %z / %Ez, or a fixed-offset %Z
  std::string zone_name;                  // from %Z (an IANA name), if given
  std::optional<int64_t> epoch_seconds;   // from %s: overrides the other fields
};

// Parses `input` by `format`; throws kOutOfRange on mismatch or invalid dates.
ParsedCivil ParseCivil(std::string_view format, std::string_view input);

}  // namespace dq

// Time zones for the TIMESTAMP functions: "UTC", fixed offsets ("+08", "-07:30", "UTC+3") and
// IANA names ("America/Los_Angeles") looked up in the system tz database (libdate-tz).
//
// A TimeZone is immutable and cheap to copy; Find() caches nothing itself (the tz database
// keeps parsed zones for the process), so kernels resolve a constant zone once per batch.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace date {
class time_zone;
}

namespace dq {

class TimeZone {
 public:
  // UTC.
  TimeZone() = default;

  // Throws kOutOfRange "Invalid time zone: <name>" for unknown names.
  static TimeZone Find(std::string_view name);

  // UTC offset in seconds at the instant `utc_micros`, and the zone's abbreviation there.
  int32_t OffsetAt(int64_t utc_micros, std::string* abbreviation = nullptr) const;
  // UTC instant of a civil time in this zone; a civil time skipped by a transition uses the
  // offset before it, a repeated one the earlier instant (as GoogleSQL does).
  int64_t ToUtc(int64_t civil_micros) const;
  // Civil time (microseconds since the civil epoch) of a UTC instant.
  int64_t ToCivil(int64_t utc_micros) const { return utc_micros + OffsetAt(utc_micros) * 1000000LL; }

 private:
  const date::time_zone* zone_ = nullptr;  // null for fixed offsets
  int32_t fixed_offset_seconds_ = 0;
  std::string name_ = "UTC";
};

}  // namespace dq

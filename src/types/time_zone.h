// Time zones for TIMESTAMP conversions: "UTC", fixed offsets ("+08", "-07:30", "UTC+3") and
// IANA names ("America/Los_Angeles") looked up in the system tz database (libdate-tz).
// A session has one default zone (SET @@time_zone); the binder hands it to every conversion
// between TIMESTAMP and civil time that names no zone itself.
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

  const std::string& name() const { return name_; }
  bool is_utc() const { return zone_ == nullptr && fixed_offset_seconds_ == 0; }

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

// Parses a TIMESTAMP text: a date, optionally a time, optionally a zone ("Z", "UTC",
// "+08", "-07:30", or an IANA name after a space, "2013-07-22 16:24:00 Europe/London").
// Text without a zone is a civil time in `zone`. False when malformed or out of range.
bool ParseTimestampInZone(std::string_view text, const TimeZone& zone, int64_t* micros);

// The canonical text of a TIMESTAMP in `zone`, as CAST(ts AS STRING) prints it:
// "2000-01-22 23:13:14-08", "2000-01-23 12:43:14.5+05:30", "2000-01-23 07:13:14+00".
std::string FormatTimestampInZone(int64_t micros, const TimeZone& zone);

}  // namespace dq

#include "types/time_zone.h"

// libdate-tz is built to read the system tz database; the header must agree.
#define USE_OS_TZDB 1
#include <date/tz.h>

#include <cctype>
#include <cstdio>

#include "common/error.h"
#include "types/date_time.h"

namespace dq {

namespace {

[[noreturn]] void ThrowInvalidZone(std::string_view name) {
  throw Error(ErrorKind::kOutOfRange, "Invalid time zone: " + std::string(name));
}

// Parses [+-]H[H][[:]MM]; false when `text` is not an offset.
bool ParseOffset(std::string_view text, int32_t* seconds) {
  if (text.empty() || (text[0] != '+' && text[0] != '-')) return false;
  bool negative = text[0] == '-';
  size_t position = 1;
  int hours = 0;
  int digits = 0;
  while (position < text.size() && digits < 2 && std::isdigit(static_cast<unsigned char>(text[position]))) {
    hours = hours * 10 + (text[position++] - '0');
    ++digits;
  }
  if (digits == 0) return false;
  int minutes = 0;
  if (position < text.size()) {
    if (text[position] == ':') ++position;
    if (text.size() - position != 2 || !std::isdigit(static_cast<unsigned char>(text[position])) ||
        !std::isdigit(static_cast<unsigned char>(text[position + 1]))) {
      return false;
    }
    minutes = (text[position] - '0') * 10 + (text[position + 1] - '0');
  }
  if (hours > 14 || minutes > 59) return false;
  *seconds = (hours * 3600 + minutes * 60) * (negative ? -1 : 1);
  return true;
}

int64_t FloorSeconds(int64_t micros) {
  return micros >= 0 ? micros / 1000000 : -((-micros + 999999) / 1000000);
}

}  // namespace

TimeZone TimeZone::Find(std::string_view name) {
  TimeZone zone;
  zone.name_ = std::string(name);
  if (name == "UTC" || name == "Z" || name == "Etc/UTC") return zone;
  std::string_view offset = name;
  if (offset.starts_with("UTC")) offset.remove_prefix(3);
  if (ParseOffset(offset, &zone.fixed_offset_seconds_)) return zone;
  try {
    zone.zone_ = date::locate_zone(std::string(name));
  } catch (const std::exception&) {
    ThrowInvalidZone(name);
  }
  return zone;
}

int32_t TimeZone::OffsetAt(int64_t utc_micros, std::string* abbreviation) const {
  if (zone_ == nullptr) {
    if (abbreviation != nullptr) {
      if (fixed_offset_seconds_ == 0) {
        *abbreviation = "UTC";
      } else {
        int32_t magnitude = fixed_offset_seconds_ < 0 ? -fixed_offset_seconds_ : fixed_offset_seconds_;
        char buffer[16];
        std::snprintf(buffer, sizeof(buffer), "UTC%c%d", fixed_offset_seconds_ < 0 ? '-' : '+',
                      magnitude / 3600);
        *abbreviation = buffer;
        if (magnitude % 3600 != 0) {
          std::snprintf(buffer, sizeof(buffer), ":%02d", magnitude / 60 % 60);
          *abbreviation += buffer;
        }
      }
    }
    return fixed_offset_seconds_;
  }
  date::sys_seconds instant{std::chrono::seconds{FloorSeconds(utc_micros)}};
  date::sys_info info = zone_->get_info(instant);
  if (abbreviation != nullptr) *abbreviation = info.abbrev;
  return static_cast<int32_t>(info.offset.count());
}

int64_t TimeZone::ToUtc(int64_t civil_micros) const {
  if (zone_ == nullptr) return civil_micros - fixed_offset_seconds_ * int64_t{1000000};
  date::local_seconds local{std::chrono::seconds{FloorSeconds(civil_micros)}};
  date::local_info info = zone_->get_info(local);
  // unique: the one offset; nonexistent: the offset before the gap; ambiguous: the earlier
  // instant, which also uses the first offset.
  return civil_micros - info.first.offset.count() * int64_t{1000000};
}

bool ParseTimestampInZone(std::string_view text, const TimeZone& zone, int64_t* micros) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  int64_t civil;
  if (ParseDatetime(text, &civil, /*keep_leap_fraction=*/true)) {
    *micros = zone.ToUtc(civil);
  } else {
    // A trailing IANA zone name ("... Europe/London"); "UTC" and offsets are ParseTimestamp's.
    size_t space = text.rfind(' ');
    bool named = space != std::string_view::npos && space + 1 < text.size() &&
                 std::isalpha(static_cast<unsigned char>(text[space + 1])) &&
                 text.substr(space + 1) != "UTC" && text.substr(space + 1) != "utc";
    if (named && ParseDatetime(text.substr(0, space), &civil, /*keep_leap_fraction=*/true)) {
      try {
        *micros = TimeZone::Find(text.substr(space + 1)).ToUtc(civil);
      } catch (const Error&) {
        return false;
      }
    } else if (!ParseTimestamp(text, micros)) {
      return false;
    }
  }
  return *micros >= int64_t{kMinDate} * kMicrosPerDay &&
         *micros < (int64_t{kMaxDate} + 1) * kMicrosPerDay;
}

std::string FormatTimestampInZone(int64_t micros, const TimeZone& zone) {
  if (zone.is_utc()) return FormatTimestamp(micros);
  int32_t offset = zone.OffsetAt(micros);
  int32_t magnitude = offset < 0 ? -offset : offset;
  char suffix[16];
  if (magnitude % 3600 == 0) {
    std::snprintf(suffix, sizeof(suffix), "%c%02d", offset < 0 ? '-' : '+', magnitude / 3600);
  } else {
    std::snprintf(suffix, sizeof(suffix), "%c%02d:%02d", offset < 0 ? '-' : '+', magnitude / 3600,
                  magnitude / 60 % 60);
  }
  return FormatDatetime(micros + offset * kMicrosPerSecond) + suffix;
}

}  // namespace dq

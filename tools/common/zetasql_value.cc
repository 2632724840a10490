#include "zetasql_value.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace deepquery::tools {
namespace {

std::string Trim(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return std::string(text.substr(begin, end - begin));
}

std::string Upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) {
    return std::isdigit(c) != 0;
  });
}

// Reads a type at `*position` of `text`: NAME, NAME<...> (balanced).
class TypeReader {
 public:
  explicit TypeReader(std::string_view text) : text_(text) {}

  std::optional<ZetasqlType> ReadType() {
    SkipSpace();
    const std::string name = Upper(ReadIdentifier());
    if (name.empty()) return std::nullopt;
    ZetasqlType type;
    type.name = name;
    SkipSpace();
    if (name == "ARRAY" || name == "STRUCT") {
      if (!Consume('<')) return std::nullopt;
      type.kind = name == "ARRAY" ? ZetasqlKind::kArray : ZetasqlKind::kStruct;
      SkipSpace();
      if (Consume('>')) {
        type.name += "<>";
        return type;
      }
      while (true) {
        std::string field_name;
        if (type.kind == ZetasqlKind::kStruct) field_name = ReadFieldName();
        std::optional<ZetasqlType> child = ReadType();
        if (!child) return std::nullopt;
        type.children.push_back(std::move(*child));
        type.field_names.push_back(field_name);
        SkipSpace();
        if (Consume('>')) break;
        if (!Consume(',')) return std::nullopt;
      }
      if (type.kind == ZetasqlKind::kArray && type.children.size() != 1) return std::nullopt;
      return type;
    }
    type.kind = ScalarKindOf(name);
    if (Peek() == '<' || Peek() == '(') {  // RANGE<DATE>, STRING(10): keep the text
      const size_t start = position_;
      int depth = 0;
      do {
        const char c = text_[position_++];
        if (c == '<' || c == '(') ++depth;
        if (c == '>' || c == ')') --depth;
      } while (depth > 0 && position_ < text_.size());
      type.name += std::string(text_.substr(start, position_ - start));
    }
    return type;
  }

  bool AtEnd() {
    SkipSpace();
    return position_ >= text_.size();
  }

 private:
  char Peek() const { return position_ < text_.size() ? text_[position_] : '\0'; }
  bool Consume(char c) {
    SkipSpace();
    if (Peek() != c) return false;
    ++position_;
    return true;
  }
  void SkipSpace() {
    while (position_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[position_]))) {
      ++position_;
    }
  }
  std::string ReadIdentifier() {
    if (Peek() == '`') {
      const size_t close = text_.find('`', position_ + 1);
      if (close == std::string_view::npos) return "";
      std::string name(text_.substr(position_ + 1, close - position_ - 1));
      position_ = close + 1;
      return name;
    }
    const size_t start = position_;
    while (position_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[position_])) || text_[position_] == '_' ||
            text_[position_] == '.')) {
      ++position_;
    }
    return std::string(text_.substr(start, position_ - start));
  }
  // A struct field is `name TYPE` or just `TYPE`: a name is an identifier followed by
  // another identifier. Returns "" (and consumes nothing) for an anonymous field.
  std::string ReadFieldName() {
    SkipSpace();
    const size_t start = position_;
    std::string first = ReadIdentifier();
    SkipSpace();
    const char next = Peek();
    if (!first.empty() && next != ',' && next != '>' && next != '<' && next != '(' && next != '\0') {
      return first;
    }
    position_ = start;
    return "";
  }

  std::string_view text_;
  size_t position_ = 0;
};

std::optional<ZetasqlValue> NormalizeInteger(std::string text) {
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.erase(0, 1);
  }
  if (!AllDigits(text)) return std::nullopt;
  const size_t first_nonzero = text.find_first_not_of('0');
  text = first_nonzero == std::string::npos ? "0" : text.substr(first_nonzero);
  ZetasqlValue value;
  value.kind = ZetasqlKind::kInteger;
  value.is_null = false;
  value.text = (negative && text != "0" ? "-" : "") + text;
  return value;
}

std::optional<double> ParseDouble(const std::string& raw) {
  std::string text = raw;
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (text == "nan" || text == "+nan" || text == "-nan") {
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (text == "inf" || text == "+inf" || text == "infinity" || text == "+infinity") {
    return std::numeric_limits<double>::infinity();
  }
  if (text == "-inf" || text == "-infinity") return -std::numeric_limits<double>::infinity();
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double parsed = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return parsed;
}

// Canonical decimal: optional '-', integer digits without leading zeros, fraction without
// trailing zeros. Exponents are applied.
std::optional<std::string> NormalizeDecimal(std::string text) {
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.erase(0, 1);
  }
  int exponent = 0;
  const size_t e = text.find_first_of("eE");
  if (e != std::string::npos) {
    exponent = std::atoi(text.c_str() + e + 1);
    text.resize(e);
  }
  std::string integer_part = text;
  std::string fraction;
  const size_t dot = text.find('.');
  if (dot != std::string::npos) {
    integer_part = text.substr(0, dot);
    fraction = text.substr(dot + 1);
  }
  if (integer_part.empty() && fraction.empty()) return std::nullopt;
  if ((!integer_part.empty() && !AllDigits(integer_part)) || (!fraction.empty() && !AllDigits(fraction))) {
    return std::nullopt;
  }
  std::string digits = integer_part + fraction;
  int point = static_cast<int>(integer_part.size()) + exponent;  // digits before the point
  if (point < 0) {
    digits.insert(0, static_cast<size_t>(-point), '0');
    point = 0;
  }
  if (point > static_cast<int>(digits.size())) digits.append(point - digits.size(), '0');
  integer_part = digits.substr(0, point);
  fraction = digits.substr(point);
  const size_t first_nonzero = integer_part.find_first_not_of('0');
  integer_part = first_nonzero == std::string::npos ? "0" : integer_part.substr(first_nonzero);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  std::string out = integer_part + (fraction.empty() ? "" : "." + fraction);
  if (negative && out != "0") out = "-" + out;
  return out;
}

// "HH:MM:SS[.ffffff]" without trailing fractional zeros.
std::string TrimFraction(std::string text) {
  const size_t dot = text.rfind('.');
  if (dot == std::string::npos || text.find(':') == std::string::npos || dot < text.rfind(':')) {
    return text;
  }
  while (text.size() > dot + 1 && text.back() == '0') text.pop_back();
  if (text.size() == dot + 1) text.pop_back();
  return text;
}

int64_t DaysFromCivil(int64_t year, int64_t month, int64_t day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

// Parses "[.digits]" at `*position` into nanoseconds (up to 9 digits).
int64_t ReadFractionNanos(const std::string& text, size_t* position) {
  if (*position >= text.size() || text[*position] != '.') return 0;
  ++*position;
  int64_t nanos = 0;
  int digits = 0;
  while (*position < text.size() && std::isdigit(static_cast<unsigned char>(text[*position]))) {
    if (digits < 9) nanos = nanos * 10 + (text[*position] - '0');
    ++digits;
    ++*position;
  }
  for (; digits < 9; ++digits) nanos *= 10;
  return nanos;
}

// "YYYY-MM-DD[ |T]HH:MM:SS[.f][+HH[:MM]|Z| UTC]" -> microseconds since the epoch.
std::optional<int64_t> ParseTimestampMicros(const std::string& text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, consumed = 0;
  if (std::sscanf(text.c_str(), "%d-%d-%d%n", &year, &month, &day, &consumed) != 3) return std::nullopt;
  size_t position = static_cast<size_t>(consumed);
  int64_t nanos = 0;
  if (position < text.size() && (text[position] == ' ' || text[position] == 'T')) {
    int time_consumed = 0;
    if (std::sscanf(text.c_str() + position + 1, "%d:%d:%d%n", &hour, &minute, &second,
                    &time_consumed) == 3) {
      position += 1 + static_cast<size_t>(time_consumed);
      nanos = ReadFractionNanos(text, &position);
    }
  }
  std::string zone = Trim(text.substr(position));
  int64_t offset_minutes = 0;
  if (!zone.empty() && zone != "Z" && zone != "UTC") {
    if (zone[0] != '+' && zone[0] != '-') return std::nullopt;
    const int sign = zone[0] == '-' ? -1 : 1;
    int zone_hours = 0, zone_minutes = 0;
    if (std::sscanf(zone.c_str() + 1, "%d:%d", &zone_hours, &zone_minutes) < 1) return std::nullopt;
    offset_minutes = sign * (zone_hours * 60 + zone_minutes);
  }
  const int64_t seconds = DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 +
                          second - offset_minutes * 60;
  return seconds * 1000000 + nanos / 1000;
}

// "[-]Y-M [-]D [-]H:M:S[.f]" into months, days and nanoseconds.
bool ParseInterval(const std::string& text, ZetasqlValue* value) {
  char year_month[64], day_text[64], time_text[64];
  if (std::sscanf(text.c_str(), "%63s %63s %63s", year_month, day_text, time_text) != 3) return false;
  std::string ym = year_month;
  const int ym_sign = ym[0] == '-' ? -1 : 1;
  if (ym[0] == '-' || ym[0] == '+') ym.erase(0, 1);
  long long years = 0, months = 0;
  if (std::sscanf(ym.c_str(), "%lld-%lld", &years, &months) != 2) return false;
  value->months = ym_sign * (years * 12 + months);
  value->days = std::atoll(day_text);
  std::string time = time_text;
  const int time_sign = time[0] == '-' ? -1 : 1;
  if (time[0] == '-' || time[0] == '+') time.erase(0, 1);
  long long hours = 0, minutes = 0, seconds = 0;
  int consumed = 0;
  if (std::sscanf(time.c_str(), "%lld:%lld:%lld%n", &hours, &minutes, &seconds, &consumed) != 3) {
    return false;
  }
  size_t position = static_cast<size_t>(consumed);
  const int64_t fraction = ReadFractionNanos(time, &position);
  value->nanos = time_sign * (((hours * 60 + minutes) * 60 + seconds) * 1000000000LL + fraction);
  return true;
}

// JSON text without whitespace outside strings.
std::string CompactJson(std::string_view text) {
  std::string out;
  bool in_string = false;
  for (size_t index = 0; index < text.size(); ++index) {
    const char c = text[index];
    if (in_string) {
      out.push_back(c);
      if (c == '\\' && index + 1 < text.size()) {
        out.push_back(text[++index]);
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
      out.push_back(c);
    } else if (!std::isspace(static_cast<unsigned char>(c))) {
      out.push_back(c);
    }
  }
  return out;
}

std::string QuoteForDebug(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20 || c >= 0x7f) {
      char buffer[8];
      std::snprintf(buffer, sizeof(buffer), "\\x%02x", c);
      out += buffer;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out + "\"";
}

}  // namespace

std::optional<ZetasqlType> ParseZetasqlType(std::string_view text) {
  TypeReader reader(text);
  std::optional<ZetasqlType> type = reader.ReadType();
  if (!type || !reader.AtEnd()) return std::nullopt;
  return type;
}

ZetasqlKind ScalarKindOf(std::string_view raw_name) {
  const std::string name = Upper(raw_name);
  if (name == "INT64" || name == "INT32" || name == "UINT32" || name == "UINT64") {
    return ZetasqlKind::kInteger;
  }
  if (name == "DOUBLE" || name == "FLOAT64" || name == "FLOAT" || name == "FLOAT32") {
    return ZetasqlKind::kFloat;
  }
  if (name == "NUMERIC" || name == "BIGNUMERIC" || name == "DECIMAL" || name == "BIGDECIMAL") {
    return ZetasqlKind::kNumeric;
  }
  if (name == "BOOL" || name == "BOOLEAN") return ZetasqlKind::kBool;
  if (name == "STRING") return ZetasqlKind::kString;
  if (name == "BYTES") return ZetasqlKind::kBytes;
  if (name == "DATE") return ZetasqlKind::kDate;
  if (name == "DATETIME") return ZetasqlKind::kDatetime;
  if (name == "TIME") return ZetasqlKind::kTime;
  if (name == "TIMESTAMP") return ZetasqlKind::kTimestamp;
  if (name == "INTERVAL") return ZetasqlKind::kInterval;
  if (name == "JSON") return ZetasqlKind::kJson;
  if (name == "NULL") return ZetasqlKind::kNull;
  return ZetasqlKind::kOther;
}

ZetasqlValue ZetasqlValue::Null(ZetasqlKind kind) {
  ZetasqlValue value;
  value.kind = kind;
  value.is_null = true;
  return value;
}

std::optional<ZetasqlValue> ScalarFromText(const ZetasqlType& type, std::string_view raw) {
  ZetasqlValue value;
  value.kind = type.kind;
  value.is_null = false;
  const bool keeps_spaces = type.kind == ZetasqlKind::kString || type.kind == ZetasqlKind::kBytes;
  const std::string text = keeps_spaces ? std::string(raw) : Trim(raw);
  switch (type.kind) {
    case ZetasqlKind::kInteger:
      return NormalizeInteger(text);
    case ZetasqlKind::kFloat: {
      const std::optional<double> parsed = ParseDouble(text);
      if (!parsed) return std::nullopt;
      value.float_value = *parsed;
      value.is_float32 = Upper(type.name) == "FLOAT" || Upper(type.name) == "FLOAT32";
      return value;
    }
    case ZetasqlKind::kNumeric: {
      std::optional<std::string> decimal = NormalizeDecimal(text);
      if (!decimal) return std::nullopt;
      value.text = *decimal;
      return value;
    }
    case ZetasqlKind::kBool: {
      const std::string upper = Upper(text);
      if (upper != "TRUE" && upper != "FALSE") return std::nullopt;
      value.text = upper == "TRUE" ? "true" : "false";
      return value;
    }
    case ZetasqlKind::kDatetime: {
      std::string datetime = text;
      if (datetime.size() > 10 && datetime[10] == 'T') datetime[10] = ' ';
      value.text = TrimFraction(datetime);
      return value;
    }
    case ZetasqlKind::kTime:
      value.text = TrimFraction(text);
      return value;
    case ZetasqlKind::kTimestamp: {
      const std::optional<int64_t> micros = ParseTimestampMicros(text);
      if (!micros) return std::nullopt;
      value.micros = *micros;
      return value;
    }
    case ZetasqlKind::kInterval:
      if (!ParseInterval(text, &value)) return std::nullopt;
      return value;
    case ZetasqlKind::kJson:
      value.text = CompactJson(text);
      return value;
    case ZetasqlKind::kArray:
    case ZetasqlKind::kStruct:
      return std::nullopt;
    default:
      value.text = text;
      return value;
  }
}

std::string ZetasqlValue::DebugString() const {
  if (is_null) return "NULL";
  switch (kind) {
    case ZetasqlKind::kFloat: {
      char buffer[40];
      std::snprintf(buffer, sizeof(buffer), "%.17g", float_value);
      return buffer;
    }
    case ZetasqlKind::kString: return QuoteForDebug(text);
    case ZetasqlKind::kBytes: return "b" + QuoteForDebug(text);
    case ZetasqlKind::kTimestamp: return "TIMESTAMP(" + std::to_string(micros) + "us)";
    case ZetasqlKind::kInterval:
      return "INTERVAL(" + std::to_string(months) + "m " + std::to_string(days) + "d " +
             std::to_string(nanos) + "ns)";
    case ZetasqlKind::kArray:
    case ZetasqlKind::kStruct: {
      const bool is_array = kind == ZetasqlKind::kArray;
      std::string out = is_array ? (ordered ? "[" : "[unknown order:") : "{";
      for (size_t index = 0; index < children.size(); ++index) {
        if (index > 0) out += ", ";
        out += children[index].DebugString();
      }
      return out + (is_array ? "]" : "}");
    }
    default: return text;
  }
}

}  // namespace deepquery::tools

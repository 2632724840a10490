#include "storage/csv/csv_field_converter.h"

#include "common/utf8.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "types/date_time.h"
#include "types/numeric.h"

namespace dq {

namespace {

std::string_view TrimSpaces(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && (text[begin] == ' ' || text[begin] == '\t')) ++begin;
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  return text.substr(begin, end - begin);
}

bool EqualsIgnoreCase(std::string_view text, std::string_view lower_word) {
  if (text.size() != lower_word.size()) return false;
  for (size_t index = 0; index < text.size(); ++index) {
    char c = text[index];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower_word[index]) return false;
  }
  return true;
}

int Base64Digit(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

template <typename T>
void Store(Vector& target, size_t row, T value) {
  target.Data<T>()[row] = value;
}

}  // namespace

Status CheckCsvColumnType(const LogicalType& type, const std::string& column_name) {
  if (type.IsNested() || type.id() == TypeId::kInterval || !type.IsValid() ||
      type.id() == TypeId::kNull) {
    return Status::NotSupported("CSV files cannot hold column " + column_name + " of type " +
                                type.ToString() + "; use a format with nested types");
  }
  return Status::OK();
}

bool ParseCsvBool(std::string_view text, bool* value) {
  text = TrimSpaces(text);
  if (EqualsIgnoreCase(text, "true") || EqualsIgnoreCase(text, "t") ||
      EqualsIgnoreCase(text, "yes") || EqualsIgnoreCase(text, "y") || text == "1") {
    *value = true;
    return true;
  }
  if (EqualsIgnoreCase(text, "false") || EqualsIgnoreCase(text, "f") ||
      EqualsIgnoreCase(text, "no") || EqualsIgnoreCase(text, "n") || text == "0") {
    *value = false;
    return true;
  }
  return false;
}

bool ParseCsvInt64(std::string_view text, int64_t* value) {
  const char* cursor = text.data();
  const char* end = cursor + text.size();
  while (cursor < end && *cursor == ' ') ++cursor;
  while (end > cursor && end[-1] == ' ') --end;
  bool negative = false;
  if (cursor < end && (*cursor == '-' || *cursor == '+')) {
    negative = *cursor == '-';
    ++cursor;
  }
  if (cursor == end) return false;
  uint64_t magnitude = 0;
  for (; cursor < end; ++cursor) {
    unsigned digit = static_cast<unsigned>(*cursor - '0');
    if (digit > 9) return false;
    if (magnitude > (std::numeric_limits<uint64_t>::max() - digit) / 10) return false;
    magnitude = magnitude * 10 + digit;
  }
  uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  if (magnitude > limit) return false;
  *value = negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
  return true;
}

bool ParseCsvFloat64(std::string_view text, double* value) {
  text = TrimSpaces(text);
  if (text.empty()) return false;
  bool negative = false;
  if (text[0] == '+' || text[0] == '-') {
    negative = text[0] == '-';
    text.remove_prefix(1);
    // std::from_chars takes no sign; a second sign is malformed.
    if (text.empty() || text[0] == '+' || text[0] == '-') return false;
  }
  double parsed = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (end != text.data() + text.size()) return false;
  if (error == std::errc::result_out_of_range) {
    // Overflow and underflow: BigQuery loads these as +-inf and 0.
    parsed = std::strtod(std::string(text).c_str(), nullptr);
  } else if (error != std::errc()) {
    return false;
  }
  *value = negative ? -parsed : parsed;
  return true;
}

bool DecodeBase64(std::string_view text, std::string* bytes) {
  bytes->clear();
  if (text.size() % 4 != 0) return false;
  bytes->reserve(text.size() / 4 * 3);
  for (size_t group = 0; group < text.size(); group += 4) {
    int digits[4];
    int padding = 0;
    for (int offset = 0; offset < 4; ++offset) {
      char c = text[group + offset];
      if (c == '=' && group + 4 == text.size() && offset >= 2) {
        digits[offset] = 0;
        ++padding;
        continue;
      }
      if (padding > 0) return false;  // data after '='
      digits[offset] = Base64Digit(c);
      if (digits[offset] < 0) return false;
    }
    uint32_t bits = (digits[0] << 18) | (digits[1] << 12) | (digits[2] << 6) | digits[3];
    bytes->push_back(static_cast<char>(bits >> 16));
    if (padding < 2) bytes->push_back(static_cast<char>((bits >> 8) & 0xff));
    if (padding < 1) bytes->push_back(static_cast<char>(bits & 0xff));
  }
  return true;
}


CsvConvertResult ConvertCsvField(std::string_view text, Vector& target, size_t row) {
  bool ok = false;
  switch (target.type().id()) {
    case TypeId::kBool: {
      bool value;
      ok = ParseCsvBool(text, &value);
      if (ok) Store(target, row, value);
      break;
    }
    case TypeId::kInt64: {
      int64_t value;
      ok = ParseCsvInt64(text, &value);
      if (ok) Store(target, row, value);
      break;
    }
    case TypeId::kFloat64: {
      double value;
      ok = ParseCsvFloat64(text, &value);
      if (ok) Store(target, row, value);
      break;
    }
    case TypeId::kNumeric: {
      int128_t value;
      ok = ParseNumeric(text, &value);
      if (ok) Store(target, row, value);
      break;
    }
    case TypeId::kDate: {
      int32_t value;
      ok = ParseDate(text, &value);
      if (ok) Store(target, row, value);
      break;
    }
    case TypeId::kDatetime:
    case TypeId::kTime:
    case TypeId::kTimestamp: {
      int64_t value;
      TypeId id = target.type().id();
      ok = id == TypeId::kDatetime ? ParseDatetime(text, &value)
           : id == TypeId::kTime   ? ParseTime(text, &value)
                                   : ParseTimestamp(text, &value);
      if (ok) Store(target, row, value);
      break;
    }
    case TypeId::kString:
    case TypeId::kJson: {
      if (!IsValidUtf8(text)) return CsvConvertResult::kInvalidUtf8;
      Store(target, row, target.AddString(text));
      ok = true;
      break;
    }
    case TypeId::kBytes: {
      thread_local std::string bytes;
      ok = DecodeBase64(TrimSpaces(text), &bytes);
      if (ok) Store(target, row, target.AddString(bytes));
      break;
    }
    default:
      DQ_CHECK(false && "CheckCsvColumnType admits no other type");
  }
  if (!ok) return CsvConvertResult::kBadValue;
  if (!target.validity().AllValid()) target.validity().SetValid(row);
  return CsvConvertResult::kOk;
}

}  // namespace dq

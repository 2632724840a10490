#include "catalog/catalog_entries.h"

#include <chrono>
#include <mutex>
#include <random>

#include <unistd.h>

namespace dq {

std::optional<size_t> TableEntry::FindColumn(std::string_view column_name) const {
  for (size_t index = 0; index < columns.size(); ++index) {
    if (EqualsIgnoreCase(columns[index].name, column_name)) return index;
  }
  return std::nullopt;
}

std::vector<LogicalType> TableEntry::ColumnTypes() const {
  std::vector<LogicalType> types;
  types.reserve(columns.size());
  for (const ColumnDefinition& column : columns) types.push_back(column.type);
  return types;
}

void TableEntry::AddRowGroups(const std::vector<RowGroupMeta>& groups) {
  for (const RowGroupMeta& group : groups) {
    row_groups.push_back(group);
    row_count += group.row_count;
  }
}

std::string ToLowerAscii(std::string_view text) {
  std::string lower(text);
  for (char& character : lower) {
    if (character >= 'A' && character <= 'Z') character = static_cast<char>(character - 'A' + 'a');
  }
  return lower;
}

bool EqualsIgnoreCase(std::string_view left, std::string_view right) {
  if (left.size() != right.size()) return false;
  for (size_t index = 0; index < left.size(); ++index) {
    char a = left[index];
    char b = right[index];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

std::string NewObjectId() {
  static std::mutex mutex;
  static std::mt19937_64 generator = [] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device(),
                       static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count())};
    return std::mt19937_64(seed);
  }();
  uint64_t bits;
  {
    std::lock_guard<std::mutex> lock(mutex);
    bits = generator() ^ (static_cast<uint64_t>(getpid()) << 40);  // distinct after fork()
  }
  static const char kHex[] = "0123456789abcdef";
  std::string id(16, '0');
  for (int digit = 15; digit >= 0; --digit) {
    id[digit] = kHex[bits & 0xF];
    bits >>= 4;
  }
  return id;
}

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace dq

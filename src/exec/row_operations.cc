#include "exec/row_operations.h"

#include <cmath>
#include <cstring>

#include <xxhash.h>

#include "common/error.h"
#include "types/interval.h"
#include "vector/string_view.h"

namespace dq {

namespace {

constexpr uint64_t kNullHash = 0xbf58476d1ce4e5b9ULL;

inline uint64_t MixHash(uint64_t value) {
  value ^= value >> 33;
  value *= 0xff51afd7ed558ccdULL;
  value ^= value >> 33;
  value *= 0xc4ceb9fe1a85ec53ULL;
  value ^= value >> 33;
  return value;
}

inline uint64_t CombineHash(uint64_t existing, uint64_t next) {
  return existing ^ (next + 0x9e3779b97f4a7c15ULL + (existing << 6) + (existing >> 2));
}

template <typename T>
inline uint64_t HashScalar(const T& value) {
  if constexpr (std::is_same_v<T, double>) {
    double normalized = value;
    if (normalized == 0) normalized = 0;  // -0.0 and 0.0 hash alike
    if (std::isnan(normalized)) normalized = NAN;
    uint64_t bits;
    std::memcpy(&bits, &normalized, sizeof(bits));
    return MixHash(bits);
  } else if constexpr (std::is_same_v<T, StringView>) {
    // Short strings are stored inline (the same bytes for equal strings): mix the 16 bytes.
    if (value.IsInlined()) {
      uint64_t words[2];
      std::memcpy(words, &value, sizeof(words));
      return MixHash(words[0] ^ MixHash(words[1]));
    }
    return XXH3_64bits(value.data(), value.size());
  } else if constexpr (std::is_same_v<T, int128_t>) {
    return CombineHash(MixHash(static_cast<uint64_t>(value)),
                       MixHash(static_cast<uint64_t>(value >> 64)));
  } else if constexpr (std::is_same_v<T, Interval>) {
    // Equal intervals (1 MONTH = 30 DAY) must hash alike: hash the normalized duration.
    int128_t key = IntervalOrderKey(value);
    return CombineHash(MixHash(static_cast<uint64_t>(key)),
                       MixHash(static_cast<uint64_t>(key >> 64)));
  } else {
    return MixHash(static_cast<uint64_t>(value));
  }
}

template <typename T>
void HashTyped(const UnifiedVector& unified, size_t count, uint64_t* hashes, bool combine) {
  const T* data = unified.Data<T>();
  for (size_t row = 0; row < count; ++row) {
    sel_t index = unified.index(row);
    uint64_t hash = unified.validity->RowIsValid(index) ? HashScalar(data[index]) : kNullHash;
    hashes[row] = combine ? CombineHash(hashes[row], hash) : hash;
  }
}

template <typename T>
inline int CompareScalar(const T& left, const T& right) {
  if constexpr (std::is_same_v<T, double>) {
    bool left_nan = std::isnan(left);
    bool right_nan = std::isnan(right);
    if (left_nan || right_nan) return left_nan == right_nan ? 0 : (left_nan ? -1 : 1);
    return left < right ? -1 : (right < left ? 1 : 0);
  } else if constexpr (std::is_same_v<T, StringView>) {
    int result = left.Compare(right);
    return result < 0 ? -1 : (result > 0 ? 1 : 0);
  } else if constexpr (std::is_same_v<T, Interval>) {
    // GoogleSQL compares normalized intervals (1 month = 30 days, 1 day = 24 hours).
    int128_t left_key = IntervalOrderKey(left);
    int128_t right_key = IntervalOrderKey(right);
    return left_key < right_key ? -1 : (right_key < left_key ? 1 : 0);
  } else {
    return left < right ? -1 : (right < left ? 1 : 0);
  }
}

}  // namespace

void HashVector(const Vector& vector, size_t count, uint64_t* hashes, bool combine) {
  UnifiedVector unified;
  vector.ToUnified(count, unified);
  switch (vector.type().id()) {
    case TypeId::kNull:
    case TypeId::kBool: HashTyped<bool>(unified, count, hashes, combine); return;
    case TypeId::kDate: HashTyped<int32_t>(unified, count, hashes, combine); return;
    case TypeId::kInt64:
    case TypeId::kDatetime:
    case TypeId::kTime:
    case TypeId::kTimestamp: HashTyped<int64_t>(unified, count, hashes, combine); return;
    case TypeId::kFloat64: HashTyped<double>(unified, count, hashes, combine); return;
    case TypeId::kNumeric: HashTyped<int128_t>(unified, count, hashes, combine); return;
    case TypeId::kInterval: HashTyped<Interval>(unified, count, hashes, combine); return;
    case TypeId::kString:
    case TypeId::kBytes:
    case TypeId::kJson: HashTyped<StringView>(unified, count, hashes, combine); return;
    default: {
      // Nested values: hash their canonical text (slow path).
      for (size_t row = 0; row < count; ++row) {
        std::string text = vector.GetValue(row).ToSqlLiteral();
        uint64_t hash = XXH3_64bits(text.data(), text.size());
        hashes[row] = combine ? CombineHash(hashes[row], hash) : hash;
      }
      return;
    }
  }
}

int CompareValues(const LogicalType& type, const UnifiedVector& left, sel_t left_index,
                  const UnifiedVector& right, sel_t right_index) {
  switch (type.id()) {
    case TypeId::kNull: return 0;
    case TypeId::kBool:
      return CompareScalar(left.Data<bool>()[left_index], right.Data<bool>()[right_index]);
    case TypeId::kDate:
      return CompareScalar(left.Data<int32_t>()[left_index], right.Data<int32_t>()[right_index]);
    case TypeId::kInt64:
    case TypeId::kDatetime:
    case TypeId::kTime:
    case TypeId::kTimestamp:
      return CompareScalar(left.Data<int64_t>()[left_index], right.Data<int64_t>()[right_index]);
    case TypeId::kFloat64:
      return CompareScalar(left.Data<double>()[left_index], right.Data<double>()[right_index]);
    case TypeId::kNumeric:
      return CompareScalar(left.Data<int128_t>()[left_index], right.Data<int128_t>()[right_index]);
    case TypeId::kInterval:
      return CompareScalar(left.Data<Interval>()[left_index], right.Data<Interval>()[right_index]);
    case TypeId::kString:
    case TypeId::kBytes:
    case TypeId::kJson:
      return CompareScalar(left.Data<StringView>()[left_index],
                           right.Data<StringView>()[right_index]);
    default: {
      // Nested: compare canonical text (equality is exact; order is only used for grouping).
      std::string left_text;
      std::string right_text;
      // Physical indexes address the source vectors directly.
      left_text = left.source->GetValue(left_index).ToSqlLiteral();
      right_text = right.source->GetValue(right_index).ToSqlLiteral();
      return left_text < right_text ? -1 : (right_text < left_text ? 1 : 0);
    }
  }
}

bool RowsEqualForGrouping(const LogicalType& type, const UnifiedVector& left, size_t left_row,
                          const UnifiedVector& right, size_t right_row) {
  sel_t left_index = left.index(left_row);
  sel_t right_index = right.index(right_row);
  bool left_valid = left.validity->RowIsValid(left_index);
  bool right_valid = right.validity->RowIsValid(right_index);
  if (!left_valid || !right_valid) return left_valid == right_valid;
  switch (type.id()) {
    case TypeId::kInt64:
    case TypeId::kDatetime:
    case TypeId::kTime:
    case TypeId::kTimestamp:
      return left.Data<int64_t>()[left_index] == right.Data<int64_t>()[right_index];
    case TypeId::kDate:
      return left.Data<int32_t>()[left_index] == right.Data<int32_t>()[right_index];
    case TypeId::kString:
    case TypeId::kBytes:
      return left.Data<StringView>()[left_index] == right.Data<StringView>()[right_index];
    default: break;
  }
  return CompareValues(type, left, left_index, right, right_index) == 0;
}

}  // namespace dq

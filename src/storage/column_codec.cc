#include "storage/column_codec.h"

#include <cstring>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dq {

namespace {

constexpr size_t kMaxStringDictionary = 1 << 16;

void EncodeValidity(const ValidityMask& validity, size_t count, ByteWriter& out) {
  if (validity.AllValid() || validity.CountInvalid(count) == 0) {
    out.PutU8(0);
    return;
  }
  out.PutU8(1);
  std::string bits((count + 7) / 8, '\0');
  for (size_t row = 0; row < count; ++row) {
    if (validity.RowIsValid(row)) bits[row / 8] |= static_cast<char>(1 << (row % 8));
  }
  out.PutRaw(bits.data(), bits.size());
}

bool DecodeValidity(ByteReader& in, size_t count, Vector& out) {
  uint8_t has_nulls;
  if (!in.GetU8(&has_nulls) || has_nulls > 1) return false;
  if (has_nulls == 0) return true;
  std::string_view bits;
  if (!in.GetBytes((count + 7) / 8, &bits)) return false;
  for (size_t row = 0; row < count; ++row) {
    if (((bits[row / 8] >> (row % 8)) & 1) == 0) out.validity().SetInvalid(row);
  }
  return true;
}

// Widens rows to int64, NULL rows repeating the previous value.
template <typename T, typename Convert>
std::vector<int64_t> Widen(const Vector& column, size_t count, Convert convert) {
  std::vector<int64_t> values(count);
  const T* data = column.Data<T>();
  const ValidityMask& validity = column.validity();
  int64_t previous = 0;
  for (size_t row = 0; row < count; ++row) {
    if (validity.RowIsValid(row)) previous = convert(data[row]);
    values[row] = previous;
  }
  return values;
}

IntEncoding EncodeStrings(const Vector& column, size_t count, ByteWriter& out) {
  const StringView* data = column.Data<StringView>();
  const ValidityMask& validity = column.validity();
  std::vector<std::string_view> texts(count);
  uint64_t total = 0;
  for (size_t row = 0; row < count; ++row) {
    if (validity.RowIsValid(row)) texts[row] = data[row].view();
    total += texts[row].size();
  }
  // Dictionary in first-appearance order, abandoned when it cannot pay off.
  std::unordered_map<std::string_view, int64_t> codes;
  std::vector<std::string_view> entries;
  uint64_t entry_bytes = 0;
  bool use_dictionary = count > 0;
  for (size_t row = 0; row < count && use_dictionary; ++row) {
    auto [position, inserted] = codes.emplace(texts[row], static_cast<int64_t>(entries.size()));
    if (inserted) {
      entries.push_back(texts[row]);
      entry_bytes += texts[row].size();
      if (entries.size() > kMaxStringDictionary || entries.size() > count / 2 + 1) {
        use_dictionary = false;
      }
    }
  }
  if (use_dictionary) {
    uint64_t code_bytes = count * 2;  // rough upper bound of a packed code
    use_dictionary = entry_bytes + entries.size() * 2 + code_bytes < total + count;
  }
  if (!use_dictionary) {
    out.PutU8(0);
    std::vector<int64_t> lengths(count);
    for (size_t row = 0; row < count; ++row) lengths[row] = static_cast<int64_t>(texts[row].size());
    EncodeIntegers(lengths.data(), count, out);
    out.PutVarint(total);
    for (std::string_view text : texts) out.PutRaw(text.data(), text.size());
    return IntEncoding::kPlain;
  }
  out.PutU8(1);
  out.PutVarint(entries.size());
  std::vector<int64_t> lengths(entries.size());
  for (size_t code = 0; code < entries.size(); ++code) {
    lengths[code] = static_cast<int64_t>(entries[code].size());
  }
  EncodeIntegers(lengths.data(), lengths.size(), out);
  out.PutVarint(entry_bytes);
  for (std::string_view text : entries) out.PutRaw(text.data(), text.size());
  std::vector<int64_t> row_codes(count);
  for (size_t row = 0; row < count; ++row) row_codes[row] = codes[texts[row]];
  EncodeIntegers(row_codes.data(), count, out);
  return IntEncoding::kDictionary;
}

// Lengths and bytes of `count` strings; returns the views (pointing into `out`'s heap).
bool DecodeStringBlock(ByteReader& in, size_t count, Vector& out, std::vector<StringView>* views) {
  std::vector<int64_t> lengths(count);
  if (!DecodeIntegers(in, count, lengths.data())) return false;
  uint64_t total;
  std::string_view bytes;
  if (!in.GetVarint(&total) || !in.GetBytes(total, &bytes)) return false;
  char* storage = total > 0 ? out.heap().Allocate(total) : nullptr;
  if (total > 0) std::memcpy(storage, bytes.data(), total);
  views->resize(count);
  uint64_t offset = 0;
  for (size_t index = 0; index < count; ++index) {
    auto length = static_cast<uint64_t>(lengths[index]);
    if (length > total - offset || length > UINT32_MAX) return false;
    (*views)[index] = StringView(storage + offset, static_cast<uint32_t>(length));
    offset += length;
  }
  return offset == total;
}

bool DecodeStrings(ByteReader& in, size_t count, Vector& out) {
  uint8_t mode;
  if (!in.GetU8(&mode)) return false;
  StringView* data = out.Data<StringView>();
  std::vector<StringView> views;
  if (mode == 0) {
    if (!DecodeStringBlock(in, count, out, &views)) return false;
    std::copy(views.begin(), views.end(), data);
    return true;
  }
  if (mode != 1) return false;
  uint64_t size;
  if (!in.GetVarint(&size) || size > kMaxStringDictionary) return false;
  if (!DecodeStringBlock(in, size, out, &views)) return false;
  std::vector<int64_t> codes(count);
  if (!DecodeIntegers(in, count, codes.data())) return false;
  for (size_t row = 0; row < count; ++row) {
    if (static_cast<uint64_t>(codes[row]) >= size) return false;
    data[row] = views[codes[row]];
  }
  return true;
}

// The array's elements as one contiguous vector in row order (a copy only when needed).
const Vector& ContiguousElements(const Vector& column, size_t count, uint64_t* total,
                                 Vector* scratch) {
  const ArrayEntry* entries = column.Data<ArrayEntry>();
  const ValidityMask& validity = column.validity();
  bool contiguous = true;
  *total = 0;
  for (size_t row = 0; row < count; ++row) {
    if (!validity.RowIsValid(row)) continue;
    if (entries[row].offset != *total) contiguous = false;
    *total += entries[row].length;
  }
  if (contiguous) return column.array_child();
  SelectionVector selection(std::max<uint64_t>(*total, 1));
  size_t position = 0;
  for (size_t row = 0; row < count; ++row) {
    if (!validity.RowIsValid(row)) continue;
    for (uint64_t element = 0; element < entries[row].length; ++element) {
      selection.set_index(position++, static_cast<sel_t>(entries[row].offset + element));
    }
  }
  *scratch = Vector(column.type().element_type(), std::max<uint64_t>(*total, 1));
  CopyVector(column.array_child(), selection, *total, *scratch, 0);
  return *scratch;
}

}  // namespace

IntEncoding EncodeColumn(const Vector& column, size_t count, ByteWriter& out) {
  DQ_CHECK(column.kind() == VectorKind::kFlat);
  EncodeValidity(column.validity(), count, out);
  auto identity = [](auto value) { return static_cast<int64_t>(value); };
  switch (column.type().id()) {
    case TypeId::kInvalid:
    case TypeId::kNull: return IntEncoding::kPlain;
    case TypeId::kBool: {
      auto values = Widen<bool>(column, count, identity);
      return EncodeIntegers(values.data(), count, out);
    }
    case TypeId::kDate: {
      auto values = Widen<int32_t>(column, count, identity);
      return EncodeIntegers(values.data(), count, out);
    }
    case TypeId::kInt64:
    case TypeId::kDatetime:
    case TypeId::kTime:
    case TypeId::kTimestamp: {
      auto values = Widen<int64_t>(column, count, identity);
      return EncodeIntegers(values.data(), count, out);
    }
    case TypeId::kFloat64: {
      auto values = Widen<double>(column, count, [](double value) {
        int64_t bits;
        std::memcpy(&bits, &value, sizeof(bits));
        return bits;
      });
      return EncodeIntegers(values.data(), count, out);
    }
    case TypeId::kNumeric: {
      auto low = Widen<int128_t>(column, count, [](int128_t value) {
        return static_cast<int64_t>(static_cast<uint64_t>(value));
      });
      auto high = Widen<int128_t>(column, count, [](int128_t value) {
        return static_cast<int64_t>(value >> 64);
      });
      IntEncoding encoding = EncodeIntegers(low.data(), count, out);
      EncodeIntegers(high.data(), count, out);
      return encoding;
    }
    case TypeId::kInterval: {
      auto months = Widen<Interval>(column, count, [](Interval value) { return value.months; });
      auto days = Widen<Interval>(column, count, [](Interval value) { return value.days; });
      auto micros = Widen<Interval>(column, count, [](Interval value) { return value.micros; });
      EncodeIntegers(months.data(), count, out);
      EncodeIntegers(days.data(), count, out);
      return EncodeIntegers(micros.data(), count, out);
    }
    case TypeId::kString:
    case TypeId::kBytes:
    case TypeId::kJson: return EncodeStrings(column, count, out);
    case TypeId::kArray: {
      std::vector<int64_t> lengths(count, 0);
      const ArrayEntry* entries = column.Data<ArrayEntry>();
      for (size_t row = 0; row < count; ++row) {
        if (column.validity().RowIsValid(row)) lengths[row] = static_cast<int64_t>(entries[row].length);
      }
      EncodeIntegers(lengths.data(), count, out);
      uint64_t total = 0;
      Vector scratch;
      const Vector& elements = ContiguousElements(column, count, &total, &scratch);
      EncodeColumn(elements, total, out);
      return IntEncoding::kPlain;
    }
    case TypeId::kStruct: {
      for (const Vector& child : column.struct_children()) EncodeColumn(child, count, out);
      return IntEncoding::kPlain;
    }
  }
  return IntEncoding::kPlain;
}

bool DecodeColumn(ByteReader& in, const LogicalType& type, size_t count, Vector& out) {
  out = Vector(type, std::max<size_t>(count, 1));
  if (!DecodeValidity(in, count, out)) return false;
  std::vector<int64_t> values(type.id() == TypeId::kStruct ? 0 : count);
  switch (type.id()) {
    case TypeId::kInvalid:
    case TypeId::kNull: return true;
    case TypeId::kBool: {
      if (!DecodeIntegers(in, count, values.data())) return false;
      for (size_t row = 0; row < count; ++row) out.Data<bool>()[row] = values[row] != 0;
      return true;
    }
    case TypeId::kDate: {
      if (!DecodeIntegers(in, count, values.data())) return false;
      for (size_t row = 0; row < count; ++row) {
        out.Data<int32_t>()[row] = static_cast<int32_t>(values[row]);
      }
      return true;
    }
    case TypeId::kInt64:
    case TypeId::kDatetime:
    case TypeId::kTime:
    case TypeId::kTimestamp: return DecodeIntegers(in, count, out.Data<int64_t>());
    case TypeId::kFloat64: {
      if (!DecodeIntegers(in, count, values.data())) return false;
      std::memcpy(out.Data<double>(), values.data(), count * sizeof(double));
      return true;
    }
    case TypeId::kNumeric: {
      std::vector<int64_t> high(count);
      if (!DecodeIntegers(in, count, values.data()) || !DecodeIntegers(in, count, high.data())) {
        return false;
      }
      for (size_t row = 0; row < count; ++row) {
        auto bits = (static_cast<unsigned __int128>(static_cast<uint64_t>(high[row])) << 64) |
                    static_cast<uint64_t>(values[row]);
        out.Data<int128_t>()[row] = static_cast<int128_t>(bits);
      }
      return true;
    }
    case TypeId::kInterval: {
      std::vector<int64_t> days(count);
      std::vector<int64_t> micros(count);
      if (!DecodeIntegers(in, count, values.data()) || !DecodeIntegers(in, count, days.data()) ||
          !DecodeIntegers(in, count, micros.data())) {
        return false;
      }
      for (size_t row = 0; row < count; ++row) {
        out.Data<Interval>()[row] = Interval{static_cast<int32_t>(values[row]),
                                             static_cast<int32_t>(days[row]), micros[row]};
      }
      return true;
    }
    case TypeId::kString:
    case TypeId::kBytes:
    case TypeId::kJson: return DecodeStrings(in, count, out);
    case TypeId::kArray: {
      if (!DecodeIntegers(in, count, values.data())) return false;
      uint64_t total = 0;
      ArrayEntry* entries = out.Data<ArrayEntry>();
      for (size_t row = 0; row < count; ++row) {
        auto length = static_cast<uint64_t>(values[row]);
        if (length > (uint64_t{1} << 40)) return false;
        entries[row] = ArrayEntry{total, length};
        total += length;
      }
      if (!DecodeColumn(in, type.element_type(), total, out.array_child())) return false;
      out.SetArraySize(total);
      return true;
    }
    case TypeId::kStruct: {
      for (size_t field = 0; field < type.fields().size(); ++field) {
        Vector& child = out.struct_children()[field];
        if (!DecodeColumn(in, *type.fields()[field].type, count, child)) return false;
      }
      return true;
    }
  }
  return false;
}

void CopyColumnRange(const Vector& source, size_t start, size_t count, Vector& target) {
  DQ_CHECK(target.kind() == VectorKind::kFlat);
  DQ_CHECK_LE(count, target.capacity());
  ValidityMask& validity = target.validity();
  validity.Reset();
  if (!source.validity().AllValid()) {
    for (size_t row = 0; row < count; ++row) {
      if (!source.validity().RowIsValid(start + row)) validity.SetInvalid(row);
    }
  }
  const LogicalType& type = source.type();
  switch (type.id()) {
    case TypeId::kStruct: {
      for (size_t field = 0; field < type.fields().size(); ++field) {
        CopyColumnRange(source.struct_children()[field], start, count,
                        target.struct_children()[field]);
      }
      return;
    }
    case TypeId::kArray: {
      const ArrayEntry* entries = source.Data<ArrayEntry>();
      ArrayEntry* target_entries = target.Data<ArrayEntry>();
      uint64_t first = count > 0 ? entries[start].offset : 0;
      uint64_t end = count > 0 ? entries[start + count - 1].offset + entries[start + count - 1].length : 0;
      for (size_t row = 0; row < count; ++row) {
        target_entries[row] = ArrayEntry{entries[start + row].offset - first, entries[start + row].length};
      }
      Vector& child = target.array_child();
      uint64_t elements = end - first;
      if (child.kind() != VectorKind::kFlat || child.capacity() < elements) {
        child = Vector(type.element_type(), std::max<uint64_t>(elements, 1));
      }
      target.SetArraySize(elements);
      CopyColumnRange(source.array_child(), first, elements, child);
      return;
    }
    default: break;
  }
  size_t width = type.PhysicalSize();
  if (width > 0 && count > 0) {
    std::memcpy(target.raw_data(), source.raw_data() + start * width, count * width);
  }
  if (type.IsStringLike()) target.KeepAlive(source);
}

}  // namespace dq
